"""The stamp a built site keeps: which notebook hashes, editions and index entries it was made from.

The build compares it with the notebooks' current hashes to skip an export that would change
nothing; assembly writes it last, so a site without a stamp is never taken as up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

#: File name of the stamp inside a site folder.
BUILD_STAMP = ".build.json"


def read_stamp(folder: Path) -> dict:
    """Return the stamp of a site folder (empty when there is none or it is unreadable).

    Parameters
    ----------
    folder : pathlib.Path

    Returns
    -------
    dict
    """
    try:
        return json.loads((folder / BUILD_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_stamp(folder: Path, stamp: dict) -> None:
    """Write the stamp of a site folder.

    Parameters
    ----------
    folder : pathlib.Path
    stamp : dict
    """
    (folder / BUILD_STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True), encoding="utf-8")
