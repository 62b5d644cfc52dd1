"""Coordinate study sets that nimare ships, read without importing nimare.

- the 21 pain-versus-baseline fMRI studies of the NIDM-Results packs (NeuroVault collection
  1425; 267 peaks), read from ``nidm_pain_dset.json`` (:func:`load_pain_peaks`,
  :func:`load_pain_studies`); :func:`pain_studyset_file` is the NIMADS twin of the same data that
  nimare's own ``Studyset`` reads;
- the NeuroStore n-back vs flanker studyset (2026-07), parquet tables that notebook 03 uses to
  show where attention tasks activate (:func:`load_task_studyset`; read with fastparquet).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

from explainers.core import libquirks

PAIN_REFERENCE = "maumet2016"  # NIDM-Results packs, NeuroVault collection 1425
PAIN_DATASET = "nidm_pain_dset.json"
PAIN_STUDYSET = "nidm_pain_studyset.json"
TASK_STUDYSET = "nback_vs_flanker_studyset_2026-07"
"""Folder of the studyset inside nimare's resources."""


def load_task_studyset() -> pd.DataFrame:
    """Peak coordinates of nimare's n-back vs flanker studyset (NeuroStore, 2026-07).

    320 studies (205 n-back, 115 flanker), 906 analyses, 9,492 peaks, read from the
    parquet tables nimare ships, with fastparquet (pyarrow would add about 170 MB to the
    environment for these two small tables). Coordinates are as reported: most are MNI,
    but some are Talairach ("TAL") or of unknown space, so filter on ``space`` before
    mapping them onto an MNI brain.

    Returns
    -------
    pandas.DataFrame
        Columns ``study``, ``analysis``, ``task`` ("n-back" or "flanker"), ``x``, ``y``,
        ``z`` and ``space``.
    """
    # fastparquet directly: pandas' read_parquet(engine="fastparquet") is deprecated in pandas 3.
    # Imported here, as only notebook 03 reads these tables; its import-time check of a pandas 3
    # option raises a Pandas4Warning that would otherwise print into that notebook's output.
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*future.infer_string", category=Warning)
        import fastparquet

    folder = libquirks.nimare_resources() / TASK_STUDYSET

    def read(name: str, columns: list[str]) -> pd.DataFrame:
        table = fastparquet.ParquetFile(str(folder / f"{name}.parquet")).to_pandas(columns=columns)
        return table.reset_index(drop=True)

    coordinates = read("coordinates", ["id", "study_id", "x", "y", "z", "space"])
    tasks = read("annotations", ["id", "comparison_task"])
    table = coordinates.merge(tasks, on="id", how="left", validate="many_to_one")
    table = table.rename(columns={"study_id": "study", "id": "analysis", "comparison_task": "task"})
    table = table[["study", "analysis", "task", "x", "y", "z", "space"]]
    return table.astype(
        {
            "study": "string",
            "analysis": "string",
            "task": "string",
            "space": "string",
            "x": float,
            "y": float,
            "z": float,
        }
    )


def pain_studyset_file() -> Path:
    """Return the NIMADS studyset of the 21 NIDM pain studies, as nimare ships it.

    Returns
    -------
    pathlib.Path
        ``nidm_pain_studyset.json`` inside nimare's resources (the input of ``nimare``'s
        ``Studyset``; the same studies and peaks as :func:`load_pain_peaks`).
    """
    return libquirks.nimare_resources() / PAIN_STUDYSET


@functools.lru_cache(maxsize=1)
def _pain_json() -> dict:
    with open(libquirks.nimare_resources() / PAIN_DATASET, encoding="utf-8") as handle:
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
            for x, y, z in zip(coords["x"], coords["y"], coords["z"], strict=True):
                rows.append((_study_id(key), contrast_id, x, y, z, coords["space"]))
    peaks = pd.DataFrame(rows, columns=["study", "contrast", "x", "y", "z", "space"])
    return peaks.astype(
        {"study": "string", "contrast": "string", "space": "string", "x": float, "y": float, "z": float}
    )


def load_pain_studies() -> pd.DataFrame:
    """One row per NIDM pain study: its sample size and number of peaks.

    Returns
    -------
    pandas.DataFrame
        Columns ``study``, ``sample_size`` (participants, from the NIDM metadata) and
        ``n_peaks``; 21 rows.
    """
    sizes = {
        _study_id(key): sum(
            int(n) for contrast in study["contrasts"].values() for n in contrast["metadata"]["sample_sizes"]
        )
        for key, study in _pain_json().items()
    }
    counts = load_pain_peaks().groupby("study", sort=True).size()
    studies = pd.DataFrame({"study": list(sizes), "sample_size": list(sizes.values())})
    studies["n_peaks"] = studies["study"].map(counts).fillna(0).astype(int)
    return studies.astype({"study": "string"})
