"""The design grid of notebook 06 counts the evidence map's findings, each exactly once."""

import pandas as pd
import pytest

from explainers.chapters import evidenceplot
from explainers.literature import evidence


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
    counts = evidenceplot.design_counts(table)
    assert list(counts.index) == [*evidence.TOPICS, evidenceplot.BOTH]
    assert list(counts.columns) == list(evidence.DESIGNS)
    assert counts.loc["chronic pain", "cross-sectional"] == 1
    assert counts.loc[evidenceplot.BOTH, "longitudinal"] == 1
    assert counts.loc["chronic pain", "longitudinal"] == 0
    assert counts.loc["depression", "meta-analysis"] == 2
    assert counts.to_numpy().sum() == len(table)


def test_design_counts_of_the_real_map_match_its_gaps():
    table = evidence.evidence_table()
    counts = evidenceplot.design_counts(table)
    gaps = evidence.gaps(table)
    assert counts.to_numpy().sum() == gaps["n"]
    assert counts.loc[evidenceplot.BOTH].sum() == gaps["both_measured"]
    for topic in evidence.TOPICS:
        assert counts.loc[topic, "longitudinal"] == gaps["longitudinal"][topic]


def test_bad_design_and_bad_cell_are_named():
    with pytest.raises(ValueError, match="'case report'.*valid designs"):
        evidenceplot.design_counts(_table([("depression", "major depression", "case report")]))
    counts = evidenceplot.design_counts(evidence.evidence_table())
    with pytest.raises(ValueError, match="'weekly'.*columns"):
        evidenceplot.design_grid_figure(counts, {}, (evidenceplot.BOTH, "weekly"))


def test_design_grid_outlines_the_wanted_cell():
    counts = evidenceplot.design_counts(evidence.evidence_table())
    wanted = (evidenceplot.BOTH, "longitudinal")
    fig = evidenceplot.design_grid_figure(counts, {}, wanted, wanted_label="needed")
    ax = fig.axes[0]
    dashed = [p for p in ax.patches if p.get_linestyle() == "--"]
    assert len(dashed) == 1
    column = list(counts.columns).index("longitudinal")
    assert int(dashed[0].get_x()) == column and int(dashed[0].get_y()) == 0
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert sorted(map(int, numbers)) == sorted(counts.to_numpy().ravel().tolist())
