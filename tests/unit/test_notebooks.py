"""House rules every committed notebook must follow (checked on the stored, executed files)."""

import json
import re
from pathlib import Path

import pytest

from explainers.core import paths
from explainers.literature import bibliography, figurerecords

NOTEBOOKS = sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
OFFLINE_FETCHERS = {"fetch_coords_power_2011", "fetch_coords_dosenbach_2010", "fetch_coords_seitzman_2018"}
CHAPTER_HEADINGS = ("## Summary", "**Key points**", "## What this does not show", "## References")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def text(cell: dict) -> str:
    return "".join(cell.get("source", ""))


def test_there_are_notebooks():
    assert IDS[:2] == ["00_start_here", "01_baliki2008_in_one_page"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_top_to_bottom_in_a_fresh_kernel(path):
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), "run `make execute` (explainers execute --inplace)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_errors_or_warnings_in_stored_outputs(path):
    for index, cell in enumerate(code_cells(load(path))):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"code cell {index + 1} stored an error"
            if output["output_type"] == "stream":
                assert output["name"] != "stderr", (
                    f"code cell {index + 1} wrote to stderr: {''.join(output['text'])[:200]}"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_image_has_alt_text_and_a_caption(path):
    for index, cell in enumerate(code_cells(load(path))):
        outputs = cell.get("outputs", [])
        for position, output in enumerate(outputs):
            if "image/png" not in output.get("data", {}):
                continue
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt) >= 40, f"code cell {index + 1}: image without descriptive alt text"
            following = outputs[position + 1] if position + 1 < len(outputs) else {}
            caption = "".join(following.get("data", {}).get("text/markdown", ""))
            image, under = figurerecords.figure_mark(output), figurerecords.figure_mark(following)
            assert image and image.part == "image", f"code cell {index + 1}: image without its figure mark"
            assert under and (under.figure_id, under.part, under.number) == (
                image.figure_id,
                "caption",
                image.number,
            )
            assert caption.startswith(f"**{figurerecords.figure_label(image.number)} "), "a numbered caption"
            assert "Licence:" in caption and "Source:" in caption
            assert "fig-" not in caption, "the figure's id travels in metadata, not in the caption's text"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_chapter_skeleton(path):
    nb = load(path)
    markdown = "\n".join(text(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    meta = nb["metadata"]["explainers"]
    assert markdown.lstrip().startswith("# "), "a notebook opens with its title"
    assert "**What you will learn**" in markdown
    assert f"about {meta['minutes']} minutes" in markdown.lower(), (
        "the time estimate in the text must match the metadata"
    )
    assert meta["summary"].strip()
    for heading in CHAPTER_HEADINGS:
        assert heading in markdown, f"missing {heading!r}"
    assert any("clinical_note()" in text(c) for c in code_cells(nb)), (
        "every notebook shows the standard clinical note"
    )


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if not p.stem.startswith("00")],
    ids=[i for i in IDS if not i.startswith("00")],
)
def test_each_content_section_ends_in_a_figure(path):
    """Chapters (not the start page) end every content section in a figure (or an interactive view)."""
    nb = load(path)
    sections: list[list[dict]] = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and re.match(r"^## ", text(cell)):
            sections.append([cell])
        elif sections:
            sections[-1].append(cell)
    closing = ("## Exercise", "## Summary", "## What this does not show", "## References")
    content = [s for s in sections if not text(s[0]).startswith(closing)]
    assert content, "a chapter has content sections"
    for section in content:
        heading = text(section[0]).splitlines()[0]
        last_code = [c for c in section if c["cell_type"] == "code"]
        assert last_code, f"section {heading!r} has no figure"
        interactive = any(
            "<iframe" in "".join(o.get("data", {}).get("text/html", ""))
            for o in last_code[-1].get("outputs", [])
        )
        assert "show_figure(" in text(last_code[-1]) or interactive, (
            f"section {heading!r} does not end in a figure"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_downloads_no_latex_and_exemptions_are_explained(path):
    nb = load(path)
    for cell in nb["cells"]:
        source = text(cell)
        if cell["cell_type"] == "code":
            for name in re.findall(r"\b(fetch_[a-z0-9_]+)\s*\(", source):
                assert name in OFFLINE_FETCHERS, f"{name}() downloads; notebooks run offline"
            for line in source.splitlines():
                if "NBVAL_" in line:
                    reason = line.split("NBVAL_", 1)[1].split(None, 1)
                    assert len(reason) == 2 and len(reason[1]) > 10, f"exemption without a reason: {line!r}"
        else:
            assert "$$" not in source and "\\(" not in source, "LaTeX does not render offline (no MathJax)"


def figure_ids_in(path: Path) -> list[str]:
    """Figure ids passed to show_figure in a notebook's code (a test helper, not a usage record)."""
    source = "\n".join(text(c) for c in code_cells(load(path)))
    return re.findall(r"show_figure\(\s*\w+\s*,\s*[\"']([0-9]{2}-[a-z0-9-]+)[\"']", source)


def test_figure_ids_are_unique_and_numbered_after_their_notebook():
    seen = {}
    for path in NOTEBOOKS:
        for figure_id in figure_ids_in(path):
            assert figure_id[:2] == path.stem[:2], f"{figure_id} is in notebook {path.stem}"
            assert figure_id not in seen, f"{figure_id} used in {seen.get(figure_id)} and {path.stem}"
            seen[figure_id] = path.stem
    assert seen


def test_data_layer_reference_keys_exist_in_the_bibliography():
    from explainers.datasets import anatomy, connectivity, rois, studysets, surfaces

    keys = set(rois.REFERENCES.values()) | {
        anatomy.HARVARD_OXFORD_REFERENCE,
        surfaces.YEO_REFERENCE,
        surfaces.SCHAEFER_REFERENCE,
        surfaces.NEUROSYNTH_REFERENCE,
        connectivity.FC_REFERENCE,
        studysets.PAIN_REFERENCE,
    }
    missing = keys - set(bibliography.load_references())
    assert not missing, (
        f"reference keys used by the data layer but missing from data/references.json: {sorted(missing)}"
    )


TYPED_CITATION = re.compile(
    r"et al\.?,? \(?(?:19|20)\d\d|\([A-Z][A-Za-z-]+(?: (?:&|and) [A-Z][A-Za-z-]+)?,? (?:19|20)\d\d\)"
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_markdown_cells_type_no_citations(path):
    """Cited facts come from the ledger (chapter.say), so markdown never types an author-year citation."""
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "markdown":
            found = TYPED_CITATION.search(text(cell))
            assert not found, (
                f"typed citation {found.group(0)!r} in markdown: state the fact with chapter.say()"
            )
