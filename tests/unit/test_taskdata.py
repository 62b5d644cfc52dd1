"""Tests of the heat-pain task data layer (explainers.datasets.heatpain, explainers.datasets.heatpain.mist).

Counts are checked against the shipped files themselves (rows, columns, file names), never
against numbers typed from memory.
"""

import re

import numpy as np
import pandas as pd
import pytest

from explainers.core import vocabulary
from explainers.datasets import heatpain, nodes
from explainers.datasets.heatpain import _files, _offsets, mist


def _task_files(pattern):
    return sorted(heatpain.resources_dir().joinpath("ex_timeseries_task").glob(pattern))


def test_subject_counts_match_the_shipped_files():
    assert len(heatpain.subjects(1)) == len(_task_files("sub-*_ts.txt"))
    assert len(heatpain.subjects(3)) == len(_task_files("sub-*_ts_run_03.tsv"))
    assert len(heatpain.subjects(7)) == len(_task_files("sub-*_ts_run_07.tsv"))


@pytest.mark.parametrize("run", heatpain.RUNS)
def test_rows_and_columns_match_the_shipped_files(run):
    subject = heatpain.subjects(run)[0]
    loaded = heatpain.load_run(subject, run)
    file = _files.run_files(int(subject[4:]), run)[0]  # the file behind the loader
    raw = pd.read_csv(file, sep="\t")
    assert loaded.timeseries.shape == (len(raw), raw.shape[1] - 1)
    np.testing.assert_allclose(loaded.global_signal, raw["GlobSig"])
    assert len(loaded.fd) == len(raw) == len(loaded.frame_times)
    assert loaded.fd[0] == 0.0


def test_run1_files_are_one_above_the_person():
    # Re-derive the shift from head motion: a person's mean FD in run 1 should track runs 3 and 7.
    fd_run1 = {
        int(re.search(r"sub-(\d+)", f.name)[1]): pd.read_csv(f).iloc[:, 0].mean()
        for f in _task_files("sub-*_FD.txt")
    }
    fd_run3 = {
        int(re.search(r"sub-(\d+)", f.name)[1]): pd.read_csv(f).iloc[:, 0].mean()
        for f in _task_files("sub-*_FD_run_03.txt")
    }

    def corr(shift):
        keys = [k for k in fd_run1 if k - shift in fd_run3]
        return np.corrcoef([fd_run1[k] for k in keys], [fd_run3[k - shift] for k in keys])[0, 1]

    best = max(range(-2, 3), key=corr)
    assert best == _files.RUN1_FILE_SHIFT
    assert corr(best) > 0.5 > corr(0)


@pytest.mark.parametrize("run", heatpain.RUNS)
def test_every_onset_lands_inside_its_run(run):
    length = _files.N_VOLUMES[run] * heatpain.TR_S
    for subject in heatpain.subjects(run):
        events = heatpain.load_run(subject, run).events
        assert (events["onset"] >= 0).all() and ((events["onset"] + events["duration"]) <= length).all(), (
            subject
        )


def test_uncorrected_onsets_of_regulation_runs_fall_outside_the_run():
    events = heatpain.load_run("sub-05", 3, offset_corrected=False).events
    assert events["onset"].min() > _files.N_VOLUMES[3] * heatpain.TR_S


def test_offsets_align_the_first_heat_with_run_1_within_a_tr():
    # Independent check of the data-driven offset: the task script starts each run alike.
    first = {run: heatpain.load_run("sub-05", run).events["onset"].iloc[0] for run in heatpain.RUNS}
    assert max(abs(first[3] - first[1]), abs(first[7] - first[1])) <= heatpain.TR_S + 1e-6


def test_events_have_heat_and_rating_trials():
    events = heatpain.load_run("sub-05", 7).events
    assert set(events["trial_type"]) == {"heat", "rating"}
    assert events.loc[events["trial_type"] == "heat", "temperature"].notna().all()
    assert set(events["regulation"]) <= {"none", "up", "down"}


def test_motion_table_counts_and_excludes():
    table = heatpain.motion_table()
    assert len(table) == sum(len(heatpain.subjects(r)) for r in heatpain.RUNS)
    row = table.iloc[0]
    fd = heatpain.load_run(row["subject"], int(row["run"])).fd
    assert row["n_scrubbed"] == (fd > heatpain.FD_THRESHOLD_MM).sum()
    assert (table["excluded"] == (table["scrubbed_share"] > heatpain.MAX_SCRUBBED_SHARE)).all()
    strict = heatpain.motion_table(fd_threshold=0.1)
    assert strict["n_scrubbed"].sum() > table["n_scrubbed"].sum()
    assert 0 < table["excluded"].sum() < len(table)


def test_kept_volumes_follow_the_threshold():
    run = heatpain.load_run("sub-05", 1)
    kept = heatpain.kept_volumes(run)
    assert kept.sum() == (run.fd <= heatpain.FD_THRESHOLD_MM).sum()


@pytest.mark.parametrize(
    ("subject", "run", "needle"), [("sub-33", 1, "sub-01"), ("sub-99", 3, "sub-33"), ("sub-05", 2, "1, 3, 7")]
)
def test_bad_names_list_the_valid_choices(subject, run, needle):
    with pytest.raises(ValueError, match=needle):
        heatpain.load_run(subject, run)


def test_bad_thresholds_are_refused():
    with pytest.raises(ValueError, match="fd_threshold"):
        heatpain.motion_table(fd_threshold=0)


def test_region_table_describes_every_atlas_value():
    table = mist.regions()
    assert list(table["region"]) == list(range(1, heatpain.N_REGIONS + 1))
    assert table["name"].is_unique
    assert ((table["network_share"] >= 0) & (table["network_share"] <= 1)).all()
    assert set(table["network"]) <= set(vocabulary.NETWORKS)
    # A region's network is its top vote only when the vote is clear; otherwise it is unassigned.
    clear = (table["network_share"] >= mist.MIN_SHARE) & (table["n_votes"] >= mist.MIN_VOTES)
    assert (table.loc[clear, "network"] == table.loc[clear, "top_network"]).all()
    assert (table.loc[~clear, "network"] == mist.UNASSIGNED).all()
    assert (~clear).any() and clear.any()
    shipped = pd.read_csv(heatpain.resources_dir() / mist.LABEL_FILE, sep="\t")
    assert list(table["shipped_label"]) == list(shipped["labels"])


def test_region_sets_follow_the_rule_and_do_not_overlap():
    table = mist.regions().set_index("region")
    default, positive = mist.region_set("default"), mist.region_set("task-positive")
    assert default and positive and not set(default) & set(positive)
    # One definition: the default set is exactly the regions whose network is Default.
    assert set(default) == set(table.index[table["network"] == "Default"])
    assert set(positive) == set(table.index[table["network"].isin(mist.TASK_POSITIVE_NETWORKS)])
    assert (table.loc[list(default), "network_share"] >= mist.MIN_SHARE).all()
    assert (table.loc[list(default), "n_votes"] >= mist.MIN_VOTES).all()
    by_set = table.groupby(table["network"].map(mist.set_of_network)).groups
    assert set(by_set["default"]) == set(default) and set(by_set["task-positive"]) == set(positive)
    # Against the shipped modules, which are not trusted but should mostly agree:
    assert (table.loc[list(default), "shipped_module"] == "DMnet").mean() > 0.5


def test_region_at_finds_the_posterior_cingulate_in_the_default_set():
    pcc = nodes.named_nodes().set_index("node").loc["PCC/precuneus", ["x", "y", "z"]].to_numpy(float)
    assert mist.region_at(pcc) in mist.region_set("default")


def test_bad_region_and_set_names():
    with pytest.raises(ValueError, match="1 to 122"):
        mist.check_region(0)
    with pytest.raises(ValueError, match="default, task-positive"):
        mist.region_set("salience")


def test_run_1_loads_without_the_offset_search(monkeypatch, tmp_path):
    # Run 1 starts the session clock: loading it must not pay for fitting the other runs' offsets.
    # An empty cache folder, so a stored offset cannot hide a search.
    heatpain.subjects(1)  # read the shipped files first (kept in memory)
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path))

    def refuse(*args, **kwargs):
        raise AssertionError("offset search ran for run 1")

    monkeypatch.setattr(_offsets, "_offset_score", refuse)
    _offsets._offset.cache_clear()
    try:
        assert heatpain.run_offset(1) == 0.0
        assert heatpain.load_run("sub-01", 1).events["onset"].min() >= 0
    finally:
        _offsets._offset.cache_clear()
    with pytest.raises(ValueError, match="1, 3, 7"):
        heatpain.run_offset(2)


def test_parsing_the_shipped_files_warns_nothing_and_labels_every_event():
    # Run 1 has no regulation instruction: pandas reads that column as all-NaN floats, and filling
    # floats with a string warns (and will fail in a later pandas) unless the column is cast first.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = _files._parse_all.__wrapped__()  # the parser itself, not a stored result
    labels = {run: set() for run in _files.RUNS}
    for key, values in parsed.items():
        if key.startswith("reg_"):
            labels[int(key.rsplit("_", 1)[1])].update(map(str, values))
    assert labels[1] == {"none"}
    assert {"up", "down"} <= labels[3] | labels[7]


def test_run1_files_as_numbered_pair_a_file_with_the_events_of_its_own_number():
    numbers = heatpain.run1_file_numbers()
    on_disk = sorted(int(re.search(r"sub-(\d+)", f.name)[1]) for f in _task_files("sub-*_ts.txt"))
    assert list(numbers) == on_disk  # every shipped run-1 file has an events file of its number
    last = numbers[-1]
    as_numbered = heatpain.load_run(f"sub-{last:02d}", 1, shipped_numbering=True)
    owner = heatpain.load_run(f"sub-{last - _files.RUN1_FILE_SHIFT:02d}", 1)
    np.testing.assert_array_equal(as_numbered.timeseries.to_numpy(), owner.timeseries.to_numpy())
    np.testing.assert_array_equal(as_numbered.fd, owner.fd)
    raw = pd.read_csv(_files.run_files(last, 1)[2], sep="\t")
    np.testing.assert_allclose(as_numbered.events["onset"], raw["onset"])  # that file's own events
    assert not np.allclose(as_numbered.events["onset"], owner.events["onset"])


@pytest.mark.parametrize(
    ("subject", "run", "message"), [("sub-01", 1, "run-1 file number .sub-01."), ("sub-05", 3, "run 1 only")]
)
def test_pairing_as_numbered_names_the_valid_files(subject, run, message):
    with pytest.raises(ValueError, match=message):
        heatpain.load_run(subject, run, shipped_numbering=True)


def test_events_without_signals_are_the_events_files_no_signal_file_matches():
    # Counted from the shipped folder: an events file whose person has no signal file for that run.
    events_files = _task_files("sub-*_events.tsv")
    wanted = set()
    for path in events_files:
        person, run = int(path.name[4:6]), int(re.search(r"_run-(\d+)_", path.name).group(1))
        if f"sub-{person:02d}" not in heatpain.subjects(run):
            wanted.add((f"sub-{person:02d}", run))
    found = heatpain.events_without_signals()
    assert set(found) == wanted and wanted, wanted
    for (subject, run), events in found.items():
        assert set(events["trial_type"]) == {"heat", "rating"}, (subject, run)
