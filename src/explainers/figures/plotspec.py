"""The dict specifications the brain-figure functions take, and the one check of their keys.

A glass brain is drawn from *panels* of *layers* (:mod:`explainers.figures.glassbrains`), a surface
figure from *rows* (:mod:`explainers.figures.surfaceplots`); each is a plain dict, so a notebook can
write it inline. A misspelt key gets the collection's usual message: the bad key and the
valid ones.
"""

from __future__ import annotations

#: Keys of a glass-brain layer (the first three are required).
LAYER_KEYS = ("coords", "color", "label", "size", "marker", "numbers")
#: Keys of a glass-brain panel (``layers`` is required).
PANEL_KEYS = ("layers", "title")
#: Keys of a surface row (the first five are required).
ROW_KEYS = ("values", "cmap", "vmin", "vmax", "label", "threshold", "colorbar")


def check_keys(kind: str, item, required, valid) -> None:
    """Refuse a specification that is not a dict with the required keys, or has unknown keys.

    Parameters
    ----------
    kind : str
        What the dict specifies, e.g. ``"layer"``; named in the message.
    item : object
        The specification given.
    required : sequence of str
        Keys it must have.
    valid : sequence of str
        Every key it may have.

    Raises
    ------
    TypeError
        If ``item`` is not a dict.
    ValueError
        If a required key is missing or a key is unknown; the message lists the valid keys.
    """
    if not isinstance(item, dict):
        raise TypeError(f"each {kind} must be a dict with keys {', '.join(required)}; got {item!r}")
    missing = [key for key in required if key not in item]
    unknown = [key for key in item if key not in valid]
    if missing or unknown:
        problem = (
            f"missing {', '.join(missing)}" if missing else f"unknown key(s) {', '.join(map(str, unknown))}"
        )
        raise ValueError(
            f"{kind} {problem}; valid keys: {', '.join(valid)} (required: {', '.join(required)})"
        )
