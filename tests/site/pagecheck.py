"""Open one page in Playwright and report what a reader's browser would meet."""

from pathlib import Path

#: Load every image now (pages defer those below the first screen), then wait until each is decoded.
LOAD_IMAGES = """async () => {
  const all = [];
  const frames = [document, ...Array.from(document.querySelectorAll('iframe'))
    .map(f => { try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  for (const doc of frames) {
    // nilearn's viewer keeps placeholder images with a 'hidden' class: not figures.
    for (const img of doc.images) {
      if (String(img.className).indexOf('hidden') >= 0) continue;
      img.loading = 'eager'; all.push(img);
    }
  }
  await Promise.all(all.map(i => i.decode().catch(() => null)));
  return all.map(i => ({src: (i.currentSrc || i.src).slice(0, 40), w: i.naturalWidth, done: i.complete}));
}"""
LAYOUT = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  height: document.documentElement.scrollHeight})"""


def open_page(browser, page_file: Path, *, width=1280, height=900, scripts=True):
    """A new page at the given viewport showing ``page_file``; returns (page, errors, requests)."""
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=scripts)
    page = context.new_page()
    errors, requests = [], []
    page.on(
        "console", lambda m: errors.append(f"console: {m.text}") if m.type in ("error", "assert") else None
    )
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.resolve().as_uri(), wait_until="load")
    return page, errors, requests


class Visitor:
    """One browser page at one viewport, reused for many files (a new context per file is slow)."""

    def __init__(self, browser, width=1280, height=900, scripts=True):
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=scripts
        )
        self.page = self.context.new_page()
        self.errors, self.requests = [], []
        self.page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type in ("error", "assert") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, page_file: Path):
        """Show ``page_file``; the errors and requests lists then hold only its own."""
        self.page.goto("about:blank")
        self.errors.clear()
        self.requests.clear()
        self.page.goto(page_file.resolve().as_uri(), wait_until="load")
        return self.page

    def close(self):
        self.context.close()


def outside(requests, allowed) -> list:
    """Requests for anything but the allowed files and inline data."""
    from urllib.parse import urldefrag

    allowed = {urldefrag(a)[0] for a in allowed}
    return [r for r in requests if not r.startswith(("data:", "about:")) and urldefrag(r)[0] not in allowed]


def site_files(page_file: Path, site: Path) -> list[Path]:
    """The files of the site a page's images name (``figures/…webp``), each checked to be inside the site."""
    import re

    found = []
    tags = re.findall(r"<img\b[^>]*>", page_file.read_text(encoding="utf-8"))
    for src in [m.group(1) for m in (re.search(r'\bsrc="([^"]*)"', t) for t in tags) if m]:
        if src.startswith("data:"):
            continue
        target = (page_file.parent / src).resolve()
        assert target.is_relative_to(site.resolve()) and target.is_file(), f"{page_file.name}: {src}"
        found.append(target)
    return found


def all_pages(site: Path) -> list[Path]:
    """Every HTML page of the site: the site's own, every edition, handouts and figure pages."""
    return sorted(site.glob("*.html")) + sorted((site / "figures").glob("*.html"))


def axe_script() -> str:
    """axe-core as the pinned axe-playwright-python bundles it (4.12.1)."""
    from axe_playwright_python.base import AXE_SCRIPT

    assert "axe v4.12.1" in AXE_SCRIPT[:40], "the pinned axe-core version"
    return AXE_SCRIPT


def axe_violations(browser, pages, width) -> list[str]:
    """Run axe on each page at one width (one browser page, reused); one line per violation."""
    script = axe_script()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    for page_file in pages:
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        page.evaluate(script)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            nodes = [n["target"] for n in violation["nodes"]][:3]
            found.append(f"{page_file.name}: {violation['id']} ({len(violation['nodes'])} nodes) {nodes}")
    context.close()
    return found
