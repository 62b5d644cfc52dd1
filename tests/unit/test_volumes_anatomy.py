"""MNI volumes (explainers.datasets.volumes) and Harvard-Oxford names (explainers.datasets.anatomy)."""

import itertools

import numpy as np
import pandas as pd
import pytest

from explainers.datasets import anatomy, volumes


def test_brain_mask_is_read_once_shared_read_only_and_2mm():
    mask, again = volumes.mni_brain_mask(), volumes.mni_brain_mask()
    assert mask.dataobj is again.dataobj  # read once per process
    assert not mask.dataobj.flags.writeable  # ... so no caller may change it for the others
    mask.affine[0, 0] = 99.0  # an image's own affine is a copy: editing it reaches nobody else
    assert again.affine[0, 0] != 99.0 and volumes.mni_brain_mask().affine[0, 0] != 99.0
    assert again.shape == (99, 117, 95)
    assert np.allclose(np.abs(np.diag(again.affine)[:3]), 2)
    assert again.get_fdata().sum() > 200_000  # voxels in the brain: the file's values, not a blank


def test_outside_brain_coordinate_is_named():
    with pytest.raises(ValueError, match=r"coordinate \(90, 0, 0\) lies outside the MNI152 brain mask"):
        volumes.check_in_brain((90, 0, 0))
    with pytest.raises(ValueError, match=r"\(0, 0, 200\)"):  # beyond the volume, not just the mask
        volumes.check_in_brain([(0, -50, 30), (0, 0, 200)])


@pytest.mark.parametrize("bad", [(1, 2), "PCC", [(0, 0, "a")], [(0, 0, np.nan)], None])
def test_malformed_coordinates_are_refused_naming_the_value(bad):
    with pytest.raises(ValueError, match="expected one \\(x, y, z\\) MNI coordinate") as error:
        volumes.check_in_brain(bad)
    assert repr(bad)[:10] in str(error.value) or "PCC" in str(error.value)


def test_frame_without_xyz_columns_is_refused_listing_its_columns():
    frame = pd.DataFrame({"label": ["a"], "X": [0.0], "Y": [-52.0], "Z": [26.0]})
    with pytest.raises(ValueError, match="no column\\(s\\) x, y, z; its columns are: label, X, Y, Z"):
        volumes.in_brain(frame)


def test_frame_with_xyz_columns_is_used_as_coordinates():
    frame = pd.DataFrame({"label": ["pcc", "out"], "x": [0.0, 90.0], "y": [-52.0, 0.0], "z": [26.0, 0.0]})
    assert volumes.in_brain(frame).tolist() == [True, False]


def _lattice_points_within(radius_voxels: float) -> int:
    # Independent count: integer (i, j, k) offsets within the radius, in voxel units.
    reach = int(np.ceil(radius_voxels))
    steps = range(-reach, reach + 1)
    return sum(
        i * i + j * j + k * k <= radius_voxels**2 for i, j, k in itertools.product(steps, steps, steps)
    )


def test_sphere_mask_volume_and_grid():
    single = volumes.sphere_mask((0, -52, 26), radius_mm=6)
    assert single.shape == volumes.mni_brain_mask().shape
    n_voxels = int(single.get_fdata().sum())
    # The centre is a voxel centre of the 2 mm grid, so the sphere holds exactly the lattice
    # points within 3 voxels (a 6 mm sphere: about 4/3*pi*6^3/8 = 113, exactly 123).
    assert n_voxels == _lattice_points_within(3.0) == 123
    union = volumes.sphere_mask([(0, -52, 26), (-46, -66, 30)], radius_mm=6)
    # Both centres sit on voxel centres of the 2 mm grid and are far apart: twice the voxels.
    assert int(union.get_fdata().sum()) == 2 * n_voxels
    edge = volumes.sphere_mask((0, -98, 10), radius_mm=6)  # near the occipital pole: part of it is outside
    trimmed = volumes.sphere_mask((0, -98, 10), radius_mm=6, within_brain=True)
    assert 0 < trimmed.get_fdata().sum() < edge.get_fdata().sum()


def test_sphere_mask_errors_name_the_bad_value():
    with pytest.raises(ValueError, match=r"\(90, 0, 0\)"):
        volumes.sphere_mask([(0, -52, 26), (90, 0, 0)])
    with pytest.raises(ValueError, match="radius_mm must be a positive number.*got 0"):
        volumes.sphere_mask((0, -52, 26), radius_mm=0)
    with pytest.raises(TypeError, match="radius_mm must be a positive number.*got '6' \\(str\\)"):
        volumes.sphere_mask((0, -52, 26), radius_mm="6")


def test_format_xyz():
    assert volumes.format_xyz([0, -52.0, 26.004]) == "(0, -52, 26)"


# ---------------------------------------------------------------- Harvard-Oxford


@pytest.mark.parametrize("xyz, expected", [
    ((-40, -20, 50), "Left Precentral Gyrus"),
    ((40, -20, 50), "Right Precentral Gyrus"),
    ((-24, -22, -14), "Left Hippocampus"),
    ((48, -62, 30), "Right Lateral Occipital Cortex, superior division"),
])  # fmt: skip
def test_anatomical_name(xyz, expected):
    assert anatomy.anatomical_name(xyz) == expected


def test_anatomical_name_no_label_in_cerebellum():
    assert anatomy.anatomical_name((20, -60, -30)) == anatomy.NO_LABEL


def test_anatomical_labels_sorted_and_thresholded():
    labels = anatomy.anatomical_labels((0, -52, 26))
    assert len(labels) >= 2
    assert labels["probability"].is_monotonic_decreasing
    assert labels["probability"].between(0, 100).all()
    strong = anatomy.anatomical_labels((0, -52, 26), min_prob=20)
    assert (strong["probability"] > 20).all() and len(strong) < len(labels)


def test_anatomical_name_outside_brain():
    with pytest.raises(ValueError, match=r"\(90, 0, 0\)"):
        anatomy.anatomical_name((90, 0, 0))


def test_anatomical_name_of_a_region_name_points_to_named_nodes():
    with pytest.raises(ValueError, match="got the text 'PCC'.*named_nodes"):
        anatomy.anatomical_name("PCC")


def test_anatomical_labels_needs_one_coordinate():
    with pytest.raises(ValueError, match="expected one .* got 2"):
        anatomy.anatomical_labels([(0, -52, 26), (-40, -20, 50)])


@pytest.mark.parametrize(
    "bad, error", [("20", TypeError), (-1, ValueError), (101, ValueError), (True, TypeError)]
)
def test_min_prob_must_be_a_percentage(bad, error):
    with pytest.raises(error, match=f"min_prob must be .* between 0 and 100.*got {bad!r}"):
        anatomy.anatomical_labels((0, -52, 26), min_prob=bad)


def test_harvard_oxford_cache_gives_the_same_atlas(tmp_path, monkeypatch):
    """The sparse atlas read back from the cache equals the one streamed from the file."""
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path))
    anatomy.harvard_oxford_atlas.cache_clear()
    try:
        assert not anatomy._sparse_probabilities.in_cache()
        streamed = anatomy.harvard_oxford_atlas()
        assert anatomy._sparse_probabilities.in_cache()
        anatomy.harvard_oxford_atlas.cache_clear()
        cached = anatomy.harvard_oxford_atlas()
    finally:
        anatomy.harvard_oxford_atlas.cache_clear()
    for field in ("voxel", "label", "prob"):
        assert np.array_equal(getattr(streamed, field), getattr(cached, field))
    assert streamed.names == cached.names and streamed.shape == cached.shape
    assert len(streamed.names) == 113 and "Left Hippocampus" in streamed.names


def test_anatomical_names_equal_one_look_up_per_point():
    """The vectorised naming gives, point by point, what anatomical_name gives."""
    rng = np.random.default_rng(0)
    candidates = rng.uniform([-70, -100, -40], [70, 70, 80], size=(400, 3)).round()
    points = candidates[volumes.in_brain(candidates)][:60]
    points = np.vstack([points, [(0, -52, 26), (-45, -67, 35), (26, -20, -14)]])
    one_by_one = [anatomy.anatomical_name(p) for p in points]
    assert list(anatomy.anatomical_names(points)) == one_by_one
    assert anatomy.NO_LABEL in one_by_one and len(set(one_by_one)) > 10  # the sample is varied


def test_anatomical_names_outside_the_mask_raise_or_get_no_label():
    points = [(0, -52, 26), (90, 0, 0)]
    with pytest.raises(ValueError, match=r"\(90, 0, 0\) lies outside the MNI152 brain mask"):
        anatomy.anatomical_names(points)
    names = anatomy.anatomical_names(points, outside=anatomy.NO_LABEL)
    assert list(names) == [anatomy.anatomical_name((0, -52, 26)), anatomy.NO_LABEL]
    with pytest.raises(ValueError, match="outside.*'skip'.*error"):
        anatomy.anatomical_names(points, outside="skip")


def test_fast_sparse_scan_finds_every_non_zero_byte():
    """The word-wise scan agrees with a byte-wise one, including a tail shorter than a word."""
    rng = np.random.default_rng(1)
    for size in (8, 13, 1001):
        values = (rng.random(size) < 0.1).astype(np.uint8) * rng.integers(1, 100, size).astype(np.uint8)
        values[-1] = 7
        assert np.array_equal(anatomy._nonzero(values), np.flatnonzero(values))
