"""Print the collection's performance and size figures against its budget.

Run with `make benchmark`. It builds a copy of the notebooks in a temporary project (so the
real site, figures and cache are untouched): once cold, once with nothing changed. It prints
numbers; it asserts nothing, because speed depends on the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {
    "notebook execution (s, each, 2 cores)": 20.0,
    "no-op rebuild (s)": 3.0,
    # Pages are embedded in course sites and must stay light; interactive views (which inline
    # their JavaScript to work offline) are kept under 1 MB each for the same reason.
    "exported page (MB, each)": 5.0,
    "stored notebook (MB, each)": 5.0,
}


def run_build(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "explainers.cli", "build", "--no-progress", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "notebooks", project / "notebooks")
        env = dict(os.environ, EXPLAINERS_ROOT=str(project), EXPLAINERS_DATA_DIR=str(ROOT / "data"))
        jobs = str(min(2, os.cpu_count() or 1))
        cold = run_build(env, "--jobs", jobs)
        warm = run_build(env)
        import json

        rows = []
        for entry in sorted((project / ".cache" / "build").glob("*/*/result.json")):
            result = json.loads(entry.read_text())
            rows.append((entry.parent.parent.name, result["seconds"], result["peak_mb"]))
        pages = sorted((project / "site").glob("*.html"))
        print(f"cold build with --jobs {jobs}: {cold:.1f} s wall")
        print(f"no-op rebuild: {warm:.2f} s wall (budget {BUDGET['no-op rebuild (s)']:.0f} s)")
        print()
        print(f"{'notebook':<32}{'execute s':>10}{'peak MB':>9}{'stored MB':>11}   within budget")
        for stem, seconds, peak in rows:
            size = (ROOT / "notebooks" / f"{stem}.ipynb").stat().st_size / 1e6
            ok = seconds <= BUDGET["notebook execution (s, each, 2 cores)"] and size <= BUDGET["stored notebook (MB, each)"]
            print(f"{stem:<32}{seconds:>10.1f}{(peak or 0):>9.0f}{size:>11.2f}   {'yes' if ok else 'NO'}")
        print()
        print(f"{'exported page':<40}{'MB':>8}   within budget")
        for page in pages:
            size = page.stat().st_size / 1e6
            limit = BUDGET["exported page (MB, each)"]
            print(f"{page.name:<40}{size:>8.2f}   {'yes' if size <= limit else 'NO'} (budget {limit:g} MB)")
        figures = sorted((project / "figures").glob("*.png"))
        print()
        print(f"figures: {len(figures)} PNG, {sum(f.stat().st_size for f in figures) / 1e6:.2f} MB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
