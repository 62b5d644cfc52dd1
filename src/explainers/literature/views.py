"""Tables and figure data made from the ledger: the notebook list, the claim map, the press
table, claim counts and the literature timeline. Nothing here is typed in a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explainers.core import errors, notebooks, paths
from explainers.core.vocabulary import STATUSES, VERDICTS
from explainers.literature import bibliography, figurerecords, ledger, usage


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """Return a GitHub-flavoured Markdown table.

    Parameters
    ----------
    header : list of str
    rows : list of list of str

    Returns
    -------
    str
    """
    lines = ["| " + " | ".join(_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def as_markdown(text: str, metadata: dict | None = None):
    """Return ``text`` as a Markdown display object (what notebooks show).

    Parameters
    ----------
    text : str
    metadata : dict, optional
        Stored with the output (not shown): the site reads marks such as the claim ids of a
        paragraph (``{"explainers": {"claims": [...]}}``) from it.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    return Markdown(text, metadata=metadata)


def collection_table():
    """Return the table of notebooks in the collection.

    Returns
    -------
    IPython.display.Markdown
    """
    rows = [
        [e["number"], e["title"], e["summary"], f"{e['minutes']} min"] for e in notebooks.notebook_catalogue()
    ]
    return as_markdown(markdown_table(["#", "notebook", "the question it answers", "time"], rows))


@dataclass(frozen=True)
class ClaimUse:
    """Where one ledger claim is used.

    Attributes
    ----------
    notebooks : tuple of str
        Stems of the notebooks that stated it when the build last ran them, sorted.
    figures : tuple of str
        Ids of the figures drawn with it, in the order of the figure records given.
    """

    notebooks: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()


def _figures_folder(folder) -> Path:
    # During a build the other notebooks' fresh records sit in this run's output folder (the build
    # copies them there before notebook 00 runs); outside a build, the committed figures/ folder.
    return Path(folder) if folder is not None else paths.figure_output_dir() or paths.figures_dir()


def claim_map(folder=None, records=None) -> dict[str, ClaimUse]:
    """Return the map from each ledger claim to the notebooks and figures that use it.

    Read from what the notebooks recorded when the build last ran them
    (:func:`explainers.literature.usage.read_all`) and from the figures' records (the claims each
    figure illustrates, :func:`explainers.literature.figurerecords.read`), never from the notebooks'
    code. The start page's table (:func:`claim_table`) and the site's claim explorer and index both
    come from it.

    Parameters
    ----------
    folder : path-like, optional
        The figure folder holding ``usage/`` and the figure records. Default: the build's figure
        output folder, or ``figures/`` outside a build.
    records : list of explainers.literature.figurerecords.FigureRecord, optional
        The figures to map, in the order their ids are listed; default: every record in ``folder``.

    Returns
    -------
    dict of str to ClaimUse
        Every claim of the ledger, in ledger order; a claim nothing uses has an empty
        :class:`ClaimUse`. Ids a record names that are not in the ledger are left out.
    """
    folder = _figures_folder(folder)
    records = figurerecords.read(folder) if records is None else records
    stated = usage.combined(usage.read_all(folder), "claims")
    drawn: dict[str, list[str]] = {}
    for record in records:
        for claim_id in dict.fromkeys(record.claims):
            drawn.setdefault(claim_id, []).append(record.figure_id)
    return {
        row.id: ClaimUse(tuple(stated.get(row.id, ())), tuple(drawn.get(row.id, ())))
        for row in ledger.claims()
    }


def claim_table(folder=None):
    """Return the start page's table of which notebooks and figures use each claim (:func:`claim_map`).

    Parameters
    ----------
    folder : path-like, optional
        As in :func:`claim_map`.

    Returns
    -------
    IPython.display.Markdown
        A folded table (``<details>``): claim (short label), status, source, notebooks,
        figures; or a sentence saying that no usage has been recorded yet.
    """
    folder = _figures_folder(folder)
    if not usage.read_all(folder):
        return as_markdown(
            "*No notebook has been built yet, so there is no record of which claims each one uses.*"
        )
    titles = {record.figure_id: record.title.rstrip(".") for record in figurerecords.read(folder)}
    claims = {row.id: row for row in ledger.claims()}
    rows = [
        [
            claims[claim_id].short,
            STATUSES[claims[claim_id].status]["label"],
            bibliography.cite(claims[claim_id].reference),
            ", ".join(stem.split("_", 1)[0] for stem in use.notebooks),
            "; ".join(titles[figure_id] for figure_id in use.figures) or "-",
        ]
        for claim_id, use in claim_map(folder).items()
        if use.notebooks
    ]
    rows.sort(key=lambda r: (r[3], r[0]))
    table = markdown_table(["claim", "status", "source", "notebooks", "figures that show it"], rows)
    # Folded: a hundred rows would swamp a five-minute start page; blank lines around the table
    # let Markdown render it inside the HTML block.
    summary = f"<summary>Show the table ({len(rows)} claims)</summary>"
    return as_markdown(f"<details>{summary}\n\n{table}\n\n</details>")


def press_table():
    """Return "what the press said and what the paper showed", one row per popular claim.

    Returns
    -------
    IPython.display.Markdown
        Columns: popular claim, said in (citations), what the study measured, verdict (its
        label from :data:`explainers.core.vocabulary.VERDICTS`).
    """
    press = ledger.load_press_claims()
    claims = ledger.load_claims()
    rows = []
    for _, row in press.iterrows():
        said = ledger.split_ids(row["said_in"])
        where = "; ".join(sorted({bibliography.cite(claims.loc[s, "reference"]) for s in said}))
        usage.record("claims", *said, *ledger.split_ids(row["evidence"]))
        rows.append(
            [row["popular_claim"], where, row["measured"], f"**{VERDICTS[row['verdict']]['label']}**"]
        )
    return as_markdown(
        markdown_table(["popular claim", "said in", "what the study measured", "verdict"], rows)
    )


def verdict_key():
    """Return the verdict scale as a short list: each verdict and what it means.

    Returns
    -------
    IPython.display.Markdown
    """
    return as_markdown("\n".join(f"- **{v['label']}**: {v['meaning']}." for v in VERDICTS.values()))


#: How ledger kinds are grouped for readers, top to bottom.
KIND_GROUPS = {
    "bibliographic": "The 2008 paper: design and results",
    "design": "The 2008 paper: design and results",
    "result": "The 2008 paper: design and results",
    "interpretation": "The 2008 paper: design and results",
    "press": "Press and popular coverage",
    "background": "Background on the default mode network",
    "method": "Background on the default mode network",
    "atlas": "Brain atlases used in the figures",
    "later-finding": "Later studies (pain and depression)",
}


def claim_status_counts():
    """Count ledger claims per reader-facing group and verification status.

    Returns
    -------
    pandas.DataFrame
        Index: the groups of :data:`KIND_GROUPS` in order; columns: the statuses of
        :data:`explainers.STATUSES`; values: numbers of claims.
    """
    claims = ledger.load_claims()
    groups = list(dict.fromkeys(KIND_GROUPS.values()))
    for kind in dict.fromkeys(claims["kind"]):
        errors.check_choice("ledger kind", kind, KIND_GROUPS)
    table = claims.assign(group=claims["kind"].map(KIND_GROUPS)).pivot_table(
        index="group", columns="status", values="claim", aggfunc="count", fill_value=0
    )
    return table.reindex(index=groups, columns=list(STATUSES), fill_value=0).astype(int)


#: Lanes of the literature timeline, top to bottom, and the reference keys that go in the
#: first and last lane (everything else is a chronic-pain study).
TIMELINE_LANES = {
    "dmn": "The default mode network",
    "pain": "Chronic pain and the DMN",
    "depression": "Depression and the DMN",
}
DMN_BACKGROUND_KEYS = frozenset({"raichle2001", "greicius2003", "fox2005", "buckner2008", "margulies2016"})
EARLIER_PAIN_KEYS = frozenset({"apkarian2004"})
DEPRESSION_KEYS = frozenset(
    {
        "sheline2009",
        "sheline2010",
        "hamilton2011",
        "hamilton2015",
        "kaiser2015",
        "wise2017",  # read only as a report on a depression meta-analysis (second-hand)
        "dmn_depression_meta2021",
        "yan2019",
        "javaheripour2021",
    }
)
_STATUS_RANK = {"verified": 0, "secondary": 1, "unverified": 2}


def timeline_for_figure():
    """Return one timeline row per work, each assigned to a lane of :data:`TIMELINE_LANES`.

    Of several ledger claims from one work, the best-sourced one (then the first in the
    ledger) labels the point. Unverified claims are left out: a figure shows findings.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`explainers.literature.ledger.timeline` plus ``lane``.
    """
    table = ledger.timeline()
    # Background rows from works outside the three lanes' themes (e.g. atlas papers) are left
    # out, except earlier chronic-pain work; unverified findings are never drawn as findings.
    in_a_lane = table["reference"].isin(DMN_BACKGROUND_KEYS | DEPRESSION_KEYS) | table["reference"].isin(
        EARLIER_PAIN_KEYS
    )
    table = table[(in_a_lane | (table["kind"] != "background")) & (table["status"] != "unverified")]
    table = table.assign(rank=table["status"].map(_STATUS_RANK), order=range(len(table)))
    best = table.sort_values(["rank", "order"]).drop_duplicates("reference").sort_values(["year", "citation"])
    lane = best["reference"].map(
        lambda key: (
            "dmn" if key in DMN_BACKGROUND_KEYS else "depression" if key in DEPRESSION_KEYS else "pain"
        )
    )
    usage.record("claims", *best["claim_id"])
    return best.assign(lane=lane).drop(columns=["rank", "order"]).reset_index(drop=True)
