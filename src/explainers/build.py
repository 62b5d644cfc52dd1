"""Execute the notebooks, collect their figures and export the site.

``explainers build`` never rewrites a source notebook. For each notebook it

1. hashes the notebook's cells together with everything its output can depend on (the
   helper package, the templates, ``data/`` and the dependency lock): a notebook whose
   hash has a cache entry is not executed again;
2. otherwise executes a copy in a fresh kernel (offline, Agg backend, fixed hash seed),
   with ``EXPLAINERS_FIGURES_DIR`` pointing into a new cache entry, and records seconds
   and the kernel's peak memory;
3. when *every* selected notebook succeeded, assembles a new site and a new ``figures/``
   in staging folders and swaps them in; if any failed, the previous site and figures stay
   exactly as they were and the command exits non-zero naming notebook, cell and error.

``explainers execute --inplace`` is the explicit way to refresh the outputs stored in the
source notebooks (which nbval compares): it drops volatile metadata and keeps cell tags.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from . import paths

CELL_TIMEOUT_SECONDS = 600
BUILD_STAMP = ".build.json"
_PEAK_PROBE = "import resource as _r; print(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"


class BuildError(Exception):
    """A build or execute request that cannot be carried out (bad name, duplicate figure id...)."""


@dataclass
class Result:
    """What happened to one notebook in a build."""

    stem: str
    status: str  # "built", "cached", "executed" or "FAILED"
    seconds: float = 0.0
    peak_mb: float | None = None
    message: str = ""
    entry: Path | None = None
    figures: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- discovery


def discover(notebooks: Path | None = None) -> list[Path]:
    """Return the source notebooks, sorted by name.

    Parameters
    ----------
    notebooks : pathlib.Path, optional
        Folder to search; defaults to :func:`explainers.paths.notebooks_dir`.

    Returns
    -------
    list of pathlib.Path
    """
    folder = notebooks or paths.notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def select(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """Pick the notebooks named by ``--only`` (full stem or its leading number).

    Parameters
    ----------
    notebooks : list of pathlib.Path
    only : list of str or None
        Names such as ``"01"`` or ``"01_baliki2008"``; ``None`` selects all.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    BuildError
        If a name matches no notebook; the message lists the valid names.
    """
    if not only:
        return notebooks
    chosen = []
    for name in only:
        key = Path(name).stem
        matches = [p for p in notebooks if p.stem == key or p.stem.split("_", 1)[0] == key]
        if not matches:
            valid = ", ".join(p.stem for p in notebooks) or "(no notebooks found)"
            raise BuildError(f"no notebook called {name!r}; valid names: {valid}")
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen)


# --------------------------------------------------------------------------- hashing


def _hash_files(digest, root: Path, files) -> None:
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(file.read_bytes())


def environment_fingerprint(root: Path | None = None) -> str:
    """Hash everything besides a notebook's own cells that its outputs can depend on.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root; defaults to :func:`explainers.paths.project_root`.

    Returns
    -------
    str
        Hex sha256 over the helper package, its templates, ``data/``, the lock file and
        the Python version.
    """
    root = root or paths.project_root()
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.encode())
    _hash_files(digest, package.parent, [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts])
    data = paths.data_dir()
    if data.exists():
        _hash_files(digest, data.parent, [p for p in data.rglob("*") if p.is_file()])
    lock = root / "requirements" / "lock.txt"
    if lock.exists():
        digest.update(lock.read_bytes())
    return digest.hexdigest()


def notebook_hash(path: Path, fingerprint: str) -> str:
    """Hash a notebook's cells (type, source, tags; not outputs) with the fingerprint.

    Parameters
    ----------
    path : pathlib.Path
    fingerprint : str
        From :func:`environment_fingerprint`.

    Returns
    -------
    str
        The first 16 hex digits of the sha256.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [c["cell_type"], "".join(c.get("source", "")), sorted(c.get("metadata", {}).get("tags", []))] for c in nb["cells"]
    ]
    payload = json.dumps([path.name, nb.get("metadata", {}).get("explainers", {}), cells, fingerprint], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- execution


def kernel_environment(figures_dir: Path | None, stem: str) -> dict[str, str]:
    """Return the environment a notebook kernel runs in: offline, Agg, fixed hash seed.

    Parameters
    ----------
    figures_dir : pathlib.Path or None
        Where :func:`explainers.style.show_figure` saves figures; ``None`` saves nothing.
    stem : str
        Notebook stem, recorded in each figure's metadata.

    Returns
    -------
    dict
    """
    from . import offline

    env = offline.kernel_env()
    env.update({"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "EXPLAINERS_NOTEBOOK": stem, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    env.pop("EXPLAINERS_FIGURES_DIR", None)
    if figures_dir is not None:
        env["EXPLAINERS_FIGURES_DIR"] = str(figures_dir)
    return env


def _describe_failure(nb, cell_index: int | None, exc: BaseException) -> str:
    if cell_index is None:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    cell = nb.cells[cell_index]
    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
    what = f"{error['ename']}: {error['evalue']}" if error else f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {cell_index + 1} (`{first_line[:60]}`) raised {what}"


def clean_volatile_metadata(nb) -> None:
    """Drop metadata that changes on every run (timings) while keeping tags.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Modified in place.
    """
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("papermill", None)


def execute_notebook(path: Path, figures_dir: Path | None, timeout: int = CELL_TIMEOUT_SECONDS) -> dict:
    """Execute a copy of a notebook in a fresh kernel.

    Parameters
    ----------
    path : pathlib.Path
        Source notebook (read, never written).
    figures_dir : pathlib.Path or None
        Passed to the kernel as ``EXPLAINERS_FIGURES_DIR``.
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    dict
        ``ok`` (bool), ``nb`` (the executed notebook, when ok), ``seconds``, ``peak_mb``
        and ``message`` (which cell failed and how).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_PEAK_PROBE))
    env = kernel_environment(figures_dir, path.stem)
    current = {"index": None}

    def remember(cell, cell_index, **_):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        on_cell_execute=remember,
        # The kernel's own log (e.g. its note about TCP on loopback) is not the reader's business.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    start = time.perf_counter()
    try:
        client.execute(env=env)
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        index = current["index"]
        if index is not None and index == len(nb.cells) - 1:
            index = None
        return {"ok": False, "seconds": time.perf_counter() - start, "peak_mb": None, "message": _describe_failure(nb, index, exc)}
    seconds = time.perf_counter() - start
    probe = nb.cells.pop()
    peak_kb = next((o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"), "").strip()
    clean_volatile_metadata(nb)
    return {"ok": True, "nb": nb, "seconds": seconds, "peak_mb": int(peak_kb) / 1024 if peak_kb.isdigit() else None, "message": ""}


def _build_worker(path: str, entry: str, timeout: int) -> dict:
    """Execute one notebook into a new cache entry (runs in a worker process)."""
    import nbformat

    entry_path = Path(entry)
    staging = entry_path.with_name(entry_path.name + f".tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "figures").mkdir(parents=True)
    outcome = execute_notebook(Path(path), staging / "figures", timeout)
    if not outcome["ok"]:
        shutil.rmtree(staging, ignore_errors=True)
        return {k: v for k, v in outcome.items() if k != "nb"}
    nbformat.write(outcome.pop("nb"), staging / "executed.ipynb")
    (staging / "result.json").write_text(json.dumps({"seconds": outcome["seconds"], "peak_mb": outcome["peak_mb"]}), encoding="utf-8")
    shutil.rmtree(entry_path, ignore_errors=True)
    staging.rename(entry_path)
    return outcome


# --------------------------------------------------------------------------- assembly


def _read_stamp(folder: Path) -> dict:
    try:
        return json.loads((folder / BUILD_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _figure_records(folder: Path) -> list[dict]:
    records = []
    for sidecar in sorted(folder.glob("*.json")):
        if sidecar.name == BUILD_STAMP:
            continue
        try:
            records.append(json.loads(sidecar.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return records


def _swap_in(staging: Path, target: Path) -> None:
    previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def write_gallery(records: list[dict], folder: Path) -> Path:
    """Write ``figures/README.md``: every figure with its caption, alt text, source and licence.

    Parameters
    ----------
    records : list of dict
        Figure sidecar records (see :class:`explainers.style.FigureRecord`).
    folder : pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    lines = [
        "# Figure gallery",
        "",
        "Every figure of the collection, written by `explainers build` (do not edit by hand).",
        "Each is a PNG (and an SVG) with a caption for readers, alt text for screen readers, its data source",
        "and its licence. Figures marked SIMULATED show made-up signals, labelled as such.",
        "",
    ]
    for record in records:
        lines += [
            f"## {record['figure_id']}: {record['title']}",
            "",
            f"![{record['alt']}]({record['figure_id']}.png)",
            "",
            record["caption"],
            "",
            f"- Alt text: {record['alt']}",
            f"- Source: {record['source']}",
            f"- Licence: {record['licence']}",
            f"- Notebook: `notebooks/{record['notebook']}.ipynb`" + (" · SIMULATED" if record.get("simulated") else ""),
            f"- Files: {', '.join(f'[{name}]({name})' for name in record.get('files', []))}",
            "",
        ]
    target = folder / "README.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def _print_table(results: list[Result], stream=None) -> None:
    stream = stream or sys.stdout
    header = ("notebook", "seconds", "peak MB", "status")
    rows = [
        (r.stem, f"{r.seconds:.1f}", f"{r.peak_mb:.0f}" if r.peak_mb else "-", r.status) for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(line.format(*header), file=stream)
    print(line.format(*("-" * w for w in widths)), file=stream)
    for row in rows:
        print(line.format(*row), file=stream)


def _assemble(all_notebooks: list[Path], results: dict[str, Result], hashes: dict[str, str]) -> None:
    import nbformat

    from . import export

    site, figures = paths.site_dir(), paths.figures_dir()
    old_site_stamp = _read_stamp(site)
    site_staging = site.with_name(f".{site.name}.staging-{os.getpid()}")
    fig_staging = figures.with_name(f".{figures.name}.staging-{os.getpid()}")
    for folder in (site_staging, fig_staging):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    old_records = {r["figure_id"]: r for r in _figure_records(figures)} if figures.exists() else {}
    entries, records, stamp = [], [], {"notebooks": {}}
    try:
        for path in all_notebooks:
            stem = path.stem
            result = results.get(stem)
            if result is not None and result.entry is not None:
                source_figs = result.entry / "figures"
                nb = nbformat.read(result.entry / "executed.ipynb", as_version=4)
                stamp["notebooks"][stem] = hashes[stem]
                same_pages = old_site_stamp.get("notebooks", {}).get(stem) == hashes[stem] and old_site_stamp.get("editions") == list(export.EDITION_NAMES)
                if same_pages and all((site / e.filename(stem)).exists() for e in export.EDITIONS):
                    for edition in export.EDITIONS:
                        shutil.copy2(site / edition.filename(stem), site_staging / edition.filename(stem))
                else:
                    export.export_notebook(nb, stem, site_staging)
                nb_records = _figure_records(source_figs)
            else:
                # Not selected with --only: keep what the previous build made for it.
                if stem in old_site_stamp.get("notebooks", {}):
                    stamp["notebooks"][stem] = old_site_stamp["notebooks"][stem]
                for edition in export.EDITIONS:
                    if (site / edition.filename(stem)).exists():
                        shutil.copy2(site / edition.filename(stem), site_staging / edition.filename(stem))
                nb = nbformat.read(path, as_version=4)
                source_figs = figures
                nb_records = [r for r in old_records.values() if r.get("notebook") == stem]
            for record in nb_records:
                if any(r["figure_id"] == record["figure_id"] for r in records):
                    raise BuildError(f"figure id {record['figure_id']!r} is used by more than one notebook ({stem} and another)")
                for name in record.get("files", []) + [f"{record['figure_id']}.json"]:
                    if (source_figs / name).exists():
                        shutil.copy2(source_figs / name, fig_staging / name)
                records.append(record)
            meta = nb.metadata.get("explainers", {})
            entries.append(
                {
                    "stem": stem,
                    "title": export.notebook_title(nb),
                    "summary": meta.get("summary", ""),
                    "minutes": meta.get("minutes"),
                    "figures": len(nb_records),
                }
            )
        export.write_index(entries, site_staging)
        write_gallery(records, fig_staging)
        stamp["editions"] = list(export.EDITION_NAMES)
        (site_staging / BUILD_STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True), encoding="utf-8")
    except BaseException:
        shutil.rmtree(site_staging, ignore_errors=True)
        shutil.rmtree(fig_staging, ignore_errors=True)
        raise
    _swap_in(fig_staging, figures)
    _swap_in(site_staging, site)


def _prune_cache(cache: Path, stem: str, keep: str) -> None:
    for entry in (cache / stem).glob("*"):
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)


def build(jobs: int = 1, only: list[str] | None = None, force: bool = False, progress: bool = True) -> int:
    """Execute (or take from cache) the notebooks, then export the site and figures.

    Parameters
    ----------
    jobs : int
        Notebooks executed in parallel.
    only : list of str, optional
        Build only these notebooks (see :func:`select`).
    force : bool
        Execute even when a cache entry exists.
    progress : bool
        Draw a progress bar on standard error.

    Returns
    -------
    int
        0 when every notebook built and the site was replaced; 1 when any notebook
        failed (the previous site and figures are left untouched).
    """
    all_notebooks = discover()
    if not all_notebooks:
        raise BuildError(f"no notebooks found in {paths.notebooks_dir()}")
    chosen = select(all_notebooks, only)
    fingerprint = environment_fingerprint()
    hashes = {p.stem: notebook_hash(p, fingerprint) for p in all_notebooks}
    cache = paths.cache_dir("build")
    site_stamp = _read_stamp(paths.site_dir())

    results: dict[str, Result] = {}
    to_run = []
    for path in chosen:
        entry = cache / path.stem / hashes[path.stem]
        if not force and (entry / "executed.ipynb").exists():
            timing = json.loads((entry / "result.json").read_text(encoding="utf-8"))
            results[path.stem] = Result(path.stem, "cached", timing["seconds"], timing["peak_mb"], entry=entry)
        else:
            to_run.append((path, entry))

    unchanged = (
        not to_run
        and only is None
        and site_stamp.get("notebooks") == hashes
        and paths.figures_dir().joinpath("README.md").exists()
    )
    if unchanged:
        _print_table([results[p.stem] for p in chosen])
        print(f"Everything is up to date: {paths.site_dir()}")
        return 0

    if to_run:
        from tqdm import tqdm

        bar = tqdm(total=len(to_run), desc="executing notebooks", unit="nb", disable=not progress, file=sys.stderr)
        with ProcessPoolExecutor(max_workers=min(jobs, len(to_run)), mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_build_worker, str(p), str(e), CELL_TIMEOUT_SECONDS): (p, e) for p, e in to_run}
            for future in as_completed(futures):
                path, entry = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker is one failed notebook
                    outcome = {"ok": False, "seconds": 0.0, "peak_mb": None, "message": f"worker crashed: {exc}"}
                if outcome["ok"]:
                    results[path.stem] = Result(path.stem, "built", outcome["seconds"], outcome["peak_mb"], entry=entry)
                    _prune_cache(cache, path.stem, entry.name)
                else:
                    results[path.stem] = Result(path.stem, "FAILED", outcome["seconds"], None, outcome["message"])
                bar.set_postfix_str(path.stem)
                bar.update()
        bar.close()

    ordered = [results[p.stem] for p in chosen]
    failures = [r for r in ordered if r.status == "FAILED"]
    _print_table(ordered)
    if failures:
        for failure in failures:
            print(f"FAILED notebooks/{failure.stem}.ipynb: {failure.message}", file=sys.stderr)
        print(f"{len(failures)} notebook(s) failed; the previous site and figures were left untouched.", file=sys.stderr)
        return 1
    _assemble(all_notebooks, results, hashes)
    print(f"Site written to {paths.site_dir()} and figures to {paths.figures_dir()}")
    return 0


def execute_inplace(only: list[str] | None = None) -> int:
    """Refresh the stored outputs of the source notebooks.

    Parameters
    ----------
    only : list of str, optional
        Notebooks to execute (see :func:`select`); all by default.

    Returns
    -------
    int
        0 on success, 1 if any notebook failed (failed notebooks are not rewritten).
    """
    import nbformat

    chosen = select(discover(), only)
    results = []
    for path in chosen:
        outcome = execute_notebook(path, None)
        if outcome["ok"]:
            tmp = path.with_name(f".{path.name}.tmp")
            nbformat.write(outcome["nb"], tmp)
            tmp.replace(path)
            results.append(Result(path.stem, "executed", outcome["seconds"], outcome["peak_mb"]))
        else:
            results.append(Result(path.stem, "FAILED", outcome["seconds"], None, outcome["message"]))
    _print_table(results)
    failures = [r for r in results if r.status == "FAILED"]
    for failure in failures:
        print(f"FAILED notebooks/{failure.stem}.ipynb: {failure.message}", file=sys.stderr)
    return 1 if failures else 0
