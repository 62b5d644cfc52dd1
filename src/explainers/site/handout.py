"""The handout edition: one or two printed pages per chapter, for a clinician to keep or hand on.

Made from the executed notebook, never typed: the title, "the short version" (the block
:func:`explainers.chapter.short_version` displays), the key figure (``key_figure`` in the
notebook's ``explainers`` metadata, else its first figure a reader sees) at a readable size
with its caption and credit, the key points, what the page does not show, a short citation
and where to read more.

The markers a notebook keeps for the handout (:data:`KEY_POINTS_HEADINGS`, :data:`LIMITS_HEADING`):

- the short version: the output marked ``{"explainers": {"part": "short-version"}}`` in its
  metadata, which ``chapter.short_version`` writes; before that mark existed, the Markdown output
  that starts with ``> **The short version.**``;
- the key points: the section under a level-2 heading "Key points" or "Summary" (a bold
  "Key points" line at its top is dropped);
- the limits: the section under the level-2 heading "What this does not show".

A section runs to the next heading of level 1 or 2. A notebook missing any of them gets no
handout and :func:`handout_parts` says which marker is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from explainers.core import notebooks
from explainers.literature import bibliography, datasources
from explainers.literature.figurerecords import FigureRecord
from explainers.site import export, pages

#: Level-2 headings (case-insensitive) that open the key points.
KEY_POINTS_HEADINGS = ("key points", "summary")
#: The level-2 heading that opens what the page does not show.
LIMITS_HEADING = "what this does not show"
#: The part name ``chapter.short_version`` marks its output with.
SHORT_VERSION_PART = "short-version"
_SHORT_VERSION_TEXT = "> **The short version.**"
#: The study the collection explains, cited on every handout.
STUDY = "baliki2008"
#: The key figure printed at most this wide in pixels (about 300 dpi across a column).
PRINT_WIDTH = 1800


class HandoutError(ValueError):
    """A notebook lacks a part the handout is made from; the message names the marker."""


@dataclass(frozen=True)
class HandoutParts:
    """What a handout shows, as Markdown, found in the executed notebook.

    Attributes
    ----------
    title, short_version, key_points, limits : str
    key_figure : str or None
        The figure id, or ``None`` when the notebook shows no figure.
    """

    title: str
    short_version: str
    key_points: str
    limits: str
    key_figure: str | None


def _sections(nb) -> dict[str, str]:
    """Every level-1/level-2 section of the Markdown cells, by lower-case heading text."""
    found: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        heading, lines = None, []
        for line in cell.source.splitlines() + ["# end"]:
            match = re.match(r"^(#{1,2})\s+(.*?)\s*#*\s*$", line)
            if match:
                if heading is not None:
                    found.setdefault(heading, "\n".join(lines).strip())
                heading, lines = match.group(2).strip().lower(), []
            elif heading is not None:
                lines.append(line)
    return found


def _short_version(nb) -> str | None:
    fallback = None
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = "".join((output.get("data") or {}).get("text/markdown", ""))
            if export.output_mark(output).get("part") == SHORT_VERSION_PART:
                return text
            if fallback is None and text.startswith(_SHORT_VERSION_TEXT):
                fallback = text
    return fallback


def handout_parts(nb, reader_figures: list[str]) -> HandoutParts:
    """Find the parts of a handout in an executed notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    reader_figures : list of str
        The figure ids the reader edition shows, in order.

    Returns
    -------
    HandoutParts

    Raises
    ------
    HandoutError
        If the short version, the key points or the limits are missing; the message names
        the marker the notebook needs.
    """
    title = notebooks.notebook_title(nb)
    sections = _sections(nb)
    short = _short_version(nb)
    key_points = next((sections[h] for h in KEY_POINTS_HEADINGS if sections.get(h)), None)
    limits = sections.get(LIMITS_HEADING)
    missing = [
        what
        for what, value in (
            ("the short version (chapter.short_version)", short),
            ("a '## Key points' or '## Summary' section", key_points),
            (f"a '## {LIMITS_HEADING.capitalize()}' section", limits),
        )
        if not value
    ]
    if missing:
        raise HandoutError(f"{title!r} has no handout: it lacks {', '.join(missing)}")
    key_points = re.sub(r"^\*\*Key points\*\*\s*", "", key_points, flags=re.I)
    wanted = nb.metadata.get("explainers", {}).get("key_figure")
    key = wanted if wanted in reader_figures else (reader_figures[0] if reader_figures else None)
    return HandoutParts(title, short, key_points, limits, key)


def short_version_html(nb) -> str | None:
    """Return a notebook's short version as HTML without its lead-in (for the index), or ``None``.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    str or None
    """
    text = _short_version(nb)
    if not text:
        return None
    text = re.sub(r"^>\s?", "", text, flags=re.M).replace("**The short version.**", "").strip()
    return _html(text)


def _html(markdown: str) -> str:
    import mistune

    return mistune.html(markdown)


def _print_image(png: Path) -> dict:
    import base64
    import io

    from PIL import Image

    with Image.open(png) as image:
        image = image.convert("RGB")
        if image.width > PRINT_WIDTH:
            image = image.resize(
                (PRINT_WIDTH, round(image.height * PRINT_WIDTH / image.width)), Image.LANCZOS
            )
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=85, method=6)
        width, height = image.size
    src = "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"src": src, "width": width, "height": height}


def write_handout(
    nb, stem: str, site: Path, records: dict[str, FigureRecord], reader_figures: list[str]
) -> Path:
    """Write ``NAME.handout.html``: the chapter on one or two printed pages (A4 or Letter).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook.
    stem : str
    site : pathlib.Path
        The site folder; the key figure is read from ``site/figures/<id>.png``.
    records : dict of str to FigureRecord
        The notebook's figure records, by id.
    reader_figures : list of str
        The figure ids the reader edition shows, in order.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    HandoutError
        See :func:`handout_parts`.
    """
    parts = handout_parts(nb, reader_figures)
    figure = None
    record = records.get(parts.key_figure) if parts.key_figure else None
    png = site / "figures" / f"{parts.key_figure}.png"
    if record and png.exists():
        credit = (
            datasources.reader_credit(record.data, record.claims, export.COLLECTION) if record.data else None
        )
        figure = {
            "record": record,
            "image": _print_image(png),
            "credit": credit.line if credit else "",
        }
        # A tall figure (the evidence map) shrinks to unreadable labels beside the text: it gets
        # the second sheet to itself, after the text.
        figure["tall"] = figure["image"]["height"] > figure["image"]["width"]
    study = bibliography.format_reference(STUDY) if STUDY in bibliography.load_references() else ""
    study = _html(study).strip().removeprefix("<p>").removesuffix("</p>") if study else ""
    reader = export.get_edition("reader").filename(stem)
    short = re.sub(r"^>\s?", "", parts.short_version, flags=re.M)
    return pages.write_page(
        site,
        export.handout_filename(stem),
        "handout.html.j2",
        f"Handout: {parts.title}",
        description=f"A printable one- or two-page summary of “{parts.title}”.",
        page_class="ex-handout-page",
        heading=parts.title,
        short_version=_html(short.replace("**The short version.**", "").strip()),
        key_points=_html(parts.key_points),
        limits=_html(parts.limits),
        figure=figure,
        study=study,
        citation=export.citation(parts.title),
        reader=reader,
        stem=stem,
    )
