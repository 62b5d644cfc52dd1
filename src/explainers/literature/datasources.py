"""The one table of data sources, from which every figure's source and licence lines follow.

``data/sources.csv`` has one row per data source a figure can show, with the columns
``id, name, provider, reference, licence, licence_url, attribution``. A figure names the ids
of the data it shows (``figures.show_figure(..., data=("neurosynth-default-mode", ...))``);
its source line and licence line are then built here, never typed per figure, so a figure
built from ODbL or HCP data says so wherever it appears.
"""

from __future__ import annotations

from explainers.literature import bibliography, ledger, usage

SOURCES_FILE = "sources.csv"
SOURCE_COLUMNS = ("id", "name", "provider", "reference", "licence", "licence_url", "attribution")

#: The licence of what this project makes itself (text, figures, ledger), see LICENSE-CONTENT.md.
PROJECT_LICENCE = "CC BY 4.0"


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
    """
    table = load_sources()
    if isinstance(data_ids, str):
        raise TypeError(
            f"data must be a tuple of source ids, not the string {data_ids!r}; "
            f"valid ids: {', '.join(table.index)}"
        )
    if not data_ids:
        raise ValueError(
            f"a figure must name the data it shows; valid data-source ids: {', '.join(table.index)}"
        )
    unknown = [data_id for data_id in data_ids if data_id not in table.index]
    if unknown:
        raise ValueError(
            f"unknown data-source id(s) {unknown}; valid ids ({SOURCES_FILE}): {', '.join(table.index)}"
        )
    return [{"id": data_id, **table.loc[data_id].to_dict()} for data_id in data_ids]


def source_line(data_ids, claim_ids=()) -> str:
    """Return the "Source:" text of a figure: its data, then the works its claims rest on.

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.
    claim_ids : sequence of str, optional
        Ledger ids of the findings the figure illustrates; their references are cited.

    Returns
    -------
    str
        E.g. "Seitzman regions of interest (Seitzman et al., 2020), from nilearn 0.13.1".
        Records the data sources (and cited references) as used.

    Raises
    ------
    ValueError
        Unknown or missing data ids (see :func:`rows`).
    KeyError
        Unknown claim id.
    """
    parts = []
    for row in rows(data_ids):
        cited = f" {bibliography.cite(row['reference'], parenthetical=True)}" if row["reference"] else ""
        own = row["provider"].startswith("this project")
        parts.append(
            f"{row['name']}{cited} ({row['provider']})"
            if own
            else f"{row['name']}{cited}, from {row['provider']}"
        )
    usage.record("sources", *data_ids)
    already = {row["reference"] for row in rows(data_ids)}
    keys = [
        k
        for k in dict.fromkeys(ledger.claim(claim_id).reference for claim_id in claim_ids)
        if k not in already
    ]
    if keys:
        parts.append("findings: " + "; ".join(bibliography.cite(key) for key in keys))
    return "; ".join(parts)


def licence_line(data_ids) -> str:
    """Return the licence line of a figure made by this project from the given data.

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.

    Returns
    -------
    str
        :data:`PROJECT_LICENCE` for the figure, then, for data under other terms, each set
        of terms with the data it covers, e.g. "CC BY 4.0 (figure); data: Neurosynth 'default mode'
        map, ODbL 1.0".

    Raises
    ------
    ValueError
        Unknown or missing data ids (see :func:`rows`).
    """
    terms: dict[str, list[str]] = {}
    for row in rows(data_ids):
        if row["licence"] != PROJECT_LICENCE:
            terms.setdefault(row["licence"], []).append(row["name"])
    if not terms:
        return PROJECT_LICENCE
    return f"{PROJECT_LICENCE} (figure); data: " + "; ".join(
        f"{' and '.join(names)}, {licence}" for licence, names in terms.items()
    )


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
