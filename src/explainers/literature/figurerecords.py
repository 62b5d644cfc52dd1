"""The record kept beside each figure: what it shows, on what source, under which licence, from which page.

When the build runs a notebook, :func:`explainers.figures.show.show_figure` writes one JSON file
per figure, ``<figure id>.json``, next to its PNG and SVG (see :func:`write`). The site (gallery,
claim explorer, index), the build cache (which records the start page reads) and the start
page's claim table read them back with :func:`read`. The record's shape is
:class:`FigureRecord`, defined here once for the writer and every reader; it lives in the
literature wing because the site and the build may import literature but not figures.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class FigureRecord:
    """What the gallery and the exported pages know about one figure.

    Attributes
    ----------
    figure_id : str
        ``NN-short-name``, where ``NN`` is the notebook number.
    title : str
        Short title shown in bold before the caption.
    caption : str
        Plain-language caption a clinician can act on without the code.
    alt : str
        Alt text describing what the figure shows, for screen readers.
    source : str
        Data and literature the figure stands on, built from ``data`` and ``claims``
        (:func:`explainers.literature.datasources.credit`).
    licence : str
        Licence of the figure and the terms of the data it shows
        (:func:`explainers.literature.datasources.credit`).
    data : list of str
        Ids of the data sources shown (rows of ``data/sources.csv``).
    claims : list of str
        Ledger ids of the findings the figure illustrates.
    simulated : bool
        Whether any part of the figure is simulated or schematic.
    notebook : str
        Stem of the notebook that made it (set by the build).
    files : list of str
        File names written for it.
    """

    figure_id: str
    title: str
    caption: str
    alt: str
    source: str
    licence: str
    data: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    simulated: bool = False
    notebook: str = ""
    files: list[str] = field(default_factory=list)


_FIELDS = tuple(f.name for f in fields(FigureRecord))
_REQUIRED = ("figure_id", "title", "caption", "alt", "source", "licence")


def sidecar_name(figure_id: str) -> str:
    """Return the file name of a figure's record inside a figure folder.

    Parameters
    ----------
    figure_id : str

    Returns
    -------
    str
        ``<figure id>.json``.
    """
    return f"{figure_id}.json"


def write(record: FigureRecord, folder: Path) -> Path:
    """Write a figure's record into a figure folder.

    Parameters
    ----------
    record : FigureRecord
    folder : pathlib.Path
        Created if missing.

    Returns
    -------
    pathlib.Path
        ``folder/<figure id>.json``: indented UTF-8 JSON, so a second build writes the same bytes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sidecar_name(record.figure_id)
    target.write_text(json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _from_json(path: Path) -> FigureRecord | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"figure record {path} is not valid JSON ({exc}); build the figure again") from None
    if not isinstance(data, dict) or "figure_id" not in data:
        return None  # another JSON file in the folder, not a figure's record
    unknown = sorted(set(data) - set(_FIELDS))
    missing = [name for name in _REQUIRED if name not in data]
    if unknown or missing:
        raise ValueError(
            f"figure record {path} does not have the record's shape "
            f"(unknown field(s) {unknown}, missing {missing}); its fields are: {', '.join(_FIELDS)}"
        )
    return FigureRecord(**data)


def read(folder: Path, stem: str | None = None) -> list[FigureRecord]:
    """Read the figure records of a folder, optionally only those of one notebook.

    Parameters
    ----------
    folder : pathlib.Path
        A figure folder (the build's output folder, a cache entry's ``figures/`` or the committed
        ``figures/``). A missing folder holds no records.
    stem : str, optional
        Only the records whose ``notebook`` is this stem.

    Returns
    -------
    list of FigureRecord
        In file-name order. JSON files that are not figure records (no ``figure_id``) are passed over.

    Raises
    ------
    ValueError
        If a record is not valid JSON or has fields the record does not have, or lacks one it
        needs; the message names the file.
    """
    records = [record for path in sorted(Path(folder).glob("*.json")) if (record := _from_json(path))]
    return [record for record in records if stem is None or record.notebook == stem]
