"""Brains: coordinate sets on glass brains and maps on fsLR surfaces, in the house style.

Each function draws one kind of brain figure and returns the matplotlib figure (or axes);
the notebook passes the figure to :func:`explainers.style.show_figure` with caption and alt.
"""

from __future__ import annotations

import numpy as np

from . import style, surfaces, volumes

SURFACE_VIEWS = (("left", "lateral"), ("left", "medial"), ("right", "medial"), ("right", "lateral"))
GLASS_BRAIN_MODE = "lzr"  # left side, top and right side: every DMN hub is visible in one of them
LAYER_KEYS = ("coords", "color", "label", "size", "marker", "numbers")
ROW_KEYS = ("values", "cmap", "vmin", "vmax", "label", "threshold", "colorbar")
_VIEW_TITLES = {
    ("left", "lateral"): "left, outside",
    ("left", "medial"): "left, midline",
    ("right", "medial"): "right, midline",
    ("right", "lateral"): "right, outside",
}


def _check_keys(kind: str, item, required, valid) -> None:
    """Refuse a layer or row that is not a dict with the required keys, or has unknown keys."""
    if not isinstance(item, dict):
        raise TypeError(f"each {kind} must be a dict with keys {', '.join(required)}; got {item!r}")
    missing = [key for key in required if key not in item]
    unknown = [key for key in item if key not in valid]
    if missing or unknown:
        problem = (
            f"missing {', '.join(missing)}" if missing else f"unknown key(s) {', '.join(map(str, unknown))}"
        )
        raise ValueError(
            f"{kind} {problem}; valid keys: {', '.join(valid)} (required: {', '.join(required)})"
        )


def _project(coords: np.ndarray, direction: str) -> np.ndarray:
    """MNI (x, y, z) -> the 2-D data coordinates of one glass-brain view."""
    if direction in "lrx":
        return coords[:, [1, 2]]  # sagittal: y across, z up
    if direction == "y":
        return coords[:, [0, 2]]
    return coords[:, [0, 1]]  # axial


def glass_brain_markers(
    layers, title: str | None = None, figsize=(style.WIDTH_FULL, 4.2), legend_columns: int = 3
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
    width: float = style.WIDTH_FULL,
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
        _check_keys("panel", panel, ("layers",), ("layers", "title"))
        for layer in panel["layers"]:
            _check_keys("layer", layer, ("coords", "color", "label"), LAYER_KEYS)
    plt = style.pyplot()
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


def surface_maps(rows, title: str | None = None, legend=None, row_height: float = 2.3):
    """Draw several maps, one per row, each on the same four fsLR views with sulcal shading.

    Parameters
    ----------
    rows : list of dict
        Each has ``values`` (64984 vertex values), ``cmap``, ``vmin``, ``vmax``, ``label``
        (row title, short; may contain a line break) and optionally ``threshold`` and
        ``colorbar`` (a label: draw a colour bar for this row at the right).
    title : str, optional
    legend : list of (colour, label), optional
        Patches for a legend under the rows (for categorical maps).
    row_height : float, default 2.3
        Height of one row in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError, TypeError
        For a row without ``values``, ``cmap``, ``vmin``, ``vmax`` or ``label`` (or with an
        unknown key), or values of the wrong shape (see :func:`surface_row`).
    """
    for row in rows:
        _check_keys("row", row, ROW_KEYS[:5], ROW_KEYS)
    plt = style.pyplot()
    from matplotlib.gridspec import GridSpec
    from matplotlib.patches import Patch

    mesh = surfaces.fslr_mesh("inflated")
    sulcal = surfaces.fslr_sulcal_depth()
    bottom = 0.6 if legend else 0.2
    top = 0.55 if title else 0.3
    height = row_height * len(rows) + bottom + top
    fig = plt.figure(figsize=(style.WIDTH_FULL, height))
    right = 0.9 if any(row.get("colorbar") for row in rows) else 0.995
    grid = GridSpec(
        len(rows),
        4,
        figure=fig,
        left=0.06,
        right=right,
        bottom=bottom / height,
        top=1 - top / height,
        wspace=0.0,
        hspace=0.0,
    )
    first = None
    for i, row in enumerate(rows):
        axes = surface_row(
            fig,
            [grid[i, j] for j in range(4)],
            row["values"],
            cmap=row["cmap"],
            vmin=row["vmin"],
            vmax=row["vmax"],
            row_label=row["label"],
            mesh=mesh,
            bg_map=sulcal,
            threshold=row.get("threshold"),
        )
        first = first or axes
        if row.get("colorbar"):
            _row_colorbar(fig, axes[-1], row)
    surface_view_titles(first)
    if legend:
        handles = [Patch(facecolor=colour, edgecolor="black", label=label) for colour, label in legend]
        fig.legend(
            handles=handles, loc="lower center", ncol=len(handles), fontsize=12, bbox_to_anchor=(0.5, 0.0)
        )
    if title:
        fig.suptitle(title, x=0.01, y=1 - 0.08 / height, ha="left", va="top", fontsize=15, fontweight="bold")
    return fig


def _row_colorbar(fig, last_axes, row) -> None:
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    box = last_axes.get_position()
    cax = fig.add_axes([0.915, box.y0 + 0.2 * box.height, 0.012, 0.6 * box.height])
    bar = fig.colorbar(ScalarMappable(Normalize(row["vmin"], row["vmax"]), row["cmap"]), cax=cax)
    bar.set_label(row["colorbar"], fontsize=12)
    bar.ax.tick_params(labelsize=11)


def mask_colormap(colour: str):
    """A one-colour map for drawing a boolean mask (pass ``vmin=0, vmax=1, threshold=0.5``)."""
    from matplotlib.colors import ListedColormap

    return ListedColormap([colour])


def categorical_colormap(colours):
    """A colour map for integer codes 1..k (pass ``vmin=0.5, vmax=k + 0.5, threshold=0.5``)."""
    from matplotlib.colors import ListedColormap

    return ListedColormap(list(colours))


def surface_row(
    fig, grid_row, values, *, cmap, vmin, vmax, row_label: str, mesh=None, bg_map=None, threshold=None
):
    """Draw one map on the four standard fsLR views, as one row of a larger figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    grid_row : sequence of matplotlib SubplotSpec
        Four cells to draw into.
    values : numpy.ndarray, shape (64984,)
        Left hemisphere first, as returned by the :mod:`explainers.surfaces` loaders.
    cmap, vmin, vmax :
        Colour map and limits.
    row_label : str
        Written to the left of the row.
    mesh : explainers.surfaces.SurfaceMesh, optional
        Defaults to the inflated fsLR surface.
    bg_map : numpy.ndarray, optional
        Sulcal depth for shading, left hemisphere first.
    threshold : float, optional
        Values whose magnitude is below this are not coloured.

    Returns
    -------
    list of matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``values`` (or ``bg_map``) does not hold one number per fsLR 32k vertex, or
        ``vmin`` is not below ``vmax``.
    """
    from nilearn import plotting

    n_vertices = 2 * surfaces.FSLR_VERTICES_PER_HEMISPHERE
    for name, array in (("values", values), ("bg_map", bg_map)):
        if array is not None and np.shape(array) != (n_vertices,):
            raise ValueError(
                f"{name} must hold one value per fsLR 32k vertex, shape ({n_vertices},), "
                "left hemisphere first; "
                f"got shape {np.shape(array)}"
            )
    if not vmin < vmax:
        raise ValueError(f"vmin must be below vmax, got vmin={vmin!r}, vmax={vmax!r}")

    mesh = mesh or surfaces.fslr_mesh("inflated")
    half = surfaces.FSLR_VERTICES_PER_HEMISPHERE
    axes = []
    for spec, (hemi, view) in zip(grid_row, SURFACE_VIEWS, strict=True):
        ax = fig.add_subplot(spec, projection="3d")
        # 64k triangles per view: as vectors the SVG would be huge and slow to write, so the
        # surface is embedded as an image in SVG output (the PNG is unaffected).
        ax.set_rasterized(True)
        part = slice(0, half) if hemi == "left" else slice(half, 2 * half)
        plotting.plot_surf(
            mesh.left if hemi == "left" else mesh.right,
            surf_map=np.asarray(values, dtype=float)[part],
            bg_map=None if bg_map is None else np.asarray(bg_map)[part],
            bg_on_data=False,  # data colours stay true; the shading shows only where the map is empty
            hemi=hemi,
            view=view,
            cmap=cmap,
            vmin=vmin,
            vmax=vmax,
            threshold=threshold,
            colorbar=False,
            axes=ax,
            figure=fig,
            engine="matplotlib",
        )
        ax.set_box_aspect(None, zoom=1.35)
        for collection in ax.collections:
            collection.set_rasterized(True)  # one image per view in SVG, not 64,000 triangles
        axes.append(ax)
    axes[0].text2D(
        -0.08,
        0.5,
        row_label,
        transform=axes[0].transAxes,
        rotation=90,
        ha="center",
        va="center",
        fontsize=13,
        fontweight="bold",
    )
    return axes


def surface_view_titles(axes) -> None:
    """Label the four views above the first row of surface panels."""
    for ax, key in zip(axes, SURFACE_VIEWS, strict=False):  # first row: four views, maybe a colour bar
        ax.set_title(_VIEW_TITLES[key], fontsize=12, fontweight="normal", pad=-4)


def agreement_bars(values: dict, title: str | None = None, colour: str = style.NETWORK_COLOURS["Default"]):
    """Horizontal bars for agreement measures between 0 and 1, each labelled with its value.

    Parameters
    ----------
    values : dict of str -> float
        Measure name (may contain a line break) -> value in [0, 1]; drawn top to bottom.
    title : str, optional
    colour : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = style.pyplot()

    names, numbers = list(values), [float(v) for v in values.values()]
    fig, ax = plt.subplots(figsize=(style.WIDTH_FULL, 0.9 * len(names) + 1.2))
    positions = np.arange(len(names))[::-1]
    ax.barh(positions, numbers, color=colour, edgecolor="black", height=0.6)
    for y, number in zip(positions, numbers, strict=True):
        ax.text(number + 0.01, y, f"{number:.2f}", va="center", ha="left", fontsize=13)
    ax.set_yticks(positions, names)
    ax.set_xlim(0, 1.08)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("agreement (0 = none, 1 = complete)")
    if title:
        ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig
