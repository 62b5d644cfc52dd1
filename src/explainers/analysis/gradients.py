"""The principal connectivity gradient (Margulies et al., 2016), computed with numpy.

brainspace's ``GradientMaps`` would do this, but it imports VTK, which this project does
not install. The steps here follow the recipe Margulies and colleagues describe and
brainspace implements by default:

1. keep, in each row of the connectivity matrix, only the strongest 10% of connections
   (the others become 0);
2. affinity between two regions = cosine similarity of their thresholded rows (negative
   values set to 0);
3. diffusion-map embedding with ``alpha = 0.5``: normalise the affinity by the regions'
   degrees, build the Markov matrix, take its leading non-trivial eigenvectors and scale each
   by ``lambda / (1 - lambda)`` (diffusion time chosen automatically, as in brainspace).

The sign of an eigenvector is arbitrary; :func:`orient` flips a gradient so that a chosen
set of regions sits at the positive end. brainspace also ships the principal gradient it
computed on the HCP group data (``load_shipped_gradient``), which serves as an independent
check in the notebook.
"""

from __future__ import annotations

import numpy as np

from explainers.core import resources

SPARSITY = 0.9
"""Share of each row set to zero before the affinity (Margulies et al. keep the top 10%)."""
ALPHA = 0.5
"""Diffusion-map anisotropy: 0.5 is the value of Margulies et al. and brainspace's default."""


def _check_square(matrix: np.ndarray) -> np.ndarray:
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"need a square matrix, got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("the matrix contains NaN or infinite values")
    return values


def row_threshold(matrix, sparsity: float = SPARSITY) -> np.ndarray:
    """Zero every entry below its row's ``sparsity`` quantile.

    Parameters
    ----------
    matrix : array-like, shape (n, n)
    sparsity : float in [0, 1), default :data:`SPARSITY`

    Returns
    -------
    numpy.ndarray
    """
    if not 0 <= sparsity < 1:
        raise ValueError(f"sparsity must be in [0, 1), got {sparsity!r}")
    values = _check_square(matrix).copy()
    cut = np.quantile(values, sparsity, axis=1, keepdims=True)
    values[values < cut] = 0.0
    return values


def cosine_affinity(matrix) -> np.ndarray:
    """Cosine similarity between the rows, with negative values set to 0.

    Parameters
    ----------
    matrix : array-like, shape (n, m)

    Returns
    -------
    numpy.ndarray, shape (n, n)
    """
    values = np.asarray(matrix, dtype=float)
    norms = np.linalg.norm(values, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("a row is all zeros: its cosine similarity is undefined")
    unit = values / norms
    return np.clip(unit @ unit.T, 0.0, None)


def diffusion_map(affinity, n_components: int = 2, alpha: float = ALPHA):
    """Diffusion-map embedding of a symmetric, non-negative affinity matrix.

    Parameters
    ----------
    affinity : array-like, shape (n, n)
    n_components : int, default 2
    alpha : float, default :data:`ALPHA`

    Returns
    -------
    gradients : numpy.ndarray, shape (n, n_components)
        Eigenvectors of the Markov matrix after the trivial one, scaled by
        ``lambda / (1 - lambda)``.
    lambdas : numpy.ndarray, shape (n_components,)
        Their eigenvalues, largest first.
    """
    a = _check_square(affinity)
    if not np.allclose(a, a.T) or np.any(a < 0):
        raise ValueError("the affinity must be symmetric and non-negative")
    if not 1 <= n_components < a.shape[0]:
        raise ValueError(f"n_components must be between 1 and {a.shape[0] - 1}, got {n_components}")
    degree = a.sum(axis=1)
    if alpha > 0:
        a = a / np.outer(degree**alpha, degree**alpha)
        degree = a.sum(axis=1)
    # The Markov matrix D^-1 A has the same eigenvalues as the symmetric D^-1/2 A D^-1/2.
    root = np.sqrt(degree)
    symmetric = a / np.outer(root, root)
    lambdas, vectors = np.linalg.eigh(symmetric)
    order = np.argsort(lambdas)[::-1]
    lambdas, vectors = lambdas[order], vectors[:, order]
    psi = vectors / root[:, None]
    psi = psi / psi[:, [0]]  # right eigenvectors, normalised so the trivial one is all ones
    lambdas, psi = lambdas[1 : n_components + 1], psi[:, 1 : n_components + 1]
    return psi * (lambdas / (1.0 - lambdas)), lambdas


def principal_gradients(matrix, n_components: int = 2, sparsity: float = SPARSITY, alpha: float = ALPHA):
    """Connectivity gradients of a region x region matrix (threshold, cosine, diffusion map).

    Parameters
    ----------
    matrix : array-like, shape (n, n)
        Functional connectivity.
    n_components : int, default 2
    sparsity, alpha : float
        See :data:`SPARSITY` and :data:`ALPHA`.

    Returns
    -------
    gradients : numpy.ndarray, shape (n, n_components)
    lambdas : numpy.ndarray
    """
    return diffusion_map(cosine_affinity(row_threshold(matrix, sparsity)), n_components, alpha)


def orient(gradient, positive_mask) -> np.ndarray:
    """Flip the sign of ``gradient`` so the regions in ``positive_mask`` have a positive mean.

    Parameters
    ----------
    gradient : array-like, shape (n,)
    positive_mask : array-like of bool, shape (n,)

    Returns
    -------
    numpy.ndarray
    """
    values = np.asarray(gradient, dtype=float)
    mask = np.asarray(positive_mask, dtype=bool)
    if not mask.any() or mask.all():
        raise ValueError("positive_mask must select some, but not all, regions")
    return values if values[mask].mean() >= values[~mask].mean() else -values


def load_shipped_gradient(index: int = 0) -> np.ndarray:
    """The HCP functional-connectivity gradient that brainspace ships, on fsLR 32k.

    Parameters
    ----------
    index : {0, 1}
        0 for the principal gradient, 1 for the second.

    Returns
    -------
    numpy.ndarray, shape (64984,)
        Left hemisphere first; NaN on the medial wall.
    """
    if index not in (0, 1):
        raise ValueError(f"unknown gradient index {index!r}; choose 0 or 1")
    path = resources.package_file(
        "brainspace", "datasets", "matrices", "main_group", f"conte69_32k_fc_gradient{index}.csv"
    )
    return np.loadtxt(path)


def parcel_means(values, parcels, n_parcels: int) -> np.ndarray:
    """Mean of vertex ``values`` inside each parcel 1..n (0 = medial wall, left out).

    Parameters
    ----------
    values : array-like, shape (vertices,)
    parcels : array-like of int, shape (vertices,)
    n_parcels : int

    Returns
    -------
    numpy.ndarray, shape (n_parcels,)
    """
    values, parcels = np.asarray(values, dtype=float), np.asarray(parcels)
    inside = (parcels > 0) & np.isfinite(values)  # brainspace's maps hold NaN on the medial wall
    sums = np.bincount(parcels[inside], weights=values[inside], minlength=n_parcels + 1)[1:]
    counts = np.bincount(parcels[inside], minlength=n_parcels + 1)[1:]
    if np.any(counts == 0):
        raise ValueError("a parcel has no vertex")
    return sums / counts
