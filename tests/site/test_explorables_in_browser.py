"""Explorable figures in Chromium, offline (issue 20): every edition, the figure pages, a sandboxed frame.

The power slider shows exactly the grid value the page carries (read from its JSON, never a copied
number); the global-signal switch changes figure and caption with scripts off; the region explorer
reaches every region by keyboard; controls that need the script are absent without it (what
renders, not the attribute); printed, a page shows the static figures. axe runs on every page in
test_site_axe.py and test_site_axe_figures.py, these included.
"""

import json

import pytest
from pagecheck import open_page, outside, site_files

from explainers.core import paths

NB03, NB04 = "03_the_brains_seesaw", "04_failing_to_deactivate"
EDITIONS = ("", ".reader", ".embed")
SHOTS = paths.cache_dir("screenshots") / "explorables"


def _grid(frame):
    text = frame.locator('[data-ex-explorable="power"] script.ex-data').text_content()
    return json.loads(text)


def _move(slider, target: int):
    """Move a range input to ``target`` with the keyboard only (Home, then arrow steps)."""
    slider.focus()
    slider.press("Home")
    low = int(slider.get_attribute("min"))
    for _ in range(target - low):
        slider.press("ArrowRight")
    assert int(slider.input_value()) == target


#: Grid points to visit: (index of the share on the slider, people per group, model).
POINTS = ((6, 23, "shift"), (16, 40, "shrink"), (0, 5, "shift"), (20, 60, "shrink"))


def _check_power(frame):
    grid = _grid(frame)
    root = frame.locator('[data-ex-explorable="power"]')
    for share, size, model in POINTS:
        root.locator(f'input[data-ex-control="model"][value="{model}"]').check()
        _move(root.locator('input[data-ex-control="share"]'), share)
        _move(root.locator('input[data-ex-control="size"]'), size)
        value = grid["power"][model][grid["sizes"].index(size)][share]
        shown = root.locator('[data-ex-out="result"]').inner_text()
        assert shown.startswith(f"Power {value * 100:.1f} %"), (share, size, model, shown)
        needed = grid["needed"][model][share]
        assert (f"{needed} per group" if needed is not None else f"more than {grid['sizes'][-1]}") in shown
        assert f"Cohen's d {grid['d'][share]:.2f}" in root.locator('[data-ex-out="share"]').inner_text()
    assert root.locator('[data-ex-out="result"]').get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("suffix", [*EDITIONS, "figure"])
def test_power_slider_at_a_grid_point_shows_exactly_the_grid_value(site, browser, suffix):
    target = site / "figures" / "04-power.html" if suffix == "figure" else site / f"{NB04}{suffix}.html"
    page, errors, requests = open_page(browser, target)
    _check_power(page.main_frame)
    # The page itself, and any figure file beside it that it names (full and reader editions).
    allowed = [target.resolve().as_uri(), *(f.as_uri() for f in site_files(target, site))]
    assert errors == [] and outside(requests, allowed) == []
    page.context.close()


def test_power_and_region_explorers_work_inside_a_sandboxed_frame(site, browser):
    embed = site / f"{NB04}.embed.html"
    host = site / "host-explorables.html"
    host.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>course page</title></head><body>'
        f'<iframe src="{embed.name}" title="embedded explainer" style="width:700px;height:1200px" '
        'sandbox="allow-scripts"></iframe></body></html>',
        encoding="utf-8",
    )
    try:
        page, errors, requests = open_page(browser, host, width=760)
        frame = page.frames[1]
        _check_power(frame)
        _walk_regions(frame, frame.locator('[data-ex-explorable="regions"]'))
        assert errors == [] and outside(requests, [host.resolve().as_uri(), embed.resolve().as_uri()]) == []
        page.context.close()
    finally:
        host.unlink()


def _visible(locator) -> bool:
    return locator.evaluate("e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0")


def _shown_state(page, ids):
    return [figure_id for figure_id in ids if _visible(page.locator(f"#fig-{figure_id}"))]


@pytest.mark.parametrize("suffix", EDITIONS)
def test_global_signal_switch_changes_figure_and_caption_with_scripts_off(site, browser, suffix):
    ids = ("03-sign-change-measured", "03-sign-change-gsr")
    page, errors, _ = open_page(browser, site / f"{NB03}{suffix}.html", scripts=False)
    switch = page.locator('[data-ex-explorable="switch"]')
    area = page.locator(".jp-OutputArea", has=switch)
    captions = area.locator(".jp-RenderedMarkdown")
    assert _shown_state(page, ids) == [ids[0]]
    shown = [c.inner_text() for c in captions.all() if _visible(c)]
    assert len(shown) == 1 and "Before global-signal removal" in shown[0]
    switch.get_by_label("After global-signal removal").check()
    assert _shown_state(page, ids) == [ids[1]]
    shown = [c.inner_text() for c in captions.all() if _visible(c)]
    assert len(shown) == 1 and "After global-signal removal" in shown[0]
    # Printed: both states, no buttons.
    page.emulate_media(media="print")
    assert _shown_state(page, ids) == list(ids) and not _visible(switch)
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("figure_id", ["03-sign-change-measured", "03-sign-change-gsr"])
def test_a_switch_figure_page_starts_at_its_own_state_and_switches_with_scripts_off(site, browser, figure_id):
    ids = ["03-sign-change-measured", "03-sign-change-gsr"]
    page, errors, _ = open_page(browser, site / "figures" / f"{figure_id}.html", scripts=False)
    assert _shown_state(page, ids) == [figure_id]
    other = ids[1 - ids.index(figure_id)]
    page.locator(f'input[type="radio"][value="{ids.index(other)}"]').check()
    assert _shown_state(page, ids) == [other]
    visible_captions = [c for c in page.locator("figcaption").all() if _visible(c)]
    assert len(visible_captions) == 1 and ("After" if other.endswith("gsr") else "Before") in (
        visible_captions[0].inner_text()
    )
    assert errors == []
    page.context.close()


def _walk_regions(frame, root):
    """Reach the table by Tab from the heading before it, then every row by the arrow keys."""
    names = [n.strip() for n in root.locator("tbody tr td:first-child").all_inner_texts()]
    root.locator("thead button").last.focus()
    frame.page.keyboard.press("Tab")
    focused = root.locator("tbody tr:focus")
    assert focused.count() == 1, "Tab from the last heading does not reach the table"
    frame.page.keyboard.press("Home")
    seen = []
    for _ in range(len(names)):
        detail = root.locator('[data-ex-out="detail"]').inner_text()
        seen.append(detail.split(":", 1)[0].strip())
        frame.page.keyboard.press("ArrowDown")
    assert sorted(seen) == sorted(names) and len(set(seen)) == len(names)
    return names


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("suffix", [*EDITIONS, "figure"])
def test_region_explorer_reaches_every_region_by_keyboard(site, browser, suffix, width):
    target = site / "figures" / "04-group-map.html" if suffix == "figure" else site / f"{NB04}{suffix}.html"
    page, errors, _ = open_page(browser, target, width=width)
    root = page.locator('[data-ex-explorable="regions"]')
    names = _walk_regions(page.main_frame, root)
    assert len(names) == 122
    # Sorting by group t (a heading button, by keyboard) puts the lowest t first.
    page.locator('[data-ex-explorable="regions"] thead th:nth-child(3) button').press("Enter")
    values = [float(v) for v in root.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert values == sorted(values)
    # A tap on the map selects a region and says which.
    dot = root.locator("svg circle").nth(10)
    dot.click(force=True)
    assert root.locator('[data-ex-out="detail"]').inner_text().split(":", 1)[0] in names
    SHOTS.mkdir(parents=True, exist_ok=True)
    root.screenshot(path=SHOTS / f"regions-{suffix or 'full'}-{width}.png")
    if suffix != "figure":
        power = page.locator('[data-ex-explorable="power"]')
        power.screenshot(path=SHOTS / f"power-{suffix or 'full'}-{width}.png")
    assert errors == []
    page.context.close()


@pytest.mark.parametrize(
    "name",
    [f"{NB04}.reader.html", f"{NB04}.embed.html", "figures/04-power.html", "figures/04-group-map.html"],
)
def test_without_scripts_controls_are_absent_and_the_static_figure_and_table_show(site, browser, name):
    page, errors, _ = open_page(browser, site / name, scripts=False)
    for kind in ("power", "regions"):
        root = page.locator(f'[data-ex-explorable="{kind}"]')
        if not root.count():
            continue
        for needs in root.locator("[data-ex-needs-script]").all():
            assert not _visible(needs), f"{name}: a control that needs the script renders without it"
        assert _visible(root.locator("table")), f"{name}: the {kind} table is missing without scripts"
    figure = "04-power" if "power" in name or "group-map" not in name else "04-group-map"
    assert _visible(page.locator(f"#fig-{figure} img")), f"{name}: the static figure is missing"
    assert errors == []
    page.context.close()


def test_printed_page_shows_the_static_figures_not_the_explorables(site, browser):
    page, _, _ = open_page(browser, site / f"{NB04}.reader.html")
    page.emulate_media(media="print")
    for kind in ("power", "regions"):
        assert not _visible(page.locator(f'[data-ex-explorable="{kind}"]'))
    for figure_id in ("04-power", "04-group-map"):
        assert _visible(page.locator(f"#fig-{figure_id}"))
    page.context.close()


def test_each_explorable_adds_at_most_150_kb_to_its_page(site):
    """The explorables' HTML on a page, with the script and stylesheet, is at most about 150 KB each."""
    import re

    from explainers.core import explorables as shared

    shared_bytes = len(shared.script().encode()) + len(shared.style().encode())
    checked = 0
    for path in [
        *site.glob(f"{NB03}*.html"),
        *site.glob(f"{NB04}*.html"),
        *site.glob("figures/0[34]-*.html"),
    ]:
        page = path.read_text(encoding="utf-8")
        count = len(re.findall(r'data-ex-explorable="\w+"', page))
        if not count:
            continue
        blocks = re.findall(
            r'<section class="ex-explorable.*?</section>|<div class="ex-switch".*?</div>', page, re.S
        )
        size = sum(len(b.encode()) for b in blocks) + shared_bytes
        assert size <= 150_000 * count, f"{path.name}: {count} explorables add {size / 1000:.0f} KB"
        checked += 1
    assert checked >= 8  # three editions of 03 and of 04, and the figure pages
