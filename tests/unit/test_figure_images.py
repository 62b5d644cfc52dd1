"""Image comparison of a few key figures against committed baselines (pytest-mpl).

The baselines in ``tests/baseline/`` are snapshots of our own output, not references from a
publication: they catch an unintended change in how a figure looks. Tolerance: RMS difference
of pixel values (0-255 scale) at most ``TOLERANCE``; text reflowing, a moved marker or a
changed colour exceeds it, anti-aliasing noise from another FreeType build does not.

``make test`` compares them (``--mpl`` in the pytest addopts of pyproject.toml). After a
deliberate change, regenerate with::

    .venv/bin/python -m pytest tests/unit/test_figure_images.py --mpl-generate-path=tests/baseline
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from explainers.core import palette
from explainers.figures import glassbrains

TOLERANCE = 2.0
"""Largest RMS pixel difference (0-255) accepted, for every figure here."""

# The house style is applied by each figure function (housestyle.pyplot()), on top of matplotlib defaults.
compare = pytest.mark.mpl_image_compare(
    baseline_dir="../baseline", tolerance=TOLERANCE, savefig_kwargs={"dpi": 60}, style="default"
)

# Charts that serve one chapter are drawn in that notebook's cells (issue #18), so only the shared
# chart kinds of explainers.figures have baselines here.


def numbered_markers(colour: str = palette.NETWORK_COLOURS["Default"]):
    coords = np.array([(-46.0, -66.0, 30.0), (0.0, -52.0, 26.0), (46.0, -66.0, 30.0)])
    layer = {
        "coords": coords,
        "color": colour,
        "label": "three nodes",
        "size": 200,
        "numbers": ["1", "2", "3"],
    }
    return glassbrains.glass_brain_markers([layer], title="Numbered markers")


@compare
def test_glass_brain_numbers_image():
    return numbered_markers()


def test_a_changed_figure_fails_the_comparison(tmp_path):
    """The comparison is live: the same figure passes, the same figure with another marker colour fails."""
    (tmp_path / "baseline").mkdir()
    here = Path(__file__).resolve().parent
    shutil.copy(here.parent / "baseline" / "test_glass_brain_numbers_image.png", tmp_path / "baseline")
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "test_probe.py").write_text(
        "import os, sys, pytest\n"
        f"sys.path.insert(0, {str(here)!r})\n"
        "from test_figure_images import numbered_markers\n"
        f"@pytest.mark.mpl_image_compare(baseline_dir='../baseline', tolerance={TOLERANCE}, "
        "savefig_kwargs={'dpi': 60}, style='default')\n"
        "def test_glass_brain_numbers_image():\n"
        "    return numbered_markers(os.environ['PROBE_COLOUR'])\n"
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "--mpl",
        str(probe),
    ]
    results = {}
    for colour in (palette.NETWORK_COLOURS["Default"], palette.OKABE_ITO["blue"]):
        env = {**os.environ, "PROBE_COLOUR": colour}
        results[colour] = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
    same, changed = results.values()
    assert same.returncode == 0, same.stdout
    assert changed.returncode != 0 and "RMS" in changed.stdout
