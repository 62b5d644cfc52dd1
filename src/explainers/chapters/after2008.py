"""The computations of notebook 06 that deserve tests: region sets, and the evidence map by design.

A later study of chronic pain reports medial prefrontal cortex (mPFC) coupling with the insula
that *increased* with pain intensity. :func:`region_sets` finds both regions among the Schaefer
400 parcels, by rules, so that the notebook can read their coupling in healthy people from the
HCP group-average matrix shipped with BrainSpace (with pandas, in its cells): the baseline
against which such increases are described. :func:`design_counts` sorts the evidence map's
findings by what was measured and by study design, for the notebook's design grid.

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
from explainers.core import errors, vocabulary
from explainers.datasets import anatomy, connectivity, surfaces
from explainers.literature.evidence import DESIGNS, TOPICS

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


BOTH = "chronic pain and depression in the same people"
"""Row label of :func:`design_counts` for findings that measured both conditions together."""


def design_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Count findings by what was measured (chronic pain, depression or both) and by design.

    A finding counts as measuring both when its condition names the other topic too (for
    example a chronic-pain study whose condition mentions depression).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`explainers.literature.evidence.evidence_table` output (``topic``, ``condition``,
        ``design``).

    Returns
    -------
    pandas.DataFrame
        Integer counts: rows ``chronic pain``, ``depression`` and :data:`BOTH` (in that
        order), columns the designs of :data:`explainers.literature.evidence.DESIGNS`; every
        finding is counted exactly once.

    Raises
    ------
    ValueError
        If a finding's design is not one of the known designs (the message lists them).
    """
    unknown = sorted(set(table["design"]) - set(DESIGNS))
    if unknown:
        raise errors.unknown("design", unknown[0], DESIGNS)
    condition = table["condition"].str.lower()
    topic = table["topic"].astype(str)
    both = ((topic == "chronic pain") & condition.str.contains("depress")) | (
        (topic == "depression") & condition.str.contains("pain")
    )
    measured = topic.where(~both, BOTH)
    counts = pd.crosstab(measured, table["design"])
    return counts.reindex(index=[*TOPICS, BOTH], columns=list(DESIGNS), fill_value=0).astype(int)
