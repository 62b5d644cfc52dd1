"""The one way a notebook shows and saves a figure, and the record kept for each.

Every figure in the collection goes through :func:`show_figure`, which

- renders it with deterministic PNG and SVG metadata (no timestamps, fixed SVG ids), so a
  second build writes byte-identical files;
- shows it in the notebook with its **alt text** attached to the image output (nbconvert
  and JupyterLab read it) and a caption block underneath: caption, then source and licence;
  both outputs carry the figure's id and number in their metadata
  (:func:`explainers.literature.figurerecords.output_metadata`), where the site finds them;
- stamps simulated or schematic figures with a visible ``SIMULATED`` label and refuses a
  simulated figure whose caption does not say so;
- when the build has set ``EXPLAINERS_FIGURES_DIR``, also writes ``<id>.png``, ``<id>.svg``
  and the figure's record ``<id>.json`` (caption, alt, source, licence; see
  :mod:`explainers.literature.figurerecords`) there for the gallery.

How figures look (palette, sizes, matplotlib settings) is :mod:`explainers.figures.housestyle`.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import replace

from explainers.core import palette, paths
from explainers.figures import captions, compactpng, housestyle
from explainers.literature import datasources, figurerecords, usage

SIMULATED_LABEL = "SIMULATED"

_ID_PATTERN = re.compile(r"^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def _validate(record: figurerecords.FigureRecord) -> None:
    if not _ID_PATTERN.match(record.figure_id):
        raise ValueError(
            f"figure id {record.figure_id!r} is not valid: use 'NN-short-name' "
            "(two-digit notebook number, then lower-case words joined by hyphens), e.g. '01-study-design'"
        )
    for name in ("title", "caption", "alt", "source", "licence"):
        if not getattr(record, name).strip():
            raise ValueError(
                f"figure {record.figure_id!r} has an empty {name}; "
                "every figure needs a title, caption, alt text, source and licence"
            )
    if len(record.alt) < 40:
        raise ValueError(
            f"alt text of figure {record.figure_id!r} is too short to describe it "
            f"({len(record.alt)} characters): say what the figure shows, not only its title"
        )
    if record.simulated and SIMULATED_LABEL not in record.caption:
        raise ValueError(
            f"figure {record.figure_id!r} is simulated, "
            f"so its caption must contain the word {SIMULATED_LABEL}"
        )
    if record.simulated != ("simulated" in record.data):
        raise ValueError(
            f"figure {record.figure_id!r}: simulated={record.simulated} but its data {record.data} "
            f"{'lack' if record.simulated else 'include'} the 'simulated' source; "
            "a figure is simulated exactly when it shows simulated data"
        )


def _stamp_simulated(fig) -> None:
    fig.text(
        0.995,
        0.995,
        SIMULATED_LABEL,
        ha="right",
        va="top",
        fontsize=12,
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": palette.OKABE_ITO["black"], "edgecolor": "none"},
    )


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """Render a figure to bytes with deterministic metadata; a PNG gets a 256-colour palette.

    The notebook output and the saved file use these same bytes, so each figure is encoded
    once, at about a third of matplotlib's RGBA size (:func:`explainers.figures.compactpng.palette_png`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.
    fmt : {"png", "svg"}
        Output format.

    Returns
    -------
    bytes
    """
    import matplotlib as mpl

    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    buffer = io.BytesIO()
    # The salt fixes SVG element ids even when the house style was never applied.
    with mpl.rc_context({"svg.hashsalt": housestyle.SVG_HASHSALT}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return compactpng.palette_png(buffer.getvalue()) if fmt == "png" else buffer.getvalue()


def show_figure(
    fig,
    figure_id: str,
    *,
    title: str,
    caption: str,
    alt: str,
    data,
    claims=(),
    simulated: bool = False,
    vector: bool = True,
):
    """Show a figure with alt text and caption, and save it when the build asks for it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The finished figure; it is closed afterwards so it is not drawn twice.
    figure_id : str
        ``NN-short-name``, unique in the collection (the build checks uniqueness).
    title, caption, alt : str
        See :class:`~explainers.literature.figurerecords.FigureRecord`. The caption must say
        ``SIMULATED`` if ``simulated``.
        Numbers and citations in them come from computed values and
        :func:`explainers.literature.bibliography.cite`, never typed (the notebook tests check).
    data : tuple of str
        Ids of the data sources the figure shows (rows of ``data/sources.csv``); the source
        and licence lines are derived from them.
    claims : tuple of str, optional
        Ledger ids of the findings the figure illustrates; their sources join the source line.
    simulated : bool, optional
        Stamp the figure ``SIMULATED``; requires ``"simulated"`` in ``data`` and the word in the caption.
    vector : bool, optional
        Also save an SVG copy (default). Pass ``False`` for rendered brain surfaces, whose
        hundreds of thousands of triangles make an SVG slow to write and no sharper than the PNG.

    Returns
    -------
    explainers.literature.figurerecords.FigureRecord
        The record written next to the image (useful in tests).

    Raises
    ------
    ValueError
        If the id is malformed, a text field is empty, the alt text is too short, a data id
        or claim id is unknown, no data is named, or ``simulated`` disagrees with the data or
        the caption.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, Markdown, display

    data, claims = list(data) if not isinstance(data, str) else data, list(claims)
    credit = datasources.credit(data, claims)
    record = figurerecords.FigureRecord(
        figure_id,
        title,
        caption,
        alt,
        source=credit.source,
        licence=credit.licence,
        data=data,
        claims=claims,
        simulated=simulated,
        notebook=os.environ.get("EXPLAINERS_NOTEBOOK", ""),
    )
    _validate(record)
    usage.record("figures", figure_id)
    usage.record("claims", *claims)
    if simulated:
        _stamp_simulated(fig)
    png = figure_bytes(fig, "png")
    out_dir = paths.figure_output_dir()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = [f"{figure_id}.png"]
        (out_dir / files[0]).write_bytes(png)
        if vector:
            files.append(f"{figure_id}.svg")
            (out_dir / files[1]).write_bytes(figure_bytes(fig, "svg"))
        record = replace(record, files=files)
        figurerecords.write(record, out_dir)
    plt.close(fig)
    # Numbered in order of first showing on the page; a figure shown again keeps its number.
    number = usage.session("figures").index(figure_id) + 1
    # Both outputs carry the figure's mark, which the site reads to anchor and number figures.
    display(
        Image(data=png, format="png", alt=alt),
        metadata=figurerecords.output_metadata(figure_id, "image", number),
    )
    display(
        Markdown(captions.caption_markdown(record, number, credit.line)),
        metadata=figurerecords.output_metadata(figure_id, "caption", number),
    )
    return record
