"""Tests of the task models (explainers.analysis.glm): fit, group test, SIMULATED resampling power."""

import numpy as np
import pandas as pd
import pytest

from explainers.analysis import glm
from explainers.datasets import heatpain
from explainers.datasets.heatpain import mist

AMPLITUDE_TOLERANCE = 0.05  # in the units of the simulated signal (SD of the noise = 0.1)


@pytest.fixture(scope="module")
def real_run():
    return heatpain.load_run(heatpain.subjects(1)[4], 1)


def _simulated_run(real_run, amplitudes, noise_sd=0.1, seed=0):
    """SIMULATED: a run whose regions are known mixtures of the real design's columns plus noise."""
    design = glm.design_matrix(real_run)
    rng = np.random.default_rng(seed)
    heat = design["heat"].to_numpy()
    signal = np.outer(heat, amplitudes) + rng.normal(0, noise_sd, (len(heat), len(amplitudes)))
    columns = pd.RangeIndex(1, len(amplitudes) + 1, name="region")
    return real_run._replace(timeseries=pd.DataFrame(signal, columns=columns), fd=np.zeros(len(heat)))


def test_design_has_heat_rating_drift_and_constant(real_run):
    design = glm.design_matrix(real_run)
    assert list(design.columns[:2]) == ["heat", "rating"] and design.columns[-1] == "constant"
    assert any(c.startswith("drift") for c in design.columns)
    assert len(design) == len(real_run.frame_times)
    # The heat regressor peaks after each heat onset (the haemodynamic delay), not before it.
    first = real_run.events.loc[real_run.events["trial_type"] == "heat", "onset"].iloc[0]
    assert design.index[np.argmax(design["heat"].to_numpy()[: int(first / heatpain.TR_S) + 15])] > first


def test_fit_recovers_simulated_amplitudes(real_run):
    amplitudes = np.array([-0.8, -0.3, 0.0, 0.5, 1.2])
    run = _simulated_run(real_run, amplitudes)
    fit = glm.fit_run(run)
    # z-scoring divides each region by its SD: undo it to compare with the simulated amplitudes.
    raw_sd = run.timeseries.to_numpy().std(axis=0)
    recovered = fit["betas"].loc["heat"].to_numpy() * raw_sd
    np.testing.assert_allclose(recovered, amplitudes, atol=AMPLITUDE_TOLERANCE)
    assert np.sign(fit["heat_t"].to_numpy()[[0, 1, 3, 4]]).tolist() == [-1, -1, 1, 1]


def test_fit_agrees_with_plain_least_squares(real_run):
    fit = glm.fit_run(real_run)
    x = fit["design"].to_numpy()[fit["kept"]]
    y = fit["data"].to_numpy()
    expected = np.linalg.lstsq(x, y, rcond=None)[0]
    usable = ~fit["betas"].isna().any().to_numpy()
    np.testing.assert_allclose(fit["betas"].to_numpy()[:, usable], expected[:, usable], atol=1e-8)


def test_scrubbing_leaves_out_high_motion_volumes(real_run):
    fit = glm.fit_run(real_run)
    assert fit["kept"].sum() == (real_run.fd <= heatpain.FD_THRESHOLD_MM).sum() == len(fit["data"])
    assert glm.fit_run(real_run, scrub=False)["kept"].all()


def test_person_estimates_leave_out_excluded_runs():
    estimates = glm.person_estimates(1)
    motion = heatpain.motion_table()
    kept = motion[(motion["run"] == 1) & ~motion["excluded"]]["subject"]
    assert list(estimates.index) == list(kept)
    assert list(estimates.columns) == list(range(1, heatpain.N_REGIONS + 1))


def test_group_test_matches_a_hand_computed_t():
    estimates = glm.person_estimates(1)
    table = glm.group_test(estimates).set_index("region")
    column = estimates[1].dropna()
    t = column.mean() / (column.std(ddof=1) / np.sqrt(len(column)))
    assert table.loc[1, "t"] == pytest.approx(t)


def test_real_data_show_default_mode_deactivation():
    # Not a snapshot: the direction the literature reports, which the data could contradict.
    table = glm.group_test(glm.person_estimates(1))
    default = table[table["region"].isin(mist.region_set("default"))]
    assert (default["t"] < 0).mean() > 0.8


VALUES = np.linspace(-1.0, 0.2, 25)  # SIMULATED pool of per-person estimates for the power tests


def test_power_rises_with_effect_and_group_size():
    table = glm.power_table(VALUES, [0.0, 0.4, 0.8], [8, 30], n_sim=800, seed=1)
    grid = table.pivot(index="shrink", columns="n_per_group", values="power")
    assert grid.loc[0.8, 30] > grid.loc[0.4, 30] > grid.loc[0.0, 30]
    assert grid.loc[0.4, 30] > grid.loc[0.4, 8]
    assert grid.loc[0.0, 30] < 0.1  # no effect: about the false-positive rate alpha


def test_seed_fixes_the_result():
    a = glm.power(VALUES, 15, 0.5, n_sim=300, seed=7)
    assert a == glm.power(VALUES, 15, 0.5, n_sim=300, seed=7)
    draws = [glm.simulate_groups(VALUES, 15, 0.5, np.random.default_rng(s))[1].sum() for s in (1, 2)]
    assert draws[0] != draws[1]


def test_a_table_cell_equals_the_same_setting_computed_alone():
    # The slider in the notebook computes one cell alone; it must agree with the table.
    table = glm.power_table(VALUES, [0.3, 0.7], [15, 20], n_sim=300, seed=5).set_index(
        ["shrink", "n_per_group"]
    )
    assert table.loc[(0.7, 15), "power"] == glm.power(VALUES, 15, 0.7, n_sim=300, seed=5)
    assert table.loc[(0.7, 15), "power"] != glm.power(VALUES, 15, 0.7, n_sim=300, seed=6)


def test_groups_larger_than_the_pool_reuse_people():
    controls, patients = glm.simulate_groups(VALUES, 30, 0.0, np.random.default_rng(3))
    assert len(np.unique(controls)) < 30 <= 2 * len(VALUES)  # with replacement: people come back
    assert glm.pool_variance_ratio(VALUES) == pytest.approx((len(VALUES) - 1) / len(VALUES))


def test_simulated_patients_are_shrunk_real_values():
    controls, patients = glm.simulate_groups(VALUES, 15, 0.25, np.random.default_rng(0), n_sim=3)
    assert controls.shape == patients.shape == (3, 15)
    assert np.isin(controls, VALUES).all()
    assert (np.abs(patients[..., None] / 0.75 - VALUES).min(axis=-1) < 1e-12).all()


@pytest.mark.parametrize(("n", "shrink", "message"), [(1, 0.5, "at least 2"), (15, 1.5, r"\[0, 1\]")])
def test_bad_simulation_settings(n, shrink, message):
    with pytest.raises(ValueError, match=message):
        glm.simulate_groups(VALUES, n, shrink, np.random.default_rng(0))
