"""The house style of figures: colour maps, figure sizes and matplotlib settings.

The colours themselves are :mod:`explainers.core.palette` (the pages use them too): the
Okabe-Ito palette for categories and one colour per network. Here: signed maps use the diverging
``RdBu_r`` with a centred zero; unsigned maps use the perceptually uniform ``viridis``; sizes
and matplotlib settings that read well on a projected slide.

Showing and saving a finished figure is the job of :mod:`explainers.figures.show`.
"""

from __future__ import annotations

from explainers.core.palette import OKABE_ITO

#: How the amygdala is drawn wherever it is contrasted with the default mode network.
AMYGDALA_MARKER = {"color": OKABE_ITO["bluish_green"], "marker": "s"}

DIVERGING_CMAP = "RdBu_r"
SEQUENTIAL_CMAP = "viridis"

#: Figure widths in inches; at the saved resolution these read well on a projected slide.
WIDTH_FULL = 11.0
WIDTH_HALF = 6.0
SAVE_DPI = 150

#: Salt for matplotlib's SVG ids, so a second build writes byte-identical SVG files.
SVG_HASHSALT = "explainers"

_RC = {
    "figure.dpi": 100,
    "savefig.dpi": SAVE_DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
    "savefig.facecolor": "white",
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "image.cmap": SEQUENTIAL_CMAP,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "path.simplify": True,
}


def apply() -> None:
    """Set the house style on matplotlib's global parameters.

    Returns
    -------
    None
    """
    import matplotlib as mpl

    mpl.rcParams.update(_RC)


def pyplot():
    """Return ``matplotlib.pyplot`` with the house style applied (for the figure builders).

    Returns
    -------
    module
    """
    import matplotlib.pyplot as plt

    apply()
    return plt
