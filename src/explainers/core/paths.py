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

Installed from a wheel (not an editable checkout), the package lives in site-packages and
has no project folder two levels up; :func:`project_root` then stops with
:class:`ProjectRootNotFound`, whose message says to set ``EXPLAINERS_ROOT`` to a checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the explainers package (this file is in core/)

MARKER = Path("data") / "claims.csv"
"""A file every checkout has: how :func:`project_root` recognises the project folder."""


class ProjectRootNotFound(RuntimeError):
    """Raised when the project folder cannot be found (e.g. the package was installed from a wheel)."""


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def project_root(package_dir: Path | None = None) -> Path:
    """Return the project checkout: ``EXPLAINERS_ROOT`` or the folder that holds ``src/``.

    Parameters
    ----------
    package_dir : pathlib.Path, optional
        Folder of the installed ``explainers`` package (default: this package's folder);
        a parameter so the tests can play an installed wheel.

    Returns
    -------
    pathlib.Path
        Absolute path of the project root. ``EXPLAINERS_ROOT`` is trusted as given (the
        build tests point it at a throw-away project).

    Raises
    ------
    ProjectRootNotFound
        If ``EXPLAINERS_ROOT`` is unset and the package does not sit in a checkout's
        ``src/`` (``data/claims.csv`` two levels up), as when installed from a wheel.
    """
    explicit = _from_env("EXPLAINERS_ROOT")
    if explicit:
        return explicit
    package_dir = Path(package_dir or _PACKAGE_DIR).resolve()
    candidate = package_dir.parents[1]
    if (candidate / MARKER).is_file():
        return candidate
    raise ProjectRootNotFound(
        f"cannot find the project folder: the explainers package at {package_dir} is not inside a checkout "
        f"(no {MARKER.as_posix()} at {candidate}), as happens when it is installed from a wheel. "
        "Set EXPLAINERS_ROOT to the folder of a checkout of the project (the one holding data/, notebooks/ "
        "and pyproject.toml), e.g. `export EXPLAINERS_ROOT=/path/to/pain-default-mode`, "
        "or install the checkout in editable mode (`pip install -e .`)."
    )


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
        Sub-folder names, e.g. ``cache_dir("memory")``.

    Returns
    -------
    pathlib.Path
        ``EXPLAINERS_CACHE_DIR`` (default ``<root>/.cache``) joined with ``parts``.
    """
    base = _from_env("EXPLAINERS_CACHE_DIR") or project_root() / ".cache"
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
