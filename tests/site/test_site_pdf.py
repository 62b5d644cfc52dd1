"""A reader page printed by headless Chromium is a clean handout: all its figures, no stranded heading."""

import re
from html.parser import HTMLParser

import pytest

from explainers.core import paths
from explainers.site import browser, export

STEM = "01_baliki2008_in_one_page"


class Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._in = [], None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._in, self._buffer = tag, ""

    def handle_data(self, data):
        if self._in:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == self._in:
            self.texts.append(" ".join(self._buffer.split()).rstrip("¶").strip())
            self._in = None


@pytest.fixture(scope="module")
def handout(site, chromium, tmp_path_factory):
    if not (paths.notebooks_dir() / f"{STEM}.ipynb").exists():
        pytest.skip(f"{STEM} is not in this collection")
    page = site / export.get_edition("reader").filename(STEM)
    return page, browser.print_pdf(page, tmp_path_factory.mktemp("pdf") / f"{STEM}.pdf")


def test_the_handout_has_every_figure_of_the_page(handout):
    from pypdf import PdfReader

    page, pdf = handout
    expected = page.read_text(encoding="utf-8").count("<img ")
    reader = PdfReader(pdf)
    found = sum(len(p.images) for p in reader.pages)
    assert expected >= 3 and found == expected, f"{found} images in the PDF, {expected} figures on the page"


def test_no_page_of_the_handout_is_only_a_heading(handout):
    from pypdf import PdfReader

    page, pdf = handout
    parser = Headings()
    parser.feed(page.read_text(encoding="utf-8"))
    headings = {h for h in parser.texts if h}
    stranded = []
    for number, sheet in enumerate(PdfReader(pdf).pages, start=1):
        lines = [" ".join(line.split()) for line in (sheet.extract_text() or "").splitlines() if line.strip()]
        if not sheet.images and all(line in headings for line in lines):
            stranded.append((number, lines))
    assert stranded == [], f"pages holding only a heading (or nothing): {stranded}"
