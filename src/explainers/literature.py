"""The literature layer: references, the claims ledger and the press-versus-paper table.

Notebooks never retype a number or a finding. They ask this module for it:

>>> from explainers import literature
>>> literature.claim_text("b08-result-performance")          # doctest: +SKIP
'Patients with chronic back pain did the attention task as well as ... (Baliki et al., 2008)'

Three committed files in :func:`explainers.paths.data_dir` hold the content:

``references.json``
    CSL JSON (a list of CSL items) for every cited work, keyed by ``id``.
``claims.csv``
    One row per claim, with its source, locator and verification ``status``
    (see :data:`STATUSES`). ``verified`` means read in the cited source itself,
    ``secondary`` means read only in a second-hand source (named in ``locator``),
    ``unverified`` means recalled or inferred.
``press_claims.csv``
    What the press said, what the study measured, and a verdict (:data:`VERDICTS`).

:func:`validate` checks all three for the problems a reviewer would otherwise have
to catch by eye, and the unit tests run it on the real data.
"""

from __future__ import annotations

import re

import difflib
import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:  # pandas and IPython are imported lazily to keep `import explainers` light
    import pandas as pd
    from IPython.display import Markdown

REFERENCES_FILE = "references.json"
CLAIMS_FILE = "claims.csv"
PRESS_CLAIMS_FILE = "press_claims.csv"

CLAIM_COLUMNS = ("id", "claim", "value", "reference", "locator", "status", "kind", "short", "quote")
PRESS_COLUMNS = ("id", "popular_claim", "said_in", "measured", "verdict", "evidence")

#: How far a claim has been checked, strongest first.
STATUSES = ("verified", "secondary", "unverified")
#: What sort of statement a ledger row is.
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
#: How a popular claim compares with what the study measured.
VERDICTS = ("supported", "interpretation", "not tested")

#: Longest ``short`` label that still fits a figure annotation.
MAX_SHORT_LENGTH = 45

#: Kinds shown on the literature timeline (plus the main Baliki 2008 result, see :func:`timeline`).
TIMELINE_KINDS = ("background", "later-finding")
TIMELINE_MAIN_RESULT = "b08-result-deactivation"

#: The one standard note for clinicians, shown in every notebook.
CLINICAL_NOTE = (
    "For clinicians: this is a group-average finding from one small research study. "
    "It is not a diagnostic test, and it cannot tell you what is happening in any "
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


# --------------------------------------------------------------------------- loading


def _data_path(name: str) -> Path:
    return paths.data_dir() / name


def _split_ids(text: str) -> list[str]:
    return [part.strip() for part in str(text).split(";") if part.strip()]


@lru_cache(maxsize=8)
def _read_references(path: Path, mtime_ns: int) -> tuple[tuple[str, dict], ...]:
    # Cached on (path, mtime) so edits and EXPLAINERS_DATA_DIR changes are picked up.
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    if not isinstance(items, list):
        raise ValueError(f"{path} must hold a JSON list of CSL items, found {type(items).__name__}")
    return tuple((str(item.get("id", "")), item) for item in items)


def _reference_items() -> list[tuple[str, dict]]:
    path = _data_path(REFERENCES_FILE)
    return list(_read_references(path, path.stat().st_mtime_ns))


def load_references() -> dict[str, dict]:
    """Load the bibliography.

    Returns
    -------
    dict of str to dict
        CSL JSON items keyed by their ``id``. If an id is duplicated the last item wins;
        :func:`validate` reports duplicates.
    """
    return {key: dict(item) for key, item in _reference_items()}


def _read_table(name: str, columns: tuple[str, ...]) -> "pd.DataFrame":
    import pandas as pd

    path = _data_path(name)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ValueError(f"{path} lacks column(s) {missing}; expected exactly {list(columns)}")
    return table


def load_claims() -> "pd.DataFrame":
    """Load the claims ledger.

    Returns
    -------
    pandas.DataFrame
        One row per claim, all values strings (empty string when absent), indexed by
        ``id``; columns are :data:`CLAIM_COLUMNS` without ``id``.
    """
    return _read_table(CLAIMS_FILE, CLAIM_COLUMNS).set_index("id", drop=True)


def load_press_claims() -> "pd.DataFrame":
    """Load the press-versus-paper table.

    Returns
    -------
    pandas.DataFrame
        One row per popular claim, all values strings, indexed by ``id``; columns are
        ``popular_claim, said_in, measured, verdict, evidence``.
    """
    return _read_table(PRESS_CLAIMS_FILE, PRESS_COLUMNS).set_index("id", drop=True)


# --------------------------------------------------------------------------- lookup


def _unknown(kind: str, bad: str, known: list[str]) -> KeyError:
    close = difflib.get_close_matches(bad, known, n=5, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return KeyError(f"unknown {kind} {bad!r}: {len(known)} {kind}s exist.{hint}")


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
    KeyError
        If the id is not in the ledger; the message names it, lists close matches and
        says how many ids exist.
    """
    claims = load_claims()
    if claim_id not in claims.index:
        raise _unknown("claim id", claim_id, list(claims.index))
    row = claims.loc[claim_id]
    if row.ndim == 2:  # a duplicated id (reported by validate) returns a frame: take the first
        row = row.iloc[0]
    values = {name: str(row[name]) for name in CLAIM_COLUMNS if name != "id"}
    return Claim(id=claim_id, **values)


def _reference(key: str) -> dict:
    references = load_references()
    if key not in references:
        raise _unknown("reference key", key, sorted(references))
    return references[key]


# --------------------------------------------------------------------------- citing


def _name(person: dict) -> str:
    return person.get("literal") or person.get("family") or ""


def _year(item: dict) -> str:
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or []
    if parts and parts[0] and parts[0][0] not in (None, ""):
        return str(parts[0][0])
    return str(issued.get("literal", "n.d."))


def _citation_names(item: dict) -> str:
    authors = [a for a in item.get("author", []) if _name(a)]
    if not authors:
        # No verified author (e.g. a work known only by its title): cite by short title.
        return item.get("title-short") or item.get("title", item.get("id", "?"))
    incomplete = bool(item.get("author-list-incomplete"))
    if len(authors) == 1 and not incomplete:
        return _name(authors[0])
    if len(authors) == 2 and not incomplete:
        return f"{_name(authors[0])} & {_name(authors[1])}"
    return f"{_name(authors[0])} et al."


def cite(key: str, parenthetical: bool = False) -> str:
    """Return an author-year citation.

    Parameters
    ----------
    key : str
        CSL ``id`` in ``references.json``, e.g. ``"baliki2008"``.
    parenthetical : bool, default False
        ``True`` gives "(Baliki et al., 2008)", ``False`` gives "Baliki et al. (2008)".

    Returns
    -------
    str
        One author: "Raichle (2001)"; two: "Kucyi & Davis (2015)"; three or more:
        "Baliki et al. (2008)"; organisations by their name, e.g.
        "Northwestern University (2008)"; undated pages get "n.d.".

    Raises
    ------
    KeyError
        If the key is unknown; the message names it and lists close valid keys.
    """
    item = _reference(key)
    names, year = _citation_names(item), _year(item)
    return f"({names}, {year})" if parenthetical else f"{names} ({year})"


def _pages(item: dict) -> str:
    return str(item.get("page", "")).replace("-", "\u2013")


def _author_list(item: dict) -> str:
    authors = item.get("author", [])
    names = []
    for person in authors:
        if person.get("literal"):
            names.append(person["literal"])
        else:
            initials = person.get("given", "").replace(".", "").replace(" ", "")
            names.append(f"{person.get('family', '')} {initials}".strip())
    if item.get("author-list-incomplete") and names:
        names.append("et al.")
    return ", ".join(names)


def format_reference(key: str) -> str:
    """Return one full reference line as plain text (no links).

    Parameters
    ----------
    key : str
        CSL ``id`` in ``references.json``.

    Returns
    -------
    str
        Authors, year, title, container, volume(issue):pages and ``doi:...``; for web
        pages the address as plain text. Nothing is formatted as a link, because the
        exported site must not link to external hosts.

    Raises
    ------
    KeyError
        If the key is unknown.
    """
    item = _reference(key)
    parts = []
    authors = _author_list(item)
    title = str(item.get("title", "")).rstrip(".")
    if authors:
        parts.append(f"{authors} ({_year(item)}).")
        parts.append(f"{title}.")
    else:
        parts.append(f"{title} ({_year(item)}).")
    container = item.get("container-title-short") or item.get("container-title") or ""
    locus = ""
    if item.get("volume"):
        locus = str(item["volume"])
        if item.get("issue"):
            locus += f"({item['issue']})"
    if item.get("page"):
        locus = f"{locus}:{_pages(item)}" if locus else _pages(item)
    source = " ".join(part for part in (f"*{container}*" if container else "", locus) if part)
    if item.get("type") != "article-journal":
        # Press releases, magazines and blogs: say what kind of item it is and who issued it.
        pieces = [str(item.get("genre", "")).capitalize(), source, str(item.get("publisher", ""))]
        source = ", ".join(piece for piece in pieces if piece)
    if source:
        parts.append(f"{source}.")
    if item.get("DOI"):
        parts.append(f"doi:{item['DOI']}")
    elif item.get("URL"):
        # Plain text on purpose: see the docstring.
        # A code span, so no renderer turns it into a link: exported pages reference no other host.
        address = re.sub(r"^https?://", "", item["URL"])
        parts.append(f"Web page: `{address}`")
    return " ".join(parts)


# --------------------------------------------------------------------------- rendering


def claim_text(claim_id: str, allow_unverified: bool = False, with_value: bool = False) -> str:
    """Return a claim as Markdown text with its citation, for use inside larger Markdown.

    Parameters
    ----------
    claim_id : str
        Ledger id.
    allow_unverified : bool, default False
        Unverified claims raise unless this is ``True``; then they are prefixed
        "**Not verified:**".
    with_value : bool, default False
        Append the ``value`` column in brackets, e.g. "[15 vs 15]".

    Returns
    -------
    str
        The claim sentence and an author-year citation; secondary claims carry a visible
        "(reported second-hand: <locator>)" marker.

    Raises
    ------
    KeyError
        Unknown claim id.
    ValueError
        The claim is unverified and ``allow_unverified`` is False.
    """
    row = claim(claim_id)
    if row.status == "unverified" and not allow_unverified:
        raise ValueError(
            f"claim {claim_id!r} is unverified; check it in the source and update data/{CLAIMS_FILE}, "
            "or pass allow_unverified=True to show it marked 'Not verified'"
        )
    sentence = row.claim.strip()
    if with_value and row.value.strip():
        sentence = f"{sentence.rstrip('.')} [{row.value.strip()}]."
    body = sentence.rstrip(".")
    text = f"{body} {cite(row.reference, parenthetical=True)}."
    if row.status == "secondary":
        text = f"{text} *(reported second-hand: {row.locator})*"
    elif row.status == "unverified":
        text = f"**Not verified:** {text}"
    return text


def render_claim(claim_id: str, allow_unverified: bool = False, with_value: bool = False) -> "Markdown":
    """Display a claim with its citation in a notebook.

    Parameters
    ----------
    claim_id : str
        Ledger id.
    allow_unverified : bool, default False
        See :func:`claim_text`.
    with_value : bool, default False
        See :func:`claim_text`.

    Returns
    -------
    IPython.display.Markdown

    Raises
    ------
    KeyError
        Unknown claim id.
    ValueError
        Unverified claim without ``allow_unverified=True``.
    """
    from IPython.display import Markdown

    return Markdown(claim_text(claim_id, allow_unverified=allow_unverified, with_value=with_value))


def _sort_key(key: str) -> tuple[str, str, str]:
    item = _reference(key)
    return (_citation_names(item).lower(), _year(item), key)


def reference_list(keys) -> "Markdown":
    """Display a bullet list of full references, sorted by author and year.

    Parameters
    ----------
    keys : iterable of str
        Reference keys; duplicates are dropped.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    ordered = sorted(set(keys), key=_sort_key)
    return Markdown("\n".join(f"- {format_reference(key)}" for key in ordered))


def references_for_notebook(nb_number) -> list[str]:
    """Return the reference keys of all claims used by one notebook.

    Parameters
    ----------
    nb_number : str or int
        Notebook number, e.g. ``"01"`` or ``1``.

    Returns
    -------
    list of str
        Sorted, unique reference keys whose claims list that notebook in ``notebooks``.
    """
    wanted = f"{int(nb_number):02d}" if str(nb_number).strip().isdigit() else str(nb_number).strip()
    claims = load_claims()
    keys = {row.reference for row in claims.itertuples() if wanted in _split_ids(row.notebooks)}
    return sorted(keys)


def timeline() -> "pd.DataFrame":
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
    main_reference = claims.loc[TIMELINE_MAIN_RESULT, "reference"] if TIMELINE_MAIN_RESULT in claims.index else None
    # Baliki 2008 appears once, as its main result; its own background sentences would crowd 2008.
    is_context = claims["kind"].isin(TIMELINE_KINDS) & (claims["reference"] != main_reference)
    chosen = claims[is_context | (claims.index == TIMELINE_MAIN_RESULT)]
    records = []
    for claim_id, row in chosen.iterrows():
        item = _reference(row["reference"])
        year = _year(item)
        records.append(
            {
                "year": int(year) if year.isdigit() else None,
                "reference": row["reference"],
                "citation": cite(row["reference"]),
                "short": row["short"],
                "kind": row["kind"],
                "status": row["status"],
                "claim_id": claim_id,
            }
        )
    table = pd.DataFrame.from_records(records, columns=["year", "reference", "citation", "short", "kind", "status", "claim_id"])
    return table.sort_values(["year", "citation", "claim_id"], kind="stable").reset_index(drop=True)


def clinical_note() -> "Markdown":
    """Display :data:`CLINICAL_NOTE` as a Markdown blockquote.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    return Markdown(f"> {CLINICAL_NOTE}")


# --------------------------------------------------------------------------- checking


def validate() -> list[str]:
    """Check references, ledger and press table for consistency.

    Returns
    -------
    list of str
        One message per problem; an empty list means all three files are consistent.
        Checked: duplicate ids (references, claims, press rows); claims citing an unknown
        reference key; verified or secondary rows without a locator; status, kind or
        verdict outside :data:`STATUSES`, :data:`KINDS`, :data:`VERDICTS`; ``short`` longer
        than :data:`MAX_SHORT_LENGTH`; a quote on an unverified row; press rows whose
        ``said_in`` or ``evidence`` ids are missing or not in the ledger; CSL items
        without a title or an issued year (an explicit ``{"literal": "n.d."}`` counts).
    """
    problems: list[str] = []

    items = _reference_items()
    seen: set[str] = set()
    for key, item in items:
        if not key:
            problems.append(f"{REFERENCES_FILE}: an item has no id")
            continue
        if key in seen:
            problems.append(f"{REFERENCES_FILE}: duplicate id {key!r}")
        seen.add(key)
        if not str(item.get("title", "")).strip():
            problems.append(f"{REFERENCES_FILE}: {key!r} has no title")
        issued = item.get("issued") or {}
        parts = issued.get("date-parts") or [[]]
        has_year = bool(parts and parts[0] and str(parts[0][0]).isdigit())
        if not has_year and str(issued.get("literal", "")).strip() != "n.d.":
            problems.append(f"{REFERENCES_FILE}: {key!r} has no issued year (use {{'literal': 'n.d.'}} for undated pages)")
    reference_keys = {key for key, _ in items}

    claims = _read_table(CLAIMS_FILE, CLAIM_COLUMNS)
    extra = [column for column in claims.columns if column not in CLAIM_COLUMNS]
    if extra:
        problems.append(f"{CLAIMS_FILE}: unexpected column(s) {extra}")
    for claim_id in claims.loc[claims["id"].duplicated(), "id"].unique():
        problems.append(f"{CLAIMS_FILE}: duplicate id {claim_id!r}")
    for row in claims.itertuples(index=False):
        where = f"{CLAIMS_FILE}: {row.id!r}"
        if not row.id.strip():
            problems.append(f"{CLAIMS_FILE}: a row has no id")
        if not row.claim.strip():
            problems.append(f"{where} has no claim text")
        if row.reference not in reference_keys:
            problems.append(f"{where} cites unknown reference {row.reference!r}")
        if row.status not in STATUSES:
            problems.append(f"{where} has status {row.status!r}, not one of {STATUSES}")
        if row.kind not in KINDS:
            problems.append(f"{where} has kind {row.kind!r}, not one of {KINDS}")
        if row.status in ("verified", "secondary") and not row.locator.strip():
            problems.append(f"{where} is {row.status} but has no locator")
        if len(row.short) > MAX_SHORT_LENGTH:
            problems.append(f"{where} short label is {len(row.short)} characters (max {MAX_SHORT_LENGTH})")
        if not row.short.strip():
            problems.append(f"{where} has no short label")
        if row.quote.strip() and row.status == "unverified":
            problems.append(f"{where} quotes its source but is unverified")
    claim_ids = set(claims["id"])

    press = _read_table(PRESS_CLAIMS_FILE, PRESS_COLUMNS)
    for press_id in press.loc[press["id"].duplicated(), "id"].unique():
        problems.append(f"{PRESS_CLAIMS_FILE}: duplicate id {press_id!r}")
    for row in press.itertuples(index=False):
        where = f"{PRESS_CLAIMS_FILE}: {row.id!r}"
        if row.verdict not in VERDICTS:
            problems.append(f"{where} has verdict {row.verdict!r}, not one of {VERDICTS}")
        for column in ("said_in", "evidence"):
            ids = _split_ids(getattr(row, column))
            if not ids:
                problems.append(f"{where} has no {column} ids")
            for ledger_id in ids:
                if ledger_id not in claim_ids:
                    problems.append(f"{where} {column} names {ledger_id!r}, which is not in {CLAIMS_FILE}")
    return problems


__all__ = [
    "CLINICAL_NOTE",
    "KINDS",
    "STATUSES",
    "VERDICTS",
    "Claim",
    "cite",
    "claim",
    "claim_text",
    "clinical_note",
    "format_reference",
    "load_claims",
    "load_press_claims",
    "load_references",
    "reference_list",
    "references_for_notebook",
    "render_claim",
    "timeline",
    "validate",
]

# The dataclass fields and the ledger columns must never drift apart.
assert tuple(f.name for f in fields(Claim)) == CLAIM_COLUMNS
