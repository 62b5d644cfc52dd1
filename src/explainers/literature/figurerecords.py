"""The record kept beside each figure, and the mark a figure leaves in its notebook's outputs.

When the build runs a notebook, :func:`explainers.figures.show.show_figure` writes one JSON file
per figure, ``<figure id>.json``, next to its PNG and SVG (see :func:`write`). The site (gallery,
claim explorer, index), the build cache (which records the start page reads) and the start
page's claim table read them back with :func:`read`. The record's shape is
:class:`FigureRecord`, defined here once for the writer and every reader; it lives in the
literature wing because the site and the build may import literature but not figures.

In the notebook itself, ``show_figure`` attaches :func:`output_metadata` to the figure's image
and to its caption: which figure, which part, and its number on the page. The site reads that
mark back with :func:`figure_mark` (to put the figure's id on its image and to number the
figures each edition shows) instead of searching the caption's text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from explainers.core import errors


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
        ``NN-short-name``, as ``show_figure`` was given it.

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


#: The project's entry in a notebook output's metadata (see :func:`output_metadata`).
METADATA_KEY = "explainers"

#: The outputs a figure leaves in its notebook: the image, then the caption under it.
PARTS = ("image", "caption")


@dataclass(frozen=True)
class FigureMark:
    """The mark :func:`output_metadata` leaves on one output of a figure.

    Attributes
    ----------
    figure_id : str
    part : {"image", "caption"}
    number : int
        The figure's number on the page as the notebook showed it (1 for the first figure).
    """

    figure_id: str
    part: str
    number: int


def figure_label(number: int) -> str:
    """Return how a caption names its figure: ``"Figure 3."``.

    The notebook's caption opens with it, and the site renumbers a caption by replacing it
    (an edition without the exercises numbers its figures without gaps).

    Parameters
    ----------
    number : int

    Returns
    -------
    str
    """
    return f"Figure {number}."


def output_metadata(figure_id: str, part: str, number: int) -> dict:
    """Return the output metadata that marks one part of a figure in a notebook.

    Parameters
    ----------
    figure_id : str
    part : {"image", "caption"}
    number : int
        The figure's number on the page.

    Returns
    -------
    dict
        ``{"explainers": {"figure_id": ..., "part": ..., "number": ...}}``, to pass as
        ``IPython.display.display(..., metadata=...)``.

    Raises
    ------
    ValueError
        If ``part`` is not one of :data:`PARTS`.
    """
    errors.check_choice("figure part", part, PARTS)
    return {METADATA_KEY: {"figure_id": figure_id, "part": part, "number": number}}


def figure_mark(output) -> FigureMark | None:
    """Return the figure mark of a notebook output, if it has one.

    Parameters
    ----------
    output : dict or nbformat.NotebookNode
        One output of a code cell.

    Returns
    -------
    FigureMark or None
        ``None`` for outputs that are not part of a figure shown by ``show_figure``.
    """
    entry = (output.get("metadata") or {}).get(METADATA_KEY)
    if not isinstance(entry, dict) or "figure_id" not in entry:
        return None
    return FigureMark(str(entry["figure_id"]), str(entry["part"]), int(entry["number"]))
