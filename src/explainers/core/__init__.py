"""The ground floor: what every other part of the package stands on, and nothing of the package below it.

It owns where things live (:mod:`~explainers.core.paths`), how files shipped inside installed
packages are found without importing them (:mod:`~explainers.core.resources`), the one wording of
bad-input errors (:mod:`~explainers.core.errors`), the one spelling of networks, claim statuses and
verdicts (:mod:`~explainers.core.vocabulary`), the side effects of third-party libraries, contained
(:mod:`~explainers.core.libquirks`), the one disk cache of derived results, keyed on arguments,
code, library versions and input files, and the read-only form of results shared in memory
(:mod:`~explainers.core.memory`), the colours figures and pages share
(:mod:`~explainers.core.palette`), the explorable figures' one script and stylesheet
(:mod:`~explainers.core.explorables`) and the notebooks' titles and summaries
(:mod:`~explainers.core.notebooks`).
It imports nothing of the package.
"""
