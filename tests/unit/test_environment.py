"""environment.yml (conda/Binder) and requirements/lock.txt (make) must describe the same set."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins_in(name: str) -> set[str]:
    lines = (ROOT / "requirements" / name).read_text().splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def lock_pins() -> set[str]:
    return pins_in("lock.txt") | pins_in("data-packages.txt") | pins_in("no-deps.txt")


def environment_pins() -> tuple[set[str], str]:
    text = (ROOT / "environment.yml").read_text()
    pip_section = text.split("- pip:", 1)[1]
    pins = {
        m.lower()
        for m in re.findall(r"^\s+- ([A-Za-z0-9_.\-\[\]]+==[^\s]+)\s*$", pip_section, flags=re.MULTILINE)
    }
    python = re.search(r"^\s+- python=([0-9.]+)\s*$", text, flags=re.MULTILINE).group(1)
    return pins, python


def test_environment_yml_pins_exactly_the_lock():
    pins, _ = environment_pins()
    lock = lock_pins()
    assert pins - lock == set(), "pinned in environment.yml but not in the lock"
    assert lock - pins == set(), (
        "pinned in the lock but missing from environment.yml (run `make environment`)"
    )


def test_every_lock_line_is_an_exact_pin():
    assert all(re.fullmatch(r"[a-z0-9_.\-]+==[a-z0-9_.+\-]+", pin) for pin in lock_pins())


def test_environment_python_matches_the_supported_version():
    _, python = environment_pins()
    assert python == "3.11"
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()


def test_direct_dependencies_are_in_the_lock():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {pin.split("==")[0].replace("_", "-") for pin in lock_pins()}
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + extras["test"] + extras["data"]
    for requirement in wanted:
        name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in names, (
            f"{name} is a dependency in pyproject.toml but not pinned in requirements/lock.txt"
        )


def test_no_deps_packages_are_not_also_in_the_main_lock():
    # The main lock is installed with dependencies; a package listed there would pull VTK,
    # statsmodels and the rest back in.
    main = {pin.split("==")[0] for pin in pins_in("lock.txt")}
    for name in ("data-packages.txt", "no-deps.txt"):
        assert main & {pin.split("==")[0] for pin in pins_in(name)} == set(), name
    for skipped in ("vtk", "statsmodels", "pyarrow", "neurostore-sdk", "jupyter"):
        assert skipped not in main
