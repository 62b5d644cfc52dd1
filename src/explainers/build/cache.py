"""The build's content-hash cache: what a notebook's outputs depend on, and where they are kept.

A notebook is executed again only when its hash changes. The hash covers the notebook's
cells (type, source, tags; never outputs), its ``explainers`` metadata and an environment
fingerprint (the helper package with its templates, ``data/``, the dependency lock and the
Python version). A notebook that *reads the other notebooks' usage records* (the start page,
``00``, draws a claim-to-figure map from them) also hashes those records and the other
notebooks' figure sidecars, so it is executed again whenever another notebook starts or
stops using a claim or a figure.

Each executed notebook is kept in ``<cache>/build/<stem>/<hash>/`` with ``executed.ipynb``,
``result.json`` (seconds, peak memory) and ``figures/`` (images, sidecars and
``usage/<stem>.json``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

from explainers.core import paths
from explainers.literature import figurerecords, usage

#: Notebook numbers whose outputs are drawn from the other notebooks' usage records; they
#: execute after the others.
USAGE_READERS = ("00",)


def reads_usage(stem: str) -> bool:
    """Return whether notebook ``stem`` summarises the other notebooks' usage records.

    Parameters
    ----------
    stem : str
        Notebook file stem, e.g. ``"00_start_here"``.

    Returns
    -------
    bool
    """
    return stem.split("_", 1)[0] in USAGE_READERS


def summary_inputs(folder: Path, stem: str) -> dict[str, Path]:
    """Return what a summarising notebook reads of notebook ``stem``: its usage record and figure sidecars.

    Parameters
    ----------
    folder : pathlib.Path
        The figure folder holding ``stem``'s outputs (a cache entry's ``figures/`` or the
        committed ``figures/``).
    stem : str

    Returns
    -------
    dict of str to pathlib.Path
        File name relative to a figure folder (``usage/<stem>.json``, ``<figure id>.json``)
        to the file; only files that exist.

    Raises
    ------
    ValueError
        If a figure record in the folder is unreadable (see :func:`explainers.literature.figurerecords.read`).
    """
    found = {}
    name = usage.record_name(stem)
    if (folder / name).exists():
        found[name] = folder / name
    for record in figurerecords.read(folder, stem):
        name = figurerecords.sidecar_name(record.figure_id)
        found[name] = folder / name
    return found


def _hash_files(digest, root: Path, files) -> None:
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(file.read_bytes())


def environment_fingerprint(root: Path | None = None) -> str:
    """Hash everything besides a notebook's own cells that its outputs can depend on.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root; defaults to :func:`explainers.core.paths.project_root`.

    Returns
    -------
    str
        Hex sha256 over the helper package, its templates, ``data/``, the lock file and
        the Python version.
    """
    root = root or paths.project_root()
    package = Path(__file__).resolve().parents[1]  # the whole explainers package
    digest = hashlib.sha256(sys.version.encode())
    _hash_files(
        digest,
        package.parent,
        [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts],
    )
    data = paths.data_dir()
    if data.exists():
        _hash_files(digest, data.parent, [p for p in data.rglob("*") if p.is_file()])
    lock = root / "requirements" / "lock.txt"
    if lock.exists():
        digest.update(lock.read_bytes())
    return digest.hexdigest()


def notebook_hash(path: Path, fingerprint: str, inputs: dict[str, Path] | None = None) -> str:
    """Hash a notebook's cells (type, source, tags; not outputs) with the fingerprint.

    Parameters
    ----------
    path : pathlib.Path
    fingerprint : str
        From :func:`environment_fingerprint`.
    inputs : dict of str to pathlib.Path, optional
        For a notebook that reads the others' usage records (:func:`reads_usage`): the
        files it reads (see :func:`summary_inputs`), whose names and contents enter the hash.

    Returns
    -------
    str
        The first 16 hex digits of the sha256.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [c["cell_type"], "".join(c.get("source", "")), sorted(c.get("metadata", {}).get("tags", []))]
        for c in nb["cells"]
    ]
    payload = [path.name, nb.get("metadata", {}).get("explainers", {}), cells, fingerprint]
    if inputs:
        payload.append({name: file.read_text(encoding="utf-8") for name, file in sorted(inputs.items())})
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def entry(stem: str, digest: str) -> Path:
    """Return the cache entry folder of notebook ``stem`` at hash ``digest`` (may not exist).

    Parameters
    ----------
    stem, digest : str

    Returns
    -------
    pathlib.Path
    """
    return paths.cache_dir("build") / stem / digest


def cached_timing(folder: Path) -> dict | None:
    """Return ``{"seconds", "peak_mb"}`` of a complete cache entry, or ``None`` if incomplete.

    Parameters
    ----------
    folder : pathlib.Path
        A cache entry (see :func:`entry`).

    Returns
    -------
    dict or None
    """
    try:
        if not (folder / "executed.ipynb").exists():
            return None
        return json.loads((folder / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def prune(stem: str, keep: str) -> None:
    """Delete the cache entries of ``stem`` other than ``keep``.

    Parameters
    ----------
    stem, keep : str
    """
    for folder in (paths.cache_dir("build") / stem).glob("*"):
        if folder.name != keep:
            shutil.rmtree(folder, ignore_errors=True)
