"""Helpers for the *Pain and the Default Mode* explainer notebooks.

The package is built in wings, one job each, and data flow one way: files shipped in installed
packages -> ``datasets`` -> ``analysis`` -> notebook cells -> ``figures`` (with ``literature`` for
words and licences) -> executed notebooks -> ``build`` -> ``site``. Each wing's own docstring says
what it owns; ``make lint`` holds the imports to this table (import-linter contracts in
``pyproject.toml``).

============================  ===============================================  =======================
wing                          owns                                             may import
============================  ===============================================  =======================
:mod:`explainers.core`        paths, shipped files, errors, vocabulary,        nothing of the package
                              palette, notebook titles, quirks, the cache
:mod:`explainers.literature`  bibliography, claims ledger and its checks,      core
                              views, data sources and licences, usage
:mod:`explainers.datasets`    every loader of shipped public data; the         core
                              heat-pain study in ``datasets.heatpain``
:mod:`explainers.analysis`    GLM, meta-analysis, map comparison               core, datasets
:mod:`explainers.figures`     house style, ``show_figure`` with caption and    core, literature,
                              licence, PNG encoding, shared chart kinds        datasets
:mod:`explainers.chapter`     a chapter's voice: say, short version, quiz      core, literature
:mod:`explainers.chapters`    computations that serve one chapter              all above; only
                                                                               notebooks import it
:mod:`explainers.site`        HTML editions, index, gallery, claim explorer    core, literature
:mod:`explainers.build`       the ``explainers`` command, cache, runner        site, literature, core
============================  ===============================================  =======================

Heavy libraries are imported inside the functions that need them, so importing the package (and
running the command line) stays fast.
"""

__version__ = "0.1.0"
