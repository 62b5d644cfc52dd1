"""The one script and stylesheet of the explorable figures, and the marks that tie them to pages.

An explorable is a block of HTML a notebook shows through ``IPython.display.HTML``
(:mod:`explainers.figures.explorables` writes it): its static table and notes, its controls (absent
until the script shows them) and its data as a JSON block. Jupyter and the site's pages show the
same HTML. Two parts are shared and live here, below both the figures that write explorables and
the site that inlines them into pages:

- :func:`script`: one small dependency-free script (``explorables.js``) for every explorable. A
  notebook output carries it the first time a kernel shows an explorable; the site's export removes
  every copy an output carries (:data:`SCRIPT_MARK`) and inlines it once per page that needs it.
- :func:`style`: the stylesheet (``explorables.css``), which also works with scripts off (the
  global-signal switch is CSS only) and in print (the static figure only). Outputs carry it as a
  ``<style>`` marked :data:`STYLE_MARK`; pages get it once, in their head.

It reads two files beside it and imports nothing of the package.
"""

from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The attribute every explorable's outermost element carries, with its kind as value.
KIND_ATTRIBUTE = "data-ex-explorable"
#: Kinds whose HTML needs the script (the switch works with CSS alone).
SCRIPTED_KINDS = ("power", "regions")
#: The attribute of a ``<script>`` that carries (or starts) the shared script inside an output.
SCRIPT_MARK = "data-ex-script"
#: The attribute of a ``<style>`` that carries the shared stylesheet (or a switch's own rules).
STYLE_MARK = "data-ex-style"
#: The key of an explorable's mark in its output's metadata (beside the figure marks).
METADATA_KEY = "explainers"


@functools.cache
def script() -> str:
    """Return the explorables' script (the text of ``explorables.js``)."""
    return (HERE / "explorables.js").read_text(encoding="utf-8")


@functools.cache
def style() -> str:
    """Return the explorables' stylesheet (the text of ``explorables.css``)."""
    return (HERE / "explorables.css").read_text(encoding="utf-8")
