"""The check run on every rendered page: that it reaches no other host.

:func:`explainers.site.export.render` runs :func:`external_references` on every edition it writes
and refuses a page that would make a request outside itself.
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
