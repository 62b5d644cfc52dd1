"""Coordinate sets as coloured, optionally numbered markers on glass brains, in the house style.

Each function returns the matplotlib figure; the notebook passes it to
:func:`explainers.figures.show.show_figure` with caption and alt text.
"""

from __future__ import annotations

import numpy as np

from explainers.datasets import volumes
from explainers.figures import housestyle, plotspec
from explainers.figures.plotspec import LAYER_KEYS, PANEL_KEYS

GLASS_BRAIN_MODE = "lzr"  # left side, top and right side: every DMN hub is visible in one of them


def glass_brain_markers(
    layers, title: str | None = None, figsize=(housestyle.WIDTH_FULL, 4.2), legend_columns: int = 3
):
    """Draw coordinate sets as coloured markers on one glass brain.

    Parameters
    ----------
    layers : list of dict
        Drawn in order; each has ``coords`` (n x 3 MNI mm), ``color``, ``label`` and
        optionally ``size`` (marker area, default 40), ``marker`` (default "o") and
        ``numbers`` (n short strings written on the markers, e.g. "1", "2", so a key in the
        caption or a table can name them; each is written only in the views where nilearn
        draws its marker: left view x <= 0, right view x >= 0, top view all). ``coords``
        may be a table with columns x, y, z.
    title : str, optional
    figsize : tuple, optional
    legend_columns : int, default 3
        Columns of the legend under the brains.

    Returns
    -------
    matplotlib.figure.Figure
    """
    return glass_brain_stack(
        [{"layers": layers}],
        title=title,
        panel_height=figsize[1],
        width=figsize[0],
        legend_columns=legend_columns,
    )


def glass_brain_stack(
    panels,
    title: str | None = None,
    panel_height: float = 4.2,
    width: float = housestyle.WIDTH_FULL,
    legend_columns: int = 3,
):
    """Draw several glass brains, one under the other, on identical views.

    Parameters
    ----------
    panels : list of dict
        Each has ``layers`` (as in :func:`glass_brain_markers`) and optionally ``title``
        (written above that panel, left-aligned).
    title : str, optional
        Figure title.
    panel_height : float, default 4.2
        Height of one panel (brains plus legend) in inches.
    width : float, optional
    legend_columns : int, default 3

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError, TypeError
        For a panel without ``layers``, a layer without ``coords``, ``color`` or ``label`` (or
        with an unknown key), coordinates that are not (n, 3) MNI mm, or a ``numbers`` list
        whose length differs from the number of markers.
    """
    for panel in panels:
        plotspec.check_keys("panel", panel, PANEL_KEYS[:1], PANEL_KEYS)
        for layer in panel["layers"]:
            plotspec.check_keys("layer", layer, LAYER_KEYS[:3], LAYER_KEYS)
    plt = housestyle.pyplot()
    from matplotlib.lines import Line2D
    from nilearn import plotting

    top = 0.45 if title else 0.0
    height = panel_height * len(panels) + top
    fig = plt.figure(figsize=(width, height))
    for i, panel in enumerate(panels):
        y0 = (height - top - (i + 1) * panel_height) / height  # bottom of this panel
        h = panel_height / height
        head = 0.1 if panel.get("title") else 0.0  # room for the panel title
        display = plotting.plot_glass_brain(
            None,
            display_mode=GLASS_BRAIN_MODE,
            figure=fig,
            axes=[0.0, y0 + 0.12 * h, 1.0, (0.8 - head) * h],
            annotate=True,
        )
        handles = []
        for layer in panel["layers"]:
            coords = volumes.mni_points(layer["coords"])
            size = layer.get("size", 40)
            display.add_markers(
                coords,
                marker_color=layer["color"],
                marker_size=size,
                marker=layer.get("marker", "o"),
                edgecolors="black",
                linewidths=0.6,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker=layer.get("marker", "o"),
                    markersize=max(6, np.sqrt(size)),
                    markerfacecolor=layer["color"],
                    markeredgecolor="black",
                    label=layer["label"],
                )
            )
            if layer.get("numbers") is not None:
                _write_numbers(display, coords, list(layer["numbers"]))
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=min(len(handles), legend_columns),
            fontsize=12,
            bbox_to_anchor=(0.5, y0),
        )
        if panel.get("title"):
            fig.text(0.01, y0 + 0.97 * h, panel["title"], ha="left", va="top", fontsize=14, fontweight="bold")
    if title:
        fig.suptitle(title, x=0.01, y=1 - 0.05 / height, ha="left", va="top", fontsize=15, fontweight="bold")
    return fig


def _write_numbers(display, coords: np.ndarray, numbers: list[str]) -> None:
    if len(numbers) != len(coords):
        raise ValueError(f"got {len(numbers)} numbers for {len(coords)} markers")
    for direction, view in display.axes.items():
        shown = np.ones(len(coords), dtype=bool)
        if direction == "l":
            shown = coords[:, 0] <= 0
        elif direction == "r":
            shown = coords[:, 0] >= 0
        for (u, v), text in zip(
            _project(coords[shown], direction), np.asarray(numbers, dtype=object)[shown], strict=True
        ):
            view.ax.text(
                u,
                v,
                text,
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold",
                color="white",
                zorder=1001,
            )  # nilearn draws markers at zorder 1000


def _project(coords: np.ndarray, direction: str) -> np.ndarray:
    """MNI (x, y, z) -> the 2-D data coordinates of one glass-brain view."""
    if direction in "lrx":
        return coords[:, [1, 2]]  # sagittal: y across, z up
    if direction == "y":
        return coords[:, [0, 2]]
    return coords[:, [0, 1]]  # axial
