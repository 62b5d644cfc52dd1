"""ROI tables (explainers.datasets.rois) and named nodes (explainers.datasets.nodes).

Counts marked "source file" restate the counts of nilearn's bundled files as recorded in the
research notes (offline-data.md section 1); anatomy expectations are textbook anatomy, not
our own output.
"""

import pandas as pd
import pytest

from explainers.core import paths, vocabulary
from explainers.datasets import nodes, rois, volumes

# ---------------------------------------------------------------- ROI tables


def test_seitzman_counts_match_the_source_file():
    table = rois.load_roi_table("seitzman2018")
    assert len(table) == 300
    assert (table["network"] == "Default").sum() == 67
    assert (table["network_original"] == "DefaultMode").sum() == 67
    assert set(table["radius_mm"]) == {4.0, 5.0}
    # The source file's counts survive the harmonisation (its two somatomotor parts merged).
    counts = table["network"].value_counts()
    assert counts["Somatomotor"] == 53 + 5
    assert counts["Unassigned"] == 15
    assert counts["Reward"] == 8


def test_dosenbach_counts_match_the_source_file():
    table = rois.load_roi_table("dosenbach2010")
    assert len(table) == 160
    assert table["network"].value_counts().to_dict() == {
        "Default": 34, "Somatomotor": 33, "CinguloOpercular": 32,
        "Visual": 22, "Frontoparietal": 21, "Cerebellum": 18,
    }  # fmt: skip
    assert table["region"].isna().all()
    first = table.iloc[0]
    assert (first["label"], first["x"], first["y"], first["z"]) == ("vmPFC 1", 6.0, 64.0, 3.0)


@pytest.mark.parametrize("atlas", rois.ATLASES)
def test_roi_table_is_tidy(atlas):
    table = rois.load_roi_table(atlas)
    assert tuple(table.columns) == rois.ROI_COLUMNS
    assert table["label"].is_unique
    assert set(table["network"]) <= set(vocabulary.NETWORKS)
    assert set(table["hemisphere"]) <= {"L", "R", "M"}
    assert (table.loc[table["x"] < -rois.MIDLINE_MM, "hemisphere"] == "L").all()
    assert (table.loc[table["x"] > rois.MIDLINE_MM, "hemisphere"] == "R").all()
    assert (table["atlas"] == atlas).all()
    assert (table["reference"] == rois.REFERENCES[atlas]).all()
    assert volumes.in_brain(table).all()  # a table with x, y, z columns is accepted as it is


def test_hemisphere_of_midline_band():
    assert rois.hemisphere_of([-1.5, -1.0, 0.0, 0.99, 1.01]).tolist() == ["L", "M", "M", "M", "R"]


def test_roi_table_is_a_copy():
    table = rois.load_roi_table("seitzman2018")
    table.loc[0, "x"] = 999
    assert rois.load_roi_table("seitzman2018").loc[0, "x"] != 999


def test_network_rois_filters_one_network():
    found = rois.network_rois("dosenbach2010", "Default")
    assert len(found) == 34 and (found["network"] == "Default").all()


@pytest.mark.parametrize("spelling", ["Default", "DefaultMode"])
def test_network_rois_accepts_the_atlas_spelling(spelling):
    assert len(rois.network_rois("seitzman2018", spelling)) == 67


@pytest.mark.parametrize("call", [
    lambda: rois.load_roi_table("power2011"),
    lambda: rois.network_rois("power2011", "Default"),
])  # fmt: skip
def test_unknown_atlas_names_value_and_lists_valid(call):
    with pytest.raises(ValueError, match="power2011") as error:
        call()
    assert all(name in str(error.value) for name in rois.ATLASES)


def test_unknown_network_names_value_and_lists_valid():
    with pytest.raises(ValueError, match="DMN") as error:
        rois.network_rois("seitzman2018", "DMN")
    assert "Default" in str(error.value) and "Frontoparietal" in str(error.value)


def test_network_absent_from_atlas_lists_its_networks():
    with pytest.raises(ValueError, match="Salience") as error:
        rois.network_rois("dosenbach2010", "Salience")
    assert "CinguloOpercular" in str(error.value)


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
def named():
    return nodes.named_nodes()


def test_named_nodes_columns_and_set(named):
    assert tuple(named.columns) == nodes.NAMED_NODE_COLUMNS
    assert set(named["node"]) == set(EXPECTED_ANATOMY)
    assert set(named["system"]) == {"Default", "TaskPositive"}
    assert (named["n_rois"] >= 2).all()
    assert set(named["network"]) <= set(vocabulary.NETWORKS)


def test_named_nodes_land_where_anatomy_says(named):
    for node in named.itertuples():
        assert any(part in node.anatomical for part in EXPECTED_ANATOMY[node.node]), (
            node.node,
            node.anatomical,
        )


def test_named_nodes_sit_on_the_right_side(named):
    for name, row in named.set_index("node").iterrows():
        if name.startswith("left"):
            assert row["x"] < 0 and row["anatomical"].startswith("Left")
        elif name.startswith("right"):
            assert row["x"] > 0 and row["anatomical"].startswith("Right")
        else:
            assert abs(row["x"]) < 5  # the two midline nodes


def test_named_nodes_are_centroids_of_their_rule(named):
    # Independent computation: filter the ROIs by the rule's box here and average them.
    rule = nodes.named_node_rules().set_index("node").loc["PCC/precuneus"]
    found = rois.network_rois(rule["atlas"], rule["network"])
    inside = found[
        found["x"].between(rule["x_min"], rule["x_max"])
        & found["y"].between(rule["y_min"], rule["y_max"])
        & found["z"].between(rule["z_min"], rule["z_max"])
    ]
    row = named.set_index("node").loc["PCC/precuneus"]
    assert row["n_rois"] == len(inside) > 0
    assert row[["x", "y", "z"]].to_numpy(float) == pytest.approx(
        inside[["x", "y", "z"]].mean().to_numpy(), abs=0.06
    )


def test_named_node_rules_are_valid():
    rules = nodes.named_node_rules()
    assert rules["node"].is_unique
    assert set(rules["atlas"]) <= set(rois.ATLASES)
    assert all(
        vocabulary.canonical_network(n, a) for n, a in zip(rules["network"], rules["atlas"], strict=True)
    )
    assert (rules["x_min"] < rules["x_max"]).all() and (rules["y_min"] < rules["y_max"]).all()
    assert rules["rationale"].str.len().min() > 20


def test_named_node_by_name_and_unknown_name():
    assert nodes.named_node("PCC/precuneus")["system"] == "Default"
    with pytest.raises(ValueError, match="'PCC'.*PCC/precuneus"):
        nodes.named_node("PCC")


def test_named_nodes_cache_is_keyed_by_the_rules_and_read_back_identically(tmp_path, monkeypatch):
    """A cold build stores the table; a warm run reads the same table; a changed rules file
    gives a new key (so an edit is never served stale)."""
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path / "cache"))
    nodes._named_nodes.cache_clear()
    try:
        assert not nodes._build.in_cache()
        cold = nodes.named_nodes()
        assert nodes._build.in_cache()
        nodes._named_nodes.cache_clear()
        warm = nodes.named_nodes()
        key = nodes._build.key()
        rules = tmp_path / "data"
        rules.mkdir()
        (rules / "named_node_rules.csv").write_text(
            (paths.data_dir() / "named_node_rules.csv").read_text() + "\n# an edit\n"
        )
        monkeypatch.setattr(paths, "data_dir", lambda: rules)
        changed = nodes._build.key()
        edited_is_cached = nodes._build.in_cache()
    finally:
        nodes._named_nodes.cache_clear()
    pd.testing.assert_frame_equal(cold, warm)
    assert changed != key and not edited_is_cached
