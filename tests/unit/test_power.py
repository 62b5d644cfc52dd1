"""Tests of the SIMULATED two-group power analysis (explainers.analysis.power)."""

import numpy as np
import pytest
from scipy import stats

from explainers.analysis import glm, power

VALUES = np.linspace(-1.0, 0.2, 25)  # SIMULATED pool of per-person estimates (mean -0.4)


@pytest.fixture(scope="module")
def grid():
    return power.power_grid(VALUES, group_sizes=(8, 15, 30), shares=(0.0, 0.4, 0.8), n_sim=800, seed=1)


def test_grid_is_tidy_with_one_row_per_setting(grid):
    assert list(grid.columns) == ["model", "n_per_group", "share", "d", "pooled_d", "power"]
    assert len(grid) == 2 * 3 * 3 and not grid.duplicated(["model", "n_per_group", "share"]).any()
    assert grid.attrs == {"simulated": "SIMULATED", "n_sim": 800, "alpha": 0.05, "seed": 1, "n_values": 25}
    assert grid["power"].between(0, 1).all()


def test_power_rises_with_effect_and_group_size(grid):
    for model in power.MODELS:
        cells = grid[grid["model"] == model].pivot(index="share", columns="n_per_group", values="power")
        assert cells.loc[0.8, 30] > cells.loc[0.4, 30] > cells.loc[0.0, 30]
        assert cells.loc[0.4, 30] > cells.loc[0.4, 8]
        assert cells.loc[0.0, 30] < 0.1  # no effect: about the false-positive rate alpha


def test_without_an_effect_the_two_models_are_the_same_study(grid):
    none = grid[grid["share"] == 0.0].pivot(index="n_per_group", columns="model", values="power")
    assert (none["shift"] == none["shrink"]).all()


def test_shrinking_flatters_power_over_shifting_by_the_same_mean(grid):
    effect = grid[grid["share"] == 0.4].pivot(index="n_per_group", columns="model", values="power")
    assert (effect["shrink"] > effect["shift"]).all()


def test_shift_keeps_the_spread_and_shrink_narrows_it():
    _, shifted = power.simulate_groups(VALUES, 20, 0.5, np.random.default_rng(3), model="shift", n_sim=4)
    _, drawn = power.simulate_groups(VALUES, 20, 0.0, np.random.default_rng(3), model="shift", n_sim=4)
    _, shrunk = power.simulate_groups(VALUES, 20, 0.5, np.random.default_rng(3), model="shrink", n_sim=4)
    np.testing.assert_allclose(shifted - drawn, 0.5 * abs(VALUES.mean()))  # the same people, moved up
    np.testing.assert_allclose(shifted.std(axis=1), drawn.std(axis=1))
    np.testing.assert_allclose(shrunk, 0.5 * drawn)
    np.testing.assert_allclose(shrunk.mean() - drawn.mean(), shifted.mean() - drawn.mean(), rtol=1.0)


def test_draws_are_real_values_with_replacement():
    controls, drawn = power.simulate_groups(VALUES, 30, 0.0, np.random.default_rng(3), n_sim=2)
    assert np.isin(controls, VALUES).all() and np.isin(drawn, VALUES).all()
    assert len(np.unique(controls[0])) < 30  # more people than the pool holds: someone comes back


def test_one_setting_equals_its_row_of_the_grid_and_the_seed_matters(grid):
    row = grid.set_index(["model", "n_per_group", "share"]).loc[("shrink", 15, 0.4), "power"]
    assert power.power(VALUES, 15, 0.4, model="shrink", n_sim=800, seed=1) == row
    assert power.power(VALUES, 15, 0.4, model="shrink", n_sim=800, seed=2) != row


def test_welch_p_is_scipys_welch_test():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, (50, 12)), rng.normal(0.5, 2, (50, 12))
    np.testing.assert_allclose(power.welch_p(a, b), stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue)
    flat = np.ones((1, 5))
    assert power.welch_p(flat, flat)[0] == 1.0  # nothing to test: not significant


def test_the_fast_decision_agrees_with_the_exact_p_value():
    # The grid decides most studies from bounds on the critical t; it must agree with the exact p.
    rng = np.random.default_rng(1)
    for n in (5, 15, 40):
        a, b = rng.choice(VALUES, (3000, n)), rng.choice(VALUES, (3000, n)) + 0.15
        b[:3] = b[:3].mean(axis=1, keepdims=True)  # some groups without spread
        exact = power.welch_p(a, b) < 0.05
        fast = power._significant(
            a.mean(axis=1), a.var(axis=1, ddof=1), b.mean(axis=1), b.var(axis=1, ddof=1), n, 0.05
        )
        assert (fast == exact).all()
        assert 0.05 < exact.mean() < 0.95  # the check covers both decisions


def test_cohens_d_is_the_mean_difference_in_the_real_spread():
    d = power.cohens_d(VALUES, 0.5)
    assert d == pytest.approx(0.5 * abs(VALUES.mean()) / VALUES.std(ddof=1))
    assert power.pooled_d(VALUES, 0.5, "shift") == pytest.approx(d)
    assert power.pooled_d(VALUES, 0.5, "shrink") == pytest.approx(d / np.sqrt((1 + 0.25) / 2))


def test_people_needed_is_the_smallest_group_reaching_the_goal():
    table = power.power_grid(VALUES, group_sizes=range(5, 31), shares=(0.2, 1.0), n_sim=400, seed=0)
    needed = power.people_needed(table, goal=0.8).set_index(["model", "share"])["n_per_group"]
    shift = table[(table["model"] == "shift") & (table["share"] == 1.0)].set_index("n_per_group")["power"]
    first = needed[("shift", 1.0)]
    assert shift[first] >= 0.8 and (shift[shift.index < first] < 0.8).all()
    assert np.isnan(needed[("shift", 0.2)])  # a small effect never gets there with these groups


def test_the_pool_variance_ratio_is_n_minus_one_over_n():
    assert power.pool_variance_ratio(VALUES) == pytest.approx((len(VALUES) - 1) / len(VALUES))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": "scale"}, "unknown power model 'scale'; choose one of: shift, shrink"),
        ({"n_per_group": 1}, "at least 2 people per group, got 1"),
        ({"share": 1.5}, r"must lie in \[0, 1\], got \[1.5\]"),
    ],
)
def test_bad_settings_are_refused_naming_the_value(kwargs, message):
    settings = {"n_per_group": 15, "share": 0.5, "model": "shift"} | kwargs
    with pytest.raises(ValueError, match=message):
        power.power(VALUES, settings["n_per_group"], settings["share"], model=settings["model"], n_sim=10)


def test_too_few_real_values_to_resample_are_refused():
    with pytest.raises(ValueError, match="at least 2 real values"):
        power.power_grid([np.nan, -0.3], group_sizes=(5,), shares=(0.5,))


def test_real_estimates_give_the_powers_the_review_found():
    # Fidelity review 2: at 15 per group, 0.37 (shift) against 0.52 (shrink 50 %), d 0.6 and 0.96.
    dmn = glm.set_mean(glm.person_estimates(1), "default").to_numpy()
    at_15 = power.power_grid(dmn, group_sizes=(15,), shares=(0.5, 0.8), seed=2008).set_index(
        ["model", "share"]
    )
    assert at_15.loc[("shift", 0.5), "power"] == pytest.approx(0.37, abs=0.04)
    assert at_15.loc[("shrink", 0.5), "power"] == pytest.approx(0.52, abs=0.04)
    assert power.cohens_d(dmn, [0.5, 0.8]) == pytest.approx([0.60, 0.96], abs=0.01)


def test_grid_rng_gives_the_very_studies_behind_a_grid_row():
    # The notebook's statement about significant studies (how much they overestimate) must be about
    # the studies whose share is the power it reports: drawn again from grid_rng, welch_p decides
    # exactly as the grid's shortcut does.
    grid = power.power_grid(VALUES, group_sizes=[15], shares=[0.5], n_sim=400, seed=2008)
    for model in power.MODELS:
        controls, patients = power.simulate_groups(
            VALUES, 15, 0.5, power.grid_rng(2008, 15), model=model, n_sim=400
        )
        found = power.welch_p(controls, patients) < power.ALPHA
        row = grid[grid["model"] == model]["power"].item()
        assert found.mean() == row, model


def test_monte_carlo_se_of_a_share():
    assert power.monte_carlo_se(0.36, 1000) == pytest.approx(0.01518, abs=1e-4)
    assert power.monte_carlo_se(0.0, 1000) == 0.0
