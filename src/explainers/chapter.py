"""Pieces every chapter shows, rendered from the data so nothing is retyped in a notebook.

- :func:`clinical_note`: the one standard note for clinicians;
- :func:`collection_table`: the list of notebooks (for the start page);
- :func:`claim_map`: each claim of the ledger and the figure that shows it;
- :func:`press_table`: what the press said and what the paper showed;
- :func:`markdown_table`: the small table renderer they share.
"""

from __future__ import annotations

import json

from . import literature, paths

#: A ``show_figure(fig, "NN-name", ...)`` call in notebook source, capturing the figure id.
FIGURE_CALL = r"show_figure\(\s*\w+\s*,\s*[\"']([0-9]{2}-[a-z0-9-]+)[\"']"

VERDICT_LABELS = {
    "supported": "Supported by the study",
    "interpretation": "Interpretation beyond the data",
    "not tested": "Not tested by the study",
}
STATUS_LABELS = {"verified": "verified", "secondary": "second-hand", "unverified": "not verified"}


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


def _markdown(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def clinical_note():
    """Return the standard note for clinicians (the same text in every notebook).

    Returns
    -------
    IPython.display.Markdown
    """
    return literature.clinical_note()


def notebook_catalogue() -> list[dict]:
    """Read the title, summary, time and audience of every notebook from its metadata.

    Returns
    -------
    list of dict
        Keys ``number``, ``stem``, ``title``, ``summary``, ``minutes``.
    """
    from .export import notebook_title

    import nbformat

    entries = []
    for path in sorted(paths.notebooks_dir().glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.get("explainers", {})
        entries.append(
            {
                "number": path.stem.split("_", 1)[0],
                "stem": path.stem,
                "title": notebook_title(nb),
                "summary": meta.get("summary", ""),
                "minutes": meta.get("minutes", ""),
            }
        )
    return entries


def collection_table():
    """Return the table of notebooks in the collection.

    Returns
    -------
    IPython.display.Markdown
    """
    rows = [[e["number"], e["title"], e["summary"], f"{e['minutes']} min"] for e in notebook_catalogue()]
    return _markdown(markdown_table(["#", "notebook", "the question it answers", "time"], rows))


def claim_map(notebooks: list[str] | None = None):
    """Return the map from each claim to the notebook and figure that show it.

    Only claims that a figure uses are listed; the status column says how firmly each is
    sourced.

    Parameters
    ----------
    notebooks : list of str, optional
        Restrict to claims used in these notebook numbers.

    Returns
    -------
    IPython.display.Markdown
    """
    claims = literature.load_claims()
    rows = []
    for claim_id, row in claims.iterrows():
        figures = [f for f in str(row["figures"]).split(";") if f.strip()]
        used_in = [n for n in str(row["notebooks"]).split(";") if n.strip()]
        if not figures or (notebooks and not set(used_in) & set(notebooks)):
            continue
        rows.append([row["short"], STATUS_LABELS[row["status"]], literature.cite(row["reference"]), ", ".join(figures), f"`{claim_id}`"])
    rows.sort(key=lambda r: (r[3], r[0]))
    return _markdown(markdown_table(["claim", "status", "source", "figure", "ledger id"], rows))


def press_table():
    """Return "what the press said and what the paper showed", one row per popular claim.

    Returns
    -------
    IPython.display.Markdown
    """
    press = literature.load_press_claims()
    claims = literature.load_claims()
    rows = []
    for press_id, row in press.iterrows():
        said = [s for s in row["said_in"].split(";") if s]
        where = "; ".join(sorted({literature.cite(claims.loc[s, "reference"]) for s in said}))
        evidence = ", ".join(f"`{e}`" for e in row["evidence"].split(";") if e)
        rows.append([row["popular_claim"], where, row["measured"], f"**{VERDICT_LABELS[row['verdict']]}**", evidence])
    return _markdown(markdown_table(["popular claim", "said in", "what the study measured", "verdict", "ledger evidence"], rows))


def figure_ids_in(notebook_path) -> list[str]:
    """Return the figure ids a notebook's code passes to ``show_figure``.

    Parameters
    ----------
    notebook_path : path-like

    Returns
    -------
    list of str
    """
    import re

    nb = json.loads(open(notebook_path, encoding="utf-8").read())
    source = "\n".join("".join(c.get("source", "")) for c in nb["cells"] if c["cell_type"] == "code")
    return re.findall(FIGURE_CALL, source)


def say(*claim_ids: str, bullets: bool = False, allow_unverified: bool = False, with_value: bool = False):
    """Return ledger claims as one paragraph (or a bullet list), each with its citation.

    This is how a notebook states facts: the wording and numbers come from
    ``data/claims.csv``, never retyped.

    Parameters
    ----------
    *claim_ids : str
        Ledger ids, in reading order.
    bullets : bool, optional
        One bullet per claim instead of a paragraph.
    allow_unverified, with_value : bool, optional
        Passed to :func:`explainers.literature.claim_text`.

    Returns
    -------
    IPython.display.Markdown
    """
    texts = [literature.claim_text(c, allow_unverified=allow_unverified, with_value=with_value) for c in claim_ids]
    return _markdown("\n".join(f"- {t}" for t in texts) if bullets else " ".join(texts))


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
        :data:`explainers.literature.STATUSES`; values: numbers of claims.
    """
    claims = literature.load_claims()
    groups = list(dict.fromkeys(KIND_GROUPS.values()))
    unknown = sorted(set(claims["kind"]) - set(KIND_GROUPS))
    if unknown:
        raise ValueError(f"ledger kinds without a reader group: {unknown}; known kinds: {sorted(KIND_GROUPS)}")
    table = claims.assign(group=claims["kind"].map(KIND_GROUPS)).pivot_table(index="group", columns="status", values="claim", aggfunc="count", fill_value=0)
    return table.reindex(index=groups, columns=list(literature.STATUSES), fill_value=0).astype(int)


#: Lanes of the literature timeline, top to bottom, and the reference keys that go in the
#: first and last lane (everything else is a chronic-pain study).
TIMELINE_LANES = {
    "dmn": "The default mode network",
    "pain": "Chronic pain and the DMN",
    "depression": "Depression and the DMN",
}
DMN_BACKGROUND_KEYS = frozenset({"raichle2001", "greicius2003", "fox2005", "buckner2008", "margulies2016"})
EARLIER_PAIN_KEYS = frozenset({"apkarian2004"})
DEPRESSION_KEYS = frozenset({"sheline2009", "sheline2010", "hamilton2011", "hamilton2015", "kaiser2015", "dmn_depression_meta2021"})
_STATUS_RANK = {"verified": 0, "secondary": 1, "unverified": 2}


def timeline_for_figure():
    """Return one timeline row per work, each assigned to a lane of :data:`TIMELINE_LANES`.

    Of several ledger claims from one work, the best-sourced one (then the first in the
    ledger) labels the point. Unverified claims are left out: a figure shows findings.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`explainers.literature.timeline` plus ``lane``.
    """
    table = literature.timeline()
    # Background rows from works outside the three lanes' themes (e.g. atlas papers) are left
    # out, except earlier chronic-pain work; unverified findings are never drawn as findings.
    in_a_lane = table["reference"].isin(DMN_BACKGROUND_KEYS | DEPRESSION_KEYS) | table["reference"].isin(EARLIER_PAIN_KEYS)
    table = table[(in_a_lane | (table["kind"] != "background")) & (table["status"] != "unverified")]
    table = table.assign(rank=table["status"].map(_STATUS_RANK), order=range(len(table)))
    best = table.sort_values(["rank", "order"]).drop_duplicates("reference").sort_values(["year", "citation"])
    lane = best["reference"].map(lambda key: "dmn" if key in DMN_BACKGROUND_KEYS else "depression" if key in DEPRESSION_KEYS else "pain")
    return best.assign(lane=lane).drop(columns=["rank", "order"]).reset_index(drop=True)


VERDICT_ANSWERS = {
    "supported": "Supported by the study.",
    "not supported": "Not supported: the study shows otherwise.",
    "not tested": "Not tested by the study.",
}


def quiz(items: list[tuple[str, str, list[str]]]):
    """Return a "which statement does the study support?" exercise with hidden answers.

    Parameters
    ----------
    items : list of (statement, verdict, claim_ids)
        The statement to judge, a key of :data:`VERDICT_ANSWERS`, and the ledger claims that
        explain the answer (rendered with their citations).

    Returns
    -------
    IPython.display.Markdown

    Raises
    ------
    ValueError
        If a verdict is not one of :data:`VERDICT_ANSWERS`.
    """
    import mistune

    blocks = []
    for number, (statement, verdict, claim_ids) in enumerate(items, start=1):
        if verdict not in VERDICT_ANSWERS:
            raise ValueError(f"unknown quiz verdict {verdict!r}; valid verdicts: {', '.join(VERDICT_ANSWERS)}")
        reasons = " ".join(literature.claim_text(c) for c in claim_ids)
        # The answer goes in as HTML on one line: Markdown renderers end an HTML block at a blank
        # line, which would leave the answer outside <details>, visible before the reader asks.
        answer = mistune.html(f"**{VERDICT_ANSWERS[verdict]}** {reasons}").strip().replace("\n", " ")
        blocks.append(f"**{number}. {statement}**\n\n<details><summary>Show the answer</summary>{answer}</details>")
    return _markdown("\n\n".join(blocks))


def table(header: list[str], rows: list[list[str]]):
    """Display a Markdown table (see :func:`markdown_table`).

    Parameters
    ----------
    header : list of str
    rows : list of list of str

    Returns
    -------
    IPython.display.Markdown
    """
    return _markdown(markdown_table(header, rows))


def ledger_usage(notebook_paths) -> dict[str, dict[str, set[str]]]:
    """Find which ledger claims each notebook uses, and in which figure.

    A claim is used by a notebook when its id appears as a string in a code cell, or when a
    cell draws ledger-derived content: :func:`timeline_for_figure` (the timeline's claims)
    and :func:`press_table` / ``load_press_claims`` (the press rows' sources and evidence).
    Claims used in a cell that calls ``show_figure`` belong to that figure.

    Parameters
    ----------
    notebook_paths : iterable of path-like
        Notebooks named ``NN_...ipynb``.

    Returns
    -------
    dict
        ``{claim_id: {"notebooks": {...}, "figures": {...}}}`` for every used claim.
    """
    import re
    from pathlib import Path

    claims = literature.load_claims()
    known = set(claims.index)
    press = literature.load_press_claims()
    press_ids = {i for column in ("said_in", "evidence") for cell in press[column] for i in cell.split(";") if i}
    timeline_ids = set(timeline_for_figure()["claim_id"])
    usage: dict[str, dict[str, set[str]]] = {}
    for path in notebook_paths:
        number = Path(path).stem.split("_", 1)[0]
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell.get("source", ""))
            used = {s for s in re.findall(r"[\"']([a-z0-9][a-z0-9_-]+)[\"']", source) if s in known}
            if "timeline_for_figure(" in source:
                used |= timeline_ids
            if "press_table(" in source or "load_press_claims(" in source:
                used |= press_ids
            figures = set(re.findall(FIGURE_CALL, source))
            for claim_id in used:
                entry = usage.setdefault(claim_id, {"notebooks": set(), "figures": set()})
                entry["notebooks"].add(number)
                entry["figures"] |= figures
    return usage
