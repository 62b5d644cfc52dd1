"""Short content hashes for cache keys: the files, code and library versions a result is built from.

A cached result is only as fresh as its key. Every module that keeps something in the user's
cache builds the key here, from the bytes of the input files, the code of the modules that
compute it and the versions of the libraries it calls, so a changed input, a code change or an
upgrade can never serve a stale result. Files are hashed, never imported, so a warm run stays
cheap.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def nilearn_data_dir() -> Path:
    """Return the folder of data files nilearn ships (ROI tables, the MNI152 template), unimported.

    Returns
    -------
    pathlib.Path
    """
    spec = importlib.util.find_spec("nilearn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nilearn is not installed; install the pinned set with `make build`")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data"


def digest(
    files: Iterable[Path] = (),
    *,
    modules: Iterable[str] = (),
    versions: Iterable[str] = (),
    extra: Iterable[bytes | str] = (),
    length: int = 16,
) -> str:
    """Return a short SHA-256 of everything a cached result depends on.

    Parameters
    ----------
    files : iterable of pathlib.Path
        Input files, hashed by name and bytes, in the order given.
    modules : iterable of str
        Dotted names, inside this package, of the modules whose code computes the result
        (``"datasets.nodes"``).
    versions : iterable of str
        Distribution names whose installed versions count (``"nilearn"``).
    extra : iterable of bytes or str
        Anything else the result depends on (settings, arrays as bytes).
    length : int, default 16
        Number of hexadecimal characters kept.

    Returns
    -------
    str

    Raises
    ------
    FileNotFoundError
        If a file or module does not exist (the message names it).
    """
    sha = hashlib.sha256()
    for name in versions:
        sha.update(f"{name}=={importlib.metadata.version(name)}".encode())
    for path in [
        *map(Path, files),
        *(_PACKAGE.joinpath(*name.split(".")).with_suffix(".py") for name in modules),
    ]:
        if not path.is_file():
            raise FileNotFoundError(f"cannot hash {path}: no such file")
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    for item in extra:
        sha.update(item if isinstance(item, bytes) else item.encode())
    return sha.hexdigest()[:length]
