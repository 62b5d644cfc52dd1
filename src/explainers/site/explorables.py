"""Explorable figures on the site: script and stylesheet inlined once per page; what figure pages show.

A notebook shows an explorable as an HTML output (:mod:`explainers.figures.explorables` writes it)
marked in its metadata ``{"explainers": {"explorable": kind, "figures": [...]}}``. Every edition
carries that output as it is. Then:

- :func:`inline` removes the copies of the shared script and stylesheet the outputs carry
  (marked with :data:`explainers.core.explorables.SCRIPT_MARK` and ``STYLE_MARK``) and puts the
  stylesheet once in the page's head and, where an explorable needs it, the script once at the end
  of its body (:func:`explainers.core.explorables.script`). Nothing else changes, so a page with
  scripts off shows the static figure and table, and print shows the static figure.
- :func:`in_notebook` finds the explorables of a notebook by the figures they belong to, and
  :func:`figure_page_part` writes what a figure's own page (``figures/<id>.html``, the gallery's
  embed page) shows of one: the explorable after the figure, or for a switch every state of the
  figure under its buttons.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from explainers.core import explorables

# The export writes a bare attribute either as it is or as ``name=""``: both are the outputs' copies.
_SCRIPT = re.compile(rf'<script {explorables.SCRIPT_MARK}(?:="")?>.*?</script>', re.S)
_STYLE = re.compile(rf'<style {explorables.STYLE_MARK}(?:="")?>(.*?)</style>', re.S)
_SWITCH = re.compile(r'data-ex-switch="([^"]+)"')


@dataclass(frozen=True)
class Explorable:
    """One explorable output of a notebook.

    Attributes
    ----------
    kind : str
        ``power``, ``regions`` or ``switch``.
    html : str
        The output's HTML, as the notebook stores it.
    figures : tuple of str
        The figures it belongs to (for a switch, one per state, in the order of its buttons).
    title : str
        A switch's heading for a figure page that shows all its states (empty for the others).
    """

    kind: str
    html: str
    figures: tuple[str, ...]
    title: str = ""


def needs_script(page: str) -> bool:
    """Whether a page shows an explorable that needs the script."""
    return any(f'{explorables.KIND_ATTRIBUTE}="{kind}"' in page for kind in explorables.SCRIPTED_KINDS)


def inline(page: str) -> str:
    """Put the explorables' stylesheet and script into a page once, in place of the outputs' copies.

    Parameters
    ----------
    page : str
        A whole HTML page (with ``</head>`` and ``</body>``).

    Returns
    -------
    str
        The page unchanged when it shows no explorable.
    """
    if explorables.KIND_ATTRIBUTE not in page:
        return page
    styles = list(dict.fromkeys(_STYLE.findall(page)))
    page = _STYLE.sub("", _SCRIPT.sub("", page))
    if styles:
        page = page.replace("</head>", "<style>\n" + "\n".join(styles) + "</style>\n</head>", 1)
    if needs_script(page):
        page = page.replace("</body>", "<script>\n" + explorables.script() + "</script>\n</body>", 1)
    return page


def in_notebook(nb) -> list[Explorable]:
    """Return the explorables a notebook shows, in order.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    list of Explorable
    """
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            mark = (output.get("metadata") or {}).get(explorables.METADATA_KEY) or {}
            if not isinstance(mark, dict) or "explorable" not in mark:
                continue
            text = output.get("data", {}).get("text/html", "")
            found.append(
                Explorable(
                    str(mark["explorable"]),
                    "".join(text) if isinstance(text, list) else text,
                    tuple(mark.get("figures", ())),
                    str(mark.get("title", "")),
                )
            )
    return found


def for_figure(found: list[Explorable], figure_id: str) -> Explorable | None:
    """Return the explorable a figure belongs to, if any."""
    return next((e for e in found if figure_id in e.figures), None)


def figure_page_part(explorable: Explorable, figure_id: str, states: list[dict] | None = None) -> str:
    """Return what a figure's own page shows of its explorable.

    Parameters
    ----------
    explorable : Explorable
    figure_id : str
        The page's figure.
    states : list of dict, optional
        For a switch: per state, in the order of its buttons, ``title``, ``caption``, ``alt``,
        ``credit`` (a line, may be empty) and ``image`` (``src``, ``width``, ``height``). The
        page's own figure is the state chosen at first.

    Returns
    -------
    str
        HTML to place after the figure (power, regions), or in place of it (switch: the buttons,
        then one ``<figure>`` per state marked ``data-ex-state``, the page's own figure chosen).
    """
    if explorable.kind != "switch":
        # On a figure page the explorable follows the page's one h1: its heading is an h2 there.
        return re.sub(r"<h3( id=\"ex-[^\"]*\">.*?)</h3>", r"<h2\1</h2>", explorable.html, count=1)
    if not states or len(states) != len(explorable.figures):
        raise ValueError(
            f"a switch's figure page needs one state per figure of the switch {explorable.figures}, "
            f"got {len(states or [])}"
        )
    chosen = explorable.figures.index(figure_id)
    switch = explorable.html.replace(" checked>", ">")
    switch = switch.replace(f'value="{chosen}">', f'value="{chosen}" checked>', 1)
    scope = _SWITCH.search(switch)
    figures = []
    for k, (state_id, state) in enumerate(zip(explorable.figures, states, strict=True)):
        image = state["image"]
        credit = (
            f'<p class="ex-credit">{html.escape(state["credit"])} '
            '<a href="#full-source">Full source and licence</a></p>'
            if state.get("credit")
            else ""
        )
        figures.append(
            f'<figure class="ex-onefigure" id="fig-{html.escape(state_id)}" data-ex-state="{k}">'
            f'<img src="{image["src"]}" width="{image["width"]}" height="{image["height"]}" '
            f'alt="{html.escape(state["alt"])}"><figcaption><p>'
            f"<strong>{html.escape(state['title'])}</strong> "
            f"{html.escape(state['caption'])}</p>{credit}</figcaption></figure>"
        )
    return (
        f'<div class="ex-states" data-ex-switch-scope="{scope.group(1) if scope else ""}">'
        + switch
        + "".join(figures)
        + "</div>"
    )
