"""Where the project's data, figures, site and cache live.

Every location can be overridden with an environment variable, so tests, the build
and readers with unusual setups never need to edit code:

=========================  ===========================================  =========================
variable                   meaning                                      default
=========================  ===========================================  =========================
``EXPLAINERS_ROOT``        the project checkout                         two levels above the package
``EXPLAINERS_DATA_DIR``    the small committed data files               ``<root>/data``
``EXPLAINERS_CACHE_DIR``   anything computed and kept between runs      ``<root>/.cache``
``EXPLAINERS_SITE_DIR``    the exported HTML site                       ``<root>/site``
``EXPLAINERS_FIGURES_DIR`` where notebooks save figures (set by build)  unset: figures are only shown
=========================  ===========================================  =========================
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def project_root() -> Path:
    """Return the project checkout: ``EXPLAINERS_ROOT`` or the folder that holds ``src/``.

    Returns
    -------
    pathlib.Path
        Absolute path of the project root.
    """
    return _from_env("EXPLAINERS_ROOT") or _PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    """Return the folder of committed data files (claims ledger, references, manifest).

    Returns
    -------
    pathlib.Path
        ``EXPLAINERS_DATA_DIR`` if set, else ``<root>/data``.
    """
    return _from_env("EXPLAINERS_DATA_DIR") or project_root() / "data"


def notebooks_dir() -> Path:
    """Return the folder of source notebooks (``<root>/notebooks``).

    Returns
    -------
    pathlib.Path
    """
    return project_root() / "notebooks"


def figures_dir() -> Path:
    """Return the committed figure folder (``<root>/figures``), which only the build writes.

    Returns
    -------
    pathlib.Path
    """
    return project_root() / "figures"


def figure_output_dir() -> Path | None:
    """Return where a running notebook should save its figures, or ``None``.

    The build sets ``EXPLAINERS_FIGURES_DIR`` to a staging folder; when a student runs a
    notebook by hand (or nbval runs it) it is unset and figures are shown, not written,
    so running a notebook never changes the committed ``figures/``.

    Returns
    -------
    pathlib.Path or None
    """
    return _from_env("EXPLAINERS_FIGURES_DIR")


def site_dir() -> Path:
    """Return the exported site folder.

    Returns
    -------
    pathlib.Path
        ``EXPLAINERS_SITE_DIR`` if set, else ``<root>/site``.
    """
    return _from_env("EXPLAINERS_SITE_DIR") or project_root() / "site"


def cache_dir(*parts: str) -> Path:
    """Return (and create) a folder inside the user-controlled cache.

    Parameters
    ----------
    *parts : str
        Sub-folder names, e.g. ``cache_dir("meta")``.

    Returns
    -------
    pathlib.Path
        ``EXPLAINERS_CACHE_DIR`` (default ``<root>/.cache``) joined with ``parts``.
    """
    base = _from_env("EXPLAINERS_CACHE_DIR") or project_root() / ".cache"
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
