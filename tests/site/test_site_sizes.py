"""Size budgets (issue 13): sizes are deterministic, so they are asserted; times are only reported."""

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
