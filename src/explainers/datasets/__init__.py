"""Every loader of public data that ships inside installed packages, read offline.

Coordinate atlases (:mod:`~explainers.datasets.rois`) and the named nodes derived from them
(:mod:`~explainers.datasets.nodes`), MNI volumes (:mod:`~explainers.datasets.volumes`) and
Harvard-Oxford names (:mod:`~explainers.datasets.anatomy`), fsLR surfaces and surface atlases
(:mod:`~explainers.datasets.surfaces`), HCP group connectivity
(:mod:`~explainers.datasets.connectivity`), one resting-state run
(:mod:`~explainers.datasets.restingstate`), coordinate study sets
(:mod:`~explainers.datasets.studysets`), the heat-pain study (:mod:`~explainers.datasets.heatpain`)
and the SIMULATED signals of schematic figures (:mod:`~explainers.datasets.simulate`). It imports
only :mod:`explainers.core`; it computes no science beyond reading and checking.
"""
