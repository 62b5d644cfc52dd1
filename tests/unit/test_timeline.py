"""The data behind notebook 01's literature timeline (views.timeline_for_figure), now that the chart
itself is drawn in the notebook's cell: one finding per study, in its lane, never an unverified one."""

from explainers.literature import bibliography, ledger, views


def test_one_checked_finding_per_study_each_in_a_known_lane():
    table = views.timeline_for_figure()
    assert table["reference"].is_unique, "one point per study"
    assert set(table["status"]) <= {"verified", "secondary"}, "unverified findings are never drawn"
    assert set(table["lane"]) == set(views.TIMELINE_LANES)
    assert table["year"].is_monotonic_increasing
    lane = dict(zip(table["reference"], table["lane"], strict=True))
    assert (lane["baliki2008"], lane["raichle2001"], lane["sheline2009"]) == ("pain", "dmn", "depression")
    row = table.set_index("reference").loc["baliki2008"]
    assert row["claim_id"] == "b08-result-deactivation" and row["citation"] == bibliography.cite("baliki2008")


def test_the_best_checked_claim_of_a_study_labels_its_point():
    table = views.timeline_for_figure().set_index("reference")
    claims = ledger.load_claims()
    for reference, row in table.iterrows():
        own = claims[(claims["reference"] == reference) & claims["kind"].isin(ledger.TIMELINE_KINDS)]
        if row["status"] == "secondary":
            assert not (own["status"] == "verified").any(), f"{reference}: a verified finding was passed over"
        assert row["short"] == claims.loc[row["claim_id"], "short"]
