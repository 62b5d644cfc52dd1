"""The collection's one wording for bad input: name the bad value, list the valid choices.

Every public function that takes a value from a user checks it with one of these helpers,
so a typo gives the same kind of message everywhere, e.g. ``unknown atlas 'power2011';
choose one of: seitzman2018, dosenbach2010``.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable


def unknown(kind: str, value: object, valid: Iterable) -> ValueError:
    """Build the error for a value that is not one of a fixed set of choices.

    Parameters
    ----------
    kind : str
        What the value is, e.g. ``"atlas"``.
    value : object
        The value given.
    valid : iterable
        The accepted values, listed in the message in this order.

    Returns
    -------
    ValueError
        To be raised by the caller (``raise unknown(...)``), so the traceback ends there.
    """
    return ValueError(f"unknown {kind} {value!r}; choose one of: {', '.join(map(str, valid))}")


def check_choice(kind: str, value: object, valid: Iterable) -> None:
    """Raise :func:`unknown` unless ``value`` is one of ``valid``.

    Parameters
    ----------
    kind : str
        What the value is, e.g. ``"surface"``.
    value : object
        The value given.
    valid : iterable
        The accepted values.

    Raises
    ------
    ValueError
        Naming the value and the choices.
    """
    valid = tuple(valid)
    try:
        ok = value in valid
    except TypeError:  # e.g. an unhashable or incomparable value
        ok = False
    if not ok:
        raise unknown(kind, value, valid)


def positive_number(name: str, value: object, unit: str = "") -> float:
    """Return ``value`` as a float, or raise unless it is a positive real number.

    Parameters
    ----------
    name : str
        Parameter name, e.g. ``"radius_mm"``.
    value : object
        The value given. Strings and booleans are refused (``"6"`` is not six millimetres).
    unit : str, optional
        Unit for the example in the message, e.g. ``"mm"``.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number (a string, ``None``, a boolean, an array).
    ValueError
        If it is zero, negative or not finite.
    """
    example = f"e.g. {name}=6.0" + (f" ({unit})" if unit else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a positive number, {example}; got {value!r} ({type(value).__name__})"
        )
    number = float(value)
    if not (number > 0 and number != float("inf")):
        raise ValueError(f"{name} must be a positive number, {example}; got {value!r}")
    return number


def require_columns(frame, columns: Iterable[str], name: str = "table") -> None:
    """Raise unless a data frame has the given columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame given.
    columns : iterable of str
        Columns it must have.
    name : str, default "table"
        How to call the frame in the message.

    Raises
    ------
    ValueError
        Naming the missing columns and the columns the frame does have.
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        present = ", ".join(map(str, frame.columns)) or "none"
        raise ValueError(f"{name} has no column(s) {', '.join(missing)}; its columns are: {present}")
