"""The literature layer in one import: bibliography, claims ledger and their checks.

Kept so that ``from explainers import literature`` still gives the everyday names; the work
is done in three modules with one job each:

- :mod:`explainers.bibliography`: references, :func:`cite`, :func:`format_reference`,
  :func:`reference_list`;
- :mod:`explainers.ledger`: the claims ledger and the press table, :func:`claim`,
  :func:`claim_text`, :func:`timeline`;
- :mod:`explainers.ledger_check`: :func:`validate`.
"""

from __future__ import annotations

from .bibliography import (
    REFERENCES_FILE,
    cite,
    format_reference,
    load_references,
    reference_list,
)
from .ledger import (
    CLAIM_COLUMNS,
    CLAIMS_FILE,
    CLINICAL_NOTE,
    KINDS,
    PRESS_CLAIMS_FILE,
    PRESS_COLUMNS,
    Claim,
    claim,
    claim_text,
    clinical_note,
    load_claims,
    load_press_claims,
    timeline,
)
from .ledger_check import validate
from .vocabulary import STATUSES, VERDICTS

__all__ = [
    "CLAIMS_FILE",
    "CLAIM_COLUMNS",
    "CLINICAL_NOTE",
    "KINDS",
    "PRESS_CLAIMS_FILE",
    "PRESS_COLUMNS",
    "REFERENCES_FILE",
    "STATUSES",
    "VERDICTS",
    "Claim",
    "cite",
    "claim",
    "claim_text",
    "clinical_note",
    "format_reference",
    "load_claims",
    "load_press_claims",
    "load_references",
    "reference_list",
    "timeline",
    "validate",
]
