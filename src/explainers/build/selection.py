"""Which notebooks a command acts on, and the closing table of what happened to each.

Shared by ``explainers build``, ``execute`` and the runner: the notebooks found, the
``--only`` selection (full stem or leading number, with the usual clear error), and the
per-notebook result with its table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from explainers.core import errors, paths


class BuildError(Exception):
    """A build or execute request that cannot be carried out (bad name, duplicate figure id...)."""


@dataclass
class Result:
    """What happened to one notebook in a build."""

    stem: str
    status: str  # "built", "cached", "executed" or "FAILED"
    seconds: float = 0.0
    peak_mb: float | None = None
    message: str = ""
    entry: Path | None = None


def discover(notebooks: Path | None = None) -> list[Path]:
    """Return the source notebooks, sorted by name.

    Parameters
    ----------
    notebooks : pathlib.Path, optional
        Folder to search; defaults to :func:`explainers.core.paths.notebooks_dir`.

    Returns
    -------
    list of pathlib.Path
    """
    folder = notebooks or paths.notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def select(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """Pick the notebooks named by ``--only`` (full stem or its leading number).

    Parameters
    ----------
    notebooks : list of pathlib.Path
    only : list of str or None
        Names such as ``"01"`` or ``"01_baliki2008_in_one_page"``; ``None`` selects all.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    BuildError
        If a name matches no notebook; the message names it and lists the valid names and numbers.
    """
    if not only:
        return notebooks
    chosen = []
    for name in only:
        key = Path(name).stem
        matches = [p for p in notebooks if p.stem == key or p.stem.split("_", 1)[0] == key]
        if not matches:
            # A notebook is named by its stem or its leading number.
            numbers = dict.fromkeys(p.stem.split("_", 1)[0] for p in notebooks)
            raise BuildError(str(errors.unknown("notebook", name, [*(p.stem for p in notebooks), *numbers])))
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen)


def print_table(results: list[Result], stream=None) -> None:
    """Print the closing table: seconds, peak memory and status per notebook.

    Parameters
    ----------
    results : list of Result
    stream : file-like, optional
        Defaults to standard output.
    """
    stream = stream or sys.stdout
    header = ("notebook", "seconds", "peak MB", "status")
    rows = [(r.stem, f"{r.seconds:.1f}", f"{r.peak_mb:.0f}" if r.peak_mb else "-", r.status) for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header), file=stream)
    print(line.format(*("-" * w for w in widths)), file=stream)
    for row in rows:
        print(line.format(*row), file=stream)
