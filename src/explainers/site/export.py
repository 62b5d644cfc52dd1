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

from dataclasses import dataclass
from pathlib import Path

from explainers import __version__
from explainers.core import errors, notebooks
from explainers.literature import figurerecords
from explainers.site import postprocess

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


class _FigureNumbers:
    """nbconvert preprocessor running :func:`number_figures` (registered after the cell removal)."""

    enabled = True

    def __call__(self, nb, resources):
        number_figures(nb)
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
    exporter.register_preprocessor(_FigureNumbers(), enabled=True)
    title = notebooks.notebook_title(nb)
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
    problems = postprocess.external_references(page)
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
