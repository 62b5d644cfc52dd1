"""The chapter voice: ledger paragraphs, usage recorded at run time, licences from one table,
one verdict scale, and no typed facts in Markdown, captions or alt text."""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from explainers import chapter
from explainers.core import paths, vocabulary
from explainers.literature import bibliography, datasources, figurerecords, ledger, usage, views

NOTEBOOKS = sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
ROOT = paths.project_root()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell: dict) -> str:
    return "".join(cell.get("source", ""))


pytestmark = pytest.mark.usefixtures("fresh_page")  # tests/unit/conftest.py: each test is one page


# --------------------------------------------------------------------------- say and friends


def test_say_makes_one_paragraph_with_one_citation_at_its_end():
    text_ = chapter.say("b08-result-performance", "b08-result-deactivation").data
    assert text_.count("(Baliki et al., 2008)") == 1 and text_.endswith("(Baliki et al., 2008).")
    assert "\n" not in text_ and not text_.startswith("- ")


def test_say_marks_second_hand_claims_and_explains_the_marker_once_per_page():
    first = chapter.say("b08-design-group-sizes").data
    second = chapter.say("b08-design-bar-rating").data
    marker = vocabulary.STATUSES["secondary"]["marker"]
    assert (
        f"(Brynie, 2008).<sup>{marker}</sup>" in first
        and vocabulary.STATUSES["secondary"]["meaning"] in first
    )
    assert f"<sup>{marker}</sup>" in second and vocabulary.STATUSES["secondary"]["meaning"] not in second


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (
            ("b08-result-deactivaton",),
            r"unknown claim id\(s\) \['b08-result-deactivaton'\]; valid choices are the \d+ ids in "
            r"data/claims.csv\. Did you mean: b08-result-deactivation",
        ),
        (
            ("b08-result-performance", "fox2005-anticorrelated", "murphy2009-global-signal"),
            r"cite 3 sources \(baliki2008, fox2005, murphy2009\); a paragraph may cite at most 2",
        ),
        ((), "needs at least one ledger claim id"),
        (("b08-result-regions",), "unverified"),
    ],
)
def test_say_refuses_bad_input_naming_the_value(ids, message):
    with pytest.raises(ValueError, match=message):
        chapter.say(*ids)


def test_short_version_is_a_block_quote_of_three_ledger_sentences():
    box = chapter.short_version("b08-design-task", "b08-result-performance", "b08-result-deactivation").data
    assert box.startswith("> **The short version.** ")
    for claim_id in ("b08-design-task", "b08-result-performance", "b08-result-deactivation"):
        assert ledger.claim(claim_id).claim.rstrip(".") in box
    with pytest.raises(ValueError, match="unverified"):
        chapter.short_version("b08-design-task", "b08-result-regions", "b08-result-deactivation")


def test_references_list_what_the_page_cited():
    chapter.say("b08-design-group-sizes")
    listed = chapter.references().data
    assert "Brynie" in listed and "Baliki" not in listed


# --------------------------------------------------------------------------- usage recorded at run time


def test_usage_is_kept_in_memory_and_written_only_during_a_build(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPLAINERS_FIGURES_DIR", raising=False)
    chapter.say("b08-result-performance")
    assert usage.usage_file() is None and usage.session("claims") == ["b08-result-performance"]
    monkeypatch.setenv("EXPLAINERS_FIGURES_DIR", str(tmp_path))
    monkeypatch.setenv("EXPLAINERS_NOTEBOOK", "01_test")
    chapter.say("b08-design-group-sizes")
    record = json.loads((tmp_path / "usage" / "01_test.json").read_text())
    assert record["claims"] == ["b08-result-performance", "b08-design-group-sizes"]
    assert record["references"] == ["baliki2008", "dana2008"]
    assert usage.read_all(tmp_path) == {"01_test": record}
    assert usage.combined(usage.read_all(tmp_path), "references") == {
        "baliki2008": ["01_test"],
        "dana2008": ["01_test"],
    }
    assert usage.read_all(tmp_path / "nowhere") == {}


def test_usage_rejects_unknown_kinds():
    with pytest.raises(
        ValueError, match="unknown usage kind 'claim'; choose one of: claims, figures, references, sources"
    ):
        usage.record("claim", "x")


def test_ledger_has_no_derived_columns():
    with open(paths.data_dir() / ledger.CLAIMS_FILE, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert "notebooks" not in header and "figures" not in header
    assert not (ROOT / "tools" / "sync_ledger_usage.py").exists()


# --------------------------------------------------------------------------- one verdict scale


def test_verdicts_and_statuses_are_defined_once():
    assert list(vocabulary.VERDICTS) == [
        "supported",
        "overstated",
        "beyond the data",
        "not tested",
        "factual error",
    ]
    assert list(vocabulary.STATUSES) == ["verified", "secondary", "unverified"]
    for path in (ROOT / "src" / "explainers").glob("*.py"):
        if path.name != "vocabulary.py":
            assert not re.search(r"[\"']not tested[\"']\s*:", path.read_text(encoding="utf-8")), (
                f"{path.name} defines its own verdicts"
            )


def test_press_table_uses_the_verdict_labels():
    table = views.press_table().data
    for key in set(ledger.load_press_claims()["verdict"]):
        assert f"**{vocabulary.VERDICTS[key]['label']}**" in table


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_draw_verdicts_from_the_one_scale(path):
    """A chart drawn in a notebook's cells (01's verdict chart) looks verdicts up, never redefines them."""
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "code":
            own_scale = re.search(r"[\"']not tested[\"']\s*:", text(cell))
            assert not own_scale, f"{path.stem} defines its own verdicts"


def test_vocabulary_lookups_name_bad_values():
    with pytest.raises(
        ValueError, match="unknown verdict 'interpretation'; valid verdicts: supported, overstated"
    ):
        vocabulary.verdict("interpretation")
    with pytest.raises(
        ValueError, match="unknown claim status 'maybe'; valid statuses: verified, secondary, unverified"
    ):
        vocabulary.status("maybe")


# --------------------------------------------------------------------------- licences from one table


def show_figure_calls(path: Path) -> list[ast.Call]:
    calls = []
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(text(cell))
        except SyntaxError:
            continue
        calls += [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "show_figure"
        ]
    return calls


def keyword(call: ast.Call, name: str):
    return next((k.value for k in call.keywords if k.arg == name), None)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_names_data_sources_with_a_licence(path):
    sources = datasources.load_sources()
    for call in show_figure_calls(path):
        data = keyword(call, "data")
        assert isinstance(data, ast.Tuple) and data.elts, (
            f"{path.stem}: a show_figure call has no literal data=(...) tuple"
        )
        for element in data.elts:
            data_id = ast.literal_eval(element)
            assert data_id in sources.index, (
                f"{path.stem}: data source {data_id!r} is not in data/sources.csv"
            )
            assert sources.loc[data_id, "licence"].strip(), f"{data_id!r} has no licence"


def test_licence_line_follows_the_data():
    assert datasources.credit(("ledger",)).licence == "CC BY 4.0"
    line = datasources.credit(("yeo2011-fslr", "neurosynth-default-mode", "hcp-s1200-surfaces")).licence
    assert (
        "ODbL" in line and "HCP Open Access Data Use Terms" in line and line.startswith("CC BY 4.0 (figure)")
    )


def test_data_named_as_one_string_is_refused_with_the_choices():
    with pytest.raises(TypeError, match=r"not the string 'ledger'; choose one or more of: .*neurosynth"):
        datasources.credit("ledger")


def test_every_built_figure_credits_what_the_data_source_table_says_now():
    """Licences are never typed per figure: each record's source and licence follow from sources.csv."""
    records = figurerecords.read(paths.figures_dir())
    assert records, "the committed figures/ holds figure records"
    for record in records:
        credit = datasources.credit(record.data, record.claims)
        assert (record.source, record.licence) == (credit.source, credit.licence), record.figure_id


def test_readme_and_licence_file_name_every_data_licence():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    licence_file = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    for licence in set(datasources.load_sources()["licence"]):
        assert licence in readme, f"README.md does not name the data licence {licence!r}"
        assert licence in licence_file, f"LICENSE-CONTENT.md does not name the data licence {licence!r}"


# --------------------------------------------------------------------------- no typed facts

TYPED_CITATION = re.compile(
    r"et al\.?|\([A-Z][A-Za-z-]+(?: (?:&|and) [A-Z][A-Za-z-]+)?,? (?:19|20)\d\d\)|\b(?:19|20)\d\d\b"
)
#: Names of the people and organisations in the bibliography: typing one is stating a fact.
NAMES = sorted(
    {
        name
        for item in bibliography.load_references().values()
        for person in item.get("author", [])
        for name in [person.get("family") or person.get("literal") or ""]
        if len(name) > 3
    }
)
NAME_PATTERN = re.compile(r"\b(" + "|".join(re.escape(n) for n in NAMES) + r")\b")
#: Not facts: licence names and the time estimate.
NOT_FACTS = re.compile(r"CC BY 4\.0|ODbL 1\.0|\*\*Time:\*\*.*|`[^`]*`")


def literal_text(node) -> str:
    """The typed parts of a caption: string constants, not the {computed} values of f-strings."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return literal_text(node.left) + " " + literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return literal_text(node.body) + " " + literal_text(node.orelse)
    return ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_captions_and_alt_text_type_no_numbers_or_citations(path):
    for call in show_figure_calls(path):
        for name in ("title", "caption", "alt"):
            typed = literal_text(keyword(call, name))
            for pattern in (re.compile(r"\d"), TYPED_CITATION):
                found = pattern.search(typed)
                assert not found, (
                    f"{path.stem}: typed {found.group(0)!r} in a figure {name}; "
                    "use a computed value or cite()"
                )
        assert keyword(call, "source") is None, (
            f"{path.stem}: a figure types its source; pass data=(...) instead"
        )


def facts_in(markdown: str) -> set[str]:
    body = "\n".join(line for line in markdown.splitlines() if not line.lstrip().startswith("#"))
    body = NOT_FACTS.sub(" ", body)
    body = re.sub(r"^\s*\d+\.\s", " ", body, flags=re.M)  # ordered-list markers
    return set(re.findall(r"\d+(?:[.,]\d+)*", body)) | set(NAME_PATTERN.findall(body))


def fact_text(claim_id: str) -> str:
    row = ledger.claim(claim_id)
    return " ".join([row.claim, row.value, row.short, row.quote, bibliography.cite(row.reference)])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_markdown_states_facts_only_from_declared_ledger_rows(path):
    """Headings and framing are free; a number or a name from the bibliography in a Markdown cell
    must come from the ledger rows the cell declares in its metadata (explainers.claims)."""
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        declared = cell.get("metadata", {}).get("explainers", {}).get("claims", [])
        allowed = " ".join(fact_text(c) for c in declared)
        for fact in sorted(facts_in(text(cell))):
            assert fact in allowed, (
                f"{path.stem}: Markdown states {fact!r} without a ledger row that says it; "
                "state it with chapter.say() or declare the row in the cell's metadata "
                f"(declared: {declared})"
            )


def test_the_fact_check_can_fail():
    assert facts_in("In 2008, 15 patients took part (Baliki).") == {"2008", "15", "Baliki"}
    assert facts_in("## 3. Heading 2008\n\n**Time:** about 15 minutes. Licence CC BY 4.0.") == set()
    assert "15" not in fact_text("b08-design-task") and "Brynie" in fact_text("b08-design-group-sizes")


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if p.stem[:2] in {"00", "01", "02", "03", "04", "05", "06"}],
    ids=lambda p: p.stem,
)
def test_reader_text_has_no_ids_paths_code_names_or_stdout(path):
    ids = set(ledger.load_claims().index)
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "code" or {"exercise", "solution", "hide-in-reader"} & set(
            cell.get("metadata", {}).get("tags", [])
        ):
            continue
        for output in cell.get("outputs", []):
            assert output["output_type"] != "stream", (
                f"{path.stem}: printed output in a reader cell: {text(cell)[:60]!r}"
            )
            shown = "".join(output.get("data", {}).get("text/markdown", ""))
            for found in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", shown):
                assert found not in ids, f"{path.stem}: ledger id {found!r} shown to readers"
            assert not re.search(r"data/\w+\.csv|explainers\.\w+|\w+\.py\b", shown), (
                f"{path.stem}: a file path or code name shown to readers: {shown[:120]!r}"
            )


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if p.stem[:2] in {"00", "01", "02", "03", "04", "05", "06"}],
    ids=lambda p: p.stem,
)
def test_every_citation_shown_is_in_the_reference_list(path):
    shown, listed = [], ""
    for cell in load(path)["cells"]:
        for output in cell.get("outputs", []):
            markdown = "".join(output.get("data", {}).get("text/markdown", ""))
            if "references()" in text(cell):
                listed = markdown
            else:
                shown.append(markdown)
    assert listed.startswith("- ")
    author = r"([A-Z][A-Za-z-]+)(?: et al\.| & [A-Z][A-Za-z-]+)?"
    year = r"((?:19|20)\d\d|n\.d\.)"
    everything = "\n".join(shown)
    cited = re.findall(rf"[(;] ?{author}, {year}", everything) + re.findall(
        rf"{author} \({year}\)", everything
    )
    assert cited, f"{path.stem}: no citations found, so this check would pass vacuously"
    for names, year in cited:
        assert re.search(rf"{re.escape(names)}[^\n]*\({re.escape(year)}", listed), (
            f"{path.stem}: {names} ({year}) is cited but not listed"
        )
