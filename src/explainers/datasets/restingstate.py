"""One real resting-state fMRI run, as shipped by brainspace for its preprocessing tutorial.

brainspace (``brainspace/datasets/preprocessing/``) ships one person's resting run on the
fsaverage5 surface (10,242 vertices per hemisphere, 652 frames) and a table of 29
confounds. brainspace never says where the run comes from. Its file name,
``sub-010188_ses-02_task-rest_acq-AP_run-01``, matches the MPI-Leipzig Mind-Brain-Body
dataset (OpenNeuro ds000221), whose file listing holds ``sub-010188/ses-02`` and whose
``dataset_description.json`` gives the licence CC0. That is an **inference** from the name,
stated as one in :data:`PROVENANCE`.

The confound columns carry no names. :data:`CONFOUND_GROUPS` names them from their
measured structure (tested in ``tests/unit/test_restingstate.py``): six orthonormal,
zero-mean components (the form CompCor-style noise components take), six motion-like
traces, their six frame-to-frame differences, eight single-frame spike regressors and three
slow polynomial trends. These names are inferences too.

The run is read directly from the package files: ``brainspace.datasets`` imports VTK,
which this project does not install.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from explainers.core import memory, resources

RUN = "sub-010188_ses-02_task-rest_acq-AP_run-01"
HEMISPHERES = ("lh", "rh")
N_VERTICES_PER_HEMISPHERE = 10242
N_FRAMES = 652
REGION_RADIUS_MM = 10.0
"""Vertices of the pial surface within this distance of a node form its region."""

CONFOUND_GROUPS = {
    "components": range(6),
    "motion": range(6, 12),
    "motion_differences": range(12, 18),
    "spikes": range(18, 26),
    "trends": range(26, 29),
}
"""Confound columns by kind, named from their structure (an inference; see the module notes)."""

PROVENANCE = {
    "files": f"brainspace/datasets/preprocessing/{RUN}.fsa5.{{lh,rh}}.mgz and {RUN}_confounds.txt",
    "dataset": "MPI-Leipzig Mind-Brain-Body (OpenNeuro ds000221)",
    "dataset_reference": "ds000221",
    "licence": "CC0 (ds000221 dataset_description.json)",
    "status": "inference",
    "reason": (
        "brainspace does not name the source; the subject, session and acquisition labels of the file "
        "name match ds000221, whose listing holds sub-010188/ses-02"
    ),
    "tr_note": (
        "the .mgz header says 1.0 s, which looks like a default; "
        "the dataset's protocol TR was not verified here. "
        "Correlations of unfiltered series do not depend on the TR"
    ),
}
"""Where the run comes from, and how sure we are."""


class RestingRun(NamedTuple):
    """The run: ``data`` (frames x vertices, left hemisphere first), ``confounds`` and ``tr_header``."""

    data: np.ndarray
    confounds: pd.DataFrame
    tr_header: float


def _folder() -> Path:
    return resources.package_dir("brainspace") / "datasets" / "preprocessing"


def _confound_names() -> list[str]:
    return [f"{group}_{i + 1}" for group, columns in CONFOUND_GROUPS.items() for i in range(len(columns))]


def _mgz_files() -> list[Path]:
    return [_folder() / f"{RUN}.fsa5.{hemisphere}.mgz" for hemisphere in HEMISPHERES]


@functools.lru_cache(maxsize=1)
def _run() -> RestingRun:
    confounds = pd.DataFrame(np.loadtxt(_folder() / f"{RUN}_confounds.txt"), columns=_confound_names())
    data, tr = _read_mgz()
    if data.shape != (N_FRAMES, 2 * N_VERTICES_PER_HEMISPHERE) or len(confounds) != N_FRAMES:
        raise RuntimeError(f"unexpected resting run shape {data.shape} / confounds {confounds.shape}")
    return RestingRun(memory.read_only(data), confounds, tr)


# Decompressing the two .mgz files takes about 1 s; the plain array is kept in the disk cache.
@memory.cached(versions=("nibabel", "numpy", "pandas"), files=_mgz_files)
def _read_mgz() -> tuple[np.ndarray, float]:
    import nibabel as nib

    parts, tr = [], None
    for path in _mgz_files():
        image = nib.load(path)
        values = np.asarray(image.dataobj, dtype=np.float32).reshape(N_VERTICES_PER_HEMISPHERE, -1)
        parts.append(values.T)
        tr = float(image.header["tr"]) / 1000.0  # MGH stores milliseconds
    return np.concatenate(parts, axis=1), tr


def load_run() -> RestingRun:
    """Load the resting run and its confounds from brainspace's files.

    Returns
    -------
    RestingRun
        ``data``: float32 array (652 frames x 20,484 vertices, left hemisphere first;
        read-only, shared between calls); ``confounds``: 652 x 29 table with columns named
        by :data:`CONFOUND_GROUPS`; ``tr_header``: the repetition time in the file header,
        in seconds (see :data:`PROVENANCE` on why it is not trusted).
    """
    run = _run()
    return RestingRun(run.data, run.confounds.copy(), run.tr_header)


def confound_columns(*groups: str) -> list[str]:
    """Column names of the chosen confound groups.

    Parameters
    ----------
    *groups : str
        Keys of :data:`CONFOUND_GROUPS`.

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        For an unknown group, naming the valid ones.
    """
    names = _confound_names()
    out = []
    for group in groups:
        if group not in CONFOUND_GROUPS:
            raise ValueError(f"unknown confound group {group!r}; choose from: {', '.join(CONFOUND_GROUPS)}")
        out += [name for name in names if name.rsplit("_", 1)[0] == group]
    return out


def cortex_mask(data: np.ndarray | None = None) -> np.ndarray:
    """Vertices with a signal (the medial wall is constant zero in this run).

    Parameters
    ----------
    data : numpy.ndarray, optional
        Frames x vertices; default the run itself.

    Returns
    -------
    numpy.ndarray of bool, shape (20484,)
    """
    if data is None:
        return _run_cortex().copy()
    return data.std(axis=0) > 0


@functools.lru_cache(maxsize=1)
def _run_cortex() -> np.ndarray:
    return memory.read_only(cortex_mask(_run().data))  # the run's own mask, computed once


@functools.lru_cache(maxsize=1)
def _pial_vertices() -> np.ndarray:
    # The files nilearn's load_fsaverage("fsaverage5")["pial"] reads, read directly: importing
    # nilearn.datasets (and scikit-learn with it) would take longer than reading them.
    import nibabel as nib

    folder = resources.package_dir("nilearn") / "datasets" / "data" / "fsaverage5"
    halves = [nib.load(folder / f"pial_{h}.gii.gz") for h in ("left", "right")]
    coords = np.concatenate([half.agg_data("NIFTI_INTENT_POINTSET") for half in halves])
    return memory.read_only(coords.astype(float))


def node_regions(nodes: pd.DataFrame, radius_mm: float = REGION_RADIUS_MM) -> dict[str, np.ndarray]:
    """Vertices of the fsaverage5 pial surface near each node.

    fsaverage coordinates are close to, not identical with, MNI152 millimetres, so the
    radius is generous.

    Parameters
    ----------
    nodes : pandas.DataFrame
        Columns ``node``, ``x``, ``y``, ``z`` (MNI mm), e.g. :func:`explainers.datasets.nodes.named_nodes`.
    radius_mm : float, default :data:`REGION_RADIUS_MM`

    Returns
    -------
    dict
        Node name -> indices of the cortical vertices (medial wall excluded) within the radius.

    Raises
    ------
    ValueError
        If a node has no cortical vertex within the radius (e.g. a subcortical node).
    """
    vertices, usable = _pial_vertices(), cortex_mask()
    regions = {}
    for row in nodes.itertuples():
        distance = np.linalg.norm(vertices - np.array([row.x, row.y, row.z]), axis=1)
        inside = np.flatnonzero((distance <= radius_mm) & usable)
        if inside.size == 0:
            raise ValueError(
                f"node {row.node!r} at ({row.x:g}, {row.y:g}, {row.z:g}) "
                f"has no cortical vertex within {radius_mm:g} mm"
            )
        regions[row.node] = inside
    return regions


def region_series(data: np.ndarray, regions: dict[str, np.ndarray]) -> pd.DataFrame:
    """Mean time series of each region.

    Parameters
    ----------
    data : numpy.ndarray
        Frames x vertices.
    regions : dict
        Name -> vertex indices (:func:`node_regions`).

    Returns
    -------
    pandas.DataFrame
        Frames x regions.
    """
    return pd.DataFrame({name: data[:, index].mean(axis=1) for name, index in regions.items()})


def global_signal(data: np.ndarray | None = None) -> np.ndarray:
    """Mean over all cortical vertices at each frame (the cortical global signal).

    Parameters
    ----------
    data : numpy.ndarray, optional
        Frames x vertices; default the run itself.

    Returns
    -------
    numpy.ndarray, shape (frames,)
    """
    data = _run().data if data is None else data
    return data[:, cortex_mask(data)].mean(axis=1, dtype=np.float64)
