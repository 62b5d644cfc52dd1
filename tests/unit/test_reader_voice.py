"""What a clinician reading a page sees: numbered figures, a note true on every page, marker
and verdict wording that fits every use, a short version that may sum up several sources."""

from __future__ import annotations

import re

import pytest

from explainers import chapter
from explainers.core import vocabulary
from explainers.figures import show
from explainers.literature import figurerecords, ledger
from explainers.site import export

pytestmark = pytest.mark.usefixtures("fresh_page")  # tests/unit/conftest.py: each test is one page


def test_clinical_note_fits_pages_that_are_not_about_one_study():
    note = ledger.CLINICAL_NOTE
    assert "one small research study" not in note
    assert "group-level" in note and "not a diagnostic test" in note and "individual patient" in note


def test_unverified_marker_explanation_is_generic():
    meaning = vocabulary.status("unverified")["meaning"]
    assert "coverage" not in meaning and "not found in any source read" in meaning


def test_factual_error_covers_statements_the_reported_results_contradict():
    # The 01 quiz judges "did the task worse" (the paper reports equal performance) a factual error.
    assert "contradicted by what the study reported" in vocabulary.verdict("factual error")["meaning"]


def test_short_version_may_cite_one_source_per_sentence_but_say_may_not():
    ids = ("raichle2001-default-mode", "fox2005-deactivated-regions", "yeo2011-literature-core")
    box = chapter.short_version(*ids).data
    assert box.count(";") == 2 and box.rstrip().endswith(").")
    with pytest.raises(ValueError, match="at most 2"):
        chapter.say(*ids)


def test_quiz_can_refer_to_the_scale_shown_above():
    items = [("The patients did the task worse.", "factual error", ["b08-result-performance"])]
    with_scale = chapter.quiz(items).data
    without = chapter.quiz(items, show_scale=False).data
    meaning = vocabulary.verdict("supported")["meaning"]
    assert meaning in with_scale and meaning not in without
    assert "scale above" in without and "<strong>Factual error.</strong>" in without


def _record(figure_id: str) -> figurerecords.FigureRecord:
    alt = "An alt text long enough to pass."
    return figurerecords.FigureRecord(figure_id, "A title.", "A caption.", alt, "", "", data=["ledger"])


def test_caption_is_numbered_and_keeps_the_id_only_as_an_anchor():
    text = show.caption_markdown(_record("01-where"), 3, "Source: S. Licence: L.")
    assert text.startswith('<a id="fig-01-where"></a>**Figure 3. A title.** A caption.')
    assert "Figure 01-where" not in text
    with pytest.raises(ValueError, match="positive integer, not 0"):
        show.caption_markdown(_record("01-where"), 0, "Source: S. Licence: L.")


def test_site_moves_anchors_to_images_and_numbers_figures_without_gaps():
    image = '<div class="jp-RenderedImage"><img alt="x"></div>'
    page = (
        image
        + '<p><a id="fig-02-a"></a><strong>Figure 1. A.</strong></p>'
        # an exercise figure (number 2 in the notebook) left out of this edition
        + image
        + '<p><a id="fig-02-c"></a><strong>Figure 3. C.</strong></p>'
    )
    out = export.anchor_figures(page)
    assert re.findall(r'<div id="(fig-[\w-]+)" class="jp-RenderedImage', out) == ["fig-02-a", "fig-02-c"]
    assert re.findall(r"<strong>Figure (\d+)\.", out) == ["1", "2"]
    assert out.count('id="fig-02-a"') == 1, "the anchor leaves the caption, so the id stays unique"
