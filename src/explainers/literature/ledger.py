"""The claims ledger and the press-versus-paper table: what the collection may say, and on what source.

Notebooks never retype a finding. They ask this module (or :func:`explainers.chapter.say`,
which builds paragraphs from it) for the sentence:

>>> from explainers import ledger
>>> ledger.claim("b08-result-performance").status          # doctest: +SKIP
'verified'

``claims.csv``
    One row per claim: ``id, claim, value, reference, locator, status, kind, short, quote``.
    ``reference`` is the source actually read for the sentence; ``status`` (see
    :data:`explainers.core.vocabulary.STATUSES`) says whether it was read in the source itself
    (``verified``), in a report about the source (``secondary``; then ``reference`` is that
    report and ``locator`` says what it reports on), or not found in any source read
    (``unverified``). Which notebooks use a claim is recorded by the build, not stored here.
``press_claims.csv``
    What the press said, what the study measured, and a verdict
    (:data:`explainers.core.vocabulary.VERDICTS`).

:func:`explainers.literature.checks.validate` checks both against the bibliography.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from explainers.core import errors, paths
from explainers.core.vocabulary import STATUSES
from explainers.literature import bibliography, usage

if TYPE_CHECKING:  # pandas and IPython are imported lazily to keep `import explainers` light
    import pandas as pd
    from IPython.display import Markdown

CLAIMS_FILE = "claims.csv"
PRESS_CLAIMS_FILE = "press_claims.csv"

CLAIM_COLUMNS = ("id", "claim", "value", "reference", "locator", "status", "kind", "short", "quote")
PRESS_COLUMNS = ("id", "popular_claim", "said_in", "measured", "verdict", "evidence")

#: What sort of statement a ledger row is. (Statuses and verdicts live in :mod:`explainers.core.vocabulary`.)
KINDS = (
    "bibliographic",
    "design",
    "result",
    "interpretation",
    "press",
    "background",
    "atlas",
    "later-finding",
    "method",
)
#: Longest ``short`` label that still fits a figure annotation.
MAX_SHORT_LENGTH = 45

#: Kinds shown on the literature timeline (plus the main Baliki 2008 result, see :func:`timeline`).
TIMELINE_KINDS = ("background", "later-finding")
TIMELINE_MAIN_RESULT = "b08-result-deactivation"

#: The one standard note for clinicians, shown in every notebook.
CLINICAL_NOTE = (
    "For clinicians: the findings on this page are group-level research results. "
    "They are not a diagnostic test, and they cannot tell you what is happening in any "
    "individual patient's brain."
)


@dataclass(frozen=True)
class Claim:
    """One row of the claims ledger; every attribute is a string (empty if absent)."""

    id: str
    claim: str
    value: str
    reference: str
    locator: str
    status: str
    kind: str
    short: str
    quote: str


def split_ids(text: str) -> list[str]:
    """Split a ``;``-separated list of ids, dropping blanks.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
    """
    return [part.strip() for part in str(text).split(";") if part.strip()]


def read_table(name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read one CSV of the data folder as strings, checking that it has the expected columns.

    Parameters
    ----------
    name : str
        File name inside :func:`explainers.core.paths.data_dir`.
    columns : tuple of str
        Columns that must be present.

    Returns
    -------
    pandas.DataFrame
        Empty cells are empty strings.

    Raises
    ------
    ValueError
        If a column is missing; the message names the file, the missing and the expected columns.
    """
    import pandas as pd

    path = paths.data_dir() / name
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    errors.require_columns(table, columns, str(path))
    return table


def load_claims() -> pd.DataFrame:
    """Load the claims ledger.

    Returns
    -------
    pandas.DataFrame
        One row per claim, all values strings (empty string when absent), indexed by
        ``id``; columns are :data:`CLAIM_COLUMNS` without ``id``.
    """
    return read_table(CLAIMS_FILE, CLAIM_COLUMNS).set_index("id", drop=True)


def load_press_claims() -> pd.DataFrame:
    """Load the press-versus-paper table.

    Returns
    -------
    pandas.DataFrame
        One row per popular claim, all values strings, indexed by ``id``; columns are
        ``popular_claim, said_in, measured, verdict, evidence``.
    """
    return read_table(PRESS_CLAIMS_FILE, PRESS_COLUMNS).set_index("id", drop=True)


def claims() -> list[Claim]:
    """Return every ledger row, in ledger order.

    Returns
    -------
    list of Claim
        Read with :func:`load_claims`, the one reader of ``claims.csv``.
    """
    # Row by row, so a duplicated id (which validate reports) still shows rather than failing here.
    return [Claim(id=str(claim_id), **row.to_dict()) for claim_id, row in load_claims().iterrows()]


def claim(claim_id: str) -> Claim:
    """Return one ledger row.

    Parameters
    ----------
    claim_id : str
        The row's ``id``, e.g. ``"b08-result-deactivation"``.

    Returns
    -------
    Claim
        Frozen dataclass with the ledger columns as attributes.

    Raises
    ------
    ValueError
        If the id is not in the ledger; the message names it and lists the ledger's ids.
    """
    claims = load_claims()
    if claim_id not in claims.index:
        raise errors.unknown("claim id", claim_id, claims.index)
    row = claims.loc[claim_id]
    if row.ndim == 2:  # a duplicated id (reported by validate) returns a frame: take the first
        row = row.iloc[0]
    values = {name: str(row[name]) for name in CLAIM_COLUMNS if name != "id"}
    return Claim(id=claim_id, **values)


def sentence(claim_id: str, allow_unverified: bool = False) -> str:
    """Return a claim's sentence with its status marker, without a citation.

    Parameters
    ----------
    claim_id : str
        Ledger id.
    allow_unverified : bool, default False
        Unverified claims raise unless this is ``True``.

    Returns
    -------
    str
        The sentence, ending in a full stop, followed by the status's marker
        (:data:`explainers.core.vocabulary.STATUSES`) as a superscript; verified claims carry none.
        The claim is recorded as used by the running notebook.

    Raises
    ------
    ValueError
        Unknown claim id (the message names it and lists the valid ids), or the claim is
        unverified and ``allow_unverified`` is False.
    """
    row = claim(claim_id)
    if row.status == "unverified" and not allow_unverified:
        raise ValueError(
            f"claim {claim_id!r} is unverified; check it in the source and update data/{CLAIMS_FILE}, "
            "or pass allow_unverified=True to show it marked as not verified"
        )
    usage.record("claims", claim_id)
    text = row.claim.strip()
    text = text if text.endswith((".", "?", "!")) else f"{text}."
    marker = STATUSES[row.status]["marker"]
    return f"{text}<sup>{marker}</sup>" if marker else text


def claim_text(claim_id: str, allow_unverified: bool = False) -> str:
    """Return one claim as a sentence with its status marker and its own citation.

    For a claim quoted alone (a quiz answer, a table cell). Running text uses
    :func:`explainers.chapter.say`, which cites once per paragraph.

    Parameters
    ----------
    claim_id : str
        Ledger id.
    allow_unverified : bool, default False
        See :func:`sentence`.

    Returns
    -------
    str
        The sentence, its parenthetical citation, then its status marker.

    Raises
    ------
    ValueError
        Unknown claim id, or an unverified claim without ``allow_unverified=True``.
    """
    row = claim(claim_id)
    plain = sentence(claim_id, allow_unverified=allow_unverified).split("<sup>")[0].rstrip(".?!")
    marker = STATUSES[row.status]["marker"]
    citation = bibliography.cite(row.reference, parenthetical=True)
    return f"{plain} {citation}." + (f"<sup>{marker}</sup>" if marker else "")


def timeline() -> pd.DataFrame:
    """Return the rows for the literature-timeline figure.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, reference, citation, short, kind, status, claim_id``: one row per
        ledger row of kind ``background`` or ``later-finding`` from other works, plus the
        main Baliki 2008 result (``b08-result-deactivation``), sorted by year (then
        citation). ``year`` is an int.
    """
    import pandas as pd

    claims = load_claims()
    main_reference = (
        claims.loc[TIMELINE_MAIN_RESULT, "reference"] if TIMELINE_MAIN_RESULT in claims.index else None
    )
    # Baliki 2008 appears once, as its main result; its own background sentences would crowd 2008.
    is_context = claims["kind"].isin(TIMELINE_KINDS) & (claims["reference"] != main_reference)
    chosen = claims[is_context | (claims.index == TIMELINE_MAIN_RESULT)]
    records = []
    for claim_id, row in chosen.iterrows():
        item = bibliography.reference(row["reference"])
        year = bibliography.year(item)
        records.append(
            {
                "year": int(year) if year.isdigit() else None,
                "reference": row["reference"],
                "citation": bibliography.cite(row["reference"]),
                "short": row["short"],
                "kind": row["kind"],
                "status": row["status"],
                "claim_id": claim_id,
            }
        )
    table = pd.DataFrame.from_records(
        records, columns=["year", "reference", "citation", "short", "kind", "status", "claim_id"]
    )
    return table.sort_values(["year", "citation"], kind="stable").reset_index(drop=True)


def clinical_note() -> Markdown:
    """Display :data:`CLINICAL_NOTE` as a Markdown blockquote.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    return Markdown(f"> {CLINICAL_NOTE}")


# The dataclass fields and the ledger columns must never drift apart.
assert tuple(f.name for f in fields(Claim)) == CLAIM_COLUMNS
