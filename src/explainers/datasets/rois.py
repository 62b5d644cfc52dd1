"""Coordinate ROI atlases as tidy tables: Seitzman et al. (2020) and Dosenbach et al. (2010).

Both ship inside nilearn (read from its bundled files; nothing is downloaded). Every table
has the same columns (:data:`ROI_COLUMNS`); network names are the canonical ones of
:mod:`explainers.core.vocabulary`, and each atlas's own name is kept in ``network_original``.

Power et al. (2011) is left out of :data:`ATLASES` on purpose: nilearn ships its 264
coordinates but not the network labels, so it cannot say which ROIs are default mode.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.core import errors, vocabulary

ATLASES = ("seitzman2018", "dosenbach2010")
"""Names accepted by :func:`load_roi_table` and :func:`network_rois`."""

REFERENCES = {"seitzman2018": "seitzman2020", "dosenbach2010": "dosenbach2010"}
"""Bibliography key (``data/references.json``) of each ROI atlas (nilearn calls Seitzman 2018)."""

NETWORK_MAP = {atlas: vocabulary.NETWORK_ALIASES[atlas] for atlas in ATLASES}
"""Each atlas's own network name -> canonical name (:data:`~explainers.core.vocabulary.NETWORK_ALIASES`)."""

# Dosenbach et al. (2010) used spheres of 10 mm diameter; nilearn ships no radius for them.
DOSENBACH_RADIUS_MM = 5.0

MIDLINE_MM = 1.0
"""ROIs with ``|x| <= MIDLINE_MM`` are labelled hemisphere "M" (midline).

A centre within 1 mm of x = 0 (half a 2 mm voxel) gives a sphere that covers both
hemispheres almost equally, so neither side is named. Seitzman's own ``region`` column
is kept as published: it calls its ROI at x = 0.05 "cortexMid" but those at x = -0.2
and -0.94 "cortexL", so the two columns can differ for these few ROIs.
"""

ROI_COLUMNS = (
    "label", "network", "network_original", "x", "y", "z",
    "radius_mm", "hemisphere", "region", "atlas", "reference",
)  # fmt: skip


def check_atlas(atlas: str) -> None:
    """Raise unless ``atlas`` is one of :data:`ATLASES`.

    Parameters
    ----------
    atlas : str
        The name given.

    Raises
    ------
    ValueError
        Naming the value and the valid atlases.
    """
    errors.check_choice("atlas", atlas, ATLASES)


def hemisphere_of(x) -> pd.Series:
    """Label MNI x coordinates "L", "R" or "M" (within :data:`MIDLINE_MM` of the midline).

    Parameters
    ----------
    x : pandas.Series
        MNI x coordinates in mm.

    Returns
    -------
    pandas.Series of str, same index
    """
    x = pd.Series(x, dtype=float)
    return pd.Series(np.where(x.abs() <= MIDLINE_MM, "M", np.where(x < 0, "L", "R")), index=x.index)


@functools.cache
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
        raise RuntimeError(
            f"{atlas}: networks {missing} have no alias in explainers.core.vocabulary.NETWORK_ALIASES"
        )
    table["hemisphere"] = hemisphere_of(table["x"])
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
        radius_mm, hemisphere, region, atlas, reference``. ``network`` is canonical
        (:data:`explainers.core.vocabulary.NETWORKS`); ``hemisphere`` is "L", "R" or "M" (see
        :data:`MIDLINE_MM`); ``region`` is Seitzman's anatomical class (cortexL, thalamus,
        ...) and missing for Dosenbach. A fresh copy each call, so callers may edit it.

    Raises
    ------
    ValueError
        If ``atlas`` is not one of :data:`ATLASES`.
    """
    check_atlas(atlas)
    return _roi_table(atlas).copy()


def network_rois(atlas: str, network: str) -> pd.DataFrame:
    """Return the ROIs of one network of one atlas.

    Parameters
    ----------
    atlas : {"seitzman2018", "dosenbach2010"}
        Which ROI set.
    network : str
        A canonical name from :data:`explainers.core.vocabulary.NETWORKS` (e.g. ``"Default"``)
        or the atlas's own spelling (``"DefaultMode"`` for Seitzman, ``"default"`` for
        Dosenbach).

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
    check_atlas(atlas)
    network = vocabulary.canonical_network(network, atlas)
    table = load_roi_table(atlas)
    rows = table[table["network"] == network]
    if rows.empty:
        present = [n for n in vocabulary.NETWORKS if n in set(table["network"])]
        raise ValueError(
            f"atlas {atlas!r} has no ROI in network {network!r}; its networks are: {', '.join(present)}"
        )
    return rows.reset_index(drop=True)
