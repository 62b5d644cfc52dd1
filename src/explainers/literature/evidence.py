"""The evidence map of notebook 06: later studies of the DMN in chronic pain and depression.

Every entry points at ledger rows (``data/claims.csv``): the finding (``claim``) and, where
the ledger has one, the row whose ``value`` holds the group sizes (``sizes``). The study, its
year, its status and its group sizes are read from the ledger and the bibliography, never
typed here. What this module adds is a *classification* of each finding, read off the claim's
own sentence: the condition, what was measured, the direction of the change and the design.
A study whose group sizes are not in the ledger is kept and shown as a gap.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from explainers.core import errors, paths
from explainers.literature import bibliography, ledger

TOPICS = ("chronic pain", "depression")
DIRECTIONS = {
    "less deactivation": ("o", "dips less during a task"),
    "increased": ("^", "coupling or activity up"),
    "decreased": ("v", "coupling or activity down"),
    "altered": ("D", "altered (direction mixed or not stated)"),
    "no difference": ("s", "no difference found"),
}
"""Direction of a finding -> (marker, legend text)."""
DESIGNS = ("cross-sectional", "cross-sectional + pain provoked", "longitudinal", "meta-analysis")
STATUS_FILL = {"verified": "full", "secondary": "none", "unverified": "none"}


class Entry(NamedTuple):
    """One finding on the evidence map (see the module docstring)."""

    claim: str
    sizes: str | None
    topic: str
    condition: str
    measure: str
    direction: str
    design: str


def load_entries(path=None) -> tuple[Entry, ...]:
    """Read the evidence map's rows: which ledger finding, and how it is classified.

    The classification (condition, measure, direction, design) is data a person writes next to
    the ledger, in ``data/evidence_map.csv``; everything else is read from the ledger itself.

    Parameters
    ----------
    path : path-like, optional
        Default ``data/evidence_map.csv``.

    Returns
    -------
    tuple of Entry
        An empty ``sizes`` cell becomes None (the study's group sizes are not in the ledger).
    """
    table = pd.read_csv(path or paths.data_dir() / "evidence_map.csv", dtype=str, keep_default_na=False)
    errors.require_columns(table, Entry._fields, "evidence map")
    return tuple(
        Entry(**{field: (row[field] or None) if field == "sizes" else row[field] for field in Entry._fields})
        for _, row in table.iterrows()
    )


EVIDENCE = load_entries()
"""The rows of ``data/evidence_map.csv``, read once at import."""

_SIZES = re.compile(r"^\s*(\d[\d,]*)(?:\D*?\bvs\.?\s*(\d[\d,]*))?")


def parse_group_sizes(value: str) -> tuple[int | None, int | None]:
    """Read '12 vs 20', '54 CBP vs 29 HC' or '17 FM, scanned twice' as (patients, controls).

    Parameters
    ----------
    value : str
        A ledger ``value``.

    Returns
    -------
    tuple
        ``(patients, controls)``; ``controls`` is None for a single group and both are None
        when the value does not start with a number.
    """
    match = _SIZES.match(str(value or ""))
    if not match:
        return None, None
    first, second = match.groups()
    return int(first.replace(",", "")), int(second.replace(",", "")) if second else None


def _check(entry: Entry) -> None:
    for kind, value, valid in (
        ("topic", entry.topic, TOPICS),
        ("direction", entry.direction, DIRECTIONS),
        ("design", entry.design, DESIGNS),
    ):
        if value not in valid:
            # The shared wording, after the entry it is about (the map has dozens).
            raise ValueError(f"entry {entry.claim!r}: {errors.unknown(kind, value, valid)}")


def evidence_table(entries=EVIDENCE) -> pd.DataFrame:
    """Join each entry with its ledger rows and reference.

    Parameters
    ----------
    entries : sequence of Entry, default :data:`EVIDENCE`

    Returns
    -------
    pandas.DataFrame
        One row per entry, ordered by topic then year: ``claim``, ``reference``, ``study``
        (author-year), ``year``, ``topic``, ``condition``, ``measure``, ``direction``,
        ``design``, ``status`` (of the finding), ``patients``, ``controls`` (nullable
        integers), ``sizes_status`` (status of the row holding the sizes, or "" if none),
        ``sizes_text`` ("12 vs 20", "17 (one group)" or "not in the ledger") and ``short``.

    Raises
    ------
    ValueError
        For an unknown topic, direction or design (the message lists the valid ones), or
        an unknown ledger id.
    """
    rows = []
    for entry in entries:
        _check(entry)
        finding = ledger.claim(entry.claim)
        patients = controls = None
        sizes_status = ""
        if entry.sizes:
            holder = ledger.claim(entry.sizes)
            patients, controls = parse_group_sizes(holder.value)
            sizes_status = holder.status if patients is not None else ""
        if patients is None:
            text = "not in the ledger"
        elif controls is None:
            text = f"{patients} (one group)"
        else:
            text = f"{patients} vs {controls}"
        if patients is not None and sizes_status != "verified":
            text += f" ({sizes_status if sizes_status != 'secondary' else 'second-hand'})"
        item = bibliography.reference(finding.reference)
        rows.append(
            {
                **entry._asdict(),
                "reference": finding.reference,
                "study": bibliography.cite(finding.reference),
                "year": int(bibliography.year(item)[:4]),
                "status": finding.status,
                "patients": patients,
                "controls": controls,
                "sizes_status": sizes_status,
                "sizes_text": text,
                "short": finding.short,
            }
        )
    table = pd.DataFrame(rows).drop(columns="sizes")
    table["topic"] = pd.Categorical(table["topic"], categories=TOPICS, ordered=True)
    table = table.astype({"patients": "Int64", "controls": "Int64"})
    return table.sort_values(["topic", "year", "study"], kind="stable").reset_index(drop=True)


def gaps(table: pd.DataFrame) -> dict:
    """Count what the evidence map lacks.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`evidence_table` output.

    Returns
    -------
    dict
        ``n`` (entries), ``no_sizes`` (entries without group sizes in the ledger),
        ``not_verified`` (findings whose status is not "verified"), ``longitudinal`` per
        topic, ``both_measured`` (entries that measured chronic pain and depression in the
        same people: always 0 here, because no entry's condition is both) and ``largest``
        per topic (largest patient group, or None).
    """
    longitudinal = {
        t: int(((table["topic"] == t) & (table["design"] == "longitudinal")).sum()) for t in TOPICS
    }
    largest = {
        t: (
            int(table.loc[table["topic"] == t, "patients"].max())
            if table.loc[table["topic"] == t, "patients"].notna().any()
            else None
        )
        for t in TOPICS
    }
    both = int(
        table["condition"]
        .str.contains("depression")
        .to_numpy()
        .astype(bool)[table["topic"].to_numpy() == "chronic pain"]
        .sum()
    )
    return {
        "n": len(table),
        "no_sizes": int(table["patients"].isna().sum()),
        "not_verified": int((table["status"] != "verified").sum()),
        "longitudinal": longitudinal,
        "both_measured": both,
        "largest": largest,
    }
