"""Maps on the fsLR cortical surface: rows of four standard views with sulcal shading.

Each row is one map (a network mask, a literature map, a correlation map) on the same four
views; :func:`surface_maps` stacks rows into one figure and returns it for
:func:`explainers.figures.show.show_figure`.
"""

from __future__ import annotations

import functools

import numpy as np

from explainers.core import memory
from explainers.datasets import surfaces
from explainers.figures import housestyle, plotspec
from explainers.figures.plotspec import ROW_KEYS

SURFACE_VIEWS = (("left", "lateral"), ("left", "medial"), ("right", "medial"), ("right", "lateral"))
_VIEW_TITLES = {
    ("left", "lateral"): "left, outside",
    ("left", "medial"): "left, midline",
    ("right", "medial"): "right, midline",
    ("right", "lateral"): "right, outside",
}


def surface_maps(
    rows, title: str | None = None, legend=None, row_height: float = 2.3, coarsen_mm: float | None = None
):
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
    coarsen_mm : float, optional
        Draw on a coarser copy of the inflated surface (see :func:`coarse_mesh`): vertices
        within the same cube of this size (in mm) are merged, and each merged vertex shows
        the value of one of its original vertices. With 2 mm, about a fifth of the triangles
        remain and the figure draws several times faster; fine for maps that are constant
        over patches much larger than the cube (parcel maps), not for vertex-level detail.
        By default the full surface is drawn.

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
        plotspec.check_keys("row", row, ROW_KEYS[:5], ROW_KEYS)
    plt = housestyle.pyplot()
    from matplotlib.gridspec import GridSpec
    from matplotlib.patches import Patch

    mesh = surfaces.fslr_mesh("inflated")
    sulcal = surfaces.fslr_sulcal_depth()
    keep = slice(None)
    if coarsen_mm is not None:
        mesh, keep = coarse_mesh(coarsen_mm)
        sulcal = sulcal[keep]
        full = (2 * surfaces.FSLR_VERTICES_PER_HEMISPHERE,)
        for row in rows:  # checked here, before indexing: the coarse mesh has fewer vertices
            if np.shape(row["values"]) != full:
                raise ValueError(
                    f"values must hold one value per fsLR 32k vertex, shape {full}, left hemisphere first; "
                    f"got shape {np.shape(row['values'])}"
                )
    bottom = 0.6 if legend else 0.2
    top = 0.55 if title else 0.3
    height = row_height * len(rows) + bottom + top
    fig = plt.figure(figsize=(housestyle.WIDTH_FULL, height))
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
            np.asarray(row["values"], dtype=float)[keep] if coarsen_mm is not None else row["values"],
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


@functools.cache
def coarse_mesh(cell_mm: float):
    """A coarser copy of the inflated fsLR surface, by merging the vertices of each small cube.

    Each hemisphere's vertices are binned into cubes of ``cell_mm``; the vertices of a cube
    become one vertex at their mean position, and triangles that collapse are dropped. This
    (vertex clustering) keeps the shape and every view of the surface while cutting the number
    of triangles to draw.

    Parameters
    ----------
    cell_mm : float
        Edge of the cubes in mm (the fsLR 32k inflated surface has edges of about 1.3 mm).

    Returns
    -------
    mesh : explainers.datasets.surfaces.SurfaceMesh
        The coarse surface, left hemisphere first (read-only arrays, shared: built once per size).
    keep : numpy.ndarray of int
        For each coarse vertex, the fsLR 32k vertex (0..64983) whose value it shows; index a
        fsLR map with it (``values[keep]``).

    Raises
    ------
    ValueError
        If ``cell_mm`` is not a positive number.
    """
    if not isinstance(cell_mm, int | float) or not np.isfinite(cell_mm) or cell_mm <= 0:
        raise ValueError(f"cell_mm must be a positive number of millimetres, got {cell_mm!r}")
    halves, keep, offset = [], [], 0
    for coords, faces in surfaces.fslr_mesh("inflated"):
        cube = np.floor((coords - coords.min(axis=0)) / cell_mm).astype(np.int64)
        _, cluster, counts = np.unique(cube, axis=0, return_inverse=True, return_counts=True)
        cluster = cluster.ravel()
        merged = np.zeros((counts.size, 3))
        np.add.at(merged, cluster, coords)
        merged /= counts[:, None]
        new_faces = cluster[faces]
        whole = (
            (new_faces[:, 0] != new_faces[:, 1])
            & (new_faces[:, 1] != new_faces[:, 2])
            & (new_faces[:, 0] != new_faces[:, 2])
        )
        # Each coarse vertex shows the value of the first original vertex in its cube: a value
        # that exists in the map (no blending across a parcel border or into the medial wall).
        first = np.empty(counts.size, dtype=np.int64)
        first[cluster[::-1]] = np.arange(cluster.size)[::-1]
        halves.append((merged, new_faces[whole]))
        keep.append(first + offset)
        offset += len(coords)
    return memory.read_only((surfaces.SurfaceMesh(*halves), np.concatenate(keep)))


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
        Left hemisphere first, as returned by the :mod:`explainers.datasets.surfaces` loaders.
    cmap, vmin, vmax :
        Colour map and limits.
    row_label : str
        Written to the left of the row.
    mesh : explainers.datasets.surfaces.SurfaceMesh, optional
        Defaults to the inflated fsLR surface; ``values`` and ``bg_map`` hold one number per
        vertex of this mesh (64984 for fsLR 32k).
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
        If ``values`` (or ``bg_map``) does not hold one number per vertex of ``mesh``, or
        ``vmin`` is not below ``vmax``.
    """
    from nilearn import plotting

    mesh = mesh or surfaces.fslr_mesh("inflated")
    half = len(mesh.left[0])
    n_vertices = half + len(mesh.right[0])
    kind = "fsLR 32k" if n_vertices == 2 * surfaces.FSLR_VERTICES_PER_HEMISPHERE else "mesh"
    for name, array in (("values", values), ("bg_map", bg_map)):
        if array is not None and np.shape(array) != (n_vertices,):
            raise ValueError(
                f"{name} must hold one value per {kind} vertex, shape ({n_vertices},), "
                "left hemisphere first; "
                f"got shape {np.shape(array)}"
            )
    if not vmin < vmax:
        raise ValueError(f"vmin must be below vmax, got vmin={vmin!r}, vmax={vmax!r}")

    axes = []
    for spec, (hemi, view) in zip(grid_row, SURFACE_VIEWS, strict=True):
        ax = fig.add_subplot(spec, projection="3d")
        # 64k triangles per view: as vectors the SVG would be huge and slow to write, so the
        # surface is embedded as an image in SVG output (the PNG is unaffected).
        ax.set_rasterized(True)
        part = slice(0, half) if hemi == "left" else slice(half, 2 * half)
        coords, faces = mesh.left if hemi == "left" else mesh.right
        # Copies: nilearn centres the coordinates it is given in place (coords -= mean), and the
        # mesh is shared by every figure (a cached, read-only mesh would refuse the write).
        plotting.plot_surf(
            (np.array(coords, dtype=float), faces),
            surf_map=np.array(values, dtype=float)[part],
            bg_map=None if bg_map is None else np.array(bg_map)[part],
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
