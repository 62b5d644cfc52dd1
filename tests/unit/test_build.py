"""End-to-end checks of `explainers build` on a throw-away project with a fixture notebook.

The build's ordering rules (the summary notebook last, duplicate figure ids, the CLI's --only) are in
test_build_order.py; the two files run in parallel under pytest-xdist.
"""

import json
import shutil
from pathlib import Path

import pytest

from explainers.build import commands, selection
from explainers.site import postprocess

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_build_writes_site_figures_and_gallery(project, capsys):
    assert commands.build(progress=False) == 0
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
    } == expected | {"98-test-curve.html"}, "the site's figures also hold each figure's own embed page"
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
    assert commands.build(progress=False) == 0
    for page in (project / "site").glob("*.html"):
        assert postprocess.external_references(page.read_text()) == [], page.name


def test_second_build_is_a_no_op_and_forced_rebuild_is_byte_identical(project, capsys, snapshot):
    assert commands.build(progress=False) == 0
    first = snapshot(project / "figures")
    capsys.readouterr()
    assert commands.build(progress=False) == 0
    assert "up to date" in capsys.readouterr().out
    assert commands.build(progress=False, force=True) == 0
    assert snapshot(project / "figures") == first


def test_broken_notebook_fails_loudly_and_keeps_the_previous_site(project, capsys, snapshot):
    assert commands.build(progress=False) == 0
    site_before, figures_before = snapshot(project / "site"), snapshot(project / "figures")
    shutil.copy(FIXTURES / "broken_notebook.ipynb", project / "notebooks" / "99_broken.ipynb")
    capsys.readouterr()
    assert commands.build(progress=False) == 1
    err = capsys.readouterr().err
    assert "notebooks/99_broken.ipynb" in err
    assert "cell 3" in err and "ZeroDivisionError" in err
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "figures") == figures_before


def test_only_builds_one_notebook_and_rejects_unknown_names(project, capsys):
    with pytest.raises(selection.BuildError, match=r"unknown notebook 'nope'; choose one of: 98_ok, 98$"):
        commands.build(only=["nope"], progress=False)
    assert commands.build(only=["98"], progress=False) == 0
    assert (project / "site" / "98_ok.html").exists()


def test_source_notebook_is_never_rewritten_by_build(project):
    source = project / "notebooks" / "98_ok.ipynb"
    before = source.read_bytes()
    assert commands.build(progress=False) == 0
    assert source.read_bytes() == before


def test_execute_inplace_stores_outputs_without_timing_metadata(project):
    import nbformat

    assert commands.execute_inplace() == 0
    nb = nbformat.read(project / "notebooks" / "98_ok.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert all("execution" not in c.metadata for c in code)
    assert code[0].metadata["tags"] == ["hide-in-reader"], "cell tags must survive execution"
    assert any(o.get("output_type") == "display_data" for o in code[-1].outputs)
    assert not (project / "figures").exists(), "executing in place must not write figures"
