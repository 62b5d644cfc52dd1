"""Compatibility facade: the names notebooks 00-02 use, now defined in modules of one job.

New code imports from the module that does the job:

- :mod:`explainers.rois` -- Seitzman and Dosenbach ROI tables, :func:`~explainers.rois.network_rois`;
- :mod:`explainers.nodes` -- named nodes (mPFC, PCC/precuneus, ...) derived from those ROIs;
- :mod:`explainers.volumes` -- the MNI152 brain mask, coordinate checks, sphere masks;
- :mod:`explainers.anatomy` -- Harvard-Oxford names at a coordinate;
- :mod:`explainers.surfaces` -- fsLR meshes, Yeo-7, Schaefer, Neurosynth, sulcal depth;
- :mod:`explainers.vocabulary` -- the network names (:data:`NETWORKS`) and their aliases.

Everything below is a re-export; nothing is defined here.
"""

from __future__ import annotations

from . import resources
from .anatomy import HARVARD_OXFORD_REFERENCE, NO_LABEL, anatomical_labels, anatomical_name
from .nodes import NAMED_NODE_COLUMNS, named_node_rules, named_nodes
from .rois import (
    ATLASES,
    DOSENBACH_RADIUS_MM,
    MIDLINE_MM,
    NETWORK_MAP,
    REFERENCES,
    ROI_COLUMNS,
    load_roi_table,
    network_rois,
)
from .surfaces import (
    FSLR_SURFACES,
    FSLR_VERTICES_PER_HEMISPHERE,
    NEUROSYNTH_REFERENCE,
    SCHAEFER_PARCELS,
    SCHAEFER_REFERENCE,
    YEO7_NAMES,
    YEO_REFERENCE,
    SurfaceMesh,
    fslr_mesh,
    fslr_sulcal_depth,
    neurosynth_default_mode_fslr,
    schaefer_fslr,
    yeo7_fslr,
)
from .vocabulary import NETWORKS
from .volumes import check_in_brain, in_brain, mni_brain_mask, sphere_mask

# Kept only until explainers.meta reads its files through explainers.resources.package_dir
# (one-line change in meta._resources); then delete this line.
_package_dir = resources.package_dir

__all__ = [
    "ATLASES",
    "DOSENBACH_RADIUS_MM",
    "FSLR_SURFACES",
    "FSLR_VERTICES_PER_HEMISPHERE",
    "HARVARD_OXFORD_REFERENCE",
    "MIDLINE_MM",
    "NAMED_NODE_COLUMNS",
    "NETWORKS",
    "NETWORK_MAP",
    "NEUROSYNTH_REFERENCE",
    "NO_LABEL",
    "REFERENCES",
    "ROI_COLUMNS",
    "SCHAEFER_PARCELS",
    "SCHAEFER_REFERENCE",
    "YEO7_NAMES",
    "YEO_REFERENCE",
    "SurfaceMesh",
    "anatomical_labels",
    "anatomical_name",
    "check_in_brain",
    "fslr_mesh",
    "fslr_sulcal_depth",
    "in_brain",
    "load_roi_table",
    "mni_brain_mask",
    "named_node_rules",
    "named_nodes",
    "network_rois",
    "neurosynth_default_mode_fslr",
    "schaefer_fslr",
    "sphere_mask",
    "yeo7_fslr",
]
