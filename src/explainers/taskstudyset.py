"""Peak coordinates of nimare's n-back vs flanker studyset, read without importing nimare.

nimare ships this NeuroStore studyset (2026-07) as parquet tables; notebook 03 uses its
peaks to show where attention tasks activate. Reading the tables needs pyarrow only.
"""

from __future__ import annotations

import pandas as pd

from . import libquirks

TASK_STUDYSET = "nback_vs_flanker_studyset_2026-07"
"""Folder of the studyset inside nimare's resources."""


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
    folder = libquirks.nimare_resources() / TASK_STUDYSET
    coordinates = pd.read_parquet(
        folder / "coordinates.parquet", columns=["id", "study_id", "x", "y", "z", "space"]
    )
    tasks = pd.read_parquet(folder / "annotations.parquet", columns=["id", "comparison_task"])
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
