"""Medial prefrontal cortex and insula in healthy HCP group connectivity (notebook 06).

Later studies of chronic pain report *increased* coupling between the medial prefrontal
cortex (mPFC) and the insula. This module finds both regions among the Schaefer 400 parcels
and reads their coupling in healthy people from the HCP group-average matrix shipped with
BrainSpace: the baseline against which such increases are described.

Where a parcel is: the MNI position of the midthickness-surface vertex nearest the mean
of the parcel's vertices (a surface patch's plain mean can fall off the cortex). Which
parcels count, by rules stated in :data:`RULES` (no parcel number is typed):

- ``mPFC``: Default-network parcels within :data:`MIDLINE_MM` of the midline and in front of
  ``y = 30`` mm;
- ``PCC/precuneus``: Default-network parcels within :data:`MIDLINE_MM` of the midline and
  behind ``y = -40`` mm (the posterior DMN, for comparison);
- ``insula``: parcels whose position is named "Insular Cortex" by Harvard-Oxford.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from . import atlases, compare, connectivity

N_PARCELS = 400
MIDLINE_MM = 15.0
RULES = {
    "mPFC": "Default network, |x| < 15 mm, y > 30 mm",
    "PCC/precuneus": "Default network, |x| < 15 mm, y < -40 mm",
    "insula": "Harvard-Oxford 'Insular Cortex' at the parcel's position",
}
"""Plain-language rule for each region set (shown in the notebook)."""


@functools.lru_cache(maxsize=1)
def _positions() -> pd.DataFrame:
    parcels = atlases.schaefer_fslr(N_PARCELS)
    vertices = compare.mesh_vertices(atlases.fslr_mesh("midthickness"))
    labels = connectivity.schaefer_network_labels(N_PARCELS)
    rows = []
    for parcel in labels["parcel"]:
        points = vertices[parcels == parcel]
        nearest = points[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))]
        rows.append(nearest)
    xyz = np.array(rows)
    table = labels.assign(x=xyz[:, 0], y=xyz[:, 1], z=xyz[:, 2])
    table["anatomical"] = [_name(p) for p in xyz]
    return table


def _name(xyz) -> str:
    try:
        return atlases.anatomical_name(xyz)
    except ValueError:  # a surface vertex just outside the volume brain mask
        return atlases.NO_LABEL


def parcel_positions() -> pd.DataFrame:
    """Schaefer 400 parcels with an MNI position and its Harvard-Oxford name.

    Returns
    -------
    pandas.DataFrame
        :func:`explainers.connectivity.schaefer_network_labels` columns plus ``x``, ``y``,
        ``z`` (mm) and ``anatomical``.
    """
    return _positions().copy()


def region_sets() -> dict[str, pd.DataFrame]:
    """The parcels of each region set of :data:`RULES`.

    Returns
    -------
    dict
        Set name -> rows of :func:`parcel_positions`.
    """
    table = _positions()
    medial = table["x"].abs() < MIDLINE_MM
    default = table["network"] == "Default"
    return {
        "mPFC": table[default & medial & (table["y"] > 30)].copy(),
        "PCC/precuneus": table[default & medial & (table["y"] < -40)].copy(),
        "insula": table[table["anatomical"].str.contains("Insular Cortex", regex=False)].copy(),
    }


def coupling(sets: dict[str, pd.DataFrame], fc: pd.DataFrame, seed: str = "mPFC") -> pd.DataFrame:
    """Connectivity between a seed set and every other set, one value per parcel pair.

    Parameters
    ----------
    sets : dict
        :func:`region_sets` output.
    fc : pandas.DataFrame
        :func:`explainers.connectivity.load_group_fc` matrix (labels as in the sets).
    seed : str, default "mPFC"
        Key of ``sets``.

    Returns
    -------
    pandas.DataFrame
        Columns ``target`` (set name), ``r`` (group-average correlation); one row per
        seed-target parcel pair.

    Raises
    ------
    ValueError
        If ``seed`` is not a key of ``sets``.
    """
    if seed not in sets:
        raise ValueError(f"unknown seed {seed!r}; choose one of: {', '.join(sets)}")
    seed_labels = list(sets[seed]["label"])
    parts = []
    for name, rows in sets.items():
        if name == seed:
            continue
        values = fc.loc[seed_labels, list(rows["label"])].to_numpy(float).ravel()
        parts.append(pd.DataFrame({"target": name, "r": values}))
    everything = fc.loc[seed_labels].drop(columns=seed_labels).to_numpy(float).ravel()
    parts.append(pd.DataFrame({"target": "all other parcels", "r": everything}))
    return pd.concat(parts, ignore_index=True)
