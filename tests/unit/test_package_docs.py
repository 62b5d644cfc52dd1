"""The package docstring, each wing's docstring and the README layout name what exists, so none drifts."""

import importlib
import pkgutil
import re
from pathlib import Path

import explainers

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "explainers"
WINGS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(explainers.__path__, "explainers.")
    if not m.ispkg or m.name.count(".") > 1
)


def test_every_wing_is_in_the_package_table():
    named = set(re.findall(r":mod:`explainers\.(\w+)`", explainers.__doc__))
    assert named == {*WINGS, "chapter"}


def test_every_module_is_named_in_its_wing_docstring():
    missing = []
    for name in MODULES:
        parent = name.rsplit(".", 1)[0]
        if parent == "explainers":
            continue
        doc = importlib.import_module(parent).__doc__ or ""
        if f"`~{name}`" not in doc and f"`{name}`" not in doc:
            missing.append(name)
    assert missing == [], f"name these modules in their wing's __init__ docstring: {missing}"


def test_no_wing_docstring_names_a_module_that_is_gone():
    named = set()
    for wing in WINGS:
        doc = importlib.import_module(f"explainers.{wing}").__doc__ or ""
        named |= set(re.findall(r":mod:`~?(explainers\.[\w.]+)`", doc))
    gone = {n for n in named if importlib.util.find_spec(n) is None}
    assert gone == set()


def test_every_module_is_in_the_readme_layout():
    layout = (ROOT / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    missing = [m for m in MODULES if not re.search(rf"\b{re.escape(m.rsplit('.', 1)[1])}\b", layout)]
    missing += [w for w in WINGS if f"{w}/" not in layout]
    assert missing == [], f"add these to the README's layout section: {missing}"


def test_the_explainers_command_points_at_a_real_function():
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["explainers"]
    module, _, name = target.partition(":")
    assert callable(getattr(importlib.import_module(module), name))
