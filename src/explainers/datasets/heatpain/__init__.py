"""Real heat-pain task fMRI (OpenNeuro ds000140), one person's run at a time, and its head motion.

The region time series, events and head motion of the heat-pain task of Woo, Roy, Buhle and
Wager (2015) ship in the ``connattractor`` package. :mod:`~explainers.datasets.heatpain._files`
finds, checks and parses those files (and handles the run-1 numbering and the short FD files);
:mod:`~explainers.datasets.heatpain._offsets` derives when runs 3 and 7 started;
:mod:`~explainers.datasets.heatpain.mist` says where each of the 122 MIST regions lies and which
network it belongs to. This package's face is what notebooks use: :func:`load_run` (time series,
global signal, FD and run-time events of one person and run), :func:`motion_table` and
:func:`kept_volumes` (scrubbing, with the providers' thresholds
:data:`FD_THRESHOLD_MM` and :data:`MAX_SCRUBBED_SHARE`), and, from the modules above,
:data:`RUNS`, :data:`TR_S`, :data:`N_REGIONS`, :func:`subjects`, :func:`run1_file_numbers`,
:func:`run_offsets`, :func:`run_offset` and :func:`resources_dir`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from explainers.core import errors
from explainers.datasets.heatpain import _files, _offsets
from explainers.datasets.heatpain._files import (
    N_REGIONS,
    RUNS,
    TR_S,
    resources_dir,
    run1_file_numbers,
    subjects,
)
from explainers.datasets.heatpain._offsets import run_offset, run_offsets

__all__ = [
    "FD_THRESHOLD_MM",
    "MAX_SCRUBBED_SHARE",
    "N_REGIONS",
    "RUNS",
    "TR_S",
    "Run",
    "events_without_signals",
    "kept_volumes",
    "load_run",
    "motion_table",
    "resources_dir",
    "run_offset",
    "run_offsets",
    "run1_file_numbers",
    "subjects",
]

FD_THRESHOLD_MM = 0.15
"""Volumes with framewise displacement above this are scrubbed (left out of the fit).

The threshold the data's providers apply in their own code (``connattractor.utils``), stricter
than the 0.5 mm of Power et al. (2012) and close to the 0.2 mm of their later work."""

MAX_SCRUBBED_SHARE = 0.5
"""A run with more than this share of volumes scrubbed is excluded (the providers' rule)."""


class Run(NamedTuple):
    """One person's run: what :func:`load_run` returns."""

    subject: str
    run: int
    timeseries: pd.DataFrame  # volumes x 122 regions, columns are region numbers 1..122
    global_signal: pd.Series  # the shipped GlobSig column
    fd: np.ndarray  # framewise displacement in mm per volume (0 for the first)
    events: pd.DataFrame  # onset in seconds from the start of THIS run, duration, trial_type, ...
    frame_times: np.ndarray  # acquisition time of each volume, seconds from the run start


def load_run(
    subject: str, run: int = 1, *, offset_corrected: bool = True, shipped_numbering: bool = False
) -> Run:
    """Load one person's run: region time series, global signal, head motion and events.

    Parameters
    ----------
    subject : str
        ``"sub-NN"`` as listed by :func:`subjects` for that run (with ``shipped_numbering``:
        a run-1 file number, see :func:`run1_file_numbers`).
    run : {1, 3, 7}, default 1
    offset_corrected : bool, default True
        Subtract :func:`run_offsets` from the onsets so they count from the start of the run
        (pass False to see the session times as shipped).
    shipped_numbering : bool, default False
        Run 1 only: pair the signals and motion of file ``sub-NN_ts.txt`` with the events file
        of the same number, as the files are named. That pairing is wrong (file ``NN`` holds
        person ``NN - 1``; see :mod:`~explainers.datasets.heatpain._files`); it is offered to show
        what the correction changes.

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
    run = _files.check_run(run)
    if shipped_numbering and run != 1:
        raise ValueError(f"shipped_numbering applies to run 1 only (its files are renumbered); got run {run}")
    valid = run1_file_numbers() if shipped_numbering else subjects(run)
    if shipped_numbering:
        valid = tuple(f"sub-{n:02d}" for n in valid)
    if subject not in valid:
        what = "run-1 file number" if shipped_numbering else f"subject for run {run}"
        raise errors.unknown(what, subject, valid)
    # With shipped_numbering, the signals of file NN are person NN - 1's; the events are NN's.
    events_of = int(subject[4:])
    person = events_of - _files.RUN1_FILE_SHIFT if shipped_numbering else events_of
    table = _files.arrays()[f"ts_{person:02d}_{run}"]
    timeseries = pd.DataFrame(table[:, 1:], columns=pd.RangeIndex(1, N_REGIONS + 1, name="region"))
    events = _files.raw_events(events_of, run)
    if offset_corrected:
        events["onset"] -= _offsets.run_offset(run)  # only this run's offset: run 1 needs no search
    frame_times = np.arange(_files.N_VOLUMES[run]) * TR_S
    return Run(
        subject,
        run,
        timeseries,
        pd.Series(table[:, 0], name="global_signal"),
        _files.arrays()[f"fd_{person:02d}_{run}"].copy(),
        events,
        frame_times,
    )


def events_without_signals() -> dict[tuple[str, int], pd.DataFrame]:
    """The events files that have no signal file, with their events (onsets as shipped).

    After the run-1 renumbering (:func:`run1_file_numbers`), the last person's run-1 events file
    has no signals; every analysis here leaves it out, and a page that counts events says so.

    Returns
    -------
    dict
        ``{(subject, run): events}``, events as in :func:`load_run` but without offset correction.
    """
    found = {}
    for key in sorted(_files.arrays()):
        if key.startswith("ev_"):
            person, run = int(key[3:5]), int(key.rsplit("_", 1)[1])
            subject = f"sub-{person:02d}"
            if subject not in subjects(run):
                found[(subject, run)] = _files.raw_events(person, run)
    return found


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
            fd = _files.arrays()[f"fd_{int(subject[4:]):02d}_{run}"]
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
