"""Accessibility of every page, and colours from the one palette (pages and figures)."""

import json
import re
from html.parser import HTMLParser

import pytest

from explainers.core import palette, paths, vocabulary
from explainers.site import export

CSS = (export.TEMPLATES_DIR / export.TEMPLATE_NAME / "house.css").read_text()


class Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.headings, self.images, self._depth = None, [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "iframe":
            self._depth += 1  # nilearn's viewer in the full edition: its own document
        if self._depth:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(attrs.get("alt") or "")

    def handle_endtag(self, tag):
        if tag == "iframe":
            self._depth -= 1


def outline(path):
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_declares_its_language_orders_its_headings_and_describes_its_images(site):
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        found = outline(page)
        assert found.lang == "en", page.name
        assert found.headings and found.headings[0] == 1 and found.headings.count(1) == 1, (
            f"{page.name}: one h1, first"
        )
        jumps = [(a, b) for a, b in zip(found.headings, found.headings[1:], strict=False) if b > a + 1]
        assert jumps == [], f"{page.name}: heading levels skipped {jumps[:3]}"
        short = [alt for alt in found.images if len(alt) < 40]
        assert short == [], f"{page.name}: images without a real description"


def _rgb(value):
    value = value.strip().lower()
    if value.startswith("var("):
        value = palette.OKABE_ITO[value[len("var(--ex-") : -1]]
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(rgb):
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


COLOUR = r"(#[0-9a-fA-F]{3,6}|var\(--ex-[a-z_]+\))"


def rules(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(
        r"@media print\s*\{(.*)\}\s*@page", r"\1 @page", css, flags=re.S
    )  # print rules are rules too
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        text = re.search(rf"(?<![-\w])color:\s*{COLOUR}", body)
        ground = re.search(rf"background(?:-color)?:\s*{COLOUR}", body)
        yield selector.strip(), text and text.group(1), ground and ground.group(1)


def test_text_colours_in_the_stylesheet_reach_4_5_to_1_on_every_background_they_can_sit_on():
    found = list(rules(CSS))
    pairs = [(s, t, g) for s, t, g in found if t and g]
    texts = [(s, t) for s, t, g in found if t and not g]
    grounds = {g for s, t, g in found if g and not t} | {"#ffffff"}
    assert len(texts) >= 5 and len(grounds) >= 4, "the stylesheet parser must have found the colours"
    low = [(s, t, g, round(contrast(t, g), 2)) for s, t, g in pairs if contrast(t, g) < 4.5]
    low += [(s, t, g, round(contrast(t, g), 2)) for s, t in texts for g in grounds if contrast(t, g) < 4.5]
    assert low == [], f"text below 4.5:1 contrast: {low[:5]}"


def test_the_contrast_check_can_fail():
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#595959", "#ffffff")
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_focus_is_visible_on_links_folds_and_controls():
    rule = re.search(r"([^{}]*:focus-visible[^{}]*)\{([^}]*)\}", CSS)
    assert rule and "outline: 3px solid" in rule.group(2)
    for element in (
        "a:focus-visible",
        "summary:focus-visible",
        "button:focus-visible",
        "select:focus-visible",
        "input:focus-visible",
    ):
        assert element in rule.group(1)
    assert not re.search(r"outline:\s*(none|0)\b", CSS), "nothing may remove the focus outline"


def test_page_accent_colours_come_from_the_figure_palette():
    accents = set(re.findall(r"var\(--ex-([a-z_]+)\)", CSS))
    assert accents and accents <= set(palette.OKABE_ITO)
    assert export.palette_css().count("--ex-") == len(palette.OKABE_ITO)


PALETTE = {
    c.lower()
    for c in [
        *palette.OKABE_ITO.values(),
        *palette.NETWORK_COLOURS.values(),
        *palette.ROLE_COLOURS.values(),
    ]
} | {v["colour"].lower() for v in vocabulary.VERDICTS.values()}
SVGS = sorted(paths.figures_dir().glob("*.svg"))


@pytest.mark.parametrize("svg", SVGS, ids=[p.stem for p in SVGS])
def test_every_vector_figure_draws_only_with_the_palette_or_greys(svg):
    record = json.loads(svg.with_suffix(".json").read_text())
    colours = {
        c.lower()
        for c in re.findall(r'(?:fill|stroke|stop-color)[:=]\s*"?(#[0-9a-fA-F]{6})', svg.read_text())
    }
    greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert colours, "the SVG parser must find colours"
    assert colours - greys - PALETTE == set(), f"{record['figure_id']} uses colours outside the palette"
