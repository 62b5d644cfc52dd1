"""How the collection looks, and the one way a figure reaches a reader with its caption and licence.

The house style (:mod:`~explainers.figures.housestyle`), :func:`~explainers.figures.show.show_figure`
with its caption, alt text, credit and licence (:mod:`~explainers.figures.show`,
:mod:`~explainers.figures.captions`), compact PNG encoding (:mod:`~explainers.figures.compactpng`)
explorable figures, the same HTML in Jupyter and on the pages (:mod:`~explainers.figures.explorables`),
and the chart kinds that two or more chapters share: glass brains
(:mod:`~explainers.figures.glassbrains`) and surface rows (:mod:`~explainers.figures.surfaceplots`,
with the layer and panel specifications of :mod:`~explainers.figures.plotspec`). A figure that serves
one chapter is drawn in that chapter's cells, with matplotlib and nilearn in the house style. It imports
:mod:`explainers.core`, :mod:`explainers.literature` (credit lines) and :mod:`explainers.datasets`
(meshes, templates).
"""
