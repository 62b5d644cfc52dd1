"""What the exported site holds: index, gallery, claim explorer and the three editions of every notebook."""

import csv
import html
import json
import re

import pytest

from explainers.core import paths
from explainers.literature import datasources, figurerecords, ledger, views
from explainers.site import explorer, export

NOTEBOOKS = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def text_of(page: str) -> str:
    """Visible text: no tags, no style or script bodies, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<iframe\b.*?</iframe>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def sidecars():
    records = [json.loads(p.read_text()) for p in paths.figures_dir().glob("*.json")]
    return [r for r in records if r.get("notebook") in NOTEBOOKS]


def test_every_notebook_has_three_editions_and_a_card(site):
    index = (site / "index.html").read_text()
    for stem in NOTEBOOKS:
        for edition in export.EDITIONS:
            assert (site / edition.filename(stem)).exists()
            assert f'href="{edition.filename(stem)}"' in index
    assert index.count('<section class="ex-card') == len(NOTEBOOKS)
    for heading in ("Students", "Clinicians", "Educators"):
        assert f"<h3>{heading}</h3>" in index
    assert "Which figure shows which claim" in index


def test_cards_carry_a_thumbnail_of_a_figure_from_their_own_notebook(site):
    index = (site / "index.html").read_text()
    with_figures = {
        r["notebook"] for r in sidecars() if (site / "figures" / f"{r['figure_id']}.png").exists()
    }
    cards = re.findall(r'<section class="ex-card.*?</section>', index, flags=re.S)
    pictured = [c for c in cards if "data:image/webp;base64," in c]
    assert len(pictured) == len(with_figures)


def test_cards_count_the_figures_a_reader_sees(site):
    """An exercise's figure (left out of the reader edition) is not counted on the card."""
    index = (site / "index.html").read_text()
    cards = re.findall(r'<section class="ex-card.*?</section>', index, flags=re.S)
    for stem in NOTEBOOKS:
        card = next(c for c in cards if f'id="card-{stem}"' in c)
        reader = (site / export.get_edition("reader").filename(stem)).read_text()
        shown = len(set(re.findall(r"<strong>Figure (\d+)\.", reader)))
        counted = re.search(r"(\d+) figures?</p>", card)
        assert counted and int(counted.group(1)) == shown, stem


def test_gallery_lists_every_figure_with_its_sidecar_text_downloads_and_snippets(site):
    gallery = (site / "gallery.html").read_text()
    records = sidecars()
    assert records, "the committed figures/ holds sidecars"
    for record in records:
        section = re.search(
            rf'<section class="ex-figure" id="fig-{record["figure_id"]}".*?</section>', gallery, flags=re.S
        )
        assert section, record["figure_id"]
        body = html.unescape(section.group(0))
        for field in ("caption", "alt"):
            assert record[field] in body, f"{record['figure_id']}: {field} missing"
        credit = datasources.reader_credit(record["data"], record["claims"])
        for text in (credit.line, credit.source, credit.licence):
            assert text in body, f"{record['figure_id']}: the reader's credit, source and licence"
        for name in record["files"]:
            assert f'href="figures/{name}"' in section.group(0) and (site / "figures" / name).exists()
        # Both snippets name files that sit side by side in figures/: the figure page and the PNG.
        assert f'<iframe src="{record["figure_id"]}.html"' in body and "sandbox" in body, "iframe snippet"
        assert (site / "figures" / f"{record['figure_id']}.html").exists()
        assert f'<img src="{record["figure_id"]}.png"' in body, "image snippet"


def test_every_snippet_and_link_points_to_an_anchor_that_exists(site):
    gallery = (site / "gallery.html").read_text()
    targets = set(re.findall(r'href="([0-9]{2}_[\w]+(?:\.\w+)?\.html)#(fig-[\w-]+)"', gallery))
    assert len(targets) >= len(sidecars())
    for page, anchor in targets:
        assert f'id="{anchor}"' in (site / page).read_text(), f"{page}#{anchor}"


def test_claim_explorer_has_every_ledger_row_and_works_without_scripts(site):
    page = (site / "claims.html").read_text()
    with open(paths.data_dir() / "claims.csv", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    rows = re.findall(r'<tr id="claim-([^"]+)"', page)
    assert rows == ids
    # Scripts off: the filter form stays hidden and every row is shown as a plain table.
    assert '<form id="filters" class="ex-filters" hidden>' in page
    assert ".ex-filters[hidden] { display: none; }" in page, "what renders is tested in test_in_browser"
    assert " hidden" not in "".join(re.findall(r"<tr [^>]*>", page))


def test_claims_link_to_the_pages_and_figures_that_use_them(tmp_path):
    (tmp_path / "usage").mkdir()
    used_claims = ["b08-result-performance", "not-a-ledger-id"]
    (tmp_path / "usage" / "01_x.json").write_text(
        json.dumps({"claims": used_claims, "figures": ["01-f"], "references": [], "sources": []})
    )
    record = figurerecords.FigureRecord("01-f", "F.", "", "", "", "", claims=used_claims, notebook="01_x")
    figurerecords.write(record, tmp_path)
    used = views.claim_map(tmp_path)
    assert list(used) == [row.id for row in ledger.claims()], "every ledger claim, in ledger order"
    assert used["b08-result-performance"] == views.ClaimUse(("01_x",), ("01-f",))
    assert used["b08-design-group-sizes"] == views.ClaimUse()
    assert "not-a-ledger-id" not in used
    page = explorer.write_explorer(used, {"01_x": "Page X"}, tmp_path).read_text()
    row = re.search(r'<tr id="claim-b08-result-performance".*?</tr>', page, flags=re.S).group(0)
    assert 'href="01_x.reader.html">Page X</a>' in row and 'href="gallery.html#fig-01-f"' in row
    assert 'data-notebooks="01_x"' in row and "Baliki et al., 2008" in row
    unused = re.search(r'<tr id="claim-b08-design-group-sizes".*?</tr>', page, flags=re.S).group(0)
    assert "not in a page yet" in unused
    # The one author-year label of the bibliography: a literal "et al." author is not a name.
    assert '<option value="ds000221">Babayan et al., 2019</option>' in page


def test_index_lists_each_figure_with_the_claims_it_shows(site):
    index = (site / "index.html").read_text()
    table = index[index.index("Which figure shows which claim") :]
    rows = {
        figure: re.findall(r'href="claims.html#claim-([^"]+)"', cells)
        for figure, cells in re.findall(r'<tr><td><a href="gallery.html#fig-([^"]+)">(.*?)</tr>', table, re.S)
    }
    order = [row.id for row in ledger.claims()]
    expected = {
        r["figure_id"]: [c for c in order if c in r["claims"]]
        for r in sidecars()
        if set(r["claims"]) & set(order)
    }
    assert rows == expected, "each figure once, with the ledger claims it shows in ledger order"


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_reader_and_embed_show_no_code_no_printed_output_and_no_ledger_ids_or_paths(site, stem):
    with open(paths.data_dir() / "claims.csv", newline="") as f:
        ids = {row["id"] for row in csv.DictReader(f)}
    for name in ("reader", "embed"):
        page = (site / export.get_edition(name).filename(stem)).read_text()
        assert "hl-ipython3" not in page, f"{name}: code"
        assert 'data-mime-type="application/vnd.jupyter.std' not in page, f"{name}: printed output"
        assert 'data-mime-type="text/plain"' not in page, f"{name}: a plain-text repr"
        visible = text_of(page)
        shown = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", visible))
        assert shown == [], f"{name}: ledger ids shown to readers: {shown[:5]}"
        paths_shown = re.findall(
            r"\b(?:data|src|notebooks|tests)/[\w./-]+|\b[\w-]+\.(?:csv|py|ipynb|json)\b", visible
        )
        assert paths_shown == [], f"{name}: file paths shown to readers: {paths_shown[:5]}"


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_embed_links_back_and_carries_licence_and_citation(site, stem):
    page = (site / export.get_edition("embed").filename(stem)).read_text()
    footer = re.search(r'<footer class="ex-footer">.*?</footer>', page, flags=re.S).group(0)
    # Inside a sandboxed course-page frame a link to another file is blocked (or the file was never
    # uploaded): the full page is named as plain text.
    assert f"the full page, with code: {stem}.html" in footer and "<a " not in footer
    assert "CC BY 4.0" in footer and "Cite as: Pain and the Default Mode contributors." in footer
    assert 'class="ex-nav"' not in page


def test_print_stylesheet_hides_navigation_and_keeps_figures_whole():
    css = (export.TEMPLATES_DIR / export.TEMPLATE_NAME / "house.css").read_text()
    block = css[css.index("@media print") :]
    assert re.search(r"\.ex-nav, \.ex-sitenav[^{]*\{ display: none", block)
    assert re.search(r"\.jp-RenderedImage, img[^{]*\{ break-inside: avoid", block)
    assert re.search(r"h1, h2, h3, h4 \{ break-after: avoid", block)


MAINTAINER_WORDS = re.compile(
    # the word, a path, a package version (three parts; licences such as "CC BY 4.0" have two), an id
    r"\bledger\b|\b[\w.-]+/[\w.-]+/[\w./-]+|\b[\w-]+/[\w-]+\.\w+"
    r"|\b\d+\.\d+\.\d+\b|package metadata|\b[a-z]+\d{4}\b"
)


def _site_made_text(site):
    """Every credit, source and licence line the site writes (not the notebooks' own words)."""
    parts = []
    for page in [*site.glob("*.html"), *site.glob("figures/*.html")]:
        text = page.read_text(encoding="utf-8")
        parts += [
            (page.name, m)
            for m in re.findall(
                r'<p class="ex-credit">(.*?)</p>|<details class="ex-source">(.*?)</details>'
                r'|<section id="full-source"[^>]*>(.*?)</section>'
                r"|<dt>(?:Credit|Source|Licence)</dt><dd>(.*?)</dd>"
                r"|<small>(.*?)</small>",
                text,
                re.S,
            )
        ]
    return [(name, html.unescape(re.sub(r"<[^>]+>", " ", "".join(groups)))) for name, groups in parts]


def test_credit_source_and_licence_lines_speak_a_readers_words(site):
    found = _site_made_text(site)
    assert len(found) > 100
    bad = [(name, m.group(0)) for name, text in found for m in [MAINTAINER_WORDS.search(text)] if m]
    assert bad == [], f"working vocabulary, paths, versions or ids in site-made lines: {bad[:5]}"


def test_every_one_line_credit_keeps_to_about_25_words(site):
    for record in sidecars():
        credit = datasources.reader_credit(record["data"], record["claims"])
        assert len(credit.line.split()) <= 27, (record["figure_id"], credit.line)
