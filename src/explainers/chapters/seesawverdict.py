"""The verdict figure of notebook 03: every number behind the verdict on one correlation axis.

Kept apart from :mod:`explainers.chapters.seesawfigures` (the analysis figures) so each module stays
small; it draws only what it is given.
"""

from __future__ import annotations

import numpy as np

from explainers.core import palette
from explainers.figures import housestyle


def verdict_numbers(rows, verdict_label: str):
    """Draw the measured correlations behind a verdict as labelled bars around zero.

    Parameters
    ----------
    rows : list of (str, float)
        A label for each measurement (e.g. "resting run, as shipped") and its correlation;
        drawn top to bottom in the order given.
    verdict_label : str
        The verdict's display label, written under the bars.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``rows`` is empty or a correlation is not a finite number between -1 and 1.
    """
    if not rows:
        raise ValueError("rows must hold at least one (label, correlation) pair")
    labels = [str(label) for label, _ in rows]
    values = np.array([value for _, value in rows], dtype=float)
    if not np.all(np.isfinite(values)) or np.any(np.abs(values) > 1):
        raise ValueError(f"correlations must be finite numbers between -1 and 1, got {values.tolist()}")
    plt = housestyle.pyplot()
    fig, ax = plt.subplots(figsize=(housestyle.WIDTH_FULL, 0.55 * len(rows) + 1.3))
    y = np.arange(len(rows))[::-1]
    colours = [palette.OKABE_ITO["vermillion"] if v > 0 else palette.OKABE_ITO["blue"] for v in values]
    ax.barh(y, values, color=colours, edgecolor="black", height=0.6)
    for yi, value in zip(y, values, strict=True):
        # Labels sit beyond the bar's end, on the side of its sign, so none overlaps a bar.
        ax.text(
            value + (0.02 if value >= 0 else -0.02),
            yi,
            f"r = {value:+.2f}",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=11,
        )
    ax.axvline(0, color="black", linewidth=1.2)
    ax.set_yticks(y, labels, fontsize=11)
    reach = max(0.3, float(np.abs(values).max()) * 1.35)
    ax.set_xlim(-reach, reach)
    ax.set_xlabel("correlation (r): right of the line, moving together; left of it, moving in opposition")
    ax.set_title(f"Verdict on the press sentence: {verdict_label}", loc="left", fontsize=13)
    fig.tight_layout()
    return fig
