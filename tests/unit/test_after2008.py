"""Notebook 06: the parcel sets chosen by rule, their HCP coupling, and the evidence map by design."""

import pandas as pd
import pytest

from explainers.chapters import after2008
from explainers.datasets import connectivity
from explainers.literature import evidence


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


def test_set_labels_index_the_group_matrix_and_mpfc_couples_more_with_its_network(sets):
    # Notebook 06 reads the coupling with pandas from these labels; the order it reports must hold.
    fc = connectivity.load_group_fc(after2008.N_PARCELS)
    seed = list(sets["mPFC"]["label"])
    means = {name: fc.loc[seed, list(rows["label"])].to_numpy().mean() for name, rows in sets.items()}
    others = fc.loc[seed].drop(columns=seed).to_numpy().mean()
    assert means["PCC/precuneus"] > others > means["insula"] > 0


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


def _table(rows):
    return pd.DataFrame(rows, columns=["topic", "condition", "design"])


def test_design_counts_sort_each_finding_into_one_cell():
    table = _table(
        [
            ("chronic pain", "back pain", "cross-sectional"),
            ("chronic pain", "back pain with depression", "longitudinal"),
            ("depression", "major depression", "meta-analysis"),
            ("depression", "major depression", "meta-analysis"),
        ]
    )
    counts = after2008.design_counts(table)
    assert list(counts.index) == [*evidence.TOPICS, after2008.BOTH]
    assert list(counts.columns) == list(evidence.DESIGNS)
    assert counts.loc["chronic pain", "cross-sectional"] == 1
    assert counts.loc[after2008.BOTH, "longitudinal"] == 1
    assert counts.loc["chronic pain", "longitudinal"] == 0
    assert counts.loc["depression", "meta-analysis"] == 2
    assert counts.to_numpy().sum() == len(table)


def test_design_counts_of_the_real_map_match_its_gaps():
    table = evidence.evidence_table()
    counts = after2008.design_counts(table)
    gaps = evidence.gaps(table)
    assert counts.to_numpy().sum() == gaps["n"]
    assert counts.loc[after2008.BOTH].sum() == gaps["both_measured"]
    for topic in evidence.TOPICS:
        assert counts.loc[topic, "longitudinal"] == gaps["longitudinal"][topic]


def test_a_bad_design_is_named_with_the_choices():
    with pytest.raises(ValueError, match="unknown design 'case report'; choose one of: cross-sectional"):
        after2008.design_counts(_table([("depression", "major depression", "case report")]))
