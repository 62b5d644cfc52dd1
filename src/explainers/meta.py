"""Coordinate meta-analyses that run offline: pain (NIDM, 21 studies) and a task studyset.

The pain data are the 21 pain-versus-baseline fMRI studies that nimare ships as
``nidm_pain_dset.json`` (NIDM-Results exports, NeuroVault collection 1425; 267 peaks).
The tables are read straight from that JSON file, which is quick and does not need nimare;
only :func:`pain_ale` imports nimare, and it keeps its result in
``paths.cache_dir("meta")`` under a hash of everything that determines it.

Three side effects of nimare are contained here, once:

- ``import nimare`` configures the root logger at INFO (``logging.basicConfig``), which
  would print every library's INFO messages to stderr; that call is neutralised;
- importing ``nimare.meta`` switches matplotlib to the Agg backend (``mpl.use("Agg",
  force=True)`` in ``nimare.reports.figures``), which would stop inline figures in a
  notebook; the previous backend is put back straight after the import;
- ``nimare.dataset.Dataset`` (and passing one to an estimator) raises FutureWarnings:
  it is deprecated in favour of ``Studyset``. So the ALE runs on the NIMADS twin of the
  same data that nimare ships, ``nidm_pain_studyset.json`` (same 21 studies and 267 peaks,
  checked in the tests), and no warning needs silencing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from . import atlases, paths

PAIN_REFERENCE = "maumet2016"  # NIDM-Results packs, NeuroVault collection 1425
PAIN_DATASET = "nidm_pain_dset.json"
PAIN_STUDYSET = "nidm_pain_studyset.json"
TASK_STUDYSET = "nback_vs_flanker_studyset_2026-07"
ALE_PARAMETERS = {"estimator": "ALE", "kernel": "ALEKernel (sample-size FWHM)", "null_method": "approximate", "map": "z"}
"""Everything besides the data and nimare's version that decides the ALE map (hashed)."""


def _resources() -> Path:
    # nimare.utils.get_resource_path() would import nimare (3 s); the folder is in the package.
    return atlases._package_dir("nimare") / "resources"


@functools.lru_cache(maxsize=1)
def _pain_json() -> dict:
    with open(_resources() / PAIN_DATASET, encoding="utf-8") as handle:
        return json.load(handle)


def _study_id(key: str) -> str:
    return key.removesuffix(".nidm")  # "pain_01.nidm" -> "pain_01"


def load_pain_peaks() -> pd.DataFrame:
    """One row per reported peak of the 21 NIDM pain studies.

    Returns
    -------
    pandas.DataFrame
        Columns ``study`` (e.g. "pain_01"), ``contrast``, ``x``, ``y``, ``z`` (mm) and
        ``space`` ("MNI" for every row); 267 rows.
    """
    rows = []
    for key, study in _pain_json().items():
        for contrast_id, contrast in study["contrasts"].items():
            coords = contrast["coords"]
            for x, y, z in zip(coords["x"], coords["y"], coords["z"]):
                rows.append((_study_id(key), contrast_id, x, y, z, coords["space"]))
    peaks = pd.DataFrame(rows, columns=["study", "contrast", "x", "y", "z", "space"])
    return peaks.astype({"study": "string", "contrast": "string", "space": "string", "x": float, "y": float, "z": float})


def load_pain_studies() -> pd.DataFrame:
    """One row per NIDM pain study: its sample size and number of peaks.

    Returns
    -------
    pandas.DataFrame
        Columns ``study``, ``sample_size`` (participants, from the NIDM metadata) and
        ``n_peaks``; 21 rows.
    """
    sizes = {
        _study_id(key): sum(int(n) for contrast in study["contrasts"].values() for n in contrast["metadata"]["sample_sizes"])
        for key, study in _pain_json().items()
    }
    counts = load_pain_peaks().groupby("study", sort=True).size()
    studies = pd.DataFrame({"study": list(sizes), "sample_size": list(sizes.values())})
    studies["n_peaks"] = studies["study"].map(counts).fillna(0).astype(int)
    return studies.astype({"study": "string"})


def _import_nimare_quietly():
    """Import the nimare pieces :func:`pain_ale` needs without its global side effects.

    ``import nimare`` calls ``logging.basicConfig(level=INFO)``, after which every INFO log
    of every library is printed to stderr; a handler on the root logger during the import
    makes that call a no-op. ``nimare.meta`` forces matplotlib's Agg backend; the previous
    backend is restored afterwards.
    """
    import logging

    import matplotlib

    # Resolve the backend first (a no-op inside Jupyter, where it is already set), so
    # there is a concrete name to go back to after nimare forces Agg.
    previous = matplotlib.get_backend()
    root = logging.getLogger()
    guard = logging.NullHandler() if not root.handlers else None
    if guard is not None:
        root.addHandler(guard)
    try:
        from nimare.meta.cbma import ALE
        from nimare.nimads import Studyset
    finally:
        if guard is not None:
            root.removeHandler(guard)
    if matplotlib.get_backend() != previous:
        matplotlib.use(previous)
    return Studyset, ALE


def _ale_key() -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update((_resources() / PAIN_STUDYSET).read_bytes())
    digest.update(f"nimare=={version('nimare')}".encode())
    digest.update(json.dumps(ALE_PARAMETERS, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _run_ale():
    Studyset, ALE = _import_nimare_quietly()
    studyset = Studyset(str(_resources() / PAIN_STUDYSET))
    # tqdm reads TQDM_DISABLE when a bar is created: no progress bars on stderr (nbval).
    previous = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        result = ALE(null_method=ALE_PARAMETERS["null_method"]).fit(studyset)
    finally:
        if previous is None:
            os.environ.pop("TQDM_DISABLE", None)
        else:
            os.environ["TQDM_DISABLE"] = previous
    return result.get_map("z")


def _summarise(z_map, from_cache: bool, path: Path, seconds: float | None) -> dict:
    data = np.asarray(z_map.dataobj, dtype=float)
    ijk = np.unravel_index(int(np.nanargmax(data)), data.shape)
    peak = tuple(float(v) for v in (z_map.affine @ np.r_[ijk, 1])[:3])
    return {
        "n_studies": len(_pain_json()),
        "n_peaks": int(len(load_pain_peaks())),
        "z_max": float(np.nanmax(data)),
        "z_max_xyz": peak,
        "parameters": dict(ALE_PARAMETERS),
        "from_cache": from_cache,
        "path": str(path),
        "seconds": seconds,
        "reference": PAIN_REFERENCE,
    }


def pain_ale(use_cache: bool = True):
    """Run (or reuse) an activation likelihood estimation (ALE) of the 21 pain studies.

    The ALE runs on nimare's ``nidm_pain_studyset.json``. The z map is cached in
    ``paths.cache_dir("meta")`` under a hash of that file's bytes, nimare's version and :data:`ALE_PARAMETERS`; any change to them gives a new key,
    so a stale map is never reused.

    Parameters
    ----------
    use_cache : bool, default True
        Reuse a cached map if present (a run always writes the cache).

    Returns
    -------
    z_map : nibabel.Nifti1Image
        ALE z values (uncorrected; MNI152 2 mm, 91 x 109 x 91).
    summary : dict
        ``n_studies``, ``n_peaks``, ``z_max``, ``z_max_xyz`` (mm), ``parameters``,
        ``from_cache``, ``path`` (the cached file), ``seconds`` (run time, None if cached)
        and ``reference``.
    """
    import time

    import nibabel as nib

    path = paths.cache_dir("meta") / f"pain_ale_z_{_ale_key()}.nii.gz"
    if use_cache and path.exists():
        z_map = nib.load(path)
        z_map = nib.Nifti1Image(np.asarray(z_map.dataobj, dtype=np.float32), z_map.affine)  # detach from the file
        return z_map, _summarise(z_map, True, path, None)
    start = time.perf_counter()
    z_map = _run_ale()
    seconds = time.perf_counter() - start
    z_map = nib.Nifti1Image(np.asarray(z_map.dataobj, dtype=np.float32), z_map.affine)
    partial = path.with_name(path.name + f".{os.getpid()}.tmp.nii.gz")
    nib.save(z_map, partial)
    partial.replace(path)  # atomic: a parallel build never reads half a file
    return z_map, _summarise(z_map, False, path, seconds)


def load_task_studyset() -> pd.DataFrame:
    """Peak coordinates of nimare's n-back vs flanker studyset (NeuroStore, 2026-07).

    320 studies (205 n-back, 115 flanker), 906 analyses, 9,492 peaks, read from the
    parquet tables nimare ships (needs pyarrow). Coordinates are as reported: most are MNI,
    but some are Talairach ("TAL") or of unknown space, so filter on ``space`` before
    mapping them onto an MNI brain.

    Returns
    -------
    pandas.DataFrame
        Columns ``study``, ``analysis``, ``task`` ("n-back" or "flanker"), ``x``, ``y``,
        ``z`` and ``space``.
    """
    folder = _resources() / TASK_STUDYSET
    coordinates = pd.read_parquet(folder / "coordinates.parquet", columns=["id", "study_id", "x", "y", "z", "space"])
    tasks = pd.read_parquet(folder / "annotations.parquet", columns=["id", "comparison_task"])
    table = coordinates.merge(tasks, on="id", how="left", validate="many_to_one")
    table = table.rename(columns={"study_id": "study", "id": "analysis", "comparison_task": "task"})
    table = table[["study", "analysis", "task", "x", "y", "z", "space"]]
    return table.astype({"study": "string", "analysis": "string", "task": "string", "space": "string", "x": float, "y": float, "z": float})
