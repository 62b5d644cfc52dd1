"""The science that is not a picture: models fitted, maps compared, meta-analyses run.

Task models on the heat-pain data with nilearn (:mod:`~explainers.analysis.glm`), NiMARE's
coordinate meta-analysis run once and kept in the disk cache (:mod:`~explainers.analysis.meta`),
agreement between maps (:mod:`~explainers.analysis.compare`), connectivity gradients
(:mod:`~explainers.analysis.gradients`) and denoising (:mod:`~explainers.analysis.denoise`). It
imports :mod:`explainers.core` and :mod:`explainers.datasets`, never figures or words.
"""
