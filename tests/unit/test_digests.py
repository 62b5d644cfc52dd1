"""Cache keys change with every input they name, and only with those."""

import pytest

from explainers.core import digests


def test_a_key_changes_with_file_bytes_code_versions_and_extra(tmp_path):
    data = tmp_path / "input.csv"
    data.write_text("a,b\n1,2\n")

    def key(modules=("core.digests",), versions=("numpy",), extra=("setting=1",)):
        return digests.digest([data], modules=modules, versions=versions, extra=extra)

    base = key()
    assert base == key() and len(base) == 16
    assert key(extra=("setting=2",)) != base
    assert key(modules=("core.digests", "core.errors")) != base
    assert key(versions=("numpy", "pandas")) != base
    data.write_text("a,b\n1,3\n")
    assert key() != base


def test_a_missing_file_or_module_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        digests.digest([tmp_path / "nowhere.csv"])
    with pytest.raises(FileNotFoundError, match="no_such_module.py"):
        digests.digest(modules=("no_such_module",))


def test_nilearn_data_dir_holds_the_roi_tables():
    assert (digests.nilearn_data_dir() / "dosenbach_2010.csv").is_file()
