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

from explainers.literature import datasources
from explainers.literature.figurerecords import FigureRecord
from explainers.site import export, pages


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


def snippets(record: FigureRecord, size: tuple[int, int]) -> tuple[str, str]:
    """Return the two snippets of a figure for a course page: its embed page in a frame, and the image.

    Both name files that sit side by side (the figure page and the PNG, as in ``site/figures/``),
    so a snippet pasted into a page uploaded beside them works.

    Parameters
    ----------
    record : explainers.literature.figurerecords.FigureRecord
    size : tuple of int
        The image's pixel size, for the suggested frame height.

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
    iframe = macros.iframe(
        figure_page_name(record.figure_id), f"Figure: {title}", suggested_height(record, size)
    )
    img = macros.image(f"{record.figure_id}.png", record.alt, record.title, record.caption, credit)
    # Plain text, so the gallery's page escapes them inside their text boxes.
    return str.__str__(iframe), str.__str__(img)


def write_figure_page(record: FigureRecord, site: Path) -> Path:
    """Write a figure's own embed page, ``figures/<id>.html``: the figure, its caption and credit.

    One self-contained file with no navigation, made for a course page's frame (sandboxed or
    not): the image inline, the caption, a one-line credit that links to the full source and
    licence further down the same page (a link to another file could be blocked or missing).

    Parameters
    ----------
    record : FigureRecord
    site : pathlib.Path
        The site folder; the PNG is read from ``site/figures/``.

    Returns
    -------
    pathlib.Path
    """
    png = site / "figures" / f"{record.figure_id}.png"
    image = export.page_image(base64.b64encode(png.read_bytes()).decode("ascii"))
    credit = datasources.reader_credit(record.data, record.claims, export.COLLECTION) if record.data else None
    return pages.write_page(
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
    )


def write_html(records: list[FigureRecord], titles: dict[str, str], in_embed: set[str], site: Path) -> Path:
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

    Returns
    -------
    pathlib.Path
    """
    groups, shown = [], 0
    for stem, title in titles.items():
        figures = []
        for record in records:
            if record.notebook == stem:
                # The first thumbnail is inside the page (it is on the first screen); the others
                # are files the browser fetches as they are scrolled near.
                figures.append(_figure(record, site, record.figure_id in in_embed, inline=shown == 0))
                shown += 1
        if figures:
            groups.append({"title": title, "figures": figures})
    return pages.write_page(
        site, "gallery.html", "gallery.html.j2", "Figure gallery: Pain and the Default Mode", groups=groups
    )


def _figure(record: FigureRecord, site: Path, in_embed: bool, inline: bool) -> dict:
    png = site / "figures" / f"{record.figure_id}.png"
    size = (1, 1)
    if png.exists():
        from PIL import Image

        with Image.open(png) as image:
            size = image.size
    iframe, img = snippets(record, size)
    boxes = [
        (
            "iframe",
            f"The figure in a frame (its page, {figure_page_name(record.figure_id)}; a height of "
            f"about {suggested_height(record, size)} px fits a frame {FRAME_WIDTH} px wide)",
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
    }
