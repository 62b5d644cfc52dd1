"""SIMULATED signals for schematic figures. Nothing here is measured data.

Every parameter is a named field with a note saying where its value comes from. Values that
are only illustrative say so: the 2008 paper's block timing and effect sizes have not been
verified from its full text, so no function here claims to reproduce them. Figures made
from these functions must be shown with ``show_figure(..., simulated=True)``, which stamps
them SIMULATED.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIMULATED = "SIMULATED"


@dataclass(frozen=True)
class BlockDesign:
    """An alternating task/rest block design and the responses it evokes (SIMULATED).

    Attributes
    ----------
    block_seconds : float
        Length of each task and each rest block. ILLUSTRATIVE: 30 s is a common block length
        in fMRI attention studies; the 2008 study's own timing is not verified here.
    n_cycles : int
        Number of task-then-rest cycles.
    lead_in_seconds : float
        Rest before the first task block, so the first response starts from baseline.
    sampling_seconds : float
        Time step of the returned curves (fine enough to draw smooth lines; not a TR).
    task_amplitude : float
        Peak response of an attention region during task, in arbitrary units. ILLUSTRATIVE.
    default_amplitude : float
        Response of a default-mode region during task in pain-free controls (negative: a
        task-induced decrease). ILLUSTRATIVE, set to half the task response.
    patient_fraction : float
        The patients' default-mode dip as a fraction of the controls' dip. ILLUSTRATIVE: the
        paper reports *reduced* deactivation; 0.4 only draws "smaller" and is not its value.
    """

    block_seconds: float = 30.0
    n_cycles: int = 4
    lead_in_seconds: float = 20.0
    sampling_seconds: float = 0.1
    task_amplitude: float = 1.0
    default_amplitude: float = -0.5
    patient_fraction: float = 0.4

    def __post_init__(self) -> None:
        for name in ("block_seconds", "sampling_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.n_cycles < 1:
            raise ValueError(f"n_cycles must be at least 1, got {self.n_cycles}")
        if not 0.0 <= self.patient_fraction <= 1.0:
            raise ValueError(f"patient_fraction must lie between 0 and 1, got {self.patient_fraction}")


def canonical_hrf(dt: float, length_seconds: float = 32.0) -> np.ndarray:
    """Return the canonical haemodynamic response function, peak-normalised.

    Uses nilearn's implementation of the SPM canonical HRF (a double gamma peaking near 5 s with
    a shallow undershoot), the shape most fMRI analyses assume.

    Parameters
    ----------
    dt : float
        Sampling step in seconds.
    length_seconds : float, optional
        Duration of the kernel.

    Returns
    -------
    numpy.ndarray
        The kernel, scaled so its maximum is 1.
    """
    from nilearn.glm.first_level import spm_hrf as nilearn_kernel

    kernel = nilearn_kernel(t_r=dt, oversampling=1, time_length=length_seconds)
    return kernel / kernel.max()


def block_design_signals(design: BlockDesign | None = None):
    """Simulate the expected BOLD responses in a block design (SIMULATED).

    The boxcar of task blocks is convolved with the canonical HRF and scaled to each
    region's illustrative amplitude.

    Parameters
    ----------
    design : BlockDesign, optional
        Parameters; the defaults are documented on :class:`BlockDesign`.

    Returns
    -------
    pandas.DataFrame
        Columns ``time_s``, ``task_on`` (0/1), ``attention`` (rises during task),
        ``default_controls`` (dips during task) and ``default_patients`` (a smaller dip).
    """
    import pandas as pd

    design = design or BlockDesign()
    total = design.lead_in_seconds + design.n_cycles * 2 * design.block_seconds
    time = np.arange(0.0, total, design.sampling_seconds)
    in_cycle = (time - design.lead_in_seconds) % (2 * design.block_seconds)
    task_on = ((time >= design.lead_in_seconds) & (in_cycle < design.block_seconds)).astype(float)
    response = (
        np.convolve(task_on, canonical_hrf(design.sampling_seconds))[: time.size] * design.sampling_seconds
    )
    response /= response.max()
    return pd.DataFrame(
        {
            "time_s": time,
            "task_on": task_on,
            "attention": design.task_amplitude * response,
            "default_controls": design.default_amplitude * response,
            "default_patients": design.default_amplitude * design.patient_fraction * response,
        }
    )
