"""Explorable figures: the HTML the notebooks show, and how the site puts their script into pages."""

import json
import re

import numpy as np
import pytest

from explainers.analysis import power
from explainers.core import explorables as shared
from explainers.figures import explorables
from explainers.site import explorables as site_explorables


@pytest.fixture(scope="module")
def grid():
    values = np.random.default_rng(1).normal(-0.4, 0.2, 20)
    return power.power_grid(values, group_sizes=range(5, 21), n_sim=200, seed=3)


def _data(html):
    return json.loads(
        re.search(r'<script type="application/json" class="ex-data">(.*?)</script>', html, re.S)[1]
    )


def _power_html(grid, **changes):
    words = {
        "n_2008": 15,
        "goal": 0.8,
        "title": "Explore (SIMULATED)",
        "note": "SIMULATED from real values.",
        "study_label": "2008: 15 per group",
    }
    return explorables.power_explorer(grid, **{**words, **changes})


def test_power_explorer_carries_the_grid_exactly_and_the_group_sizes_it_needs(grid):
    data = _data(_power_html(grid))
    for row in grid.itertuples():
        assert data["power"][row.model][data["sizes"].index(row.n_per_group)][
            data["shares"].index(row.share)
        ] == (pytest.approx(row.power, abs=1e-6))
    needed = power.people_needed(grid).set_index(["model", "share"])["n_per_group"]
    for model in data["models"]:
        for k, share in enumerate(data["shares"]):
            expected = needed[(model, share)]
            assert data["needed"][model][k] == (None if np.isnan(expected) else int(expected))
    assert data["n_sim"] == 200 and data["n_2008"] == 15


def test_power_explorer_says_simulated_and_hides_its_controls_until_the_script_runs(grid):
    page = _power_html(grid)
    controls = re.search(r'<div class="ex-xp-controls"[^>]*>', page)[0]
    assert "hidden" in controls and "data-ex-needs-script" in controls
    assert 'aria-live="polite"' in page and "<table" in page
    with pytest.raises(ValueError, match="SIMULATED"):
        _power_html(grid, title="Explore the power")
    with pytest.raises(ValueError, match="2008 group size"):
        _power_html(grid, n_2008=99)


def test_state_switch_hides_every_state_but_the_chosen_one_on_screen_only():
    html = explorables.state_switch("03-demo", "Show", ("before", "after"))
    rules = re.search(r"@media screen \{(.*?)\{ display: none; \}", html, re.S)[1]
    # Chosen 0 hides outputs 4 and 5 (state 1's image and caption); chosen 1 hides 2 and 3.
    assert 'value="0"]:checked) > .jp-OutputArea-child:nth-child(4)' in rules
    assert 'value="1"]:checked) > .jp-OutputArea-child:nth-child(2)' in rules
    assert '[data-ex-state="1"]' in rules and "@media print" not in rules
    assert html.count('type="radio"') == 2 and html.count(" checked") == 1
    with pytest.raises(ValueError, match="at least two states"):
        explorables.state_switch("x", "Show", ("one",))


def test_region_explorer_rejects_a_start_region_it_does_not_show():
    import pandas as pd

    regions = pd.DataFrame(
        {
            "region": [1, 2],
            "name": ["a", "b"],
            "network": ["n", "m"],
            "t": [-3.0, 2.0],
            "x": [0, 10],
            "y": [0, 5],
            "z": [0, 5],
            "hemisphere": ["both", "L"],
        }
    )
    html = explorables.region_explorer(regions, limit=4, title="t", note="n", start_region=2)
    assert _data(html)["start"] == 1 and html.count("<tr>") == 3
    with pytest.raises(ValueError, match="start region"):
        explorables.region_explorer(regions, limit=4, title="t", note="n", start_region=7)


def test_show_needs_a_figure_and_a_switch_needs_a_title():
    with pytest.raises(ValueError, match="name the figure"):
        explorables.show("<p>x</p>", "power")
    with pytest.raises(ValueError, match="title"):
        explorables.show("<p>x</p>", "switch", ("03-a", "03-b"))
    with pytest.raises(ValueError, match="explorable kind"):
        explorables.show("<p>x</p>", "slider", ("03-a",))


def _page(*outputs):
    return "<html><head><title>t</title></head><body>" + "".join(outputs) + "</body></html>"


def test_the_site_inlines_the_script_and_stylesheet_once_per_page(grid):
    first, second = _power_html(grid), _power_html(grid)
    page = site_explorables.inline(_page(first, second))
    assert page.count(shared.script()) == 1 and "data-ex-script" not in page
    assert page.count("<style") == 1 and page.index("<style") < page.index("</head>")
    assert page.index(shared.script()) > page.index('class="ex-data"')


def test_a_page_with_only_a_switch_gets_the_stylesheet_and_no_script():
    page = site_explorables.inline(_page(explorables.state_switch("03-demo", "Show", ("a", "b"))))
    assert "<script" not in page and "@media screen" in page
    plain = _page("<p>nothing to explore</p>")
    assert site_explorables.inline(plain) == plain


def test_a_switch_figure_page_shows_every_state_with_its_own_chosen():
    switch = explorables.state_switch("03-demo", "Show", ("a", "b"))
    found = site_explorables.Explorable("switch", switch, ("03-a", "03-b"), "Demo")
    image = {"src": "data:image/webp;base64,AA", "width": 10, "height": 5}
    states = [{"title": f"T{k}", "caption": "c", "alt": "a", "credit": "", "image": image} for k in range(2)]
    part = site_explorables.figure_page_part(found, "03-b", states)
    assert re.search(r'value="1" checked>', part) and not re.search(r'value="0" checked', part)
    assert part.count("<figure") == 2 and 'data-ex-switch-scope="ex-switch-03-demo"' in part
    with pytest.raises(ValueError, match="one state per figure"):
        site_explorables.figure_page_part(found, "03-a", states[:1])
