"""The package's import graph: no module imports another in a circle."""

import ast
import importlib.util
from pathlib import Path


def _package_imports() -> dict[str, set[str]]:
    """Module -> the package modules it imports (at the top or inside a function)."""
    folder = Path(importlib.util.find_spec("explainers").origin).parent
    modules = {path.stem for path in folder.glob("*.py")}
    graph = {}
    for path in folder.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [alias.name for alias in node.names]
                found.update(name.split(".")[0] for name in names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("explainers"):
                rest = node.module.split(".")[1:]
                found.update(rest[:1] or [alias.name for alias in node.names])
        graph[path.stem] = (found & modules) - {path.stem}
    return graph


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
    graph = _package_imports()
    assert graph["figures"] >= {"housestyle"}  # the parser sees relative imports
    assert _find_cycle(graph) == [], "import cycle: " + " -> ".join(_find_cycle(graph))
