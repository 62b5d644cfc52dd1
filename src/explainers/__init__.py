"""Helpers for the *Pain and the Default Mode* explainer notebooks.

Small modules with one job each. Data flows one way: installed packages and ``data/`` ->
data modules -> figures and chapter pieces -> notebooks -> build and site. A lower layer never
imports a higher one.

Ground

- :mod:`explainers.paths` -- where data, figures, the site and the cache live;
- :mod:`explainers.resources` -- files shipped inside installed packages (never imported);
- :mod:`explainers.errors` -- the one wording of bad-input errors;
- :mod:`explainers.vocabulary` -- one spelling for networks, claim statuses and verdicts;
- :mod:`explainers.digests` -- cache keys from the files, code and versions a result uses;
- :mod:`explainers.manifest` -- checksums of ``data/`` (``data/MANIFEST.csv``);
- :mod:`explainers.offline` -- refuses non-loopback connections in tests and kernels;
- :mod:`explainers.libquirks` -- side effects of nimare and nilearn, contained in one place.

Literature

- :mod:`explainers.bibliography` -- references, author-year citations, reference lists;
- :mod:`explainers.ledger` -- the claims ledger and the press-versus-paper table;
- :mod:`explainers.ledger_check` -- validation of bibliography, ledger and data-source table;
- :mod:`explainers.ledger_views` -- tables and figure data made from the ledger;
- :mod:`explainers.datasources` -- the data-source table: each figure's source and licence;
- :mod:`explainers.usage` -- which claims, figures and sources a notebook uses, recorded as it runs;
- :mod:`explainers.literature` -- the everyday names of the modules above in one import.

Atlases and maps

- :mod:`explainers.rois` -- Seitzman and Dosenbach ROI tables;
- :mod:`explainers.nodes` -- named nodes derived from atlas ROIs;
- :mod:`explainers.volumes` -- MNI152 brain mask, coordinate checks, sphere masks;
- :mod:`explainers.anatomy` -- Harvard-Oxford names at coordinates;
- :mod:`explainers.surfaces` -- fsLR meshes and maps (Yeo-7, Schaefer, Neurosynth, sulcal depth);
- :mod:`explainers.connectivity` -- HCP group resting connectivity with network names;
- :mod:`explainers.compare` -- agreement of maps and coordinate sets (pure computations).

Measured data and analyses

- :mod:`explainers.restingstate` -- one real resting-state run and its confounds (notebook 03);
- :mod:`explainers.denoise` -- least-squares denoising: global signal, confounds, scrubbing;
- :mod:`explainers.gradients` -- the principal connectivity gradient, in numpy;
- :mod:`explainers.seesaw` -- how the default mode network couples with the rest (notebook 03);
- :mod:`explainers.taskfiles` -- the heat-pain study's shipped files, checked and parsed once;
- :mod:`explainers.taskoffsets` -- when its runs started (onsets count from the session);
- :mod:`explainers.taskdata` -- the heat-pain study's time series, events and motion;
- :mod:`explainers.taskregions` -- its 122 regions: where they are, which network;
- :mod:`explainers.taskglm` -- task models, group tests and SIMULATED power (notebook 04);
- :mod:`explainers.meta` -- coordinate meta-analyses (pain ALE), cached by input hash;
- :mod:`explainers.taskstudyset` -- the n-back/flanker peak coordinates shipped with NiMARE;
- :mod:`explainers.painmaps` -- peaks, networks and regions of a pain map (notebook 05);
- :mod:`explainers.painfc` -- medial prefrontal cortex and insula in HCP connectivity (notebook 06);
- :mod:`explainers.evidence` -- the evidence map of later studies, from the ledger (notebook 06);
- :mod:`explainers.simulate` -- SIMULATED signals, every parameter documented.

Figures and chapter pieces

- :mod:`explainers.housestyle` -- one palette, colour maps, sizes, matplotlib settings;
- :mod:`explainers.figures` -- ``show_figure``: alt text, caption, source and licence from data;
- :mod:`explainers.captions` -- the numbered caption and short credit line under a figure;
- :mod:`explainers.compactpng` -- compact, deterministic PNG encoding (adaptive palette);
- :mod:`explainers.plotspec` -- the layer/panel/row specifications of brain figures;
- :mod:`explainers.glassbrains`, :mod:`explainers.surfaceplots` -- brains as glass and surfaces;
- :mod:`explainers.plotting`, :mod:`explainers.compareplots` -- charts;
- :mod:`explainers.seesawplots`, :mod:`explainers.seesawverdict`, :mod:`explainers.painplots`,
  :mod:`explainers.evidenceplot` -- the figures of notebooks 03, 05 and 06;
- :mod:`explainers.chapter` -- the voice: ``say``, ``short_version``, quizzes, exercise checks.

Build and site

- :mod:`explainers.selection` -- which notebooks a command acts on;
- :mod:`explainers.cache` -- content hashes and cache entries;
- :mod:`explainers.runner` -- execute one notebook in an offline kernel;
- :mod:`explainers.export` -- the three HTML editions of a notebook;
- :mod:`explainers.pagefix` -- figure anchors on images; the self-containment check of a page;
- :mod:`explainers.pages`, :mod:`explainers.gallery`, :mod:`explainers.claims_page` -- the index,
  the figure gallery and the claim explorer;
- :mod:`explainers.assemble` -- the site and ``figures/`` in staging folders, swapped in;
- :mod:`explainers.browser`, :mod:`explainers.devtools` -- headless Chromium: PDFs and tests;
- :mod:`explainers.build`, :mod:`explainers.cli` -- the ``explainers`` command.

Heavy libraries are imported inside the functions that need them, so importing the
package (and running the CLI) stays fast.
"""

__version__ = "0.1.0"
