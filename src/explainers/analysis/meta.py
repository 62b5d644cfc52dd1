"""Coordinate meta-analyses that run offline: pain (NIDM, 21 studies) and a task studyset.

The pain data are the 21 pain-versus-baseline fMRI studies that nimare ships as
``nidm_pain_dset.json`` (NIDM-Results exports, NeuroVault collection 1425; 267 peaks).
The tables are read straight from that JSON file, which is quick and does not need nimare;
only :func:`pain_ale` imports nimare, and it keeps its maps in the disk cache
(:mod:`explainers.core.memory`), keyed on its arguments, the studyset file, this module's code
and the versions of nimare and the libraries it computes with.


nimare's side effects (its logging set-up, its matplotlib backend switch, its progress bars)
and nilearn's forced garbage collections are contained in :mod:`explainers.core.libquirks`.
The ALE runs on ``nidm_pain_studyset.json``, the NIMADS twin of the same data (same 21
studies and 267 peaks, checked in the tests), because ``nimare.dataset.Dataset`` is
deprecated and raises FutureWarnings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainers.core import libquirks, memory
from explainers.datasets import studysets

ALE_ITERATIONS = 100
"""Monte Carlo iterations of the cluster-level FWE correction (measured: see :func:`pain_ale`)."""
ALE_SEED = 2008
"""Seed of the Monte Carlo null distribution, so every run draws the same null maps."""
ALE_VOXEL_THRESHOLD = 0.001
"""Cluster-forming threshold: uncorrected voxel p (nimare's default)."""
CLUSTER_ALPHA = 0.05
"""Cluster-level family-wise error rate kept in the thresholded map."""
CLUSTER_MAP = "logp_desc-size_level-cluster_corr-FWE_method-montecarlo"
VOXEL_MAP = "logp_level-voxel_corr-FWE_method-montecarlo"


@dataclass(frozen=True)
class PainMeta:
    """The ALE of the 21 pain studies, corrected and ready to draw.

    Attributes
    ----------
    z : nibabel.Nifti1Image
        Uncorrected ALE z values (MNI152 2 mm, 91 x 109 x 91).
    cluster_logp : nibabel.Nifti1Image
        -log10 of the cluster-level FWE p of the cluster each voxel belongs to (0 outside
        clusters that pass the cluster-forming threshold).
    thresholded : nibabel.Nifti1Image
        ``z`` where the cluster-level FWE p < :data:`CLUSTER_ALPHA`, 0 elsewhere.
    summary : dict
        Numbers for the text: ``n_studies``, ``n_peaks``, ``n_participants``, ``n_iters``,
        ``seed``, ``voxel_thresh``, ``cluster_alpha``, ``z_max``, ``z_max_xyz``,
        ``n_voxels`` (in the thresholded map), ``voxel_mm3``, ``from_cache``, ``seconds``
        (None if cached), ``key`` (the cache's name for this call) and ``reference``.
    """

    z: object
    cluster_logp: object
    thresholded: object
    summary: dict


def _build(n_iters: int, seed: int, voxel_thresh: float, n_cores: int):
    """Construct (not run) the estimator and the corrector from the arguments."""
    Studyset, ALE, FWECorrector = libquirks.import_nimare()
    estimator = ALE(null_method="approximate", random_state=seed)
    corrector = FWECorrector(method="montecarlo", n_iters=n_iters, voxel_thresh=voxel_thresh, n_cores=n_cores)
    return Studyset, estimator, corrector


def _run(Studyset, estimator, corrector):
    studyset = Studyset(str(studysets.pain_studyset_file()))
    with libquirks.no_progress_bars(), libquirks.quick_gc():
        corrected = corrector.transform(estimator.fit(studyset))
    return corrected.get_map("z"), corrected.get_map(CLUSTER_MAP)


# Every setting that reaches nimare is an argument or this module's code (_build), and nimare's
# own defaults come with its version; nimare computes with nilearn, scipy and numpy.
@memory.cached(
    code=("core.libquirks", "datasets.studysets"),
    versions=("matplotlib", "nibabel", "nilearn", "nimare", "numpy", "pandas", "scipy"),
    files=lambda: [studysets.pain_studyset_file()],
)
def _ale_maps(n_iters: int, seed: int, voxel_thresh: float, n_cores: int) -> tuple[np.ndarray, np.ndarray]:
    """Run the ALE and its correction; return the z and cluster maps stacked (float32) and the affine."""
    z_map, cluster_map = _run(*_build(n_iters, seed, voxel_thresh, n_cores))
    stack = np.stack(
        [np.asarray(z_map.dataobj, np.float32), np.asarray(cluster_map.dataobj, np.float32)], axis=-1
    )
    return stack, z_map.affine


def _check_positive(name: str, value, kind=int) -> None:
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        raise ValueError(f"{name} must be a positive {kind.__name__}, got {value!r}")


def pain_ale(
    n_iters: int = ALE_ITERATIONS,
    seed: int = ALE_SEED,
    voxel_thresh: float = ALE_VOXEL_THRESHOLD,
    n_cores: int = 2,
    use_cache: bool = True,
) -> PainMeta:
    """Run (or reuse) an activation likelihood estimation (ALE) of the 21 pain studies.

    nimare's ALE (sample-size-dependent Gaussian kernels, analytic null for the z map)
    runs on ``nidm_pain_studyset.json``; the map is then corrected for multiple
    comparisons with a cluster-level family-wise error (FWE) test: clusters are formed at
    voxel p < ``voxel_thresh`` and kept if they are larger than the largest cluster in all
    but :data:`CLUSTER_ALPHA` of ``n_iters`` Monte Carlo null maps (random peaks, seeded).
    With 100 iterations (about 4 s on 2 cores) the smallest attainable p is 0.01;
    nimare's default is 5,000 iterations (about 2 minutes here).

    The maps are kept in the disk cache (:mod:`explainers.core.memory`), keyed on the
    arguments, the studyset file, this module's code (which builds the estimator and the
    corrector) and the versions of nimare and the libraries it computes with, so any change
    gives a new key and a stale map is never reused.

    Parameters
    ----------
    n_iters : int, default :data:`ALE_ITERATIONS`
        Monte Carlo iterations of the FWE correction.
    seed : int, default :data:`ALE_SEED`
        Seed of the Monte Carlo null maps.
    voxel_thresh : float, default :data:`ALE_VOXEL_THRESHOLD`
        Cluster-forming (uncorrected) voxel p, between 0 and 1.
    n_cores : int, default 2
        Processes for the Monte Carlo step.
    use_cache : bool, default True
        Reuse a cached result if present (a run always writes the cache).

    Returns
    -------
    PainMeta

    Raises
    ------
    ValueError
        If ``n_iters``, ``seed`` or ``n_cores`` is not a positive integer or
        ``voxel_thresh`` is not strictly between 0 and 1.
    """
    import time

    import nibabel as nib

    _check_positive("n_iters", n_iters)
    _check_positive("seed", seed)
    _check_positive("n_cores", n_cores)
    if not isinstance(voxel_thresh, float) or not 0 < voxel_thresh < 1:
        raise ValueError(f"voxel_thresh must be a float strictly between 0 and 1, got {voxel_thresh!r}")
    arguments = (n_iters, seed, voxel_thresh, n_cores)
    seconds = None
    if use_cache and _ale_maps.in_cache(*arguments):
        stack, affine = _ale_maps(*arguments)
    else:
        start = time.perf_counter()
        stack, affine = _ale_maps.refresh(*arguments)
        seconds = time.perf_counter() - start
    z = nib.Nifti1Image(stack[..., 0].copy(), affine)
    cluster_logp = nib.Nifti1Image(stack[..., 1].copy(), affine)
    keep = stack[..., 1] > -np.log10(CLUSTER_ALPHA)
    thresholded = nib.Nifti1Image(np.where(keep, stack[..., 0], 0).astype(np.float32), affine)
    data = stack[..., 0]
    ijk = np.unravel_index(int(np.nanargmax(data)), data.shape)
    summary = {
        "n_studies": len(studysets.load_pain_studies()),
        "n_peaks": len(studysets.load_pain_peaks()),
        "n_participants": int(studysets.load_pain_studies()["sample_size"].sum()),
        "n_iters": n_iters,
        "seed": seed,
        "voxel_thresh": voxel_thresh,
        "cluster_alpha": CLUSTER_ALPHA,
        "z_max": float(np.nanmax(data)),
        "z_max_xyz": tuple(float(v) for v in (affine @ np.r_[ijk, 1])[:3]),
        "n_voxels": int(keep.sum()),
        "voxel_mm3": float(abs(np.linalg.det(affine[:3, :3]))),
        "from_cache": seconds is None,
        "seconds": seconds,
        "key": _ale_maps.call_id(*arguments),
        "reference": studysets.PAIN_REFERENCE,
    }
    return PainMeta(z, cluster_logp, thresholded, summary)


def nimare_default_iterations() -> int:
    """Return nimare's own default number of Monte Carlo iterations for ALE's FWE correction.

    Read from the signature of the installed nimare, so the text that compares it with
    :data:`ALE_ITERATIONS` never goes stale.

    Returns
    -------
    int
    """
    import inspect

    _, ALE, _ = libquirks.import_nimare()
    return int(inspect.signature(ALE.correct_fwe_montecarlo).parameters["n_iters"].default)
