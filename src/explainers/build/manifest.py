"""The manifest of ``data/``: every committed data file with its sha256, source and licence.

``data/MANIFEST.csv`` is the record a reader checks before trusting a number: where each
file came from and under which terms it may be reused. :func:`verify` is run by the tests;
:func:`update` refreshes checksums after a deliberate edit and adds rows for new files
(with empty source and licence, which :func:`verify` reports until someone fills them).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from explainers.core import paths

MANIFEST_NAME = "MANIFEST.csv"
COLUMNS = ("path", "sha256", "source", "licence", "description")


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file.

    Parameters
    ----------
    path : pathlib.Path
        File to hash.

    Returns
    -------
    str
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _data_files(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )


def read(data_dir: Path | None = None) -> list[dict[str, str]]:
    """Read the manifest rows.

    Parameters
    ----------
    data_dir : pathlib.Path, optional
        Folder holding ``MANIFEST.csv``; defaults to :func:`explainers.core.paths.data_dir`.

    Returns
    -------
    list of dict
        One dict per row with the keys in :data:`COLUMNS`.
    """
    root = data_dir or paths.data_dir()
    manifest = root / MANIFEST_NAME
    if not manifest.exists():
        return []
    with open(manifest, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def verify(data_dir: Path | None = None) -> list[str]:
    """Check the manifest against the files on disk.

    Parameters
    ----------
    data_dir : pathlib.Path, optional
        Folder to check; defaults to :func:`explainers.core.paths.data_dir`.

    Returns
    -------
    list of str
        One message per problem (missing row, stale checksum, missing file, empty source
        or licence); an empty list means the manifest is complete and current.
    """
    root = data_dir or paths.data_dir()
    rows = {row["path"]: row for row in read(root)}
    problems = []
    for name in _data_files(root):
        if name not in rows:
            problems.append(f"{name}: on disk but not in {MANIFEST_NAME}")
    for name, row in rows.items():
        file = root / name
        if not file.exists():
            problems.append(f"{name}: listed in {MANIFEST_NAME} but missing on disk")
            continue
        if sha256_of(file) != row["sha256"]:
            problems.append(
                f"{name}: sha256 differs from {MANIFEST_NAME} "
                "(edited without `explainers manifest --update`?)"
            )
        for field in ("source", "licence"):
            if not row.get(field, "").strip():
                problems.append(f"{name}: no {field} recorded")
    return problems


def update(data_dir: Path | None = None) -> list[dict[str, str]]:
    """Rewrite the manifest: refresh checksums, add new files, drop deleted ones.

    Source, licence and description of existing rows are kept; new rows get them empty
    so that :func:`verify` keeps failing until a person fills them in.

    Parameters
    ----------
    data_dir : pathlib.Path, optional
        Folder to index; defaults to :func:`explainers.core.paths.data_dir`.

    Returns
    -------
    list of dict
        The rows written.
    """
    root = data_dir or paths.data_dir()
    old = {row["path"]: row for row in read(root)}
    rows = []
    for name in _data_files(root):
        row = {key: old.get(name, {}).get(key, "") for key in COLUMNS}
        row["path"] = name
        row["sha256"] = sha256_of(root / name)
        rows.append(row)
    tmp = root / (MANIFEST_NAME + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(root / MANIFEST_NAME)
    return rows
