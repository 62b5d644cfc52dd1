"""The voice of a chapter: ledger claims as paragraphs, the short version, quizzes and exercise checks.

A notebook states facts only through these helpers, so every sentence a reader sees comes
from ``data/claims.csv`` with its source:

- :func:`say`: one paragraph of ledger sentences, one citation at its end (at most two
  sources), a small marker on claims that are not verified in their own source, the
  markers explained the first time they appear on the page;
- :func:`short_version`: the three-sentence box after a notebook's title;
- :func:`quiz`: statements to judge on the one verdict scale of :mod:`explainers.core.vocabulary`;
- :func:`check`: the friendly check after a coding exercise;
- :func:`references`: the reference list of everything the page cited.

Tables and figure data built from the ledger (the press table, the claim map, the timeline)
live in :mod:`explainers.literature.views` and are re-exported here for notebooks.
"""

from __future__ import annotations

import difflib
import math

from explainers.core.vocabulary import STATUSES, VERDICTS
from explainers.literature import bibliography, ledger, usage
from explainers.literature.views import (
    markdown_table,
)

#: Most sources one paragraph may cite: more means the paragraph mixes too much.
MAX_SOURCES_PER_PARAGRAPH = 2

#: The short version may cite one source per sentence: it sums up a whole page.
MAX_SOURCES_SHORT_VERSION = 3

#: Statuses whose marker has been explained on this page (one kernel = one page).
_EXPLAINED: set[str] = set()


def new_page() -> None:
    """Start a new page in this process: forget the markers explained and what was used.

    A notebook's kernel is one page, so notebooks never call this; tests and scripts that
    render several pages in one process do.

    Returns
    -------
    None
    """
    _EXPLAINED.clear()
    usage.reset()


def _markdown(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def clinical_note():
    """Return the standard note for clinicians (the same text in every notebook).

    Returns
    -------
    IPython.display.Markdown
    """
    return ledger.clinical_note()


def _checked_claims(claim_ids, max_sources: int = MAX_SOURCES_PER_PARAGRAPH) -> list:
    if not claim_ids:
        raise ValueError("say() needs at least one ledger claim id")
    known = ledger.load_claims().index
    unknown = [c for c in claim_ids if c not in known]
    if unknown:
        close = sorted({m for c in unknown for m in difflib.get_close_matches(c, known, n=3, cutoff=0.5)})
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise ValueError(
            f"unknown claim id(s) {unknown}; valid choices are the {len(known)} ids in data/claims.csv.{hint}"
        )
    rows = [ledger.claim(c) for c in claim_ids]
    references = list(dict.fromkeys(r.reference for r in rows))
    if len(references) > max_sources:
        raise ValueError(
            f"claims {list(claim_ids)} cite {len(references)} sources ({', '.join(references)}); "
            f"a paragraph may cite at most {max_sources}: split it into several say() calls"
        )
    return rows


def _marker_notes(statuses) -> str:
    new = [s for s in STATUSES if s in statuses and STATUSES[s]["marker"] and s not in _EXPLAINED]
    _EXPLAINED.update(new)
    notes = [f"{STATUSES[s]['marker']} {STATUSES[s]['label']}: {STATUSES[s]['meaning']}." for s in new]
    return f"\n\n<small>{' '.join(notes)}</small>" if notes else ""


def paragraph(*claim_ids: str, allow_unverified: bool = False) -> str:
    """Return ledger sentences as one Markdown paragraph with one citation at its end.

    Parameters
    ----------
    *claim_ids : str
        Ledger ids, in reading order.
    allow_unverified : bool, default False
        Unverified claims raise unless this is ``True``.

    Returns
    -------
    str
        The sentences, each followed by its status marker (none for verified claims), the
        last one ending in "(Source A, year; Source B, year)." When a marker appears on the
        page for the first time, a small note explaining it follows the paragraph.

    Raises
    ------
    ValueError
        No ids, an unknown id (the message names it and the valid choices), more than
        :data:`MAX_SOURCES_PER_PARAGRAPH` distinct sources, or an unverified claim without
        ``allow_unverified``.
    """
    return _paragraph(claim_ids, allow_unverified, MAX_SOURCES_PER_PARAGRAPH)


def _paragraph(claim_ids, allow_unverified: bool, max_sources: int) -> str:
    rows = _checked_claims(claim_ids, max_sources)
    sentences = [ledger.sentence(r.id, allow_unverified=allow_unverified) for r in rows]
    references = list(dict.fromkeys(r.reference for r in rows))
    citation = "(" + "; ".join(bibliography.cite(key, parenthetical=True)[1:-1] for key in references) + ")"
    last, _, marker = sentences[-1].partition("<sup>")
    last = f"{last.rstrip('.')} {citation}." + (f"<sup>{marker}" if marker else "")
    text = " ".join([*sentences[:-1], last])
    return text + _marker_notes({r.status for r in rows})


def say(*claim_ids: str, allow_unverified: bool = False):
    """Display ledger claims as one paragraph (see :func:`paragraph`).

    This is how a notebook states facts: the wording and numbers come from
    ``data/claims.csv``, never retyped, and the claims are recorded as used by the page.

    Parameters
    ----------
    *claim_ids : str
        Ledger ids, in reading order.
    allow_unverified : bool, default False
        Unverified claims raise unless this is ``True``.

    Returns
    -------
    IPython.display.Markdown

    Raises
    ------
    ValueError
        See :func:`paragraph`.
    """
    return _markdown(paragraph(*claim_ids, allow_unverified=allow_unverified))


def short_version(id1: str, id2: str, id3: str):
    """Display "the short version": three plain ledger sentences right after a notebook's title.

    Parameters
    ----------
    id1, id2, id3 : str
        Ledger ids of the three sentences; verified or second-hand only.

    Returns
    -------
    IPython.display.Markdown
        A block quote headed "The short version".

    Raises
    ------
    ValueError
        As :func:`paragraph` (unverified claims are refused here), except that the three
        sentences may cite up to :data:`MAX_SOURCES_SHORT_VERSION` sources, one each.
    """
    text = _paragraph((id1, id2, id3), False, MAX_SOURCES_SHORT_VERSION)
    return _markdown("> **The short version.** " + text.replace("\n\n", "\n>\n> "))


def quiz(items, *, show_scale: bool = True):
    """Return statements to judge against the study, with hidden answers on the one verdict scale.

    Parameters
    ----------
    items : list of (statement, verdict, claim_ids)
        The statement to judge, a key of :data:`explainers.core.vocabulary.VERDICTS`, and the
        ledger claims that explain the answer (one paragraph, at most two sources).
    show_scale : bool, default True
        Print the verdict scale above the statements; ``False`` when the page has just shown
        it (the statements then refer to the scale above).

    Returns
    -------
    IPython.display.Markdown
        The verdict scale (unless ``show_scale`` is false), then each statement with its
        answer in a closed ``<details>``.

    Raises
    ------
    ValueError
        If a verdict is not one of the verdicts (the message lists them), or the claims
        fail :func:`paragraph`.
    """
    import mistune

    if show_scale:
        blocks = ["Judge each statement on the scale the press table uses:", ""]
        blocks += [f"- **{v['label']}**: {v['meaning']}." for v in VERDICTS.values()]
    else:
        labels = ", ".join(v["label"] for v in VERDICTS.values())
        blocks = [f"Judge each statement on the verdict scale above ({labels})."]
    for number, (statement, verdict, claim_ids) in enumerate(items, start=1):
        if verdict not in VERDICTS:
            raise ValueError(
                f"unknown quiz verdict {verdict!r} in item {number}; valid verdicts: {', '.join(VERDICTS)}"
            )
        reasons = paragraph(*claim_ids).split("\n\n<small>")[0]
        # The answer goes in as HTML on one line: Markdown renderers end an HTML block at a blank
        # line, which would leave the answer outside <details>, visible before the reader asks.
        answer = mistune.html(f"**{VERDICTS[verdict]['label']}.** {reasons}").strip().replace("\n", " ")
        blocks += [
            "",
            f"**{number}. {statement}**",
            "",
            f"<details><summary>Show the answer</summary>{answer}</details>",
        ]
    return _markdown("\n".join(blocks))


def check(answer, expected, *, what: str = "your answer", tolerance: float = 1e-6):
    """Check an exercise answer and say, in words, whether it is right.

    Parameters
    ----------
    answer : object
        What the student computed; ``...`` (Ellipsis) means not filled in yet.
    expected : object
        The right value (numbers are compared within ``tolerance``, other values with ``==``).
    what : str, optional
        What the answer is, for the message.
    tolerance : float, optional
        Absolute tolerance for numbers.

    Returns
    -------
    IPython.display.Markdown
        A friendly message; never raises, so an unfinished exercise still runs.
    """
    if answer is Ellipsis:
        return _markdown(f"*Fill in the `...` to compute {what}, then run the cell again.*")
    try:
        right = math.isclose(float(answer), float(expected), abs_tol=tolerance)
    except (TypeError, ValueError):
        right = answer == expected
    if right:
        return _markdown(f"**Well done:** {what} is right.")
    return _markdown(
        f"**Not yet:** {what} is `{answer!r}`, which is not the expected value. "
        "Look at the hint and try again."
    )


def references():
    """Return the reference list of everything this page has cited so far.

    Returns
    -------
    IPython.display.Markdown
    """
    return bibliography.reference_list(usage.session("references"))


def table(header: list[str], rows: list[list[str]]):
    """Display a Markdown table (see :func:`explainers.literature.views.markdown_table`).

    Parameters
    ----------
    header : list of str
    rows : list of list of str

    Returns
    -------
    IPython.display.Markdown
    """
    return _markdown(markdown_table(header, rows))
