"""The figure gallery, twice: ``figures/README.md`` for the code host and ``gallery.html`` for the site.

Each figure is shown with its caption, alt text, source and licence, all read from the JSON
sidecar that :func:`explainers.figures.show.show_figure` wrote when the notebook ran (its source and
licence lines come from the data-source table there, never typed here), with links to the PNG
and SVG files and two copy-paste snippets for a course page.
"""

from __future__ import annotations

import html
from pathlib import Path

from explainers.literature.figurerecords import FigureRecord
from explainers.site import export, pages

_SCRIPT = """
document.querySelectorAll('.ex-copy').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var box = document.getElementById(button.getAttribute('data-for'));
    box.focus();
    box.select();
    try { document.execCommand('copy'); button.textContent = 'Copied'; }
    catch (e) { button.textContent = 'Press Ctrl+C'; }
  });
});
"""


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
        ``(iframe, img)`` HTML, to paste into a course page next to the uploaded files.
    """
    figure_id, title = record.figure_id, record.title.rstrip(".")
    embed = export.get_edition("embed").filename(record.notebook)
    iframe = (
        f'<iframe src="{embed}#fig-{figure_id}" title="{html.escape(title, quote=True)}" '
        'style="width:100%;height:640px;border:0" sandbox loading="lazy"></iframe>'
    )
    credit = f"{title}. Source: {record.source}. Licence: {record.licence}. From {export.COLLECTION}."
    img = (
        f'<figure><img src="{figure_id}.png" alt="{html.escape(record.alt, quote=True)}" '
        'style="max-width:100%">'
        f"<figcaption>{html.escape(credit)}</figcaption></figure>"
    )
    return iframe, img


def _entry(record: FigureRecord, site: Path, in_embed: bool) -> str:
    figure_id = record.figure_id
    # Exercise figures are left out of the reader and embed editions: point to the notebook instead.
    edition, where = (
        ("reader", "the page (no code)") if in_embed else ("full", "the notebook, in an exercise")
    )
    shown = f'<a href="{export.get_edition(edition).filename(record.notebook)}#fig-{figure_id}">{where}</a>'

    files = " · ".join(
        f'<a href="figures/{html.escape(name)}" download>{name.rsplit(".", 1)[1].upper()}</a>'
        for name in record.files
    )
    picture = ""
    if (site / "figures" / f"{figure_id}.png").exists():
        source = pages.thumbnail(site / "figures" / f"{figure_id}.png")
        picture = f'<img src="{source}" alt="{html.escape(record.alt)}">'
    simulated = ' <span class="ex-tag">SIMULATED</span>' if record.simulated else ""
    boxes = []
    iframe, img = snippets(record)
    for kind, text in ((("iframe", iframe),) if in_embed else ()) + (("img", img),):
        box = f"snippet-{figure_id}-{kind}"
        label = "Embed the page at this figure" if kind == "iframe" else "The image with its credit line"
        boxes.append(
            f'<label for="{box}">{label}</label> '
            f'<button type="button" class="ex-copy" data-for="{box}" hidden>Copy</button>'
            f'<textarea id="{box}" rows="3" readonly>{html.escape(text)}</textarea>'
        )
    return (
        f'<section class="ex-figure" id="fig-{figure_id}" aria-labelledby="title-{figure_id}">'
        f"<div>{picture}</div><div>"
        f'<h3 id="title-{figure_id}">{html.escape(record.title.rstrip("."))}{simulated}</h3>'
        f"<p>{html.escape(record.caption)}</p>"
        f"<dl><dt>Description</dt><dd>{html.escape(record.alt)}</dd>"
        f"<dt>Source</dt><dd>{html.escape(record.source)}</dd>"
        f"<dt>Licence</dt><dd>{html.escape(record.licence)}</dd>"
        f"<dt>Shown in</dt><dd>{shown}</dd>"
        f"<dt>Download</dt><dd>{files}</dd></dl>"
        f'<details class="ex-noprint"><summary>Copy an embed snippet</summary>{"".join(boxes)}</details>'
        "</div></section>"
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
        The site folder; figure files are in ``site/figures/``.

    Returns
    -------
    pathlib.Path
    """
    groups = []
    for stem, title in titles.items():
        mine = [r for r in records if r.notebook == stem]
        if mine:
            entries = "".join(_entry(r, site, r.figure_id in in_embed) for r in mine)
            groups.append(f"<h2>{html.escape(title)}</h2>{entries}")
    body = f"""<h1>Figure gallery</h1>
<p class="ex-lead">Every figure of the collection with its caption, a text description, its source and its
licence. Download a figure as PNG (for slides) or SVG (for print), or copy a snippet into a course page
(upload the embed file or the PNG next to it). Keep the credit line with the figure.</p>
{"".join(groups) or "<p>No figures yet.</p>"}
"""
    target = site / "gallery.html"
    target.write_text(
        pages.shell("Figure gallery: Pain and the Default Mode", body, "gallery.html", script=_SCRIPT),
        encoding="utf-8",
    )
    return target
