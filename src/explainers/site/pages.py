"""The site's own pages around the notebook editions: rendering them, thumbnails, the index.

Every page is one self-contained file made from a Jinja2 template in ``templates/site/``: the
shell (``page.html.j2``) puts the house stylesheet, with the figure palette from
:data:`explainers.core.palette.OKABE_ITO`, inside it, and images are inlined, so a page opened
from a USB stick with no network makes no request outside itself. Links to other pages and to
downloadable figure files are relative, inside the site folder. Every value a template shows is
HTML-escaped there; no HTML is assembled in Python.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from explainers import __version__
from explainers.core import errors
from explainers.site import export

#: The site's navigation: (file, label), shared with the notebook pages.
SITE_PAGES = export.SITE_PAGES
THUMBNAIL_WIDTH = 320

#: Who a notebook is for, as the index marks it: a notebook's ``level`` in its ``explainers``
#: metadata, else the level of its number here (issue 19: 01 is *the* clinicians' page, 03-05
#: are research-level).
LEVELS = {
    "clinicians": "For clinicians: start here",
    "introduction": "Introductory",
    "research": "Research-level: statistics and imaging methods",
}
LEVEL_BY_NUMBER = {"01": "clinicians", "03": "research", "04": "research", "05": "research"}


@functools.cache
def _environment():
    import jinja2

    # Templates live in one folder with the editions' nbconvert template, whose stylesheet they include.
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(export.TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        site_pages=SITE_PAGES,
        version=__version__,
        footer=export.FOOTER,
        palette_css=export.palette_css(),
        favicon=export.FAVICON,
        edition_file=lambda stem, name: export.get_edition(name).filename(stem),
    )
    environment.filters["anchor"] = export.anchor
    return environment


def render(template: str, **context) -> str:
    """Render one of the site's templates (``templates/site/``), HTML-escaping every value.

    Parameters
    ----------
    template : str
        File name inside ``templates/site/``, e.g. ``"index.html.j2"``.
    **context
        The template's variables. Pages extending ``page.html.j2`` (the shell: head with the house
        stylesheet and palette, navigation, footer) also take ``title``, ``current`` (their own
        file name, marked in the navigation) and ``wide``.

    Returns
    -------
    str
    """
    return _environment().get_template(f"site/{template}").render(**context)


def template_module(template: str):
    """Return the macros of one of the site's templates, to call from Python.

    Parameters
    ----------
    template : str
        File name inside ``templates/site/``.

    Returns
    -------
    jinja2.environment.TemplateModule
        Its macros as attributes; each returns escaped HTML.
    """
    return _environment().get_template(f"site/{template}").module


def write_page(
    site: Path,
    name: str,
    template: str,
    title: str,
    *,
    wide: bool = False,
    description: str | None = None,
    **context,
) -> Path:
    """Render a page in the site's shell and write it as ``site/<name>``.

    Parameters
    ----------
    site : pathlib.Path
    name : str
        The page's file name; marked as current in the navigation.
    template : str
        See :func:`render`.
    title : str
        The page title (plain text).
    wide : bool, optional
        A wider text column (for the claim table).
    description : str, optional
        The page's meta description (search results, link previews); the title by default.
    **context
        The template's other variables.

    Returns
    -------
    pathlib.Path
    """
    target = site / name
    target.parent.mkdir(parents=True, exist_ok=True)
    page = render(template, title=title, current=name, wide=wide, description=description or title, **context)
    target.write_text(page, encoding="utf-8")
    return target


def _thumbnail_webp(png: Path, width: int) -> tuple[bytes, int, int]:
    from PIL import Image

    with Image.open(png) as image:
        image = image.convert("RGB")
        if image.width > width:
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=60, method=6)
        return buffer.getvalue(), *image.size


def thumbnail(png: Path, width: int = THUMBNAIL_WIDTH) -> dict:
    """Return a small WebP of a figure as a ``data:`` URI with its size (for cards and the gallery).

    Parameters
    ----------
    png : pathlib.Path
        The figure's PNG.
    width : int
        Width in pixels; the height keeps the aspect ratio.

    Returns
    -------
    dict
        ``src`` (the ``data:`` URI), ``width`` and ``height`` in pixels, ``lazy`` (false).
    """
    data, width, height = _thumbnail_webp(png, width)
    src = "data:image/webp;base64," + base64.b64encode(data).decode("ascii")
    return {"src": src, "width": width, "height": height, "lazy": False}


def thumbnail_file(png: Path, width: int = THUMBNAIL_WIDTH) -> dict:
    """Write a figure's thumbnail beside its PNG (``<id>.thumb.webp``) and return it as a page refers to it.

    For a page that lists many figures and lives in the site beside ``figures/`` (the gallery):
    the browser fetches each thumbnail only when it is scrolled near (``loading="lazy"``), so
    the page no longer carries thirty-odd images before its first screen shows.

    Parameters
    ----------
    png : pathlib.Path
        The figure's PNG, in the site's ``figures/``.
    width : int
        Width in pixels; the height keeps the aspect ratio.

    Returns
    -------
    dict
        ``src`` (``figures/<id>.thumb.webp``), ``width`` and ``height`` in pixels, ``lazy`` (true).
    """
    data, width, height = _thumbnail_webp(png, width)
    target = png.with_name(f"{png.stem}.thumb.webp")
    target.write_bytes(data)
    return {"src": f"{png.parent.name}/{target.name}", "width": width, "height": height, "lazy": True}


def level(entry: dict) -> str:
    """Return who a notebook is for (a key of :data:`LEVELS`).

    Parameters
    ----------
    entry : dict
        An index entry: ``stem`` and, when the notebook declares it, ``level``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the notebook declares a level that is not one of :data:`LEVELS`.
    """
    declared = entry.get("level")
    if declared:
        errors.check_choice("notebook level", declared, LEVELS)
        return declared
    return LEVEL_BY_NUMBER.get(entry["stem"].split("_", 1)[0], "introduction")


def write_index(entries: list[dict], claim_map: list[dict], site: Path) -> Path:
    """Write the site's ``index.html``: the finding, three ways in, a card per notebook, the claim map.

    Parameters
    ----------
    entries : list of dict
        One per notebook, in order: ``stem``, ``title``, ``summary`` (the question it
        answers), ``minutes``, ``figures`` (count), ``key_figure`` (its sidecar record or
        ``None``), ``handout`` (its handout page or ``None``), ``notebook`` (the download),
        ``pdf`` (its handout PDF, or ``None``), ``level`` (declared or ``None``) and
        ``short_version`` (HTML, or ``None``). Everything comes from the notebooks and their
        figures, so a new notebook needs no change here.
    claim_map : list of dict
        ``figure_id``, ``title`` and ``claims`` (``id``, ``short``) per figure.
    site : pathlib.Path
        The site folder; thumbnails are made from ``site/figures/<id>.png``.

    Returns
    -------
    pathlib.Path
    """
    cards = []
    for entry in entries:
        key = entry.get("key_figure")
        png = site / "figures" / f"{key['figure_id']}.png" if key else None
        kind = level(entry)
        cards.append(
            {
                **entry,
                "level": kind,
                "level_label": LEVELS[kind],
                "thumbnail": thumbnail(png, 360) if png and png.exists() else None,
            }
        )
    first = entries[0]["stem"] if entries else ""
    clinicians = next((c for c in cards if c["level"] == "clinicians" and c.get("short_version")), None)
    return write_page(
        site,
        "index.html",
        "index.html.j2",
        "Pain and the Default Mode",
        description=(
            "Illustrated, offline explainers of Baliki et al. (2008), chronic back pain and the brain's "
            "default mode network: reader pages for clinicians, notebooks for students, "
            "figures for educators."
        ),
        entries=cards,
        claim_map=claim_map,
        first=first,
        finding=clinicians["short_version"] if clinicians else None,
        finding_page=export.get_edition("reader").filename(clinicians["stem"]) if clinicians else None,
    )
