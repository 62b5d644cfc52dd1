"""The build's ordering rules on a throw-away project: the summary notebook runs last and sees fresh
usage records, duplicate figure ids fail without touching the site, and --only names bad values."""

import re
import shutil
from pathlib import Path

import pytest

from explainers.build import commands, selection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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
from explainers.core import paths
from explainers.literature import usage
records = usage.read_all(paths.figure_output_dir() or paths.figures_dir())
print(sorted((stem, tuple(r["claims"])) for stem, r in records.items() if stem != "00_summary"))
"""


def test_the_summary_notebook_runs_last_and_is_rebuilt_when_another_notebooks_usage_changes(project, capsys):
    import nbformat

    used = project / "notebooks" / "97_uses.ipynb"
    _write_notebook(used, ["from explainers.literature import usage\nusage.record('claims', 'claim-a')"])
    _write_notebook(project / "notebooks" / "00_summary.ipynb", [SUMMARY_CELL])
    assert commands.build(progress=False) == 0

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
    assert commands.build(progress=False) == 0
    assert "up to date" in capsys.readouterr().out
    # A change in what 97 uses (not in 00's own cells) must make 00 run again.
    _write_notebook(used, ["from explainers.literature import usage\nusage.record('claims', 'claim-b')"])
    assert commands.build(progress=False) == 0
    table = capsys.readouterr().out
    assert re.search(r"00_summary\s.*built", table), table
    assert "('97_uses', ('claim-b',))" in summary_output()


def test_duplicate_figure_ids_across_notebooks_fail_and_keep_the_site(project, snapshot):
    assert commands.build(progress=False) == 0
    before = snapshot(project / "site")
    shutil.copy(FIXTURES / "ok_notebook.ipynb", project / "notebooks" / "99_copy.ipynb")
    with pytest.raises(
        selection.BuildError, match=r"figure id '98-test-curve' is used by more than one notebook"
    ):
        commands.build(progress=False)
    assert snapshot(project / "site") == before


def test_cli_only_with_a_bad_number_names_the_value_and_the_valid_choices(project, capsys):
    from explainers.build import cli

    shutil.copy(FIXTURES / "ok_notebook.ipynb", project / "notebooks" / "01_first.ipynb")
    assert cli.main(["build", "--only", "1"]) == 2
    err = capsys.readouterr().err
    assert "unknown notebook '1'; choose one of: 01_first, 98_ok, 01, 98" in err
