"""Post-processing of a rendered page: figure anchors onto images, and the self-containment check.

:func:`explainers.site.export.render` runs both on every edition it writes: :func:`anchor_figures`
so that embed snippets can point at a figure and figures are numbered without gaps, and
:func:`external_references` so that no page reaches another host.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _ReferenceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("src", "href", "srcset", "action", "poster", "data") and value:
                self.references.append((tag, key, value.strip()))


_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_SAFE_SCHEMES = ("data:", "#", "mailto:", "about:", "javascript:void")


def _is_external(value: str) -> bool:
    lowered = value.lower()
    if lowered.startswith(_SAFE_SCHEMES):
        return False
    if lowered.startswith(("http:", "https:", "ftp:", "ws:", "wss:")):
        return True
    return bool(_EXTERNAL.match(value))


def external_references(page: str) -> list[str]:
    """List every ``src``/``href``-like attribute of a page that points to another host.

    Inline frames built with ``srcdoc`` (nilearn's interactive views) are searched too.

    Parameters
    ----------
    page : str
        HTML text.

    Returns
    -------
    list of str
        ``"<tag> attr=value"`` for each external reference; empty when the page is
        self-contained.
    """
    found = []
    collector = _ReferenceCollector()
    collector.feed(page)
    for tag, key, value in collector.references:
        if _is_external(value):
            found.append(f"<{tag}> {key}={value}")
    for srcdoc in re.findall(r'srcdoc="([^"]*)"', page):
        found.extend(external_references(html.unescape(srcdoc)))
    return found


_FIGURE_CAPTION = re.compile(r'<a id="fig-([0-9]{2}-[a-z0-9-]+)"></a>(<strong>Figure )[0-9]+\.')
_IMAGE_DIV = '<div class="jp-RenderedImage'


def anchor_figures(page: str) -> str:
    """Move each caption's figure anchor onto its image, and number the figures the page shows.

    Captions carry ``<a id="fig-<figure id>"></a>`` (see :data:`explainers.figures.captions.FIGURE_ANCHOR`);
    the id moves to the image before the caption, where the gallery's embed snippets point
    (``NAME.embed.html#fig-01-where``). Figures are numbered 1, 2, ... in the order this
    edition shows them, so an edition without the exercises has no gaps in its numbering.

    Parameters
    ----------
    page : str

    Returns
    -------
    str
    """
    pieces, position = [], 0
    for number, match in enumerate(_FIGURE_CAPTION.finditer(page), start=1):
        image = page.rfind(_IMAGE_DIV, position, match.start())
        if image >= 0:
            pieces += [page[position:image], f'<div id="fig-{match.group(1)}" class="jp-RenderedImage']
            position = image + len(_IMAGE_DIV)
        pieces += [page[position : match.start()], f"{match.group(2)}{number}."]
        position = match.end()
    return "".join(pieces) + page[position:]
