"""Compact, deterministic PNG encoding of a rendered figure: an adaptive palette of 256 colours.

Matplotlib writes 32-bit RGBA PNGs; our figures are opaque (white face colour) and use a few
hundred colours apart from anti-aliasing and colour bars, so a 256-colour palette holds them at
about a third of the size with no visible change. The palette is built so that it keeps

- every colour exactly when the image has at most 256 (lossless, most charts);
- otherwise the most frequent colours exactly (background, text, the flat category colours of
  the house palette), and spreads the rest over the image's colour space with Pillow's octree
  quantiser, so the smooth gradient of a colour bar or a shaded brain surface does not band
  (a median cut gives the few colour-bar pixels too few entries).

Each pixel then takes its nearest palette colour (computed here, exactly, once per distinct
colour) without dithering, which would add noise around text. Everything is deterministic, so
the same figure gives the same bytes.
"""

from __future__ import annotations

import io

import numpy as np

#: Palette size (a PNG palette holds at most 256 colours).
COLOURS = 256
#: Number of the most frequent colours kept exactly when an image has more than COLOURS.
EXACT = 64


def _nearest(colours: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of the nearest palette colour (Euclidean in RGB) for each colour, in chunks."""
    out = np.empty(len(colours), dtype=np.uint8)
    pal = palette.astype(np.int32)
    for start in range(0, len(colours), 4096):
        chunk = colours[start : start + 4096].astype(np.int32)
        distance = ((chunk[:, None, :] - pal[None, :, :]) ** 2).sum(axis=2)
        out[start : start + 4096] = distance.argmin(axis=1)
    return out


def palette_png(png: bytes) -> bytes:
    """Re-encode a PNG with an adaptive palette of at most 256 colours.

    Parameters
    ----------
    png : bytes
        A PNG as matplotlib writes it (RGBA or RGB). Transparent parts are laid on white,
        the colour every page shows figures on.

    Returns
    -------
    bytes
        An indexed-colour PNG with the same pixel size and resolution (dpi), no text chunks.

    Raises
    ------
    ValueError
        If ``png`` is not a PNG image.
    """
    from PIL import Image

    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(f"expected PNG bytes (starting with the PNG signature), got {png[:8]!r}")
    with Image.open(io.BytesIO(png)) as image:
        dpi = image.info.get("dpi")
        rgba = image.convert("RGBA")
    rgb = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    pixels = np.asarray(rgb, dtype=np.uint32).reshape(-1, 3)
    keys = (pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]
    unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    colours = np.stack([(unique >> 16) & 255, (unique >> 8) & 255, unique & 255], axis=1).astype(np.uint8)
    if len(colours) <= COLOURS:
        palette, index = colours, np.arange(len(colours), dtype=np.uint8)
    else:
        # Most frequent first; ties broken by colour value so the order never depends on chance.
        order = np.lexsort((unique, -counts))
        frequent = colours[order[:EXACT]]
        spread = rgb.quantize(COLOURS - EXACT, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        extra = np.asarray(spread.getpalette()[: 3 * (COLOURS - EXACT)], dtype=np.uint8).reshape(-1, 3)
        palette = np.unique(np.concatenate([frequent, extra]), axis=0)[:COLOURS]
        index = _nearest(colours, palette)
    indexed = Image.frombytes("P", rgb.size, index[inverse.reshape(-1)].tobytes())
    indexed.putpalette(palette.reshape(-1).tolist())
    buffer = io.BytesIO()
    indexed.save(buffer, format="PNG", optimize=True, **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()
