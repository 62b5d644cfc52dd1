"""The one disk cache (explainers.core.memory): what each cached function's key covers, and that a
changed key is a miss and an unchanged one a hit."""

import ast
import importlib
import importlib.metadata
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pytest

import explainers
from explainers.build import offline
from explainers.core import memory

PACKAGE_DIR = Path(explainers.__file__).parent
MODULES = sorted(m.name for m in pkgutil.walk_packages(explainers.__path__, "explainers."))
for _name in MODULES:  # every cached function registers itself when its module is imported
    importlib.import_module(_name)
CACHED = sorted(name for name in memory.REGISTRY if name.startswith("explainers."))

# Arguments for the cached functions that need some (call ids are computed, nothing is run).
SAMPLE_CALLS = {
    "explainers.analysis.glm._fit_people": (1, 0.15, 0.5),
    "explainers.analysis.meta._fit_and_correct": ("studyset", "estimator", "corrector"),
    "explainers.datasets.heatpain._offsets._search_offset": (3,),
}

# Modules that change no result: where files are, how an error reads, the cache itself.
INFRASTRUCTURE = {f"explainers.core.{name}" for name in ("paths", "resources", "errors", "memory")}


def _module_file(name: str) -> Path | None:
    base = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


def _imports(name: str) -> tuple[set[str], set[str]]:
    """The package modules and the top-level outside modules one module imports, anywhere in it."""
    inside, outside = set(), set()
    for node in ast.walk(ast.parse(_module_file(name).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                (inside if alias.name.startswith("explainers") else outside).add(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module.startswith("explainers"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                inside.add(sub if _module_file(sub) else node.module)
        elif isinstance(node, ast.ImportFrom):
            outside.add(node.module)
    return inside, {m.split(".")[0] for m in outside} - set(sys.stdlib_module_names) - {"__future__"}


def _closure(name: str) -> tuple[set[str], set[str]]:
    """The package modules a module reaches through imports (infrastructure left out), and the
    outside modules those import."""
    seen, todo, outside = set(), [name], set()
    while todo:
        module = todo.pop()
        if module not in seen and module not in INFRASTRUCTURE:
            seen.add(module)
            inside, more = _imports(module)
            todo += inside
            outside |= more
    return seen, outside


def _fake_digests(monkeypatch, edited: Path | None = None) -> None:
    # Stand-in digests (the path itself), so the test can "edit" any one file without touching it.
    monkeypatch.setattr(memory, "_file_sha", lambda path: f"edited {path}" if path == edited else str(path))


def _call(name: str) -> tuple:
    return SAMPLE_CALLS.get(name, ())


# ---------------------------------------------------------------- the registry


def test_the_registry_holds_every_function_decorated_in_the_package():
    decorated = set()
    for name in MODULES:
        for node in ast.walk(ast.parse(_module_file(name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and ast.unparse(d.func) == "memory.cached"
                for d in node.decorator_list
            ):
                decorated.add(f"{name}.{node.name}")
    assert decorated == set(CACHED)
    # The nine disk caches this registry replaced, less notebook 03's seed-map image: that figure is now
    # drawn in the notebook's own cell (about 3 s), not kept as a PNG by a package module.
    assert len(CACHED) >= 8


def test_no_hand_made_disk_cache_is_left_in_the_data_wings():
    # The data wings keep results only through memory.cached: no own hashing, no own cache folder.
    offenders = []
    for name in MODULES:
        if name.split(".")[1] not in ("datasets", "analysis", "figures", "chapters"):
            continue
        source = _module_file(name).read_text(encoding="utf-8")
        offenders += [
            f"{name}: {word}"
            for word in ("hashlib", "cache_dir(")
            if word in source and (name, word) not in _NOT_A_CACHE
        ]
    assert offenders == []


# Hashing that keeps no cache: analysis.meta keys and checks the committed null record in data/
# (listed in data/MANIFEST.csv, regenerated and compared by a slow test), it stores nothing itself.
_NOT_A_CACHE = {("explainers.analysis.meta", "hashlib")}


def test_every_cached_function_with_required_arguments_has_a_sample_call():
    import inspect

    needs = {
        name
        for name in CACHED
        if any(p.default is p.empty for p in inspect.signature(memory.REGISTRY[name]).parameters.values())
    }
    assert needs == set(SAMPLE_CALLS)


# ---------------------------------------------------------------- each cached function


@pytest.mark.parametrize("name", CACHED)
def test_an_unchanged_call_has_an_unchanged_key(name):
    cached = memory.REGISTRY[name]
    assert cached.key() == cached.key()
    assert cached.call_id(*_call(name)) == cached.call_id(*_call(name))


@pytest.mark.parametrize("name", CACHED)
def test_editing_any_module_of_its_code_misses_the_cache(name, monkeypatch):
    cached = memory.REGISTRY[name]
    assert name.rsplit(".", 1)[0] in cached.code  # its own module always counts
    _fake_digests(monkeypatch)
    base = cached.call_id(*_call(name))
    for module, path in cached.code_files().items():
        _fake_digests(monkeypatch, edited=path)
        assert cached.call_id(*_call(name)) != base, f"editing {module} does not change the key of {name}"


@pytest.mark.parametrize("name", CACHED)
def test_another_version_of_any_declared_library_misses_the_cache(name, monkeypatch):
    cached = memory.REGISTRY[name]
    base = cached.call_id(*_call(name))
    real = memory._installed_version
    for library in cached.versions:
        monkeypatch.setattr(
            memory, "_installed_version", lambda d, lib=library: "0+other" if d == lib else real(d)
        )
        assert cached.call_id(*_call(name)) != base, f"a new {library} does not change the key of {name}"


@pytest.mark.parametrize("name", CACHED)
def test_changing_any_input_file_misses_the_cache(name, monkeypatch):
    cached = memory.REGISTRY[name]
    files = cached.input_files()
    assert all(path.is_file() for path in files)
    _fake_digests(monkeypatch)
    base = cached.call_id(*_call(name))
    for path in files:
        _fake_digests(monkeypatch, edited=path)
        assert cached.call_id(*_call(name)) != base, f"changing {path.name} does not change the key of {name}"


@pytest.mark.parametrize("name", CACHED)
def test_the_key_names_all_the_code_and_libraries_the_function_can_reach(name):
    # Declared by hand, checked here: every package module its module imports, directly or not,
    # and every library any of them imports.
    cached = memory.REGISTRY[name]
    modules, outside = _closure(name.rsplit(".", 1)[0])
    assert modules - set(cached.code) == set(), f"add to code= of {name}"
    distributions = importlib.metadata.packages_distributions()
    libraries = {dist.lower() for module in outside for dist in distributions.get(module, [module])}
    assert libraries - {v.lower() for v in cached.versions} == set(), f"add to versions= of {name}"


# ---------------------------------------------------------------- the machinery, end to end

TINY = """
from pathlib import Path

from explainers.core import memory

RUNS = []
DATA = Path({data!r})


@memory.cached(code=("core.vocabulary",), versions=("numpy",), files=lambda: [DATA])
def power(x, exponent=2):
    RUNS.append(x)
    return int(DATA.read_text()) * x**exponent
"""


@pytest.fixture()
def tiny(tmp_path, monkeypatch):
    """A module with one cached function that counts its real runs; its own cache folder."""
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "input.txt"
    data.write_text("3\n")
    source = tmp_path / "tiny_cached.py"
    source.write_text(TINY.format(data=str(data)))
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("tiny_cached")
    yield module, source, data
    memory.REGISTRY.pop("tiny_cached.power", None)
    sys.modules.pop("tiny_cached", None)


def test_a_call_is_computed_once_then_read_until_its_key_changes(tiny, tmp_path, monkeypatch):
    module, source, data = tiny
    power, runs = module.power, module.RUNS
    assert power(2) == 12 and runs == [2]
    assert power(2) == 12 and power(2, 2) == 12 and power(x=2) == 12 and runs == [2]  # hits
    folder = tmp_path / "cache" / memory.FOLDER / "tiny_cached" / "power" / power.call_id(2)
    assert folder.is_dir()  # joblib stores the call under the id power.call_id names
    assert power(3) == 27 and runs == [2, 3]  # other arguments: a miss

    real = memory._installed_version
    with monkeypatch.context() as patch:
        patch.setattr(memory, "_installed_version", lambda d: "0+other" if d == "numpy" else real(d))
        assert power(2) == 12 and runs == [2, 3, 2]  # another numpy: a miss
    assert power(2) == 12 and runs == [2, 3, 2]  # the first numpy's entry is still there: a hit

    vocabulary = Path(importlib.import_module("explainers.core.vocabulary").__file__)
    real_sha = memory._file_sha
    with monkeypatch.context() as patch:
        patch.setattr(memory, "_file_sha", lambda p: "edited" if p == vocabulary else real_sha(p))
        assert power(2) == 12 and runs == [2, 3, 2, 2]  # a declared module edited: a miss

    source.write_text(source.read_text() + "\n# an edit of the function's own module\n")
    assert power(2) == 12 and runs == [2, 3, 2, 2, 2]  # its own module edited: a miss

    data.write_text("40\n")
    assert power(2) == 160 and runs == [2, 3, 2, 2, 2, 2]  # an input file changed: a miss
    assert power(2) == 160 and len(runs) == 6


def test_files_and_sources_are_read_once_per_process_until_they_change(tiny, monkeypatch):
    module, _, data = tiny
    module.power(2)

    def refuse(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(memory, "_read_sha", refuse)
    assert module.power(2) == 12  # warm: a stat per file, no read
    data.write_text("5\n")
    with pytest.raises(AssertionError, match="input.txt was read again"):
        module.power(2)


def test_in_cache_and_refresh(tiny):
    module, _, _ = tiny
    power, runs = module.power, module.RUNS
    assert not power.in_cache(2)
    power(2)
    assert power.in_cache(2) and power.in_cache(x=2, exponent=2) and not power.in_cache(5)
    assert power.refresh(2) == 12 and runs == [2, 2]  # computed again even though stored


def test_the_store_is_only_under_the_cache_folder(tiny, tmp_path):
    module, _, _ = tiny
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    module.power(7)
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - before
    assert written and all((tmp_path / "cache" / memory.FOLDER) in p.parents for p in written)


# ---------------------------------------------------------------- bad declarations


def _plain():
    return 1


def test_an_unknown_module_in_code_is_named_with_the_valid_ones():
    expected = (
        r"unknown module of explainers in code= of _plain 'datasets\.roi'; choose one of: .*datasets\.rois"
    )
    with pytest.raises(ValueError, match=expected):
        memory.cached(code=("datasets.roi",))(_plain)
    assert not any(name.endswith("._plain") for name in memory.REGISTRY)


def test_a_nested_function_is_refused():
    def outer():
        @memory.cached()
        def inner():
            return 1

    with pytest.raises(
        ValueError, match="module level, got 'test_a_nested_function_is_refused.<locals>.outer"
    ):
        outer()


def test_a_missing_library_or_input_file_is_named(tiny, monkeypatch):
    module, _, data = tiny
    with monkeypatch.context() as patch:
        patch.setattr(module.power, "versions", ("no-such-distribution",))
        with pytest.raises(ModuleNotFoundError, match="'no-such-distribution' is named in a cache key"):
            module.power(2)
    data.unlink()
    with pytest.raises(FileNotFoundError, match="input.txt for a cache key: no such file"):
        module.power(2)


# ---------------------------------------------------------------- read-only results


class Pair(NamedTuple):
    left: np.ndarray
    right: tuple


def test_read_only_freezes_arrays_in_tuples_and_mappings_in_place():
    pair = Pair(np.zeros(3), (np.ones(2), "label"))
    assert memory.read_only(pair) is pair
    assert not pair.left.flags.writeable and not pair.right[0].flags.writeable
    table = memory.read_only({"a": np.arange(3), "b": (np.arange(2), 1.5)})
    assert isinstance(table, MappingProxyType)
    assert not table["a"].flags.writeable and not table["b"][0].flags.writeable
    with pytest.raises(TypeError):
        table["c"] = np.zeros(1)
    with pytest.raises(ValueError, match="read-only"):
        pair.left[0] = 1.0


@pytest.mark.parametrize("value", [[np.zeros(2)], {1, 2}, object()])
def test_read_only_refuses_what_it_cannot_freeze(value):
    with pytest.raises(TypeError, match="return a copy of it to each caller"):
        memory.read_only(value)


# ---------------------------------------------------------------- import cost


def test_importing_the_loaders_does_not_import_joblib():
    # joblib (with numpy) takes about 0.1 s to import: only the first cached call pays for it.
    code = textwrap.dedent(
        """
        import sys
        import explainers.analysis.glm, explainers.analysis.meta, explainers.datasets.restingstate
        import explainers.datasets.nodes, explainers.datasets.surfaces, explainers.datasets.heatpain.mist
        print(sorted(m for m in sys.modules if m.split(".")[0] == "joblib"))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=offline.kernel_env(), capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
