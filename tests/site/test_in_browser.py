"""Every page of the site in headless Chromium (Playwright), from disk, with the network cut.

What renders is checked, not only what the HTML says: no console error, every image decoded,
no request for anything but the page's own file and the figure files of the site it names,
nothing wider than a phone's screen, the claim explorer's controls absent with scripts off,
gallery snippets pasted into a blank page beside the files showing their figure whole with its
caption, embeds inside sandboxed frames, and a focus ring that stands out. Screenshots of every
page at 390 and 1280 px go to ``.cache/screenshots/`` to be looked at.
"""

import html
import re

import pytest
from pagecheck import LAYOUT, LOAD_IMAGES, Visitor, all_pages, open_page, outside, site_files

from explainers.core import paths
from explainers.site import export, gallery

SHOTS = paths.cache_dir("screenshots")


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_opens_cleanly_offline_and_is_screenshotted(site, browser, width):
    pages = all_pages(site)
    assert len(pages) >= 30
    checked_images = 0
    visitor = Visitor(browser, width=width)
    for page_file in pages:
        page = visitor.open(page_file)
        images = page.evaluate(LOAD_IMAGES)
        assert visitor.errors == [], f"{page_file.name}: {visitor.errors[:3]}"
        # A page asks for itself and the figure files beside it that it names (full and
        # reader editions, the gallery), nothing else.
        allowed = [page_file.resolve().as_uri(), *(f.as_uri() for f in site_files(page_file, site))]
        assert outside(visitor.requests, allowed) == [], f"{page_file.name}: requests left"
        broken = [i["src"] for i in images if not i["done"] or i["w"] == 0]
        assert broken == [], f"{page_file.name}: images not decoded {broken}"
        checked_images += len(images)
        name = page_file.relative_to(site).as_posix().replace("/", "_")
        height = min(page.evaluate(LAYOUT)["height"], 8000)
        page.screenshot(
            path=SHOTS / f"{width}" / f"{name}.png",
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
        )
    visitor.close()
    assert checked_images > 60, "the pages carry figures, so images must have been checked"


# 720 px: between the phone layout and the desktop one, where a wide table of whole words has the
# least room before it stacks (notebook.css).
@pytest.mark.parametrize("width", [320, 390, 720])
def test_no_page_is_wider_than_a_phone_or_a_small_tablet(site, browser, width):
    wide = []
    visitor = Visitor(browser, width=width, height=700)
    for page_file in all_pages(site):
        page = visitor.open(page_file)
        page.evaluate(LOAD_IMAGES)
        layout = page.evaluate(LAYOUT)
        if layout["scroll"] > layout["inner"]:
            # Name the widest elements, to say what to fix.
            culprits = page.evaluate(
                """(w) => Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > w + 1)
                  .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                width,
            )
            wide.append((page_file.name, layout["scroll"], culprits))
    visitor.close()
    assert wide == [], f"pages wider than {width} px: {wide}"


def test_every_figure_opens_full_size_on_tap(site, browser):
    stems = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    editions = [export.get_edition(name) for name in ("full", "reader")]
    for page_file in [site / edition.filename(stem) for stem in stems for edition in editions]:
        page, _, _ = open_page(browser, page_file, width=390)
        figures = page.evaluate(
            """() => Array.from(document.querySelectorAll('.jp-RenderedImage[id^="fig-"]')).map(d => {
                 const a = d.querySelector('a'); return {id: d.id, href: a ? a.getAttribute('href') : null};
               })"""
        )
        assert figures, page_file.name
        for figure in figures:
            assert figure["href"] == f"figures/{figure['id'][4:]}.png", (page_file.name, figure)
            assert (site / figure["href"]).exists()
        page.context.close()


def test_claim_explorer_without_scripts_shows_no_dead_control_and_every_row(site, browser):
    page, _, _ = open_page(browser, site / "claims.html", scripts=False)
    visible_controls = page.locator("select:visible, input:visible, button:visible").count()
    assert visible_controls == 0, "with scripts off, no control may show that cannot work"
    rows = page.locator("#claims tbody tr")
    assert rows.count() > 50 and page.locator("#claims tbody tr:visible").count() == rows.count()
    page.context.close()


def test_claim_explorer_filters_with_scripts(site, browser):
    page, errors, _ = open_page(browser, site / "claims.html")
    assert page.locator("#filters").is_visible()
    total = page.locator("#claims tbody tr").count()
    page.select_option("select[name=status]", "unverified")
    shown = page.locator("#claims tbody tr:visible").count()
    assert 0 < shown < total
    assert page.locator("#count").inner_text() == f"{shown} of {total} claims shown"
    assert errors == []
    page.context.close()


def _snippets(site):
    text = html.unescape((site / "gallery.html").read_text(encoding="utf-8"))
    found = re.findall(r'<textarea id="snippet-([\w-]+)-(iframe|img)"[^>]*>(.*?)</textarea>', text, re.S)
    return found


def test_every_gallery_snippet_pasted_into_a_blank_page_beside_the_files_shows_its_figure_whole(
    site, browser
):
    snippets = _snippets(site)
    figure_ids = {figure_id for figure_id, _, _ in snippets}
    assert len(figure_ids) >= 20 and len(snippets) == 2 * len(figure_ids)
    for figure_id, kind, snippet in snippets:
        host = site / "figures" / f"host-{figure_id}-{kind}.html"
        host.write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>course page</title></head>'
            f'<body style="margin:8px;width:{gallery.FRAME_WIDTH}px"><h1>A course page</h1>'
            f"{snippet}</body></html>",
            encoding="utf-8",
        )
        page, errors, requests = open_page(browser, host, width=gallery.FRAME_WIDTH + 40, height=1000)
        allowed = [host.resolve().as_uri(), (site / "figures" / f"{figure_id}.html").resolve().as_uri()]
        allowed.append((site / "figures" / f"{figure_id}.png").resolve().as_uri())
        assert errors == [] and outside(requests, allowed) == [], (figure_id, kind, errors)
        if kind == "img":
            image = page.locator("figure img")
            page.evaluate(LOAD_IMAGES)
            assert image.evaluate("i => i.complete && i.naturalWidth > 0"), (
                f"{figure_id}: the image src breaks"
            )
            assert page.locator("figcaption").inner_text().strip(), figure_id
        else:
            frame = page.frame_locator("iframe")
            box = page.locator("iframe").bounding_box()
            inner = frame.locator("figure:visible")  # a switch's page shows one state at a time
            inner.locator("img").evaluate("i => { i.loading = 'eager'; return i.decode(); }")
            assert inner.locator("img").evaluate("i => i.naturalWidth > 0"), figure_id
            bottom = inner.locator("figcaption").evaluate("c => c.getBoundingClientRect().bottom")
            assert bottom <= box["height"], (
                f"{figure_id}: the caption ends at {bottom:.0f} px, below the suggested frame height"
                f" {box['height']:.0f} px"
            )
        page.context.close()
        host.unlink()


def test_embed_edition_works_in_a_sandboxed_iframe_at_any_width(site, browser):
    embeds = sorted(site.glob("*.embed.html"))
    assert embeds
    for embed in embeds:
        for width in (340, 760):
            host = site.parent / f"host-{embed.stem}.html"
            host.write_text(
                '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>course page</title></head>'
                '<body style="margin:8px"><h1>A course page</h1>'
                f'<iframe src="{site.name}/{embed.name}" title="embedded explainer" '
                f'style="width:{width}px;height:1400px;border:1px solid #999" sandbox></iframe>'
                "</body></html>",
                encoding="utf-8",
            )
            page, errors, requests = open_page(browser, host, width=width + 40)
            allowed = [host.resolve().as_uri(), embed.resolve().as_uri()]
            # A page with explorable figures carries their script; a frame without allow-scripts blocks
            # it (Chromium says so in the console) and the page shows their static figures and tables
            # (test_explorables_in_browser.py). Any other message is an error.
            if 'data-ex-explorable="' in embed.read_text(encoding="utf-8"):
                errors = [e for e in errors if "'allow-scripts' permission is not set" not in e]
            assert errors == [] and outside(requests, allowed) == [], embed.name
            frame = page.frames[1]
            images = frame.evaluate(LOAD_IMAGES)
            expected = embed.read_text(encoding="utf-8").count("<img ")
            assert len(images) == expected and all(i["w"] > 0 for i in images), embed.name
            layout = frame.evaluate(LAYOUT)
            assert layout["scroll"] <= layout["inner"], f"{embed.name} scrolls sideways at {width} px"
            if width == 340:
                page.screenshot(path=SHOTS / "iframe" / f"{embed.stem}.png")
            page.context.close()
            host.unlink()


def _luminance(rgb):
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css):
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


@pytest.mark.parametrize("name", ["index.html", "gallery.html", "01_baliki2008_in_one_page.reader.html"])
def test_keyboard_focus_ring_is_drawn_at_3_to_1_or_more(site, browser, name):
    page, _, _ = open_page(browser, site / name)
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
             let b = e, bg = 'rgba(0, 0, 0, 0)';
             while (b && (bg = getComputedStyle(b).backgroundColor) === 'rgba(0, 0, 0, 0)')
               b = b.parentElement;
             return {tag: e.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                     colour: s.outlineColor, background: b ? bg : 'rgb(255, 255, 255)'}; }"""
    )
    assert ring["tag"] == "A" and ring["style"] == "solid" and ring["width"] >= 2, ring
    assert _contrast(_rgb(ring["colour"]), _rgb(ring["background"])) >= 3, ring
    page.context.close()


def test_notebook_cells_are_no_tab_stops(site, browser):
    for edition in export.EDITIONS:
        page, _, _ = open_page(browser, site / edition.filename("01_baliki2008_in_one_page"))
        stops = page.locator(".jp-Cell [tabindex], .jp-Cell[tabindex]").count()
        assert stops == 0, f"{edition.name}: {stops} cells or outputs are tab stops"
        page.context.close()
