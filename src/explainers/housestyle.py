"""The house style: one palette, colour maps, figure sizes and matplotlib settings.

Categorical colours come from the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies); signed maps use the diverging ``RdBu_r`` with a centred zero;
unsigned maps use the perceptually uniform ``viridis``. Every network keeps one colour in
every notebook (:data:`NETWORK_COLOURS`, keyed by the canonical names of
:data:`explainers.vocabulary.NETWORKS`).

Showing and saving a finished figure is the job of :mod:`explainers.figures`.
"""

from __future__ import annotations

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#7F7F7F",
}

#: One colour per canonical network name (:data:`explainers.vocabulary.NETWORKS`), the same in
#: every notebook. Salience, VentralAttention and SalienceVentralAttention share one colour: Yeo's
#: seventh network covers the cortex that Seitzman splits into the other two, so that cortex keeps
#: its colour from atlas to atlas (a figure showing Seitzman's two together must tell them apart
#: by marker or label).
NETWORK_COLOURS = {
    "Default": OKABE_ITO["vermillion"],
    "DorsalAttention": OKABE_ITO["blue"],
    "Frontoparietal": OKABE_ITO["orange"],
    "Salience": OKABE_ITO["reddish_purple"],
    "VentralAttention": OKABE_ITO["reddish_purple"],
    "SalienceVentralAttention": OKABE_ITO["reddish_purple"],
    "CinguloOpercular": "#8C6BB1",
    "Visual": OKABE_ITO["sky_blue"],
    "Somatomotor": OKABE_ITO["bluish_green"],
    "Limbic": "#B8A200",  # a darker yellow: plain Okabe-Ito yellow vanishes on white
    "Auditory": "#6B8E23",
    "Reward": "#A0522D",
    "MedialTemporal": "#4D4D4D",
    "ParietoMedial": "#999999",
    "Cerebellum": "#BBBBBB",
    "Subcortical": "#BBBBBB",
    "Unassigned": "#DDDDDD",
}

#: Colours for the roles used in schematic signals.
ROLE_COLOURS = {
    "task": OKABE_ITO["blue"],
    "default": OKABE_ITO["vermillion"],
    "patients": OKABE_ITO["reddish_purple"],
    "controls": OKABE_ITO["black"],
    "block": "#E8E8E8",
}

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
