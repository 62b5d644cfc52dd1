"""Tests for the literature layer: the committed data must be consistent and honest, and
the helpers must cite, render and refuse exactly as notebooks rely on."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from explainers.core import paths, vocabulary
from explainers.literature import bibliography, checks, ledger


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    """A writable copy of the three literature files, made the active data folder."""
    for name in (
        bibliography.REFERENCES_FILE,
        ledger.CLAIMS_FILE,
        ledger.PRESS_CLAIMS_FILE,
        "sources.csv",
    ):
        shutil.copy(paths.data_dir() / name, tmp_path / name)
    monkeypatch.setenv("EXPLAINERS_DATA_DIR", str(tmp_path))
    return tmp_path


def _rewrite_csv(path, mutate):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    rows = mutate(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- real data


def test_real_data_validates():
    assert checks.validate() == []


def test_ledger_has_exactly_the_agreed_columns():
    with open(paths.data_dir() / ledger.CLAIMS_FILE, newline="", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == ledger.CLAIM_COLUMNS
    with open(paths.data_dir() / ledger.PRESS_CLAIMS_FILE, newline="", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == ledger.PRESS_COLUMNS


def test_every_cited_reference_exists():
    references = bibliography.load_references()
    claims = ledger.load_claims()
    assert set(claims["reference"]) <= set(references)


def test_no_verified_or_secondary_row_lacks_a_locator():
    claims = ledger.load_claims()
    checked = claims[claims["status"].isin(["verified", "secondary"])]
    assert (checked["locator"].str.strip() != "").all()


def test_unverified_rows_never_quote():
    claims = ledger.load_claims()
    assert (claims.loc[claims["status"] == "unverified", "quote"] == "").all()


def test_every_press_row_cites_ledger_ids():
    claims = ledger.load_claims()
    press = ledger.load_press_claims()
    assert len(press) >= 9
    for press_id, row in press.iterrows():
        said_in = [part for part in row["said_in"].split(";") if part]
        evidence = [part for part in row["evidence"].split(";") if part]
        assert said_in and evidence, press_id
        assert set(said_in + evidence) <= set(claims.index), press_id
        assert row["verdict"] in vocabulary.VERDICTS


def test_second_hand_facts_stay_second_hand():
    # The group sizes come only from the Dana article until the paper's full text is read.
    # It is cited to the report actually read (Dana Foundation), not to the paper.
    assert ledger.claim("b08-design-group-sizes").status == "secondary"
    assert ledger.claim("b08-design-group-sizes").reference == "dana2008"
    # The press release's "full throttle" line is narration, not a quote; the ledger says so.
    assert "narration" in ledger.claim("press-full-throttle").claim


def test_csl_items_have_title_and_year():
    for key, item in bibliography.load_references().items():
        assert item.get("title"), key
        assert bibliography.cite(key).endswith(")"), key


# --------------------------------------------------------------------------- citing


def test_cite_one_two_and_many_authors():
    assert bibliography.cite("logothetis2008") == "Logothetis (2008)"
    assert bibliography.cite("kucyi2015") == "Kucyi & Davis (2015)"
    assert bibliography.cite("baliki2008") == "Baliki et al. (2008)"
    assert bibliography.cite("baliki2008", parenthetical=True) == "(Baliki et al., 2008)"
    assert bibliography.cite("kucyi2015", parenthetical=True) == "(Kucyi & Davis, 2015)"


def test_cite_organisation_and_incomplete_author_lists():
    assert bibliography.cite("nu_press2008") == "Northwestern University (2008)"
    assert bibliography.cite("spinehealth_depression") == "Spine-health (n.d.)"
    # Only the first author is recorded, so a lone name must still read "et al.".
    assert bibliography.cite("loggia2013") == "Loggia et al. (2013)"


def test_unknown_reference_key_names_it_and_the_valid_keys():
    with pytest.raises(ValueError, match="unknown reference key 'baliki2009'; choose one of: ") as error:
        bibliography.cite("baliki2009")
    assert all(key in str(error.value) for key in bibliography.load_references())


def test_format_reference_is_plain_text():
    line = bibliography.format_reference("baliki2008")
    assert "doi:10.1523/JNEUROSCI.4123-07.2008" in line
    assert "1398" in line and "J Neurosci" in line
    for key in bibliography.load_references():
        text = bibliography.format_reference(key)
        assert "](" not in text and "<a " not in text.lower() and "href" not in text.lower(), key
        assert "https://doi.org" not in text, key


def test_reference_list_sorted_bullets():
    markdown = bibliography.reference_list(["raichle2001", "baliki2008", "baliki2008"]).data
    lines = markdown.splitlines()
    assert len(lines) == 2 and all(line.startswith("- ") for line in lines)
    assert lines[0].startswith("- Baliki")


# --------------------------------------------------------------------------- claims


def test_claim_returns_frozen_row():
    row = ledger.claim("b08-result-deactivation")
    assert row.reference == "baliki2008" and row.status == "verified"
    with pytest.raises(AttributeError):
        row.status = "unverified"  # type: ignore[misc]


def test_unknown_claim_id_names_it_and_the_valid_ids():
    with pytest.raises(
        ValueError, match="unknown claim id 'b08-result-deactivaton'; choose one of: "
    ) as error:
        ledger.claim("b08-result-deactivaton")
    assert all(claim_id in str(error.value) for claim_id in ledger.load_claims().index)


def test_claim_text_refuses_unverified_and_marks_it():
    with pytest.raises(ValueError, match="b08-result-regions"):
        ledger.claim_text("b08-result-regions")
    text = ledger.claim_text("b08-result-regions", allow_unverified=True)
    assert text.endswith("<sup>\u2021</sup>")


def test_claim_text_verified_and_secondary():
    assert ledger.claim_text("b08-result-performance").endswith("(Baliki et al., 2008).")
    secondary = ledger.claim_text("b08-design-group-sizes")
    assert secondary.endswith("(Brynie, 2008).<sup>\u2020</sup>")


def test_timeline_rows_and_order():
    table = ledger.timeline()
    assert list(table.columns) == ["year", "reference", "citation", "short", "kind", "status", "claim_id"]
    assert table["year"].is_monotonic_increasing
    assert "b08-result-deactivation" in set(table["claim_id"])
    assert set(table["kind"]) <= {"background", "later-finding", "result"}
    assert {"baliki2014", "tagliazucchi2010", "dmn_depression_meta2021"} <= set(table["reference"])


def test_clinical_note_is_a_blockquote():
    assert ledger.clinical_note().data == f"> {ledger.CLINICAL_NOTE}"
    assert "diagnostic" in ledger.CLINICAL_NOTE


# --------------------------------------------------------------------------- validate() on broken data


def test_validate_reports_each_problem_kind(data_copy):
    def break_claims(rows):
        by_id = {row["id"]: row for row in rows}
        by_id["b08-result-deactivation"]["reference"] = "nosuchkey2099"
        by_id["b08-design-task"]["locator"] = ""
        by_id["b08-design-groups"]["status"] = "probably"
        by_id["b08-result-performance"]["kind"] = "gossip"
        by_id["press-headline"]["short"] = "x" * 60
        by_id["b08-result-regions"]["quote"] = "made-up words"
        rows.append(dict(rows[0]))  # duplicate id
        return rows

    def break_press(rows):
        rows[0]["verdict"] = "true"
        rows[1]["evidence"] = "no-such-claim"
        rows[2]["said_in"] = ""
        return rows

    def break_sources(rows):
        rows[2]["licence"] = ""
        rows[3]["reference"] = "nosuchkey2098"
        return rows

    _rewrite_csv(data_copy / "sources.csv", break_sources)
    _rewrite_csv(data_copy / ledger.CLAIMS_FILE, break_claims)
    _rewrite_csv(data_copy / ledger.PRESS_CLAIMS_FILE, break_press)
    references = json.loads((data_copy / bibliography.REFERENCES_FILE).read_text(encoding="utf-8"))
    references[0]["title"] = ""
    del references[1]["issued"]
    (data_copy / bibliography.REFERENCES_FILE).write_text(json.dumps(references), encoding="utf-8")

    report = "\n".join(checks.validate())
    expected = [
        r"duplicate id",
        r"'b08-result-deactivation' cites unknown reference 'nosuchkey2099'",
        r"'b08-design-task' is verified but has no locator",
        r"'b08-design-groups' has status 'probably'",
        r"'b08-result-performance' has kind 'gossip'",
        r"'press-headline' short label is 60 characters",
        r"'b08-result-regions' quotes its source but is unverified",
        r"verdict 'true'",
        r"evidence names 'no-such-claim'",
        r"has no said_in ids",
        r"'baliki2008' has no title",
        r"has no issued year",
        r"sources.csv: '[a-z0-9-]+' has no licence",
        r"sources.csv: '[a-z0-9-]+' cites unknown reference 'nosuchkey2098'",
    ]
    for pattern in expected:
        assert re.search(pattern, report), f"validate() did not report: {pattern}\n{report}"


def test_validate_clean_copy_is_clean(data_copy):
    # Guards the test above: the copy itself starts clean, so each report comes from a break.
    assert checks.validate() == []
