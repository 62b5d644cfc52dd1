"""Tests for explainers.analysis.compare: synthetic inputs with known answers, and one real-data check."""

import numpy as np
import pandas as pd
import pytest

from explainers.analysis import compare


def test_dice_known_values():
    a = np.array([True, True, False, False])
    b = np.array([True, False, True, False])
    assert compare.dice(a, b) == pytest.approx(0.5)  # 2 * 1 / (2 + 2)
    assert compare.dice(a, a) == 1.0
    assert compare.dice(a, ~a) == 0.0
    assert np.isnan(compare.dice(np.zeros(3, bool), np.zeros(3, bool)))


def test_dice_rejects_non_boolean_and_mismatched_masks():
    with pytest.raises(ValueError, match="boolean"):
        compare.dice(np.array([1, 0]), np.array([True, False]))
    with pytest.raises(ValueError, match="shape"):
        compare.dice(np.ones(2, bool), np.ones(3, bool))


def test_agreement_categories_codes():
    a = np.array([True, True, False, False])
    b = np.array([True, False, True, False])
    assert compare.agreement_categories(a, b).tolist() == [1, 2, 3, 0]
    assert compare.AGREEMENT_NAMES[1] == "both"


def test_mean_inside_outside_respects_valid():
    values = np.array([4.0, 2.0, 1.0, 100.0])
    mask = np.array([True, True, False, False])
    valid = np.array([True, True, True, False])  # the 100 is "medial wall" and must not count
    assert compare.mean_inside_outside(values, mask, valid) == (3.0, 1.0)


def test_map_coords_to_vertices_distance_limit_and_allowed():
    vertices = np.array([[0.0, 0, 0], [10, 0, 0], [0, 10, 0]])
    match = compare.map_coords_to_vertices(
        [[1, 0, 0], [9, 0, 0], [50, 50, 50]], vertices, max_distance_mm=2.0
    )
    assert match.vertex.tolist() == [0, 1, -1]
    assert match.on_surface.tolist() == [True, True, False]
    assert match.distance_mm[0] == pytest.approx(1.0)
    # With vertex 0 not allowed, the first point is 9 mm from vertex 1 and 10.05 mm from vertex 2.
    blocked = compare.map_coords_to_vertices(
        [[1, 0, 0]], vertices, 20.0, allowed=np.array([False, True, True])
    )
    assert blocked.vertex.tolist() == [1]
    with pytest.raises(ValueError, match="positive"):
        compare.map_coords_to_vertices([[0, 0, 0]], vertices, 0.0)


def test_share_in_label_counts_off_surface_separately():
    vertices = np.array([[0.0, 0, 0], [10, 0, 0], [20, 0, 0]])
    labels = np.array([7, 3, 0])  # the last vertex is unlabelled (medial wall) and not allowed
    coords = [[0, 1, 0], [10, 1, 0], [1, 0, 1], [20, 0, 0], [0, 0, 40]]
    share = compare.share_in_label(coords, vertices, labels, 7, max_distance_mm=3.0)
    # [20, 0, 0] sits on the unlabelled vertex; the nearest allowed one is 10 mm away: off surface.
    assert share == compare.LabelShare(
        n_coords=5, n_off_surface=2, n_on_surface=3, n_in_label=2, share_on_surface=pytest.approx(2 / 3)
    )


def test_parcel_network_mask():
    parcels = np.array([0, 1, 2, 3, 2])
    table = pd.DataFrame({"parcel": [1, 2, 3], "network": ["Vis", "Default", "Default"]})
    assert compare.parcel_network_mask(parcels, table, "Default").tolist() == [False, False, True, True, True]
    # Any spelling of the one vocabulary selects the same parcels.
    assert compare.parcel_network_mask(parcels, table, "Visual").tolist() == [
        False,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(ValueError, match="no parcel in network 'Limbic'; networks are: Visual, Default"):
        compare.parcel_network_mask(parcels, table, "Limbic")
    with pytest.raises(ValueError, match="unknown network 'DMN'"):
        compare.parcel_network_mask(parcels, table, "DMN")
    with pytest.raises(
        ValueError, match="parcel_labels has no column\\(s\\) network; its columns are: parcel, name"
    ):
        compare.parcel_network_mask(parcels, table.rename(columns={"network": "name"}), "Default")


def test_coordinates_from_a_frame_need_xyz_columns():
    vertices = np.array([[0.0, 0, 0], [10, 0, 0]])
    frame = pd.DataFrame({"x": [1.0], "y": [0.0], "z": [0.0], "label": ["a"]})
    assert compare.map_coords_to_vertices(frame, vertices).vertex.tolist() == [0]
    with pytest.raises(ValueError, match="coordinate table has no column\\(s\\) z; its columns are: x, y"):
        compare.map_coords_to_vertices(frame[["x", "y"]], vertices)
    with pytest.raises(ValueError, match="expected MNI coordinates.*'PCC'"):
        compare.map_coords_to_vertices("PCC", vertices)


def test_real_atlases_agree_on_the_default_network():
    from explainers.datasets import connectivity, rois, surfaces

    yeo, _ = surfaces.yeo7_fslr()
    yeo_default = yeo == surfaces.yeo7_label("Default")
    schaefer = compare.parcel_network_mask(
        surfaces.schaefer_fslr(400), connectivity.schaefer_network_labels(400), "Default"
    )
    # Schaefer's networks are Yeo's networks at finer grain: high but not perfect overlap.
    assert 0.75 < compare.dice(yeo_default, schaefer) < 0.95
    vertices = compare.mesh_vertices(surfaces.fslr_mesh("midthickness"))
    assert vertices.shape == (2 * surfaces.FSLR_VERTICES_PER_HEMISPHERE, 3)
    # Seitzman's posterior-cingulate default ROIs must land in Yeo Default;
    # its cerebellar ones are off the surface.
    default_rois = rois.network_rois("seitzman2018", "Default")
    share = compare.share_in_label(default_rois, vertices, yeo, surfaces.yeo7_label("Default"))
    assert share.n_coords == len(default_rois)
    assert share.n_off_surface >= int((default_rois["region"] == "cerebellum").sum()) > 0
    assert share.share_on_surface > 0.7
