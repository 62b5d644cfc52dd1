"""Every edition of every real notebook, exported from its stored outputs, is fit to publish."""

import re

import nbformat
import pytest

from explainers.core import paths
from explainers.site import export, postprocess

NOTEBOOKS = sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def pages(request):
    nb = nbformat.read(request.param, as_version=4)
    rendered = {edition.name: export.render(nb, request.param.stem, edition) for edition in export.EDITIONS}
    rendered["solutions"] = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
    return rendered


def test_no_page_references_another_host(pages):
    for edition in export.EDITION_NAMES:
        assert postprocess.external_references(pages[edition]) == [], edition


def test_every_image_has_alt_text(pages):
    for edition in export.EDITION_NAMES:
        for tag in re.findall(r"<img\b[^>]*>", pages[edition]):
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) >= 40, f"{edition}: image without descriptive alt text"


def test_reader_and_embed_editions_show_no_code_and_embed_has_no_navigation(pages):
    assert "hl-ipython3" in pages["full"]
    for edition in ("reader", "embed"):
        assert "hl-ipython3" not in pages[edition], f"{edition} edition shows code"
    assert 'class="ex-nav"' in pages["reader"] and 'class="ex-nav"' not in pages["embed"]


def test_solutions_are_folded_in_the_full_edition_and_absent_from_the_reader(pages):
    folded = len(
        re.findall(
            r'<details class="ex-solution"><summary>Show the solution( code)?</summary>', pages["full"]
        )
    )
    assert folded == pages["solutions"]
    assert 'class="ex-solution"' not in pages["reader"]


def test_site_templates_escape_every_value_and_snippets_are_text(tmp_path):
    from explainers.literature.figurerecords import FigureRecord
    from explainers.site import gallery

    record = FigureRecord(
        "01-x", 'A <b>"title"</b>.', "Caption & <i>more</i>", "Alt <text>", "S", "L", notebook="01_x"
    )
    iframe, img = gallery.snippets(record, (400, 300))
    assert type(iframe) is str and type(img) is str, "plain text, so the page escapes them once more"
    assert (
        'title="Figure: A &lt;b&gt;&#34;title&#34;&lt;/b&gt;"' in iframe and 'alt="Alt &lt;text&gt;"' in img
    )
    page = gallery.write_html([record], {"01_x": "Page <X>"}, {"01-x"}, tmp_path).read_text()
    assert "<b>" not in page and "<i>" not in page and "<X>" not in page
    assert "Caption &amp; &lt;i&gt;more&lt;/i&gt;" in page and "<h2>Page &lt;X&gt;</h2>" in page
    assert "&lt;iframe src=&#34;01-x.html&#34;" in page, "the snippet shows as text in its box"
