"""Medial prefrontal cortex and insula in healthy HCP group connectivity (notebook 06).

Later studies of chronic pain report *increased* coupling between the medial prefrontal
cortex (mPFC) and the insula. This module finds both regions among the Schaefer 400 parcels
and reads their coupling in healthy people from the HCP group-average matrix shipped with
BrainSpace: the baseline against which such increases are described.

Where a parcel is: the MNI position of the midthickness-surface vertex nearest the mean
of the parcel's vertices (a surface patch's plain mean can fall off the cortex). Which
parcels count, by rules stated in :data:`RULES` (no parcel number is typed):

- ``mPFC``: Default-network parcels within :data:`MIDLINE_MM` of the midline and in front of
  ``y =`` :data:`FRONT_MM`;
- ``PCC/precuneus``: Default-network parcels within :data:`MIDLINE_MM` of the midline and
  behind ``y =`` :data:`BACK_MM` (the posterior DMN, for comparison);
- ``insula``: parcels whose position is named "Insular Cortex" by Harvard-Oxford.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.analysis import compare
from explainers.core import vocabulary
from explainers.datasets import anatomy, connectivity, surfaces

N_PARCELS = 400
MIDLINE_MM = 15.0
"""A parcel is on the midline when its position is within this distance of x = 0."""
FRONT_MM = 30.0
"""Medial prefrontal parcels lie in front of y = this (mm)."""
BACK_MM = -40.0
"""Posterior cingulate/precuneus parcels lie behind y = this (mm)."""
SET_LABELS = {
    "mPFC": "Medial prefrontal cortex",
    "PCC/precuneus": "Posterior cingulate / precuneus",
    "insula": "Insula",
}
"""Region set -> the name a reader sees."""
_MIDLINE = f"{vocabulary.network_label('Default')} network, within {MIDLINE_MM:g} mm of the midline"
RULES = {
    "mPFC": f"{_MIDLINE}, more than {FRONT_MM:g} mm in front of the anterior commissure",
    "PCC/precuneus": f"{_MIDLINE}, more than {-BACK_MM:g} mm behind the anterior commissure",
    "insula": "Named insular cortex by the Harvard-Oxford atlas at the parcel's position",
}
"""Plain-language rule for each region set (shown in the notebook)."""


@functools.lru_cache(maxsize=1)
def _positions() -> pd.DataFrame:
    parcels = surfaces.schaefer_fslr(N_PARCELS)
    vertices = compare.mesh_vertices(surfaces.fslr_mesh("midthickness"))
    labels = connectivity.schaefer_network_labels(N_PARCELS)
    rows = []
    for parcel in labels["parcel"]:
        points = vertices[parcels == parcel]
        nearest = points[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))]
        rows.append(nearest)
    xyz = np.array(rows)
    table = labels.assign(x=xyz[:, 0], y=xyz[:, 1], z=xyz[:, 2])
    table["anatomical"] = anatomy.anatomical_names(
        xyz, outside=anatomy.NO_LABEL
    )  # a vertex outside the volume mask: no label
    return table


def parcel_positions() -> pd.DataFrame:
    """Schaefer 400 parcels with an MNI position and its Harvard-Oxford name.

    Returns
    -------
    pandas.DataFrame
        :func:`explainers.datasets.connectivity.schaefer_network_labels` columns plus ``x``, ``y``,
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
        "mPFC": table[default & medial & (table["y"] > FRONT_MM)].copy(),
        "PCC/precuneus": table[default & medial & (table["y"] < BACK_MM)].copy(),
        "insula": table[table["anatomical"].str.contains("Insular Cortex", regex=False)].copy(),
    }


def coupling(sets: dict[str, pd.DataFrame], fc: pd.DataFrame, seed: str = "mPFC") -> pd.DataFrame:
    """Connectivity between a seed set and every other set, one value per parcel pair.

    Parameters
    ----------
    sets : dict
        :func:`region_sets` output.
    fc : pandas.DataFrame
        :func:`explainers.datasets.connectivity.load_group_fc` matrix (labels as in the sets).
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


def rise_to_match(means, target: str = "insula", reference: str = "PCC/precuneus") -> float:
    """How much the mean coupling with ``target`` would have to rise to equal ``reference``'s.

    The check of notebook 06's exercise: it gives the right value without printing how it
    is computed.

    Parameters
    ----------
    means : pandas.Series
        Mean correlation per target set (from :func:`coupling`, grouped by ``target``).
    target, reference : str
        Index labels of ``means``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a label is not in ``means`` (the message lists the labels there are).
    """
    missing = [name for name in (target, reference) if name not in means.index]
    if missing:
        raise ValueError(f"unknown target set(s) {missing}; choose from: {', '.join(map(str, means.index))}")
    return float(means[reference] - means[target])
