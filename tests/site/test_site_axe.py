"""axe-core (4.12.1, bundled by the pinned axe-playwright-python) on every page at 390 and 1280 px.

The site's own pages and the notebook editions here; the figure pages in test_site_axe_figures.py
(a second file, so the two run side by side)."""

import pytest
from pagecheck import axe_violations


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_page(site, browser, width):
    found = axe_violations(browser, sorted(site.glob("*.html")), width)
    assert found == [], "\n".join(found[:40])
