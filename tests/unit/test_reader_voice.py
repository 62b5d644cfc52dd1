"""What a clinician reading a page sees: numbered figures, a note true on every page, marker
and verdict wording that fits every use, a short version that may sum up several sources."""

from __future__ import annotations

import re

import nbformat
import pytest

from explainers import chapter
from explainers.core import vocabulary
from explainers.figures import captions
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


def test_caption_is_numbered_and_leaves_the_id_to_the_metadata():
    text = captions.caption_markdown(_record("01-where"), 3, "Source: S. Licence: L.")
    assert text.startswith("**Figure 3. A title.** A caption.")
    assert "01-where" not in text
    with pytest.raises(ValueError, match="positive integer, not 0"):
        captions.caption_markdown(_record("01-where"), 0, "Source: S. Licence: L.")


def _figure_cell(figure_id: str, number: int, tags=()):
    image = nbformat.v4.new_output(
        "display_data",
        data={"image/png": "iVBORw0KGgo=", "text/plain": "<IPython.core.display.Image object>"},
        metadata={"image/png": {"alt": "x"}, **figurerecords.output_metadata(figure_id, "image", number)},
    )
    caption = nbformat.v4.new_output(
        "display_data",
        data={"text/markdown": f"**Figure {number}. A.** The caption of Figure {number}."},
        metadata=figurerecords.output_metadata(figure_id, "caption", number),
    )
    return nbformat.v4.new_code_cell("", outputs=[image, caption], metadata={"tags": list(tags)})


def _image_anchors(page: str) -> list[str]:
    images = re.findall(r'<div [^>]*class="jp-RenderedImage[^>]*>', page)
    return [m.group(1) for tag in images if (m := re.search(r'\bid="([^"]+)"', tag))]


def test_site_anchors_images_and_numbers_figures_without_gaps_from_the_metadata():
    nb = nbformat.v4.new_notebook()
    # The second figure is an exercise's, left out of the reader edition.
    nb.cells = [_figure_cell("02-a", 1), _figure_cell("02-b", 2, ["exercise"]), _figure_cell("02-c", 3)]
    page = export.render(nb, "02_x", export.get_edition("reader"))
    assert _image_anchors(page) == ["fig-02-a", "fig-02-c"]
    assert re.findall(r"<strong>Figure (\d+)\.", page) == ["1", "2"]
    assert "The caption of Figure 3." in page, "only the label is renumbered, not the caption's own words"
    full = export.render(nb, "02_x", export.get_edition("full"))
    assert _image_anchors(full) == ["fig-02-a", "fig-02-b", "fig-02-c"]
    assert re.findall(r"<strong>Figure (\d+)\.", full) == ["1", "2", "3"]
    assert nb.cells[2].outputs[1].data["text/markdown"].startswith("**Figure 3."), "the notebook is unchanged"


def test_a_figure_part_outside_the_two_is_refused():
    with pytest.raises(ValueError, match="unknown figure part 'legend'; choose one of: image, caption"):
        figurerecords.output_metadata("01-a", "legend", 1)
