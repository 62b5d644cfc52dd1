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

#: Figures inside a page are lossy WebP (two or three times smaller than the PNG; the PNG and
#: SVG stay in figures/ for download). An image inside the page is at most as wide as the text
#: column it is shown in at its widest (60rem less its padding at 16 px: 920 px), so at 1280 px
#: and more each of its pixels is one screen pixel, and a phone's 390 px column gets more than
#: twice its width. A figure file the full and reader editions load as it is scrolled to
#: (:func:`figure_file`) keeps 1100 px, sharp on a screen of twice the density.
INLINE_WIDTH = 920
IMAGE_WIDTH = 1100
#: The embed edition is shown in a course page's frame, which the gallery's snippets cap at 760 px
#: wide (``snippets.html.j2``): its images need no more pixels than that frame has.
EMBED_WIDTH = 760
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


@functools.lru_cache(maxsize=512)
def _webp(digest: str, png: bytes, width: int) -> tuple[bytes, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=IMAGE_QUALITY, method=6)
        size = image.size
    return buffer.getvalue(), *size


def webp(png: bytes, width: int = IMAGE_WIDTH) -> tuple[bytes, int, int]:
    """Return a figure's PNG as a lossy WebP at most ``width`` pixels wide, with its pixel size.

    Parameters
    ----------
    png : bytes
    width : int, optional
        :data:`INLINE_WIDTH` for an image inside a page, :data:`IMAGE_WIDTH` for a figure file.

    Returns
    -------
    tuple of (bytes, int, int)
        The WebP, its width and its height.

    Raises
    ------
    OSError
        If PIL cannot read the PNG.
    """
    return _webp(hashlib.sha256(png).hexdigest(), png, width)


def page_image(png_base64, width: int = INLINE_WIDTH) -> dict:
    """Return a figure as a page shows it inside itself: a WebP ``data:`` URI and its pixel size.

    Parameters
    ----------
    png_base64 : str or list of str
        The PNG of a notebook output, base64 (as nbformat stores it).
    width : int, optional
        At most this many pixels wide.

    Returns
    -------
    dict
        ``src``, ``width``, ``height``.
    """
    text = "".join(png_base64) if isinstance(png_base64, list) else png_base64
    png = base64.b64decode(text)
    try:
        data, width, height = webp(png, width)
    except OSError:  # PIL cannot read it: the page shows the stored bytes as they are
        return {"src": f"data:image/png;base64,{text}", "width": "", "height": ""}
    return {
        "src": "data:image/webp;base64," + base64.b64encode(data).decode("ascii"),
        "width": width,
        "height": height,
    }


def figure_file(figure_id: str) -> str:
    """Return the site-relative path of a figure's WebP file (full and reader editions load it)."""
    return f"figures/{figure_id}.webp"


class PageImages:
    """The images of one edition: which are inside the page and which are files beside it.

    The embed edition is one file (it goes into a course page on its own): every image is
    inside it. The full and reader editions live in the site, beside ``figures/``: their first
    figure is inside the page (it is on or near the first screen and shows with the text, no
    second request), every later figure is a WebP file in ``figures/`` that the browser fetches
    only when it is scrolled near (``loading="lazy"``, which has no effect on an image inside the
    page). From disk, a USB stick or a server alike the page and ``figures/`` travel together,
    as the site's PNG downloads already do.

    Parameters
    ----------
    edition : Edition
    """

    def __init__(self, edition: Edition):
        self.edition = edition
        #: Figure files this edition refers to: site-relative path to WebP bytes.
        self.files: dict[str, bytes] = {}
        self._inline_figures = 0

    def __call__(self, png_base64, anchor: str | None = None) -> dict:
        """The template's ``ex_image`` filter: ``src``, ``width``, ``height`` and ``lazy``."""
        if self.edition.name == "embed":
            return {**page_image(png_base64, EMBED_WIDTH), "lazy": False}
        if not anchor or self._inline_figures == 0:
            self._inline_figures += bool(anchor)
            return {**page_image(png_base64), "lazy": False}
        text = "".join(png_base64) if isinstance(png_base64, list) else png_base64
        try:
            data, width, height = webp(base64.b64decode(text))
        except OSError:
            return {**page_image(png_base64), "lazy": False}
        path = figure_file(anchor.removeprefix("fig-"))
        self.files[path] = data
        return {"src": path, "width": width, "height": height, "lazy": True}


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


_CODE_BLOCK = re.compile(r'(<div class="\s*highlight[^"]*"><pre>)(.*?)(</pre>)', re.S)
_CODE_TOKEN = re.compile(r'<span class="([\w-]+)">([^<]*)</span>|<span></span>|([^<]+)|(<)')
_CODE_RULE = re.compile(r"^((?:\.highlight \.[\w-]+(?:, )?)+) \{ (.*) \}$", re.M)


@functools.cache
def code_styles() -> dict[str, str]:
    """Return the declarations the house stylesheet gives each code token class that looks different.

    Read from ``notebook.css`` (the one place code colours are set): classes in one rule look
    alike; a class whose rule only repeats the code's own text colour, or that has no rule, is
    left out, because it looks like plain code.

    Returns
    -------
    dict of str to str
        Pygments token class (``"kn"``) to its declarations (``"color: #7a2a8c; font-weight: 600;"``).
    """
    css = (TEMPLATES_DIR / TEMPLATE_NAME / "notebook.css").read_text(encoding="utf-8")
    plain = re.search(r"\.highlight pre[^{]*\{[^}]*?\bcolor: (#\w+);", css).group(1)
    styles = {}
    for selectors, declarations in _CODE_RULE.findall(css):
        if declarations.strip() == f"color: {plain};":
            continue
        for name in re.findall(r"\.highlight \.([\w-]+)", selectors):
            styles[name] = declarations
    return styles


def _lighter_code_block(match) -> str:
    styles = code_styles()
    runs: list[list] = []  # [declarations or None for plain code, class, text]
    for token in _CODE_TOKEN.finditer(match.group(2)):
        name, inner, text, other = token.groups()
        if other:  # markup Pygments does not write: leave the block as it is
            return match.group(0)
        if name is None and text is None:
            continue  # Pygments' empty opening span
        style, piece = (styles.get(name), inner) if name else (None, text)
        if runs and runs[-1][0] == style:
            runs[-1][2] += piece
        elif len(runs) >= 2 and style and runs[-2][0] == style and not runs[-1][2].strip():
            # Only white space between two tokens styled alike: one span for all three (white
            # space looks the same in any colour).
            runs[-2][2] += runs.pop()[2] + piece
        else:
            runs.append([style, name, piece])
    body = "".join(f'<span class="{name}">{text}</span>' if style else text for style, name, text in runs)
    return match.group(1) + body + match.group(3)


def lighter_code(page: str) -> str:
    """Write each code cell's highlighting with fewer tags, looking exactly the same.

    Pygments wraps every token in a ``<span>``, most of them names, punctuation and spaces that
    the house stylesheet colours like plain code: about half of a full edition's code bytes.
    Those spans go, and neighbouring tokens styled alike (a string's prefix, quotes and
    interpolations; keywords separated by a space) share one span. A block holding any other
    markup is left as it is.

    Parameters
    ----------
    page : str

    Returns
    -------
    str
    """
    return _CODE_BLOCK.sub(_lighter_code_block, page)


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h2>', re.S)


def finish_page(page: str, edition: Edition) -> str:
    """The last touches on a rendered edition: tab stops, code, claim links, tables, the on-this-page list.

    JupyterLab's export gives every cell and output a tab stop (``tabindex="0"``), which adds
    dozens of stops that lead nowhere; they go. Code highlighting is written with fewer tags
    (:func:`lighter_code`). Explorable figures get their stylesheet and script once
    (:func:`explainers.site.explorables.inline`). The page's sections (its ``h2`` headings)
    become the on-this-page list.

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
    page = lighter_code(page)
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
    return explorables.inline(page)


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


def render(
    nb, stem: str, edition: Edition, context: PageContext | None = None, files: dict | None = None
) -> str:
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
    files : dict, optional
        Filled with the figure files the page refers to (site-relative path to WebP bytes, see
        :class:`PageImages`), for the caller to write beside it.

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
    images = PageImages(edition)
    exporter.register_filter("ex_image", images)
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
    if files is not None:
        files.update(images.files)
    problems = postprocess.external_references(page)
    if problems:
        raise RuntimeError(
            f"{stem} ({edition.name} edition) would reference other hosts: {'; '.join(problems[:5])}"
        )
    return page


def export_notebook(nb, stem: str, out_dir: Path, context: PageContext | None = None) -> list[Path]:
    """Write every edition of one executed notebook into ``out_dir``, its figure files and its download copy.

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
    files: dict[str, bytes] = {}
    for edition in EDITIONS:
        target = out_dir / edition.filename(stem)
        target.write_text(render(nb, stem, edition, context, files), encoding="utf-8")
        written.append(target)
    for name, data in sorted(files.items()):
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_bytes(data)
        written.append(out_dir / name)
    import nbformat

    download = out_dir / notebook_href(stem)
    download.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, download)
    written.append(download)
    return written
