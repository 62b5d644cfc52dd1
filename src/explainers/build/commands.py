"""``explainers build``: execute the notebooks (or take them from the cache) and publish the site.

``explainers build`` never rewrites a source notebook. It

1. hashes each notebook with everything its output can depend on (:mod:`explainers.build.cache`);
   a notebook whose hash has a cache entry is not executed again;
2. executes the others in fresh offline kernels (:mod:`explainers.build.runner`), in parallel with
   ``--jobs``, longest first (:func:`expected_seconds`), each worker rendering its notebook's
   site pages as soon as the notebook has run, while the others still execute;
3. notebooks that summarise the others' usage records (the start page, ``00``) are hashed with
   those records. They are executed *with the others*, from the records the last build left
   (the committed ``figures/``, or current cache entries), and the result is kept only if the
   records the other notebooks write now are the same (the hash says so, byte for byte);
   otherwise they are executed again afterwards, from the new records. So the start page does
   not run alone at the end unless another notebook changed what it uses;
4. when *every* selected notebook succeeded, assembles the site and ``figures/`` in staging
   folders and swaps them in (:mod:`explainers.site.assemble`), copying the pages the workers
   rendered; if any failed, the previous site and figures stay exactly as they were and the
   command exits non-zero naming notebook, cell and error. A closing table gives seconds, peak
   memory and status per notebook.

``explainers execute --inplace`` refreshes the outputs stored in the source notebooks (which
nbval compares); ``explainers export`` writes the site from those stored outputs without
executing anything.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from explainers.build import cache, runner, selection
from explainers.core import paths
from explainers.site import assemble, export, stamp

TYPICAL_SECONDS = {"00": 3, "01": 6, "02": 12, "03": 12, "04": 9, "05": 7, "06": 7}
"""Seconds each notebook took in a cold build (two jobs), by number: only their order matters. Used
to start the longest first when the cache holds no timing of a notebook (a cold build); a
notebook not listed counts as :data:`DEFAULT_SECONDS`."""
DEFAULT_SECONDS = 10.0


def expected_seconds(stem: str) -> float:
    """Return how long notebook ``stem`` is expected to take: its last recorded time, else typical.

    Parameters
    ----------
    stem : str

    Returns
    -------
    float
        Seconds from the newest cache entry's ``result.json`` of this notebook, else
        :data:`TYPICAL_SECONDS`, else :data:`DEFAULT_SECONDS`.
    """
    entries = sorted(
        (paths.cache_dir("build") / stem).glob("*/result.json"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for file in entries:
        timing = cache.cached_timing(file.parent)
        if timing and isinstance(timing.get("seconds"), int | float):
            return float(timing["seconds"])
    return float(TYPICAL_SECONDS.get(stem.split("_", 1)[0], DEFAULT_SECONDS))


def _plan(
    chosen: list[Path], hashes: dict[str, str], force: bool, results: dict[str, selection.Result]
) -> list[tuple[Path, Path]]:
    """Record cached notebooks in ``results``; return (notebook, new entry) pairs to execute."""
    to_run = []
    for path in chosen:
        entry = cache.entry(path.stem, hashes[path.stem])
        timing = None if force else cache.cached_timing(entry)
        if timing is not None:
            results[path.stem] = selection.Result(
                path.stem, "cached", timing["seconds"], timing["peak_mb"], entry=entry
            )
        else:
            to_run.append((path, entry))
    return to_run


def _neighbours(all_notebooks: list[Path]) -> dict[str, dict]:
    """Each notebook's previous and next notebook (stem and title), as its pages link to them."""
    import nbformat

    from explainers.core import notebooks

    titles = [
        (p.stem, notebooks.notebook_title(nbformat.reads(p.read_text(encoding="utf-8"), as_version=4)))
        for p in all_notebooks
    ]
    return {
        stem: {
            "previous": list(titles[i - 1]) if i > 0 else None,
            "next": list(titles[i + 1]) if i + 1 < len(titles) else None,
        }
        for i, (stem, _) in enumerate(titles)
    }


def _run(
    to_run,
    jobs: int,
    results: dict[str, selection.Result],
    progress: bool,
    inputs: dict[str, dict[str, Path]] | None = None,
    neighbours: dict[str, dict] | None = None,
) -> None:
    """Execute ``(notebook, entry)`` pairs, longest first, ``jobs`` at a time; record each outcome.

    ``inputs`` gives, by stem, the files a summarising notebook reads (see :func:`_summary_inputs`).
    """
    if not to_run:
        return
    from tqdm import tqdm

    inputs, neighbours = inputs or {}, neighbours or {}
    ordered = sorted(to_run, key=lambda pair: -expected_seconds(pair[0].stem))
    bar = tqdm(
        total=len(to_run), desc="executing notebooks", unit="nb", disable=not progress, file=sys.stderr
    )
    with ProcessPoolExecutor(max_workers=min(jobs, len(to_run)), mp_context=get_context("spawn")) as pool:
        futures = {}
        for p, e in ordered:  # the pool starts jobs in the order they are submitted
            seed = {name: str(file) for name, file in inputs.get(p.stem, {}).items()} or None
            future = pool.submit(
                runner.execute_into_entry,
                str(p),
                str(e),
                runner.CELL_TIMEOUT_SECONDS,
                seed,
                neighbours.get(p.stem),
            )
            futures[future] = (p, e)
        for future in as_completed(futures):
            path, entry = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker is one failed notebook
                outcome = {"ok": False, "seconds": 0.0, "peak_mb": None, "message": f"worker crashed: {exc}"}
            if outcome["ok"]:
                results[path.stem] = selection.Result(
                    path.stem, "built", outcome["seconds"], outcome["peak_mb"], entry=entry
                )
                cache.prune(path.stem, entry.name)
            else:
                results[path.stem] = selection.Result(
                    path.stem, "FAILED", outcome["seconds"], None, outcome["message"]
                )
            bar.set_postfix_str(path.stem)
            bar.update()
    bar.close()


def _summary_inputs(
    first: list[Path], hashes: dict[str, str], results: dict[str, selection.Result]
) -> dict[str, Path]:
    """The other notebooks' usage records and sidecars: from their current entries, else the last build."""
    inputs = {}
    for path in first:
        result = results.get(path.stem)
        entry = result.entry if result and result.entry else cache.entry(path.stem, hashes[path.stem])
        folder = entry / "figures" if cache.cached_timing(entry) is not None else paths.figures_dir()
        inputs.update(cache.summary_inputs(folder, path.stem))
    return inputs


def _rendered_pages(entry: Path, neighbours: dict | None) -> Path | None:
    """The pages a worker rendered into ``entry``, if they link to the same neighbours as now."""
    folder = entry / runner.PAGES
    try:
        recorded = json.loads((folder / runner.PAGES_CONTEXT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder if neighbours is not None and recorded == neighbours else None


def _sources(
    all_notebooks: list[Path],
    hashes: dict[str, str],
    results: dict[str, selection.Result],
    neighbours: dict[str, dict],
) -> list[assemble.Source]:
    import nbformat

    site = paths.site_dir()
    site_stamp = stamp.read_stamp(site)
    same_editions = site_stamp.get("editions") == list(export.EDITION_NAMES)
    sources = []
    for path in all_notebooks:
        stem = path.stem
        result = results.get(stem)
        entry = result.entry if result and result.entry else cache.entry(stem, hashes[stem])
        if cache.cached_timing(entry) is not None:
            current = same_editions and site_stamp.get("notebooks", {}).get(stem) == hashes[stem]
            nb = nbformat.read(entry / "executed.ipynb", as_version=4)
            pages = _rendered_pages(entry, neighbours.get(stem))
            sources.append(
                assemble.Source(
                    stem, nb, entry / "figures", hashes[stem], pages or (site if current else None)
                )
            )
        else:
            # Not selected with --only and never built at this hash: keep what the last build made.
            nb = nbformat.read(path, as_version=4)
            old = site_stamp.get("notebooks", {}).get(stem)
            sources.append(assemble.Source(stem, nb, paths.figures_dir(), old, site))
    return sources


def build(jobs: int = 1, only: list[str] | None = None, force: bool = False, progress: bool = True) -> int:
    """Execute (or take from cache) the notebooks, then export the site and figures.

    Parameters
    ----------
    jobs : int
        Notebooks executed in parallel.
    only : list of str, optional
        Build only these notebooks (see :func:`explainers.build.selection.select`).
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
    all_notebooks = selection.discover()
    if not all_notebooks:
        raise selection.BuildError(f"no notebooks found in {paths.notebooks_dir()}")
    chosen = selection.select(all_notebooks, only)
    fingerprint = cache.environment_fingerprint()
    first = [p for p in all_notebooks if not cache.reads_usage(p.stem)]
    last = [p for p in all_notebooks if cache.reads_usage(p.stem)]
    hashes = {p.stem: cache.notebook_hash(p, fingerprint) for p in first}
    neighbours = _neighbours(all_notebooks)
    results: dict[str, selection.Result] = {}

    # Summarising notebooks run with the others, on the records the last build left; their hash
    # covers those records, so the result stands only if the others write the same ones again.
    guessed = _summary_inputs(first, hashes, results)
    hashes.update({p.stem: cache.notebook_hash(p, fingerprint, guessed) for p in last})
    to_run = _plan([p for p in chosen if p in first], hashes, force, results)
    to_run_early = _plan([p for p in chosen if p in last], hashes, force, results)
    _run(
        to_run + to_run_early, jobs, results, progress, {p.stem: guessed for p, _ in to_run_early}, neighbours
    )

    inputs = _summary_inputs(first, hashes, results)
    early = {p.stem: hashes[p.stem] for p in last}
    hashes.update({p.stem: cache.notebook_hash(p, fingerprint, inputs) for p in last})
    for p in last:
        if hashes[p.stem] != early[p.stem]:
            results.pop(p.stem, None)  # the records changed: that run (or cache entry) is not current
    to_run_last = _plan([p for p in chosen if p in last and p.stem not in results], hashes, force, results)

    unchanged = (
        not to_run
        and not to_run_early
        and not to_run_last
        and only is None
        and stamp.read_stamp(paths.site_dir()).get("notebooks") == hashes
        and paths.figures_dir().joinpath("README.md").exists()
    )
    if unchanged:
        selection.print_table([results[p.stem] for p in chosen])
        print(f"Everything is up to date: {paths.site_dir()}")
        return 0
    _run(to_run_last, jobs, results, progress, {p.stem: inputs for p, _ in to_run_last}, neighbours)

    ordered = [results[p.stem] for p in chosen]
    failures = [r for r in ordered if r.status == "FAILED"]
    selection.print_table(ordered)
    if failures:
        for failure in failures:
            print(f"FAILED notebooks/{failure.stem}.ipynb: {failure.message}", file=sys.stderr)
        print(
            f"{len(failures)} notebook(s) failed; the previous site and figures were left untouched.",
            file=sys.stderr,
        )
        return 1
    try:
        assemble.assemble(
            _sources(all_notebooks, hashes, results, neighbours), paths.site_dir(), paths.figures_dir()
        )
    except assemble.AssemblyError as exc:
        raise selection.BuildError(str(exc)) from None
    print(f"Site written to {paths.site_dir()} and figures to {paths.figures_dir()}")
    return 0


def export_site(site: Path | None = None) -> Path:
    """Write the site from the outputs stored in the source notebooks, executing nothing.

    Figures, sidecars and usage records come from the committed ``figures/``, which is left
    untouched.

    Parameters
    ----------
    site : pathlib.Path, optional
        Target folder; defaults to :func:`explainers.core.paths.site_dir`.

    Returns
    -------
    pathlib.Path
        The site folder.
    """
    import nbformat

    site = site or paths.site_dir()
    notebooks = selection.discover()
    if not notebooks:
        raise selection.BuildError(f"no notebooks found in {paths.notebooks_dir()}")
    sources = [
        assemble.Source(p.stem, nbformat.read(p, as_version=4), paths.figures_dir()) for p in notebooks
    ]
    try:
        assemble.assemble(sources, site, None)
    except assemble.AssemblyError as exc:
        raise selection.BuildError(str(exc)) from None
    return site


def execute_inplace(only: list[str] | None = None) -> int:
    """Refresh the stored outputs of the source notebooks.

    Parameters
    ----------
    only : list of str, optional
        Notebooks to execute (see :func:`explainers.build.selection.select`); all by default.

    Returns
    -------
    int
        0 on success, 1 if any notebook failed (failed notebooks are not rewritten).
    """
    import nbformat

    chosen = selection.select(selection.discover(), only)
    results = []
    for path in sorted(chosen, key=lambda p: cache.reads_usage(p.stem)):
        outcome = runner.execute_notebook(path, None)
        if outcome["ok"]:
            tmp = path.with_name(f".{path.name}.tmp")
            nbformat.write(outcome["nb"], tmp)
            tmp.replace(path)
            results.append(selection.Result(path.stem, "executed", outcome["seconds"], outcome["peak_mb"]))
        else:
            results.append(
                selection.Result(path.stem, "FAILED", outcome["seconds"], None, outcome["message"])
            )
    selection.print_table(results)
    failures = [r for r in results if r.status == "FAILED"]
    for failure in failures:
        print(f"FAILED notebooks/{failure.stem}.ipynb: {failure.message}", file=sys.stderr)
    return 1 if failures else 0
