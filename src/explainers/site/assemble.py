"""Assemble the site and ``figures/`` from executed notebooks, in staging folders, and swap them in.

The build (and ``explainers export``) hands over one :class:`Source` per notebook: the
executed notebook and the folder its figures, sidecars and usage record are in. Everything is
written to staging folders next to the targets; only when all of it succeeded are the old
site and figures replaced (a rename each), so a failure leaves the previous ones untouched.

The site holds, per notebook, the three editions (:mod:`explainers.site.export`), and once: the
index (:mod:`explainers.site.pages`), the figure gallery (:mod:`explainers.site.gallery`), the claim
explorer (:mod:`explainers.site.explorer`) and ``figures/`` (PNG and SVG downloads, sidecars,
usage records).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from explainers.core import notebooks
from explainers.literature import figurerecords, ledger, usage, views
from explainers.literature.figurerecords import FigureRecord
from explainers.literature.views import ClaimUse
from explainers.site import explorables, explorer, export, gallery, handout, pages, stamp

PDF_FOLDER = "pdf"


class AssemblyError(Exception):
    """The site cannot be assembled (for example two notebooks use the same figure id)."""


@dataclass
class Source:
    """What one notebook contributes to the site.

    Attributes
    ----------
    stem : str
        Notebook file stem.
    nb : nbformat.NotebookNode
        The executed notebook.
    figures : pathlib.Path
        Folder holding its figure files, JSON sidecars and ``usage/<stem>.json``.
    digest : str or None
        Its cache hash, recorded in the site's site_stamp.
    pages_from : pathlib.Path or None
        A previous site whose pages (and handout PDF) for this notebook are still current
        and are copied instead of rendered again.
    """

    stem: str
    nb: object
    figures: Path
    digest: str | None = None
    pages_from: Path | None = None


def figure_order(nb, skip_tags=frozenset()) -> list[str]:
    """Return the figure ids a notebook shows, in the order its outputs show them.

    Read from the marks ``show_figure`` leaves in the outputs' metadata
    (:func:`explainers.literature.figurerecords.figure_mark`).

    Parameters
    ----------
    nb : nbformat.NotebookNode
    skip_tags : frozenset of str, optional
        Leave out figures shown by cells carrying any of these tags (e.g. the reader
        edition's, to count only the figures a reader sees).

    Returns
    -------
    list of str
    """
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code" or skip_tags & set(cell.get("metadata", {}).get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            mark = figurerecords.figure_mark(output)
            if mark and mark.part == "image" and mark.figure_id not in found:
                found.append(mark.figure_id)
    return found


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames (the old one is deleted afterwards).

    Parameters
    ----------
    staging, target : pathlib.Path
    """
    previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def _copy(names, source: Path, targets) -> None:
    for name in names:
        if (source / name).exists():
            for target in targets:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, target / name)


def _figure_map(records: list[FigureRecord], used: dict[str, ClaimUse]) -> list[dict]:
    """The index's table: each figure (in gallery order) with the claims it shows, in ledger order.

    The claim map read the other way; figures that show no ledger claim are left out.
    """
    shorts = {row.id: row.short or row.id for row in ledger.claims()}
    rows = []
    for record in records:
        claims = [{"id": c, "short": shorts[c]} for c, use in used.items() if record.figure_id in use.figures]
        if claims:
            rows.append({"figure_id": record.figure_id, "title": record.title.rstrip("."), "claims": claims})
    return rows


def _same_neighbours(previous_site: Path, stem: str, context: export.PageContext) -> bool:
    """Whether a previous site's reader page links to the same previous and next pages."""
    page = (previous_site / export.get_edition("reader").filename(stem)).read_text(encoding="utf-8")
    wanted = [export.get_edition("reader").filename(p[0]) for p in (context.previous, context.next) if p]
    found = [href for _, href in _PAGER_LINK.findall(page)]
    return found == wanted


# nbconvert writes an image's attributes in its own order.
_FIGURE_FILE = re.compile(r'<img\b[^>]*?\bsrc="(figures/[^"]+\.webp)"')


def _figure_files(site: Path, page_names: list[str]) -> list[str]:
    """The figure files (:func:`explainers.site.export.figure_file`) a site's pages load."""
    found = set()
    for name in page_names:
        if name.endswith(".html"):
            found.update(_FIGURE_FILE.findall((site / name).read_text(encoding="utf-8")))
    return sorted(found)


_PAGER_LINK = re.compile(r'<a rel="(prev|next)" href="([^"]+)"')


def _write_handout(nb, stem: str, site: Path, records: dict, reader_figures: list[str]) -> bool:
    """Write a chapter's handout when the notebook has its parts; a page without them has none."""
    try:
        handout.write_handout(nb, stem, site, records, reader_figures)
    except handout.HandoutError:
        return False
    return True


def _write(sources: list[Source], site_staging: Path, fig_staging: Path | None) -> dict:
    figure_targets = [site_staging / "figures"] + ([fig_staging] if fig_staging else [])
    for target in figure_targets:
        target.mkdir(parents=True, exist_ok=True)
    records, entries, titles, site_stamp = [], [], {}, {"notebooks": {}}
    in_embed: set[str] = set()
    shown: list[explorables.Explorable] = []
    all_titles = {source.stem: notebooks.notebook_title(source.nb) for source in sources}
    order_of_stems = list(all_titles)
    for position, source in enumerate(sources):
        stem = source.stem
        order = figure_order(source.nb)
        mine = sorted(
            figurerecords.read(source.figures, stem),
            key=lambda r: (order.index(r.figure_id) if r.figure_id in order else len(order), r.figure_id),
        )
        for record in mine:
            if any(r.figure_id == record.figure_id for r in records):
                raise AssemblyError(
                    f"figure id {record.figure_id!r} is used by more than one notebook ({stem} and another)"
                )
            names = [*record.files, figurerecords.sidecar_name(record.figure_id)]
            _copy(names, source.figures, figure_targets)
        by_id = {record.figure_id: record for record in mine}
        neighbours = [
            (order_of_stems[i], all_titles[order_of_stems[i]]) if 0 <= i < len(order_of_stems) else None
            for i in (position - 1, position + 1)
        ]
        context = export.PageContext(previous=neighbours[0], next=neighbours[1], records=by_id)
        page_names = [e.filename(stem) for e in export.EDITIONS] + [export.notebook_href(stem)]
        # A previous site's pages are reused only while the neighbours they link to are the same,
        # with the figure files they load.
        reusable = source.pages_from and all((source.pages_from / n).exists() for n in page_names)
        if reusable:
            figure_files = _figure_files(source.pages_from, page_names)
            reusable = all((source.pages_from / n).exists() for n in figure_files)
        if reusable and _same_neighbours(source.pages_from, stem, context):
            _copy(
                page_names + figure_files + [f"{PDF_FOLDER}/{stem}.handout.pdf"],
                source.pages_from,
                [site_staging],
            )
        else:
            export.export_notebook(source.nb, stem, site_staging, context)
        records += mine
        shown += explorables.in_notebook(source.nb)
        _copy([usage.record_name(stem)], source.figures, figure_targets)
        titles[stem] = all_titles[stem]
        # An exercise's or a solution's figure is not in the reader and embed editions: the card
        # counts only what a reader sees, and the gallery offers no embed snippet of it.
        seen_by_readers = figure_order(source.nb, export.get_edition("reader").remove_tags)
        in_embed |= set(figure_order(source.nb, export.get_edition("embed").remove_tags))
        has_handout = _write_handout(source.nb, stem, site_staging, by_id, seen_by_readers)
        meta = source.nb.metadata.get("explainers", {})
        key = next((r for r in mine if r.figure_id == meta.get("key_figure")), mine[0] if mine else None)
        pdf = f"{PDF_FOLDER}/{stem}.handout.pdf"
        entries.append(
            {
                "stem": stem,
                "title": titles[stem],
                "summary": meta.get("summary", ""),
                "minutes": meta.get("minutes"),
                "level": meta.get("level"),
                "figures": len(seen_by_readers),
                "key_figure": {"figure_id": key.figure_id, "alt": key.alt} if key else None,
                "handout": export.handout_filename(stem) if has_handout else None,
                "notebook": export.notebook_href(stem),
                "short_version": handout.short_version_html(source.nb),
                "pdf": pdf if (site_staging / pdf).exists() else None,
            }
        )
        if source.digest:
            site_stamp["notebooks"][stem] = source.digest
    used = views.claim_map(site_staging / "figures", records)
    figure_map = _figure_map(records, used)
    pages.write_index(entries, figure_map, site_staging)
    kinds = {figure_id: e.kind for e in shown for figure_id in e.figures}
    gallery.write_html(records, titles, in_embed, site_staging, kinds)
    by_figure = {record.figure_id: record for record in records}
    for record in records:
        gallery.write_figure_page(
            record, site_staging, explorables.for_figure(shown, record.figure_id), by_figure
        )
    explorer.write_explorer(used, titles, site_staging)
    if fig_staging:
        gallery.write_markdown(records, fig_staging)
    site_stamp.update(
        {"editions": list(export.EDITION_NAMES), "index": {"entries": entries, "claim_map": figure_map}}
    )
    stamp.write_stamp(site_staging, site_stamp)
    return site_stamp


def assemble(sources: list[Source], site: Path, figures: Path | None) -> dict:
    """Write the whole site (and ``figures/``) in staging folders, then swap them in.

    Parameters
    ----------
    sources : list of Source
        Every notebook of the site, in order.
    site : pathlib.Path
        The site folder to replace.
    figures : pathlib.Path or None
        The committed figure folder to replace; ``None`` leaves it alone (export only).

    Returns
    -------
    dict
        The site's new site_stamp.

    Raises
    ------
    AssemblyError
        If two notebooks use the same figure id; nothing is replaced.
    """
    site_staging = site.with_name(f".{site.name}.staging-{os.getpid()}")
    fig_staging = figures.with_name(f".{figures.name}.staging-{os.getpid()}") if figures else None
    for folder in filter(None, (site_staging, fig_staging)):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    try:
        site_stamp = _write(sources, site_staging, fig_staging)
    except BaseException:
        for folder in filter(None, (site_staging, fig_staging)):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    site.parent.mkdir(parents=True, exist_ok=True)
    if figures:
        swap_in(fig_staging, figures)
    swap_in(site_staging, site)
    return site_stamp


def relink_index(site: Path) -> Path:
    """Write the index again from the site's stamp, linking the handout PDFs now present.

    Parameters
    ----------
    site : pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    site_stamp = stamp.read_stamp(site)
    index = site_stamp.get("index", {})
    entries = index.get("entries", [])
    for entry in entries:
        pdf = f"{PDF_FOLDER}/{entry['stem']}.handout.pdf"
        entry["pdf"] = pdf if (site / pdf).exists() else None
    stamp.write_stamp(site, site_stamp)
    return pages.write_index(entries, index.get("claim_map", []), site)
