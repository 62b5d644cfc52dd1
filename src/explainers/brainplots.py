"""Brains: coordinate sets on glass brains and maps on fsLR surfaces, in the house style.

Each function draws one kind of brain figure and returns the matplotlib figure (or axes);
the notebook passes the figure to :func:`explainers.style.show_figure` with caption and alt.
"""

from __future__ import annotations

import numpy as np

from . import style

SURFACE_VIEWS = (("left", "lateral"), ("left", "medial"), ("right", "medial"), ("right", "lateral"))
GLASS_BRAIN_MODE = "lzr"  # left side, top and right side: every DMN hub is visible in one of them
_VIEW_TITLES = {("left", "lateral"): "left, outside", ("left", "medial"): "left, midline", ("right", "medial"): "right, midline", ("right", "lateral"): "right, outside"}


def _pyplot():
    import matplotlib.pyplot as plt

    style.apply()
    return plt


def glass_brain_markers(layers, title: str | None = None, figsize=(style.WIDTH_FULL, 4.2)):
    """Draw coordinate sets as coloured markers on one glass brain.

    Parameters
    ----------
    layers : list of dict
        Drawn in order; each has ``coords`` (n x 3 MNI mm), ``color``, ``label`` and
        optionally ``size`` (marker area, default 40) and ``marker`` (default "o").
    title : str, optional
    figsize : tuple, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = _pyplot()
    from matplotlib.lines import Line2D
    from nilearn import plotting

    fig = plt.figure(figsize=figsize)
    display = plotting.plot_glass_brain(None, display_mode=GLASS_BRAIN_MODE, figure=fig, axes=[0.0, 0.12, 1.0, 0.8], annotate=True)
    handles = []
    for layer in layers:
        coords = np.asarray(layer["coords"], dtype=float).reshape(-1, 3)
        size = layer.get("size", 40)
        display.add_markers(coords, marker_color=layer["color"], marker_size=size, marker=layer.get("marker", "o"), edgecolors="black", linewidths=0.6)
        handles.append(Line2D([], [], ls="", marker=layer.get("marker", "o"), markersize=max(6, np.sqrt(size)), markerfacecolor=layer["color"], markeredgecolor="black", label=layer["label"]))
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 3), fontsize=12, bbox_to_anchor=(0.5, 0.0))
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=15, fontweight="bold")
    return fig


def surface_row(fig, grid_row, values, *, cmap, vmin, vmax, row_label: str, mesh=None, bg_map=None, threshold=None):
    """Draw one map on the four standard fsLR views, as one row of a larger figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    grid_row : sequence of matplotlib SubplotSpec
        Four cells to draw into.
    values : numpy.ndarray, shape (64984,)
        Left hemisphere first, as returned by the :mod:`explainers.atlases` surface loaders.
    cmap, vmin, vmax :
        Colour map and limits.
    row_label : str
        Written to the left of the row.
    mesh : explainers.atlases.SurfaceMesh, optional
        Defaults to the inflated fsLR surface.
    bg_map : numpy.ndarray, optional
        Sulcal depth for shading, left hemisphere first.
    threshold : float, optional
        Values whose magnitude is below this are not coloured.

    Returns
    -------
    list of matplotlib.axes.Axes
    """
    from nilearn import plotting

    from . import atlases

    mesh = mesh or atlases.fslr_mesh("inflated")
    half = atlases.FSLR_VERTICES_PER_HEMISPHERE
    axes = []
    for spec, (hemi, view) in zip(grid_row, SURFACE_VIEWS):
        ax = fig.add_subplot(spec, projection="3d")
        part = slice(0, half) if hemi == "left" else slice(half, 2 * half)
        plotting.plot_surf(
            mesh.left if hemi == "left" else mesh.right,
            surf_map=np.asarray(values, dtype=float)[part],
            bg_map=None if bg_map is None else np.asarray(bg_map)[part],
            bg_on_data=bg_map is not None,
            darkness=0.5,
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
        axes.append(ax)
    axes[0].text2D(-0.08, 0.5, row_label, transform=axes[0].transAxes, rotation=90, ha="center", va="center", fontsize=13, fontweight="bold")
    return axes


def surface_view_titles(axes) -> None:
    """Label the four views above the first row of surface panels."""
    for ax, key in zip(axes, SURFACE_VIEWS):
        ax.set_title(_VIEW_TITLES[key], fontsize=12, fontweight="normal", pad=-4)


