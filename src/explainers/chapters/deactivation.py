"""What notebook 04 checks about the heat-pain data before it trusts a "dip": baseline, pairing, heat.

- :func:`unmodelled_time`: a dip is measured against whatever the model leaves out. Here that
  is the time between events (and before the first and after the last): its share of the run
  and the length of each gap.
- :func:`pairing_evidence`: the run-1 files are numbered one above the person they belong to
  (:mod:`explainers.datasets.heatpain._files`). Per file, how much signal the task explains
  with the re-paired events and with the events of the same number, and the file's mean head
  motion next to the run-3 motion of both candidate owners.
- :func:`heat_trials`: every heat period of every person and run with the temperature the
  events file lists and the rating that follows it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from explainers.analysis import glm
from explainers.datasets import heatpain


def unmodelled_time(run: heatpain.Run, *, rating: bool = True) -> dict:
    """The time of one run that no event of the model covers: the baseline of its estimates.

    Parameters
    ----------
    run : heatpain.Run
    rating : bool, default True
        Whether rating periods are modelled (False: they count as baseline too).

    Returns
    -------
    dict
        ``share`` (of the run's length), ``seconds`` (total), ``gaps`` (numpy array of the
        lengths in s of the gaps between consecutive modelled events, in order) and
        ``run_s`` (the run's length in s).
    """
    events = run.events if rating else run.events[run.events["trial_type"] == "heat"]
    events = events.sort_values("onset")
    run_s = len(run.frame_times) * heatpain.TR_S
    starts, ends = events["onset"].to_numpy(), (events["onset"] + events["duration"]).to_numpy()
    # Union of the events' intervals, clipped to the run (events never overlap here, but be exact).
    covered, reach = 0.0, 0.0
    for start, end in zip(starts, ends, strict=True):
        start, end = max(start, reach), min(end, run_s)
        if end > start:
            covered += end - start
            reach = end
    gaps = starts[1:] - ends[:-1]
    return {"share": 1 - covered / run_s, "seconds": run_s - covered, "gaps": gaps, "run_s": run_s}


def _task_r2(data: np.ndarray, design: pd.DataFrame) -> float:
    """Mean over regions of the variance the task columns explain beyond drift and constant."""
    x_full = design.to_numpy()
    x_base = design.drop(columns=[c for c in glm.CONDITIONS if c in design.columns]).to_numpy()
    total = ((data - data.mean(axis=0)) ** 2).sum(axis=0)
    usable = total > 0  # a flat region (outside the field of view) has nothing to explain
    data, total = data[:, usable], total[usable]
    explained = []
    for x in (x_full, x_base):
        residual = data - x @ (np.linalg.pinv(x) @ data)
        explained.append(1 - (residual**2).sum(axis=0) / total)
    return float((explained[0] - explained[1]).mean())


def pairing_evidence() -> pd.DataFrame:
    """Compare, per run-1 file, its owner by re-pairing (one below its number) with its namesake.

    Returns
    -------
    pandas.DataFrame
        One row per file number ``file`` (every file that has an events file of the same
        number): ``r2_repaired`` and ``r2_as_numbered`` (mean share of each region's variance
        the heat and rating columns explain beyond drift, all volumes, with the events of the
        person one below / of the same number), ``fd_run1`` (the file's mean framewise
        displacement, mm), ``fd_run3_repaired`` and ``fd_run3_as_numbered`` (mean run-3 motion of
        those two people; NaN if that person has no run 3).
    """
    run3 = heatpain.motion_table().query("run == 3").set_index("subject")["mean_fd_mm"]
    designs: dict[int, pd.DataFrame] = {}  # by the number of the events file: each is used twice

    def design_of(number: int, run: heatpain.Run) -> pd.DataFrame:
        if number not in designs:
            designs[number] = glm.design_matrix(run)
        return designs[number]

    rows = []
    for number in heatpain.run1_file_numbers():
        as_numbered = heatpain.load_run(f"sub-{number:02d}", 1, shipped_numbering=True)
        owner = f"sub-{number - 1:02d}"
        repaired = heatpain.load_run(owner, 1)
        data = glm._zscore(repaired.timeseries.to_numpy())  # the same file's signals either way
        rows.append(
            {
                "file": number,
                "r2_repaired": _task_r2(data, design_of(number - 1, repaired)),
                "r2_as_numbered": _task_r2(data, design_of(number, as_numbered)),
                "fd_run1": float(repaired.fd[1:].mean()),
                "fd_run3_repaired": run3.get(owner, np.nan),
                "fd_run3_as_numbered": run3.get(f"sub-{number:02d}", np.nan),
            }
        )
    return pd.DataFrame(rows)


def motion_follows_task(run: int = 1) -> pd.DataFrame:
    """How closely each person's head motion follows the task: a check on the providers' cleaning.

    The providers removed motion-related signal before sharing, with no task in that model
    (ledger row ``heatpain-preproc-cleaning``); if motion rises or falls with the task, that step
    can take part of the task's response with it.

    Parameters
    ----------
    run : {1, 3, 7}, default 1

    Returns
    -------
    pandas.DataFrame
        One row per person: ``subject``, ``r_heat`` and ``r_rating``, the correlations of the
        framewise displacement with the predicted heat and rating signals (first volume, whose
        displacement is 0 by convention, left out).
    """
    rows = []
    for subject in heatpain.subjects(run):
        person = heatpain.load_run(subject, run)
        design = glm.design_matrix(person)
        fd = person.fd[1:]
        rows.append(
            {
                "subject": subject,
                "r_heat": float(np.corrcoef(fd, design["heat"].to_numpy()[1:])[0, 1]),
                "r_rating": float(np.corrcoef(fd, design["rating"].to_numpy()[1:])[0, 1]),
            }
        )
    return pd.DataFrame(rows)


def heat_trials() -> pd.DataFrame:
    """Every heat period of every person and run with signals, with the rating given right after it.

    Events files without signals (:func:`explainers.datasets.heatpain.events_without_signals`)
    are left out.

    Returns
    -------
    pandas.DataFrame
        ``subject, run, temperature`` (as the events file lists it, deg C), ``rating`` (of the
        rating period that follows) and ``regulation``, in the order of the events files.

    Raises
    ------
    RuntimeError
        If a heat period is not followed by a rating period (the files alternate them).
    """
    rows = []
    for run in heatpain.RUNS:
        for subject in heatpain.subjects(run):
            # Session times are enough to order the events: no need to derive the runs' start times.
            run_events = heatpain.load_run(subject, run, offset_corrected=False).events
            events = run_events.sort_values("onset").reset_index(drop=True)
            heat = events.index[events["trial_type"] == "heat"]
            after = heat + 1
            if after.max() >= len(events) or (events.loc[after, "trial_type"] != "rating").any():
                raise RuntimeError(f"{subject} run {run}: a heat period is not followed by a rating")
            rows.append(
                pd.DataFrame(
                    {
                        "subject": subject,
                        "run": run,
                        "temperature": events.loc[heat, "temperature"].to_numpy(),
                        "rating": events.loc[after, "rating"].to_numpy(),
                        "regulation": events.loc[heat, "regulation"].to_numpy(),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)
