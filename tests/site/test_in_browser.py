"""Every page of every edition opened in headless Chromium from disk, with the network cut.

One browser session for all pages (fast): no console error, every image decoded, no request
for anything but the page's own file (images are inline), and the embed edition inside a
sandboxed iframe at a narrow width. A screenshot of each page (its top 4000 pixels) is kept in
``.cache/screenshots/`` as a test artefact, to be looked at.
"""

from pathlib import Path

import devtools as devtools_client
import pytest
from pagecheck import outside, visit

from explainers.core import paths

SHOTS = paths.cache_dir("screenshots")


@pytest.fixture(scope="module")
def devtools(chromium):
    # Sandboxed frames stay in the page's process, so the test can look inside them.
    with devtools_client.DevTools(
        ["--disable-site-isolation-trials", "--disable-features=IsolateSandboxedIframes"]
    ) as dt:
        yield dt


def _host(site: Path, embed: Path, width: int) -> Path:
    host = site.parent / f"host-{embed.stem}.html"
    host.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>course page</title></head>'
        '<body style="margin:8px"><h1>A course page</h1>'
        f'<iframe src="{embed.parent.name}/{embed.name}" title="embedded explainer" '
        f'style="width:{width}px;height:1400px;border:1px solid #999" sandbox></iframe></body></html>',
        encoding="utf-8",
    )
    return host


def _check(report, allowed):
    assert report["errors"] == [], f"{report['url']}: console errors {report['errors'][:3]}"
    assert outside(report["requests"], allowed) == [], f"{report['url']}: requests left the page"
    broken = [i["src"] for i in report["images"] if not i["hidden"] and (not i["done"] or i["w"] == 0)]
    assert broken == [], f"{report['url']}: images not decoded {broken}"


def test_every_page_opens_cleanly_offline(site, devtools):
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 6
    checked_images = 0
    for page in pages:
        report = visit(devtools, page, screenshot=SHOTS / f"{page.stem}.png", max_height=4000)
        _check(report, [page.resolve().as_uri()])
        checked_images += len(report["images"])
        assert report["layout"]["scroll"] <= report["layout"]["inner"], f"{page.name} scrolls sideways"
    assert checked_images > 10, "the pages carry figures, so images must have been checked"


def test_embed_edition_works_in_a_sandboxed_iframe_at_any_width(site, devtools):
    embeds = sorted(site.glob("*.embed.html"))
    assert embeds
    for embed in embeds:
        for width in (340, 760):
            host = _host(site, embed, width)
            report = visit(
                devtools,
                host,
                width=width + 40,
                screenshot=SHOTS / f"iframe-{width}-{embed.stem}.png",
                max_height=1500,
            )
            _check(report, [host.resolve().as_uri(), embed.resolve().as_uri()])
            assert report["frames"] == 2, "the test must have looked inside the sandboxed frame"
            expected = embed.read_text(encoding="utf-8").count("<img ")
            assert len(report["images"]) == expected, (
                f"{embed.name}: {expected} images in the file, {len(report['images'])} seen in the frame"
            )
