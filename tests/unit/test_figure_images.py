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
import pandas as pd
import pytest

from explainers.core import palette
from explainers.datasets import simulate
from explainers.figures import charts, compareplots, glassbrains

TOLERANCE = 2.0
"""Largest RMS pixel difference (0-255) accepted, for every figure here."""

# The house style is applied by each figure function (housestyle.pyplot()), on top of matplotlib defaults.
compare = pytest.mark.mpl_image_compare(
    baseline_dir="../baseline", tolerance=TOLERANCE, savefig_kwargs={"dpi": 60}, style="default"
)


@compare
def test_block_design_image():
    return charts.block_design_figure(simulate.block_design_signals())


@compare
def test_status_bars_image():
    counts = pd.DataFrame(
        {"verified": [5, 2], "secondary": [1, 0], "unverified": [0, 3]}, index=["study", "press"]
    )
    return charts.status_bars(counts, "Claims by status")


@compare
def test_glass_brain_numbers_image():
    coords = np.array([(-46.0, -66.0, 30.0), (0.0, -52.0, 26.0), (46.0, -66.0, 30.0)])
    colour = palette.NETWORK_COLOURS["Default"]
    layer = {
        "coords": coords,
        "color": colour,
        "label": "three nodes",
        "size": 200,
        "numbers": ["1", "2", "3"],
    }
    return glassbrains.glass_brain_markers([layer], title="Numbered markers")


@compare
def test_agreement_bars_image():
    return compareplots.agreement_bars({"Dice overlap": 0.81, "share in Default": 0.64}, title="Agreement")


def test_a_changed_figure_fails_the_comparison(tmp_path):
    """The comparison is live: the same figure passes, a figure with one bar changed fails."""
    (tmp_path / "baseline").mkdir()
    here = Path(__file__).resolve().parent
    shutil.copy(here.parent / "baseline" / "test_agreement_bars_image.png", tmp_path / "baseline")
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "test_probe.py").write_text(
        "import os, pytest\n"
        "from explainers.figures import compareplots\n"
        f"@pytest.mark.mpl_image_compare(baseline_dir='../baseline', tolerance={TOLERANCE}, "
        "savefig_kwargs={'dpi': 60}, style='default')\n"
        "def test_agreement_bars_image():\n"
        "    dice = float(os.environ['PROBE_DICE'])\n"
        "    values = {'Dice overlap': dice, 'share in Default': 0.64}\n"
        "    return compareplots.agreement_bars(values, title='Agreement')\n"
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
    for dice in ("0.81", "0.71"):
        env = {**os.environ, "PROBE_DICE": dice}
        results[dice] = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
    assert results["0.81"].returncode == 0, results["0.81"].stdout
    assert results["0.71"].returncode != 0 and "RMS" in results["0.71"].stdout
