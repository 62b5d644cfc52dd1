"""HTML editions of executed notebooks (the site pages around them are in :mod:`explainers.pages`).

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
text. :func:`external_references` finds anything that would still reach another host; the
export refuses to write a page that has one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import __version__

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
    Edition("full", "Full notebook", "", False, frozenset()),
    Edition("reader", "Reader edition (no code)", ".reader", True, READER_REMOVE_TAGS),
    Edition("embed", "Embed", ".embed", True, READER_REMOVE_TAGS),
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
    for edition in EDITIONS:
        if edition.name == name:
            return edition
    raise ValueError(f"unknown edition {name!r}; valid editions: {', '.join(EDITION_NAMES)}")


def notebook_title(nb) -> str:
    """Return the first level-1 heading of a notebook, or its metadata title.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    str
    """
    meta = nb.metadata.get("explainers", {})
    if meta.get("title"):
        return meta["title"]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return "Untitled notebook"


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


def palette_css() -> str:
    """Return the figure palette as CSS custom properties (``--ex-<name>``).

    The palette is defined once, in :data:`explainers.style.OKABE_ITO`; pages take their
    accent colours from it through these properties.

    Returns
    -------
    str
    """
    from .style import OKABE_ITO

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


_FIGURE_CAPTION = re.compile(r'<a id="fig-([0-9]{2}-[a-z0-9-]+)"></a>(<strong>Figure )[0-9]+\.')
_IMAGE_DIV = '<div class="jp-RenderedImage'


def anchor_figures(page: str) -> str:
    """Move each caption's figure anchor onto its image, and number the figures the page shows.

    Captions carry ``<a id="fig-<figure id>"></a>`` (see :data:`explainers.figures.FIGURE_ANCHOR`);
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


def render(nb, stem: str, edition: Edition) -> str:
    """Render one edition of an executed notebook to HTML text.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook (it is not modified).
    stem : str
        The notebook's file stem, used for the page's links.
    edition : Edition

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

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(edition.remove_tags)
    config.TagRemovePreprocessor.enabled = True
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
    title = notebook_title(nb)
    resources = {
        "metadata": {"name": title},
        "explainers": {
            "version": __version__,
            "edition": edition.name,
            "editions": [
                {"name": e.name, "label": e.label, "href": e.filename(stem)}
                for e in EDITIONS
                if e.name != "embed"
            ],
            "footer": FOOTER,
            "title": title,
            "full_href": EDITIONS[0].filename(stem),
            "citation": citation(title),
            "palette_css": palette_css(),
        },
    }
    page, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
    page = anchor_figures(page)
    problems = external_references(page)
    if problems:
        raise RuntimeError(
            f"{stem} ({edition.name} edition) would reference other hosts: {'; '.join(problems[:5])}"
        )
    return page


def export_notebook(nb, stem: str, out_dir: Path) -> list[Path]:
    """Write every edition of one executed notebook into ``out_dir``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    stem : str
    out_dir : pathlib.Path

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for edition in EDITIONS:
        target = out_dir / edition.filename(stem)
        target.write_text(render(nb, stem, edition), encoding="utf-8")
        written.append(target)
    return written
