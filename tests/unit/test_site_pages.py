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


def _styled_characters(page):
    """Each character of the page's code with the declarations the stylesheet gives it (None: plain)."""
    import html

    styles = export.code_styles()
    found = []
    for block in export._CODE_BLOCK.finditer(page):
        for token in export._CODE_TOKEN.finditer(block.group(2)):
            name, inner, text, other = token.groups()
            assert not other
            if name is None and text is None:
                continue
            style = styles.get(name) if name else None
            found += [(c, None if c.isspace() else style) for c in html.unescape(inner if name else text)]
    return found


def test_lighter_code_looks_the_same_with_fewer_tags():
    from nbconvert.filters.highlight import Highlight2HTML

    source = (NOTEBOOKS[0].parent / "04_failing_to_deactivate.ipynb").read_text(encoding="utf-8")
    code = "\n".join(c.source for c in nbformat.reads(source, as_version=4).cells if c.cell_type == "code")
    block = Highlight2HTML(pygments_lexer="ipython3")(code)
    assert "<pre>" in block
    lighter = export.lighter_code(block)
    assert _styled_characters(lighter) == _styled_characters(block)
    assert len(lighter) < 0.75 * len(block)
    # Names, punctuation and operators look like plain code: no span of their own.
    assert '<span class="n">' not in lighter and '<span class="p">' not in lighter
    assert '<span class="kn">import</span>' in lighter


def test_lighter_code_leaves_a_block_with_other_markup_alone():
    block = '<div class="highlight hl-ipython3"><pre><span class="n">x</span><b>!</b></pre></div>'
    assert export.lighter_code(block) == block
