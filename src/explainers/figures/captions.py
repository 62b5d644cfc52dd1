"""What a reader sees under a figure: the numbered caption and a short credit line.

The figure's full source and licence lines live in its record (the JSON sidecar and the
gallery, :mod:`explainers.literature.figurerecords`); the credit line under the image is the
compact form a reader scans. Both come from one writer,
:func:`explainers.literature.datasources.credit`, never typed.
"""

from __future__ import annotations

from explainers.literature import figurerecords


def caption_markdown(record, number: int, credit_line: str) -> str:
    """Return the caption block shown under a figure.

    Parameters
    ----------
    record : explainers.literature.figurerecords.FigureRecord
        Its ``figure_id``, ``title`` and ``caption`` are used.
    number : int
        The figure's number on its page (1 for the first figure shown).
    credit_line : str
        The short source-and-licence line (:attr:`explainers.literature.datasources.Credit.line`).

    Returns
    -------
    str
        Markdown: "Figure N." (:func:`explainers.literature.figurerecords.figure_label`) with the
        bold title and the caption, then the credit line in small type. The figure's id is not in
        the text: it travels in the output's metadata (see :func:`explainers.figures.show.show_figure`).

    Raises
    ------
    ValueError
        If ``number`` is not a positive integer.
    """
    if not isinstance(number, int) or number < 1:
        raise ValueError(f"figure number must be a positive integer, not {number!r}")
    label = figurerecords.figure_label(number)
    return f"**{label} {record.title}** {record.caption}\n\n<small>{credit_line}</small>"
