"""The "seesaw" of notebook 03: how the default mode network couples with the rest.

The analysis steps themselves are the field's own calls, made in the notebook's cells where a
student can see and copy them: nilearn's ``signal.clean`` removes the task model, nuisance
signals or the global signal and drops high-motion frames, nilearn's ``ConnectivityMeasure``
turns the cleaned signals into correlation matrices, and BrainSpace's ``GradientMaps`` computes
the principal gradient. What stays here are the chapter's own summaries of those results, each
tested:

- :func:`network_contrasts`, :func:`pair_counts`, :func:`matrix_overview`: from the HCP group
  matrix and its network x network table (:func:`explainers.datasets.connectivity.network_summary`),
  the coupling inside the default mode network and with the dorsal attention and salience
  networks, and how many pairs are negative;
- :func:`seed_map`: one parcel's row of a connectivity matrix painted on the surface;
- :func:`network_means`: a parcel value (the gradient) averaged per network;
- :func:`seed_coupling` and :func:`sign_summary`: each run's mean correlation of a seed with
  target regions, and per processing step how many runs fall below zero;
- :func:`peaks_by_network`: where task-activation peaks land among the networks, against each
  network's share of the cortex; :func:`contrast_kinds`: a rough look, by name, at the kinds of
  contrast a coordinate study set mixes.

The network tokens differ between atlases and between versions of the connectivity module
("DorsAttn", "DorsalAttention"), so :data:`ROLES` lists every accepted spelling.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def seed_coupling(matrices, seed: int = 0, targets=None) -> np.ndarray:
    """Each run's mean correlation of one region (the seed) with a set of target regions.

    Parameters
    ----------
    matrices : array-like, shape (runs, regions, regions) or (regions, regions)
        Correlation matrices, one per run (e.g. ``ConnectivityMeasure(kind="correlation")
        .fit_transform(runs)`` of nilearn).
    seed : int, default 0
        Index of the seed region.
    targets : sequence of int, optional
        Indices of the target regions; default every region but the seed.

    Returns
    -------
    numpy.ndarray, shape (runs,)
        The mean over the targets of each run's correlation with the seed. A target whose
        correlation is NaN in a run (a region with no signal in that person's scan) is left
        out of that run's mean.

    Raises
    ------
    ValueError
        If the matrices are not square, or the seed or a target is not a region index, or the
        seed is among the targets.
    """
    values = np.asarray(matrices, dtype=float)
    values = values[None] if values.ndim == 2 else values
    if values.ndim != 3 or values.shape[1] != values.shape[2]:
        raise ValueError(f"need square correlation matrices, one per run; got shape {np.shape(matrices)}")
    n = values.shape[1]
    targets = [k for k in range(n) if k != seed] if targets is None else list(targets)
    bad = [k for k in [seed, *targets] if not (isinstance(k, (int, np.integer)) and 0 <= k < n)]
    if bad:
        raise ValueError(f"region indices {bad} are not between 0 and {n - 1}")
    if seed in targets:
        raise ValueError(f"the seed {seed} is also among the targets; its self-correlation of 1 would count")
    rows = values[:, seed, :][:, targets]
    # A run whose every target is missing gives NaN (np.nanmean would warn about an empty slice).
    return np.array([np.nanmean(r) if np.isfinite(r).any() else np.nan for r in rows])


def sign_summary(coupling: pd.DataFrame) -> pd.DataFrame:
    """Per processing step: number of runs, mean and median correlation, runs below zero.

    Parameters
    ----------
    coupling : pandas.DataFrame
        One row per run, one column per processing step (e.g. :func:`seed_coupling` of each
        step's matrices).

    Returns
    -------
    pandas.DataFrame
        Index: step (in column order); columns ``n_runs``, ``mean_r``, ``median_r``,
        ``n_negative``, ``share_negative``.
    """
    out = pd.DataFrame(
        {
            "n_runs": coupling.notna().sum(),
            "mean_r": coupling.mean(),
            "median_r": coupling.median(),
            "n_negative": (coupling < 0).sum(),
        }
    )
    out.index.name = "step"
    out["share_negative"] = out["n_negative"] / out["n_runs"]
    return out


CONTRAST_KINDS = {
    "decrease": r"deactivat|decreas|negative (?:effect|activ|bold|response)|(?:rest|fixation|baseline)\s*>",
    "correlation": r"correlat|associat|regressor|modulat",
    "groups": (
        r"patient|\bcontrols\b|\bHC\b|healthy|group|schizo|bipolar|\bOCD\b|\bADHD\b|\bMDD\b|disorder"
        r"|survivor|alcohol"
    ),
    "grey matter": r"gr[ae]y[- ]matter|\bGM[CV]\b|\bVBM\b|\bSBM\b|cortical thickness",
    "unnamed": r"\s*(?:t(?:bl)?\s*0*\d+|table\s*\d+\.?|\d+)\s*",
}
"""Rough name patterns (case-insensitive regular expressions) for the kinds of contrast a
coordinate study set mixes: a decrease or deactivation, a correlation with another measure, a
comparison of patients or groups, a grey-matter (structural) analysis, and a name that says
nothing (a table number or an id; matched whole). A name may match several kinds. The
patterns are a first look at what the set holds, not a classification: many analyses have names
that say nothing at all."""


def contrast_kinds(names) -> pd.DataFrame:
    """Flag each analysis name with the kinds of :data:`CONTRAST_KINDS` it matches.

    Parameters
    ----------
    names : array-like of str
        Analysis names as the study set records them.

    Returns
    -------
    pandas.DataFrame
        One row per name (same order), one boolean column per kind. ``unnamed`` must match the
        whole name; the others may match anywhere in it.
    """
    names = pd.Series(names, dtype="string").fillna("")
    return pd.DataFrame(
        {
            kind: (
                names.str.fullmatch(pattern, case=False)
                if kind == "unnamed"
                else names.str.contains(pattern, case=False, regex=True)
            ).astype(bool)
            for kind, pattern in CONTRAST_KINDS.items()
        }
    ).set_index(names.index)


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
