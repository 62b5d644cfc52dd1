"""The site's own pages around the notebook editions: a shared page shell, thumbnails, the index.

Every page is one self-contained file: its stylesheet (the house stylesheet, with the figure
palette from :data:`explainers.core.palette.OKABE_ITO`) and its images are inside it, so a page opened
from a USB stick with no network makes no request outside itself. Links to other pages and to
downloadable figure files are relative, inside the site folder.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from explainers import __version__
from explainers.site import export

#: The site's navigation: (file, label).
SITE_PAGES = (
    ("index.html", "All notebooks"),
    ("gallery.html", "Figure gallery"),
    ("claims.html", "Claim explorer"),
)
THUMBNAIL_WIDTH = 480


def stylesheet() -> str:
    """Return the CSS every site page carries: the palette properties and the house stylesheet.

    Returns
    -------
    str
    """
    css = (export.TEMPLATES_DIR / export.TEMPLATE_NAME / "house.css").read_text(encoding="utf-8")
    return export.palette_css() + "\n" + css


def shell(title: str, body: str, current: str, *, script: str = "", wide: bool = False) -> str:
    """Wrap page content in the site's HTML: head, navigation, footer.

    Parameters
    ----------
    title : str
        The page title (plain text).
    body : str
        HTML inside ``<main>``; it starts with the page's one ``<h1>``.
    current : str
        File name of this page, marked as current in the navigation.
    script : str, optional
        An inline script (progressive enhancement only: every page works without it).
    wide : bool, optional
        A wider text column (for the claim table).

    Returns
    -------
    str
    """
    nav = " ".join(
        f'<a href="{href}" aria-current="page">{label}</a>'
        if href == current
        else f'<a href="{href}">{label}</a>'
        for href, label in SITE_PAGES
    )
    tail = f"<script>\n{script}\n</script>\n" if script else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="explainers {__version__}">
<title>{html.escape(title)}</title>
<style>
body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }}
{stylesheet()}
</style>
</head>
<body class="ex-site">
<nav class="ex-sitenav{" ex-wide" if wide else ""}" aria-label="Site">{nav}</nav>
<main{' class="ex-wide"' if wide else ""}>
{body}
</main>
<footer class="ex-footer"><p>{html.escape(export.FOOTER)}</p></footer>
{tail}</body>
</html>
"""


def thumbnail(png: Path, width: int = THUMBNAIL_WIDTH) -> str:
    """Return a small JPEG of a figure as a ``data:`` URI (for cards and the gallery).

    Parameters
    ----------
    png : pathlib.Path
        The figure's PNG.
    width : int
        Width in pixels; the height keeps the aspect ratio.

    Returns
    -------
    str
    """
    from PIL import Image

    with Image.open(png) as image:
        image = image.convert("RGB")
        if image.width > width:
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=82, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _card(entry: dict, site: Path) -> str:
    stem = entry["stem"]
    full, reader, embed = (e.filename(stem) for e in export.EDITIONS)
    picture = ""
    key = entry.get("key_figure")
    if key and (site / "figures" / f"{key['figure_id']}.png").exists():
        picture = (
            f'<a href="{reader}" tabindex="-1" aria-hidden="true">'
            f'<img src="{thumbnail(site / "figures" / (key["figure_id"] + ".png"), 360)}" '
            f'alt="{html.escape(key["alt"])}"></a>'
        )
    minutes = f"about {entry['minutes']} minutes · " if entry.get("minutes") else ""
    pdf = f'<a href="{html.escape(entry["pdf"])}">Handout (PDF)</a>' if entry.get("pdf") else ""
    return (
        f'<section class="ex-card{"" if picture else " ex-nopicture"}" aria-labelledby="card-{stem}">'
        f"{f'<div>{picture}</div>' if picture else ''}<div>"
        f'<h3 id="card-{stem}"><a href="{reader}">{html.escape(entry["title"])}</a></h3>'
        f'<p class="ex-question">{html.escape(entry.get("summary", ""))}</p>'
        f'<p class="ex-meta">{minutes}{_count(entry.get("figures", 0), "figure")}</p>'
        f'<p class="ex-links"><a href="{reader}">Read (no code)</a>{pdf}'
        f'<a href="{full}">Notebook with code</a><a href="{embed}">Embed file</a></p></div></section>'
    )


def _claim_map(rows: list[dict]) -> str:
    if not rows:
        return "<p>No figure states a ledger claim yet.</p>"
    body = []
    for row in rows:
        claims = "; ".join(
            f'<a href="claims.html#claim-{html.escape(c["id"])}">{html.escape(c["short"])}</a>'
            for c in row["claims"]
        )
        figure = f'<a href="gallery.html#fig-{html.escape(row["figure_id"])}">{html.escape(row["title"])}</a>'
        body.append(f"<tr><td>{figure}</td><td>{claims}</td></tr>")
    return (
        '<table class="ex-table"><thead><tr><th scope="col">Figure</th><th scope="col">Claims it shows '
        "(each links to its source)</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def write_index(entries: list[dict], claim_map: list[dict], site: Path) -> Path:
    """Write the site's ``index.html``: three ways in, a card per notebook, the claim-to-figure map.

    Parameters
    ----------
    entries : list of dict
        One per notebook, in order: ``stem``, ``title``, ``summary`` (the question it
        answers), ``minutes``, ``figures`` (count), ``key_figure`` (its sidecar record or
        ``None``) and ``pdf`` (file name of its handout, or ``None``). Everything comes from
        the notebooks and their figures, so a new notebook needs no change here.
    claim_map : list of dict
        ``figure_id``, ``title`` and ``claims`` (``id``, ``short``) per figure.
    site : pathlib.Path
        The site folder; thumbnails are made from ``site/figures/<id>.png``.

    Returns
    -------
    pathlib.Path
    """
    first = entries[0]["stem"] if entries else ""
    readers = entries[1:] if len(entries) > 1 else entries
    reader_links = "".join(
        f'<li><a href="{export.EDITIONS[1].filename(e["stem"])}">{html.escape(e["title"])}</a></li>'
        for e in readers
    )
    body = f"""<h1>Pain and the Default Mode</h1>
<p class="ex-lead">Short, illustrated explainers of one brain-imaging study of chronic back pain
(Baliki, Geha, Apkarian and Chialvo, 2008) and of the brain's default mode network, drawn from public
brain-atlas data. Every factual sentence is traced to its source in the
<a href="claims.html">claim explorer</a>.</p>
<h2>Three ways in</h2>
<div class="ex-ways">
<section class="ex-way"><h3>Students</h3>
<p>Run and change the notebooks: learning goals, a time estimate, exercises with solutions.</p>
<p>Start with <a href="{export.EDITIONS[0].filename(first)}">the first notebook</a>, then open any
“Notebook with code” below; run them yourself with <code>make lab</code> in a copy of the
project.</p></section>
<section class="ex-way"><h3>Clinicians</h3>
<p>Read the reader editions: text and figures only, no code, with captions and sources.
Each page prints as a clean handout.</p>
<ul>{reader_links}</ul></section>
<section class="ex-way"><h3>Educators</h3>
<p>Embed a page or a single figure in a course page: each embed file works offline inside an LMS frame.
Figures come as PNG and SVG with caption, alt text, source and licence.</p>
<p><a href="gallery.html">Figure gallery and embed snippets</a></p></section>
</div>
<h2>The notebooks</h2>
{"".join(_card(e, site) for e in entries)}
<h2>Which figure shows which claim</h2>
<p>Each figure and the ledger claims it stands on; the claim explorer gives each claim's source, the place
in the source and how firmly it is checked.</p>
{_claim_map(claim_map)}
"""
    target = site / "index.html"
    target.write_text(shell("Pain and the Default Mode", body, "index.html"), encoding="utf-8")
    return target
