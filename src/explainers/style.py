"""Compatibility facade: the house style and the figure shower under their old module name.

New code imports from the module that does the job:

- :mod:`explainers.housestyle` -- palette, network colours, colour maps, sizes,
  :func:`~explainers.housestyle.apply` and :func:`~explainers.housestyle.pyplot`;
- :mod:`explainers.figures` -- :func:`~explainers.figures.show_figure` and the figure records.

Everything below is a re-export; nothing is defined here. Delete this module once no
notebook or module imports ``style`` any more.
"""

from __future__ import annotations

from .figures import SIMULATED_LABEL, FigureRecord, caption_markdown, figure_bytes, show_figure
from .housestyle import (
    AMYGDALA_MARKER,
    DIVERGING_CMAP,
    NETWORK_COLOURS,
    OKABE_ITO,
    ROLE_COLOURS,
    SAVE_DPI,
    SEQUENTIAL_CMAP,
    SVG_HASHSALT,
    WIDTH_FULL,
    WIDTH_HALF,
    apply,
    pyplot,
)

__all__ = [
    "AMYGDALA_MARKER",
    "DIVERGING_CMAP",
    "NETWORK_COLOURS",
    "OKABE_ITO",
    "ROLE_COLOURS",
    "SAVE_DPI",
    "SEQUENTIAL_CMAP",
    "SIMULATED_LABEL",
    "SVG_HASHSALT",
    "WIDTH_FULL",
    "WIDTH_HALF",
    "FigureRecord",
    "apply",
    "caption_markdown",
    "figure_bytes",
    "pyplot",
    "show_figure",
]
