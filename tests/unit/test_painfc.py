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
