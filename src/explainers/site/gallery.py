"""The figure gallery, twice: ``figures/README.md`` for the code host and ``gallery.html`` for the site.

Each figure is shown with its caption, alt text, source and licence, all read from the figure's
record that :func:`explainers.figures.show.show_figure` wrote when the notebook ran (its source and
licence lines come from the data-source table there, never typed here), with links to the PNG
and SVG files and two copy-paste snippets for a course page. The HTML is
``templates/site/gallery.html.j2``.
"""

from __future__ import annotations

from pathlib import Path

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


def snippets(record: FigureRecord) -> tuple[str, str]:
    """Return the two embed snippets of a figure: an iframe of the embed edition, and an image.

    Parameters
    ----------
    record : explainers.literature.figurerecords.FigureRecord

    Returns
    -------
    tuple of str
        ``(iframe, img)`` HTML (``templates/site/snippets.html.j2``), to paste into a course page
        next to the uploaded files.
    """
    title = record.title.rstrip(".")
    embed = export.get_edition("embed").filename(record.notebook)
    credit = f"{title}. Source: {record.source}. Licence: {record.licence}. From {export.COLLECTION}."
    macros = pages.template_module("snippets.html.j2")
    iframe = macros.iframe(f"{embed}#{export.anchor(record.figure_id)}", title)
    img = macros.image(f"{record.figure_id}.png", record.alt, credit)
    # Plain text, so the gallery's page escapes them inside their text boxes.
    return str.__str__(iframe), str.__str__(img)


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
        The site folder; figure files are in ``site/figures/``.

    Returns
    -------
    pathlib.Path
    """
    groups = []
    for stem, title in titles.items():
        figures = [
            _figure(record, site, record.figure_id in in_embed)
            for record in records
            if record.notebook == stem
        ]
        if figures:
            groups.append({"title": title, "figures": figures})
    return pages.write_page(
        site, "gallery.html", "gallery.html.j2", "Figure gallery: Pain and the Default Mode", groups=groups
    )


def _figure(record: FigureRecord, site: Path, in_embed: bool) -> dict:
    png = site / "figures" / f"{record.figure_id}.png"
    iframe, img = snippets(record)
    boxes = [("iframe", "Embed the page at this figure", iframe)] if in_embed else []
    boxes.append(("img", "The image with its credit line", img))
    return {
        "record": record,
        "thumbnail": pages.thumbnail(png) if png.exists() else None,
        "in_embed": in_embed,
        "snippets": boxes,
    }
