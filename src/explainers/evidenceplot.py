"""The evidence-map figure of notebook 06 (data from :func:`explainers.evidence.evidence_table`)."""

from __future__ import annotations

import textwrap

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
