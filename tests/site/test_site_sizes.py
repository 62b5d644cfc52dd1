"""Size budgets (issue 13): sizes are deterministic, so they are asserted; times are only reported."""

import re

from explainers.core import paths

MB = 1_000_000
PAGE_BUDGET = 3 * MB
#: Only a page with an essential interactive view (nilearn's, with its JavaScript inlined once) may be larger.
INTERACTIVE_PAGE_BUDGET = 5 * MB
SITE_BUDGET = 30 * MB


def test_every_page_within_its_budget_and_one_interactive_view_at_most(site):
    pages = sorted(site.glob("*.html"))
    assert pages
    over = []
    for page in pages:
        views = page.read_text(encoding="utf-8").count("<iframe ")
        assert views <= 1, f"{page.name}: {views} interactive views, each inlining its own copy of the viewer"
        budget = INTERACTIVE_PAGE_BUDGET if views else PAGE_BUDGET
        if page.stat().st_size > budget:
            over.append(f"{page.name}: {page.stat().st_size / MB:.2f} MB > {budget / MB:.0f} MB")
    assert over == []


def test_the_whole_site_within_30_mb(site):
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    assert 0 < total <= SITE_BUDGET, f"site is {total / MB:.1f} MB"


def test_each_committed_notebook_within_3_mb():
    over = [
        f"{p.name}: {p.stat().st_size / MB:.2f} MB"
        for p in paths.notebooks_dir().glob("*.ipynb")
        if p.stat().st_size > 3 * MB
    ]
    assert over == []


#: Page weight for a phone (issue 21): Lighthouse's mobile profile scores a single-file page by its
#: bytes, so each kind of page has a byte budget here (benchmarks/lighthouse.py reports the scores).
READER_KB = 400  # reader, embed, handout pages and the index: performance >= 0.9 measured at this size
GALLERY_KB = 400
FULL_KB = 450  # full editions (>= 0.8), unless they carry an interactive view
FIGURE_PAGE_KB = 200


def test_pages_are_light_enough_for_a_phone(site):
    over = []
    for page in [*site.glob("*.html"), *site.glob("figures/*.html")]:
        name, size = page.relative_to(site).as_posix(), page.stat().st_size / 1000
        stem = page.name.removesuffix(".html")
        if name.startswith("figures/"):
            budget = FIGURE_PAGE_KB
        elif name == "gallery.html":
            budget = GALLERY_KB
        elif stem[:2].isdigit() and "." not in stem:
            has_view = "<iframe " in page.read_text(encoding="utf-8")
            budget = INTERACTIVE_PAGE_BUDGET / 1000 if has_view else FULL_KB
        else:
            budget = READER_KB
        if size > budget:
            over.append(f"{name}: {size:.0f} KB > {budget:.0f} KB")
    assert over == []


def test_no_page_carries_jupyterlab_stylesheet_or_png_figures(site):
    for page in site.glob("[0-9][0-9]_*.html"):
        text = page.read_text(encoding="utf-8")
        assert "--jp-layout-color0" not in text, f"{page.name}: JupyterLab's stylesheet"
        figures = text.count('<div id="fig-')
        # Inside the page, or a WebP file beside it (full and reader editions, after the first figure).
        webp = text.count("data:image/webp;base64,") + len(
            re.findall(r'<img\b[^>]*\bsrc="figures/[\w-]+\.webp"', text)
        )
        assert webp >= figures, f"{page.name}: figures as WebP"


def test_each_page_carries_the_explorables_script_and_stylesheet_at_most_once(site):
    # The outputs each carry a copy (so a notebook works on its own); the site keeps one per page,
    # whatever form the export writes the copies' marker attributes in.
    from explainers.core import explorables

    script = explorables.script()
    shown = 0
    for page in [*site.glob("*.html"), *site.glob("figures/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert text.count(script) <= 1, page.name
        assert explorables.SCRIPT_MARK not in text and explorables.STYLE_MARK not in text, page.name
        shown += text.count(script)
    assert shown > 0, "some page shows an explorable that needs the script"
