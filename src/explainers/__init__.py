"""Helpers for the *Pain and the Default Mode* explainer notebooks.

Small modules with one job each:

- :mod:`explainers.paths` -- where data, figures, the site and the cache live;
- :mod:`explainers.atlases` -- DMN and other networks from public atlases that load offline;
- :mod:`explainers.connectivity` -- HCP group resting connectivity with network names;
- :mod:`explainers.meta` -- coordinate meta-analyses (pain), cached by input hash;
- :mod:`explainers.literature` -- references and the claims ledger;
- :mod:`explainers.simulate` -- SIMULATED signals, every parameter documented;
- :mod:`explainers.style` -- the house style for figures, captions and alt text;
- :mod:`explainers.export` -- HTML editions of executed notebooks and the site index;
- :mod:`explainers.build` -- execute, cache, collect figures, export: the ``explainers`` CLI.

Heavy libraries are imported inside the functions that need them, so importing the
package (and running the CLI) stays fast.
"""

__version__ = "0.1.0"
