"""The evidence-map figure of notebook 06 (data: :func:`~explainers.literature.evidence.evidence_table`)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from explainers.core import palette
from explainers.figures import housestyle
from explainers.literature.evidence import DESIGNS, DIRECTIONS, TOPICS


def evidence_map_figure(table: pd.DataFrame, topic_colours: dict):
    """One row per finding: group size on a log axis, marker = direction, fill = status.

    Findings without group sizes in the ledger sit in a grey 'gap' column at the left.
    Text beside each row names the study, the condition and the measure (group sizes and
    design are in the table that goes with the figure).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`evidence_table` output.
    topic_colours : dict
        Topic -> colour.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = housestyle.pyplot()
    n = len(table)
    # Narrow and tall, with large type: the figure is read at page or slide width, where a
    # wide figure's 10-point text shrinks to about 8 pixels.
    fig, ax = plt.subplots(figsize=(9.0, 1.0 * n + 3.0))
    y = np.arange(n)[::-1].astype(float)
    gap_x = 4.0
    ax.axvspan(2.5, 6.0, color="#EEEEEE", zorder=0)
    ax.text(
        gap_x,
        y[0] + 0.6,
        "group sizes\nnot in ledger",
        ha="center",
        va="bottom",
        fontsize=12,
        color="#444444",
    )
    for row, yy in zip(table.itertuples(), y, strict=True):
        known = [int(v) for v in (row.patients, row.controls) if pd.notna(v)]
        x = float(sum(known)) if known else gap_x
        marker = DIRECTIONS[row.direction][0]
        colour = topic_colours[row.topic]
        filled = row.status == "verified"
        ax.scatter(
            [x],
            [yy],
            s=190,
            marker=marker,
            facecolor=colour if filled else "white",
            edgecolor=colour,
            linewidth=2.2,
            zorder=3,
        )
        detail = f"{row.condition}: {row.measure}"
        if row.status == "unverified":
            # Said in words beside the study rather than drawn over its marker.
            detail += " (not verified)"
        ax.text(1.9, yy + 0.22, row.study, ha="right", va="center", fontsize=13, fontweight="bold")
        ax.text(1.9, yy - 0.02, textwrap.fill(detail, 46), ha="right", va="top", fontsize=12, linespacing=1.1)
    ax.set_xscale("log")
    ax.set_xlim(2.5, 2500)
    ax.set_ylim(-0.9, n + 0.5)
    ax.set_yticks([])
    ax.tick_params(axis="x", labelsize=13)
    ax.set_xlabel("people in the study\n(patients + controls, log scale)", fontsize=13)
    boundary = int((table["topic"] == TOPICS[0]).sum())
    ax.axhline(y[boundary - 1] - 0.5, color="black", linewidth=0.8)
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    handles = [
        plt.Line2D(
            [],
            [],
            marker=m,
            linestyle="",
            markersize=12,
            markerfacecolor="white",
            markeredgecolor="black",
            label=label,
        )
        for m, label in DIRECTIONS.values()
    ]
    handles += [
        plt.Line2D([], [], marker="s", linestyle="", markersize=12, color=c, label=t)
        for t, c in topic_colours.items()
    ]
    handles += [
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=12,
            markerfacecolor="grey",
            markeredgecolor="grey",
            label="filled: read in the study's abstract",
        ),
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=12,
            markerfacecolor="white",
            markeredgecolor="grey",
            label="hollow: second-hand or not verified",
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=12.5)
    fig.subplots_adjust(left=0.53, right=0.97, top=0.96, bottom=2.4 / (1.0 * n + 3.0))
    return fig


BOTH = "chronic pain and depression in the same people"
"""Row label of :func:`design_counts` for findings that measured both conditions together."""


def design_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Count findings by what was measured (chronic pain, depression or both) and by design.

    A finding counts as measuring both when its condition names the other topic too (for
    example a chronic-pain study whose condition mentions depression).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`explainers.literature.evidence.evidence_table` output (``topic``, ``condition``, ``design``).

    Returns
    -------
    pandas.DataFrame
        Integer counts: rows ``chronic pain``, ``depression`` and :data:`BOTH` (in that
        order), columns the designs of :data:`explainers.literature.evidence.DESIGNS`; every finding is
        counted exactly once.

    Raises
    ------
    ValueError
        If a finding's design is not one of the known designs (the message lists them).
    """
    unknown = sorted(set(table["design"]) - set(DESIGNS))
    if unknown:
        raise ValueError(f"unknown design(s) {unknown}; valid designs: {', '.join(DESIGNS)}")
    condition = table["condition"].str.lower()
    topic = table["topic"].astype(str)
    both = ((topic == "chronic pain") & condition.str.contains("depress")) | (
        (topic == "depression") & condition.str.contains("pain")
    )
    measured = topic.where(~both, BOTH)
    counts = pd.crosstab(measured, table["design"])
    return counts.reindex(index=[*TOPICS, BOTH], columns=list(DESIGNS), fill_value=0).astype(int)


def design_grid_figure(
    counts: pd.DataFrame, row_colours: dict, wanted: tuple[str, str], wanted_label: str = ""
):
    """A grid of finding counts: what was measured (rows) by study design (columns).

    Each cell shows its count; filled cells take their row's colour, empty cells stay white,
    and the ``wanted`` cell (the kind of study a question needs) is outlined with a dashed line.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`design_counts` output.
    row_colours : dict
        Row label -> colour (rows not listed are grey).
    wanted : tuple of (str, str)
        (row, column) of the cell to outline.
    wanted_label : str, optional
        Text written under the grid, below the outlined cell's column.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``wanted`` is not a cell of ``counts`` (the message lists the rows and columns).
    """
    if wanted[0] not in counts.index or wanted[1] not in counts.columns:
        raise ValueError(
            f"wanted cell {wanted!r} is not in the grid; "
            f"rows: {list(counts.index)}, columns: {list(counts.columns)}"
        )
    plt = housestyle.pyplot()
    n_rows, n_cols = counts.shape
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 1.0 * n_rows + 2.2))
    for i, row in enumerate(counts.index):
        y = n_rows - 1 - i
        for j, column in enumerate(counts.columns):
            value = int(counts.loc[row, column])
            colour = row_colours.get(row, palette.OKABE_ITO["grey"]) if value else "white"
            ax.add_patch(plt.Rectangle((j, y), 1, 1, facecolor=colour, edgecolor="#888888", linewidth=1))
            ax.text(
                j + 0.5,
                y + 0.5,
                str(value),
                ha="center",
                va="center",
                fontsize=18,
                fontweight="bold",
                color="white" if value else "#666666",
            )
    i, j = list(counts.index).index(wanted[0]), list(counts.columns).index(wanted[1])
    ax.add_patch(
        plt.Rectangle(
            (j + 0.04, n_rows - 1 - i + 0.04),
            0.92,
            0.92,
            fill=False,
            edgecolor="black",
            linestyle="--",
            linewidth=2.5,
        )
    )
    if wanted_label:
        ax.text(j + 0.5, -0.12, textwrap.fill(wanted_label, 26), ha="center", va="top", fontsize=12)
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks(np.arange(n_cols) + 0.5, [textwrap.fill(str(c), 12) for c in counts.columns], fontsize=12)
    ax.set_yticks(
        np.arange(n_rows)[::-1] + 0.5, [textwrap.fill(str(r), 24) for r in counts.index], fontsize=12
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_aspect("equal")
    fig.tight_layout()
    return fig
