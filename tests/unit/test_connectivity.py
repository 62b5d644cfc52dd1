"""Schaefer network names, the HCP group connectivity and the Yeo-7 cross-check.

Three kinds of expected value, named as such:
- CBIG: parcel ranges of CBIG's ``Schaefer2018_400Parcels_7Networks_order`` file as recorded
  in the research notes (offline-data.md section 2), typed separately from the block sizes;
- independent: the Yeo-7 majority labels (another package, another method);
- snapshot: our own output, recorded so that a change is noticed, not a published value.
"""

import numpy as np
import pytest

from explainers.core import vocabulary
from explainers.datasets import connectivity


@pytest.fixture(scope="module")
def fc400():
    return connectivity.load_group_fc(400)


def test_default_parcels_400_match_cbig():
    # The per-network totals would only restate SCHAEFER_BLOCKS (true by construction); the
    # Default parcel numbers come from CBIG's file as written in the notes.
    labels = connectivity.schaefer_network_labels(400)
    assert len(labels) == 400
    default = labels[labels["network"] == "Default"]
    assert default["hemisphere"].value_counts().to_dict() == {"LH": 52, "RH": 39}
    assert default["parcel"].tolist() == list(range(149, 201)) + list(range(362, 401))
    assert labels.loc[148, "label"] == "LH_Default_149"


@pytest.mark.parametrize("n", connectivity.SUPPORTED_PARCELS)
def test_labels_follow_block_order(n):
    labels = connectivity.schaefer_network_labels(n)
    assert len(labels) == n and labels["label"].is_unique
    assert (labels["hemisphere"].iloc[: n // 2] == "LH").all() and (
        labels["hemisphere"].iloc[n // 2 :] == "RH"
    ).all()
    assert set(labels["network"]) == set(connectivity.NETWORKS) <= set(vocabulary.NETWORKS)
    assert labels["label"].str.split("_").str[1].tolist() == labels["network_original"].tolist()


def test_labels_use_the_one_vocabulary():
    labels = (
        connectivity.schaefer_network_labels(100)
        .drop_duplicates("network_original")
        .set_index("network_original")
    )
    assert labels.loc["DorsAttn", "network"] == "DorsalAttention"
    assert labels.loc["SalVentAttn", "network"] == "SalienceVentralAttention"
    assert labels.loc["Cont", "network_name"] == vocabulary.NETWORK_LABELS["Frontoparietal"]


@pytest.mark.parametrize("n, snapshot", [(100, 0.970), (200, 0.955), (400, 0.9775)])
def test_block_names_agree_with_yeo7_majority(n, snapshot):
    derived = connectivity.schaefer_network_labels(n)["network"].to_numpy()
    majority = connectivity.yeo7_majority_labels(n)["network"].to_numpy()
    agreement = np.mean(derived == majority)
    assert agreement >= 0.95  # independent: two packages, two methods, same names
    assert agreement == pytest.approx(snapshot, abs=0.003)  # snapshot of our own output


def test_yeo7_majority_columns():
    majority = connectivity.yeo7_majority_labels(100)
    assert list(majority.columns) == ["parcel", "yeo7", "network", "fraction"]
    assert majority["fraction"].between(0, 1).all() and majority["fraction"].median() > 0.6


def test_group_fc_shape_symmetry_diagonal(fc400):
    assert fc400.shape == (400, 400)
    values = fc400.to_numpy()
    assert np.allclose(values, values.T)
    assert np.allclose(np.diag(values), 1)
    assert list(fc400.index) == connectivity.schaefer_network_labels(400)["label"].tolist()
    assert values.min() > -0.5 and values.max() <= 1


def test_holdout_group_differs_but_agrees(fc400):
    holdout = connectivity.load_group_fc(400, group="holdout").to_numpy()
    upper = np.triu_indices(400, 1)
    assert not np.allclose(holdout, fc400.to_numpy())
    assert np.corrcoef(holdout[upper], fc400.to_numpy()[upper])[0, 1] > 0.9


def test_network_summary_within_network_is_strongest(fc400):
    summary = connectivity.network_summary(fc400)
    assert summary.shape == (7, 7)
    assert list(summary.index) == list(connectivity.NETWORKS)
    assert np.allclose(summary, summary.T)
    strongest = summary.idxmax(axis=1)
    # True for six networks; Limbic (low-signal orbitofrontal/temporal pole) couples more to Default.
    for network in (
        "Visual",
        "Somatomotor",
        "DorsalAttention",
        "SalienceVentralAttention",
        "Frontoparietal",
        "Default",
    ):
        assert strongest[network] == network
    assert strongest["Limbic"] == "Default"
    # Snapshot of our own output (offline-data.md notes the same numbers, computed the same way):
    # not a published value.
    assert summary.loc["Visual", "Visual"] == pytest.approx(0.44, abs=0.01)
    assert summary.loc["Default", "Default"] == pytest.approx(0.27, abs=0.01)


def test_network_summary_excludes_self_correlations():
    fc = connectivity.load_group_fc(100)
    summary = connectivity.network_summary(fc)
    limbic = fc.loc[fc.index.str.contains("_Limbic_"), fc.columns.str.contains("_Limbic_")].to_numpy()
    off_diagonal = limbic[~np.eye(len(limbic), dtype=bool)]
    assert summary.loc["Limbic", "Limbic"] == pytest.approx(off_diagonal.mean())
    assert off_diagonal.mean() < limbic.mean()  # the check can fail: the ones would raise the mean


def test_network_summary_refuses_a_frame_without_parcel_labels():
    fc = connectivity.load_group_fc(100)
    with pytest.raises(ValueError, match="parcel label 0 does not name a Schaefer network.*LH_Default_149"):
        connectivity.network_summary(fc.reset_index(drop=True).T.reset_index(drop=True))
    with pytest.raises(ValueError, match="square"):
        connectivity.network_summary(fc.iloc[:5])


@pytest.mark.parametrize(
    "call",
    [
        lambda: connectivity.schaefer_network_labels(300),
        lambda: connectivity.load_group_fc(300),
        lambda: connectivity.yeo7_majority_labels(1000),
    ],
)
def test_unknown_resolution_lists_valid(call):
    with pytest.raises(ValueError, match="choose one of: 100, 200, 400"):
        call()


def test_unknown_group():
    with pytest.raises(ValueError, match="unknown group 'test'; choose one of: main, holdout"):
        connectivity.load_group_fc(400, group="test")
