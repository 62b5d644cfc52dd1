"""HTML editions of executed notebooks (the site pages around them are in :mod:`explainers.site.pages`).

Each executed notebook becomes self-contained HTML files, one per edition:

========  =====================  ==================================================
edition   file                   for whom
========  =====================  ==================================================
full      ``NAME.html``          students: text, code, outputs; solutions folded
reader    ``NAME.reader.html``   clinicians: text and figures, no code
embed     ``NAME.embed.html``    educators: the reader edition without navigation,
                                 for an LMS iframe
========  =====================  ==================================================

The project's nbconvert template (``templates/explainers``) extends JupyterLab's but drops
every CDN script (RequireJS, MathJax, mermaid), embeds images, and writes each image's alt
text. :func:`explainers.site.postprocess.external_references` finds anything that would still reach
another host; the export refuses to write a page that has one.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from explainers import __version__
from explainers.core import errors, notebooks
from explainers.literature import datasources, figurerecords, ledger
from explainers.literature.figurerecords import FigureRecord
from explainers.site import explorables, postprocess

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "explainers"
FOOTER = (
    "Pain and the Default Mode · text and figures CC BY 4.0, code BSD-3-Clause · "
    "built offline from public data; each figure caption names its source and licence. "
    "A group-level research explainer, not medical advice."
)
COLLECTION = "Pain and the Default Mode"
AUTHORS = "Pain and the Default Mode contributors"
#: Cells with these tags are left out of the editions without code.
READER_REMOVE_TAGS = frozenset({"hide-in-reader", "solution", "exercise"})


@dataclass(frozen=True)
class Edition:
    """One way of rendering a notebook.

    Attributes
    ----------
    name : str
        Short name used in file names and the CLI.
    label : str
        Link text shown to readers.
    suffix : str
        Inserted before ``.html`` in the file name.
    exclude_input : bool
        Hide code cells' source (and prompts).
    remove_tags : frozenset of str
        Cells carrying any of these tags are removed.
    """

    name: str
    label: str
    suffix: str
    exclude_input: bool
    remove_tags: frozenset

    def filename(self, stem: str) -> str:
        """Return the HTML file name of this edition for notebook ``stem``."""
        return f"{stem}{self.suffix}.html"


EDITIONS = (
    Edition("full", "Notebook with code", "", False, frozenset()),
    Edition("reader", "Reader edition (no code)", ".reader", True, READER_REMOVE_TAGS),
    Edition("embed", "Embed", ".embed", True, READER_REMOVE_TAGS),
)

#: The site's navigation, on every page: (file, label).
SITE_PAGES = (
    ("index.html", "All notebooks"),
    ("gallery.html", "Figure gallery"),
    ("claims.html", "Claim explorer"),
)

#: Where the site keeps each notebook for download, and its handout page.
NOTEBOOK_FOLDER = "notebooks"
HANDOUT_SUFFIX = ".handout.html"

#: Figures inside a page: at most this wide (pixels), as lossy WebP. Two or three times
#: smaller than the PNG, sharp on a phone; the PNG (and SVG) stay in figures/ for download.
IMAGE_WIDTH = 1100
IMAGE_QUALITY = 75

#: The site's icon, inline (a page requests nothing outside itself): a blue dot with a dip.
FAVICON = (
    "data:image/svg+xml,"
    "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
    "%3Ccircle cx='16' cy='16' r='15' fill='%230072B2'/%3E"
    "%3Cpath d='M5 13h6l5 9 5-9h6' fill='none' stroke='white' stroke-width='3'/%3E%3C/svg%3E"
)
EDITION_NAMES = tuple(e.name for e in EDITIONS)


def get_edition(name: str) -> Edition:
    """Return the edition called ``name``.

    Parameters
    ----------
    name : str
        One of :data:`EDITION_NAMES`.

    Returns
    -------
    Edition

    Raises
    ------
    ValueError
        If ``name`` is not an edition; the message lists the valid names.
    """
    errors.check_choice("edition", name, EDITION_NAMES)
    return EDITIONS[EDITION_NAMES.index(name)]


def anchor(figure_id: str) -> str:
    """Return the id a figure's image carries on every page, and every link to it ends in.

    Parameters
    ----------
    figure_id : str
        The figure's id in its record and its output metadata.

    Returns
    -------
    str
        ``fig-<figure id>``: an edition's image, a gallery entry, and the links of the index,
        the claim explorer and the embed snippets (``NAME.embed.html#fig-01-where``).
    """
    return f"fig-{figure_id}"


def number_figures(nb) -> list[str]:
    """Anchor and number the figures of one edition, from the marks their outputs carry.

    Run on the notebook an edition renders (after its cells are removed): each figure's image
    gets its :func:`anchor` (the template writes it as the image's id), and the figures are
    numbered 1, 2, ... in the order this edition shows them, so an edition without the
    exercises has no gaps. The marks come from
    :func:`explainers.literature.figurerecords.output_metadata`; no text is searched.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Modified in place.

    Returns
    -------
    list of str
        The figure ids, in the order the edition shows them.
    """
    numbers: dict[str, int] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            mark = figurerecords.figure_mark(output)
            if mark is None:
                continue
            number = numbers.setdefault(mark.figure_id, len(numbers) + 1)
            if mark.part == "image":
                output.metadata.setdefault("image/png", {})["anchor"] = anchor(mark.figure_id)
            elif number != mark.number:
                caption = "".join(output.data["text/markdown"])
                shown, renumbered = (
                    figurerecords.figure_label(mark.number),
                    figurerecords.figure_label(number),
                )
                output.data["text/markdown"] = caption.replace(shown, renumbered, 1)
    return list(numbers)


@dataclass(frozen=True)
class PageContext:
    """What a notebook page shows from outside its notebook.

    Attributes
    ----------
    previous, next : tuple of (str, str) or None
        Stem and title of the neighbouring notebooks, for the previous/next links.
    records : dict of str to FigureRecord
        The figure records of this notebook, by id: the reader's credit line under each
        figure is derived from the data the record names.
    """

    previous: tuple[str, str] | None = None
    next: tuple[str, str] | None = None
    records: dict[str, FigureRecord] = field(default_factory=dict)


def notebook_href(stem: str) -> str:
    """Return the site-relative path of a notebook's download copy."""
    return f"{NOTEBOOK_FOLDER}/{stem}.ipynb"


def handout_filename(stem: str) -> str:
    """Return the file name of a notebook's printable handout page."""
    return f"{stem}{HANDOUT_SUFFIX}"


@functools.lru_cache(maxsize=256)
def _webp(digest: str, png: bytes) -> tuple[str, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        if image.width > IMAGE_WIDTH:
            height = max(1, round(image.height * IMAGE_WIDTH / image.width))
            image = image.resize((IMAGE_WIDTH, height), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=IMAGE_QUALITY, method=6)
        size = image.size
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), *size


def page_image(png_base64) -> dict:
    """Return a figure as the page shows it: a WebP ``data:`` URI and its pixel size.

    Parameters
    ----------
    png_base64 : str or list of str
        The PNG of a notebook output, base64 (as nbformat stores it).

    Returns
    -------
    dict
        ``src``, ``width``, ``height``.
    """
    text = "".join(png_base64) if isinstance(png_base64, list) else png_base64
    png = base64.b64decode(text)
    try:
        src, width, height = _webp(hashlib.sha256(png).hexdigest(), png)
    except OSError:  # PIL cannot read it: the page shows the stored bytes as they are
        return {"src": f"data:image/png;base64,{text}", "width": "", "height": ""}
    return {"src": src, "width": width, "height": height}


def _credit_html(record: FigureRecord, edition: Edition) -> str:
    """The reader's credit under a figure: one line, and where its full source and licence are."""
    import html

    credit = datasources.reader_credit(record.data, record.claims, COLLECTION)
    line = html.escape(credit.line)
    # An HTML block on its own (nbconvert's Markdown renderer empties inline tags such as <small>).
    if edition.name == "embed":
        # One file inside a course page: the full lines travel in it, folded.
        return (
            f'<p class="ex-credit">{line}</p>\n<details class="ex-source"><summary>Full source and licence'
            f"</summary><p>Source: {html.escape(credit.source)}</p>"
            f"<p>Licence: {html.escape(credit.licence)}</p></details>"
        )
    return (
        f'<p class="ex-credit">{line} <a href="gallery.html#{anchor(record.figure_id)}">'
        "Full source and licence</a></p>"
    )


def reader_credits(nb, records: dict[str, FigureRecord], edition: Edition) -> None:
    """Put the reader's credit line under each figure, in place of the one the notebook stored.

    The stored line names packages with their versions and internal paths; a reader page
    gives the data's authors and the licence, and links to the full lines (the gallery, or a
    fold in the embed edition). Figures without a record (or one naming no data) keep theirs.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Modified in place.
    records : dict of str to FigureRecord
    edition : Edition
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            mark = figurerecords.figure_mark(output)
            record = records.get(mark.figure_id) if mark and mark.part == "caption" else None
            if record is None or not record.data:
                continue
            caption = "".join(output.data["text/markdown"])
            head, found, _ = caption.rpartition("<small>")
            if found:
                output.data["text/markdown"] = head.rstrip() + "\n\n" + _credit_html(record, edition)


def output_mark(output) -> dict:
    """Return the ``explainers`` mark of a Markdown output (a chapter block's claims and part).

    IPython stores a display object's own metadata under its MIME type
    (``{"text/markdown": {"explainers": ...}}``); a mark given to ``display`` sits at the top.

    Parameters
    ----------
    output : dict
        A notebook output.

    Returns
    -------
    dict
        Empty when the output carries no mark.
    """
    metadata = output.get("metadata") or {}
    mark = metadata.get(figurerecords.METADATA_KEY) or (metadata.get("text/markdown") or {}).get(
        figurerecords.METADATA_KEY
    )
    return mark if isinstance(mark, dict) else {}


def claim_markers(nb) -> None:
    """Mark each ledger sentence of the full edition with a link to its claim in the explorer.

    ``chapter.say`` and ``chapter.short_version`` carry the ids of the claims they render in
    their output's metadata (``{"explainers": {"claims": [...]}}``); the marker goes right
    after the claim's sentence, or at the end of the block when the sentence is not found as
    written (for example when Markdown rewrote it).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Modified in place.
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            ids = output_mark(output).get("claims")
            if not ids or "text/markdown" not in output.get("data", {}):
                continue
            text = "".join(output.data["text/markdown"])
            for number, claim_id in enumerate(ids, start=1):
                # A placeholder, made a link after rendering (nbconvert's Markdown renderer
                # empties inline HTML such as <a ...>1</a>).
                marker = f"\u27e6claim:{claim_id}:{number}\u27e7"
                sentence = ledger.sentence(claim_id, allow_unverified=True).split("<sup>")[0].rstrip(".")
                at = text.find(sentence)
                if at >= 0:
                    end = at + len(sentence)
                    text = text[:end] + marker + text[end:]
                else:
                    text = text.rstrip() + " " + marker
            output.data["text/markdown"] = text


_MARKER = re.compile("\u27e6claim:([\\w.-]+):(\\d+)\u27e7")


def _claim_link(match) -> str:
    import html

    claim_id, number = match.groups()
    row = ledger.claim(claim_id)
    label = html.escape(f"Source of this statement in the claim explorer: {row.short or row.claim}")
    return (
        f'<a class="ex-claim" href="claims.html#claim-{html.escape(claim_id)}" '
        f'aria-label="{label}" title="{label}">{number}</a>'
    )


_TABINDEX = re.compile(r'(<div class="jp-[^"]*"[^>]*?) tabindex="0"')
_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)


def _label_cells(table: str) -> str:
    """Give each body cell its column's heading (``data-label``), shown when a phone stacks the rows."""
    head = table.split("</thead>", 1)
    if len(head) != 2:
        return table
    labels = [re.sub(r"<[^>]+>", "", text).strip().replace('"', "&quot;") for text in _TH.findall(head[0])]

    def row(match):
        cells = iter(labels)
        return re.sub(r"<td\b", lambda m: f'<td data-label="{next(cells, "")}"', match.group(0))

    return head[0] + "</thead>" + _ROW.sub(row, head[1])


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h2>', re.S)


def finish_page(page: str, edition: Edition) -> str:
    """The last touches on a rendered edition: tab stops, the on-this-page list, the first image.

    JupyterLab's export gives every cell and output a tab stop (``tabindex="0"``), which adds
    dozens of stops that lead nowhere; they go. Explorable figures get their stylesheet and script
    once (:func:`explainers.site.explorables.inline`). The page's sections (its ``h2`` headings)
    become the on-this-page list; the first image loads at once (it may be the largest thing
    on the first screen), the others as they are scrolled to.

    Parameters
    ----------
    page : str
        The rendered page.
    edition : Edition

    Returns
    -------
    str
    """
    page = _TABINDEX.sub(r"\1", page)
    page = _MARKER.sub(_claim_link, page)
    page = _TABLE.sub(lambda m: _label_cells(m.group(0)), page)
    # nilearn's viewer frame comes without a title; a screen reader announces frames by it.
    page = re.sub(r"<iframe(?![^>]*\btitle=)", '<iframe title="Interactive brain viewer"', page)
    sections = [(ident, re.sub(r"<[^>]+>", "", text).strip()) for ident, text in _H2.findall(page)]
    toc = ""
    if sections and edition.name != "embed":
        items = "".join(f'<li><a href="#{ident}">{text}</a></li>' for ident, text in sections)
        toc = (
            '<details class="ex-toc"><summary>On this page</summary>'
            f'<nav aria-label="On this page"><ol>{items}</ol></nav></details>'
        )
    page = page.replace("<!--ex-toc-->", toc, 1)
    page = explorables.inline(page)
    return page.replace(' loading="lazy" decoding="async"', ' decoding="async"', 1)


class _FigureNumbers:
    """nbconvert preprocessor running :func:`number_figures` (registered after the cell removal)."""

    enabled = True

    def __call__(self, nb, resources):
        number_figures(nb)
        return nb, resources


class _ReaderWords:
    """nbconvert preprocessor: reader credit lines under figures, claim markers in the full edition."""

    enabled = True

    def __init__(self, context: PageContext, edition: Edition):
        self.context, self.edition = context, edition

    def __call__(self, nb, resources):
        reader_credits(nb, self.context.records, self.edition)
        if self.edition.name == "full":
            claim_markers(nb)
        return nb, resources


def palette_css() -> str:
    """Return the figure palette as CSS custom properties (``--ex-<name>``).

    The palette is defined once, in :data:`explainers.core.palette.OKABE_ITO`; pages take their
    accent colours from it through these properties.

    Returns
    -------
    str
    """
    from explainers.core.palette import OKABE_ITO

    return ":root { " + " ".join(f"--ex-{name}: {value};" for name, value in OKABE_ITO.items()) + " }"


def citation(title: str) -> str:
    """Return how to cite one page: collection, page title, version (from ``CITATION.cff``'s fields).

    Parameters
    ----------
    title : str
        The page (notebook) title.

    Returns
    -------
    str
    """
    return f"{AUTHORS}. {title}. In: {COLLECTION}, version {__version__}. Licence CC BY 4.0."


def render(nb, stem: str, edition: Edition, context: PageContext | None = None) -> str:
    """Render one edition of an executed notebook to HTML text.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook (it is not modified).
    stem : str
        The notebook's file stem, used for the page's links.
    edition : Edition
    context : PageContext, optional
        Neighbours and figure records; without it the page has no previous/next links and
        keeps the stored credit lines.

    Returns
    -------
    str
        The page.

    Raises
    ------
    RuntimeError
        If the page would reference another host.
    """
    import copy

    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    context = context or PageContext()
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(edition.remove_tags)
    config.TagRemovePreprocessor.enabled = True
    # The house stylesheet colours code itself; pygments' default theme is not needed.
    config.CSSHTMLHeaderPreprocessor.enabled = False
    exporter = HTMLExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        embed_images=True,
        exclude_input=edition.exclude_input,
        exclude_input_prompt=edition.exclude_input,
        exclude_output_prompt=edition.exclude_input,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    exporter.register_preprocessor(_FigureNumbers(), enabled=True)
    exporter.register_preprocessor(_ReaderWords(context, edition), enabled=True)
    exporter.register_filter("ex_image", page_image)
    title = notebooks.notebook_title(nb)
    summary = nb.metadata.get("explainers", {}).get("summary", "")

    def neighbour(pair):
        return {"href": edition.filename(pair[0]), "title": pair[1]} if pair else None

    editions = [
        {"name": e.name, "label": e.label, "href": e.filename(stem)} for e in EDITIONS if e.name != "embed"
    ]
    editions.append({"name": "handout", "label": "Handout (print)", "href": handout_filename(stem)})
    resources = {
        "metadata": {"name": title},
        "explainers": {
            "version": __version__,
            "edition": edition.name,
            "editions": editions,
            "site_pages": SITE_PAGES,
            "notebook_href": notebook_href(stem),
            "previous": neighbour(context.previous),
            "next": neighbour(context.next),
            "description": f"{title}: {summary}" if summary else title,
            "favicon": FAVICON,
            "collection": COLLECTION,
            "footer": FOOTER,
            "title": title,
            "full_href": EDITIONS[0].filename(stem),
            "citation": citation(title),
            "palette_css": palette_css(),
        },
    }
    page, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
    page = finish_page(page, edition)
    problems = postprocess.external_references(page)
    if problems:
        raise RuntimeError(
            f"{stem} ({edition.name} edition) would reference other hosts: {'; '.join(problems[:5])}"
        )
    return page


def export_notebook(nb, stem: str, out_dir: Path, context: PageContext | None = None) -> list[Path]:
    """Write every edition of one executed notebook into ``out_dir``, and its download copy.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    stem : str
    out_dir : pathlib.Path
    context : PageContext, optional
        See :func:`render`.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for edition in EDITIONS:
        target = out_dir / edition.filename(stem)
        target.write_text(render(nb, stem, edition, context), encoding="utf-8")
        written.append(target)
    import nbformat

    download = out_dir / notebook_href(stem)
    download.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, download)
    written.append(download)
    return written
