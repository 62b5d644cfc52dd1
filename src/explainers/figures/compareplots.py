"""Charts of how far two maps of the same network agree (measures of :mod:`explainers.analysis.compare`)."""

from __future__ import annotations

import numpy as np

from explainers.core import palette
from explainers.figures import housestyle


def agreement_bars(values: dict, title: str | None = None, colour: str = palette.NETWORK_COLOURS["Default"]):
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
    plt = housestyle.pyplot()

    names, numbers = list(values), [float(v) for v in values.values()]
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.9 * len(names) + 1.2))
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
