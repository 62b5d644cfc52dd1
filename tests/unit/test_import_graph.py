"""The package's import graph: wings import only downward (import-linter), and no import circle."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "explainers"


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    # The contracts live in pyproject.toml; PYTHONPATH decides which copy of the package is read.
    env = {"PYTHONPATH": str(src), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--no-logo",
            "--no-cache",
            "--config",
            "pyproject.toml",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wing_contracts_hold_for_the_package():
    out = _lint_imports(ROOT / "src")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_a_planted_upward_import_breaks_a_contract(tmp_path):
    copy = tmp_path / "explainers"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    errors = copy / "core" / "errors.py"
    errors.write_text(errors.read_text() + "\nfrom explainers.figures import housestyle  # planted\n")
    out = _lint_imports(tmp_path)
    assert out.returncode != 0
    assert "core imports nothing of the package BROKEN" in out.stdout
    assert "explainers.core.errors -> explainers.figures.housestyle" in out.stdout


def _find_cycle(graph: dict[str, set[str]]) -> list[str]:
    state = dict.fromkeys(graph, 0)  # 0 unseen, 1 on the current path, 2 done
    path: list[str] = []

    def visit(module):
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state[target] == 1:
                return [*path[path.index(target) :], target]
            if state[target] == 0 and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if state[module] == 0 and (cycle := visit(module)):
            return cycle
    return []


def test_cycle_finder_finds_a_planted_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle():
    graph = grimp.build_graph("explainers", cache_dir=None)
    modules = {m for m in graph.modules if m.startswith("explainers.")}
    edges = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    assert "explainers.figures.housestyle" in edges["explainers.figures.show"]  # the graph sees imports
    assert _find_cycle(edges) == [], "import cycle: " + " -> ".join(_find_cycle(edges))
