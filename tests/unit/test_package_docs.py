"""The package docstring and the README layout name every module, so neither can drift silently."""

import re
from pathlib import Path

import explainers

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (ROOT / "src" / "explainers").glob("*.py") if p.stem != "__init__")


def test_every_module_is_named_in_the_package_docstring():
    missing = [m for m in MODULES if f":mod:`explainers.{m}`" not in explainers.__doc__]
    assert missing == [], f"add these modules to src/explainers/__init__.py: {missing}"


def test_the_package_docstring_names_no_module_that_is_gone():
    named = {part.split("`")[0] for part in explainers.__doc__.split(":mod:`explainers.")[1:]}
    assert named - set(MODULES) == set()


def test_every_module_is_in_the_readme_layout():
    layout = (ROOT / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    missing = [m for m in MODULES if not re.search(rf"^\s+(?:\w+\s+)?{m}\b", layout, flags=re.M)]
    assert missing == [], f"add these modules to the README's layout section: {missing}"
