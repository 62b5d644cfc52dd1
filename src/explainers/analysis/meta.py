"""NiMARE's coordinate meta-analysis, paid for once: the part notebook 05 does not show.

Notebook 05 builds what NiMARE needs in its own cells, where a student reads and copies it: the
studyset (``nimare.studyset.Studyset``), the estimator (``nimare.meta.cbma.ale.ALE``) and the
corrector (``nimare.correct.FWECorrector``); it reads the maps from the result with
``result.get_map(...)``. Between the two sits NiMARE's own call,
``corrector.transform(estimator.fit(studyset))``, which :func:`fit_and_correct` makes.

Almost all of that call's time (a minute or more on two cores at 1,000 iterations) is the Monte
Carlo null distribution of the family-wise error correction: for each iteration NiMARE moves
every peak to a random place in the brain (drawn from the estimator's seed), computes the ALE map
of those null peaks and records its largest value, its largest cluster and its largest cluster
mass. Those three numbers per iteration are deterministic given the seed, the peaks, the
settings and the library versions, and they never change. So they are computed once and stored
in ``data/`` (:data:`NULL_FILE`, listed in ``data/MANIFEST.csv``):

- :func:`fit_and_correct` always fits the estimator itself and always runs NiMARE's
  ``corrector.transform``: NiMARE draws the null peaks, thresholds and labels the real map's
  clusters and turns the null distribution into p values exactly as it would. Only the
  per-iteration step (the null map and its three maxima) is answered from the stored record,
  and only when the record's key (:func:`null_key`: the peaks and sample sizes as NiMARE
  reads them, the brain mask, the estimator and its seed, the correction method, threshold
  and iteration count, the versions of NiMARE and the libraries it computes with) equals the
  key of this call. Each answer is also matched to the null peaks NiMARE drew for that
  iteration (a digest of their positions), so a record that does not belong to this draw
  raises :class:`StaleNullError` rather than answer. Any other call (another seed, another
  studyset, more iterations) computes everything.
- ``tests/unit/test_meta.py`` checks on a small record that the stored answers give the same
  maps as the real computation, and (marked ``slow``) regenerates the committed record with
  NiMARE's real computation and compares every value.
- :func:`save_null` writes a record after the real computation; the notebook says how a
  student recomputes it (NiMARE's own call, without this module).

On top of that, the whole result is kept in the one disk cache (:mod:`explainers.core.memory`),
keyed on the three objects (joblib hashes their contents: every study, peak and sample size,
every setting and the seed), this module's code and :mod:`explainers.core.libquirks`, the
stored record's bytes and the library versions. It works on copies, so the caller's objects
are the same after a fresh run as after a read from the cache (``fit`` would otherwise store
its inputs on the estimator), and it runs quietly: NiMARE's progress bars would break the
notebook's stored outputs, and nilearn's forced garbage collections would cost seconds
(:func:`~explainers.core.libquirks.no_progress_bars`, :func:`~explainers.core.libquirks.quick_gc`).

Importing NiMARE has side effects of its own (it sets up the root logger and switches
matplotlib's backend); a notebook imports it once through
:func:`explainers.core.libquirks.import_nimare` before its cells import NiMARE's classes.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

from explainers.core import libquirks, memory, paths

CLUSTER_MAP = "logp_desc-size_level-cluster_corr-FWE_method-montecarlo"
"""Map name of the cluster-level FWE result (cluster size): -log10 p of each voxel's cluster."""
CLUSTER_NULL = "values_desc-size_level-cluster_corr-fwe_method-montecarlo"
"""Key of ``estimator.null_distributions_`` holding the largest cluster of each null map (voxels)."""

NULL_FILE = "ale-pain-fwe-null.npz"
"""The stored Monte Carlo null distribution of notebook 05's ALE, in ``data/``."""

NULL_FORMAT = 1
"""Version of the record's layout; part of its key."""

NULL_VERSIONS = ("nibabel", "nilearn", "nimare", "numpy", "pandas", "scipy", "sparse")
"""Libraries whose versions enter the record's key: NiMARE and what it computes the null maps with."""

_ARRAYS = ("digests", "voxel_max", "size_max", "mass_max")
"""The arrays of a stored null record besides its key."""

_PERMUTATION = "_correct_fwe_montecarlo_permutation"
"""NiMARE's per-iteration step of the Monte Carlo FWE correction (one null map, three maxima)."""


class StaleNullError(RuntimeError):
    """A stored null record was asked for a null map it does not hold (it belongs to another draw)."""


class Run(NamedTuple):
    """What :func:`fit_and_correct` gives back.

    Attributes
    ----------
    result : nimare.results.MetaResult
        What ``corrector.transform(estimator.fit(studyset))`` returns: its maps
        (``result.get_map(name)``), its fitted estimator (``result.estimator``, with the Monte
        Carlo null distributions in ``null_distributions_``) and its corrector.
    seconds : float
        How long the fit and the correction took when they were computed (from the cache: then).
    from_cache : bool
        Whether this call read the result from the disk cache.
    null : str
        Where the Monte Carlo null distribution came from: ``"stored"`` (the record in
        ``data/``, checked against this call's key) or ``"computed"``.
    """

    result: object
    seconds: float
    from_cache: bool
    null: str


class NullRecord(NamedTuple):
    """One Monte Carlo null distribution: three maxima per iteration and what they belong to.

    Attributes
    ----------
    key : dict
        What the null maps depend on (:func:`null_key`).
    digests : numpy.ndarray of uint64
        Per iteration, a digest of the null peak positions NiMARE drew (:func:`_digest`).
    voxel_max, size_max, mass_max : numpy.ndarray of float64
        Per iteration, the null map's largest value, largest cluster (voxels) and largest
        cluster mass, in the order of ``digests``.
    """

    key: dict
    digests: np.ndarray
    voxel_max: np.ndarray
    size_max: np.ndarray
    mass_max: np.ndarray


def null_file() -> Path:
    """Return the path of the stored null record (:data:`NULL_FILE` in ``data/``; may not exist).

    Returns
    -------
    pathlib.Path
    """
    return paths.data_dir() / NULL_FILE


def _null_files() -> list[Path]:
    return [path for path in (null_file(),) if path.exists()]


def null_key(estimator, corrector) -> dict:
    """Return what a Monte Carlo FWE null distribution depends on, for a fitted estimator.

    Parameters
    ----------
    estimator : nimare.meta.cbma.base.CBMAEstimator
        Fitted (its ``inputs_`` and ``masker`` are read).
    corrector : nimare.correct.FWECorrector

    Returns
    -------
    dict
        JSON-serialisable: the record's format, the estimator's class and parameters (seed
        included), a digest of the coordinates and sample sizes it read, a digest of its brain
        mask, the correction method and parameters (``n_cores`` left out: it changes only how
        fast the same null maps are made) and the library versions (:data:`NULL_VERSIONS`).

    Raises
    ------
    ValueError
        If the estimator is not fitted.
    """
    import importlib.metadata

    if not hasattr(estimator, "inputs_"):
        raise ValueError(f"null_key needs a fitted estimator; {type(estimator).__name__} has not been fitted")
    params = {
        name: value
        for name, value in sorted(estimator.get_params().items())
        if not name.endswith("memory") and name != "kernel_transformer"
    }
    mask = estimator.masker.mask_img_
    mask_digest = hashlib.sha256(np.asarray(mask.dataobj).astype(np.uint8).tobytes())
    mask_digest.update(np.asarray(mask.affine, dtype=np.float64).tobytes())
    coordinates = estimator.inputs_["coordinates"].to_csv(index=True)
    return {
        "format": NULL_FORMAT,
        "estimator": f"{type(estimator).__module__}.{type(estimator).__qualname__}",
        "kernel": type(estimator.kernel_transformer).__qualname__,
        "params": json.loads(json.dumps(params, default=repr)),
        "coordinates": hashlib.sha256(coordinates.encode()).hexdigest(),
        "mask": mask_digest.hexdigest(),
        "correction": {
            "method": corrector.method,
            **{k: v for k, v in sorted(corrector.parameters.items()) if k != "n_cores"},
        },
        "versions": {name: importlib.metadata.version(name) for name in NULL_VERSIONS},
    }


def _digest(iter_ijk) -> int:
    """A 64-bit digest of one iteration's null peak positions (voxel indices)."""
    data = np.ascontiguousarray(np.asarray(iter_ijk, dtype="<i8"))
    return int.from_bytes(hashlib.blake2b(data.tobytes(), digest_size=8).digest(), "little")


@contextlib.contextmanager
def _permutations(estimator_class, make_step):
    """Swap NiMARE's per-iteration step for ``make_step(original)`` during one block."""
    from unittest import mock

    original = getattr(estimator_class, _PERMUTATION)
    with mock.patch.object(estimator_class, _PERMUTATION, make_step(original)):
        yield


def _recording(store: dict):
    def make_step(original):
        def step(self, iter_ijk, *args, **kwargs):
            values = original(self, iter_ijk, *args, **kwargs)
            if any(v is None for v in values):
                raise ValueError("a stored null needs the cluster-level correction (vfwe_only=False)")
            store[_digest(iter_ijk)] = tuple(float(v) for v in values)
            return values

        return step

    return make_step


def _answering(record: NullRecord):
    index = {int(d): i for i, d in enumerate(record.digests)}

    def make_step(_original):
        def step(self, iter_ijk, *args, **kwargs):
            i = index.get(_digest(iter_ijk))
            if i is None:
                raise StaleNullError(
                    "NiMARE drew a null map that the stored record does not hold: the record belongs to "
                    f"another draw; delete {null_file()} or compute the null again (save_null)"
                )
            return record.voxel_max[i], record.size_max[i], record.mass_max[i]

        return step

    return make_step


def read_null(path: Path | None = None) -> NullRecord | None:
    """Read a stored null record.

    Parameters
    ----------
    path : pathlib.Path, optional
        Defaults to :func:`null_file`.

    Returns
    -------
    NullRecord or None
        ``None`` when the file does not exist.

    Raises
    ------
    ValueError
        If the file is not a null record (missing arrays, arrays of different lengths).
    """
    path = Path(path) if path is not None else null_file()
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        missing = [name for name in ("key", *_ARRAYS) if name not in data.files]
        if missing:
            raise ValueError(f"{path} is not a null record: it has no {missing[0]!r} array")
        record = NullRecord(
            json.loads(str(data["key"])),
            data["digests"].astype(np.uint64),
            *(data[name].astype(np.float64) for name in _ARRAYS[1:]),
        )
    lengths = {len(a) for a in record[1:]}
    if len(lengths) != 1:
        raise ValueError(f"{path} is not a null record: its arrays have different lengths {sorted(lengths)}")
    return record


def write_null(record: NullRecord, path: Path | None = None) -> Path:
    """Write a null record (sorted by digest, so the same null gives the same arrays).

    Parameters
    ----------
    record : NullRecord
    path : pathlib.Path, optional
        Defaults to :func:`null_file`.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path) if path is not None else null_file()
    order = np.argsort(record.digests, kind="stable")
    np.savez_compressed(
        path,
        key=np.array(json.dumps(record.key, sort_keys=True)),
        digests=record.digests[order],
        **{name: getattr(record, name)[order] for name in _ARRAYS[1:]},
    )
    return path


def compute_null(studyset, estimator, corrector) -> tuple[object, NullRecord]:
    """Run ``corrector.transform(estimator.fit(studyset))`` for real and record its null distribution.

    Parameters
    ----------
    studyset, estimator, corrector
        As for :func:`fit_and_correct` (used as given: ``fit`` stores its inputs on the estimator).

    Returns
    -------
    result : nimare.results.MetaResult
    record : NullRecord
        One row per distinct null draw (two iterations that drew the very same peaks share one).
    """
    store: dict[int, tuple[float, float, float]] = {}
    with libquirks.no_progress_bars(), libquirks.quick_gc():
        fitted = estimator.fit(studyset)
        with _permutations(type(estimator), _recording(store)):
            result = corrector.transform(fitted)
    digests = np.array(sorted(store), dtype=np.uint64)
    values = np.array([store[int(d)] for d in digests], dtype=np.float64).reshape(-1, 3)
    return result, NullRecord(null_key(estimator, corrector), digests, *values.T)


def save_null(studyset, estimator, corrector, path: Path | None = None) -> Path:
    """Compute a null distribution with NiMARE's real Monte Carlo and store it (see :func:`compute_null`).

    Parameters
    ----------
    studyset, estimator, corrector
        As for :func:`fit_and_correct`; copies are used.
    path : pathlib.Path, optional
        Defaults to :func:`null_file` (then update ``data/MANIFEST.csv``).

    Returns
    -------
    pathlib.Path
    """
    _, record = compute_null(*(copy.deepcopy(x) for x in (studyset, estimator, corrector)))
    return write_null(record, path)


def _usable_null(estimator, corrector) -> NullRecord | None:
    """The stored record when its key is this fitted call's key, else ``None``."""
    record = read_null()
    if record is None or getattr(corrector, "method", None) != "montecarlo":
        return None
    return record if record.key == null_key(estimator, corrector) else None


# The key: the three objects (arguments), this module and libquirks (code), the stored null
# record (file), and what computes.
@memory.cached(
    code=("core.libquirks", "core.paths"),
    versions=("joblib", "matplotlib", "nibabel", "nilearn", "nimare", "numpy", "pandas", "scipy", "sparse"),
    files=_null_files,
)
def _fit_and_correct(studyset, estimator, corrector) -> tuple[object, float, str]:
    studyset, estimator, corrector = (copy.deepcopy(x) for x in (studyset, estimator, corrector))
    start = time.perf_counter()
    with libquirks.no_progress_bars(), libquirks.quick_gc():
        fitted = estimator.fit(studyset)
        record = _usable_null(estimator, corrector)
        if record is None:
            result = corrector.transform(fitted)
        else:
            with _permutations(type(estimator), _answering(record)):
                result = corrector.transform(fitted)
    return result, time.perf_counter() - start, "computed" if record is None else "stored"


def fit_and_correct(studyset, estimator, corrector) -> Run:
    """Run ``corrector.transform(estimator.fit(studyset))``, or read its result from the disk cache.

    The Monte Carlo null distribution comes from the stored record when its key matches
    (see the module docstring); everything else is NiMARE's own computation.

    Parameters
    ----------
    studyset : nimare.studyset.Studyset or nimare.dataset.Dataset
        The coordinates and sample sizes to meta-analyse.
    estimator : nimare.meta.cbma.base.CBMAEstimator
        For example ``ALE(random_state=...)``; unfitted.
    corrector : nimare.correct.Corrector
        For example ``FWECorrector(method="montecarlo", n_iters=..., voxel_thresh=...)``.

    Returns
    -------
    Run
        The corrected ``MetaResult``, the seconds the computation took, whether it came from
        the cache and where its null distribution came from.

    Raises
    ------
    TypeError
        If ``estimator`` has no ``fit`` or ``corrector`` no ``transform`` (for example the two
        swapped), naming what was given.
    StaleNullError
        If the stored record's key matches but it does not hold a null map NiMARE drew.
    """
    for name, value, method in (("estimator", estimator, "fit"), ("corrector", corrector, "transform")):
        if not callable(getattr(value, method, None)):
            raise TypeError(
                f"{name} must be a NiMARE object with a .{method}() method, got {type(value).__name__}"
            )
    from_cache = _fit_and_correct.in_cache(studyset, estimator, corrector)
    result, seconds, null = _fit_and_correct(studyset, estimator, corrector)
    return Run(result, seconds, from_cache, null)
