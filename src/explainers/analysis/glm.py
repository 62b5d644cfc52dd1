"""Task models on the heat-pain region time series: design, per-person fit, group test, power.

The steps a task-fMRI analysis takes, on the 122 region signals of :mod:`explainers.datasets.heatpain`:

1. :func:`design_matrix`: heat and rating events convolved with nilearn's SPM haemodynamic
   response, plus cosine drift terms (high-pass at :data:`HIGH_PASS_HZ`) and a constant.
2. :func:`fit_run`: a first-level ordinary-least-squares fit of every region of one run with
   nilearn's ``run_glm``/``compute_contrast``, after scrubbing high-motion volumes (rows left
   out of both data and design). Each region is z-scored first (the shipped signals have no
   meaningful baseline), so an estimate is in standard deviations of that region's signal.
3. :func:`person_estimates` and :func:`group_test`: one heat estimate per person and region,
   then a one-sample t test per region over people (the second level).
4. :func:`simulate_groups` and :func:`power_table`: **SIMULATED on real data**. "Controls" and
   "patients" are drawn with replacement from the real per-person default-mode estimates; each
   patient's value is multiplied by ``1 - shrink`` (a patient deactivates less). Power is the
   share of seeded resamples in which a two-sample t test finds the groups different; no noise
   distribution is assumed, the spread is the real people's.

Per-person estimates are kept in the disk cache (:mod:`explainers.core.memory`), keyed on the
settings, the shipped files, the code of the model and the data loaders, and the versions of
nilearn and the other libraries it calls.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.core import memory
from explainers.datasets import heatpain
from explainers.datasets.heatpain import _files, mist

HRF_MODEL = "spm"
DRIFT_MODEL = "cosine"
HIGH_PASS_HZ = 1 / 128
"""Cosine drift terms remove slow signal changes below 1/128 Hz (SPM's default period, 128 s)."""

CONDITIONS = ("heat", "rating")
ALPHA = 0.05
SIMULATED = "SIMULATED"


def design_matrix(run: heatpain.Run) -> pd.DataFrame:
    """Build the first-level design matrix of one run with nilearn.

    Parameters
    ----------
    run : heatpain.Run
        From :func:`explainers.datasets.heatpain.load_run`.

    Returns
    -------
    pandas.DataFrame
        One row per volume (index: frame time in s); columns ``heat``, ``rating``, the cosine
        drifts and ``constant``.
    """
    from nilearn.glm.first_level import make_first_level_design_matrix

    events = run.events[["onset", "duration", "trial_type"]]
    return make_first_level_design_matrix(
        run.frame_times, events, hrf_model=HRF_MODEL, drift_model=DRIFT_MODEL, high_pass=HIGH_PASS_HZ
    )


def _zscore(values: np.ndarray) -> np.ndarray:
    sd = values.std(axis=0)
    # A region outside one person's field of view is flat; leave it at 0 rather than divide by 0.
    return np.divide(values - values.mean(axis=0), sd, out=np.zeros_like(values), where=sd > 0)


class FirstLevel(dict):
    """What :func:`fit_run` returns (a dict).

    Keys: ``design``, ``kept``, ``betas``, ``heat_t``, ``fitted``, ``data``.
    """


def fit_run(
    run: heatpain.Run, *, scrub: bool = True, fd_threshold: float = heatpain.FD_THRESHOLD_MM
) -> FirstLevel:
    """Fit the task model to every region of one run (nilearn ``run_glm``, OLS).

    Parameters
    ----------
    run : heatpain.Run
    scrub : bool, default True
        Leave out volumes with framewise displacement above ``fd_threshold``.
    fd_threshold : float
        In mm, default :data:`explainers.datasets.heatpain.FD_THRESHOLD_MM`.

    Returns
    -------
    FirstLevel
        ``design`` (all volumes), ``kept`` (bool per volume), ``data`` (z-scored region signals,
        kept volumes), ``betas`` (DataFrame, design columns x regions 1..122), ``heat_t``
        (Series of the heat contrast's t per region) and ``fitted`` (model prediction, kept volumes).
        A region with a flat signal in this run (outside the person's field of view) gets NaN.
    """
    from nilearn.glm.contrasts import compute_contrast
    from nilearn.glm.first_level import run_glm

    design = design_matrix(run)
    kept = heatpain.kept_volumes(run, fd_threshold) if scrub else np.ones(len(design), bool)
    data = _zscore(run.timeseries.to_numpy()[kept])
    x = design.to_numpy()[kept]
    labels, results = run_glm(data, x, noise_model="ols")
    betas = np.empty((x.shape[1], data.shape[1]))
    for label in np.unique(labels):
        betas[:, labels == label] = results[label].theta
    contrast = (design.columns == "heat").astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):  # flat regions have zero variance
        heat_t = compute_contrast(labels, results, contrast, stat_type="t").stat()
    flat = run.timeseries.to_numpy()[kept].std(axis=0) == 0
    betas[:, flat], heat_t[flat] = np.nan, np.nan  # no signal there: missing, not "no response"
    regions = run.timeseries.columns
    return FirstLevel(
        design=design,
        kept=kept,
        data=pd.DataFrame(data, columns=regions),
        betas=pd.DataFrame(betas, index=design.columns, columns=regions),
        heat_t=pd.Series(heat_t, index=regions, name="heat_t"),
        fitted=pd.DataFrame(x @ betas, columns=regions),
    )


# The model's settings (HRF_MODEL, DRIFT_MODEL, HIGH_PASS_HZ) are this module's code, and the run
# offsets are derived by _offsets from the same files: both are in the key without being arguments.
@memory.cached(
    code=(
        "datasets.anatomy",
        "datasets.heatpain",
        "datasets.heatpain._files",
        "datasets.heatpain._offsets",
        "datasets.heatpain.mist",
        "datasets.rois",
        "datasets.volumes",
        "core.vocabulary",
    ),
    versions=("nibabel", "nilearn", "numpy", "pandas", "scipy"),
    files=_files.shipped_files,
)
def _fit_people(run: int, fd_threshold: float, max_share: float) -> pd.DataFrame:
    motion = heatpain.motion_table(fd_threshold, max_share)
    keep = motion[(motion["run"] == run) & ~motion["excluded"]]["subject"]
    rows = {
        s: fit_run(heatpain.load_run(s, run), fd_threshold=fd_threshold)["betas"].loc["heat"] for s in keep
    }
    table = pd.DataFrame(rows).T.rename_axis("subject")
    table.columns = table.columns.astype(int)
    return table


@functools.lru_cache(maxsize=8)
def _estimates(run: int, fd_threshold: float, max_share: float) -> pd.DataFrame:
    return _fit_people(run, fd_threshold, max_share)  # shared in this process: callers get copies


def person_estimates(
    run: int = 1,
    *,
    fd_threshold: float = heatpain.FD_THRESHOLD_MM,
    max_scrubbed_share: float = heatpain.MAX_SCRUBBED_SHARE,
) -> pd.DataFrame:
    """Heat estimate (beta, in SD of the region's signal) per person and region.

    People whose run is excluded for motion (:func:`explainers.datasets.heatpain.motion_table`) are
    left out. Kept in the disk cache (see the module notes); a fresh copy each call.

    Returns
    -------
    pandas.DataFrame
        Index ``subject``, columns region numbers 1..122.
    """
    return _estimates(int(run), float(fd_threshold), float(max_scrubbed_share)).copy()


def group_test(estimates: pd.DataFrame) -> pd.DataFrame:
    """Second level: a one-sample t test per region of the per-person estimates against 0.

    Returns
    -------
    pandas.DataFrame
        One row per region: ``region, mean, t, p, n`` joined with the region table's ``name``
        and ``network``.
    """
    from scipy import stats

    t, p = stats.ttest_1samp(estimates.to_numpy(), 0.0, axis=0, nan_policy="omit")
    out = pd.DataFrame(
        {
            "region": estimates.columns.astype(int),
            "mean": estimates.mean().to_numpy(),
            "t": np.asarray(t),
            "p": np.asarray(p),
            "n": estimates.notna().sum().to_numpy(),
        }
    )
    return out.merge(mist.regions()[["region", "name", "network"]], on="region")


def set_mean(estimates: pd.DataFrame, set_name: str) -> pd.Series:
    """Average each person's estimates over a region set (see :func:`~.mist.region_set`)."""
    return estimates[list(mist.region_set(set_name))].mean(axis=1).rename(set_name)


def simulate_groups(values, n_per_group: int, shrink: float, rng: np.random.Generator, n_sim: int = 1):
    """SIMULATED: draw "controls" and "patients" with replacement from real per-person values.

    With replacement, one real person can appear several times, in one group or in both; that
    is what lets groups be larger than the real sample. The draws then come from the real
    people's values as if they were the whole population: the pool's variance is ``(n - 1) / n``
    of the sample variance and no value lies outside the observed range, so a power computed
    from them tends to be somewhat optimistic (:func:`pool_variance_ratio`).

    Parameters
    ----------
    values : array-like
        Real per-person estimates (e.g. default-mode heat betas, mostly negative).
    n_per_group : int
        People per group (at least 2).
    shrink : float
        Fraction in [0, 1] by which a patient's deactivation is reduced: a patient's value is
        ``(1 - shrink) * value``.
    rng : numpy.random.Generator
    n_sim : int
        Number of simulated studies.

    Returns
    -------
    tuple of numpy.ndarray
        ``controls, patients``, each of shape (n_sim, n_per_group).
    """
    values = np.asarray(values, dtype=float)
    if not 0 <= shrink <= 1:
        raise ValueError(f"shrink must lie in [0, 1], got {shrink!r}")
    if n_per_group < 2:
        raise ValueError(f"need at least 2 people per group, got {n_per_group!r}")
    controls = rng.choice(values, size=(n_sim, n_per_group))
    patients = (1 - shrink) * rng.choice(values, size=(n_sim, n_per_group))
    return controls, patients


def pool_variance_ratio(values) -> float:
    """Variance of the resampling pool relative to the sample variance of ``values``: ``(n - 1) / n``.

    Drawing with replacement samples from the values' own distribution, whose variance is the
    divide-by-n variance, smaller than the usual (divide-by-n-1) estimate of the population's.
    """
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    return float(values.var(ddof=0) / values.var(ddof=1))


def _welch_p(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    from scipy import stats

    return stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue


def power(
    values, n_per_group: int, shrink: float, *, n_sim: int = 2000, alpha: float = ALPHA, seed: int = 0
) -> float:
    """SIMULATED: share of resampled studies whose Welch t test gives p < alpha.

    People are drawn with replacement (see :func:`simulate_groups`). The random stream is
    derived from ``seed``, ``shrink`` and ``n_per_group`` together, so one setting gives the same
    power whether it is computed alone or as a cell of :func:`power_table`.
    """
    rng = np.random.default_rng([int(seed), round(float(shrink) * 10_000), int(n_per_group)])
    controls, patients = simulate_groups(values, n_per_group, shrink, rng, n_sim)
    return float((_welch_p(controls, patients) < alpha).mean())


def power_table(
    values, shrinks, group_sizes, *, n_sim: int = 2000, alpha: float = ALPHA, seed: int = 0
) -> pd.DataFrame:
    """SIMULATED: :func:`power` for every shrink fraction and group size (one stream per cell).

    Returns
    -------
    pandas.DataFrame
        Columns ``shrink, n_per_group, power``.
    """
    rows = [
        (float(shrink), int(n), power(values, int(n), float(shrink), n_sim=n_sim, alpha=alpha, seed=seed))
        for shrink in shrinks
        for n in group_sizes
    ]
    return pd.DataFrame(rows, columns=["shrink", "n_per_group", "power"])
