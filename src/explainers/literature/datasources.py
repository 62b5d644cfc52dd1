"""The one table of data sources, from which every figure's source and licence lines follow.

``data/sources.csv`` has one row per data source a figure can show, with the columns
``id, name, provider, reference, licence, licence_url, attribution``. A figure names the ids
of the data it shows (``figures.show_figure(..., data=("neurosynth-default-mode", ...))``);
its source, licence and credit line are then built here by :func:`credit`, never typed per
figure, so a figure built from ODbL or HCP data says so wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainers.core import errors
from explainers.literature import bibliography, ledger, usage

SOURCES_FILE = "sources.csv"
SOURCE_COLUMNS = ("id", "name", "provider", "reference", "licence", "licence_url", "attribution")

#: The licence of what this project makes itself (text, figures, ledger), see LICENSE-CONTENT.md.
PROJECT_LICENCE = "CC BY 4.0"

#: How the ``provider`` column of this project's own data begins ("this project", "this project's ...").
OWN_PROVIDER = "this project"

#: Findings' sources named in a credit line before the rest are counted ("and 12 more works").
MAX_FINDINGS = 3


def load_sources():
    """Load the data-source table.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id``; all values strings.
    """
    return ledger.read_table(SOURCES_FILE, SOURCE_COLUMNS).set_index("id", drop=True)


def rows(data_ids) -> list[dict]:
    """Return the rows of the given data sources, in the given order.

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.

    Returns
    -------
    list of dict
        One dict per id with the table's columns.

    Raises
    ------
    ValueError
        If ``data_ids`` is empty or an id is unknown; the message names it and lists the valid ids.
    TypeError
        If ``data_ids`` is one string rather than a sequence of ids.
    """
    table = load_sources()
    # The shared wording's list of choices, for the two mistakes that are not one unknown id.
    choices = f"choose one or more of: {', '.join(table.index)}"
    if isinstance(data_ids, str):
        raise TypeError(f"data must be a tuple of source ids, not the string {data_ids!r}; {choices}")
    if not data_ids:
        raise ValueError(f"a figure must name the data it shows; {choices}")
    for data_id in data_ids:
        errors.check_choice("data-source id", data_id, table.index)
    return [{"id": data_id, **table.loc[data_id].to_dict()} for data_id in data_ids]


@dataclass(frozen=True)
class Credit:
    """What a figure says about its sources and terms, in the forms a reader meets.

    Attributes
    ----------
    source : str
        The full source text kept in the figure's record (gallery, sidecar JSON): each data
        source with its citation and provider, then every work its findings rest on.
    licence : str
        The full licence text of the record: :data:`PROJECT_LICENCE` for the figure, then each
        set of other terms with the data it covers.
    line : str
        The short line printed under the figure: "Source: ... Licence: ...", each data source
        once with its terms where they differ from the project's, at most :data:`MAX_FINDINGS`
        works by name.
    """

    source: str
    licence: str
    line: str


def _findings_named(keys: list[str]) -> str:
    """Name the findings' works: all of them if few, else the first two and a count of the rest."""
    if len(keys) <= MAX_FINDINGS:
        return "findings: " + "; ".join(bibliography.cite(key) for key in keys)
    shown, rest = keys[: MAX_FINDINGS - 1], keys[MAX_FINDINGS - 1 :]
    named = "; ".join(bibliography.cite(key) for key in shown)
    return f"findings: {named} and {len(rest)} more works (see References)"


def credit(data_ids, claim_ids=()) -> Credit:
    """Return a figure's source, licence and credit line, from the data it shows and the findings it draws.

    The one writer of a figure's credit: the data-source table is read once, and every licence
    follows from it, never typed per figure.

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.
    claim_ids : sequence of str, optional
        Ledger ids of the findings the figure illustrates; the works they rest on are cited.

    Returns
    -------
    Credit
        E.g. ``line``: "Source: Neurosynth 'default mode' map (Yarkoni et al., 2011), ODbL 1.0.
        Licence: CC BY 4.0 for the figure; data under the terms named." The data sources and
        every cited work (named in the line or not) are recorded as used by the page, so the
        works the line only counts are in its reference list.

    Raises
    ------
    ValueError
        Unknown or missing data ids (see :func:`rows`), or an unknown claim id.
    """
    sources = rows(data_ids)
    usage.record("sources", *data_ids)
    full, short, terms = [], [], {}
    for row in sources:
        name, provider = row["name"], row["provider"]
        cited = f" {bibliography.cite(row['reference'], parenthetical=True)}" if row["reference"] else ""
        own = provider.startswith(OWN_PROVIDER)
        # The record names every provider; the line gives the citation, else who provided the data.
        full.append(f"{name}{cited} ({provider})" if own else f"{name}{cited}, from {provider}")
        brief = (
            f"{name}{cited}" if cited else f"{name} ({OWN_PROVIDER})" if own else f"{name} from {provider}"
        )
        if row["licence"] != PROJECT_LICENCE:
            terms.setdefault(row["licence"], []).append(name)
            brief += f", {row['licence']}"
        short.append(brief)
    cited_by_data = {row["reference"] for row in sources}
    keys = [
        key for key in dict.fromkeys(ledger.claim(c).reference for c in claim_ids) if key not in cited_by_data
    ]
    if keys:
        # The full source names every work (and so records each as cited); the line names a few.
        full.append("findings: " + "; ".join(bibliography.cite(key) for key in keys))
        short.append(_findings_named(keys))
    if terms:
        licence = f"{PROJECT_LICENCE} (figure); data: " + "; ".join(
            f"{' and '.join(names)}, {licence_name}" for licence_name, names in terms.items()
        )
        line_licence = f"{PROJECT_LICENCE} for the figure; data under the terms named"
    else:
        licence = line_licence = PROJECT_LICENCE
    return Credit("; ".join(full), licence, f"Source: {'; '.join(short)}. Licence: {line_licence}.")


def problems() -> list[str]:
    """Check the data-source table.

    Returns
    -------
    list of str
        One message per problem: duplicate or empty ids, rows without a name, provider or
        licence, licences that are not given (an honest "no licence stated ..." is a licence
        statement; empty is not), and references missing from the bibliography.
    """
    found: list[str] = []
    table = ledger.read_table(SOURCES_FILE, SOURCE_COLUMNS)
    references = bibliography.load_references()
    for data_id in table.loc[table["id"].duplicated(), "id"].unique():
        found.append(f"{SOURCES_FILE}: duplicate id {data_id!r}")
    for row in table.itertuples(index=False):
        where = f"{SOURCES_FILE}: {row.id!r}"
        for column in ("id", "name", "provider", "licence"):
            if not getattr(row, column).strip():
                found.append(f"{where} has no {column}")
        if row.reference and row.reference not in references:
            found.append(f"{where} cites unknown reference {row.reference!r}")
    return found


#: How a reader page names this project's own data where the table's name is working vocabulary.
READER_NAMES = {"ledger": "published studies, as cited on the page"}

#: Most works or data named in a figure's one-line credit before the rest are counted.
MAX_CREDITED = 3

#: The one-line credit stays within about this many words (issue 19: a course page pastes it).
CREDIT_WORDS = 25


def _plain(text: str) -> str:
    """Drop what only a maintainer reads: version numbers and remarks in brackets that hold paths."""
    import re

    text = re.sub(r"\s*\((?:[^()]*[/_][^()]*|package metadata|[\w-]+ package metadata)\)", "", text)
    text = re.sub(r"(?<=[A-Za-z])\s+\d+(?:\.\d+){1,3}\b", "", text)
    return " ".join(text.split())


def _reader_name(row: dict) -> str:
    return READER_NAMES.get(row["id"], row["name"])


@dataclass(frozen=True)
class ReaderCredit:
    """A figure's source and terms in reader's words: no file paths, versions or working vocabulary.

    Attributes
    ----------
    line : str
        One line of at most about :data:`CREDIT_WORDS` words: the collection and its licence, then
        the data's authors (author-year) or names, at most :data:`MAX_CREDITED` by name.
    source : str
        Every data source with its citation and who distributes it, then the works the findings
        rest on.
    licence : str
        The figure's licence, then each set of other terms with the data it covers.
    """

    line: str
    source: str
    licence: str


def reader_credit(data_ids, claim_ids=(), collection: str = "Pain and the Default Mode") -> ReaderCredit:
    """Return a figure's credit as a reader, a clinician or a course page meets it.

    Derived from the same rows as :func:`credit` (whose wording the executed notebooks store),
    without recording anything as used: the site calls it when it renders a figure.

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.
    claim_ids : sequence of str, optional
        Ledger ids of the findings the figure illustrates.
    collection : str, optional
        The name the line credits the figure to.

    Returns
    -------
    ReaderCredit

    Raises
    ------
    ValueError
        Unknown or missing data ids (see :func:`rows`), or an unknown claim id.
    """
    import re

    sources = rows(data_ids)
    credited, full, terms = [], [], {}
    for row in sources:
        name, provider = _reader_name(row), _plain(row["provider"])
        label = bibliography.label(row["reference"]) if row["reference"] else ""
        # The line names data by its authors, else by its name without remarks in brackets.
        credited.append(label or re.sub(r"\s*\([^)]*\)", "", name))
        own = provider.startswith(OWN_PROVIDER)
        cited = f" ({label})" if label else ""
        full.append(f"{name}{cited}" if own else f"{name}{cited}, distributed in {provider}")
        if row["licence"] != PROJECT_LICENCE:
            terms.setdefault(_plain(row["licence"]), []).append(name)
    works = [ledger.claim(c).reference for c in claim_ids]
    works = [key for key in dict.fromkeys(works) if key not in {row["reference"] for row in sources}]
    if works:
        full.append("findings of " + "; ".join(bibliography.label(key) for key in works))
        credited += [bibliography.label(key) for key in works]
    credited = [c for c in dict.fromkeys(credited) if c not in READER_NAMES.values()]
    named = credited[:MAX_CREDITED]
    more = len(credited) - len(named)
    line = f"{collection}, {PROJECT_LICENCE}"
    if named:
        line += "; data: " + "; ".join(named) + (f" and {more} more" if more else "")
    line = line if line.endswith(".") else line + "."
    licence = PROJECT_LICENCE + " (figure)"
    if terms:
        licence += "; data: " + "; ".join(f"{' and '.join(n)}, {t}" for t, n in terms.items())
    return ReaderCredit(line, "; ".join(full) + ".", licence + ".")
