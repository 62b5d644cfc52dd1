"""The ``explainers`` command: which notebooks run, in what order, with what cache, and the site after.

The command line (:mod:`~explainers.build.cli`) and what each command does
(:mod:`~explainers.build.commands`), the choice of notebooks and the closing table
(:mod:`~explainers.build.selection`), the content-hash cache of executed notebooks
(:mod:`~explainers.build.cache`), execution in a fresh offline kernel
(:mod:`~explainers.build.runner`, :mod:`~explainers.build.offline`) and the checksums of
``data/`` (:mod:`~explainers.build.manifest`). It imports :mod:`explainers.site` and
:mod:`explainers.core`.
"""
