"""Charts (explainers.figures.charts): what is drawn, checked on the matplotlib objects, not on pixels."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from explainers.core import palette, vocabulary
from explainers.datasets import simulate
from explainers.figures import charts, housestyle


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    housestyle.pyplot().close("all")


# ---------------------------------------------------------------- block design (SIMULATED)


def test_block_design_draws_one_band_per_task_block_and_the_signals():
    signals = simulate.block_design_signals()
    fig = charts.block_design_figure(signals, blocks_label="blocks")
    top, bottom = fig.axes
    # Independent count of the task blocks: rising edges of task_on.
    n_blocks = int(np.sum(np.diff(np.r_[0, signals["task_on"].to_numpy()]) > 0))
    assert n_blocks >= 2
    for ax in (top, bottom):
        bands = [p for p in ax.patches if p.get_facecolor() == to_rgba(palette.ROLE_COLOURS["block"])]
        assert len(bands) == n_blocks
    (attention,) = [line for line in top.lines if len(line.get_xdata()) == len(signals)]
    assert np.array_equal(attention.get_ydata(), signals["attention"])
    curves = {line.get_label(): line for line in bottom.lines if len(line.get_xdata()) == len(signals)}
    assert len(curves) == 2
    controls = next(line for label, line in curves.items() if "controls" in label and "chronic" not in label)
    patients = next(line for label, line in curves.items() if "chronic" in label)
    # Patients' dip is the smaller one: the point of the schematic.
    assert 0 > np.min(patients.get_ydata()) > np.min(controls.get_ydata())
    legend = [t.get_text() for t in bottom.get_legend().get_texts()]
    assert legend[-1] == "blocks" and len(legend) == 3
    assert "not data" in fig._suptitle.get_text()


# ---------------------------------------------------------------- literature timeline


@pytest.fixture()
def timeline():
    return pd.DataFrame({
        "year": [2008, 2011, 2015, 2020],
        "citation": ["Baliki 2008", "Other 2011", "Third 2015", "Late 2020"],
        "short": ["the study", "a follow-up", "a review", "a replication"],
        "status": ["verified", "secondary", "verified", "unverified"],
        "lane": ["pain", "pain", "mood", "pain"],
    })  # fmt: skip


def test_literature_timeline_one_marker_per_study_in_lane_order(timeline):
    lanes = {"pain": "Chronic pain", "mood": "Mood", "empty": "Never used"}
    colours = {"pain": "#E69F00", "mood": "#0072B2", "empty": "#000000"}
    fig = charts.literature_timeline(timeline, lanes, colours, highlight="Baliki 2008")
    (ax,) = fig.axes
    markers = [
        line
        for line in ax.lines
        if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    ]
    assert sorted(int(m.get_xdata()[0]) for m in markers) == sorted(timeline["year"])
    texts = [t.get_text() for t in ax.texts]
    assert (
        texts[0] == "Chronic pain" and "Mood" in texts and "Never used" not in texts
    )  # empty lanes are left out
    assert texts.index("Mood") > texts.index(
        "Late 2020: a replication"
    )  # lanes top to bottom, studies by year
    big = next(m for m in markers if m.get_xdata()[0] == 2008)
    assert big.get_markersize() > max(m.get_markersize() for m in markers if m is not big)
    hollow = next(m for m in markers if m.get_xdata()[0] == 2011)
    assert hollow.get_markerfacecolor() == "white"  # second-hand studies are drawn open
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [charts.STATUS_MARKERS[s]["label"] for s in ("verified", "secondary", "unverified")]


# ---------------------------------------------------------------- status bars


def test_status_bars_stack_the_counts_of_each_group():
    counts = pd.DataFrame(
        {"verified": [5, 2], "secondary": [1, 0], "unverified": [0, 3]}, index=["study", "press"]
    )
    fig = charts.status_bars(counts, "Claims by status")
    (ax,) = fig.axes
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == [5, 2, 1, 0, 0, 3]
    assert ax.get_xlim()[1] == pytest.approx(6 * 1.04)  # the longest bar (5 + 1 + 0), plus a margin
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2", "3", "5"]  # zero-width parts are not labelled
    assert ax.get_title(loc="left") == "Claims by status"
    ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert ticks["study"] > ticks["press"]  # the first group on top


# ---------------------------------------------------------------- verdict chart
# Light: its owner is reshaping it.


def test_verdict_chart_draws_one_dot_per_claim_and_refuses_unknown_verdicts():
    first, second = list(vocabulary.VERDICTS)[:2]
    press = pd.DataFrame({"popular_claim": ["a", "b", "c"], "verdict": [first, second, first]})
    fig = charts.verdict_chart(press)
    (ax,) = fig.axes
    dots = [line for line in ax.lines if line.get_marker() not in (None, "None", "")]
    assert len(dots) == 3
    with pytest.raises(ValueError, match="'made up'"):
        charts.verdict_chart(press.assign(verdict=["made up"] * 3))
