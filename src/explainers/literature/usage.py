"""Which claims, figures, references and data sources a notebook uses, recorded as it runs.

``chapter.say``, ``figures.show_figure``, ``bibliography.cite`` and ``chapter.quiz`` call
:func:`record` each time they put something in front of a reader. When the build runs a
notebook it sets ``EXPLAINERS_FIGURES_DIR`` (see :func:`explainers.core.paths.figure_output_dir`)
and ``EXPLAINERS_NOTEBOOK`` (the notebook's stem); the record then goes to
``<figures output dir>/usage/<notebook stem>.json`` as::

    {"claims": [...], "figures": [...], "references": [...], "sources": [...]}

When a student runs a notebook by hand neither variable is set: the record stays in memory
(:func:`session`, e.g. for the page's reference list) and nothing is written, so running a
notebook never writes into the project. The ledger (``data/claims.csv``) has
no usage columns: usage is a build product, read back with :func:`read_all`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from explainers.core import errors, paths

#: The kinds of thing a notebook uses, in the order they are written.
KINDS = ("claims", "figures", "references", "sources")

#: Folder (inside the figures output folder) that holds one JSON file per notebook.
USAGE_FOLDER = "usage"


def record_name(stem: str) -> str:
    """Return where a notebook's usage record sits inside a figure folder, as a relative name.

    The one definition of that place: the writer (:func:`usage_file`), :func:`read_all`, the
    build cache and the site's assembly all use it.

    Parameters
    ----------
    stem : str
        Notebook file stem, e.g. ``"01_baliki2008_in_one_page"``.

    Returns
    -------
    str
        ``usage/<stem>.json``.
    """
    return f"{USAGE_FOLDER}/{stem}.json"


def usage_file() -> Path | None:
    """Return the usage file of the notebook now running, or ``None`` when not recording.

    Returns
    -------
    pathlib.Path or None
        ``<figures output dir>/usage/<stem>.json`` when the build set both
        ``EXPLAINERS_FIGURES_DIR`` and ``EXPLAINERS_NOTEBOOK``; otherwise ``None``.
    """
    out_dir = paths.figure_output_dir()
    stem = os.environ.get("EXPLAINERS_NOTEBOOK", "").strip()
    if out_dir is None or not stem:
        return None
    return out_dir / record_name(stem)


def empty() -> dict[str, list[str]]:
    """Return an empty usage record.

    Returns
    -------
    dict of str to list of str
        One empty list per kind in :data:`KINDS`.
    """
    return {kind: [] for kind in KINDS}


def _read(path: Path) -> dict[str, list[str]]:  # tolerant of files missing a kind
    data = json.loads(path.read_text(encoding="utf-8"))
    record = empty()
    for kind in KINDS:
        record[kind] = [str(item) for item in data.get(kind, [])]
    return record


#: What this Python process (one notebook's kernel) has used so far.
_SESSION: dict[str, list[str]] = {kind: [] for kind in KINDS}


def record(kind: str, *items: str) -> None:
    """Add items to the running notebook's usage record.

    The record is kept in memory for the page (see :func:`session`) and, during a build,
    written to :func:`usage_file`. One kernel runs one notebook, so the file always holds
    exactly what this run used: a re-run never keeps what an earlier version used.

    Parameters
    ----------
    kind : {"claims", "figures", "references", "sources"}
        What the items are.
    *items : str
        Ledger ids, figure ids, reference keys or data-source ids. Order of first use is
        kept and duplicates are dropped.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`KINDS`.
    """
    errors.check_choice("usage kind", kind, KINDS)
    for item in items:
        if str(item) not in _SESSION[kind]:
            _SESSION[kind].append(str(item))
    path = usage_file()
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_SESSION, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def session(kind: str | None = None):
    """Return what this notebook run has used so far.

    Parameters
    ----------
    kind : {"claims", "figures", "references", "sources"}, optional
        One kind only.

    Returns
    -------
    dict of str to list of str, or list of str
        A copy of the whole record, or of one kind's list.

    Raises
    ------
    ValueError
        If ``kind`` is given and not one of :data:`KINDS`.
    """
    if kind is None:
        return {k: list(v) for k, v in _SESSION.items()}
    errors.check_choice("usage kind", kind, KINDS)
    return list(_SESSION[kind])


def reset() -> None:
    """Forget what this process has used (for tests, which run many 'notebooks' in one process).

    Returns
    -------
    None
    """
    for kind in KINDS:
        _SESSION[kind].clear()


def read_all(figures) -> dict[str, dict[str, list[str]]]:
    """Read every notebook's usage record kept in a figure folder.

    Parameters
    ----------
    figures : path-like
        A figure folder holding ``usage/`` (see :func:`record_name`), e.g. the build's figures
        output folder or the committed ``figures/``. No ``usage/`` there gives an empty dict.

    Returns
    -------
    dict
        ``{notebook stem: {"claims": [...], "figures": [...], "references": [...], "sources": [...]}}``,
        sorted by stem.
    """
    folder = Path(figures) / USAGE_FOLDER
    return {path.stem: _read(path) for path in sorted(folder.glob("*.json"))}


def combined(records: dict[str, dict[str, list[str]]], kind: str) -> dict[str, list[str]]:
    """Invert usage records: for each item of one kind, the notebooks that use it.

    Parameters
    ----------
    records : dict
        As returned by :func:`read_all`.
    kind : {"claims", "figures", "references", "sources"}

    Returns
    -------
    dict of str to list of str
        ``{item: [notebook stems, sorted]}``.

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`KINDS`.
    """
    errors.check_choice("usage kind", kind, KINDS)
    inverted: dict[str, list[str]] = {}
    for stem, record_ in sorted(records.items()):
        for item in record_[kind]:
            inverted.setdefault(item, []).append(stem)
    return inverted
