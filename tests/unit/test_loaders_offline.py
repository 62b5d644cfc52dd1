"""Every data loader works offline in a fresh process and writes only inside the cache.

One subprocess runs all loaders with an empty HOME, the network blocked
(:func:`explainers.build.offline.kernel_env`) and ``NILEARN_DATA`` unset, as a reader's first run
would; afterwards every file under that HOME must lie in ``EXPLAINERS_CACHE_DIR``.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from explainers.build import offline

# Python expressions, evaluated in order in the child process.
LOADERS = (
    "rois.load_roi_table('seitzman2018')",
    "rois.load_roi_table('dosenbach2010')",
    "rois.network_rois('seitzman2018', 'Default')",
    "volumes.mni_brain_mask()",
    "volumes.sphere_mask((0, -52, 26), 6)",
    "anatomy.anatomical_name((0, -52, 26))",
    "nodes.named_nodes()",
    "surfaces.fslr_mesh('inflated')",
    "surfaces.yeo7_fslr()",
    "surfaces.schaefer_fslr(400)",
    "surfaces.neurosynth_default_mode_fslr()",
    "surfaces.fslr_sulcal_depth()",
    "connectivity.schaefer_network_labels(400)",
    "connectivity.load_group_fc(400)",
    "connectivity.network_summary(connectivity.load_group_fc(400))",
    "connectivity.yeo7_majority_labels(400)",
    "studysets.load_pain_studies()",
    "studysets.load_pain_peaks()",
    "studysets.load_task_studyset()",
    "meta.fit_and_correct(Studyset(str(studysets.pain_studyset_file())), ALE(), "
    "FWECorrector(method='montecarlo', n_iters=10, voxel_thresh=0.001))",
)

SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from explainers.analysis import meta
    from explainers.core import libquirks
    from explainers.datasets import anatomy, connectivity, nodes, rois, studysets, surfaces, volumes
    Studyset, ALE, FWECorrector = libquirks.import_nimare()
    timings = {}
    for call in json.loads(sys.argv[1]):
        start = time.perf_counter()
        eval(call)
        timings[call] = round(time.perf_counter() - start, 3)
    print(json.dumps(timings))
    """
)


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    cache = home / "cache"
    env = offline.kernel_env()
    env.pop("NILEARN_DATA", None)
    env.update(HOME=str(home), EXPLAINERS_CACHE_DIR=str(cache), MPLCONFIGDIR=str(cache / "mpl"))
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(list(LOADERS))],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return home, cache, out


def test_every_loader_succeeds_offline(offline_run):
    _, _, out = offline_run
    assert out.returncode == 0, out.stderr
    timings = json.loads(out.stdout)
    assert set(timings) == set(LOADERS)
    print("\n".join(f"{seconds:7.3f} s  {call}" for call, seconds in timings.items()))


def test_loaders_print_nothing_to_stderr(offline_run):
    # nbval compares notebook outputs: a stray warning or progress bar breaks it.
    assert offline_run[2].stderr == ""


def test_loaders_write_only_inside_the_cache(offline_run):
    home, cache, _ = offline_run
    written = [os.path.join(folder, name) for folder, _, names in os.walk(home) for name in names]
    outside = [path for path in written if not path.startswith(str(cache) + os.sep)]
    assert not outside, f"files written outside EXPLAINERS_CACHE_DIR: {outside}"
    assert not (home / "nilearn_data").exists()
