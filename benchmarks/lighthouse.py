"""Lighthouse performance of every page, mobile profile, pages served on loopback (issue 21).

    python benchmarks/lighthouse.py                 # export the site to a scratch folder, measure all
    python benchmarks/lighthouse.py --pages '*.reader.html' --site site

Lighthouse 12.2.3 comes from npm, pinned in ``benchmarks/lighthouse/package.json`` and its lock
(``npm ci`` there on first use; Lighthouse 13 needs Node 22, 12.2.3 runs on Node 20). It drives the
same Chromium as the browser tests (``CHROME_PATH``). The pages are served by a standard-library
HTTP server on 127.0.0.1, the only address anything is sent to. Scores are reported, never
asserted (they vary with the machine); the page sizes behind them are asserted in the tests.

Targets: performance at least 0.9 on the index, gallery, claim explorer, every reader, embed,
handout and figure page; at least 0.8 on the full (code) editions.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "benchmarks" / "lighthouse"
FULL_EDITION_TARGET, PAGE_TARGET = 0.8, 0.9
METRICS = ("first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time")


def target(name: str) -> float:
    """The score a page should reach: 0.8 for a full (code) edition, 0.9 for every other page."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".html")
    is_full = stem[:2].isdigit() and "." not in stem and not name.startswith("figures/")
    return FULL_EDITION_TARGET if is_full else PAGE_TARGET


def _install(say) -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        say("lighthouse: npm ci (pinned 12.2.3)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL, check=True)
    return binary


@contextlib.contextmanager
def _serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # one line per request would bury the scores
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _chromium() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from explainers.site import browser

    return browser.require()


def measure(site: Path, patterns: list[str], say) -> list[dict]:
    """Score each page of ``site`` matching ``patterns``; one dict per page."""
    binary = _install(say)
    names = sorted(
        p.relative_to(site).as_posix()
        for p in [*site.glob("*.html"), *site.glob("figures/*.html")]
        if any(fnmatch.fnmatch(p.relative_to(site).as_posix(), pattern) for pattern in patterns)
    )
    env = {**os.environ, "CHROME_PATH": _chromium()}
    results = []
    with _serve(site) as base, tempfile.TemporaryDirectory() as scratch:
        for name in names:
            out = Path(scratch) / "report.json"
            command = [
                str(binary),
                f"{base}/{name}",
                "--only-categories=performance",
                "--chrome-flags=--headless=new --no-sandbox",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ]
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, check=False)
            if done.returncode or not out.exists():
                results.append({"page": name, "score": None, "error": done.stderr.strip()[-200:]})
                say(f"  {name}: failed")
                continue
            report = json.loads(out.read_text())
            audits = report["audits"]
            row = {
                "page": name,
                "score": report["categories"]["performance"]["score"],
                "bytes": (site / name).stat().st_size,
                **{m: audits[m]["numericValue"] for m in METRICS},
            }
            results.append(row)
            say(f"  {name}: {row['score']:.2f} (FCP {row['first-contentful-paint'] / 1000:.1f} s)")
    return results


def table(results: list[dict]) -> list[str]:
    """Markdown lines: one row per page, with its target and verdict."""
    lines = [
        "| page | KB | performance | FCP s | LCP s | TBT ms | target | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in results:
        goal = target(row["page"])
        if row["score"] is None:
            lines.append(f"| {row['page']} | | failed | | | | {goal} | **not measured** |")
            continue
        verdict = "met" if row["score"] >= goal else "**not met**"
        lines.append(
            f"| {row['page']} | {row['bytes'] / 1000:.0f} | {row['score']:.2f} | "
            f"{row['first-contentful-paint'] / 1000:.1f} | {row['largest-contentful-paint'] / 1000:.1f} | "
            f"{row['total-blocking-time']:.0f} | {goal} | {verdict} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: export one to a scratch folder)")
    parser.add_argument("--pages", action="append", help="glob of pages to measure (default: all)")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--report", type=Path, help="also write the table as Markdown here")
    parser.add_argument("--from-json", type=Path, help="report scores measured before instead of measuring")
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text())
        return _report(results, args)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run(
                [str(ROOT / ".venv" / "bin" / "explainers"), "export", "--site", str(site)], check=True
            )
        results = measure(site.resolve(), args.pages or ["*"], lambda text: print(text, flush=True))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return _report(results, args)


def _report(results: list[dict], args) -> int:
    import datetime as dt
    import platform

    lines = table(results)
    print("\n".join(lines))
    if args.report:
        missed = [r["page"] for r in results if r["score"] is None or r["score"] < target(r["page"])]
        head = [
            "# Page speed: Lighthouse 12.2.3, mobile profile, pages served on loopback",
            "",
            f"Written by `python benchmarks/lighthouse.py --report` on {dt.date.today().isoformat()}, "
            f"{platform.machine()}, {os.cpu_count()} cores. Scores vary with the machine and are never",
            "asserted; the page sizes behind them are asserted in tests/site/test_site_sizes.py.",
            "",
            f"{len(results) - len(missed)} of {len(results)} pages meet their target"
            + (f"; not met: {', '.join(missed)}." if missed else "."),
            "",
        ]
        args.report.write_text("\n".join(head + lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
