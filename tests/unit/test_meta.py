"""The NIDM pain tables, NiMARE's studyset of them, and the cached fit and correction."""

import json
import subprocess
import sys
import textwrap

import pytest

from explainers.analysis import meta
from explainers.build import offline
from explainers.core import libquirks
from explainers.datasets import studysets


def test_pain_studies():
    studies = studysets.load_pain_studies()
    assert list(studies.columns) == ["study", "sample_size", "n_peaks"]
    assert len(studies) == 21 and studies["study"].is_unique
    assert studies["n_peaks"].sum() == 267
    assert (studies["sample_size"] > 0).all() and (studies["n_peaks"] > 0).all()


def test_pain_peaks():
    peaks = studysets.load_pain_peaks()
    assert list(peaks.columns) == ["study", "contrast", "x", "y", "z", "space"]
    assert len(peaks) == 267 and peaks["study"].nunique() == 21
    assert (peaks["space"] == "MNI").all()
    assert peaks["x"].between(-90, 90).all()


def test_studyset_twin_holds_the_same_peaks():
    # Notebook 05 meta-analyses nidm_pain_studyset.json; the tables come from nidm_pain_dset.json.
    with open(studysets.pain_studyset_file(), encoding="utf-8") as handle:
        studyset = json.load(handle)
    twin = sorted(
        (study["id"].removesuffix(".nidm"), *point["coordinates"])
        for study in studyset["studies"]
        for analysis in study["analyses"]
        for point in analysis["points"]
    )
    peaks = studysets.load_pain_peaks()
    assert twin == sorted(zip(peaks["study"], peaks["x"], peaks["y"], peaks["z"], strict=True))


@pytest.fixture(scope="module")
def nimare():
    Studyset, ALE, FWECorrector = libquirks.import_nimare()
    return Studyset, ALE, FWECorrector


def test_notebook_counts_from_nimares_studyset_match_the_tables(nimare):
    # Notebook 05 counts studies, peaks and participants on NiMARE's own Studyset object.
    Studyset, _, _ = nimare
    studyset = Studyset(str(studysets.pain_studyset_file()))
    studies = studysets.load_pain_studies()
    # One analysis per study, so counts per analysis are counts per study.
    assert studyset.metadata["study_id"].is_unique
    assert len(studyset.study_ids) == len(studies)
    assert len(studyset.coordinates) == studies["n_peaks"].sum()
    assert studyset.metadata["sample_sizes"].map(sum).sum() == studies["sample_size"].sum()


def test_fit_and_correct_runs_once_then_reads_the_cache_quietly(tmp_path):
    # A fresh process: nimare must not be imported yet for the backend check to mean anything.
    code = textwrap.dedent(
        """
        import json, logging, warnings
        warnings.simplefilter("error", FutureWarning)
        import matplotlib
        matplotlib.use("svg")
        import numpy as np
        from explainers.analysis import meta
        from explainers.core import libquirks
        from explainers.datasets import studysets
        libquirks.import_nimare()
        backend = matplotlib.get_backend()
        from nimare.correct import FWECorrector
        from nimare.meta.cbma.ale import ALE
        from nimare.studyset import Studyset

        def objects():
            return (Studyset(str(studysets.pain_studyset_file())), ALE(random_state=2008),
                    FWECorrector(method="montecarlo", n_iters=20, voxel_thresh=0.001, n_cores=1))

        studyset, ale, corrector = objects()
        first = meta.fit_and_correct(studyset, ale, corrector)
        untouched = not hasattr(ale, "inputs_")  # fit ran on a copy
        second = meta.fit_and_correct(*objects())
        maps = [run.result.get_map(meta.CLUSTER_MAP, return_type="array") for run in (first, second)]
        z = second.result.get_map("z")
        data = np.asarray(z.dataobj)
        ijk = np.unravel_index(int(np.nanargmax(data)), data.shape)
        root = logging.getLogger()
        print(json.dumps({
            "backend": backend, "from_cache": [first.from_cache, second.from_cache],
            "seconds_kept": first.seconds == second.seconds, "untouched": untouched,
            "same": bool((maps[0] == maps[1]).all()), "shape": list(z.shape),
            "z_max": float(data.max()), "z_max_xyz": [float(v) for v in (z.affine @ np.r_[ijk, 1])[:3]],
            "n_null": len(second.result.estimator.null_distributions_[meta.CLUSTER_NULL]),
            "call_id": meta._fit_and_correct.call_id(*objects()),
            "root_logging": [len(root.handlers), root.level],
        }))
        """
    )
    env = offline.kernel_env()
    env["EXPLAINERS_CACHE_DIR"] = str(tmp_path / "cache")
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no warnings, log lines or progress bars that would break nbval
    result = json.loads(out.stdout)
    assert result["backend"] == "svg"  # importing nimare did not switch matplotlib to Agg
    assert result["root_logging"] == [0, 30]  # nimare's logging.basicConfig(INFO) was neutralised
    assert result["from_cache"] == [False, True] and result["seconds_kept"]
    assert result["untouched"] and result["same"] and result["shape"] == [91, 109, 91]
    assert result["n_null"] == 20  # one largest null cluster per Monte Carlo iteration
    # The pain matrix: strongest convergence in the right anterior insula (notebook 05, 38, 4, 2).
    assert result["z_max"] == pytest.approx(6.73, abs=0.05)
    assert result["z_max_xyz"] == [38.0, 4.0, 2.0]
    # One stored call, in the one disk cache, under the id of these three objects.
    store = tmp_path / "cache" / "memory" / "explainers" / "analysis" / "meta" / "_fit_and_correct"
    assert [p.name for p in store.iterdir() if p.is_dir()] == [result["call_id"]]


def test_the_key_follows_the_studyset_and_every_setting(nimare):
    Studyset, ALE, FWECorrector = nimare
    studyset = Studyset(str(studysets.pain_studyset_file()))

    def key(data=studyset, seed=2008, n_iters=100, voxel_thresh=0.001):
        corrector = FWECorrector(method="montecarlo", n_iters=n_iters, voxel_thresh=voxel_thresh, n_cores=1)
        return meta._fit_and_correct.call_id(data, ALE(random_state=seed), corrector)

    base = key()
    assert key(data=Studyset(str(studysets.pain_studyset_file()))) == base  # deterministic, new objects
    assert key(seed=2009) != base
    assert key(n_iters=200) != base
    assert key(voxel_thresh=0.005) != base
    assert key(data=studyset.exclude_study_ids([studyset.study_ids[0]])) != base


def test_swapped_objects_are_refused_with_what_was_given(nimare):
    Studyset, ALE, FWECorrector = nimare
    studyset = Studyset(str(studysets.pain_studyset_file()))
    corrector = FWECorrector(method="montecarlo", n_iters=10)
    message = r"estimator must be a NiMARE object with a \.fit\(\) method, got FWECorrector"
    with pytest.raises(TypeError, match=message):
        meta.fit_and_correct(studyset, corrector, ALE())


# -- the stored Monte Carlo null distribution (notebook 05 loads it; see explainers.analysis.meta)


def _objects(nimare, seed=2008, n_iters=1000, voxel_thresh=0.001, n_cores=1):
    Studyset, ALE, FWECorrector = nimare
    return (
        Studyset(str(studysets.pain_studyset_file())),
        ALE(random_state=seed),
        FWECorrector(method="montecarlo", n_iters=n_iters, voxel_thresh=voxel_thresh, n_cores=n_cores),
    )


def _same_result(a, b) -> None:
    import numpy as np

    assert sorted(a.maps) == sorted(b.maps)
    for name in a.maps:
        assert np.array_equal(
            a.get_map(name, return_type="array"), b.get_map(name, return_type="array"), equal_nan=True
        ), name
    nulls_a, nulls_b = a.estimator.null_distributions_, b.estimator.null_distributions_
    assert sorted(nulls_a) == sorted(nulls_b)
    for name in nulls_a:
        assert np.array_equal(nulls_a[name], nulls_b[name]), name


def test_a_stored_null_gives_the_real_computations_maps_and_only_for_its_own_key(
    nimare, tmp_path, monkeypatch
):
    monkeypatch.setenv("EXPLAINERS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "data").mkdir()
    real, record = meta.compute_null(*_objects(nimare, n_iters=12))
    assert len(record.digests) == 12 and record.key["correction"]["n_iters"] == 12
    meta.write_null(record)
    assert meta.read_null().key == record.key
    stored = meta.fit_and_correct(*_objects(nimare, n_iters=12, n_cores=2))  # n_cores is not in the key
    assert stored.null == "stored" and not stored.from_cache
    _same_result(real, stored.result)
    # Another seed, another iteration count or another threshold draws other null maps: computed, not read.
    assert meta.fit_and_correct(*_objects(nimare, seed=2009, n_iters=12)).null == "computed"
    assert meta.fit_and_correct(*_objects(nimare, n_iters=13)).null == "computed"
    assert meta.fit_and_correct(*_objects(nimare, n_iters=12, voxel_thresh=0.005)).null == "computed"


def test_a_stored_null_that_belongs_to_another_draw_is_refused(nimare, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINERS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "data").mkdir()
    _, record = meta.compute_null(*_objects(nimare, n_iters=5))
    # Same key, but one iteration's null peaks are not the ones NiMARE draws: no answer is made up.
    forged = record._replace(digests=record.digests.copy())
    forged.digests[0] ^= 1
    meta.write_null(forged)
    with pytest.raises(meta.StaleNullError, match="does not hold"):
        meta.fit_and_correct(*_objects(nimare, n_iters=5))


def test_read_null_names_a_file_that_is_not_a_record(tmp_path):
    import numpy as np

    assert meta.read_null(tmp_path / "absent.npz") is None
    np.savez(tmp_path / "other.npz", key=np.array("{}"), digests=np.zeros(2, dtype=np.uint64))
    with pytest.raises(ValueError, match="is not a null record: it has no 'voxel_max' array"):
        meta.read_null(tmp_path / "other.npz")


def test_the_committed_null_is_notebook_05s_and_current(nimare):
    import re

    from explainers.core import paths

    record = meta.read_null()
    assert record is not None, f"no stored null at {meta.null_file()}"
    key = record.key
    # The record holds one null map per iteration of notebook 05's correction, with its settings and seed.
    assert len(record.digests) == key["correction"]["n_iters"] == 1000
    source = (paths.notebooks_dir() / "05_where_pain_shows_up.ipynb").read_text(encoding="utf-8")
    assert re.search(rf"N_ITERS = {key['correction']['n_iters']}\b", source)
    assert re.search(rf"VOXEL_P = {key['correction']['voxel_thresh']}\b", source)
    assert f"ALE(random_state={key['params']['random_state']})" in source
    # Its key is what this checkout computes now (same peaks, mask, settings and library versions);
    # when a library is upgraded, regenerate it: explainers.analysis.meta.save_null(...).
    studyset, ale, corrector = _objects(
        nimare, key["params"]["random_state"], key["correction"]["n_iters"], key["correction"]["voxel_thresh"]
    )
    ale.fit(studyset)
    assert meta.null_key(ale, corrector) == key


@pytest.mark.slow
def test_the_committed_null_is_what_nimares_monte_carlo_computes(nimare):
    # Regenerate the stored null distribution with NiMARE's real Monte Carlo (a minute or more) and compare
    # every iteration: the same null peaks drawn, the same three maxima for each.
    import numpy as np

    stored = meta.read_null()
    key = stored.key
    _, fresh = meta.compute_null(
        *_objects(
            nimare,
            key["params"]["random_state"],
            key["correction"]["n_iters"],
            key["correction"]["voxel_thresh"],
            n_cores=2,
        )
    )
    assert fresh.key == key
    assert np.array_equal(np.sort(fresh.digests), np.sort(stored.digests))
    order_fresh, order_stored = np.argsort(fresh.digests), np.argsort(stored.digests)
    for name in ("voxel_max", "size_max", "mass_max"):
        assert np.array_equal(getattr(fresh, name)[order_fresh], getattr(stored, name)[order_stored]), name
