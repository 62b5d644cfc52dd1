"""Claim markers and the handout's parts, from a small notebook executed here (the committed
notebooks are re-executed by the lead; their stored outputs predate the claim marks)."""

import re

import nbformat
import pytest

from explainers.literature import ledger
from explainers.site import export, handout

CLAIMS = ("b08-design-task", "b08-result-performance", "b08-result-deactivation")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["explainers"] = {"title": "A test page", "summary": "A page made by the tests."}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A test page"),
        nbformat.v4.new_code_cell(f"from explainers import chapter\nchapter.short_version{CLAIMS!r}"),
        nbformat.v4.new_code_cell(f"chapter.say({CLAIMS[1]!r}, {CLAIMS[2]!r})"),
        nbformat.v4.new_markdown_cell("## Summary\n\n**Key points**\n\n- one point\n- another"),
        nbformat.v4.new_markdown_cell("## What this does not show\n\n- a limit\n\n## References"),
    ]
    folder = tmp_path_factory.mktemp("notebook")
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def test_say_and_short_version_carry_their_claim_ids_in_the_output_metadata(executed):
    short, said = executed.cells[1].outputs[0], executed.cells[2].outputs[0]
    assert export.output_mark(short) == {"claims": list(CLAIMS), "part": "short-version"}
    assert export.output_mark(said) == {"claims": list(CLAIMS[1:])}


def test_the_full_edition_links_each_sentence_to_its_claim_and_the_reader_edition_does_not(executed):
    full = export.render(executed, "99_test", export.get_edition("full"))
    for claim_id in CLAIMS:
        marker = re.search(rf'<a class="ex-claim" href="claims.html#claim-{claim_id}"[^>]*>', full)
        assert marker, claim_id
        # Right after the sentence it marks.
        sentence = ledger.sentence(claim_id).split("<sup>")[0].rstrip(".")
        before = re.sub(r"<[^>]+>", "", full[: marker.start()])[-len(sentence) :]
        assert before == sentence, claim_id
    assert full.count('class="ex-claim"') == len(CLAIMS) + 2
    reader = export.render(executed, "99_test", export.get_edition("reader"))
    assert 'class="ex-claim"' not in reader


def test_the_handout_finds_its_parts_by_the_marks_and_headings(executed):
    parts = handout.handout_parts(executed, [])
    assert parts.title == "A test page" and parts.short_version.startswith("> **The short version.**")
    assert parts.key_points.strip() == "- one point\n- another"
    assert parts.limits.strip() == "- a limit"


def test_a_notebook_without_the_marks_has_no_handout_and_is_told_which(executed):
    bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Bare")])
    with pytest.raises(
        handout.HandoutError, match="lacks the short version .*'## Key points' or '## Summary'"
    ):
        handout.handout_parts(bare, [])
