"""The one disk cache of derived results, and the read-only form of results shared in memory.

Every result that is slow to compute (a parsed data set, an atlas in sparse form, a fitted model,
a meta-analysis, a rendered surface figure) is kept in one :class:`joblib.Memory` in
``paths.cache_dir("memory")`` (under ``EXPLAINERS_CACHE_DIR``) and reused while nothing it
depends on has changed. What it depends on is said next to the function, once::

    @memory.cached(
        code=("datasets.rois", "core.vocabulary"),  # package modules the function runs
        versions=("nilearn", "numpy", "pandas"),  # libraries whose results it keeps
        files=_input_files,  # a callable giving the shipped files it reads
    )
    def _build_table() -> pd.DataFrame: ...

The key of a call covers:

- the call's arguments (hashed by joblib after binding the defaults, so ``f()`` and
  ``f(default)`` are one entry);
- the source of the code it runs: the function's own module and the modules named in ``code``
  (names inside the package, e.g. ``"datasets.rois"``);
- the installed versions of the distributions named in ``versions``;
- the bytes of the files ``files()`` returns.

So an edited parser, a changed constant, a library upgrade or a new data file is a cache miss,
never a stale result. The code, versions and files enter joblib's hash of the call as one more
argument, so a new key is a new entry beside the old one (switching back to a branch finds its
results again) rather than joblib's wiping of a function whose source changed. Sources and files
are hashed once per process (again only when a file changes on disk), so a warm call costs a few
``stat`` calls and one read of the stored result; joblib is imported at the first call, not with
the package. :data:`REGISTRY` holds every decorated function: ``tests/unit/test_memory.py``
checks each key, including that ``code`` and ``versions`` name every package module and library
the function's module can reach.

Results kept in memory and handed to many callers (the ``functools`` caches in front of the
disk cache) go through :func:`read_only`: arrays cannot be written, so a library that works in
place on its input (nilearn's ``plot_surf`` centres a mesh with ``coords -= mean``) fails
loudly instead of moving everybody's copy. Data frames are copied on return instead.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from explainers.core import errors, paths

FOLDER = "memory"
"""The folder of :func:`explainers.core.paths.cache_dir` that holds the store (not "joblib":
joblib would then write its ``.gitignore`` one level up, outside its own folder)."""

PACKAGE = "explainers"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]

REGISTRY: dict[str, Cached] = {}
"""Every function decorated with :func:`cached`, by ``module.qualname``."""


def cached(
    *,
    code: Iterable[str] = (),
    versions: Iterable[str] = (),
    files: Callable[[], Iterable[Path]] | None = None,
) -> Callable[[Callable], Cached]:
    """Keep a function's results in the disk cache, keyed on everything they are built from.

    Parameters
    ----------
    code : iterable of str
        Modules of the package, besides the function's own, whose code the function runs,
        named inside the package (``"datasets.rois"``, ``"datasets.heatpain._files"``).
    versions : iterable of str
        Distribution names whose installed versions the result depends on (``"nilearn"``).
    files : callable, optional
        Returns the input files the function reads (resolved at call time, so importing the
        module finds no files); each is hashed by name and bytes.

    Returns
    -------
    callable
        A decorator that turns a module-level function into a :class:`Cached` one.

    Raises
    ------
    ValueError
        If a name in ``code`` is not a module of the package (the message lists them), or the
        function is not defined at module level (joblib names a cache entry by module and name).
    """
    code = tuple(code)
    versions = tuple(versions)

    def decorate(func: Callable) -> Cached:
        wrapped = Cached(func, code=code, versions=versions, files=files)
        REGISTRY[wrapped.name] = wrapped
        return wrapped

    return decorate


class Cached:
    """A function whose results live in the disk cache (made by :func:`cached`).

    Call it as the function itself. ``key()`` gives the part of the key that is not the
    arguments (code, versions, files); ``in_cache(...)`` tells whether a call would be read
    from the cache; ``refresh(...)`` computes a call again and stores it.
    """

    def __init__(self, func: Callable, *, code: tuple, versions: tuple, files) -> None:
        if "<locals>" in func.__qualname__ or "." in func.__qualname__:
            raise ValueError(
                f"cached functions must be defined at module level, got {func.__qualname__!r}: "
                "joblib names an entry by module and function name, so nested ones would share it"
            )
        known = None
        for name in code:
            if _package_module_file(name) is None:
                known = known or _package_modules()
                raise errors.unknown(f"module of {PACKAGE} in code= of {func.__qualname__}", name, known)
        functools.update_wrapper(self, func)
        self.func = func
        self.name = f"{func.__module__}.{func.__qualname__}"
        self.code = tuple(dict.fromkeys((func.__module__, *(f"{PACKAGE}.{name}" for name in code))))
        self.versions = tuple(dict.fromkeys(versions))
        self.files = files
        self._signature = inspect.signature(func)
        self._stores: dict[Path, object] = {}

    def __repr__(self) -> str:
        return f"<cached {self.name}>"

    # -- what the key is made of

    def code_files(self) -> dict[str, Path]:
        """Return the source file of each module in the key, by module name."""
        out = {}
        for name in self.code:
            # The package's modules are found as files, unimported; a function defined outside the
            # package (a test's) has its own module loaded already.
            if name.startswith(PACKAGE + "."):
                out[name] = _package_module_file(name[len(PACKAGE) + 1 :])
            else:
                out[name] = Path(sys.modules[name].__file__)
        return out

    def input_files(self) -> list[Path]:
        """Return the input files in the key, in a fixed order (empty without ``files``)."""
        return sorted((Path(p) for p in self.files()), key=str) if self.files else []

    def key_parts(self) -> dict[str, dict[str, str]]:
        """Return what the key is made of: module digests, library versions and file digests.

        Returns
        -------
        dict
            ``{"code": {module: sha256}, "versions": {distribution: version},
            "files": {file name: sha256}}``.
        """
        return {
            "code": {name: _file_sha(path) for name, path in self.code_files().items()},
            "versions": {name: _installed_version(name) for name in self.versions},
            "files": {path.name: _file_sha(path) for path in self.input_files()},
        }

    def key(self) -> str:
        """Return the hash of everything besides the arguments that the results depend on.

        Returns
        -------
        str
            Hexadecimal SHA-256 of :meth:`key_parts`.
        """
        sha = hashlib.sha256()
        for kind, items in self.key_parts().items():
            for name, value in items.items():
                sha.update(f"{kind}\0{name}\0{value}\n".encode())
        return sha.hexdigest()

    # -- calls

    def _arguments(self, args, kwargs) -> dict:
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return dict(bound.arguments)

    def _store(self):
        location = paths.cache_dir(FOLDER)
        if location not in self._stores:
            import joblib

            func, signature = self.func, self._signature

            def run(key, arguments):  # the key enters joblib's hash of the call, nothing else
                bound = inspect.BoundArguments(signature, arguments)
                return func(*bound.args, **bound.kwargs)

            # joblib names an entry by the function's module and name: give it the wrapped one's,
            # or every cached function would share one folder.
            run.__module__, run.__name__, run.__qualname__ = func.__module__, func.__name__, func.__qualname__
            self._stores[location] = joblib.Memory(location, verbose=0).cache(run)
        return self._stores[location]

    def __call__(self, *args, **kwargs):
        """Return the function's result for these arguments, from the cache if it holds it."""
        return self._store()(self.key(), self._arguments(args, kwargs))

    def call_id(self, *args, **kwargs) -> str:
        """Return the hash under which a call is stored (its key and its arguments).

        Returns
        -------
        str
            joblib's hash of the call: the name of its folder in the cache.
        """
        import joblib

        return joblib.hash({"key": self.key(), "arguments": self._arguments(args, kwargs)})

    def in_cache(self, *args, **kwargs) -> bool:
        """Tell whether this call would be read from the cache rather than computed.

        Returns
        -------
        bool
        """
        return bool(self._store().check_call_in_cache(self.key(), self._arguments(args, kwargs)))

    def refresh(self, *args, **kwargs):
        """Compute a call even if it is cached, store the result and return it.

        Returns
        -------
        object
            What the function returns.
        """
        output, _metadata = self._store().call(self.key(), self._arguments(args, kwargs))
        return output


def read_only(value):
    """Make a result safe to share: arrays become read-only, mappings unwritable, recursively.

    Parameters
    ----------
    value : numpy.ndarray, tuple (named tuples too), mapping, str, bytes, number or None
        A result that an in-memory cache will hand to many callers.

    Returns
    -------
    object
        ``value`` with every array's ``writeable`` flag cleared (the arrays themselves, not
        copies); a mapping comes back as a :class:`types.MappingProxyType`.

    Raises
    ------
    TypeError
        For anything else (a list, a data frame): it cannot be frozen in place, so return a copy
        to each caller instead.
    """
    import numpy as np

    if isinstance(value, np.ndarray):
        value.setflags(write=False)
        return value
    if isinstance(value, tuple):
        for item in value:
            read_only(item)
        return value
    if isinstance(value, Mapping):
        return MappingProxyType({name: read_only(item) for name, item in value.items()})
    if value is None or isinstance(value, (str, bytes, int, float, complex, np.generic)):
        return value
    raise TypeError(
        f"cannot make a {type(value).__name__} read-only; an in-memory cache must return a copy of it "
        "to each caller instead"
    )


@functools.cache
def _installed_version(distribution: str) -> str:
    import importlib.metadata  # 20 ms to import: paid at the first cached call, not by `import explainers`

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise ModuleNotFoundError(
            f"{distribution!r} is named in a cache key but not installed; "
            "install the pinned set with `pip install -r requirements/lock.txt`"
        ) from None


_SHA_BY_STAT: dict[tuple, str] = {}


def _file_sha(path: Path) -> str:
    # Remembered by size and modification time, so a file is read once per process unless it changes.
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FileNotFoundError(f"cannot hash {path} for a cache key: no such file") from None
    marker = (str(path), stat.st_size, stat.st_mtime_ns)
    if marker not in _SHA_BY_STAT:
        _SHA_BY_STAT[marker] = _read_sha(path)
    return _SHA_BY_STAT[marker]


def _read_sha(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _package_module_file(name: str) -> Path | None:
    base = _PACKAGE_DIR.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _package_modules() -> list[str]:
    found = (p.relative_to(_PACKAGE_DIR).with_suffix("") for p in _PACKAGE_DIR.rglob("*.py"))
    names = (".".join(p.parts[:-1] if p.name == "__init__" else p.parts) for p in found)
    return sorted(name for name in names if name and "_offline_site" not in name)
