"""Task models on the heat-pain region time series: design, per-person fit, group test.

The steps a task-fMRI analysis takes, on the 122 region signals of :mod:`explainers.datasets.heatpain`:

1. :func:`design_matrix`: heat and rating events convolved with nilearn's SPM haemodynamic
   response, plus cosine drift terms (high-pass at :data:`HIGH_PASS_HZ`) and a constant.
   Options show what each choice does: leave the rating periods out of the model (they then
   count as baseline), add the shipped global signal as a regressor, or band-pass the task
   columns like the providers band-passed the data (:data:`BAND_HZ`).
2. :func:`fit_run`: a first-level fit of every region of one run with nilearn's
   ``run_glm``/``compute_contrast`` (ordinary least squares, or an AR(1) noise model for honest
   single-run t values), after scrubbing high-motion volumes (rows left out of both data and
   design). Each region is z-scored first (the shipped signals have no meaningful baseline), so
   an estimate is in standard deviations of that region's signal.
3. :func:`person_estimates` and :func:`group_test`: one heat estimate per person and region,
   then a one-sample t test per region over people (the second level).

The SIMULATED two-group power analysis built on these estimates is :mod:`explainers.analysis.power`.

Per-person estimates are kept in the disk cache (:mod:`explainers.core.memory`), keyed on the
settings, the shipped files, the code of the model and the data loaders, and the versions of
nilearn and the other libraries it calls.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.core import errors, memory
from explainers.datasets import heatpain
from explainers.datasets.heatpain import _files, mist

HRF_MODEL = "spm"
DRIFT_MODEL = "cosine"
HIGH_PASS_HZ = 1 / 128
"""Cosine drift terms remove slow signal changes below 1/128 Hz (SPM's default period, 128 s)."""

BAND_HZ = (0.008, 0.08)
"""The band the providers kept in the shipped signals (their band-pass filter), for ``bandpass=True``."""

CONDITIONS = ("heat", "rating")
NOISE_MODELS = ("ols", "ar1")
"""nilearn's first-level noise models: ordinary least squares, or first-order autoregressive."""

ALPHA = 0.05


def design_matrix(
    run: heatpain.Run, *, rating: bool = True, global_signal: bool = False, bandpass: bool = False
) -> pd.DataFrame:
    """Build the first-level design matrix of one run with nilearn.

    Parameters
    ----------
    run : heatpain.Run
        From :func:`explainers.datasets.heatpain.load_run`.
    rating : bool, default True
        Model the rating periods as their own regressor. With False they are left out of the
        model, so they count as baseline along with the gaps between events.
    global_signal : bool, default False
        Add the shipped global signal as a regressor (column ``global_signal``).
    bandpass : bool, default False
        Filter the task columns with the band the providers kept in the data (:data:`BAND_HZ`,
        nilearn's Butterworth filter), so model and data are filtered alike.

    Returns
    -------
    pandas.DataFrame
        One row per volume (index: frame time in s); columns ``heat``, ``rating`` (unless
        ``rating=False``), ``global_signal`` (if asked), the cosine drifts and ``constant``.
    """
    from nilearn.glm.first_level import make_first_level_design_matrix

    events = run.events[["onset", "duration", "trial_type"]]
    if not rating:
        events = events[events["trial_type"] != "rating"]
    extra = {}
    if global_signal:
        extra = {"add_regs": run.global_signal.to_numpy()[:, None], "add_reg_names": ["global_signal"]}
    design = make_first_level_design_matrix(
        run.frame_times, events, hrf_model=HRF_MODEL, drift_model=DRIFT_MODEL, high_pass=HIGH_PASS_HZ, **extra
    )
    if bandpass:
        from nilearn import signal

        task = [c for c in CONDITIONS if c in design.columns]
        low, high = BAND_HZ
        design[task] = signal.butterworth(
            design[task].to_numpy(), sampling_rate=1 / heatpain.TR_S, low_pass=high, high_pass=low, copy=True
        )
    return design


def _zscore(values: np.ndarray) -> np.ndarray:
    sd = values.std(axis=0)
    # A region outside one person's field of view is flat; leave it at 0 rather than divide by 0.
    return np.divide(values - values.mean(axis=0), sd, out=np.zeros_like(values), where=sd > 0)


class FirstLevel(dict):
    """What :func:`fit_run` returns (a dict).

    Keys: ``design``, ``kept``, ``betas``, ``heat_t``, ``fitted``, ``data``.
    """


def fit_run(
    run: heatpain.Run,
    *,
    scrub: bool = True,
    fd_threshold: float = heatpain.FD_THRESHOLD_MM,
    noise_model: str = "ols",
    design: pd.DataFrame | None = None,
) -> FirstLevel:
    """Fit the task model to every region of one run (nilearn ``run_glm``).

    Parameters
    ----------
    run : heatpain.Run
    scrub : bool, default True
        Leave out volumes with framewise displacement above ``fd_threshold``.
    fd_threshold : float
        In mm, default :data:`explainers.datasets.heatpain.FD_THRESHOLD_MM`.
    noise_model : {"ols", "ar1"}, default "ols"
        nilearn's noise model. OLS treats successive volumes as independent; fMRI noise is
        not (each volume resembles the one before), so OLS t values of one run are too large.
        AR(1) models that dependence. The estimates (betas) barely differ.
    design : pandas.DataFrame, optional
        A design from :func:`design_matrix` with options; by default its plain form.

    Returns
    -------
    FirstLevel
        ``design`` (all volumes), ``kept`` (bool per volume), ``data`` (z-scored region signals,
        kept volumes), ``betas`` (DataFrame, design columns x regions 1..122), ``heat_t``
        (Series of the heat contrast's t per region) and ``fitted`` (model prediction, kept volumes).
        A region with a flat signal in this run (outside the person's field of view) gets NaN.

    Raises
    ------
    ValueError
        If ``noise_model`` is not one of :data:`NOISE_MODELS`.
    """
    from nilearn.glm.contrasts import compute_contrast
    from nilearn.glm.first_level import run_glm

    errors.check_choice("noise model", noise_model, NOISE_MODELS)
    design = design_matrix(run) if design is None else design
    kept = heatpain.kept_volumes(run, fd_threshold) if scrub else np.ones(len(design), bool)
    data = _zscore(run.timeseries.to_numpy()[kept])
    x = design.to_numpy()[kept]
    labels, results = run_glm(data, x, noise_model=noise_model)
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


# The model's settings (HRF_MODEL, DRIFT_MODEL, HIGH_PASS_HZ, BAND_HZ) are this module's code, and
# the run offsets are derived by _offsets from the same files: both are in the key without being
# arguments.
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
def _fit_people(
    run: int,
    fd_threshold: float,
    max_share: float,
    scrub: bool = True,
    rating: bool = True,
    global_signal: bool = False,
    bandpass: bool = False,
    shipped_numbering: bool = False,
) -> pd.DataFrame:
    if shipped_numbering:
        keep = [f"sub-{n:02d}" for n in heatpain.run1_file_numbers()]
    elif scrub:
        motion = heatpain.motion_table(fd_threshold, max_share)
        keep = motion[(motion["run"] == run) & ~motion["excluded"]]["subject"]
    else:
        keep = heatpain.subjects(run)
    rows = {}
    for subject in keep:
        person = heatpain.load_run(subject, run, shipped_numbering=shipped_numbering)
        design = design_matrix(person, rating=rating, global_signal=global_signal, bandpass=bandpass)
        fit = fit_run(person, scrub=scrub, fd_threshold=fd_threshold, design=design)
        rows[subject] = fit["betas"].loc["heat"]
    table = pd.DataFrame(rows).T.rename_axis("subject")
    table.columns = table.columns.astype(int)
    return table


@functools.lru_cache(maxsize=16)
def _estimates(run: int, fd_threshold: float, max_share: float, *options: bool) -> pd.DataFrame:
    return _fit_people(run, fd_threshold, max_share, *options)  # shared in this process: callers get copies


def person_estimates(
    run: int = 1,
    *,
    fd_threshold: float = heatpain.FD_THRESHOLD_MM,
    max_scrubbed_share: float = heatpain.MAX_SCRUBBED_SHARE,
    scrub: bool = True,
    rating: bool = True,
    global_signal: bool = False,
    bandpass: bool = False,
    shipped_numbering: bool = False,
) -> pd.DataFrame:
    """Heat estimate (beta, in SD of the region's signal) per person and region.

    By default, people whose run is excluded for motion
    (:func:`explainers.datasets.heatpain.motion_table`) are left out and the others' high-motion
    volumes are scrubbed. Kept in the disk cache (see the module notes); a fresh copy each call.

    Parameters
    ----------
    run : {1, 3, 7}, default 1
    fd_threshold, max_scrubbed_share : float
        The motion rule (defaults: the providers' thresholds).
    scrub : bool, default True
        False: keep every volume of every person (no scrubbing, no exclusion).
    rating, global_signal, bandpass : bool
        Design options, see :func:`design_matrix`.
    shipped_numbering : bool, default False
        Run 1 only: pair each time-series file with the events file of the same number, as the
        files are named (wrong by one person; see
        :func:`explainers.datasets.heatpain.load_run`). Uses every file, with no scrubbing or
        exclusion (``scrub`` must be False), and names rows by file number.

    Returns
    -------
    pandas.DataFrame
        Index ``subject``, columns region numbers 1..122.

    Raises
    ------
    ValueError
        If ``shipped_numbering`` is asked for another run than 1, or with ``scrub=True``.
    """
    run = _files.check_run(run)
    if shipped_numbering and (run != 1 or scrub):
        raise ValueError(
            "shipped_numbering needs run=1 and scrub=False (it compares the pairings on every file); "
            f"got run={run!r}, scrub={scrub!r}"
        )
    options = (bool(scrub), bool(rating), bool(global_signal), bool(bandpass), bool(shipped_numbering))
    return _estimates(run, float(fd_threshold), float(max_scrubbed_share), *options).copy()


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
