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

from . import bibliography, ledger

TOPICS = ("chronic pain", "depression")
DIRECTIONS = {
    "less deactivation": ("o", "dips less during a task"),
    "increased": ("^", "coupling or activity up"),
    "decreased": ("v", "coupling or activity down"),
    "altered": ("D", "altered (direction mixed or not stated)"),
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


EVIDENCE = (
    Entry(
        "b08-result-deactivation",
        "b08-design-group-sizes",
        "chronic pain",
        "back pain",
        "task deactivation",
        "less deactivation",
        "cross-sectional",
    ),
    Entry(
        "tagliazucchi2010-rest",
        "tagliazucchi2010-rest",
        "chronic pain",
        "back pain",
        "default-mode coupling at rest",
        "altered",
        "cross-sectional",
    ),
    Entry(
        "napadow2010-fibromyalgia",
        "napadow2010-fibromyalgia",
        "chronic pain",
        "fibromyalgia",
        "default mode-insula coupling",
        "increased",
        "cross-sectional",
    ),
    Entry(
        "baliki2011-oscillations",
        "baliki2011-oscillations",
        "chronic pain",
        "back pain",
        "fast medial prefrontal oscillations",
        "increased",
        "cross-sectional",
    ),
    Entry(
        "napadow2012-longitudinal",
        "napadow2012-longitudinal",
        "chronic pain",
        "fibromyalgia",
        "default mode-insula coupling as pain fell",
        "decreased",
        "longitudinal",
    ),
    Entry(
        "loggia2013-insula",
        None,
        "chronic pain",
        "low back pain",
        "default mode-insula coupling",
        "increased",
        "cross-sectional + pain provoked",
    ),
    Entry(
        "baliki2014-mpfc-insula",
        None,
        "chronic pain",
        "back pain, complex regional pain syndrome, knee osteoarthritis",
        "medial prefrontal-insula coupling",
        "increased",
        "cross-sectional",
    ),
    Entry(
        "fallon2016-fibromyalgia",
        "fallon2016-fibromyalgia",
        "chronic pain",
        "fibromyalgia",
        "default mode-parahippocampal coupling",
        "decreased",
        "cross-sectional",
    ),
    Entry(
        "hu2024-duration",
        "hu2024-duration",
        "chronic pain",
        "back pain",
        "precuneus signal amplitude",
        "decreased",
        "cross-sectional",
    ),
    Entry(
        "sheline2009-deactivation",
        None,
        "depression",
        "major depression",
        "task deactivation",
        "less deactivation",
        "cross-sectional",
    ),
    Entry(
        "sheline2010-dorsal-nexus",
        None,
        "depression",
        "major depression",
        "coupling via dorsal nexus",
        "increased",
        "cross-sectional",
    ),
    Entry(
        "hamilton2011-dominance",
        "hamilton2011-dominance",
        "depression",
        "major depression",
        "default mode dominance over a task network",
        "increased",
        "cross-sectional",
    ),
    Entry(
        "hamilton2015-sgpfc",
        None,
        "depression",
        "major depression",
        "default mode-subgenual prefrontal coupling",
        "increased",
        "meta-analysis",
    ),
    Entry(
        "kaiser2015-dmn-hyper",
        "kaiser2015-frontoparietal",
        "depression",
        "major depression",
        "coupling within the default mode network",
        "increased",
        "meta-analysis",
    ),
    Entry(
        "mdd-meta2021-dmn-core",
        "mdd-meta2021-dmn-core",
        "depression",
        "major depression",
        "coupling in the default mode core",
        "decreased",
        "meta-analysis",
    ),
)

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
    if entry.topic not in TOPICS:
        raise ValueError(f"entry {entry.claim!r}: unknown topic {entry.topic!r}; valid: {', '.join(TOPICS)}")
    if entry.direction not in DIRECTIONS:
        raise ValueError(
            f"entry {entry.claim!r}: unknown direction {entry.direction!r}; valid: {', '.join(DIRECTIONS)}"
        )
    if entry.design not in DESIGNS:
        raise ValueError(
            f"entry {entry.claim!r}: unknown design {entry.design!r}; valid: {', '.join(DESIGNS)}"
        )


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
