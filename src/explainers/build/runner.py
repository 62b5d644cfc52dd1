"""Execute one notebook in a fresh, offline kernel and report seconds, peak memory and errors.

The kernel runs with the network refused (:mod:`explainers.build.offline`), the Agg backend and a
fixed hash seed, and with ``EXPLAINERS_FIGURES_DIR`` set when the build wants its figures
and usage record. A failure is returned, not raised, naming the cell and the error.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

CELL_TIMEOUT_SECONDS = 600
_PEAK_PROBE = "import resource as _r; print(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"


def kernel_environment(figures_dir: Path | None, stem: str) -> dict[str, str]:
    """Return the environment a notebook kernel runs in: offline, Agg, fixed hash seed.

    Parameters
    ----------
    figures_dir : pathlib.Path or None
        Where :func:`explainers.figures.show.show_figure` saves figures; ``None`` saves nothing.
    stem : str
        Notebook stem, recorded in each figure's metadata.

    Returns
    -------
    dict
    """
    from explainers.build import offline

    env = offline.kernel_env()
    env.update(
        {
            "MPLBACKEND": "Agg",
            "PYTHONHASHSEED": "0",
            "EXPLAINERS_NOTEBOOK": stem,
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    env.pop("EXPLAINERS_FIGURES_DIR", None)
    if figures_dir is not None:
        env["EXPLAINERS_FIGURES_DIR"] = str(figures_dir)
    return env


def _describe_failure(nb, cell_index: int | None, exc: BaseException) -> str:
    if cell_index is None:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    cell = nb.cells[cell_index]
    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
    detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    what = f"{error['ename']}: {error['evalue']}" if error else f"{type(exc).__name__}: {detail}"
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
        return {
            "ok": False,
            "seconds": time.perf_counter() - start,
            "peak_mb": None,
            "message": _describe_failure(nb, index, exc),
        }
    seconds = time.perf_counter() - start
    probe = nb.cells.pop()
    peak_kb = next((o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"), "").strip()
    clean_volatile_metadata(nb)
    return {
        "ok": True,
        "nb": nb,
        "seconds": seconds,
        "peak_mb": int(peak_kb) / 1024 if peak_kb.isdigit() else None,
        "message": "",
    }


PAGES = "pages"
"""Folder of a cache entry holding the notebook's rendered site pages (see :func:`render_pages`)."""
PAGES_CONTEXT = "context.json"
"""File in :data:`PAGES` naming the neighbours the pages link to (they are reused only while current)."""


def render_pages(nb, stem: str, figures: Path, folder: Path, neighbours: dict) -> float:
    """Render a notebook's site pages (every edition and its download copy) into ``folder``.

    Run by the worker right after the notebook executed, so the pages of one notebook are made
    while the others still execute; the site assembly copies them instead of rendering again
    (:func:`explainers.site.assemble.assemble`, ``pages_from``).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook.
    stem : str
    figures : pathlib.Path
        Its figure folder (figure records give the reader's credit lines).
    folder : pathlib.Path
        Where the pages go; :data:`PAGES_CONTEXT` records ``neighbours`` beside them.
    neighbours : dict
        ``{"previous": [stem, title] or None, "next": [stem, title] or None}``.

    Returns
    -------
    float
        Seconds taken.
    """
    from explainers.literature import figurerecords
    from explainers.site import export

    start = time.perf_counter()
    records = {record.figure_id: record for record in figurerecords.read(figures, stem)}
    context = export.PageContext(
        previous=tuple(neighbours["previous"]) if neighbours.get("previous") else None,
        next=tuple(neighbours["next"]) if neighbours.get("next") else None,
        records=records,
    )
    export.export_notebook(nb, stem, folder, context)
    (folder / PAGES_CONTEXT).write_text(json.dumps(neighbours, sort_keys=True), encoding="utf-8")
    return time.perf_counter() - start


def execute_into_entry(
    path: str,
    entry: str,
    timeout: int,
    inputs: dict[str, str] | None = None,
    neighbours: dict | None = None,
) -> dict:
    """Execute one notebook into a new cache entry (the build's worker-process job).

    The entry is written in a staging folder and renamed into place only on success, so a
    cache entry is always complete. With ``neighbours`` the worker also renders the notebook's
    site pages into the entry (:func:`render_pages`).

    Parameters
    ----------
    path : str
        Source notebook.
    entry : str
        Cache entry folder to create (see :func:`explainers.build.cache.entry`).
    timeout : int
        Seconds allowed per cell.
    inputs : dict of str to str, optional
        For a notebook that summarises the others: their usage records and figure sidecars
        (name relative to a figure folder, to file; see :func:`explainers.build.cache.summary_inputs`).
        They are copied into the kernel's figure folder, where the notebook reads them, and
        removed afterwards, so the entry keeps only its own outputs.
    neighbours : dict, optional
        The previous and next notebooks the pages link to (see :func:`render_pages`); without
        it no pages are rendered.

    Returns
    -------
    dict
        As :func:`execute_notebook`, without the notebook, plus ``pages_seconds``.
    """
    import nbformat

    entry_path = Path(entry)
    staging = entry_path.with_name(entry_path.name + f".tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    figures = staging / "figures"
    figures.mkdir(parents=True)
    seeded = []
    for name, file in sorted((inputs or {}).items()):
        target = figures / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
        seeded.append(target)
    outcome = execute_notebook(Path(path), figures, timeout)
    if not outcome["ok"]:
        shutil.rmtree(staging, ignore_errors=True)
        return {k: v for k, v in outcome.items() if k != "nb"}
    for target in seeded:
        target.unlink(missing_ok=True)
    nb = outcome.pop("nb")
    nbformat.write(nb, staging / "executed.ipynb")
    outcome["pages_seconds"] = 0.0
    if neighbours is not None:
        try:
            outcome["pages_seconds"] = render_pages(nb, Path(path).stem, figures, staging / PAGES, neighbours)
        except Exception:  # noqa: BLE001 - the site assembly renders them again and reports the error itself
            shutil.rmtree(staging / PAGES, ignore_errors=True)
    (staging / "result.json").write_text(
        json.dumps({key: outcome[key] for key in ("seconds", "peak_mb", "pages_seconds")}), encoding="utf-8"
    )
    shutil.rmtree(entry_path, ignore_errors=True)
    staging.rename(entry_path)
    return outcome
