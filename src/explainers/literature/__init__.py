"""What the collection may say, and on what source: the literature wing.

It owns the bibliography (:mod:`~explainers.literature.bibliography`), the claims ledger and the
press table (:mod:`~explainers.literature.ledger`), their checks
(:mod:`~explainers.literature.checks`), tables and figure data made from them
(:mod:`~explainers.literature.views`), the one table of data sources and licences
(:mod:`~explainers.literature.datasources`), the run-time record of what each notebook used
(:mod:`~explainers.literature.usage`), the record kept beside each figure
(:mod:`~explainers.literature.figurerecords`) and the evidence map of later studies
(:mod:`~explainers.literature.evidence`). It imports only :mod:`explainers.core`.
"""
