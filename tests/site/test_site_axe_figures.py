"""axe-core on every figure page (``figures/<id>.html``) at 390 and 1280 px."""

import pytest
from pagecheck import axe_violations


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_figure_page(site, browser, width):
    pages = sorted((site / "figures").glob("*.html"))
    assert len(pages) >= 20
    found = axe_violations(browser, pages, width)
    assert found == [], "\n".join(found[:40])
