"""Compatibility facade: the brain-figure functions under their old module name.

New code imports from the module that does the job:

- :mod:`explainers.glassbrains` -- coordinate sets on glass brains;
- :mod:`explainers.surfaceplots` -- maps on the fsLR cortical surface;
- :mod:`explainers.compareplots` -- bars of agreement between maps;
- :mod:`explainers.plotspec` -- the keys of layers, panels and rows.

Everything below is a re-export; nothing is defined here. Delete this module once no
notebook or module imports ``brainplots`` any more.
"""

from __future__ import annotations

from .compareplots import agreement_bars
from .glassbrains import GLASS_BRAIN_MODE, glass_brain_markers, glass_brain_stack
from .plotspec import LAYER_KEYS, ROW_KEYS
from .surfaceplots import (
    SURFACE_VIEWS,
    categorical_colormap,
    mask_colormap,
    surface_maps,
    surface_row,
    surface_view_titles,
)

__all__ = [
    "GLASS_BRAIN_MODE",
    "LAYER_KEYS",
    "ROW_KEYS",
    "SURFACE_VIEWS",
    "agreement_bars",
    "categorical_colormap",
    "glass_brain_markers",
    "glass_brain_stack",
    "mask_colormap",
    "surface_maps",
    "surface_row",
    "surface_view_titles",
]
