"""Tests of notebook 04's own checks (explainers.chapters.deactivation): baseline, file pairing, heat."""

import numpy as np
import pandas as pd
import pytest

from explainers.analysis import glm
from explainers.chapters import deactivation
from explainers.datasets import heatpain


@pytest.fixture(scope="module")
def real_run():
    return heatpain.load_run(heatpain.subjects(1)[4], 1)


def _with_events(run, rows):
    events = pd.DataFrame(rows, columns=["onset", "duration", "trial_type"])
    return run._replace(events=events)


def test_unmodelled_time_is_the_run_minus_its_events(real_run):
    run = _with_events(real_run, [(10.0, 12.5, "heat"), (30.0, 11.0, "rating"), (50.0, 12.5, "heat")])
    length = len(real_run.frame_times) * heatpain.TR_S
    gaps = deactivation.unmodelled_time(run)
    assert gaps["run_s"] == length
    assert gaps["seconds"] == pytest.approx(length - 36.0)
    assert gaps["share"] == pytest.approx(1 - 36.0 / length)
    np.testing.assert_allclose(gaps["gaps"], [7.5, 9.0])
    without_rating = deactivation.unmodelled_time(run, rating=False)
    assert without_rating["seconds"] == pytest.approx(length - 25.0)
    np.testing.assert_allclose(without_rating["gaps"], [27.5])


def test_events_running_past_the_end_count_only_inside_the_run(real_run):
    length = len(real_run.frame_times) * heatpain.TR_S
    run = _with_events(real_run, [(length - 5.0, 12.5, "heat")])
    assert deactivation.unmodelled_time(run)["seconds"] == pytest.approx(length - 5.0)


def test_the_real_baseline_is_the_gaps_between_alternating_events(real_run):
    gaps = deactivation.unmodelled_time(real_run)
    assert 0.2 < gaps["share"] < 0.6 and (gaps["gaps"] > 0).all()
    assert deactivation.unmodelled_time(real_run, rating=False)["share"] > gaps["share"] + 0.2


def test_task_variance_is_found_where_the_task_is_and_not_in_drift(real_run):
    design = glm.design_matrix(real_run)
    rng = np.random.default_rng(0)
    responding = np.outer(design["heat"], [1.0, -0.5]) + rng.normal(0, 0.2, (len(design), 2))
    drifting = np.outer(design["drift_1"], [1.0, 2.0]) + rng.normal(0, 0.2, (len(design), 2))
    assert deactivation._task_r2(responding, design) > 0.5
    assert abs(deactivation._task_r2(drifting, design)) < 0.05


def test_pairing_evidence_points_one_person_down():
    evidence = deactivation.pairing_evidence()
    assert list(evidence["file"]) == list(heatpain.run1_file_numbers())
    assert (evidence["r2_repaired"] > evidence["r2_as_numbered"]).mean() > 0.75
    both = evidence.dropna()
    r_repaired = np.corrcoef(both["fd_run1"], both["fd_run3_repaired"])[0, 1]
    r_numbered = np.corrcoef(both["fd_run1"], both["fd_run3_as_numbered"])[0, 1]
    assert r_repaired > 0.5 > abs(r_numbered)


def test_heat_trials_pair_every_heat_period_with_the_rating_after_it():
    trials = deactivation.heat_trials()
    heat_events = sum(
        int((heatpain.load_run(s, r, offset_corrected=False).events["trial_type"] == "heat").sum())
        for r in heatpain.RUNS
        for s in heatpain.subjects(r)
    )
    assert len(trials) == heat_events
    assert trials["temperature"].notna().all() and trials["rating"].notna().all()
    # Hotter heat, higher ratings: a direction the data could contradict.
    by_temperature = trials[trials["run"] == 1].groupby("temperature")["rating"].median()
    assert by_temperature.iloc[-1] > by_temperature.iloc[0]


def test_a_heat_period_without_its_rating_is_reported(monkeypatch, real_run):
    broken = _with_events(real_run, [(10.0, 12.5, "heat"), (30.0, 12.5, "heat")])
    broken = broken._replace(events=broken.events.assign(temperature=44.3, rating=np.nan, regulation="none"))
    monkeypatch.setattr(heatpain, "load_run", lambda *args, **kwargs: broken)
    with pytest.raises(RuntimeError, match="not followed by a rating"):
        deactivation.heat_trials()


def test_motion_follows_task_correlates_each_persons_motion_with_the_design():
    table = deactivation.motion_follows_task(1)
    assert list(table.columns) == ["subject", "r_heat", "r_rating"]
    assert list(table["subject"]) == list(heatpain.subjects(1))
    assert table[["r_heat", "r_rating"]].abs().le(1).all().all()
    # Recomputed for one person from the run itself, first volume left out as documented.
    person = heatpain.load_run("sub-05", 1)
    expected = np.corrcoef(person.fd[1:], glm.design_matrix(person)["heat"].to_numpy()[1:])[0, 1]
    assert table.set_index("subject").loc["sub-05", "r_heat"] == pytest.approx(expected)


def test_heat_trials_leave_out_events_without_signals():
    trials = deactivation.heat_trials()
    for subject, run in heatpain.events_without_signals():
        assert trials[(trials["subject"] == subject) & (trials["run"] == run)].empty
