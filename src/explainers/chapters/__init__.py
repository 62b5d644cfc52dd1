"""Computations that serve one chapter and deserve tests; only notebooks import them.

One module per chapter's own science (for example the seesaw of notebook 03); a figure drawn once
is drawn in its notebook's cells, not here. Modules here may import every other wing, and no wing
imports them.

- notebook 03: :mod:`~explainers.chapters.seesaw` (network contrasts, seed maps, seed coupling
  per run and processing step, peaks by network, kinds of contrast);
- notebook 04: :mod:`~explainers.chapters.deactivation` (the baseline of a dip, the evidence for
  re-pairing the run-1 files, every heat period with its rating);
- notebook 05: :mod:`~explainers.chapters.painmaps` (peaks, networks and regions of a pain map);
  its figures are drawn in its cells;
- notebook 06: :mod:`~explainers.chapters.after2008` (the medial prefrontal, posterior midline and
  insula parcel sets; the evidence map counted by design); its figures are drawn in its cells.
"""
