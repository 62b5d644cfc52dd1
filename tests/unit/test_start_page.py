"""The start page's claim table as a reader sees it: inside its fold, with honest status labels.

Rendered from the stored outputs with the site's own exporter, because the bug this guards against
(site review 1, problem 2) lived in the rendering: a Markdown fold whose table was a separate block
came out as an empty ``<details>`` followed by the whole table.
"""

import html
import re

import nbformat
import pytest

from explainers.core import paths
from explainers.literature import ledger
from explainers.site import export

FIRST_PAGES = sorted(paths.notebooks_dir().glob("0[01]_*.ipynb"))  # the pages with folds


def reader_page(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return export.render(nb, path.stem, export.get_edition("reader"))


@pytest.fixture(scope="module")
def start_page() -> str:
    (path,) = paths.notebooks_dir().glob("00_*.ipynb")
    return reader_page(path)


def folds(page: str) -> list[str]:
    """The inside of every ``<details>`` element (after its summary)."""
    return re.findall(r"<details[^>]*>\s*<summary>.*?</summary>(.*?)</details>", page, flags=re.S)


@pytest.mark.parametrize("path", FIRST_PAGES, ids=lambda p: p.stem)
def test_no_fold_in_the_first_pages_is_empty(path):
    page = reader_page(path)
    assert "<details" in page, "these pages fold something away (the claim table, quiz answers)"
    for inside in folds(page):
        assert re.sub(r"<[^>]+>|\s", "", inside), "a fold opens to nothing"


def test_the_claim_table_sits_inside_its_fold(start_page):
    (table_fold,) = [f for f in folds(start_page) if "<table" in f]
    rows = re.findall(r"<tr>(.*?)</tr>", table_fold, flags=re.S)
    shown = re.search(r"Show the table \((\d+) claims\)", start_page)
    assert shown and len(rows) == int(shown.group(1)) + 1, "the summary counts the fold's rows (and header)"
    after_fold = start_page.split(table_fold, 1)[1]
    assert "<table" not in after_fold.split("</details>", 1)[1].split("<h2", 1)[0], "no table after the fold"


def test_press_claims_read_quoted_correctly_not_verified(start_page):
    (table_fold,) = [f for f in folds(start_page) if "<table" in f]
    status_of = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table_fold, flags=re.S)[1:]:
        cells = [html.unescape(c) for c in re.findall(r"<td\b[^>]*>(.*?)</td>", row, flags=re.S)]
        status_of[cells[0]] = cells[1]
    claims = ledger.load_claims()
    press = set(claims.loc[(claims["kind"] == "press") & (claims["status"] == "verified"), "short"])
    others = set(claims.loc[(claims["kind"] != "press") & (claims["status"] == "verified"), "short"])
    shown_press = press & set(status_of)
    assert shown_press, "the table lists press claims"
    assert {status_of[s] for s in shown_press} == {"quoted correctly"}
    assert {status_of[s] for s in others & set(status_of)} == {"verified"}
    assert "Dana narration: activity damages neurons" in shown_press
