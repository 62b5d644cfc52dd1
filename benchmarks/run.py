"""Measure the collection against its performance budget (issue 21) and write benchmarks/REPORT.md.

Run with ``make benchmark`` (about 10-15 minutes on two cores: three cold builds, the tests in
both tiers, a fresh install and Lighthouse on every page). Each run saves its measurements to
``benchmarks/results/<date-time>.json``; the report shows the latest two runs side by side, so
running it twice gives the two runs the issue asks for. Times are reported, never asserted (they
depend on the machine, and on whatever else it is doing: each build records the load average
before and after, and the report says when the machine was not quiet); sizes are deterministic
and the tests assert their budgets.

What it measures, each in a scratch copy of the project so the real site, figures and cache are
untouched:

- build: a cold build (empty build cache *and* empty disk cache of derived results) with 2 jobs,
  twice, and with 1 job, then a rebuild with nothing changed; wall seconds, CPU seconds of the
  build and its kernels, load average before and after;
- per notebook: execution seconds, page-rendering seconds and peak kernel memory (the build's
  own records) from each cold 2-job build, and the same code run as a plain Python script;
- tests: ``make test`` (everything) and the fast tier, with the environment installed;
- a fresh install's time and size (the Makefile's own recipe into a scratch venv) and its largest packages;
- the size of every page in every edition, the site total, and every committed notebook;
- Lighthouse performance (mobile profile) of every page served on loopback (benchmarks/lighthouse.py).

Options: ``--skip-install``, ``--skip-tests``, ``--skip-lighthouse`` and ``--skip-scripts`` leave
out measurements (the report then says so); ``--report PATH`` writes elsewhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1e6

#: The targets of the performance issue, on a 2-core machine with all seven notebooks.
TARGETS = {
    "cold_build_2_jobs_s": 35.0,
    "noop_rebuild_s": 1.0,
    "notebook_s": 15.0,
    "notebook_peak_mb": 1500.0,
    "page_mb": 3.0,
    "page_with_3d_view_mb": 5.0,
    "site_mb": 30.0,
    "stored_notebook_mb": 3.0,
    "venv_mb": 1200.0,
    "fresh_install_s": 60.0,
    "test_command_s": 90.0,
    "test_fast_s": 30.0,
}

RESULTS = ROOT / "benchmarks" / "results"
"""One JSON file per run; the report shows the latest two."""

QUIET_SHARE = 0.2
"""Cores' worth of other processes' CPU during a build above which the machine is reported busy."""

#: The two test tiers, as the Makefile runs them (the fast tier falls back to the marker when the
#: Makefile has no ``test-fast`` target).
TEST_TIERS = {"make test (everything)": ["make", "--no-print-directory", "test"], "fast tier": None}


def _scratch_project(tmp: Path) -> tuple[Path, dict[str, str]]:
    project = tmp / "project"
    project.mkdir()
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    env = dict(
        os.environ,
        EXPLAINERS_ROOT=str(project),
        EXPLAINERS_DATA_DIR=str(ROOT / "data"),
        EXPLAINERS_CACHE_DIR=str(project / ".cache"),
    )
    return project, env


def _timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all processes, from /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _build(env: dict[str, str], *args: str) -> dict:
    """One build: wall and CPU seconds (the build and every kernel it started), and what else ran.

    ``other_cpu_seconds`` is the CPU time the rest of the machine used during the build (busy
    time of every CPU minus the build's own): near zero on a quiet machine.
    """
    import resource

    before, busy_before = resource.getrusage(resource.RUSAGE_CHILDREN), _machine_busy_seconds()
    load_before = _load()
    seconds = _timed([sys.executable, "-m", "explainers.build.cli", "build", "--no-progress", *args], env=env)
    after, busy_after = resource.getrusage(resource.RUSAGE_CHILDREN), _machine_busy_seconds()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "other_cpu_seconds": max(0.0, busy_after - busy_before - cpu),
        "load_before": load_before,
        "load_after": _load(),
    }


def _build_records(project: Path) -> dict[str, dict]:
    """Per-notebook seconds and peak MB as the build recorded them (newest record per notebook)."""
    records: dict[str, dict] = {}
    for path in sorted((project / ".cache" / "build").rglob("result.json"), key=lambda p: p.stat().st_mtime):
        result = json.loads(path.read_text())
        records[path.parent.parent.name] = result
    return records


def measure_builds(say) -> dict:
    """Cold builds (2 jobs twice, then 1 job), a no-op rebuild, and the per-notebook records.

    Each cold build starts from an empty scratch project cache: the build cache and the disk
    cache of derived results (``explainers.core.memory``) both live under ``EXPLAINERS_CACHE_DIR``.
    """
    out: dict = {"cold_2": [], "records": []}
    for jobs in (2, 2, 1):
        with tempfile.TemporaryDirectory() as tmp:
            project, env = _scratch_project(Path(tmp))
            build = _build(env, "--jobs", str(jobs))
            say(
                f"cold build, {jobs} job(s): {build['seconds']:.1f} s wall, "
                f"{build['cpu_seconds']:.0f} s CPU, "
                f"load {build['load_before']:.1f} -> {build['load_after']:.1f}"
            )
            if jobs == 1:
                out["cold_1"] = build
                continue
            out["cold_2"].append(build)
            out["records"].append(_build_records(project))
            if "noop" not in out:
                out["noop"] = _build(env, "--jobs", "2")
                say(f"no-op rebuild: {out['noop']['seconds']:.2f} s")
                out["pages"] = {
                    p.relative_to(project / "site").as_posix(): p.stat().st_size
                    for p in sorted((project / "site").rglob("*"))
                    if p.is_file()
                }
    return out


def measure_script_times(say) -> dict[str, float]:
    """Each notebook's code run as a plain Python script (no kernel), in seconds."""
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        project, env = _scratch_project(tmp_path)
        env = dict(env, MPLBACKEND="Agg", PYTHONHASHSEED="0")
        for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            script = tmp_path / f"{notebook.stem}.py"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "nbconvert",
                    "--to",
                    "script",
                    "--log-level",
                    "ERROR",
                    "--output-dir",
                    str(tmp_path),
                    str(notebook),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            try:
                times[notebook.stem] = _timed(
                    [sys.executable, str(script)], env=env, cwd=project / "notebooks"
                )
            except subprocess.CalledProcessError:
                times[notebook.stem] = float("nan")
            say(f"as a plain script: {notebook.stem}: {times[notebook.stem]:.1f} s")
    return times


def measure_tests(say) -> dict[str, float]:
    """Wall seconds of each test tier (:data:`TEST_TIERS`), with the environment installed."""
    out = {}
    makefile = (ROOT / "Makefile").read_text()
    for tier, command in TEST_TIERS.items():
        if command is None:
            command = (
                ["make", "--no-print-directory", "test-fast"]
                if "\ntest-fast:" in makefile
                else [sys.executable, "-m", "pytest", "-q", "-m", "not slow"]
            )
        try:
            out[tier] = _timed(command, cwd=ROOT)
        except subprocess.CalledProcessError:
            out[tier] = float("nan")
            say(f"tests, {tier}: FAILED ({' '.join(command)})")
            continue
        say(f"tests, {tier}: {out[tier]:.1f} s")
    return out


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / MB


def _top_packages(venv: Path, count: int = 15) -> list[tuple[str, float]]:
    """The largest distributions of ``venv`` by their installed files (RECORD), bytecode excluded."""
    sizes = []
    for record in (venv / "lib").glob("python3*/site-packages/*.dist-info/RECORD"):
        site = record.parent.parent
        total = 0
        for line in record.read_text(encoding="utf-8").splitlines():
            name = line.split(",", 1)[0]
            path = (site / name).resolve()
            if "__pycache__" not in name and path.is_file():
                total += path.stat().st_size
        sizes.append((record.parent.name.split("-", 1)[0], total / MB))
    return sorted(sizes, key=lambda item: -item[1])[:count]


def measure_fresh_install(say) -> tuple[float, float, list]:
    """Time and size of a new venv installed by the Makefile's own recipe, into a scratch folder.

    The installer's cache (uv's, or pip's) is left as it is: on a machine that installed before,
    that is the warm-cache figure; on a new machine the cold one.
    """
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run(
            ["make", "-s", f"VENV={venv}", str(venv / ".installed")],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
        size = _folder_mb(venv)
        top = _top_packages(venv)
    say(f"fresh install: {seconds:.0f} s, {size:.0f} MB")
    return seconds, size, top


def measure_lighthouse(say) -> list[dict]:
    """Lighthouse scores of every page of a site exported into a scratch folder."""
    import lighthouse

    say("lighthouse: every page, mobile profile")
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        explainers = str(ROOT / ".venv" / "bin" / "explainers")
        subprocess.run([explainers, "export", "--site", str(site)], check=True)
        return lighthouse.measure(site, ["*"], say)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def _verdict(value: float, limit: float, higher_is_better: bool = False) -> str:
    if value is None or value != value:  # NaN: not measured
        return "not measured"
    if higher_is_better:
        return "met" if value >= limit else f"**not met** (-{limit - value:.3g})"
    return "met" if value <= limit else f"**not met** (+{value - limit:.3g})"


def _page_limit(name: str) -> float:
    # Only a page that carries an interactive 3-D view may use the larger budget; none does today.
    return TARGETS["page_mb"]


def _fmt(value, spec: str, unit: str = "") -> str:
    if value is None or value != value:
        return "–"
    return f"{value:{spec}}{unit}"


def _quiet(build: dict) -> str:
    other = build.get("other_cpu_seconds", float("nan"))
    share = other / build["seconds"] if build["seconds"] else float("nan")
    word = "quiet" if share <= QUIET_SHARE else "**busy**"
    return (
        f"{word}: others used {other:.0f} CPU s ({share:.1f} cores), load before {build['load_before']:.1f}"
    )


class _Report:
    """Collects the report's lines and every missed target (name, values, target, by how much)."""

    def __init__(self, runs: list[dict]):
        self.runs, self.lines, self.missed = runs, [], []

    def row(self, label: str, values: list, limit: float | None, unit: str, spec: str, higher=False) -> None:
        shown = [_fmt(v, spec, f" {unit}" if unit else "") for v in values]
        if limit is None:
            self.lines.append(f"| {label} | {' | '.join(shown)} | – | |")
            return
        verdicts = [_verdict(v, limit, higher) for v in values]
        if all(verdict == "not measured" for verdict in verdicts):
            self.lines.append(f"| {label} | {' | '.join(shown)} | {limit:g} {unit} | not measured |")
            return
        bad = [v for v, verdict in zip(values, verdicts, strict=True) if "not met" in verdict]
        if bad:
            worst = min(bad) if higher else max(bad)
            by = (limit - worst) if higher else (worst - limit)
            self.missed.append(
                f"{label}: {', '.join(shown)} against {limit:g} {unit} (worst by {by:.3g} {unit})"
            )
        verdict = (
            "met" if not bad else ("**not met**" if len(bad) == len(values) else "**not met in one run**")
        )
        self.lines.append(f"| {label} | {' | '.join(shown)} | {limit:g} {unit} | {verdict} |")


def write_report(path: Path, runs: list[dict]) -> str:
    """Render the Markdown report of the latest runs (oldest first) to ``path`` and return it."""
    t = TARGETS
    r = _Report(runs)
    heads = " | ".join(f"run {i + 1}" for i in range(len(runs)))
    rule = "|".join(["---"] + ["---:"] * len(runs) + ["---:", "---"])
    lines = r.lines
    lines += [
        "# Benchmark report",
        "",
        "Measured by `make benchmark` (benchmarks/run.py; about 10-15 minutes per run on two cores).",
        "Each run is saved in `benchmarks/results/`; this report shows the latest two.",
        "",
    ]
    for i, run in enumerate(runs):
        minutes = run.get("benchmark_seconds", 0) / 60
        lines.append(f"- **run {i + 1}:** {run['date']}, {run['machine']}; took {minutes:.0f} min.")
    lines += [
        "",
        "Times vary from run to run and machine to machine, and with whatever else the machine is",
        "doing: each build records the CPU time other processes used meanwhile (from /proc/stat); above",
        f"{QUIET_SHARE:g} of a core on average it is marked busy.",
        "They are reported, never asserted. Sizes are deterministic and the tests assert their budgets.",
        "",
        "## Build",
        "",
        "Cold = empty build cache and empty disk cache of derived results, in a scratch copy of the project.",
        "",
        f"| measurement | {heads} | target | |",
        f"|{rule}|",
    ]
    builds = [run["builds"] for run in runs]
    for k in range(2):
        r.row(
            f"cold build, 2 jobs ({'first' if k == 0 else 'second'})",
            [b["cold_2"][k]["seconds"] if len(b["cold_2"]) > k else None for b in builds],
            t["cold_build_2_jobs_s"],
            "s",
            ".1f",
        )
        lines.append(
            "| ... CPU seconds (build and kernels); machine | "
            + " | ".join(
                f"{b['cold_2'][k]['cpu_seconds']:.0f} s; {_quiet(b['cold_2'][k])}"
                if len(b["cold_2"]) > k
                else "–"
                for b in builds
            )
            + " | | |"
        )
    r.row("cold build, 1 job", [b["cold_1"]["seconds"] for b in builds], None, "s", ".1f")
    r.row("rebuild, nothing changed", [b["noop"]["seconds"] for b in builds], t["noop_rebuild_s"], "s", ".2f")
    lines += [
        "",
        "## Notebooks",
        "",
        "From the build's own records of each cold 2-job build (seconds executing in a kernel / seconds",
        "rendering its pages in the same worker, right after; peak RSS of the kernel), and the same code run",
        "as a plain Python script (no kernel, warm disk cache) in the latest run.",
        "",
        "| notebook | execute s (each cold 2-job build, oldest first) | pages s | peak MB "
        "| as script s | stored MB | targets |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    latest = runs[-1]
    stems = sorted({stem for b in builds for records in b["records"] for stem in records})
    for stem in stems:
        recs = [records[stem] for b in builds for records in b["records"] if stem in records]
        seconds = [rec.get("seconds", float("nan")) for rec in recs]
        pages = [rec.get("pages_seconds") or 0.0 for rec in recs]
        peak = max((rec.get("peak_mb") or float("nan")) for rec in recs)
        script = (latest.get("scripts") or {}).get(stem, float("nan"))
        stored = (ROOT / "notebooks" / f"{stem}.ipynb").stat().st_size / MB
        ok = (
            max(seconds) <= t["notebook_s"]
            and peak <= t["notebook_peak_mb"]
            and stored <= t["stored_notebook_mb"]
        )
        runs_s, pages_s = " / ".join(f"{x:.1f}" for x in seconds), " / ".join(f"{x:.1f}" for x in pages)
        if not ok:
            r.missed.append(
                f"notebook {stem}: {runs_s} s, {peak:.0f} MB peak, {stored:.2f} MB stored, against "
                f"{t['notebook_s']:g} s, {t['notebook_peak_mb']:g} MB and {t['stored_notebook_mb']:g} MB"
            )
        lines.append(
            f"| {stem} | {runs_s} | {pages_s} | {peak:.0f} | {_fmt(script, '.1f')} | {stored:.2f} | "
            f"{'met' if ok else '**not met**'} |"
        )
    lines += [
        "",
        f"Targets: each notebook within {t['notebook_s']:.0f} s and {t['notebook_peak_mb']:.0f} MB, "
        f"each stored notebook within {t['stored_notebook_mb']:.0f} MB.",
        "",
        "## Tests and install",
        "",
        f"| measurement | {heads} | target | |",
        f"|{rule}|",
    ]
    tiers = [run.get("tests") or {} for run in runs]
    limits = {"make test (everything)": t["test_command_s"], "fast tier": t["test_fast_s"]}
    for tier, limit in limits.items():
        r.row(f"tests: {tier}", [x.get(tier) for x in tiers], limit, "s", ".0f")
    installs = [run.get("install") or (None, None) for run in runs]
    installed = [x[0] for x in installs]
    r.row("fresh install (`make .venv/.installed`)", installed, t["fresh_install_s"], "s", ".0f")
    r.row("virtual environment size", [x[1] for x in installs], t["venv_mb"], "MB", ".0f")
    top = (latest.get("install") or [None, None, None])[2:]
    if top and top[0]:
        lines += ["", "Largest installed packages in the latest run (MB, bytecode excluded):", ""]
        lines += [f"- {name} {mb:.0f}" for name, mb in top[0]]
    pages = latest["builds"]["pages"]
    html = {name: size for name, size in pages.items() if name.endswith(".html") and "/" not in name}
    lines += ["", "## Page sizes (latest run)", "", "| page | MB | target | |", "|---|---:|---:|---|"]
    for name, size in sorted(html.items()):
        limit = _page_limit(name)
        verdict = _verdict(size / MB, limit)
        if "not met" in verdict:
            r.missed.append(f"page {name}: {size / MB:.2f} MB against {limit:g} MB")
        lines.append(f"| {name} | {size / MB:.2f} | {limit:g} MB | {verdict} |")
    total = sum(pages.values()) / MB
    if total > t["site_mb"]:
        r.missed.append(f"site total: {total:.1f} MB against {t['site_mb']:g} MB")
    lines += [
        "",
        f"Site total (every file the build writes into site/): {total:.1f} MB; target {t['site_mb']:.0f} MB: "
        f"{_verdict(total, t['site_mb'])}.",
        "",
        "## Page speed (Lighthouse 12.2.3, mobile profile, served on loopback)",
        "",
    ]
    scores = [{row["page"]: row for row in (run.get("lighthouse") or [])} for run in runs]
    if any(scores):
        import lighthouse

        lines += [
            "Performance score per page in each run; targets 0.9 (0.8 for the full editions with code).",
            "",
            f"| page | {heads} | target | |",
            f"|{rule}|",
        ]
        for page in sorted({p for s in scores for p in s}):
            values = [(s.get(page) or {}).get("score") for s in scores]
            r.row(page, values, lighthouse.target(page), "", ".2f", higher=True)
    else:
        lines.append("Not measured in these runs (--skip-lighthouse).")
    notes = [note for run in runs for note in run.get("notes") or []]
    if notes:
        lines += ["", "## Notes", "", *[f"- {note}" for note in notes]]
    lines += ["", "## Targets missed in these runs, and by how much", ""]
    lines += [f"- {miss}" for miss in r.missed] or ["None."]
    # Why a target is missed is a judgement, not a measurement: it lives in a file people edit.
    why = ROOT / "benchmarks" / "why-not-met.md"
    if why.exists() and r.missed:
        lines += ["", "## Why", "", why.read_text().strip()]
    text = "\n".join(lines) + "\n"
    path.write_text(text)
    return text


def latest_runs(count: int = 2) -> list[dict]:
    """The newest ``count`` saved runs, oldest first."""
    files = sorted(RESULTS.glob("*.json"))[-count:]
    return [json.loads(f.read_text()) for f in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-install", action="store_true", help="do not time a fresh install")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test tiers")
    parser.add_argument("--skip-scripts", action="store_true", help="do not time the notebooks as scripts")
    parser.add_argument(
        "--skip-lighthouse", action="store_true", help="do not score the pages with Lighthouse"
    )
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "REPORT.md")
    parser.add_argument("--note", action="append", default=[], help="a line added to the report's notes")
    parser.add_argument(
        "--report-only", action="store_true", help="measure nothing: write the report from the saved runs"
    )
    args = parser.parse_args(argv)

    def say(text: str) -> None:
        print(text, flush=True)

    if not args.report_only:
        start = time.perf_counter()
        now = dt.datetime.now()
        results: dict = {"date": now.isoformat(timespec="minutes"), "machine": _machine(), "notes": args.note}
        say(f"machine: {results['machine']}")
        results["builds"] = measure_builds(say)
        results["scripts"] = None if args.skip_scripts else measure_script_times(say)
        results["tests"] = None if args.skip_tests else measure_tests(say)
        results["install"] = None if args.skip_install else measure_fresh_install(say)
        results["lighthouse"] = None if args.skip_lighthouse else measure_lighthouse(say)
        results["benchmark_seconds"] = time.perf_counter() - start
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{now:%Y%m%dT%H%M%S}.json").write_text(json.dumps(results, indent=1) + "\n")
    runs = latest_runs()
    if not runs:
        parser.error(f"no saved runs in {RESULTS}: run without --report-only first")
    print()
    print(write_report(args.report, runs))
    print(f"written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
