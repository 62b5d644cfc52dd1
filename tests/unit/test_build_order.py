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


COUNTING_SUMMARY_CELL = (
    SUMMARY_CELL
    + """
from pathlib import Path
with open(Path(paths.project_root()) / "summary-runs.txt", "a") as handle:
    handle.write("run\\n")
"""
)


def test_a_cold_build_runs_the_summary_once_alongside_the_others_when_the_records_are_unchanged(
    project, capsys
):
    import nbformat

    _write_notebook(
        project / "notebooks" / "97_uses.ipynb",
        ["from explainers.literature import usage\nusage.record('claims', 'claim-a')"],
    )
    _write_notebook(project / "notebooks" / "00_summary.ipynb", [COUNTING_SUMMARY_CELL])
    runs = project / "summary-runs.txt"
    assert commands.build(progress=False) == 0
    # The first build had no records to start from: the early run is thrown away and 00 runs again.
    assert runs.read_text().count("run") == 2
    shutil.rmtree(project / ".cache")  # cold: only the committed figures/ (with their records) remain
    runs.unlink()
    assert commands.build(jobs=2, progress=False) == 0
    assert runs.read_text().count("run") == 1, (
        "00 ran on the last build's records and they were still current"
    )
    entry = next((project / ".cache" / "build" / "00_summary").iterdir())
    output = nbformat.read(entry / "executed.ipynb", as_version=4).cells[1].outputs[0]["text"]
    assert "('97_uses', ('claim-a',))" in output
    # The worker rendered the pages next to the run; the site holds exactly those pages.
    for stem in ("00_summary", "97_uses"):
        entry = next((project / ".cache" / "build" / stem).iterdir())
        rendered = entry / "pages" / f"{stem}.reader.html"
        assert rendered.read_bytes() == (project / "site" / f"{stem}.reader.html").read_bytes()


def test_the_longest_notebook_starts_first(project, monkeypatch):
    import json

    # Without a timing in the cache (a cold build) the typical seconds order them; a recorded time wins.
    assert commands.expected_seconds("02_meet_the_dmn") > commands.expected_seconds("00_start_here")
    assert commands.expected_seconds("42_unknown") == commands.DEFAULT_SECONDS
    entry = project / ".cache" / "build" / "00_start_here" / "abc"
    entry.mkdir(parents=True)
    (entry / "executed.ipynb").write_text("{}")
    (entry / "result.json").write_text(json.dumps({"seconds": 99.0, "peak_mb": 1}))
    assert commands.expected_seconds("00_start_here") == 99.0
    started = []

    class Pool:
        def __init__(self, **_):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

        def submit(self, func, path, *args):
            from concurrent.futures import Future

            started.append(Path(path).stem)
            future = Future()
            future.set_result({"ok": False, "seconds": 0.0, "peak_mb": None, "message": "not run"})
            return future

    monkeypatch.setattr(commands, "ProcessPoolExecutor", Pool)
    stems = ["01_baliki2008_in_one_page", "00_start_here", "02_meet_the_dmn", "42_unknown"]
    to_run = [(Path(f"{stem}.ipynb"), project / stem) for stem in stems]
    results = {}
    commands._run(to_run, 2, results, progress=False)
    assert started == ["00_start_here", "02_meet_the_dmn", "42_unknown", "01_baliki2008_in_one_page"]
    assert set(results) == set(stems)
