"""The figure gallery, twice: ``figures/README.md`` for the code host and ``gallery.html`` for the site.

Each figure is shown with its caption, alt text, source and licence, all read from the figure's
record that :func:`explainers.figures.show.show_figure` wrote when the notebook ran (its source and
licence lines come from the data-source table there, never typed here), with links to the PNG
and SVG files and two copy-paste snippets for a course page. The HTML is
``templates/site/gallery.html.j2``.
"""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from explainers.literature import datasources
from explainers.literature.figurerecords import FigureRecord
from explainers.site import explorables, export, pages


def write_markdown(records: list[FigureRecord], folder: Path) -> Path:
    """Write ``figures/README.md``: every figure with its caption, alt text, source and licence.

    Parameters
    ----------
    records : list of explainers.literature.figurerecords.FigureRecord
    folder : pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    lines = [
        "# Figure gallery",
        "",
        "Every figure of the collection, written by `explainers build` (do not edit by hand).",
        "Each is a PNG (and an SVG) with a caption for readers, alt text for screen readers, its data source",
        "and its licence. Figures marked SIMULATED show made-up signals, labelled as such.",
        "",
    ]
    for record in records:
        lines += [
            f"## {record.figure_id}: {record.title}",
            "",
            f"![{record.alt}]({record.figure_id}.png)",
            "",
            record.caption,
            "",
            f"- Alt text: {record.alt}",
            f"- Source: {record.source}",
            f"- Licence: {record.licence}",
            f"- Notebook: `notebooks/{record.notebook}.ipynb`" + (" · SIMULATED" if record.simulated else ""),
            f"- Files: {', '.join(f'[{name}]({name})' for name in record.files)}",
            "",
        ]
    target = folder / "README.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


#: The frame width the suggested iframe height is computed for (pixels), and the text's line
#: height and characters per line at that width in the figure page.
FRAME_WIDTH = 720
_LINE_PX, _CHARS_PER_LINE = 24, 88


def figure_page_name(figure_id: str) -> str:
    """Return the file name of a figure's own embed page, kept in ``figures/`` beside its PNG."""
    return f"{figure_id}.html"


def suggested_height(record: FigureRecord, size: tuple[int, int]) -> int:
    """Return an iframe height (pixels) that shows a figure page whole in a frame about 720 px wide.

    Parameters
    ----------
    record : FigureRecord
    size : tuple of int
        The image's width and height in pixels.

    Returns
    -------
    int
        The image at the frame's width, the title and caption, and the credit line, with a margin;
        rounded up to 20 pixels.
    """
    width, height = size
    image = (FRAME_WIDTH - 24) * height / width
    text = len(record.title) + len(record.caption) + 1
    credit = (
        datasources.reader_credit(record.data, record.claims, export.COLLECTION).line if record.data else ""
    )
    lines = -(-text // _CHARS_PER_LINE) + -(-(len(credit) + 30) // _CHARS_PER_LINE)
    total = image + lines * _LINE_PX + 110
    return int(-(-total // 20) * 20)


#: What the gallery says of a figure whose page carries an explorable, by kind.
EXPLORABLE_WORDS = {
    "power": "Sliders for the effect and the group size, with the SIMULATED power they give.",
    "regions": "Every region in a sortable table and on a map, by pointer or keyboard.",
    "switch": "Buttons that switch the figure between its states.",
}
#: Extra frame height (pixels) a figure page needs for the explorable it carries, by kind.
EXPLORABLE_HEIGHT = {"power": 1000, "regions": 1250, "switch": 120}


def snippets(record: FigureRecord, size: tuple[int, int], explorable: str = "") -> tuple[str, str]:
    """Return the two snippets of a figure for a course page: its embed page in a frame, and the image.

    Both name files that sit side by side (the figure page and the PNG, as in ``site/figures/``),
    so a snippet pasted into a page uploaded beside them works.

    Parameters
    ----------
    record : explainers.literature.figurerecords.FigureRecord
    size : tuple of int
        The image's pixel size, for the suggested frame height.
    explorable : str, optional
        The kind of explorable the figure page carries: the frame is taller, and one whose
        explorable needs its script is sandboxed with ``allow-scripts`` (scripts only: no access
        to the course page, no pop-ups; without it the page shows its static figure and table).

    Returns
    -------
    tuple of str
        ``(iframe, figure)`` HTML (``templates/site/snippets.html.j2``).
    """
    title = record.title.rstrip(".")
    credit = (
        datasources.reader_credit(record.data, record.claims, export.COLLECTION).line if record.data else ""
    )
    macros = pages.template_module("snippets.html.j2")
    sandbox = "allow-scripts" if explorable in ("power", "regions") else ""
    iframe = macros.iframe(
        figure_page_name(record.figure_id),
        f"Figure: {title}",
        suggested_height(record, size) + EXPLORABLE_HEIGHT.get(explorable, 0),
        sandbox,
    )
    img = macros.image(f"{record.figure_id}.png", record.alt, record.title, record.caption, credit)
    # Plain text, so the gallery's page escapes them inside their text boxes.
    return str.__str__(iframe), str.__str__(img)


def write_figure_page(
    record: FigureRecord,
    site: Path,
    explorable: explorables.Explorable | None = None,
    records: dict[str, FigureRecord] | None = None,
) -> Path:
    """Write a figure's own embed page, ``figures/<id>.html``: the figure, its caption and credit.

    One self-contained file with no navigation, made for a course page's frame (sandboxed or
    not): the image inline, the caption, a one-line credit that links to the full source and
    licence further down the same page (a link to another file could be blocked or missing).

    Parameters
    ----------
    record : FigureRecord
    site : pathlib.Path
        The site folder; the PNG is read from ``site/figures/``.
    explorable : explainers.site.explorables.Explorable, optional
        The explorable the figure belongs to: shown after the figure, or for a switch, every
        state of the figure under its buttons (:func:`explainers.site.explorables.figure_page_part`).
    records : dict of str to FigureRecord, optional
        The records of a switch's other states, by id.

    Returns
    -------
    pathlib.Path
    """
    image = _page_image(record, site)
    credit = datasources.reader_credit(record.data, record.claims, export.COLLECTION) if record.data else None
    part, switch_title = "", ""
    if explorable is not None:
        states = None
        if explorable.kind == "switch":
            states = [_state(records[figure_id], site) for figure_id in explorable.figures]
            switch_title = explorable.title
        part = explorables.figure_page_part(explorable, record.figure_id, states)
    target = pages.write_page(
        site,
        f"figures/{figure_page_name(record.figure_id)}",
        "figure.html.j2",
        f"{record.title.rstrip('.')}: {export.COLLECTION}",
        description=record.caption[:300],
        page_class="ex-figurepage",
        bare=True,
        record=record,
        image=image,
        credit=credit,
        explorable=Markup(part),
        switch_title=switch_title,
    )
    target.write_text(explorables.inline(target.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _page_image(record: FigureRecord, site: Path) -> dict:
    png = site / "figures" / f"{record.figure_id}.png"
    return export.page_image(base64.b64encode(png.read_bytes()).decode("ascii"))


def _state(record: FigureRecord, site: Path) -> dict:
    """One state of a switch on a figure page: its title, caption, alt text, credit line and image."""
    credit = (
        datasources.reader_credit(record.data, record.claims, export.COLLECTION).line if record.data else ""
    )
    return {
        "title": record.title,
        "caption": record.caption,
        "alt": record.alt,
        "credit": credit,
        "image": _page_image(record, site),
    }


def write_html(
    records: list[FigureRecord],
    titles: dict[str, str],
    in_embed: set[str],
    site: Path,
    explorable_kinds: dict[str, str] | None = None,
) -> Path:
    """Write ``gallery.html``: every figure, grouped by notebook, with downloads and embed snippets.

    Parameters
    ----------
    records : list of explainers.literature.figurerecords.FigureRecord
        In notebook order.
    titles : dict
        Title per notebook stem, in site order.
    in_embed : set of str
        Ids of the figures the embed editions show; one they leave out (an exercise's) gets no
        iframe snippet and points to the full notebook.
    site : pathlib.Path
        The site folder; figure files are in ``site/figures/``, where the thumbnails after the
        first are written (:func:`explainers.site.pages.thumbnail_file`).
    explorable_kinds : dict of str to str, optional
        The kind of explorable each figure's own page carries, by figure id.

    Returns
    -------
    pathlib.Path
    """
    explorable_kinds = explorable_kinds or {}
    groups, shown = [], 0
    for stem, title in titles.items():
        figures = []
        for record in records:
            if record.notebook == stem:
                # The first thumbnail is inside the page (it is on the first screen); the others
                # are files the browser fetches as they are scrolled near.
                kind = explorable_kinds.get(record.figure_id, "")
                figures.append(_figure(record, site, record.figure_id in in_embed, shown == 0, kind))
                shown += 1
        if figures:
            groups.append({"title": title, "figures": figures})
    return pages.write_page(
        site,
        "gallery.html",
        "gallery.html.j2",
        "Figure gallery: Pain and the Default Mode",
        groups=groups,
        explorable_words=EXPLORABLE_WORDS,
    )


def _figure(record: FigureRecord, site: Path, in_embed: bool, inline: bool, explorable: str = "") -> dict:
    png = site / "figures" / f"{record.figure_id}.png"
    size = (1, 1)
    if png.exists():
        from PIL import Image

        with Image.open(png) as image:
            size = image.size
    iframe, img = snippets(record, size, explorable)
    height = suggested_height(record, size) + EXPLORABLE_HEIGHT.get(explorable, 0)
    boxes = [
        (
            "iframe",
            f"The figure in a frame (its page, {figure_page_name(record.figure_id)}; a height of "
            f"about {height} px fits a frame {FRAME_WIDTH} px wide)",
            iframe,
        ),
        ("img", "The image with its caption and credit line", img),
    ]
    credit = datasources.reader_credit(record.data, record.claims, export.COLLECTION) if record.data else None
    return {
        "record": record,
        "thumbnail": (pages.thumbnail(png) if inline else pages.thumbnail_file(png))
        if png.exists()
        else None,
        "in_embed": in_embed,
        "snippets": boxes,
        "credit": credit,
        "page": f"figures/{figure_page_name(record.figure_id)}",
        "explorable": explorable,
    }
