"""The evidence-map figure of notebook 06 (data from :func:`explainers.evidence.evidence_table`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import housestyle
from .evidence import DIRECTIONS, TOPICS


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
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL + 1, 0.62 * n + 2.6))
    y = np.arange(n)[::-1].astype(float)
    gap_x = 4.0
    ax.axvspan(2.5, 6.0, color="#EEEEEE", zorder=0)
    ax.text(
        gap_x,
        y[0] + 0.7,
        "group sizes\nnot in ledger",
        ha="center",
        va="bottom",
        fontsize=10,
        color="#555555",
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
            s=130,
            marker=marker,
            facecolor=colour if filled else "white",
            edgecolor=colour,
            linewidth=2,
            zorder=3,
        )
        if row.status == "unverified":
            ax.scatter([x], [yy], s=60, marker="x", color="black", zorder=4)
        ax.text(1.9, yy + 0.17, row.study, ha="right", va="center", fontsize=11, fontweight="bold")
        ax.text(1.9, yy - 0.2, f"{row.condition}: {row.measure}", ha="right", va="center", fontsize=10)
    ax.set_xscale("log")
    ax.set_xlim(2.5, 2500)
    ax.set_ylim(-0.8, n + 0.6)
    ax.set_yticks([])
    ax.set_xlabel("people in the study (patients + controls, log scale)")
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
            markersize=10,
            markerfacecolor="white",
            markeredgecolor="black",
            label=label,
        )
        for m, label in DIRECTIONS.values()
    ]
    handles += [
        plt.Line2D([], [], marker="s", linestyle="", markersize=10, color=c, label=t)
        for t, c in topic_colours.items()
    ]
    handles += [
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor="grey",
            markeredgecolor="grey",
            label="filled: verified",
        ),
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor="white",
            markeredgecolor="grey",
            label="hollow: second-hand",
        ),
        plt.Line2D(
            [], [], marker="x", linestyle="", markersize=8, color="black", label="cross: not verified"
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=10.5)
    fig.subplots_adjust(left=0.45, right=0.97, top=0.95, bottom=0.16)
    return fig
