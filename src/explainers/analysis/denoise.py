"""Denoising steps for region time series, each a plain least-squares residual.

Global-signal regression (GSR) is the step at the centre of the anticorrelation debate:
it removes, from every series, the part that a least-squares fit of the global signal
explains. Because the global signal is (close to) the average of all series, what is left
has to contain negative correlations somewhere. Notebook 03 shows this on real data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _design(confounds, n_frames: int, intercept: bool) -> np.ndarray:
    columns = np.asarray(confounds, dtype=float)
    if columns.ndim == 1:
        columns = columns[:, None]
    if columns.shape[0] != n_frames:
        raise ValueError(f"confounds have {columns.shape[0]} frames but the data have {n_frames}")
    if not np.all(np.isfinite(columns)):
        raise ValueError("confounds contain NaN or infinite values")
    return np.column_stack([np.ones(n_frames), columns]) if intercept else columns


def regress_out(data, confounds, intercept: bool = True):
    """Remove from each column of ``data`` what a least-squares fit of ``confounds`` explains.

    Parameters
    ----------
    data : array-like or pandas.DataFrame, shape (frames, series)
    confounds : array-like, shape (frames,) or (frames, k)
    intercept : bool, default True
        Add a constant column (so the residuals have mean zero).

    Returns
    -------
    numpy.ndarray or pandas.DataFrame
        Residuals, same shape and type as ``data``.

    Raises
    ------
    ValueError
        If the number of frames differs or a confound is not finite.
    """
    values = np.asarray(data, dtype=float)
    flat = values.ndim == 1
    values = values[:, None] if flat else values
    design = _design(confounds, values.shape[0], intercept)
    # The pseudo-inverse is the least-squares solution; computing it once for the design is
    # much faster than lstsq with thousands of right-hand sides (one per vertex).
    residual = values - design @ (np.linalg.pinv(design) @ values)
    residual = residual[:, 0] if flat else residual
    if isinstance(data, pd.DataFrame):
        return pd.DataFrame(residual, index=data.index, columns=data.columns)
    return residual


def global_signal_regression(data, global_signal=None):
    """Regress the global signal (and a constant) out of every series.

    Parameters
    ----------
    data : array-like or pandas.DataFrame, shape (frames, series)
    global_signal : array-like, shape (frames,), optional
        The whole-brain mean signal; default: the mean of the columns of ``data``.

    Returns
    -------
    Same type as ``data``: the residuals.
    """
    if global_signal is None:
        global_signal = np.asarray(data, dtype=float).mean(axis=1)
    return regress_out(data, global_signal)


def variance_explained(data, confounds) -> np.ndarray:
    """Share of each series' variance (about its mean) that ``confounds`` explain.

    The same R squared as a least-squares fit of ``confounds`` and a constant
    (:func:`regress_out`), computed without forming the residuals: the explained sum of
    squares is the squared length of each centred series projected onto an orthonormal
    basis of the centred confounds. For a whole surface (20,000 series) that is a few
    small products instead of several full-size copies of the data.

    Parameters
    ----------
    data : array-like, shape (frames, series)
    confounds : array-like, shape (frames,) or (frames, k)

    Returns
    -------
    numpy.ndarray, shape (series,)
        R squared of each fit (0 for constant series).

    Raises
    ------
    ValueError
        If the number of frames differs or a confound is not finite.
    """
    values = np.asarray(data)
    values = values[:, None] if values.ndim == 1 else values
    columns = _design(confounds, values.shape[0], intercept=False)
    columns = columns - columns.mean(axis=0)
    # An orthonormal basis of the centred confounds' column space; directions with a singular
    # value at rounding level are dropped, as the pseudo-inverse of regress_out drops them.
    basis, singular, _ = np.linalg.svd(columns, full_matrices=False)
    tolerance = max(columns.shape) * np.finfo(float).eps * (singular[0] if singular.size else 0.0)
    basis = basis[:, singular > tolerance]
    explained = np.empty(values.shape[1])
    total = np.empty(values.shape[1])
    for start in range(0, values.shape[1], 4096):  # blocks of series: float64 copies stay small
        block = np.asarray(values[:, start : start + 4096], dtype=float)
        block = block - block.mean(axis=0)
        total[start : start + 4096] = (block**2).sum(axis=0)
        explained[start : start + 4096] = ((basis.T @ block) ** 2).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, explained / total, 0.0)


def chance_variance_explained(n_frames: int, n_confounds: int) -> float:
    """Expected R squared of ``n_confounds`` regressors unrelated to a noise-like series.

    For white noise the expected share is ``k / (n - 1)`` with ``k`` regressors and ``n``
    frames (besides the mean); real fMRI noise is smoother, so this is a floor.

    Parameters
    ----------
    n_frames, n_confounds : int

    Returns
    -------
    float
    """
    if n_frames < 2 or not 0 <= n_confounds < n_frames:
        raise ValueError(f"need 0 <= n_confounds < n_frames, got {n_confounds} and {n_frames}")
    return n_confounds / (n_frames - 1)


def censor(data, keep):
    """Keep only the frames marked ``True`` (scrubbing of high-motion frames).

    Parameters
    ----------
    data : array-like or pandas.DataFrame, shape (frames, ...)
    keep : array-like of bool, shape (frames,)

    Returns
    -------
    Same type as ``data``, with the dropped frames removed.

    Raises
    ------
    ValueError
        If ``keep`` has the wrong length or keeps fewer than three frames.
    """
    keep = np.asarray(keep, dtype=bool)
    if keep.shape[0] != len(data):
        raise ValueError(f"keep has {keep.shape[0]} entries but the data have {len(data)} frames")
    if keep.sum() < 3:
        raise ValueError(f"only {int(keep.sum())} frames would be kept; a correlation needs at least 3")
    if isinstance(data, pd.DataFrame):
        return data.loc[keep]
    return np.asarray(data)[keep]


def correlate(seed, targets) -> pd.Series | np.ndarray:
    """Pearson correlation of one series with each column of ``targets``.

    Parameters
    ----------
    seed : array-like, shape (frames,)
    targets : array-like or pandas.DataFrame, shape (frames, series)

    Returns
    -------
    pandas.Series (if ``targets`` is a DataFrame) or numpy.ndarray
        NaN for a target that does not vary (e.g. a region outside one person's scan).
    """
    x = np.asarray(seed, dtype=float)
    y = np.asarray(targets, dtype=float)
    y = y[:, None] if y.ndim == 1 else y
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"seed has {x.shape[0]} frames but targets have {y.shape[0]}")
    x = (x - x.mean()) / x.std()
    spread = y.std(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (y - y.mean(axis=0)) / np.where(
            spread > 0, spread, np.nan
        )  # a flat series has no correlation: NaN
    r = (x[:, None] * y).mean(axis=0)
    if isinstance(targets, pd.DataFrame):
        return pd.Series(r, index=targets.columns)
    return r
