"""End-to-end checks of `explainers build` on a throw-away project with fixture notebooks."""

import json
import re
import shutil
from pathlib import Path

import pytest

from explainers import build, export, paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A project root holding one working notebook; data/ is the real one (read-only)."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(FIXTURES / "ok_notebook.ipynb", tmp_path / "notebooks" / "98_ok.ipynb")
    real_data = paths.data_dir()
    monkeypatch.setenv("EXPLAINERS_ROOT", str(tmp_path))
    monkeypatch.setenv("EXPLAINERS_DATA_DIR", str(real_data))
    monkeypatch.delenv("EXPLAINERS_SITE_DIR", raising=False)
    monkeypatch.delenv("EXPLAINERS_CACHE_DIR", raising=False)
    monkeypatch.delenv("EXPLAINERS_FIGURES_DIR", raising=False)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_writes_site_figures_and_gallery(project, capsys):
    assert build.build(progress=False) == 0
    site, figures = project / "site", project / "figures"
    assert {p.name for p in site.glob("*.html")} == {
        "index.html",
        "gallery.html",
        "claims.html",
        "98_ok.html",
        "98_ok.reader.html",
        "98_ok.embed.html",
    }
    expected = {"98-test-curve.png", "98-test-curve.svg", "98-test-curve.json", "usage/98_ok.json"}
    assert {p.relative_to(figures).as_posix() for p in figures.rglob("*") if p.is_file()} == expected | {
        "README.md"
    }
    assert {
        p.relative_to(site / "figures").as_posix() for p in (site / "figures").rglob("*") if p.is_file()
    } == expected
    assert json.loads((figures / "usage" / "98_ok.json").read_text())["figures"] == ["98-test-curve"]
    assert "a rising curve drawn by the build tests." in (figures / "README.md").read_text()
    full = (site / "98_ok.html").read_text()
    reader = (site / "98_ok.reader.html").read_text()
    assert 'alt="A line rising from the lower left' in full
    assert "hl-ipython3" in full
    assert "hl-ipython3" not in reader, "the reader edition must not show code"
    out = capsys.readouterr().out
    assert "98_ok" in out and "built" in out and "peak MB" in out


def test_every_exported_page_is_self_contained(project):
    assert build.build(progress=False) == 0
    for page in (project / "site").glob("*.html"):
        assert export.external_references(page.read_text()) == [], page.name


def test_second_build_is_a_no_op_and_forced_rebuild_is_byte_identical(project, capsys):
    assert build.build(progress=False) == 0
    first = snapshot(project / "figures")
    capsys.readouterr()
    assert build.build(progress=False) == 0
    assert "up to date" in capsys.readouterr().out
    assert build.build(progress=False, force=True) == 0
    assert snapshot(project / "figures") == first


def test_broken_notebook_fails_loudly_and_keeps_the_previous_site(project, capsys):
    assert build.build(progress=False) == 0
    site_before, figures_before = snapshot(project / "site"), snapshot(project / "figures")
    shutil.copy(FIXTURES / "broken_notebook.ipynb", project / "notebooks" / "99_broken.ipynb")
    capsys.readouterr()
    assert build.build(progress=False) == 1
    err = capsys.readouterr().err
    assert "notebooks/99_broken.ipynb" in err
    assert "cell 3" in err and "ZeroDivisionError" in err
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "figures") == figures_before


def test_only_builds_one_notebook_and_rejects_unknown_names(project, capsys):
    with pytest.raises(build.BuildError, match=r"no notebook called 'nope'; valid names: 98_ok"):
        build.build(only=["nope"], progress=False)
    assert build.build(only=["98"], progress=False) == 0
    assert (project / "site" / "98_ok.html").exists()


def test_source_notebook_is_never_rewritten_by_build(project):
    source = project / "notebooks" / "98_ok.ipynb"
    before = source.read_bytes()
    assert build.build(progress=False) == 0
    assert source.read_bytes() == before


def test_execute_inplace_stores_outputs_without_timing_metadata(project):
    import nbformat

    assert build.execute_inplace() == 0
    nb = nbformat.read(project / "notebooks" / "98_ok.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert all("execution" not in c.metadata for c in code)
    assert code[0].metadata["tags"] == ["hide-in-reader"], "cell tags must survive execution"
    assert any(o.get("output_type") == "display_data" for o in code[-1].outputs)
    assert not (project / "figures").exists(), "executing in place must not write figures"


def _write_notebook(path: Path, sources: list[str], minutes: int = 1) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(
        metadata={"explainers": {"minutes": minutes, "summary": f"Fixture {path.stem}."}}
    )
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Fixture {path.stem}")] + [
        nbformat.v4.new_code_cell(s) for s in sources
    ]
    nbformat.write(nb, path)


SUMMARY_CELL = """
from explainers import paths, usage
folder = (paths.figure_output_dir() or paths.figures_dir()) / usage.USAGE_FOLDER
records = usage.read_all(folder)
print(sorted((stem, tuple(r["claims"])) for stem, r in records.items() if stem != "00_summary"))
"""


def test_the_summary_notebook_runs_last_and_is_rebuilt_when_another_notebooks_usage_changes(project, capsys):
    import nbformat

    used = project / "notebooks" / "97_uses.ipynb"
    _write_notebook(used, ["from explainers import usage\nusage.record('claims', 'claim-a')"])
    _write_notebook(project / "notebooks" / "00_summary.ipynb", [SUMMARY_CELL])
    assert build.build(progress=False) == 0

    def summary_output():
        entry = next((project / ".cache" / "build" / "00_summary").iterdir())
        nb = nbformat.read(entry / "executed.ipynb", as_version=4)
        return nb.cells[-1].outputs[0]["text"]

    assert "('97_uses', ('claim-a',))" in summary_output(), (
        "the summary must see the usage recorded in this build"
    )
    assert (project / "figures" / "usage" / "97_uses.json").exists()
    assert not (project / "figures" / "usage" / "00_summary.json").exists(), "00 records nothing itself here"
    capsys.readouterr()
    assert build.build(progress=False) == 0
    assert "up to date" in capsys.readouterr().out
    # A change in what 97 uses (not in 00's own cells) must make 00 run again.
    _write_notebook(used, ["from explainers import usage\nusage.record('claims', 'claim-b')"])
    assert build.build(progress=False) == 0
    table = capsys.readouterr().out
    assert re.search(r"00_summary\s.*built", table), table
    assert "('97_uses', ('claim-b',))" in summary_output()


def test_duplicate_figure_ids_across_notebooks_fail_and_keep_the_site(project):
    assert build.build(progress=False) == 0
    before = snapshot(project / "site")
    shutil.copy(FIXTURES / "ok_notebook.ipynb", project / "notebooks" / "99_copy.ipynb")
    with pytest.raises(
        build.BuildError, match=r"figure id '98-test-curve' is used by more than one notebook"
    ):
        build.build(progress=False)
    assert snapshot(project / "site") == before


def test_cli_only_with_a_bad_number_names_the_value_and_the_valid_choices(project, capsys):
    from explainers import cli

    shutil.copy(FIXTURES / "ok_notebook.ipynb", project / "notebooks" / "01_first.ipynb")
    assert cli.main(["build", "--only", "1"]) == 2
    err = capsys.readouterr().err
    assert "no notebook called '1'" in err
    assert "valid names: 01_first, 98_ok (or their numbers: 01, 98)" in err
