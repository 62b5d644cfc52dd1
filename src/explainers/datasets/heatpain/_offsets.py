"""When each run of the heat-pain study started: its onsets count from the session, not the run.

The shipped event files of runs 3 and 7 give onsets in seconds from the start of the session
(:mod:`explainers.datasets.heatpain._files`). :func:`run_offsets` derives each run's start from the data:
among the offsets that put every event inside the run, the one at which the task model explains
most variance. Run 1 starts the session clock (offset 0) and needs no search.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.core import memory
from explainers.datasets.heatpain import _files

OFFSET_STEP_S = 0.5
"""Grid of candidate offsets, in seconds (a quarter of a volume)."""


def _offset_score(offset: float, run: int, data: list[np.ndarray], events: pd.DataFrame) -> float:
    from nilearn.glm.first_level import make_first_level_design_matrix

    shifted = events.assign(onset=events["onset"] - offset)[["onset", "duration", "trial_type"]]
    frame_times = np.arange(_files.N_VOLUMES[run]) * _files.TR_S
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


# About 4 s of fitting per run, kept on disk. The key covers the grid (OFFSET_STEP_S) and the model,
# being this module's code, as well as the parser and the shipped files.
@memory.cached(
    code=("datasets.heatpain._files",), versions=("nilearn", "numpy", "pandas"), files=_files.shipped_files
)
def _search_offset(run: int) -> float:
    people = [int(s[4:]) for s in _files.subjects(run)]
    events = [_files.raw_events(p, run) for p in people]
    # One timing for everyone: the shipped onsets differ between people by at most a few ms.
    onsets = np.stack([e["onset"].to_numpy() for e in events])
    group = events[0].assign(onset=np.median(onsets, axis=0))
    ends = np.max(onsets + events[0]["duration"].to_numpy(), axis=0)
    lo, hi = ends.max() - _files.N_VOLUMES[run] * _files.TR_S, onsets.min()
    candidates = np.arange(np.ceil(lo / OFFSET_STEP_S), np.floor(hi / OFFSET_STEP_S) + 1) * OFFSET_STEP_S
    data = []
    for p in people:
        y = _files.arrays()[f"ts_{p:02d}_{run}"][:, 1:]
        y = y[:, y.std(axis=0) > 0]
        data.append((y - y.mean(axis=0)) / y.std(axis=0))
    scores = [_offset_score(c, run, data, group) for c in candidates]
    return float(candidates[int(np.argmax(scores))])


@functools.cache
def _offset(run: int) -> float:
    if run == 1:
        return 0.0  # the session clock starts with run 1
    return _search_offset(run)


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
    return {run: _offset(run) for run in _files.RUNS}


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
        If the run is not one of :data:`~explainers.datasets.heatpain._files.RUNS`.
    """
    return _offset(_files.check_run(run))
