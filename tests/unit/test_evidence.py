"""The evidence map of notebook 06 is drawn from the ledger, never typed."""

import pytest

from explainers.literature import evidence, ledger


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12 vs 20", (12, 20)),
        ("54 CBP vs 29 HC", (54, 29)),
        ("618 vs 683; g = -0.246", (618, 683)),
        ("17 FM, scanned twice", (17, None)),
        ("increased", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_group_sizes(value, expected):
    assert evidence.parse_group_sizes(value) == expected


def test_every_entry_and_group_size_is_a_ledger_row():
    table = evidence.evidence_table()
    claims = ledger.load_claims()
    assert set(table["claim"]) <= set(claims.index)
    for entry in evidence.EVIDENCE:
        row = table[table["claim"] == entry.claim].iloc[0]
        assert row["status"] == claims.loc[entry.claim, "status"]
        if row["patients"] is not None and str(row["patients"]) != "<NA>":
            # every number shown comes from the ledger value of the sizes row
            assert str(row["patients"]) in claims.loc[entry.sizes, "value"]
    assert set(table["topic"]) == set(evidence.TOPICS)


def test_gaps_are_counted():
    table = evidence.evidence_table()
    gaps = evidence.gaps(table)
    assert gaps["n"] == len(evidence.EVIDENCE)
    assert gaps["no_sizes"] == sum(1 for e in evidence.EVIDENCE if e.sizes is None)
    assert gaps["longitudinal"]["chronic pain"] >= 1  # Napadow 2012 followed the same people


def test_bad_classification_is_named():
    bad = evidence.Entry(
        "hu2024-duration", None, "chronic pain", "back pain", "x", "sideways", "cross-sectional"
    )
    with pytest.raises(ValueError, match="sideways"):
        evidence.evidence_table([bad])


def test_the_evidence_map_file_names_a_missing_column(tmp_path):
    broken = tmp_path / "evidence_map.csv"
    broken.write_text("claim,sizes,topic\nb08-result-deactivation,,chronic pain\n")
    with pytest.raises(ValueError, match=r"evidence map has no column\(s\) condition, measure, direction"):
        evidence.load_entries(broken)


def test_an_empty_sizes_cell_is_a_gap_not_a_ledger_id(tmp_path):
    path = tmp_path / "evidence_map.csv"
    path.write_text(
        "claim,sizes,topic,condition,measure,direction,design\n"
        "b08-result-deactivation,,chronic pain,back pain,task deactivation,"
        "less deactivation,cross-sectional\n"
    )
    (entry,) = evidence.load_entries(path)
    assert entry.sizes is None and entry.claim == "b08-result-deactivation"


def test_the_depression_map_holds_the_pooled_data_sets_with_their_directions():
    # Yan et al. 2019 (weaker coupling, recurrent depression) and Javaheripour et al. 2021 (no difference).
    table = evidence.evidence_table().set_index("claim")
    assert table.loc["yan2019-dmn-reduced", "direction"] == "decreased"
    assert table.loc["javaheripour2021-no-dmn", "direction"] == "no difference"
    depression = table[table["topic"] == "depression"]
    people = (depression["patients"] + depression["controls"]).astype(float)
    assert people.idxmax() == "yan2019-dmn-reduced" and people["javaheripour2021-no-dmn"] > 1000
    assert "no difference" in evidence.DIRECTIONS
