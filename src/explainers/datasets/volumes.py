"""MNI152 volumes: the 2 mm brain mask, coordinate checks and sphere masks.

Everything is on nilearn's bundled ICBM152 2009a grid at 2 mm (no download). The helpers
that turn user coordinates into points (:func:`mni_points`) and points into voxels
(:func:`voxel_index`) are public because the anatomical look-up (:mod:`explainers.datasets.anatomy`)
uses them too.
"""

from __future__ import annotations

import functools

import numpy as np

from explainers.core import errors, memory

XYZ = ("x", "y", "z")
"""Column names of MNI coordinates in every table of the collection."""


@functools.lru_cache(maxsize=1)
def _mask():
    from nilearn.datasets import load_mni152_brain_mask

    image = load_mni152_brain_mask(resolution=2)
    data, affine = np.asarray(image.dataobj), image.affine.copy()
    return memory.read_only((data, data.astype(bool), affine)), image.header.copy()


def mni_brain_mask():
    """Return nilearn's MNI152 (ICBM 2009a symmetric) brain mask at 2 mm.

    Returns
    -------
    nibabel.Nifti1Image
        Binary mask, shape (99, 117, 95). Read once per process; each call gets a new image
        over the same read-only voxel array, so no caller can change the mask for the others.
    """
    import nibabel as nib

    (data, _, affine), header = _mask()
    return nib.Nifti1Image(data, affine, header)


def _mask_array() -> np.ndarray:
    return _mask()[0][1]


def _mask_affine() -> np.ndarray:
    return _mask()[0][2]


def mni_points(coords) -> np.ndarray:
    """Turn one MNI coordinate, a list of them or a table with x, y, z columns into points.

    Parameters
    ----------
    coords : array-like of shape (3,) or (n, 3), or pandas.DataFrame
        MNI coordinates in mm; a data frame must have columns ``x``, ``y`` and ``z``
        (other columns are ignored).

    Returns
    -------
    numpy.ndarray of float, shape (n, 3)

    Raises
    ------
    ValueError
        If the input is not numbers of that shape (e.g. a region name such as ``"PCC"``),
        has non-finite values, or is a frame without x, y, z columns.
    """
    if hasattr(coords, "columns"):
        errors.require_columns(coords, XYZ, "coordinate table")
        coords = coords[list(XYZ)]
    expected = "expected one (x, y, z) MNI coordinate in mm, a list of them or a table with columns x, y, z"
    if isinstance(coords, str):
        raise ValueError(
            f"{expected}; got the text {coords!r} "
            " (look regions up by name in explainers.datasets.nodes.named_nodes())"
        )
    try:
        points = np.asarray(coords, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{expected}; got {coords!r}") from None
    if points.ndim == 1:
        points = points[None, :]
    if points.ndim != 2 or points.shape[1] != 3 or not np.isfinite(points).all():
        raise ValueError(f"{expected}; got {coords!r}")
    return points


def format_xyz(point) -> str:
    """Write a coordinate for messages and captions, e.g. ``(0, -52, 26)``.

    Parameters
    ----------
    point : array-like, shape (3,)

    Returns
    -------
    str
    """
    return "(" + ", ".join(f"{v:g}" for v in np.round(np.asarray(point, dtype=float), 2)) + ")"


def voxel_index(points: np.ndarray, affine: np.ndarray) -> np.ndarray:
    """Return the nearest voxel (i, j, k) of each point on a grid with the given affine.

    Parameters
    ----------
    points : numpy.ndarray, shape (n, 3)
        World coordinates in mm.
    affine : numpy.ndarray, shape (4, 4)
        Voxel-to-world affine of the grid.

    Returns
    -------
    numpy.ndarray of int, shape (n, 3)
        May lie outside the grid; callers check.
    """
    homogeneous = np.c_[points, np.ones(len(points))]
    return np.rint(homogeneous @ np.linalg.inv(affine).T)[:, :3].astype(int)


def in_brain(coords) -> np.ndarray:
    """Tell which MNI coordinates fall inside the 2 mm MNI152 brain mask.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3), or pandas.DataFrame
        MNI coordinates in mm (see :func:`mni_points`).

    Returns
    -------
    numpy.ndarray of bool, shape (n,)
        True where the nearest 2 mm voxel is in the mask.

    Raises
    ------
    ValueError
        If ``coords`` are not MNI coordinates (see :func:`mni_points`).
    """
    points = mni_points(coords)
    mask = _mask_array()
    ijk = voxel_index(points, _mask_affine())
    inside = np.all((ijk >= 0) & (ijk < mask.shape), axis=1)
    result = np.zeros(len(points), dtype=bool)
    result[inside] = mask[tuple(ijk[inside].T)]
    return result


def check_in_brain(coords) -> np.ndarray:
    """Raise unless every coordinate lies inside the MNI152 brain mask.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3), or pandas.DataFrame
        MNI coordinates in mm.

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The coordinates as floats, so calls can be chained.

    Raises
    ------
    ValueError
        Naming the first coordinate outside the mask, e.g. "coordinate (90, 0, 0) lies
        outside the MNI152 brain mask".
    """
    points = mni_points(coords)
    inside = in_brain(points)
    if not inside.all():
        bad = points[np.flatnonzero(~inside)[0]]
        raise ValueError(
            f"coordinate {format_xyz(bad)} lies outside the MNI152 brain mask (nilearn ICBM152 2009a, 2 mm)"
        )
    return points


def sphere_mask(coords, radius_mm: float = 5.0, within_brain: bool = False):
    """Build a mask of spheres around MNI coordinates on the 2 mm MNI152 grid.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3), or pandas.DataFrame
        Sphere centres in MNI mm; each must lie inside the brain mask.
    radius_mm : float, default 5.0
        Sphere radius; a voxel is in when its centre is within this distance.
    within_brain : bool, default False
        Also intersect with :func:`mni_brain_mask` (trims spheres at the cortical edge).

    Returns
    -------
    nibabel.Nifti1Image
        uint8 mask (1 inside any sphere) with the brain mask's shape and affine.

    Raises
    ------
    ValueError
        If a centre lies outside the brain, or the radius is not positive.
    TypeError
        If the radius is not a number (e.g. the string ``"6"``).
    """
    import nibabel as nib

    radius_mm = errors.positive_number("radius_mm", radius_mm, "mm")
    points = check_in_brain(coords)
    reference = mni_brain_mask()
    shape, affine = reference.shape, reference.affine
    data = np.zeros(shape, dtype=bool)
    voxel_size = np.abs(np.diag(affine)[:3])
    reach = np.ceil(radius_mm / voxel_size).astype(int) + 1
    for point, centre in zip(points, voxel_index(points, affine), strict=True):
        # Only the voxels of a small box around each centre can be inside its sphere.
        lo = np.maximum(centre - reach, 0)
        hi = np.minimum(centre + reach + 1, shape)
        axes = (np.arange(a, b) for a, b in zip(lo, hi, strict=True))
        ijk = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1)
        world = ijk @ affine[:3, :3].T + affine[:3, 3]
        near = np.sum((world - point) ** 2, axis=-1) <= radius_mm**2
        data[tuple(ijk[near].T)] = True
    if within_brain:
        data &= _mask_array()
    return nib.Nifti1Image(data.astype(np.uint8), affine)
