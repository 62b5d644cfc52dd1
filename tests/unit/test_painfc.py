"""mPFC and insula in the HCP group connectivity (notebook 06)."""

import pytest

from explainers import connectivity, painfc


@pytest.fixture(scope="module")
def sets():
    return painfc.region_sets()


def test_region_sets_follow_their_rules(sets):
    assert set(sets) == set(painfc.RULES)
    assert (sets["mPFC"]["network"] == "Default").all() and (sets["mPFC"]["y"] > 30).all()
    assert (sets["PCC/precuneus"]["y"] < -40).all()
    assert sets["insula"]["anatomical"].str.contains("Insular").all()
    # both hemispheres have insula parcels
    assert set(sets["insula"]["hemisphere"]) == {"LH", "RH"}


def test_mpfc_couples_more_with_its_network_than_with_the_insula(sets):
    pairs = painfc.coupling(sets, connectivity.load_group_fc(painfc.N_PARCELS))
    means = pairs.groupby("target")["r"].mean()
    assert means["PCC/precuneus"] > means["all other parcels"] > means["insula"]
    with pytest.raises(ValueError, match="unknown seed"):
        painfc.coupling(sets, connectivity.load_group_fc(painfc.N_PARCELS), seed="amygdala")


def test_rules_state_the_thresholds_used_and_sets_have_reader_labels(sets):
    assert (
        f"{painfc.MIDLINE_MM:g} mm" in painfc.RULES["mPFC"]
        and f"{painfc.FRONT_MM:g} mm" in painfc.RULES["mPFC"]
    )
    assert f"{-painfc.BACK_MM:g} mm" in painfc.RULES["PCC/precuneus"]
    assert (sets["mPFC"]["y"] > painfc.FRONT_MM).all() and (sets["PCC/precuneus"]["y"] < painfc.BACK_MM).all()
    assert set(painfc.SET_LABELS) == set(sets) == set(painfc.RULES)


def test_rise_to_match_and_its_error():
    import pandas as pd

    means = pd.Series({"insula": 0.1, "PCC/precuneus": 0.3})
    assert painfc.rise_to_match(means) == pytest.approx(0.2)
    with pytest.raises(
        ValueError, match=r"unknown target set\(s\) \['amygdala'\]; choose from: insula, PCC/precuneus"
    ):
        painfc.rise_to_match(means, "amygdala")
