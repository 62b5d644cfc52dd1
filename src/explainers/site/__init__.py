"""The pages readers open: three HTML editions of each executed notebook and the pages around them.

Editions (:mod:`~explainers.site.export`, figures anchored and numbered from their output
metadata) and the check that a page reaches no other host (:mod:`~explainers.site.postprocess`),
the site's pages rendered from the Jinja2 templates in ``templates/site/`` and the index
(:mod:`~explainers.site.pages`), the figure gallery and each figure's own embed page
(:mod:`~explainers.site.gallery`), the printable handout of each chapter
(:mod:`~explainers.site.handout`), the claim explorer
(:mod:`~explainers.site.explorer`), the explorable figures' script and stylesheet inlined once
per page (:mod:`~explainers.site.explorables`), assembly into a staging folder swapped in at the end
(:mod:`~explainers.site.assemble`) with the stamp of what a site was built from
(:mod:`~explainers.site.stamp`), and PDF printing of the handouts
(:mod:`~explainers.site.browser`). It imports
:mod:`explainers.core` and :mod:`explainers.literature` only: it reads executed notebooks and
figure records, never data or analyses.
"""
