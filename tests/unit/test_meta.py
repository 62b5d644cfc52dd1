"""The NIDM pain tables and the cached ALE."""

import json
import subprocess
import sys
import textwrap

import pytest

from explainers.analysis import meta
from explainers.build import offline
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
    # pain_ale runs on nidm_pain_studyset.json; the tables come from nidm_pain_dset.json.
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


def test_pain_ale_runs_caches_and_keeps_the_backend(tmp_path):
    # A fresh process: nimare must not be imported yet for the backend check to mean anything.
    code = textwrap.dedent(
        """
        import json, logging, warnings
        warnings.simplefilter("error", FutureWarning)
        import matplotlib
        matplotlib.use("svg")
        from explainers.analysis import meta
        first = meta.pain_ale(n_iters=20)
        backend = matplotlib.get_backend()
        second = meta.pain_ale(n_iters=20)
        same = bool((first.thresholded.get_fdata() == second.thresholded.get_fdata()).all())
        root = logging.getLogger()
        print(json.dumps({"backend": backend, "first": first.summary, "second": second.summary, "same": same,
                          "shape": list(first.z.shape), "root_logging": [len(root.handlers), root.level]}))
        """
    )
    env = offline.kernel_env()
    env["EXPLAINERS_CACHE_DIR"] = str(tmp_path / "cache")
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no warnings, log lines or progress bars that would break nbval
    result = json.loads(out.stdout)
    assert result["backend"] == "svg"
    assert result["root_logging"] == [0, 30]  # nimare's logging.basicConfig(INFO) was neutralised
    assert result["first"]["from_cache"] is False and result["second"]["from_cache"] is True
    assert result["same"] and result["shape"] == [91, 109, 91]
    assert result["first"]["n_studies"] == 21 and result["first"]["n_peaks"] == 267
    assert result["first"]["n_iters"] == 20 and result["first"]["seed"] == meta.ALE_SEED
    # The pain matrix: strongest convergence in the right anterior insula (research notes, 38, 4, 2).
    assert result["first"]["z_max"] == pytest.approx(6.73, abs=0.05)
    assert result["first"]["z_max_xyz"] == [38.0, 4.0, 2.0]
    assert 0 < result["first"]["n_voxels"] < 91 * 109 * 91
    # One stored call, in the one disk cache, under the key the summary names.
    store = tmp_path / "cache" / "memory" / "explainers" / "analysis" / "meta" / "_ale_maps"
    assert [p.name for p in store.iterdir() if p.is_dir()] == [result["first"]["key"]]


def test_ale_key_follows_every_argument_that_reaches_nimare():
    def key(**kwargs):
        return meta._ale_maps.call_id(
            **{"n_iters": 100, "seed": 1, "voxel_thresh": 0.001, "n_cores": 1, **kwargs}
        )

    base = key()
    assert key() == base  # deterministic
    assert key(n_iters=200) != base
    assert key(seed=2) != base
    assert key(voxel_thresh=0.005) != base


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n_iters": 0}, "n_iters"),
        ({"seed": -1}, "seed"),
        ({"n_iters": 1.5}, "n_iters"),
        ({"voxel_thresh": 1.0}, "voxel_thresh"),
    ],
)
def test_pain_ale_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        meta.pain_ale(**kwargs)
