"""Printed pages: each chapter's handout on one or two sheets of A4 and of Letter (``make pdf``'s
own printing, counted with pypdf), and a reader page printed whole without stranded or nearly
blank pages."""

import re
from html.parser import HTMLParser

import pytest

from explainers.core import paths
from explainers.site import assemble, browser, export

STEM = "01_baliki2008_in_one_page"
NOTEBOOKS = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


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
def handouts(site, chromium):
    return browser.print_site(site)


def test_every_chapter_has_a_handout_linked_from_its_reader_page_and_the_index(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOKS:
        name = export.handout_filename(stem)
        assert (site / name).exists(), f"{stem}: no handout (see explainers.site.handout for the markers)"
        assert f'href="{name}"' in index
        assert f'href="{name}"' in (site / export.get_edition("reader").filename(stem)).read_text()


def test_each_handout_prints_on_at_most_two_pages_of_a4_and_of_letter_with_its_key_figure(site, handouts):
    from pypdf import PdfReader

    assert len(handouts) == 2 * len(NOTEBOOKS)
    sizes = {}
    for pdf in handouts:
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 2, f"{pdf.name}: {len(reader.pages)} pages"
        sizes[pdf.name] = tuple(round(float(v)) for v in reader.pages[0].mediabox[2:])
        images = sum(len(page.images) for page in reader.pages)
        assert images == 1, f"{pdf.name}: the key figure, once ({images} images)"
        text = " ".join(page.extract_text() for page in reader.pages)
        for part in ("The short version", "Key points", "What this does not show", "Cite this handout"):
            assert part in text, f"{pdf.name}: {part!r} missing"
    a4 = [s for n, s in sizes.items() if not n.endswith(".letter.pdf")]
    letter = [s for n, s in sizes.items() if n.endswith(".letter.pdf")]
    assert set(a4) == {(595, 842)} and set(letter) == {(612, 792)}


def test_the_index_links_the_handout_pdfs_once_printed(site, handouts):
    index = (site / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOKS:
        assert f'href="{assemble.PDF_FOLDER}/{stem}.handout.pdf"' in index


@pytest.fixture(scope="module")
def printed_reader(site, chromium, tmp_path_factory):
    if STEM not in NOTEBOOKS:
        pytest.skip(f"{STEM} is not in this collection")
    page = site / export.get_edition("reader").filename(STEM)
    return page, browser.print_pdf(page, tmp_path_factory.mktemp("pdf") / f"{STEM}.pdf", paper="A4")


def test_a_printed_reader_page_has_every_figure(printed_reader):
    from pypdf import PdfReader

    page, pdf = printed_reader
    expected = page.read_text(encoding="utf-8").count("<img ")
    found = sum(len(p.images) for p in PdfReader(pdf).pages)
    assert expected >= 3 and found == expected, f"{found} images in the PDF, {expected} figures on the page"


def test_no_printed_page_is_only_a_heading_or_nearly_blank(printed_reader):
    from pypdf import PdfReader

    page, pdf = printed_reader
    parser = Headings()
    parser.feed(page.read_text(encoding="utf-8"))
    headings = {h for h in parser.texts if h}
    sheets = PdfReader(pdf).pages
    poor = []
    for number, sheet in enumerate(sheets, start=1):
        text = sheet.extract_text() or ""
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        if sheet.images or number == len(sheets):
            continue
        if all(line in headings for line in lines) or len(text) < 600:
            poor.append((number, len(text), lines[:3]))
    assert poor == [], f"pages holding only a heading or nearly nothing: {poor}"


def test_a_printed_reader_page_shows_no_fold_without_its_content(printed_reader):
    from pypdf import PdfReader

    _, pdf = printed_reader
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Show the answer" not in text and "Show the solution" not in text
