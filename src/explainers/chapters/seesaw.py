"""The "seesaw" of notebook 03: how the default mode network couples with the rest.

Three kinds of summary, each computed from real data:

- :func:`network_contrasts`: from a network x network table (e.g.
  :func:`explainers.datasets.connectivity.network_summary` of the HCP group matrix), the mean
  coupling inside the default mode network and between it and the dorsal attention and
  salience networks;
- :func:`seed_map`: one parcel's row of a connectivity matrix painted on the surface;
- :func:`sign_table`: the correlation between a seed series and target series under several
  denoising steps, one row per run and step, so a change of sign can be counted;
- :func:`peaks_by_network`: where task-activation peaks land among the networks, against
  each network's share of the cortex.

The network tokens differ between atlases and between versions of the connectivity module
("DorsAttn", "DorsalAttention"), so :data:`ROLES` lists every accepted spelling.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from explainers.analysis import denoise

ROLES = {
    "default": ("Default",),
    "dorsal_attention": ("DorsAttn", "DorsalAttention"),
    "salience": ("SalVentAttn", "SalienceVentralAttention", "Salience"),
}
"""The three networks the notebook contrasts, each with the spellings it may carry."""


def network_key(names, role: str) -> str:
    """Find which of ``names`` plays ``role`` (a key of :data:`ROLES`).

    Parameters
    ----------
    names : iterable of str
        Network names, e.g. the index of a network summary.
    role : str

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For an unknown role, or if no (or more than one) name matches.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose from: {', '.join(ROLES)}")
    found = [name for name in names if name in ROLES[role]]
    if len(found) != 1:
        raise ValueError(
            f"expected one network named one of {ROLES[role]} among {list(names)}, found {found}"
        )
    return found[0]


def network_contrasts(summary: pd.DataFrame) -> pd.Series:
    """Within-DMN coupling against DMN coupling with dorsal attention and salience.

    Parameters
    ----------
    summary : pandas.DataFrame
        Network x network mean connectivity (symmetric).

    Returns
    -------
    pandas.Series
        ``within_default``, ``default_dorsal_attention``, ``default_salience``.
    """
    default = network_key(summary.index, "default")
    return pd.Series(
        {
            "within_default": float(summary.loc[default, default]),
            "default_dorsal_attention": float(
                summary.loc[default, network_key(summary.columns, "dorsal_attention")]
            ),
            "default_salience": float(summary.loc[default, network_key(summary.columns, "salience")]),
        }
    )


def seed_map(fc: pd.DataFrame, seed: str, parcels: np.ndarray) -> np.ndarray:
    """Paint one parcel's connectivity row onto the surface.

    Parameters
    ----------
    fc : pandas.DataFrame
        Parcel x parcel matrix whose row ``i`` belongs to parcel value ``i + 1``.
    seed : str
        A row label of ``fc``.
    parcels : numpy.ndarray of int
        Parcel value of each vertex (0 = medial wall).

    Returns
    -------
    numpy.ndarray of float
        Correlation with the seed at each vertex; NaN on the medial wall and on the seed
        itself (its self-correlation of 1 would dominate the colour scale).

    Raises
    ------
    ValueError
        If ``seed`` is not a row of ``fc`` (the message lists a few valid labels).
    """
    if seed not in fc.index:
        raise ValueError(
            f"unknown seed {seed!r}; valid labels look like: {', '.join(map(str, fc.index[:3]))} ..."
        )
    row = fc.loc[seed].to_numpy(dtype=float).copy()
    row[fc.index.get_loc(seed)] = np.nan
    lookup = np.r_[np.nan, row]
    return lookup[np.asarray(parcels, dtype=int)]


def sign_table(
    runs: Mapping[str, pd.DataFrame], seed: str, targets, steps: Mapping[str, Callable]
) -> pd.DataFrame:
    """Seed-target correlations for every run and every denoising step.

    Parameters
    ----------
    runs : mapping
        Run name -> frames x regions table (the seed and the targets among its columns).
    seed : str
        Column of the seed region.
    targets : list of str
        Target columns; their correlations with the seed are averaged.
    steps : mapping
        Step name -> function ``(run_name, table) -> table`` returning the denoised table.

    Returns
    -------
    pandas.DataFrame
        One row per (run, step): ``run``, ``step``, ``r`` (mean correlation with the
        targets, flat targets left out) and one column per target.

    Raises
    ------
    ValueError
        If the seed or a target is missing from a run.
    """
    targets = list(targets)
    rows = []
    for name, table in runs.items():
        missing = [c for c in [seed, *targets] if c not in table.columns]
        if missing:
            raise ValueError(
                f"run {name!r} lacks the columns {missing}; it has e.g. {list(table.columns[:5])}"
            )
        for step, function in steps.items():
            clean = function(name, table)
            r = denoise.correlate(clean[seed], clean[targets])
            rows.append({"run": name, "step": step, "r": float(np.nanmean(r)), **r.to_dict()})
    return pd.DataFrame(rows)


def sign_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per step: number of runs, mean and median ``r``, and how many runs are below zero.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`sign_table`.

    Returns
    -------
    pandas.DataFrame
        Index: step (in first-seen order); columns ``n_runs``, ``mean_r``, ``median_r``,
        ``n_negative``, ``share_negative``.
    """
    order = list(dict.fromkeys(table["step"]))
    grouped = table.groupby("step", sort=False)["r"]
    out = pd.DataFrame(
        {
            "n_runs": grouped.size(),
            "mean_r": grouped.mean(),
            "median_r": grouped.median(),
            "n_negative": grouped.apply(lambda r: int((r < 0).sum())),
        }
    ).loc[order]
    out["share_negative"] = out["n_negative"] / out["n_runs"]
    return out


def peaks_by_network(peak_vertices: np.ndarray, vertex_networks: np.ndarray, networks) -> pd.DataFrame:
    """Where peaks land among networks, against each network's share of the surface.

    Parameters
    ----------
    peak_vertices : numpy.ndarray of int
        The surface vertex of each peak (peaks off the surface already removed).
    vertex_networks : numpy.ndarray of str
        Network name of each vertex ("" on the medial wall).
    networks : sequence of str
        The networks to report, in order.

    Returns
    -------
    pandas.DataFrame
        Index: network; ``n_peaks``, ``share_peaks``, ``share_cortex`` and ``ratio``
        (share of peaks / share of cortex: above 1 = more peaks than its size predicts).
    """
    vertex_networks = np.asarray(vertex_networks, dtype=object)
    cortex = vertex_networks != ""
    landed = vertex_networks[np.asarray(peak_vertices, dtype=int)]
    landed = landed[landed != ""]
    rows = {}
    for network in networks:
        n = int((landed == network).sum())
        share_cortex = float((vertex_networks[cortex] == network).mean())
        rows[network] = {"n_peaks": n, "share_peaks": n / len(landed), "share_cortex": share_cortex}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out["ratio"] = out["share_peaks"] / out["share_cortex"]
    out.index.name = "network"
    return out


def pair_counts(summary: pd.DataFrame) -> pd.Series:
    """Count the distinct network pairs of a symmetric network table, and the negative ones.

    A symmetric k x k table holds k * (k - 1) / 2 pairs of different networks plus k
    within-network cells; the cells below the diagonal repeat those above it and are not
    counted again.

    Parameters
    ----------
    summary : pandas.DataFrame
        Network x network mean connectivity, symmetric.

    Returns
    -------
    pandas.Series
        ``pairs``, ``between`` and ``within`` (counts of distinct cells), and
        ``negative``, ``negative_between``, ``negative_within`` (those with a mean below 0).

    Raises
    ------
    ValueError
        If the table is not square and symmetric.
    """
    values = np.asarray(summary, dtype=float)
    if (
        values.ndim != 2
        or values.shape[0] != values.shape[1]
        or not np.allclose(values, values.T, equal_nan=True)
    ):
        raise ValueError(f"need a square, symmetric network table, got shape {values.shape}")
    k = values.shape[0]
    upper = np.triu_indices(k, 1)
    between, within = values[upper], np.diag(values)
    return pd.Series(
        {
            "pairs": between.size + within.size,
            "between": between.size,
            "within": within.size,
            "negative": int((between < 0).sum() + (within < 0).sum()),
            "negative_between": int((between < 0).sum()),
            "negative_within": int((within < 0).sum()),
        }
    )


def matrix_overview(fc) -> pd.Series:
    """Mean and share of negative values over all distinct parcel pairs of a connectivity matrix.

    Parameters
    ----------
    fc : array-like or pandas.DataFrame, shape (n, n)
        Symmetric parcel x parcel correlations; the diagonal is left out.

    Returns
    -------
    pandas.Series
        ``n_pairs``, ``mean_r`` and ``share_negative``.
    """
    values = np.asarray(fc, dtype=float)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"need a square matrix, got shape {values.shape}")
    upper = values[np.triu_indices(values.shape[0], 1)]
    return pd.Series(
        {"n_pairs": upper.size, "mean_r": float(upper.mean()), "share_negative": float((upper < 0).mean())}
    )


def network_means(values, networks) -> pd.Series:
    """Mean of a parcel value (e.g. a gradient) per network, lowest first.

    Parameters
    ----------
    values : array-like, shape (n,)
    networks : array-like of str, shape (n,)

    Returns
    -------
    pandas.Series
        Indexed by network, sorted ascending.
    """
    values, networks = np.asarray(values, dtype=float), np.asarray(networks)
    if values.shape != networks.shape:
        raise ValueError(f"values and networks differ in shape: {values.shape} against {networks.shape}")
    return pd.Series(values).groupby(networks).mean().sort_values()
