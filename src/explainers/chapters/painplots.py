"""Figures of notebook 05: the pain meta-analysis map, its networks, and two maps compared.

Drawing only: every number comes in from :mod:`explainers.chapters.painmaps` or
:mod:`explainers.analysis.meta`, so the figures can be rebuilt from any map.
"""

from __future__ import annotations

import numpy as np

from explainers.core import libquirks, palette
from explainers.figures import housestyle

MAP_CMAP = "autumn"  # a one-sided map: yellow = strongest, red = weakest kept value


def pain_map_figure(thresholded, peak_xyz, vmax: float | None = None):
    """Glass brain (three views) above three slices through the strongest peak.

    Parameters
    ----------
    thresholded : nibabel.Nifti1Image
        The map to draw; zero outside the kept clusters.
    peak_xyz : sequence of 3 float
        Where the slices cut (MNI mm), usually the strongest peak.
    vmax : float, optional
        Top of the colour scale (default: the map's maximum).

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    data = np.asarray(thresholded.dataobj, dtype=float)
    kept = data[data > 0]
    vmax = float(vmax if vmax is not None else kept.max())
    vmin = float(kept.min())
    fig = plt.figure(figsize=(housestyle.WIDTH_FULL, 7.4))
    with libquirks.quick_gc():
        _draw_brains(fig, thresholded, peak_xyz, vmin, vmax)
    bar = fig.add_axes((0.93, 0.12, 0.018, 0.76))
    scale = plt.cm.ScalarMappable(cmap=MAP_CMAP, norm=plt.Normalize(vmin, vmax))
    fig.colorbar(scale, cax=bar, label="ALE z (convergence across studies)")
    return fig


def _draw_brains(fig, thresholded, peak_xyz, vmin: float, vmax: float) -> None:
    from nilearn import plotting

    top = fig.add_axes((0.0, 0.52, 0.92, 0.46))
    bottom = fig.add_axes((0.0, 0.02, 0.92, 0.46))
    plotting.plot_glass_brain(
        thresholded,
        display_mode="lzr",
        axes=top,
        cmap=MAP_CMAP,
        vmin=vmin,
        vmax=vmax,
        colorbar=False,
        plot_abs=False,
        threshold=vmin * 0.999,
        annotate=True,
    )
    plotting.plot_stat_map(
        thresholded,
        display_mode="ortho",
        cut_coords=tuple(float(v) for v in peak_xyz),
        axes=bottom,
        cmap=MAP_CMAP,
        vmin=vmin,
        vmax=vmax,
        colorbar=False,
        threshold=vmin * 0.999,
        symmetric_cbar=False,
        annotate=True,
        draw_cross=True,
        black_bg=False,
    )


def network_share_bars(shares, labels: dict, colours: dict):
    """Horizontal bars: the share of a map's voxels in each network, largest on top.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`explainers.chapters.painmaps.network_shares` output (``network``, ``share``).
    labels : dict
        Network name -> label on the axis (missing names are shown as they are).
    colours : dict
        Network name -> bar colour (missing names are grey).

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    names = list(shares["network"])
    values = shares["share"].to_numpy(float) * 100
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.62 * len(names) + 1.4))
    positions = np.arange(len(names))[::-1]
    ax.barh(
        positions,
        values,
        color=[colours.get(n, palette.OKABE_ITO["grey"]) for n in names],
        edgecolor="black",
        height=0.65,
    )
    for y, value in zip(positions, values, strict=True):
        ax.text(value + 0.8, y, f"{value:.0f}%", va="center", ha="left", fontsize=13)
    ax.set_yticks(positions, [labels.get(n, n) for n in names])
    ax.set_xlim(0, max(values.max() * 1.15, 10))
    ax.set_xlabel("share of the pain map's voxels (%)")
    fig.tight_layout()
    return fig


def region_comparison_figure(
    table,
    names,
    colours: dict,
    t_threshold: float,
    share_threshold: float,
    label_top: int = 8,
    markers: dict | None = None,
):
    """Scatter of two pain maps region by region: meta-analysis cover against task t.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`explainers.chapters.painmaps.compare_regions` output.
    names : pandas.Series
        Region label -> short anatomical name, for the labelled points.
    colours : dict
        Agreement category -> colour.
    t_threshold, share_threshold : float
        The two thresholds, drawn as dashed lines.
    label_top : int, default 8
        Label this many regions: those strongest in both maps together.
    markers : dict, optional
        Agreement category -> matplotlib marker, so categories differ in shape as well as
        colour; circles for all when omitted.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 6.4))
    markers = markers or {}
    for category, colour in colours.items():
        part = table[table["agreement"] == category]
        ax.scatter(
            part["task_t"],
            part["meta_share"] * 100,
            s=70,
            marker=markers.get(category, "o"),
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            label=f"{category} ({len(part)})",
            zorder=3,
        )
    ax.axvline(t_threshold, color="black", linestyle="--", linewidth=1)
    ax.axhline(share_threshold * 100, color="black", linestyle="--", linewidth=1)
    rank = (table["task_t"].rank(ascending=False) + table["meta_share"].rank(ascending=False)).sort_values()
    labelled = table.loc[rank.index[:label_top]].sort_values("meta_share", ascending=False)
    previous = None
    for region, row in labelled.iterrows():
        y = row["meta_share"] * 100
        # A label within a line's height of the one above goes below its dot, so they do not overlap.
        below = previous is not None and previous - y < 1.5
        ax.annotate(
            str(names.get(region, region)),
            (row["task_t"], y),
            xytext=(6, -14 if below else 4),
            textcoords="offset points",
            fontsize=11,
        )
        previous = y - (2.0 if below else 0.0)
    ax.set_xlabel("heat-pain task: group t value of the region (pain vs baseline)")
    ax.set_ylabel("share of the region inside\nthe meta-analysis map (%)")
    ax.legend(loc="upper left", frameon=False, fontsize=12)
    fig.tight_layout()
    return fig


def coupling_strips(pairs, order, colours: dict):
    """One row of dots per target set: the correlation of every seed-target parcel pair, with the mean.

    Parameters
    ----------
    pairs : pandas.DataFrame
        :func:`explainers.chapters.after2008.coupling` output (``target``, ``r``).
    order : sequence of str
        Targets, top to bottom.
    colours : dict
        Target -> colour.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 1.1 * len(order) + 1.4))
    rng = np.random.default_rng(0)  # vertical jitter only, so dots do not hide each other
    for row, target in enumerate(order):
        values = pairs.loc[pairs["target"] == target, "r"].to_numpy(float)
        y = len(order) - 1 - row
        ax.scatter(
            values,
            y + rng.uniform(-0.25, 0.25, len(values)),
            s=8,
            alpha=0.5,
            color=colours.get(target, "grey"),
            linewidth=0,
        )
        ax.plot([values.mean()] * 2, [y - 0.38, y + 0.38], color="black", linewidth=2.5)
        ax.text(
            values.mean(), y + 0.42, f"mean r = {values.mean():.2f}", ha="center", va="bottom", fontsize=12
        )
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_yticks(range(len(order))[::-1], list(order))
    ax.set_ylim(-0.6, len(order) - 0.2)
    ax.set_xlabel("resting-state correlation with the medial prefrontal parcels (HCP group average)")
    fig.tight_layout()
    return fig
