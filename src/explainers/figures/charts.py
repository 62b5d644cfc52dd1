"""Charts shared by the notebooks (signals, timelines, bars), in the house style
(:mod:`explainers.figures.housestyle`).

Brains are drawn by :mod:`explainers.figures.glassbrains` and :mod:`explainers.figures.surfaceplots`.

Each function draws one kind of figure and returns the matplotlib figure; the notebook then
passes it to :func:`explainers.figures.show.show_figure` with its caption and alt text.
"""

from __future__ import annotations

import numpy as np

from explainers.core import palette
from explainers.core.vocabulary import VERDICTS
from explainers.figures import housestyle

# --------------------------------------------------------------------------- schematic signals


def block_design_figure(signals, blocks_label: str = "task block (visual attention)"):
    """Draw the SIMULATED block-design schematic: task blocks and three expected responses.

    Parameters
    ----------
    signals : pandas.DataFrame
        From :func:`explainers.datasets.simulate.block_design_signals`.
    blocks_label : str, optional
        Legend text for the shaded task blocks.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(housestyle.WIDTH_FULL, 6.6), sharex=True, height_ratios=[1, 1.25]
    )
    time = signals["time_s"].to_numpy()
    on = signals["task_on"].to_numpy() > 0
    edges = np.flatnonzero(np.diff(np.r_[0, on.astype(int), 0]))
    for ax in (top, bottom):
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            ax.axvspan(
                time[start],
                time[min(stop, time.size - 1)],
                color=palette.ROLE_COLOURS["block"],
                zorder=0,
                lw=0,
            )
        ax.axhline(0, color="#555555", lw=0.8, zorder=1)
        ax.set_yticks([0])
        ax.set_yticklabels(["rest level"])
        ax.set_ylabel("signal (arbitrary units)")
    top.plot(time, signals["attention"], color=palette.ROLE_COLOURS["task"], lw=2.5)
    top.set_title("An attention region: the signal rises during each task block", loc="left")
    bottom.plot(
        time,
        signals["default_controls"],
        color=palette.ROLE_COLOURS["controls"],
        lw=2.5,
        label="pain-free controls: clear dip",
    )
    bottom.plot(
        time,
        signals["default_patients"],
        color=palette.ROLE_COLOURS["patients"],
        lw=2.5,
        ls="--",
        label="chronic back pain: smaller dip",
    )
    bottom.set_title("A default-mode region: the signal dips during each task block", loc="left")
    bottom.set_xlabel("time (seconds)")
    from matplotlib.patches import Patch

    handles, _ = bottom.get_legend_handles_labels()
    handles.append(Patch(color=palette.ROLE_COLOURS["block"], label=blocks_label))
    bottom.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.2), ncol=3, fontsize=11.5)
    fig.suptitle(
        "Schematic: the signals a block design is expected to produce (not data)",
        x=0.01,
        ha="left",
        fontsize=13,
        color="#444444",
    )
    low = min(signals["default_controls"].min(), -0.2) * 1.25
    bottom.set_ylim(low, -low * 0.6)
    top.set_ylim(-0.35, 1.25)
    fig.align_ylabels()
    return fig


# --------------------------------------------------------------------------- literature


STATUS_MARKERS = {
    "verified": {"marker": "o", "fill": True, "label": "verified in the source"},
    "secondary": {"marker": "o", "fill": False, "label": "reported second-hand"},
    "unverified": {"marker": "X", "fill": True, "label": "not verified"},
}


def literature_timeline(
    timeline, lanes: dict[str, str], lane_colours: dict[str, str], highlight: str | None = None
):
    """Draw a timeline of studies: a band per lane (theme), one labelled point per study.

    Parameters
    ----------
    timeline : pandas.DataFrame
        Columns ``year``, ``citation``, ``short``, ``status`` and ``lane`` (a key of ``lanes``).
    lanes : dict
        Lane key -> lane title, top to bottom.
    lane_colours : dict
        Lane key -> colour.
    highlight : str, optional
        Citation drawn larger and in bold (the 2008 study).

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    from matplotlib.lines import Line2D

    step = 1.0
    used = [lane for lane in lanes if (timeline["lane"] == lane).any()]
    n_lines = len(timeline) + len(used)
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.36 * n_lines + 1.4))
    years = timeline["year"].astype(int)
    first, last = int(years.min()), int(years.max())
    y = 0.0
    for lane in used:
        colour = lane_colours[lane]
        ax.text(first - 0.6, y, lanes[lane], fontsize=13, fontweight="bold", color=colour, va="center")
        y -= step
        for _, row in timeline[timeline["lane"] == lane].sort_values(["year", "citation"]).iterrows():
            marker = STATUS_MARKERS.get(row["status"], STATUS_MARKERS["unverified"])
            big = highlight is not None and row["citation"] == highlight
            year = int(row["year"])
            ax.plot([first - 0.6, year], [y, y], color="#e6e6e6", lw=0.8, zorder=0)
            ax.plot(
                [year],
                [y],
                ls="",
                marker=marker["marker"],
                markersize=13 if big else 10,
                markerfacecolor=colour if marker["fill"] else "white",
                markeredgecolor=colour,
                markeredgewidth=2,
            )
            ax.text(
                year + 0.5,
                y,
                f"{row['citation']}: {row['short']}",
                va="center",
                fontsize=11.5,
                fontweight="bold" if big else "normal",
            )
            y -= step
    ax.set_ylim(y + 0.4, 0.7)
    ax.set_xlim(first - 0.8, last + 19)
    ticks = list(range(first - first % 5, last + 1, 5))
    ax.set_xticks(ticks)
    ax.spines["bottom"].set_bounds(first - 0.8, last + 0.5)
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    ax.set_xlabel("year of publication", loc="left")
    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker=m["marker"],
            markersize=10,
            markerfacecolor="#555555" if m["fill"] else "white",
            markeredgecolor="#555555",
            markeredgewidth=2,
            label=m["label"],
        )
        for status, m in STATUS_MARKERS.items()
        if status in set(timeline["status"])
    ]
    ax.legend(handles=handles, loc="upper right", ncol=1, frameon=True, framealpha=1, edgecolor="#cccccc")
    return fig


def status_bars(counts, title: str, colours: dict[str, str] | None = None):
    """Draw horizontal stacked bars: claims per group, split by verification status.

    Parameters
    ----------
    counts : pandas.DataFrame
        Index = groups (top to bottom), columns = statuses, values = counts.
    title : str
        Axes title.
    colours : dict, optional
        Status -> colour.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    colours = colours or {
        "verified": palette.OKABE_ITO["bluish_green"],
        "secondary": palette.OKABE_ITO["orange"],
        "unverified": palette.OKABE_ITO["grey"],
    }
    labels = {k: v["label"] for k, v in STATUS_MARKERS.items()}
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.55 * len(counts) + 1.8))
    left = np.zeros(len(counts))
    positions = np.arange(len(counts))[::-1]
    for status in counts.columns:
        values = counts[status].to_numpy()
        bars = ax.barh(
            positions,
            values,
            left=left,
            color=colours[status],
            label=labels.get(status, status),
            edgecolor="white",
        )
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(int(value)),
                    ha="center",
                    va="center",
                    color="white" if status != "secondary" else "black",
                    fontsize=11,
                    fontweight="bold",
                )
        left += values
    ax.set_yticks(positions)
    ax.set_yticklabels(counts.index)
    ax.set_xlabel("number of claims in the ledger")
    ax.set_xlim(0, left.max() * 1.04)
    ax.set_title(title, loc="left")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22 * 4.5 / (0.55 * len(counts) + 1.8)),
        ncol=len(counts.columns),
    )
    return fig


def verdict_chart(press):
    """Draw the press claims as a column of labelled dots, grouped by verdict, each group headed
    by the verdict's name and its meaning, so the chart carries its own qualification when shown alone.

    Parameters
    ----------
    press : pandas.DataFrame
        From :func:`explainers.literature.ledger.load_press_claims` (``popular_claim``, ``verdict``).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a verdict is not in :data:`explainers.core.vocabulary.VERDICTS`.
    """
    unknown = sorted(set(press["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"unknown verdict(s) {unknown}; valid verdicts: {', '.join(VERDICTS)}")
    plt = housestyle.pyplot()
    order = [v for v in VERDICTS if v in set(press["verdict"])]
    rows = len(press) + 2 * len(order)
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.42 * rows + 0.6))
    y = 0.0
    for key in order:
        verdict = VERDICTS[key]
        ax.text(
            0, y, verdict["label"], fontsize=13.5, fontweight="bold", color=verdict["colour"], va="center"
        )
        ax.text(
            0, y - 0.8, f"= {verdict['meaning']}", fontsize=11.5, style="italic", color="#444444", va="center"
        )
        y -= 1.9
        for claim_text in press.loc[press["verdict"] == key, "popular_claim"]:
            ax.plot(
                [0.012],
                [y],
                marker=verdict["marker"],
                markersize=11,
                color=verdict["colour"],
                ls="",
                markeredgewidth=2,
            )
            ax.text(0.03, y, claim_text, fontsize=12.5, va="center")
            y -= 1
        y -= 0.3
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.5, 0.6)
    ax.axis("off")
    return fig
