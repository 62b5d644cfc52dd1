"""The voice of a chapter: ledger claims as paragraphs, the short version, quizzes and exercise checks.

A notebook states facts only through these helpers, so every sentence a reader sees comes
from ``data/claims.csv`` with its source:

- :func:`say`: one paragraph of ledger sentences, one citation at its end (at most two
  sources), a small marker on claims that are not verified in their own source, the
  markers explained the first time they appear on the page;
- :func:`short_version`: the three-sentence box after a notebook's title;
- :func:`quiz`: statements to judge on the one verdict scale of :mod:`explainers.core.vocabulary`;
- :func:`check` and :func:`answer_key`: the friendly check after a coding exercise, against a
  key that does not reveal the answer; :func:`check_prediction` for predict-then-run exercises;
- :func:`references`: the reference list of everything the page cited.

Tables and figure data built from the ledger (the press table, the claim map, the timeline)
live in :mod:`explainers.literature.views`; notebooks call them there.
"""

from __future__ import annotations

import difflib

from explainers.core.vocabulary import STATUSES, VERDICTS
from explainers.literature import bibliography, ledger, usage, views

_show = views.as_markdown  # every block a chapter says is Markdown

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
        Its metadata carries the claim ids (``{"explainers": {"claims": [...]}}``), from which
        the site links each sentence to its claim in the claim explorer.

    Raises
    ------
    ValueError
        See :func:`paragraph`.
    """
    return _show(paragraph(*claim_ids, allow_unverified=allow_unverified), _claims_mark(claim_ids))


def _claims_mark(claim_ids, part: str | None = None) -> dict:
    """The output metadata that carries a block's claim ids to the site (its claim markers)."""
    mark = {"claims": list(claim_ids)}
    if part:
        mark["part"] = part
    return {"explainers": mark}


def short_version(id1: str, id2: str, id3: str):
    """Display "the short version": three plain ledger sentences right after a notebook's title.

    Parameters
    ----------
    id1, id2, id3 : str
        Ledger ids of the three sentences; verified or second-hand only.

    Returns
    -------
    IPython.display.Markdown
        A block quote headed "The short version"; its metadata carries the three claim ids
        and the part name ``short-version`` (``{"explainers": {...}}``), for the site.

    Raises
    ------
    ValueError
        As :func:`paragraph` (unverified claims are refused here), except that the three
        sentences may cite up to :data:`MAX_SOURCES_SHORT_VERSION` sources, one each.
    """
    text = _paragraph((id1, id2, id3), False, MAX_SOURCES_SHORT_VERSION)
    # The site finds the block by this mark (the handout and the index show it).
    mark = _claims_mark((id1, id2, id3), part="short-version")
    return _show("> **The short version.** " + text.replace("\n\n", "\n>\n> "), mark)


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
    return _show("\n".join(blocks))


def _normalised(answer, decimals: int | None) -> str:
    # Numbers are compared at the stated precision; anything else as trimmed, lower-case text.
    if isinstance(answer, bool) or decimals is None:
        return str(answer).strip().lower()
    value = round(float(answer), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{value:.{decimals}f}"


def answer_key(exercise: str, answer, *, decimals: int | None = None) -> str:
    """Return the opaque key of an exercise's right answer, for the exercise cell to check against.

    An exercise cell must not show its own answer, so it carries this key instead of the
    expression that computes the answer. An author computes the key once from the solution,
    types it into the exercise and solution cells, and the stored output of the solution cell
    ("Well done") proves on every test run that the key still matches the data.

    Parameters
    ----------
    exercise : str
        A name for the exercise, unique in the collection (``"04-task-positive-t"``); it salts
        the key, so two exercises with the same answer have different keys.
    answer : object
        The right answer: a number (compared at ``decimals``) or a short text.
    decimals : int, optional
        Decimal places a number is compared at; required for numbers that are not integers.

    Returns
    -------
    str
        Twelve hexadecimal characters.
    """
    import hashlib

    if not isinstance(exercise, str) or not exercise.strip():
        raise ValueError(f"an exercise needs a name; got {exercise!r}")
    if isinstance(answer, float) and decimals is None:
        raise ValueError(
            f"exercise {exercise!r}: a non-integer answer needs decimals= (the precision it is compared at)"
        )
    text = f"{exercise}:{_normalised(answer, decimals)}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def check(
    answer, *, exercise: str, key: str, what: str = "your answer", decimals: int | None = None, hint=""
):
    """Check an exercise answer against its key and say, in words, whether it is right.

    The key (see :func:`answer_key`) does not reveal the answer: a wrong answer gets the hint,
    never the right value.

    Parameters
    ----------
    answer : object
        What the student computed; ``...`` (Ellipsis) means not filled in yet.
    exercise : str
        The exercise's name, as given to :func:`answer_key`.
    key : str
        The key of the right answer.
    what : str, optional
        What the answer is, for the message.
    decimals : int, optional
        Decimal places a number is compared at (as given to :func:`answer_key`).
    hint : str, optional
        Shown (as Markdown) when the answer is not right.

    Returns
    -------
    IPython.display.Markdown
        A friendly message; never raises on a wrong or unfinished answer, so the cell still runs.

    Raises
    ------
    ValueError
        If ``key`` is not a key at all (twelve hexadecimal characters), which is an authoring slip.
    """
    import re

    if not re.fullmatch(r"[0-9a-f]{12}", str(key)):
        raise ValueError(
            f"exercise {exercise!r}: {key!r} is not an answer key; make one with chapter.answer_key()"
        )
    if answer is Ellipsis:
        return _show(f"*Fill in the `...` to compute {what}, then run the cell again.*")
    try:
        right = answer_key(exercise, answer, decimals=decimals) == key
    except (TypeError, ValueError):
        right = False
    if right:
        return _show(f"**Well done:** {what} is right.")
    precision = f" (compared to {decimals} decimal places)" if decimals is not None else ""
    tip = f" Hint: {hint}" if hint else " Read the exercise again and try once more."
    return _show(f"**Not yet:** {what} is `{answer!r}`, which is not the expected value{precision}.{tip}")


def check_prediction(prediction, observed, *, what: str = "your prediction"):
    """Compare a prediction made before running a cell with what the data then showed.

    Unlike :func:`check`, the observed value is computed in plain sight: the exercise is to
    commit to a prediction first, and the cell then runs the experiment.

    Parameters
    ----------
    prediction : str or Ellipsis
        What the student predicted (``...`` until they decide).
    observed : str
        What the data showed.
    what : str, optional
        What was predicted, for the message.

    Returns
    -------
    IPython.display.Markdown
    """
    if prediction is Ellipsis:
        return _show(f"*Write down {what} in place of the `...` before you run the cell.*")
    if str(prediction).strip().lower() == str(observed).strip().lower():
        return _show(f"**Your prediction held:** {what} was {observed}.")
    return _show(
        f"**The data disagreed:** you predicted {prediction!r}; the data showed {observed!r}. "
        "Which step of the processing made the difference?"
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
    return _show(views.markdown_table(header, rows))
