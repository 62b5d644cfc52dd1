"""SIMULATED power of a two-group study, by resampling real per-person estimates.

"Controls" and "patients" are drawn with replacement from real per-person values (for example
each person's average default-mode heat estimate from :mod:`explainers.analysis.glm`); the
patients are then made to dip less by a stated share of the real group's mean dip, in one of two
ways (:data:`MODELS`):

- ``"shift"``: every patient's value moves towards zero by the same amount,
  ``share * |mean|``. The patients' spread stays the real people's spread.
- ``"shrink"``: every patient's value is scaled, ``(1 - share) * value``. The mean moves by the
  same amount, but the spread narrows too (by the factor ``1 - share``), which makes the two
  groups easier to tell apart: at the same mean difference, shrink gives more power than shift.

The effect is stated both as that share and as Cohen's d (:func:`cohens_d`): the mean difference
in units of the real people's standard deviation. Power is the share of simulated studies in which
Welch's two-sample t test gives p < alpha. No noise distribution is assumed: every value is a real
person's. Because the pool *is* the real sample, its variance is ``(n - 1) / n`` of the usual
estimate and no draw lies outside the observed range (:func:`pool_variance_ratio`): power computed
this way tends to be somewhat optimistic.

:func:`power_grid` computes power for many group sizes, effects and both models at once as a tidy
table (the data of an interactive explorer); :func:`power` computes one setting and equals the
matching row of the grid, because both draw the same people for a given seed and group size
(common random numbers: at one group size, every share and model sees the same drawn people, so
the curves differ only by the effect). The default grid (group sizes 5-60, 21 shares, two models,
1,000 studies each) takes about half a second once scipy is loaded: the draws and t tests are
vectorised numpy, each test needs only the drawn groups' means and variances (which both models
change in closed form), and the exact p value is computed only where a bound on it cannot decide.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from explainers.core import errors

MODELS = ("shift", "shrink")
"""How simulated patients differ from controls (see the module notes)."""

ALPHA = 0.05
POWER_GOAL = 0.8
"""The usual target when planning a study: an 80 % chance of detecting a true effect."""

GROUP_SIZES = tuple(range(5, 61))
"""People per group in the default grid."""

SHARES = tuple(np.round(np.linspace(0.0, 1.0, 21), 2))
"""Shares of the real mean dip by which patients dip less, in the default grid (0 %, 5 %, ... 100 %)."""

N_SIM = 1000
"""Simulated studies per setting in the default grid."""

SIMULATED = "SIMULATED"


def _values(values) -> np.ndarray:
    values = np.asarray(values, dtype=float).ravel()
    values = values[~np.isnan(values)]
    if len(values) < 2:
        raise ValueError(f"need at least 2 real values to resample, got {len(values)}")
    return values


def _check(n_per_group, shares, model) -> None:
    errors.check_choice("power model", model, MODELS)
    if int(n_per_group) != n_per_group or n_per_group < 2:
        raise ValueError(f"need a whole number of at least 2 people per group, got {n_per_group!r}")
    shares = np.atleast_1d(np.asarray(shares, dtype=float))
    if not np.all((shares >= 0) & (shares <= 1)):
        raise ValueError(f"a share of the dip must lie in [0, 1], got {shares.tolist()!r}")


def cohens_d(values, share) -> np.ndarray:
    """Cohen's d of the simulated difference: ``share * |mean| / sd`` of the real values.

    The same for both models (same mean difference, measured in the real people's spread, which
    is the controls' spread). Under ``"shrink"`` the patients' spread is narrower, so the d a study
    would compute with the pooled spread is larger: see :func:`pooled_d`.

    Parameters
    ----------
    values : array-like
        Real per-person values (NaN ignored).
    share : float or array-like
        Share(s) of the mean dip, in [0, 1].

    Returns
    -------
    numpy.ndarray or float
    """
    values = _values(values)
    return np.asarray(share, dtype=float) * abs(values.mean()) / values.std(ddof=1)


def pooled_d(values, share, model: str) -> np.ndarray:
    """The mean difference over the pooled standard deviation of the two simulated groups.

    Equal to :func:`cohens_d` for ``"shift"``; larger for ``"shrink"``, whose patients' spread is
    ``(1 - share)`` times the controls'.
    """
    errors.check_choice("power model", model, MODELS)
    share = np.asarray(share, dtype=float)
    ratio = 1 - share if model == "shrink" else np.ones_like(share)
    return cohens_d(values, share) / np.sqrt((1 + ratio**2) / 2)


def _patients(drawn: np.ndarray, shares: np.ndarray, model: str, mean: float) -> np.ndarray:
    shares = shares.reshape(-1, *([1] * drawn.ndim))
    if model == "shift":
        return drawn - shares * mean  # mean < 0 for a dip: patients move towards zero
    return (1 - shares) * drawn


def simulate_groups(
    values, n_per_group: int, share: float, rng: np.random.Generator, *, model: str = "shift", n_sim: int = 1
):
    """SIMULATED: draw "controls" and "patients" with replacement from real per-person values.

    With replacement, one real person can appear several times, in one group or in both; that
    is what lets groups be larger than the real sample.

    Parameters
    ----------
    values : array-like
        Real per-person estimates (e.g. default-mode heat betas, mostly negative).
    n_per_group : int
        People per group (at least 2).
    share : float
        Share in [0, 1] of the real mean dip by which patients dip less.
    rng : numpy.random.Generator
    model : {"shift", "shrink"}, default "shift"
    n_sim : int
        Number of simulated studies.

    Returns
    -------
    tuple of numpy.ndarray
        ``controls, patients``, each of shape (n_sim, n_per_group).
    """
    values = _values(values)
    _check(n_per_group, share, model)
    controls, drawn = _draw(values, int(n_per_group), rng, n_sim)
    return controls, _patients(drawn, np.array([float(share)]), model, values.mean())[0]


def _draw(values: np.ndarray, n: int, rng: np.random.Generator, n_sim: int):
    picks = rng.integers(0, len(values), size=(2, n_sim, n))
    return values[picks[0]], values[picks[1]]


def welch_p(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two-sided p of Welch's t test along the last axis (as scipy's ``ttest_ind(equal_var=False)``).

    Two groups without any spread give p = 1 (nothing to test) rather than NaN.
    """
    return _welch_p(
        a.mean(axis=-1),
        a.var(axis=-1, ddof=1),
        a.shape[-1],
        b.mean(axis=-1),
        b.var(axis=-1, ddof=1),
        b.shape[-1],
    )


def _welch_p(mean_a, var_a, n_a, mean_b, var_b, n_b) -> np.ndarray:
    from scipy import stats

    se_a, se_b = var_a / n_a, var_b / n_b
    se2 = se_a + se_b
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (mean_a - mean_b) / np.sqrt(se2)
        df = se2**2 / (se_a**2 / (n_a - 1) + se_b**2 / (n_b - 1))
        p = 2 * stats.t.sf(np.abs(t), df)
    return np.where(np.isfinite(p), p, 1.0)


def grid_rng(seed: int, n_per_group: int) -> np.random.Generator:
    """The random stream :func:`power_grid` and :func:`power` draw the studies of one group size from.

    One stream per (seed, group size), so every share and model sees the same people. Passing it
    to :func:`simulate_groups` with the grid's ``n_sim`` gives the very studies behind that grid
    row, so a statement about them (how much the significant ones overestimate, say) is about the
    same studies as the power it sits next to.
    """
    return np.random.default_rng([int(seed), int(n_per_group)])


def monte_carlo_se(power_value, n_sim: int) -> float:
    """Standard error of a power estimated as a share of ``n_sim`` independent simulated studies."""
    power_value = float(power_value)
    return float(np.sqrt(power_value * (1 - power_value) / int(n_sim)))


def _power_at(values, n, shares, models, n_sim, alpha, seed) -> dict[str, np.ndarray]:
    rng = grid_rng(seed, n)
    controls, drawn = _draw(values, int(n), rng, n_sim)
    # Both models move a patient group's mean and variance in closed form, so the t tests need
    # only each drawn group's mean and variance: shift adds share * |mean| to every value (variance
    # unchanged), shrink scales every value by (1 - share) (variance by its square).
    mean_c, var_c = controls.mean(axis=-1), controls.var(axis=-1, ddof=1)
    mean_d, var_d = drawn.mean(axis=-1), drawn.var(axis=-1, ddof=1)
    shares = shares[:, None]
    out = {}
    for model in models:
        if model == "shift":
            mean_p, var_p = mean_d - shares * values.mean(), np.broadcast_to(var_d, (len(shares), n_sim))
        else:
            mean_p, var_p = (1 - shares) * mean_d, (1 - shares) ** 2 * var_d
        out[model] = _significant(mean_c, var_c, mean_p, var_p, n, alpha).mean(axis=-1)
    return out


def _significant(mean_a, var_a, mean_b, var_b, n: int, alpha: float) -> np.ndarray:
    """Whether Welch's test of two groups of n gives p < alpha, as :func:`welch_p` decides it.

    Welch's degrees of freedom lie between n - 1 and 2n - 2, so a |t| above the critical value
    at n - 1 is significant and one below the value at 2n - 2 is not, whatever the exact df:
    the exact p is computed only in between, where it decides (a few per cent of the studies).
    """
    from scipy import stats

    se2 = (var_a + var_b) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.abs(mean_a - mean_b) / np.sqrt(se2)
        df = se2**2 / (((var_a / n) ** 2 + (var_b / n) ** 2) / (n - 1))
    usable = np.isfinite(t) & np.isfinite(df)  # groups without spread: p = 1, as welch_p says
    t = np.where(usable, t, 0.0)
    low, high = stats.t.isf(alpha / 2, [2 * n - 2, n - 1])
    significant = t > high
    unsure = (t > low) & ~significant
    significant[unsure] = 2 * stats.t.sf(t[unsure], df[unsure]) < alpha
    return significant


def power(
    values,
    n_per_group: int,
    share: float,
    *,
    model: str = "shift",
    n_sim: int = N_SIM,
    alpha: float = ALPHA,
    seed: int = 0,
) -> float:
    """SIMULATED: share of resampled studies whose Welch t test gives p < alpha.

    Equals the matching row of :func:`power_grid` with the same ``n_sim``, ``alpha`` and ``seed``.

    Raises
    ------
    ValueError
        On an unknown model, fewer than 2 people per group, or a share outside [0, 1].
    """
    values = _values(values)
    _check(n_per_group, share, model)
    return float(
        _power_at(values, n_per_group, np.array([float(share)]), (model,), n_sim, alpha, seed)[model][0]
    )


def power_grid(
    values,
    group_sizes: Iterable[int] = GROUP_SIZES,
    shares: Iterable[float] = SHARES,
    models: Iterable[str] = MODELS,
    *,
    n_sim: int = N_SIM,
    alpha: float = ALPHA,
    seed: int = 0,
) -> pd.DataFrame:
    """SIMULATED: power for every group size, effect and model, as a tidy table.

    Parameters
    ----------
    values : array-like
        Real per-person values to resample.
    group_sizes : iterable of int, default 5..60
    shares : iterable of float, default 0, 0.05, ..., 1
        Shares of the real mean dip by which patients dip less.
    models : iterable of str, default both of :data:`MODELS`
    n_sim : int, default :data:`N_SIM`
        Simulated studies per setting.
    alpha : float, default 0.05
    seed : int, default 0

    Returns
    -------
    pandas.DataFrame
        One row per (model, n_per_group, share): columns ``model, n_per_group, share, d``
        (:func:`cohens_d`), ``pooled_d`` (:func:`pooled_d`) and ``power``. Its ``attrs`` record
        ``n_sim``, ``alpha``, ``seed``, ``n_values`` (the real people resampled) and ``simulated``.

    Raises
    ------
    ValueError
        On an unknown model, a group size below 2, or a share outside [0, 1].
    """
    values = _values(values)
    group_sizes, shares, models = (
        [int(n) for n in group_sizes],
        np.asarray(list(shares), float),
        tuple(models),
    )
    for model in models:
        for n in group_sizes:
            _check(n, shares, model)
    frames = []
    for n in group_sizes:
        for model, powers in _power_at(values, n, shares, models, n_sim, alpha, seed).items():
            frames.append(pd.DataFrame({"model": model, "n_per_group": n, "share": shares, "power": powers}))
    grid = pd.concat(frames, ignore_index=True).sort_values(["model", "n_per_group", "share"], kind="stable")
    grid.insert(3, "d", cohens_d(values, grid["share"].to_numpy()))
    grid.insert(4, "pooled_d", 0.0)
    for model in models:
        rows = grid["model"] == model
        grid.loc[rows, "pooled_d"] = pooled_d(values, grid.loc[rows, "share"].to_numpy(), model)
    grid = grid.reset_index(drop=True)
    grid.attrs.update(
        simulated=SIMULATED, n_sim=int(n_sim), alpha=float(alpha), seed=int(seed), n_values=len(values)
    )
    return grid


def people_needed(grid: pd.DataFrame, goal: float = POWER_GOAL) -> pd.DataFrame:
    """The smallest group size of a grid whose power reaches ``goal``, per model and share.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`power_grid`.
    goal : float, default 0.8

    Returns
    -------
    pandas.DataFrame
        Columns ``model, share, d, n_per_group`` (NaN where no group size of the grid reaches the goal).
    """
    reached = grid[grid["power"] >= goal].groupby(["model", "share"])["n_per_group"].min()
    table = grid.groupby(["model", "share"], as_index=False)["d"].first()
    keys = zip(table["model"], table["share"], strict=True)
    table["n_per_group"] = [reached.get(key, np.nan) for key in keys]
    return table


def pool_variance_ratio(values) -> float:
    """Variance of the resampling pool relative to the sample variance of ``values``: ``(n - 1) / n``.

    Drawing with replacement samples from the values' own distribution, whose variance is the
    divide-by-n variance, smaller than the usual (divide-by-n-1) estimate of the population's.
    """
    values = _values(values)
    return float(values.var(ddof=0) / values.var(ddof=1))
