"""Where a page's figures come from (issue 21): inside the page, or a WebP file of the site beside it.

The embed edition and the figure pages go into course pages on their own, so every image is
inside them. The full and reader editions, and the gallery, live in the site beside
``figures/``: their first image is inside the page, the later ones are files the browser fetches
as they are scrolled near. Those pages must still work opened from disk and from a copy of the
site on a USB stick, which is checked here in a real browser by scrolling, not by forcing loads.
"""

import re
import shutil

import pytest
from pagecheck import Visitor, outside, site_files

from explainers.core import paths
from explainers.site import export

STEMS = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\bsrc="([^"]*)"')


def _sources(page):
    return [(SRC.search(tag).group(1), tag) for tag in IMG.findall(page.read_text(encoding="utf-8"))]


def test_embed_editions_and_figure_pages_are_single_files(site):
    pages = [site / export.get_edition("embed").filename(s) for s in STEMS]
    pages += sorted((site / "figures").glob("*.html"))
    for page in pages:
        images = _sources(page)
        assert images, page.name
        outside_page = [src[:40] for src, _ in images if not src.startswith("data:image/")]
        assert outside_page == [], f"{page.name}: images outside the page {outside_page}"


@pytest.mark.parametrize("stem", STEMS)
def test_full_and_reader_editions_show_the_first_figure_inside_and_load_the_others_as_scrolled_to(site, stem):
    for name in ("full", "reader"):
        page = site / export.get_edition(name).filename(stem)
        figures = _sources(page)
        assert figures[0][0].startswith("data:image/webp;base64,"), f"{page.name}: the first figure"
        assert 'loading="lazy"' not in figures[0][1], f"{page.name}: an image inside the page is never lazy"
        for src, tag in figures[1:]:
            if src.startswith("data:"):
                continue  # an image that is no figure of the collection stays inside the page
            assert re.fullmatch(r"figures/[\w-]+\.webp", src), f"{page.name}: {src}"
            assert (site / src).is_file(), f"{page.name}: {src} is missing"
            # Its size is known before it loads: nothing moves when it arrives.
            assert 'loading="lazy"' in tag, tag[-120:]
            assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), tag[-120:]


def test_gallery_shows_the_first_thumbnail_inside_and_loads_the_others_as_scrolled_to(site):
    images = _sources(site / "gallery.html")
    assert len(images) >= 20
    assert images[0][0].startswith("data:image/webp;base64,")
    for src, tag in images[1:]:
        assert re.fullmatch(r"figures/[\w-]+\.thumb\.webp", src) and (site / src).is_file(), src
        assert 'loading="lazy"' in tag, tag[-80:]


SCROLL_THROUGH = """async () => {
  // Open every fold first (solutions, sources): an image in a closed fold loads when it is opened.
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  // Scroll down half a screen at a time, as a reader would, giving each screen's images time to arrive.
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise(r => setTimeout(r, 60));
  }
  // decode() of a lazy image that never started loading waits for ever: bring any image still
  // missing into view and give it at most 5 s, so a broken one is reported, not a hung test.
  const settle = (i) => Promise.race([i.decode().catch(() => null), new Promise(r => setTimeout(r, 5000))]);
  // An image in a state of a switch not chosen is not displayed, and loads when it is chosen.
  const displayed = (i) => i.getClientRects().length > 0;
  for (const i of Array.from(document.images)) {
    if (!i.complete && displayed(i)) { i.scrollIntoView(); await settle(i); }
  }
  return Array.from(document.images).map(i => ({src: i.getAttribute('src').slice(0, 40),
    w: i.naturalWidth, done: i.complete, displayed: displayed(i)}));
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_work_from_a_copy_of_the_site_on_a_usb_stick(site, browser, tmp_path, width):
    # A copy elsewhere, under a folder name with a space, as a stick mounted on another machine.
    stick = tmp_path / "USB STICK" / "pain-default-mode"
    shutil.copytree(site, stick)
    pages = [stick / export.get_edition(e).filename(s) for s in STEMS for e in ("full", "reader", "embed")]
    pages.append(stick / "gallery.html")
    visitor = Visitor(browser, width=width, height=800)
    loaded_from_files = 0
    for page_file in pages:
        page = visitor.open(page_file)
        images = page.evaluate(SCROLL_THROUGH)
        # Every displayed image shows; one not displayed (a switch's other state) is a file of the
        # copy all the same (site_files below checks each named file is there).
        broken = [i["src"] for i in images if i["displayed"] and (not i["done"] or i["w"] == 0)]
        assert broken == [], f"{page_file.name} at {width} px: images not shown {broken}"
        files = site_files(page_file, stick)
        allowed = [page_file.resolve().as_uri(), *(f.as_uri() for f in files)]
        assert outside(visitor.requests, allowed) == [], f"{page_file.name}: requests outside the copy"
        assert visitor.errors == [], f"{page_file.name}: {visitor.errors[:3]}"
        loaded_from_files += len(files)
    visitor.close()
    assert loaded_from_files > 20, "the editions load figure files, so some must have been checked"


def test_lazily_loaded_figures_wait_below_the_first_screen(site, browser):
    """On a phone's first screen the page asks for no figure file: they come as the reader scrolls."""
    page_file = site / export.get_edition("reader").filename("04_failing_to_deactivate")
    visitor = Visitor(browser, width=390, height=800)
    visitor.open(page_file)
    first_screen = [r for r in visitor.requests if r.endswith(".webp")]
    files = site_files(page_file, site)
    assert len(files) >= 3 and len(first_screen) < len(files), first_screen
    visitor.close()
