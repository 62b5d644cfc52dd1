"""The collection's colours, defined once: figures draw with them and pages take their accents from them.

Categorical colours come from the Okabe-Ito palette, distinguishable with the common
colour-vision deficiencies (Okabe & Ito, 2008). Every network keeps one colour in every notebook
and page (:data:`NETWORK_COLOURS`, keyed by the canonical names of
:data:`explainers.core.vocabulary.NETWORKS`). How figures use them (colour maps, sizes, matplotlib
settings) is :mod:`explainers.figures.housestyle`.
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

#: One colour per canonical network name (:data:`explainers.core.vocabulary.NETWORKS`), the same in
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
