"""The coarse drawing option of surfaceplots.surface_maps (used for notebook 03's seed map)."""

import numpy as np
import pytest

from explainers.datasets import surfaces
from explainers.figures import surfaceplots

N = surfaces.FSLR_VERTICES_PER_HEMISPHERE


def test_coarse_mesh_has_fewer_triangles_and_shows_values_that_exist():
    mesh, keep = surfaceplots.coarse_mesh(2.0)
    full = surfaces.fslr_mesh("inflated")
    assert len(mesh.left[1]) < len(full.left[1]) / 2 and len(mesh.right[1]) < len(full.right[1]) / 2
    assert len(keep) == len(mesh.left[0]) + len(mesh.right[0])
    left = keep[: len(mesh.left[0])]
    assert left.max() < N and keep[len(mesh.left[0]) :].min() >= N  # hemispheres stay apart
    for coords, faces in mesh:
        assert faces.max() < len(coords)
        assert np.all(
            (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])
        )
    # each coarse vertex lies near the original vertex whose value it shows
    gap = np.linalg.norm(mesh.left[0] - full.left[0][left], axis=1)
    assert np.max(gap) < 2.0 * np.sqrt(3)


def test_coarse_mesh_refuses_a_bad_cell_size():
    with pytest.raises(ValueError, match="cell_mm"):
        surfaceplots.coarse_mesh(0)


def test_surface_maps_coarse_refuses_values_of_the_wrong_shape():
    with pytest.raises(ValueError, match="fsLR 32k vertex"):
        surfaceplots.surface_maps(
            [{"values": np.zeros(N), "cmap": "viridis", "vmin": 0, "vmax": 1, "label": "x"}], coarsen_mm=2.0
        )
