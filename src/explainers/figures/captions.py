"""What a reader sees under a figure: the numbered caption and a short credit line.

The figure's full source and licence lines live in its record (the JSON sidecar and the
gallery, :mod:`explainers.figures.show`); the credit line here is the compact form a reader scans
under the image. Both are derived from the data-source table and the ledger, never typed.
"""

from __future__ import annotations

from explainers.literature import bibliography, datasources, ledger, usage

#: Findings' sources named in a credit line before the rest are counted ("and 12 more works").
MAX_FINDINGS = 3

#: The anchor that carries a figure's id in its caption; readers see only "Figure 3.", and
#: the site moves the anchor onto the image (see :func:`explainers.site.export.anchor_figures`).
FIGURE_ANCHOR = '<a id="fig-{figure_id}"></a>'


def _findings(keys: list[str]) -> str:
    """Name the findings' works: all of them if few, else the first two and a count of the rest."""
    if len(keys) <= MAX_FINDINGS:
        return "findings: " + "; ".join(bibliography.cite(key) for key in keys)
    shown, rest = keys[: MAX_FINDINGS - 1], keys[MAX_FINDINGS - 1 :]
    # The works not named here still join the page's reference list, which the line points to.
    usage.record("references", *rest)
    named = "; ".join(bibliography.cite(key) for key in shown)
    return f"findings: {named} and {len(rest)} more works (see References)"


def credit_line(data_ids, claim_ids=()) -> str:
    """Return the short source-and-licence line printed under a figure.

    Each data source is named once, with its citation and, when its terms differ from the
    project's, its licence; then the works the figure's findings rest on (at most
    :data:`MAX_FINDINGS` by name; beyond that the first two and a count of the others, which
    are added to the page's reference list); then the figure's own licence. The full source
    and licence lines stay in the figure's record (gallery, sidecar JSON).

    Parameters
    ----------
    data_ids : sequence of str
        Ids of ``data/sources.csv``.
    claim_ids : sequence of str, optional
        Ledger ids of the findings the figure illustrates.

    Returns
    -------
    str
        E.g. "Source: Neurosynth 'default mode' map (Yarkoni et al., 2011), ODbL 1.0.
        Licence: CC BY 4.0 for the figure; data under the terms named."

    Raises
    ------
    ValueError
        Unknown or missing data ids (see :func:`explainers.literature.datasources.rows`).
    KeyError
        Unknown claim id.
    """
    parts, other_terms = [], False
    rows = datasources.rows(data_ids)
    for row in rows:
        text = row["name"]
        if row["reference"]:
            text += " " + bibliography.cite(row["reference"], parenthetical=True)
        elif row["provider"].startswith("this project"):
            text += " (this project)"
        else:
            text += f" from {row['provider']}"
        if row["licence"] != datasources.PROJECT_LICENCE:
            text += f", {row['licence']}"
            other_terms = True
        parts.append(text)
    cited = {row["reference"] for row in rows}
    keys = [key for key in dict.fromkeys(ledger.claim(c).reference for c in claim_ids) if key not in cited]
    if keys:
        parts.append(_findings(keys))
    own = datasources.PROJECT_LICENCE
    licence = f"{own} for the figure; data under the terms named" if other_terms else own
    return f"Source: {'; '.join(parts)}. Licence: {licence}."


def caption_markdown(record, number: int) -> str:
    """Return the caption block shown under a figure.

    Parameters
    ----------
    record : explainers.figures.show.FigureRecord
        Its ``figure_id``, ``title``, ``caption``, ``data`` and ``claims`` are used.
    number : int
        The figure's number on its page (1 for the first figure shown).

    Returns
    -------
    str
        Markdown: an anchor holding the figure id, "Figure N." with the bold title and the
        caption, then :func:`credit_line` in small type.

    Raises
    ------
    ValueError
        If ``number`` is not a positive integer.
    """
    if not isinstance(number, int) or number < 1:
        raise ValueError(f"figure number must be a positive integer, not {number!r}")
    credit = credit_line(record.data, record.claims)
    anchor = FIGURE_ANCHOR.format(figure_id=record.figure_id)
    return f"{anchor}**Figure {number}. {record.title}** {record.caption}\n\n<small>{credit}</small>"
