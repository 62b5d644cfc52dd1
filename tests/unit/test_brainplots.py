"""Brain figures (glassbrains, surfaceplots): what is drawn, checked on the figure objects.

Property tests: panel and view counts, the left/right hemisphere split of surface views, the
numbers written on glass-brain markers, colour-bar ranges; plus the error messages.
"""

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from explainers.datasets import surfaces
from explainers.figures import glassbrains, housestyle, surfaceplots

N = surfaces.FSLR_VERTICES_PER_HEMISPHERE
RED = "#ff0000"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    housestyle.pyplot().close("all")


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _views(fig) -> list:
    # nilearn adds one full-width frame axes per glass brain; the views are the narrow ones.
    return sorted(
        (ax for ax in fig.axes if ax.get_position().width < 0.5),
        key=lambda ax: (-ax.get_position().y0, ax.get_position().x0),
    )


# ---------------------------------------------------------------- glass brains


def test_glass_brain_stack_draws_three_views_per_panel_with_titles_and_legends():
    layer = {"coords": [(0, -52, 26)], "color": RED, "label": "PCC"}
    fig = glassbrains.glass_brain_stack(
        [
            {"layers": [layer], "title": "first"},
            {"layers": [layer, {**layer, "label": "again"}], "title": "second"},
        ],
        title="whole figure",
    )
    assert len(_views(fig)) == 3 * 2  # GLASS_BRAIN_MODE "lzr": left, top, right per panel
    assert {t.get_text() for t in fig.texts} >= {"first", "second"}
    assert fig._suptitle.get_text() == "whole figure"
    legends = [[t.get_text() for t in legend.get_texts()] for legend in fig.legends]
    assert legends == [["PCC"], ["PCC", "again"]]


def test_marker_numbers_follow_the_hemisphere_of_each_view():
    coords = pd.DataFrame({"x": [-40.0, 0.0, 40.0], "y": [-60.0, -52.0, -60.0], "z": [30.0, 26.0, 30.0]})
    fig = glassbrains.glass_brain_markers(
        [{"coords": coords, "color": RED, "label": "nodes", "numbers": ["1", "2", "3"]}]
    )
    left, top, right = _views(fig)  # left to right, the order of GLASS_BRAIN_MODE
    numbers = {"1", "2", "3"}
    assert set(_texts(left)) & numbers == {"1", "2"}  # x <= 0
    assert set(_texts(top)) & numbers == {"1", "2", "3"}
    assert set(_texts(right)) & numbers == {"2", "3"}  # x >= 0
    # The number sits on its marker: in the left (sagittal) view at (y, z).
    one = next(t for t in left.texts if t.get_text() == "1")
    assert one.get_position() == (-60.0, 30.0)


def test_marker_numbers_must_match_the_markers():
    with pytest.raises(ValueError, match="got 2 numbers for 3 markers"):
        glassbrains.glass_brain_markers(
            [{"coords": [(0, -52, 26)] * 3, "color": RED, "label": "x", "numbers": ["1", "2"]}]
        )


@pytest.mark.parametrize("layer, message", [
    ({"coords": [(0, -52, 26)], "label": "x"}, "layer missing color; valid keys: coords, color, label"),
    ({"coords": [(0, -52, 26)], "color": RED, "label": "x", "colour": RED},
     "layer unknown key\\(s\\) colour"),
    ({"coords": "PCC", "color": RED, "label": "x"}, "got the text 'PCC'"),
    ({"coords": pd.DataFrame({"X": [0.0]}), "color": RED, "label": "x"},
     "no column\\(s\\) x, y, z; its columns are: X"),
])  # fmt: skip
def test_bad_layers_are_refused_naming_the_problem(layer, message):
    with pytest.raises(ValueError, match=message):
        glassbrains.glass_brain_markers([layer])


def test_a_panel_must_be_a_dict_with_layers():
    with pytest.raises(TypeError, match="each layer must be a dict"):
        glassbrains.glass_brain_stack([{"layers": [(0, -52, 26)]}])
    with pytest.raises(ValueError, match="panel missing layers"):
        glassbrains.glass_brain_stack([{"title": "no layers"}])


# ---------------------------------------------------------------- surfaces


def _face_colours(ax) -> np.ndarray:
    (surface,) = [c for c in ax.collections if len(c.get_facecolor()) > 1000]
    return surface.get_facecolor()


@pytest.fixture(scope="module")
def left_only_figure():
    """A map that is 1 on the left hemisphere and 0 on the right, with a colour bar."""
    values = np.r_[np.ones(N), np.zeros(N)]
    row = {"values": values, "cmap": surfaceplots.mask_colormap(RED), "vmin": 0, "vmax": 1, "threshold": 0.5,
           "label": "left only", "colorbar": "share"}  # fmt: skip
    second = {**row, "values": values[::-1], "label": "right only"}
    second.pop("colorbar")
    fig = surfaceplots.surface_maps([row, second], title="split", legend=[(RED, "in the map")])
    yield fig
    housestyle.pyplot().close(fig)


def test_surface_maps_draw_four_views_per_row_and_one_colour_bar(left_only_figure):
    views = [ax for ax in left_only_figure.axes if ax.name == "3d"]
    bars = [ax for ax in left_only_figure.axes if ax.name != "3d"]
    assert len(views) == 4 * 2 and len(bars) == 1
    assert bars[0].get_ylim() == (0.0, 1.0)  # the colour bar spans vmin..vmax of its row
    assert bars[0].get_ylabel() == "share"
    assert [ax.get_title() for ax in views[:4]] == [
        "left, outside",
        "left, midline",
        "right, midline",
        "right, outside",
    ]
    assert [t.get_text() for t in left_only_figure.legends[0].get_texts()] == ["in the map"]


def test_surface_views_split_the_hemispheres(left_only_figure):
    views = [ax for ax in left_only_figure.axes if ax.name == "3d"]
    red = np.array(to_rgba(RED))
    share_red = [
        float(np.mean(np.all(np.isclose(_face_colours(ax), red, atol=0.02), axis=1))) for ax in views
    ]
    first_row, second_row = share_red[:4], share_red[4:]
    # Row 1 colours the left hemisphere only, row 2 the right only (views: L, L, R, R).
    assert min(first_row[:2]) > 0.9 and max(first_row[2:]) == 0.0
    assert max(second_row[:2]) == 0.0 and min(second_row[2:]) > 0.9


@pytest.mark.parametrize("values, message", [
    (np.zeros(N), "values must hold one value per fsLR 32k vertex, shape \\(64984,\\).*shape \\(32492,\\)"),
    (np.zeros((2, N)), "got shape \\(2, 32492\\)"),
])  # fmt: skip
def test_surface_row_refuses_values_of_the_wrong_shape(values, message):
    fig = housestyle.pyplot().figure()
    grid = fig.add_gridspec(1, 4)
    with pytest.raises(ValueError, match=message):
        surfaceplots.surface_row(
            fig, [grid[0, j] for j in range(4)], values, cmap="viridis", vmin=0, vmax=1, row_label="x"
        )


def test_surface_row_refuses_an_empty_colour_range():
    fig = housestyle.pyplot().figure()
    grid = fig.add_gridspec(1, 4)
    with pytest.raises(ValueError, match="vmin must be below vmax, got vmin=1, vmax=1"):
        surfaceplots.surface_row(
            fig, list(grid), np.zeros(2 * N), cmap="viridis", vmin=1, vmax=1, row_label="x"
        )


def test_surface_maps_refuses_a_row_without_limits():
    with pytest.raises(ValueError, match="row missing vmin, vmax"):
        surfaceplots.surface_maps([{"values": np.zeros(2 * N), "cmap": "viridis", "label": "x"}])


def test_colormaps():
    assert surfaceplots.mask_colormap(RED)(1.0) == to_rgba(RED)
    cmap = surfaceplots.categorical_colormap([RED, "#0000ff"])
    assert cmap.N == 2 and cmap(1) == to_rgba("#0000ff")
