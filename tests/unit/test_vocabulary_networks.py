"""The networks section of explainers.core.vocabulary: one canonical spelling, every atlas's alias."""

import pytest

from explainers.core import palette, vocabulary
from explainers.datasets import connectivity, rois, surfaces


def test_every_network_has_a_label_and_every_alias_a_canonical_target():
    assert set(vocabulary.NETWORK_LABELS) == set(vocabulary.NETWORKS)
    for atlas, table in vocabulary.NETWORK_ALIASES.items():
        assert set(table.values()) <= set(vocabulary.NETWORKS), atlas


def test_no_spelling_means_two_networks():
    # Without an atlas, canonical_network takes any atlas's spelling: that is only safe
    # when no spelling maps to two different networks.
    targets = {}
    for table in vocabulary.NETWORK_ALIASES.values():
        for alias, canonical in table.items():
            assert targets.setdefault(alias, canonical) == canonical, alias
    for name in vocabulary.NETWORKS:
        assert targets.get(name, name) == name, f"canonical {name!r} is another network's alias"


@pytest.mark.parametrize("name, atlas, expected", [
    ("DorsAttn", "schaefer", "DorsalAttention"),
    ("Dorsal Attention", "yeo7", "DorsalAttention"),
    ("DorsalAttention", "seitzman2018", "DorsalAttention"),
    ("DorsAttn", None, "DorsalAttention"),
    ("DefaultMode", None, "Default"),
    ("default", "dosenbach2010", "Default"),
    ("SalVentAttn", None, "SalienceVentralAttention"),
    ("Cont", "schaefer", "Frontoparietal"),
    ("Frontoparietal", "dosenbach2010", "Frontoparietal"),  # a canonical name is accepted with any atlas
])  # fmt: skip
def test_canonical_network(name, atlas, expected):
    assert vocabulary.canonical_network(name, atlas) == expected


def test_network_label():
    assert vocabulary.network_label("DorsAttn") == "Dorsal attention"
    assert vocabulary.network_label("DefaultMode", "seitzman2018") == "Default mode"


def test_unknown_network_names_value_and_choices():
    with pytest.raises(ValueError, match="unknown network 'DMN'; choose one of: Default, Visual.*DorsAttn"):
        vocabulary.canonical_network("DMN")


def test_spelling_of_another_atlas_is_refused_when_the_atlas_is_given():
    with pytest.raises(ValueError, match="unknown network 'DorsAttn' of atlas 'yeo7'.*Dorsal Attention"):
        vocabulary.canonical_network("DorsAttn", "yeo7")


def test_unknown_atlas_and_non_string_name():
    with pytest.raises(
        ValueError,
        match="unknown atlas 'power2011'; choose one of: seitzman2018, dosenbach2010, yeo7, schaefer",
    ):
        vocabulary.canonical_network("Default", "power2011")
    with pytest.raises(TypeError, match="network name must be a string.*got None"):
        vocabulary.canonical_network(None)


def test_modules_use_the_canonical_names():
    assert set(rois.load_roi_table("seitzman2018")["network"]) <= set(vocabulary.NETWORKS)
    assert set(surfaces.YEO7_NETWORKS) == set(connectivity.NETWORKS) <= set(vocabulary.NETWORKS)


def test_every_network_has_a_colour():
    assert set(vocabulary.NETWORKS) <= set(palette.NETWORK_COLOURS)
