"""Helpers for the *Pain and the Default Mode* explainer notebooks.

Small modules with one job each. Data flows one way: installed packages and ``data/`` ->
data modules -> figures and chapter pieces -> notebooks -> build and site.

- :mod:`explainers.paths` -- where data, figures, the site and the cache live;
- :mod:`explainers.resources` -- files shipped inside installed packages (no import);
- :mod:`explainers.errors` -- the one wording of bad-input errors;
- :mod:`explainers.vocabulary` -- one spelling for networks, claim statuses and verdicts;
- :mod:`explainers.rois` -- Seitzman and Dosenbach ROI tables;
- :mod:`explainers.nodes` -- named nodes derived from atlas ROIs;
- :mod:`explainers.volumes` -- MNI152 brain mask, coordinate checks, sphere masks;
- :mod:`explainers.anatomy` -- Harvard-Oxford names at a coordinate;
- :mod:`explainers.surfaces` -- fsLR meshes and maps (Yeo-7, Schaefer, Neurosynth, sulcal depth);
- :mod:`explainers.atlases` -- re-exports of the five modules above, for notebooks 00-02;
- :mod:`explainers.connectivity` -- HCP group resting connectivity with network names;
- :mod:`explainers.compare` -- agreement of maps and coordinate sets (pure computations);
- :mod:`explainers.meta` -- coordinate meta-analyses (pain), cached by input hash;
- :mod:`explainers.literature` -- references and the claims ledger;
- :mod:`explainers.simulate` -- SIMULATED signals, every parameter documented;
- :mod:`explainers.style` -- the house style for figures, captions and alt text;
- :mod:`explainers.plotting` -- charts; :mod:`explainers.brainplots` -- glass brains and surfaces;
- :mod:`explainers.manifest` -- checksums of ``data/`` (``data/MANIFEST.csv``);
- :mod:`explainers.offline` -- refuses non-loopback connections in tests and kernels;
- :mod:`explainers.export` -- HTML editions of executed notebooks and the site index;
- :mod:`explainers.build` -- execute, cache, collect figures, export: the ``explainers`` CLI.

Heavy libraries are imported inside the functions that need them, so importing the
package (and running the CLI) stays fast.
"""

__version__ = "0.1.0"
