"""The science that is not a picture: models fitted, maps compared, meta-analyses run.

Task models on the heat-pain data with nilearn (:mod:`~explainers.analysis.glm`), the SIMULATED
power of a two-group study resampled from their estimates (:mod:`~explainers.analysis.power`),
NiMARE's coordinate meta-analysis run once and kept in the disk cache
(:mod:`~explainers.analysis.meta`), agreement between maps (:mod:`~explainers.analysis.compare`).
Connectivity, signal cleaning and gradients need no module of ours: notebook 03 calls nilearn's
``ConnectivityMeasure`` and ``signal.clean`` and BrainSpace's ``GradientMaps`` in its cells. It
imports :mod:`explainers.core` and :mod:`explainers.datasets`, never figures or words.
"""
