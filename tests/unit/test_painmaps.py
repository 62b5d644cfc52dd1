"""Where pain shows up: peaks, network shares and the region comparison of notebook 05."""

from typing import NamedTuple

import nibabel as nib
import numpy as np
import pandas as pd
import pytest

from explainers.analysis import meta
from explainers.chapters import painmaps
from explainers.core import libquirks
from explainers.datasets import studysets


class _Map(NamedTuple):
    thresholded: nib.Nifti1Image
    n_voxels: int


@pytest.fixture(scope="module")
def ale(tmp_path_factory):
    """The corrected pain ALE as notebook 05 makes it, with 100 Monte Carlo iterations (the same map)."""
    import os

    os.environ.setdefault("EXPLAINERS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    Studyset, ALE, FWECorrector = libquirks.import_nimare()
    run = meta.fit_and_correct(
        Studyset(str(studysets.pain_studyset_file())),
        ALE(random_state=2008),
        FWECorrector(method="montecarlo", n_iters=100, voxel_thresh=0.001, n_cores=2),
    )
    z = run.result.get_map("z")
    keep = run.result.get_map(meta.CLUSTER_MAP, return_type="array") > -np.log10(0.05)
    keep = run.result.estimator.masker.inverse_transform(keep.astype(np.float32)).get_fdata() > 0
    thresholded = nib.Nifti1Image(np.where(keep, z.get_fdata(), 0).astype(np.float32), z.affine)
    return _Map(thresholded, int(keep.sum()))


def test_strongest_peaks_fall_in_insula_or_parietal_operculum(ale):
    peaks = painmaps.peak_table(ale.thresholded, n_peaks=3)
    assert list(peaks["rank"]) == [1, 2, 3]
    assert peaks["z_value"].is_monotonic_decreasing
    for region in peaks["region"]:
        assert ("Insular Cortex" in region) or ("Parietal Operculum" in region), region


def test_peak_table_rejects_bad_input(ale):
    with pytest.raises(ValueError, match="n_peaks"):
        painmaps.peak_table(ale.thresholded, n_peaks=0)
    empty = nib.Nifti1Image(np.zeros((5, 5, 5), np.float32), np.eye(4))
    with pytest.raises(ValueError, match="no positive voxel"):
        painmaps.peak_table(empty)


def test_network_shares_add_up_and_leave_the_dmn_out(ale):
    shares = painmaps.network_shares(ale.thresholded)
    assert shares["n_voxels"].sum() == ale.n_voxels == 2330
    assert shares["share"].sum() == pytest.approx(1.0)
    top = shares.iloc[0]
    assert top["network"] == "Ventral Attention"  # the salience / ventral attention network
    assert shares.set_index("network").loc["Default", "share"] < 0.05


def test_region_overlap_counts_voxels():
    affine = np.eye(4)
    atlas = np.zeros((4, 4, 4), np.int16)
    atlas[:2] = 1
    atlas[2:] = 2
    image = np.zeros((4, 4, 4), np.float32)
    image[0] = 1.0  # half of region 1, none of region 2
    share = painmaps.region_overlap(nib.Nifti1Image(image, affine), nib.Nifti1Image(atlas, affine))
    assert share.to_dict() == {1: 0.5, 2: 0.0}


def test_compare_regions_categories():
    meta_share = pd.Series([0.5, 0.5, 0.0, 0.0], index=[1, 2, 3, 4])
    task_t = pd.Series([5.0, 0.0, 5.0, 0.0], index=[1, 2, 3, 4])
    table = painmaps.compare_regions(meta_share, task_t, t_threshold=3.0)
    assert list(table["agreement"]) == list(painmaps.AGREEMENT)
    with pytest.raises(ValueError, match="share no region"):
        painmaps.compare_regions(meta_share, pd.Series([1.0], index=[9]), 3.0)
    with pytest.raises(ValueError, match="thresholds"):
        painmaps.compare_regions(meta_share, task_t, t_threshold=-1.0)


def test_peak_names_are_the_point_by_point_harvard_oxford_names(ale):
    from explainers.datasets import anatomy

    peaks = painmaps.peak_table(ale.thresholded, n_peaks=5)

    def one(xyz):
        try:
            return anatomy.anatomical_name(xyz)
        except ValueError:  # outside the brain mask
            return anatomy.NO_LABEL

    assert list(peaks["region"]) == [one(p) for p in peaks[["x", "y", "z"]].to_numpy(float)]
