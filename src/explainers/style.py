"""The house style for figures, and the one way a notebook shows and saves a figure.

Every figure in the collection goes through :func:`show_figure`, which

- renders it with deterministic PNG and SVG metadata (no timestamps, fixed SVG ids), so a
  second build writes byte-identical files;
- shows it in the notebook with its **alt text** attached to the image output (nbconvert
  and JupyterLab read it) and a caption block underneath: caption, source, licence;
- stamps simulated or schematic figures with a visible ``SIMULATED`` label and refuses a
  simulated figure whose caption does not say so;
- when the build has set ``EXPLAINERS_FIGURES_DIR``, also writes ``<id>.png``, ``<id>.svg``
  and ``<id>.json`` (caption, alt, source, licence) there for the gallery.

Colours: categorical colours come from the Okabe-Ito palette (distinguishable with the
common colour-vision deficiencies); signed maps use the diverging ``RdBu_r`` with a centred
zero; unsigned maps use the perceptually uniform ``viridis``.
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import asdict, dataclass, field

from . import datasources, paths, usage

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#7F7F7F",
}

#: One colour per harmonised network name, the same in every notebook.
NETWORK_COLOURS = {
    "Default": OKABE_ITO["vermillion"],
    "DorsalAttention": OKABE_ITO["blue"],
    "Frontoparietal": OKABE_ITO["orange"],
    "Salience": OKABE_ITO["reddish_purple"],
    "VentralAttention": OKABE_ITO["reddish_purple"],
    "CinguloOpercular": "#8C6BB1",
    "Visual": OKABE_ITO["sky_blue"],
    "Somatomotor": OKABE_ITO["bluish_green"],
    "Limbic": "#B8A200",  # a darker yellow: plain Okabe-Ito yellow vanishes on white
    "Auditory": "#6B8E23",
    "Reward": "#A0522D",
    "MedialTemporal": "#4D4D4D",
    "ParietoMedial": "#999999",
    "Cerebellum": "#BBBBBB",
    "Subcortical": "#BBBBBB",
    "Unassigned": "#DDDDDD",
}

#: Colours for the roles used in schematic signals.
ROLE_COLOURS = {
    "task": OKABE_ITO["blue"],
    "default": OKABE_ITO["vermillion"],
    "patients": OKABE_ITO["reddish_purple"],
    "controls": OKABE_ITO["black"],
    "block": "#E8E8E8",
}

#: How the amygdala is drawn wherever it is contrasted with the default mode network.
AMYGDALA_MARKER = {"color": OKABE_ITO["bluish_green"], "marker": "s"}

DIVERGING_CMAP = "RdBu_r"
SEQUENTIAL_CMAP = "viridis"
SIMULATED_LABEL = "SIMULATED"

#: Figure widths in inches; at the saved resolution these read well on a projected slide.
WIDTH_FULL = 11.0
WIDTH_HALF = 6.0
SAVE_DPI = 150

_RC = {
    "figure.dpi": 100,
    "savefig.dpi": SAVE_DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
    "savefig.facecolor": "white",
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "image.cmap": SEQUENTIAL_CMAP,
    "svg.hashsalt": "explainers",  # deterministic ids in SVG output
    "svg.fonttype": "path",
    "path.simplify": True,
}

_ID_PATTERN = re.compile(r"^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def apply() -> None:
    """Set the house style on matplotlib's global parameters.

    Returns
    -------
    None
    """
    import matplotlib as mpl

    mpl.rcParams.update(_RC)


def pyplot():
    """Return ``matplotlib.pyplot`` with the house style applied (for the figure builders).

    Returns
    -------
    module
    """
    import matplotlib.pyplot as plt

    apply()
    return plt


@dataclass(frozen=True)
class FigureRecord:
    """What the gallery and the exported pages know about one figure.

    Attributes
    ----------
    figure_id : str
        ``NN-short-name``, where ``NN`` is the notebook number.
    title : str
        Short title shown in bold before the caption.
    caption : str
        Plain-language caption a clinician can act on without the code.
    alt : str
        Alt text describing what the figure shows, for screen readers.
    source : str
        Data and literature the figure stands on, built from ``data`` and ``claims``
        (:func:`explainers.datasources.source_line`).
    licence : str
        Licence of the figure and the terms of the data it shows
        (:func:`explainers.datasources.licence_line`).
    data : list of str
        Ids of the data sources shown (rows of ``data/sources.csv``).
    claims : list of str
        Ledger ids of the findings the figure illustrates.
    simulated : bool
        Whether any part of the figure is simulated or schematic.
    notebook : str
        Stem of the notebook that made it (set by the build).
    files : list of str
        File names written for it.
    """

    figure_id: str
    title: str
    caption: str
    alt: str
    source: str
    licence: str
    data: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    simulated: bool = False
    notebook: str = ""
    files: list[str] = field(default_factory=list)


def _validate(record: FigureRecord) -> None:
    if not _ID_PATTERN.match(record.figure_id):
        raise ValueError(
            f"figure id {record.figure_id!r} is not valid: use 'NN-short-name' "
            "(two-digit notebook number, then lower-case words joined by hyphens), e.g. '01-study-design'"
        )
    for name in ("title", "caption", "alt", "source", "licence"):
        if not getattr(record, name).strip():
            raise ValueError(f"figure {record.figure_id!r} has an empty {name}; every figure needs a title, caption, alt text, source and licence")
    if len(record.alt) < 40:
        raise ValueError(
            f"alt text of figure {record.figure_id!r} is too short to describe it ({len(record.alt)} characters): "
            "say what the figure shows, not only its title"
        )
    if record.simulated and SIMULATED_LABEL not in record.caption:
        raise ValueError(f"figure {record.figure_id!r} is simulated, so its caption must contain the word {SIMULATED_LABEL}")
    if record.simulated != ("simulated" in record.data):
        raise ValueError(
            f"figure {record.figure_id!r}: simulated={record.simulated} but its data {record.data} "
            f"{'lack' if record.simulated else 'include'} the 'simulated' source; a figure is simulated exactly when it shows simulated data"
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
        bbox={"boxstyle": "round,pad=0.3", "facecolor": OKABE_ITO["black"], "edgecolor": "none"},
    )


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """Render a figure to bytes with deterministic metadata.

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
    with mpl.rc_context({"svg.hashsalt": _RC["svg.hashsalt"]}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def caption_markdown(record: FigureRecord) -> str:
    """Return the caption block shown under a figure.

    Parameters
    ----------
    record : FigureRecord

    Returns
    -------
    str
        Markdown: bold title, caption, then source and licence in small type.
    """
    return (
        f"**Figure {record.figure_id}. {record.title}** {record.caption}\n\n"
        f"<small>Source: {record.source} · Licence: {record.licence}</small>"
    )


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
        See :class:`FigureRecord`. The caption must say ``SIMULATED`` if ``simulated``.
        Numbers and citations in them come from computed values and
        :func:`explainers.bibliography.cite`, never typed (the notebook tests check).
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
    FigureRecord
        The record written next to the image (useful in tests).

    Raises
    ------
    ValueError
        If the id is malformed, a text field is empty, the alt text is too short, a data id
        is unknown or missing, or ``simulated`` disagrees with the data or the caption.
    KeyError
        If a claim id is unknown.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, Markdown, display

    data, claims = list(data) if not isinstance(data, str) else data, list(claims)
    record = FigureRecord(
        figure_id,
        title,
        caption,
        alt,
        source=datasources.source_line(data, claims),
        licence=datasources.licence_line(data),
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
        record = FigureRecord(**{**asdict(record), "files": files})
        (out_dir / f"{figure_id}.json").write_text(json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    plt.close(fig)
    display(Image(data=png, format="png", alt=alt))
    display(Markdown(caption_markdown(record)))
    return record
