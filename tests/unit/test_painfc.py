"""mPFC and insula in the HCP group connectivity (notebook 06)."""

import pytest

from explainers.chapters import after2008
from explainers.datasets import connectivity


@pytest.fixture(scope="module")
def sets():
    return after2008.region_sets()


def test_region_sets_follow_their_rules(sets):
    assert set(sets) == set(after2008.RULES)
    assert (sets["mPFC"]["network"] == "Default").all() and (sets["mPFC"]["y"] > 30).all()
    assert (sets["PCC/precuneus"]["y"] < -40).all()
    assert sets["insula"]["anatomical"].str.contains("Insular").all()
    # both hemispheres have insula parcels
    assert set(sets["insula"]["hemisphere"]) == {"LH", "RH"}


def test_mpfc_couples_more_with_its_network_than_with_the_insula(sets):
    pairs = after2008.coupling(sets, connectivity.load_group_fc(after2008.N_PARCELS))
    means = pairs.groupby("target")["r"].mean()
    assert means["PCC/precuneus"] > means["all other parcels"] > means["insula"]
    with pytest.raises(ValueError, match="unknown seed"):
        after2008.coupling(sets, connectivity.load_group_fc(after2008.N_PARCELS), seed="amygdala")


def test_rules_state_the_thresholds_used_and_sets_have_reader_labels(sets):
    assert (
        f"{after2008.MIDLINE_MM:g} mm" in after2008.RULES["mPFC"]
        and f"{after2008.FRONT_MM:g} mm" in after2008.RULES["mPFC"]
    )
    assert f"{-after2008.BACK_MM:g} mm" in after2008.RULES["PCC/precuneus"]
    assert (sets["mPFC"]["y"] > after2008.FRONT_MM).all() and (
        sets["PCC/precuneus"]["y"] < after2008.BACK_MM
    ).all()
    assert set(after2008.SET_LABELS) == set(sets) == set(after2008.RULES)


def test_rise_to_match_and_its_error():
    import pandas as pd

    means = pd.Series({"insula": 0.1, "PCC/precuneus": 0.3})
    assert after2008.rise_to_match(means) == pytest.approx(0.2)
    with pytest.raises(
        ValueError, match=r"unknown target set\(s\) \['amygdala'\]; choose from: insula, PCC/precuneus"
    ):
        after2008.rise_to_match(means, "amygdala")
