"""NiMARE's coordinate meta-analysis, paid for once: the part notebook 05 does not show.

Notebook 05 builds what NiMARE needs in its own cells, where a student reads and copies it: the
studyset (``nimare.studyset.Studyset``), the estimator (``nimare.meta.cbma.ale.ALE``) and the
corrector (``nimare.correct.FWECorrector``); it reads the maps from the result with
``result.get_map(...)``. Between the two sits one call that takes about a minute,
``corrector.transform(estimator.fit(studyset))``. :func:`fit_and_correct` makes exactly that
call and keeps its result in the one disk cache (:mod:`explainers.core.memory`), so the page
pays for it once per machine and set-up:

- the key is the three objects themselves (joblib hashes their contents: every study, peak
  and sample size, every setting and the seed), this module's code and
  :mod:`explainers.core.libquirks`, and the versions of NiMARE and the libraries it computes
  with; change any of them and the call runs again;
- it works on copies, so the caller's objects are the same after a fresh run as after a read
  from the cache (``fit`` would otherwise store its inputs on the estimator);
- it runs quietly: NiMARE's progress bars would break the notebook's stored outputs, and
  nilearn's forced garbage collections would cost seconds
  (:func:`~explainers.core.libquirks.no_progress_bars`, :func:`~explainers.core.libquirks.quick_gc`).

Importing NiMARE has side effects of its own (it sets up the root logger and switches
matplotlib's backend); a notebook imports it once through
:func:`explainers.core.libquirks.import_nimare` before its cells import NiMARE's classes.
"""

from __future__ import annotations

import copy
import time
from typing import NamedTuple

from explainers.core import libquirks, memory

CLUSTER_MAP = "logp_desc-size_level-cluster_corr-FWE_method-montecarlo"
"""Map name of the cluster-level FWE result (cluster size): -log10 p of each voxel's cluster."""
CLUSTER_NULL = "values_desc-size_level-cluster_corr-fwe_method-montecarlo"
"""Key of ``estimator.null_distributions_`` holding the largest cluster of each null map (voxels)."""


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
    """

    result: object
    seconds: float
    from_cache: bool


# The key: the three objects (arguments), this module and libquirks (code), and what computes.
@memory.cached(
    code=("core.libquirks",),
    versions=("joblib", "matplotlib", "nibabel", "nilearn", "nimare", "numpy", "pandas", "scipy", "sparse"),
)
def _fit_and_correct(studyset, estimator, corrector) -> tuple[object, float]:
    studyset, estimator, corrector = (copy.deepcopy(x) for x in (studyset, estimator, corrector))
    start = time.perf_counter()
    with libquirks.no_progress_bars(), libquirks.quick_gc():
        result = corrector.transform(estimator.fit(studyset))
    return result, time.perf_counter() - start


def fit_and_correct(studyset, estimator, corrector) -> Run:
    """Run ``corrector.transform(estimator.fit(studyset))``, or read its result from the disk cache.

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
        The corrected ``MetaResult``, the seconds the computation took and whether it came from
        the cache.

    Raises
    ------
    TypeError
        If ``estimator`` has no ``fit`` or ``corrector`` no ``transform`` (for example the two
        swapped), naming what was given.
    """
    for name, value, method in (("estimator", estimator, "fit"), ("corrector", corrector, "transform")):
        if not callable(getattr(value, method, None)):
            raise TypeError(
                f"{name} must be a NiMARE object with a .{method}() method, got {type(value).__name__}"
            )
    from_cache = _fit_and_correct.in_cache(studyset, estimator, corrector)
    result, seconds = _fit_and_correct(studyset, estimator, corrector)
    return Run(result, seconds, from_cache)
