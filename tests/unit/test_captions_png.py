"""The credit line under a figure stays short, and figure PNGs are encoded with a palette."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from explainers.figures import compactpng
from explainers.literature import datasources, ledger, usage

pytestmark = pytest.mark.usefixtures("fresh_page")  # tests/unit/conftest.py: each test is one page


def _claims_with_distinct_references(n: int) -> list[str]:
    table = ledger.load_claims()
    firsts = table.drop_duplicates("reference")
    firsts = firsts[firsts["reference"] != ""]
    assert len(firsts) >= n, "the ledger cites enough works for this test"
    return list(firsts.index[:n])


def test_credit_line_names_few_findings_and_counts_the_rest():
    claims = _claims_with_distinct_references(8)
    keys = [ledger.claim(c).reference for c in claims]
    credit = datasources.credit(("ledger",), claims)
    line = credit.line
    shown = datasources.MAX_FINDINGS - 1
    assert f"and {len(keys) - shown} more works (see References)" in line
    assert line.count(" (20") + line.count(" (19") == shown, line
    # The works not named still reach the page's reference list the line points to, and the full
    # source line of the figure's record names them all.
    assert set(keys[shown:]) <= set(usage.session("references"))
    assert credit.source.split("findings: ", 1)[1].count(";") == len(keys) - 1


def test_credit_line_names_all_findings_when_few():
    claims = _claims_with_distinct_references(datasources.MAX_FINDINGS)
    line = datasources.credit(("ledger",), claims).line
    # "Source: <data>; findings: A; B; C": one separator after the data, then one between works.
    assert "more works" not in line and line.count(";") == datasources.MAX_FINDINGS


def _png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array.astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_palette_png_is_lossless_for_few_colours_and_deterministic():
    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, size=(200, 3))
    image = colours[rng.integers(0, 200, size=(60, 80))]
    out = compactpng.palette_png(_png(image))
    assert Image.open(io.BytesIO(out)).mode == "P"
    assert (_pixels(out) == image).all()
    assert compactpng.palette_png(_png(image)) == out


def test_palette_png_keeps_flat_colours_exact_and_gradients_close():
    # A white page with two flat category colours and a smooth 1000-step colour bar.
    image = np.full((200, 1000, 3), 255)
    image[:60, :400] = (213, 94, 0)
    image[:60, 500:] = (0, 114, 178)
    ramp = np.linspace(0, 255, 1000)
    image[100:] = np.stack([ramp, 255 - ramp, np.full(1000, 128)], axis=1)[None]
    out = _pixels(compactpng.palette_png(_png(image)))
    assert (out[:100] == image[:100]).all(), "flat colours and white kept exactly"
    assert np.abs(out[100:] - image[100:]).max() <= 8, "the colour bar does not band into coarse steps"


def test_palette_png_rejects_other_bytes():
    with pytest.raises(ValueError, match="expected PNG bytes"):
        compactpng.palette_png(b"GIF89a....")
