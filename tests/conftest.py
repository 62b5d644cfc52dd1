"""Test-wide setup: the whole run is offline, in this process and in every notebook kernel."""

import os

from explainers.build import offline

# Kernels started by nbval inherit os.environ, so they load the offline sitecustomize too.
os.environ.update(offline.kernel_env())
offline.install()


# Two tiers (README, "Two tiers of tests"): `make test-fast` runs `-m "not slow"`, `make test`
# everything. Slow: strict nbval of the notebooks (they execute every notebook), the browser
# tests and whatever exports the whole site or runs whole builds (the fixtures below), and the
# modules whose setup or calls take tens of seconds on two cores (pytest --durations).
SLOW_FIXTURES = {"site", "browser", "chromium", "project"}
SLOW_MODULES = {
    "test_build.py",  # whole builds of a throw-away project, twice over
    "test_build_order.py",  # builds that check 00 runs last
    "test_meta.py",  # NiMARE's ALE with its Monte Carlo FWE correction
    "test_painmaps.py",  # the same meta-analysis, through the cache
    "test_figure_images.py",  # draws and compares figure images
    "test_taskdata.py",  # parses every heat-pain run's files
    "test_loaders_offline.py",  # every loader, in a fresh offline process
    "test_shared_arrays.py",  # surface meshes and figures
    "test_site_pages.py",  # exports each notebook's pages
    "test_seesaw.py",  # fresh interpreters importing brainspace
    "test_paths.py",  # builds and installs a wheel of the package
    "test_memory.py",  # fresh interpreters checking what the loaders import
    "test_brainplots.py",  # surface and glass-brain figures
    "test_volumes_anatomy.py",  # whole-brain atlases, resampled
    "test_site_markers.py",  # renders whole notebook pages
    "test_reader_voice.py",  # renders whole notebook pages
    "test_style_simulate_chapter.py",  # a simulated GLM over a whole block design
    "test_taskglm.py",  # per-person GLMs of the heat-pain runs
    "test_after2008.py",  # HCP connectivity region sets
}


def pytest_collection_modifyitems(config, items):
    import pytest

    slow = pytest.mark.slow
    for item in items:
        path = item.path
        if (
            path.suffix == ".ipynb"
            or path.name in SLOW_MODULES
            or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(slow)
