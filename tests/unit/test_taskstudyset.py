"""The n-back vs flanker studyset read from nimare's parquet tables, and the quirks contained."""

import gc
import weakref

from explainers.core import libquirks
from explainers.datasets import studysets


def test_task_studyset():
    table = studysets.load_task_studyset()
    assert list(table.columns) == ["study", "analysis", "task", "x", "y", "z", "space"]
    assert len(table) == 9492
    assert table["study"].nunique() == 320 and table["analysis"].nunique() == 906
    assert set(table["task"]) == {"n-back", "flanker"}
    assert "MNI" in set(table["space"])


def test_nimare_resources_is_found_without_importing_nimare():
    folder = libquirks.nimare_resources()
    assert (folder / studysets.PAIN_STUDYSET).is_file() and (folder / studysets.TASK_STUDYSET).is_dir()


def test_quick_gc_still_frees_what_the_block_creates_and_thaws_afterwards():
    class Node:
        pass

    before = gc.get_freeze_count()
    with libquirks.quick_gc():
        assert gc.get_freeze_count() > before
        cycle = Node()
        cycle.self = cycle
        probe = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert probe() is None, "a cycle made inside the block was not collected"
    assert gc.get_freeze_count() == 0
