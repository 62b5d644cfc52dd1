"""Checks of the literature data: bibliography, claims ledger, press table and data-source table.

:func:`validate` lists the problems a reviewer would otherwise have to catch by eye; the
unit tests run it on the committed data, so a bad edit fails the build.
"""

from __future__ import annotations

from explainers.core.vocabulary import STATUSES, VERDICTS
from explainers.literature import bibliography, datasources, ledger


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

    items = bibliography.reference_items()
    seen: set[str] = set()
    for key, item in items:
        if not key:
            problems.append(f"{bibliography.REFERENCES_FILE}: an item has no id")
            continue
        if key in seen:
            problems.append(f"{bibliography.REFERENCES_FILE}: duplicate id {key!r}")
        seen.add(key)
        if not str(item.get("title", "")).strip():
            problems.append(f"{bibliography.REFERENCES_FILE}: {key!r} has no title")
        issued = item.get("issued") or {}
        parts = issued.get("date-parts") or [[]]
        has_year = bool(parts and parts[0] and str(parts[0][0]).isdigit())
        if not has_year and str(issued.get("literal", "")).strip() != "n.d.":
            problems.append(
                f"{bibliography.REFERENCES_FILE}: {key!r} has no issued year "
                "(use {'literal': 'n.d.'} for undated pages)"
            )
    reference_keys = {key for key, _ in items}

    claims = ledger.read_table(ledger.CLAIMS_FILE, ledger.CLAIM_COLUMNS)
    extra = [column for column in claims.columns if column not in ledger.CLAIM_COLUMNS]
    if extra:
        problems.append(f"{ledger.CLAIMS_FILE}: unexpected column(s) {extra}")
    for claim_id in claims.loc[claims["id"].duplicated(), "id"].unique():
        problems.append(f"{ledger.CLAIMS_FILE}: duplicate id {claim_id!r}")
    for row in claims.itertuples(index=False):
        where = f"{ledger.CLAIMS_FILE}: {row.id!r}"
        if not row.id.strip():
            problems.append(f"{ledger.CLAIMS_FILE}: a row has no id")
        if not row.claim.strip():
            problems.append(f"{where} has no claim text")
        if row.reference not in reference_keys:
            problems.append(f"{where} cites unknown reference {row.reference!r}")
        if row.status not in STATUSES:
            problems.append(f"{where} has status {row.status!r}, not one of {list(STATUSES)}")
        if row.kind not in ledger.KINDS:
            problems.append(f"{where} has kind {row.kind!r}, not one of {ledger.KINDS}")
        if row.status in ("verified", "secondary") and not row.locator.strip():
            problems.append(f"{where} is {row.status} but has no locator")
        if len(row.short) > ledger.MAX_SHORT_LENGTH:
            problems.append(
                f"{where} short label is {len(row.short)} characters (max {ledger.MAX_SHORT_LENGTH})"
            )
        if not row.short.strip():
            problems.append(f"{where} has no short label")
        if row.quote.strip() and row.status == "unverified":
            problems.append(f"{where} quotes its source but is unverified")
    claim_ids = set(claims["id"])

    press = ledger.read_table(ledger.PRESS_CLAIMS_FILE, ledger.PRESS_COLUMNS)
    for press_id in press.loc[press["id"].duplicated(), "id"].unique():
        problems.append(f"{ledger.PRESS_CLAIMS_FILE}: duplicate id {press_id!r}")
    for row in press.itertuples(index=False):
        where = f"{ledger.PRESS_CLAIMS_FILE}: {row.id!r}"
        if row.verdict not in VERDICTS:
            problems.append(f"{where} has verdict {row.verdict!r}, not one of {list(VERDICTS)}")
        for column in ("said_in", "evidence"):
            ids = ledger.split_ids(getattr(row, column))
            if not ids:
                problems.append(f"{where} has no {column} ids")
            for ledger_id in ids:
                if ledger_id not in claim_ids:
                    problems.append(
                        f"{where} {column} names {ledger_id!r}, which is not in {ledger.CLAIMS_FILE}"
                    )
    problems += datasources.problems()
    return problems
