"""Side effects and hidden costs of nimare and nilearn, contained in one place.

- ``import nimare`` configures the root logger at INFO (``logging.basicConfig``), which
  would print every library's INFO messages to stderr; :func:`import_nimare` neutralises
  that call.
- importing ``nimare.meta`` switches matplotlib to the Agg backend (``mpl.use("Agg",
  force=True)`` in ``nimare.reports.figures``), which would stop inline figures in a
  notebook; :func:`import_nimare` puts the previous backend back straight after the import.
- nimare's Monte Carlo loop draws tqdm progress bars on stderr, which would break nbval;
  :func:`no_progress_bars` silences them for one call.
- nilearn forces a full garbage collection every time it reads an image's data
  (``nilearn._utils.niimg.safe_get_data``); in a notebook kernel holding nimare, nilearn
  and matplotlib that costs about 0.3 s per read, several seconds per page.
  :func:`quick_gc` freezes the objects that exist before a step, so those collections only
  visit what the step itself creates (the memory they are meant to free).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from pathlib import Path

from explainers.core import resources


def nimare_resources() -> Path:
    """Return nimare's folder of shipped data without importing nimare.

    ``nimare.utils.get_resource_path()`` would import nimare (about 3 s); the folder is in
    the installed package.

    Returns
    -------
    pathlib.Path
    """
    return resources.package_dir("nimare") / "resources"


def import_nimare():
    """Import the nimare classes a coordinate meta-analysis needs, without global side effects.

    ``import nimare`` calls ``logging.basicConfig(level=INFO)``; a handler on the root
    logger during the import makes that call a no-op. ``nimare.meta`` forces matplotlib's
    Agg backend; the previous backend is restored afterwards.

    Returns
    -------
    tuple
        ``(Studyset, ALE, FWECorrector)``.
    """
    import logging

    import matplotlib

    # Resolve the backend first (a no-op inside Jupyter, where it is already set), so
    # there is a concrete name to go back to after nimare forces Agg.
    previous = matplotlib.get_backend()
    root = logging.getLogger()
    guard = logging.NullHandler() if not root.handlers else None
    if guard is not None:
        root.addHandler(guard)
    try:
        from nimare.correct import FWECorrector
        from nimare.meta.cbma import ALE
        from nimare.nimads import Studyset
    finally:
        if guard is not None:
            root.removeHandler(guard)
    if matplotlib.get_backend() != previous:
        matplotlib.use(previous)
    return Studyset, ALE, FWECorrector


@contextlib.contextmanager
def no_progress_bars():
    """Silence the tqdm bars of nimare's coordinate-based meta-analyses, for one block.

    ``TQDM_DISABLE`` cannot help: tqdm reads it once, when tqdm is imported. So the name
    nimare calls is swapped for a silent one and put back afterwards.
    """
    from nimare.meta.cbma import base as cbma_base

    bar = cbma_base.tqdm
    cbma_base.tqdm = functools.partial(bar, disable=True)
    try:
        yield
    finally:
        cbma_base.tqdm = bar


@contextlib.contextmanager
def quick_gc():
    """Make the garbage collections nilearn forces cheap, for one block.

    Objects alive on entry are moved to the collector's permanent generation
    (:func:`gc.freeze`) and given back on exit (:func:`gc.unfreeze`); collections inside the
    block still free everything the block itself creates. Nested use is harmless.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
