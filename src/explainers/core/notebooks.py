"""The collection's notebooks as their metadata describes them: title, summary, reading time.

Both the literature tables (the list of notebooks on the start page) and the site (page
titles, index cards) read notebooks this way, so a notebook's title is found in one place.
"""

from __future__ import annotations

import re

from explainers.core import paths


def notebook_title(nb) -> str:
    """Return the first level-1 heading of a notebook, or its metadata title.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    str
    """
    meta = nb.metadata.get("explainers", {})
    if meta.get("title"):
        return meta["title"]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return "Untitled notebook"


def notebook_catalogue() -> list[dict]:
    """Read the title, summary, time and audience of every notebook from its metadata.

    Returns
    -------
    list of dict
        Keys ``number``, ``stem``, ``title``, ``summary``, ``minutes``.
    """
    import nbformat

    entries = []
    for path in sorted(paths.notebooks_dir().glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.get("explainers", {})
        entries.append(
            {
                "number": path.stem.split("_", 1)[0],
                "stem": path.stem,
                "title": notebook_title(nb),
                "summary": meta.get("summary", ""),
                "minutes": meta.get("minutes", ""),
            }
        )
    return entries
