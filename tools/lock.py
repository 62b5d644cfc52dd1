"""Regenerate requirements/lock.txt from requirements/direct.txt with pip's own resolver.

    python tools/lock.py              # keep today's pins where they still satisfy direct.txt
    python tools/lock.py --upgrade    # resolve afresh: newest versions allowed by direct.txt
    python tools/lock.py --check      # exit 1 if the lock would change (nothing is written)
    python tools/lock.py --hashes     # add --hash=sha256:... of the file pip chose (see below)

How: ``pip install --dry-run --ignore-installed --report`` resolves the direct requirements
for this interpreter and platform without installing anything (pip >= 22.2), like
``pip-compile`` but with no extra tool. Without ``--upgrade`` the current lock is passed as
constraints, so a pin changes only when direct.txt no longer allows it (pip-compile's rule).

The packages installed with ``--no-deps`` are never part of the lock: the data-only ones
(requirements/data-packages.txt), whose own dependencies (VTK and others) must stay out, and
nimare and ridgeplot (requirements/no-deps.txt), whose dependencies we do import are listed in
direct.txt one by one (the rest, statsmodels and NeuroStore's client among them, stay out).

Hashes: pip's report gives the hash of the one file it chose for this platform and Python, so
a hashed lock would only install here; the committed lock therefore has no hashes, and
``--hashes`` is for a platform-specific lock (use with ``pip install --require-hashes``).
Needs the package index (this is the one step that does).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIRECT = ROOT / "requirements" / "direct.txt"
LOCK = ROOT / "requirements" / "lock.txt"
DATA_PACKAGES = ROOT / "requirements" / "data-packages.txt"
NO_DEPS = ROOT / "requirements" / "no-deps.txt"


def normalise(name: str) -> str:
    """PEP 503 form of a distribution name, for comparing names."""
    return "".join("-" if c in "-_." else c for c in name.lower())


def requirement_names(path: Path) -> set[str]:
    """Names of the ``name==version`` (or bare name) lines of a requirements file."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            for separator in ("==", ">=", "<=", "~=", "!=", "<", ">", "[", ";", " "):
                line = line.split(separator, 1)[0]
            names.add(normalise(line))
    return names


def lock_lines(report: dict, exclude: set[str], hashes: bool = False) -> list[str]:
    """Turn a pip installation report into sorted ``name==version`` lines.

    Parameters
    ----------
    report : dict
        The JSON of ``pip install --dry-run --report``.
    exclude : set of str
        Normalised names to leave out (the data-only packages, the project itself).
    hashes : bool, default False
        Append ``--hash=sha256:...`` of the file pip chose.

    Returns
    -------
    list of str
        One line per package, sorted case-insensitively (the order of the committed lock).
    """
    lines = []
    for item in report["install"]:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if normalise(name) in exclude:
            continue
        line = f"{name}=={version}"
        if hashes:
            digest = item.get("download_info", {}).get("archive_info", {}).get("hashes", {}).get("sha256")
            if not digest:
                raise SystemExit(f"pip reported no sha256 for {name} {version}; cannot write a hashed lock")
            line += f" --hash=sha256:{digest}"
        lines.append(line)
    return sorted(lines, key=str.lower)


def resolve(upgrade: bool) -> dict:
    """Run pip's resolver (dry run) on direct.txt and return its report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet"]
        command += ["--disable-pip-version-check", "--report", str(report), "-r", str(DIRECT)]
        if not upgrade and LOCK.exists():
            command += ["-c", str(LOCK)]
        subprocess.run(command, check=True)
        return json.loads(report.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="ignore today's pins")
    parser.add_argument("--check", action="store_true", help="only report whether the lock would change")
    parser.add_argument("--hashes", action="store_true", help="add the sha256 of the file pip chose")
    args = parser.parse_args(argv)
    exclude = requirement_names(DATA_PACKAGES) | requirement_names(NO_DEPS) | {"explainers"}
    text = "\n".join(lock_lines(resolve(args.upgrade), exclude, args.hashes)) + "\n"
    current = LOCK.read_text(encoding="utf-8") if LOCK.exists() else ""
    if text == current:
        print(f"{LOCK.relative_to(ROOT)} is up to date")
        return 0
    if args.check:
        print(f"{LOCK.relative_to(ROOT)} would change; run `python tools/lock.py`")
        return 1
    LOCK.write_text(text, encoding="utf-8")
    print(f"wrote {LOCK.relative_to(ROOT)}; then run `python tools/write_environment_yml.py`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
