"""How far two maps of the same network agree: pure computations, no loading, no drawing.

Two kinds of comparison:

- **coordinates against a surface atlas**: each MNI coordinate is mapped to the nearest
  cortical vertex of an fsLR surface (:func:`map_coords_to_vertices`); coordinates farther
  than a stated distance are "off the cortical surface" (subcortex, cerebellum, deep white
  matter) and are counted, never silently dropped (:func:`share_in_label`);
- **surface map against surface map**: the Dice overlap of two vertex masks
  (:func:`dice`), a vertex-by-vertex agreement map (:func:`agreement_categories`) and the
  mean of a continuous map inside and outside a mask (:func:`mean_inside_outside`).

Every function takes plain arrays, so the tests can feed synthetic inputs with known answers.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from explainers.core import errors, vocabulary

AGREEMENT_NAMES = ("neither", "both", "only first", "only second")
"""Meaning of the codes 0..3 returned by :func:`agreement_categories`."""


def _as_points(coords) -> np.ndarray:
    if hasattr(coords, "columns"):  # a table of ROIs: use its x, y, z columns
        errors.require_columns(coords, ("x", "y", "z"), "coordinate table")
        coords = coords[["x", "y", "z"]]
    try:
        points = np.asarray(coords, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"expected MNI coordinates of shape (n, 3) or a table with columns x, y, z, got {coords!r}"
        ) from None
    if points.ndim == 1:
        points = points[None, :]
    if points.ndim != 2 or points.shape[1] != 3:
        raise ValueError(f"expected MNI coordinates of shape (n, 3), got shape {points.shape}")
    return points


def _as_mask(mask, name: str) -> np.ndarray:
    array = np.asarray(mask)
    if array.dtype != bool:
        raise ValueError(f"{name} must be a boolean array (True inside), got dtype {array.dtype}")
    return array


def mesh_vertices(mesh) -> np.ndarray:
    """Stack the vertex coordinates of a two-hemisphere mesh, left hemisphere first.

    Parameters
    ----------
    mesh : explainers.datasets.surfaces.SurfaceMesh or tuple
        ``(left, right)``, each ``(coords, faces)``.

    Returns
    -------
    numpy.ndarray, shape (n_left + n_right, 3)
        Vertex coordinates in the order of the atlases' vertex arrays.
    """
    left, right = mesh
    return np.vstack([np.asarray(left[0], dtype=float), np.asarray(right[0], dtype=float)])


class VertexMatch(NamedTuple):
    """Nearest allowed vertex of each coordinate (see :func:`map_coords_to_vertices`)."""

    vertex: np.ndarray  #: vertex index, or -1 when off the surface
    distance_mm: np.ndarray  #: distance to the nearest allowed vertex (always filled)
    on_surface: np.ndarray  #: True when ``distance_mm <= max_distance_mm``


def map_coords_to_vertices(coords, vertices, max_distance_mm: float = 6.0, allowed=None) -> VertexMatch:
    """Map MNI coordinates to the nearest surface vertex, within a distance.

    Parameters
    ----------
    coords : array-like, shape (n, 3)
        MNI coordinates in mm.
    vertices : numpy.ndarray, shape (v, 3)
        Vertex coordinates in the same space (e.g. :func:`mesh_vertices` of the fsLR
        midthickness surface, which the HCP aligned to MNI space).
    max_distance_mm : float, default 6.0
        A coordinate farther than this from every allowed vertex is off the surface.
    allowed : numpy.ndarray of bool, shape (v,), optional
        Vertices a coordinate may map to, e.g. cortex without the medial wall, so that a
        thalamic ROI is not matched to the medial-wall patch. Default: all.

    Returns
    -------
    VertexMatch
        ``vertex`` (-1 when off the surface), ``distance_mm`` and ``on_surface``.

    Raises
    ------
    ValueError
        If the shapes do not fit, the distance is not positive or no vertex is allowed.
    """
    from scipy.spatial import cKDTree

    points = _as_points(coords)
    vertices = np.asarray(vertices, dtype=float)
    if not max_distance_mm > 0:
        raise ValueError(f"max_distance_mm must be positive, got {max_distance_mm!r}")
    allowed = np.ones(len(vertices), dtype=bool) if allowed is None else _as_mask(allowed, "allowed")
    if allowed.shape != (len(vertices),):
        raise ValueError(f"allowed has shape {allowed.shape}, expected ({len(vertices)},)")
    candidates = np.flatnonzero(allowed)
    if candidates.size == 0:
        raise ValueError("no vertex is allowed")
    distance, nearest = cKDTree(vertices[candidates]).query(points)
    on_surface = distance <= max_distance_mm
    vertex = np.where(on_surface, candidates[nearest], -1)
    return VertexMatch(vertex, distance, on_surface)


class LabelShare(NamedTuple):
    """How many coordinates land in one surface label (see :func:`share_in_label`)."""

    n_coords: int  #: all coordinates
    n_off_surface: int  #: farther than the distance limit from the cortical surface
    n_on_surface: int  #: mapped to a vertex
    n_in_label: int  #: mapped to a vertex that carries the label
    share_on_surface: float  #: n_in_label / n_on_surface (NaN when none are on the surface)


def share_in_label(
    coords, vertices, vertex_labels, label, max_distance_mm: float = 6.0, allowed=None
) -> LabelShare:
    """Count the coordinates whose nearest surface vertex carries a given label.

    Parameters
    ----------
    coords : array-like, shape (n, 3)
        MNI coordinates in mm.
    vertices : numpy.ndarray, shape (v, 3)
        Surface vertex coordinates.
    vertex_labels : numpy.ndarray, shape (v,)
        One label per vertex (e.g. Yeo-7 network numbers).
    label : scalar
        The label that counts as agreement (e.g. 7, Yeo's Default network).
    max_distance_mm : float, default 6.0
        Distance limit, see :func:`map_coords_to_vertices`.
    allowed : numpy.ndarray of bool, optional
        Vertices a coordinate may map to (default: every vertex with a non-zero label).

    Returns
    -------
    LabelShare
        Counts, and the share of on-surface coordinates that land in the label.
    """
    vertex_labels = np.asarray(vertex_labels)
    if vertex_labels.shape != (len(vertices),):
        raise ValueError(f"vertex_labels has shape {vertex_labels.shape}, expected ({len(vertices)},)")
    if allowed is None:
        allowed = vertex_labels != 0
    match = map_coords_to_vertices(coords, vertices, max_distance_mm, allowed)
    n_on = int(match.on_surface.sum())
    n_in = int((vertex_labels[match.vertex[match.on_surface]] == label).sum())
    return LabelShare(
        len(match.vertex), len(match.vertex) - n_on, n_on, n_in, n_in / n_on if n_on else float("nan")
    )


def dice(first, second) -> float:
    """Dice overlap of two boolean masks: 2|A and B| / (|A| + |B|).

    Parameters
    ----------
    first, second : numpy.ndarray of bool, same shape

    Returns
    -------
    float
        1 for identical masks, 0 for disjoint ones; NaN when both are empty.
    """
    a, b = _as_mask(first, "first"), _as_mask(second, "second")
    if a.shape != b.shape:
        raise ValueError(f"masks differ in shape: {a.shape} and {b.shape}")
    total = int(a.sum() + b.sum())
    return 2.0 * int((a & b).sum()) / total if total else float("nan")


def agreement_categories(first, second) -> np.ndarray:
    """Code each element by which of two masks contain it.

    Parameters
    ----------
    first, second : numpy.ndarray of bool, same shape

    Returns
    -------
    numpy.ndarray of int
        0 neither, 1 both, 2 only ``first``, 3 only ``second`` (:data:`AGREEMENT_NAMES`).
    """
    a, b = _as_mask(first, "first"), _as_mask(second, "second")
    if a.shape != b.shape:
        raise ValueError(f"masks differ in shape: {a.shape} and {b.shape}")
    return np.select([a & b, a, b], [1, 2, 3], default=0).astype(np.int64)


def mean_inside_outside(values, mask, valid=None) -> tuple[float, float]:
    """Mean of a map inside and outside a mask.

    Parameters
    ----------
    values : numpy.ndarray
        The continuous map (e.g. Neurosynth z).
    mask : numpy.ndarray of bool, same shape
        Inside = True.
    valid : numpy.ndarray of bool, optional
        Elements to use at all (e.g. cortex without the medial wall). Default: all.

    Returns
    -------
    (float, float)
        Mean inside, mean outside (NaN for an empty side).
    """
    values = np.asarray(values, dtype=float)
    mask = _as_mask(mask, "mask")
    valid = np.ones(values.shape, dtype=bool) if valid is None else _as_mask(valid, "valid")
    if not values.shape == mask.shape == valid.shape:
        raise ValueError(f"shapes differ: values {values.shape}, mask {mask.shape}, valid {valid.shape}")
    inside, outside = values[mask & valid], values[~mask & valid]
    return (
        float(inside.mean()) if inside.size else float("nan"),
        float(outside.mean()) if outside.size else float("nan"),
    )


def parcel_network_mask(parcels, parcel_labels: pd.DataFrame, network: str) -> np.ndarray:
    """Vertices whose parcel belongs to one network.

    Parameters
    ----------
    parcels : numpy.ndarray of int
        Parcel number per vertex (0 = none), e.g. :func:`explainers.datasets.surfaces.schaefer_fslr`.
    parcel_labels : pandas.DataFrame
        Columns ``parcel`` and ``network``, e.g.
        :func:`explainers.datasets.connectivity.schaefer_network_labels`.
    network : str
        Network name in any spelling of :mod:`explainers.core.vocabulary` (``"Default"``,
        ``"DorsalAttention"``, ``"DorsAttn"``); matched against ``parcel_labels["network"]``
        after both are made canonical.

    Returns
    -------
    numpy.ndarray of bool
        True on the vertices of that network's parcels.

    Raises
    ------
    ValueError
        If ``parcel_labels`` lacks the two columns, the network name is unknown, or no
        parcel belongs to ``network`` (the message lists the networks).
    """
    errors.require_columns(parcel_labels, ("parcel", "network"), "parcel_labels")
    wanted = vocabulary.canonical_network(network)
    present = [vocabulary.canonical_network(str(name)) for name in parcel_labels["network"]]
    chosen = parcel_labels["parcel"].to_numpy()[np.array(present) == wanted]
    if chosen.size == 0:
        raise ValueError(
            f"no parcel in network {network!r}; networks are: {', '.join(dict.fromkeys(present))}"
        )
    return np.isin(np.asarray(parcels), chosen)
