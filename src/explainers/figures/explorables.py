"""Explorable figures: HTML a notebook shows beside a static figure, the same in Jupyter and on the pages.

Three kinds, each written from data the notebook passes in (this module computes no result):

- :func:`power_explorer`: sliders for the share of the dip (stated as Cohen's d too) and the group
  size, and a choice of how simulated patients differ; it shows the power the notebook's SIMULATED
  grid holds for that setting, the 2008 group size and the group size needed for the goal, with a
  small chart of the grid's curve. Without scripts: a table of the same grid.
- :func:`region_explorer`: every region of a map in a sortable table and as points seen from above
  and from the side; choosing one (pointer, or the arrow keys in the table) says its name,
  network, group t and where it sits. Without scripts: the table.
- :func:`state_switch`: radio buttons that switch between the figures a cell shows next (for
  example a figure before and after global-signal removal) with CSS alone; printed, every state.

:func:`show` displays one through ``IPython.display.HTML`` with a mark in its output's metadata
(``{"explainers": {"explorable": kind, "figures": [...]}}``) that the site reads to put it on the
figures' own pages. The static figure itself is shown with :func:`explainers.figures.show.show_figure`
as every figure is (caption, alt text, source, licence, gallery, print); the explorable follows it.
The script and stylesheet are :mod:`explainers.core.explorables`: an output carries the script the
first time a kernel shows an explorable, and the site's pages carry it once.
"""

from __future__ import annotations

import html
import json

from explainers.core import errors, explorables, palette

KINDS = ("power", "regions", "switch")

_shown_script = False


def _json(data) -> str:
    """JSON safe inside a ``<script>`` element."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _boot() -> str:
    """The script part of an output: the shared script the first time, then a call that starts this one."""
    global _shown_script
    body = "" if _shown_script else explorables.script() + "\n"
    _shown_script = True
    start = (
        "(function(s){var r=s&&s.closest('[" + explorables.KIND_ATTRIBUTE + "]');"
        "if(window.exExplorables&&r){window.exExplorables.init(r);}})(document.currentScript);"
    )
    return f"<script {explorables.SCRIPT_MARK}>\n{body}{start}\n</script>"


def _style(extra: str = "") -> str:
    return f"<style {explorables.STYLE_MARK}>\n{explorables.style()}{extra}</style>"


def _percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def power_explorer(
    grid,
    *,
    n_2008: int,
    goal: float,
    title: str,
    note: str,
    study_label: str,
    rows: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
    start_share: float = 0.5,
) -> str:
    """Return the power explorer's HTML for a SIMULATED power grid.

    Parameters
    ----------
    grid : pandas.DataFrame
        Columns ``model, n_per_group, share, d, power`` (one row per model, group size and share,
        as :func:`explainers.analysis.power.power_grid` returns), with ``attrs["n_sim"]``.
    n_2008 : int
        The group size of the original study (marked on the chart, and the start of the slider).
    goal : float
        The power to reach (0.8); the explorer names the smallest group size of the grid that does.
    title : str
        The explorable's heading; must contain ``SIMULATED``.
    note : str
        Where its numbers come from (shown under the heading; must contain ``SIMULATED``). Plain text.
    study_label : str
        The chart's label of the 2008 line, e.g. ``"2008: 15 per group"``.
    rows : tuple of float
        Shares of the dip shown in the table (the no-script view).
    start_share : float
        The share the slider starts at.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the title or note does not say SIMULATED, the grid is incomplete, or a share or the
        2008 group size is not in the grid.
    """
    for name, words in (("title", title), ("note", note)):
        if "SIMULATED" not in words:
            raise ValueError(
                f"the power explorer's {name} must say SIMULATED (it shows simulated studies): {words!r}"
            )
    models = list(dict.fromkeys(grid["model"]))
    sizes = sorted(int(n) for n in set(grid["n_per_group"]))
    shares = sorted(float(s) for s in set(grid["share"]))
    if len(grid) != len(models) * len(sizes) * len(shares):
        raise ValueError(
            f"the power grid must hold every model, group size and share once: {len(grid)} rows for "
            f"{len(models)} models x {len(sizes)} sizes x {len(shares)} shares"
        )
    for share in (*rows, start_share):
        errors.check_choice("share of the dip", share, shares)
    errors.check_choice("2008 group size", n_2008, sizes)
    table = grid.set_index(["model", "n_per_group", "share"])["power"]
    d_of = grid.groupby("share")["d"].first()
    needed = {}
    for model in models:
        needed[model] = []
        for share in shares:
            reached = [n for n in sizes if table[(model, n, share)] >= goal]
            needed[model].append(reached[0] if reached else None)
    data = {
        "models": models,
        "sizes": sizes,
        "shares": shares,
        "d": [round(float(d_of[s]), 6) for s in shares],
        "power": {m: [[round(float(table[(m, n, s)]), 6) for s in shares] for n in sizes] for m in models},
        "needed": needed,
        "n_sim": int(grid.attrs["n_sim"]),
        "n_2008": int(n_2008),
        "goal": float(goal),
        "colours": {
            "curve": palette.OKABE_ITO["blue"],
            "study": palette.OKABE_ITO["vermillion"],
            "goal": palette.OKABE_ITO["grey"],
        },
        "words": {
            "x_axis": "people per group",
            "goal": f"{_percent(goal)} power",
            "study": study_label,
            "studies": "SIMULATED studies found the difference",
            "needed": f"Smallest group size in the grid with {_percent(goal)} power:",
            "beyond": f"more than {max(sizes)} per group",
            "chart": "SIMULATED power against people per group; patients dip less by",
        },
    }
    ident = "ex-power"
    model_words = {
        "shift": "shifted towards zero (their spread unchanged)",
        "shrink": "shrunk (their spread narrowed too)",
    }
    radios = "".join(
        f'<label><input type="radio" name="{ident}-model" value="{_e(m)}" data-ex-control="model"'
        f"{' checked' if i == 0 else ''}> {_e(model_words.get(m, m))}</label>"
        for i, m in enumerate(models)
    )

    def needed_text(model, share):
        n = needed[model][shares.index(share)]
        return f"more than {max(sizes)}" if n is None else str(n)

    body_rows = "".join(
        "<tr>"
        f"<td>{_percent(s)}</td><td>{d_of[s]:.2f}</td>"
        + "".join(f"<td>{table[(m, n_2008, s)] * 100:.1f} %</td>" for m in models)
        + "".join(f"<td>{needed_text(m, s)}</td>" for m in models)
        + "</tr>"
        for s in rows
    )
    heads = (
        ["patients dip less by", "Cohen's d"]
        + [f"power, {n_2008} per group: {m}" for m in models]
        + [f"people per group for {_percent(goal)} power: {m}" for m in models]
    )
    head_row = "".join(f'<th scope="col">{_e(h)}</th>' for h in heads)
    return (
        f'<section class="ex-explorable ex-power" {explorables.KIND_ATTRIBUTE}="power" '
        f'aria-labelledby="{ident}-title">'
        f"{_style()}"
        f'<h3 id="{ident}-title">{_e(title)}</h3>'
        f'<p class="ex-xp-note">{_e(note)}</p>'
        f'<div class="ex-xp-controls" data-ex-needs-script hidden>'
        f'<div><label for="{ident}-share">Patients dip less than the controls by</label>'
        f'<output for="{ident}-share" data-ex-out="share"></output>'
        f'<input type="range" id="{ident}-share" data-ex-control="share" min="0" '
        f'max="{len(shares) - 1}" step="1" '
        f'value="{shares.index(start_share)}"></div>'
        f'<div><label for="{ident}-size">People per group</label> '
        f'<output for="{ident}-size" data-ex-out="size"></output>'
        f'<input type="range" id="{ident}-size" data-ex-control="size" min="{min(sizes)}" '
        f'max="{max(sizes)}" step="1" '
        f'value="{n_2008}"></div>'
        f"<fieldset><legend>How the patients differ</legend>{radios}</fieldset>"
        f'<p class="ex-xp-result" data-ex-out="result" aria-live="polite"></p>'
        f'<svg data-ex-out="chart" viewBox="0 0 640 300" role="img" aria-label="SIMULATED power chart"></svg>'
        f"</div>"
        f'<details class="ex-xp-more" data-ex-fold open><summary>The numbers as a table</summary>'
        f'<table class="ex-xp-table"><caption>SIMULATED power for some of the shares on the slider, '
        f"with {n_2008} people per group, and the smallest group size in the grid that reaches "
        f"{_percent(goal)} power.</caption><thead><tr>{head_row}</tr></thead>"
        f"<tbody>{body_rows}</tbody></table>"
        f"</details>"
        f'<script type="application/json" class="ex-data">{_json(data)}</script>'
        f"{_boot()}"
        f"</section>"
    )


#: The map's views: (key, title, horizontal axis, vertical axis, horizontal range, vertical range,
#: tick words (start, end) of each axis). Coordinates in millimetres of the standard brain.
_VIEWS = (
    ("top", "Seen from above", 0, 1, (-75, 75), (-110, 78), ("left", "right"), ("back", "front")),
    ("side", "Seen from the left", 1, 2, (-110, 78), (-70, 85), ("back", "front"), ("bottom", "top")),
)
_SCALE, _PAD, _GAP, _HEAD = 1.3, 14, 16, 26


def _map_layout(coordinates):
    """Points of each region in each view, the views' boxes and tick words (pixels)."""
    views, points, left = [], [[] for _ in coordinates], 0
    for key, title, h, v, (h0, h1), (v0, v1), h_words, v_words in _VIEWS:
        width = (h1 - h0) * _SCALE + 2 * _PAD
        height = (v1 - v0) * _SCALE + 2 * _PAD + _HEAD
        for i, xyz in enumerate(coordinates):
            px = _PAD + (xyz[h] - h0) * _SCALE
            py = _HEAD + _PAD + (v1 - xyz[v]) * _SCALE
            points[i].append((key, [round(px), round(py)]))
        ticks = [
            {"x": _PAD, "y": height - 6, "anchor": "start", "text": h_words[0]},
            {"x": width - _PAD, "y": height - 6, "anchor": "end", "text": h_words[1]},
            {"x": width - 8, "y": _HEAD + 14, "anchor": "end", "text": v_words[1]},
        ]
        views.append(
            {
                "key": key,
                "title": title,
                "left": round(left, 1),
                "width": round(width, 1),
                "height": round(height, 1),
                "ticks": ticks,
            }
        )
        left += width + _GAP
    return views, [dict(p) for p in points], left - _GAP, max(v["height"] for v in views)


def _mm(value: float) -> str:
    """A coordinate in whole millimetres with its sign (0 without one)."""
    whole = int(round(float(value)))
    return f"{whole:+d}" if whole else "0"


def _side(hemisphere: str) -> str:
    return {"L": "left side", "R": "right side"}.get(hemisphere, "both sides")


def region_explorer(
    regions,
    *,
    limit: float,
    title: str,
    note: str,
    start_region: int,
    cmap: str | None = None,
) -> str:
    """Return the region explorer's HTML: a sortable table of regions and a map of their centres.

    Parameters
    ----------
    regions : pandas.DataFrame
        One row per region: ``region`` (number), ``name``, ``network`` (words a reader knows),
        ``t`` (the group t), ``x, y, z`` (centre, mm) and ``hemisphere`` (``L``, ``R`` or ``both``).
    limit : float
        The colour scale's end (the same as the static map's), so colours match the figure.
    title, note : str
        Heading and a plain sentence or two on what the values are.
    start_region : int
        The region selected at first (for example the posterior cingulate).
    cmap : str, optional
        A diverging matplotlib colour map; the house one by default.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If a column is missing or the start region is not among the regions.
    """
    import matplotlib

    from explainers.figures import housestyle

    missing = [c for c in ("region", "name", "network", "t", "x", "y", "z", "hemisphere") if c not in regions]
    if missing:
        raise ValueError(f"the region table lacks the columns {missing}; it has {list(regions.columns)}")
    numbers = [int(r) for r in regions["region"]]
    errors.check_choice("start region", int(start_region), numbers)
    colour_map = matplotlib.colormaps[cmap or housestyle.DIVERGING_CMAP]
    coordinates = regions[["x", "y", "z"]].to_numpy(dtype=float).tolist()
    views, points, width, height = _map_layout(coordinates)
    table_rows, ts, colours = [], [], []
    for row in regions.itertuples(index=False):
        t = float(row.t)
        where = f"{_side(row.hemisphere)}; x {_mm(row.x)}, y {_mm(row.y)}, z {_mm(row.z)}"
        ts.append(round(t, 2))
        colours.append(matplotlib.colors.to_hex(colour_map(min(max((t + limit) / (2 * limit), 0.0), 1.0))))
        table_rows.append(
            f"<tr><td>{_e(row.name)}</td><td>{_e(row.network)}</td><td>{t:+.1f}</td><td>{_e(where)}</td></tr>"
        )
    # The names, networks and places are the table's cells; the data add what the map and sorting need.
    data = {
        "t": ts,
        "colour": colours,
        "y": [round(float(v), 1) for v in regions["y"]],
        "points": {view["key"]: [p[view["key"]] for p in points] for view in views},
        "views": views,
        "start": numbers.index(int(start_region)),
        "sort": ["text", "text", "t", "y"],
        "words": {"down": "goes down during heat", "up": "goes up during heat", "where": "Centre, in mm:"},
    }
    ident = "ex-regions"
    low, high = colour_map(0.0), colour_map(1.0)
    key = (
        f'<p class="ex-rg-key">Colour: the group t, on the same scale as the map above'
        f'<span class="ex-swatch" style="background:{matplotlib.colors.to_hex(low)}"></span>down'
        f'<span class="ex-swatch" style="background:{matplotlib.colors.to_hex(colour_map(0.5))}">'
        "</span>near zero"
        f'<span class="ex-swatch" style="background:{matplotlib.colors.to_hex(high)}"></span>up.</p>'
    )
    heads = "".join(
        f'<th scope="col">{h}</th>' for h in ("region", "network", "group t", "where (centre, mm)")
    )
    return (
        f'<section class="ex-explorable ex-regions" {explorables.KIND_ATTRIBUTE}="regions" '
        f'aria-labelledby="{ident}-title">'
        f"{_style()}"
        f'<h3 id="{ident}-title">{_e(title)}</h3>'
        f'<p class="ex-xp-note">{_e(note)}</p>'
        f'<div class="ex-rg-live" data-ex-needs-script hidden>'
        '<p class="ex-xp-note">Point at or tap a region on the map, or move through the table with the '
        "arrow keys; "
        f"the headings sort the table.</p>"
        f'<svg data-ex-out="map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="Map of the region centres seen from above and from the left, coloured by group t; '
        f'the table below lists the same regions"></svg>'
        f"{key}"
        f'<p class="ex-rg-detail" data-ex-out="detail" aria-live="polite"></p>'
        f"</div>"
        f'<div class="ex-rg-scroll">'
        f'<table class="ex-rg-table"><caption>All {len(numbers)} regions with their group t.</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{''.join(table_rows)}</tbody></table></div>"
        f'<script type="application/json" class="ex-data">{_json(data)}</script>'
        f"{_boot()}"
        f"</section>"
    )


def state_switch(name: str, legend: str, labels: tuple[str, ...], note: str = "") -> str:
    """Return radio buttons that show one of the figures a cell shows next, with CSS alone.

    The cell shows the switch first, then one figure per state with
    :func:`explainers.figures.show.show_figure` (each an image and a caption, in the order of
    ``labels``): the switch's rules hide every state's two outputs but the chosen one's. They need
    no script; browsers without the ``:has()`` selector, and print, show every state. A page that
    shows the states otherwise (a figure's own page) wraps the switch and the states in an element
    marked ``data-ex-switch-scope`` (the switch's ``data-ex-switch``) and marks each state
    ``data-ex-state="<k>"``.

    Parameters
    ----------
    name : str
        A name unique on the page, e.g. ``"03-sign-change"``.
    legend : str
        What the buttons choose, e.g. ``"Show the data"``.
    labels : tuple of str
        One label per state, in the order the cell shows the figures; the first is chosen at first.
    note : str, optional
        A sentence under the buttons.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If fewer than two states are given.
    """
    if len(labels) < 2:
        raise ValueError(f"a switch needs at least two states, got {len(labels)}: {labels!r}")
    ident = f"ex-switch-{_slug(name)}"
    scope = (
        f'.jp-OutputArea:has(> .jp-OutputArea-child [data-ex-switch="{ident}"] input[value="{{k}}"]:checked)'
    )
    rules = []
    for chosen in range(len(labels)):
        for other in range(len(labels)):
            if other == chosen:
                continue
            # The switch is the cell's first output; state i's image and caption are outputs 2i+2, 2i+3.
            for position in (2 * other + 2, 2 * other + 3):
                rules.append(f"{scope.format(k=chosen)} > .jp-OutputArea-child:nth-child({position})")
    # A page that shows the states as marked elements (a figure's own page) marks them instead.
    marked = f'[data-ex-switch-scope="{ident}"]:has(input[value="{{k}}"]:checked) [data-ex-state="{{j}}"]'
    rules += [
        marked.format(k=chosen, j=other)
        for chosen in range(len(labels))
        for other in range(len(labels))
        if other != chosen
    ]
    css = "@media screen {\n" + ",\n".join(rules) + " { display: none; }\n}\n"
    radios = "".join(
        f'<label><input type="radio" name="{ident}" value="{k}"{" checked" if k == 0 else ""}> '
        f"{_e(label)}</label>"
        for k, label in enumerate(labels)
    )
    note_html = f'<p class="ex-switch-note">{_e(note)}</p>' if note else ""
    return (
        f'<div class="ex-switch" {explorables.KIND_ATTRIBUTE}="switch" data-ex-switch="{ident}">'
        f"{_style()}<style {explorables.STYLE_MARK}>\n{css}</style>"
        f"<fieldset><legend>{_e(legend)}</legend>{radios}</fieldset>{note_html}</div>"
    )


def show(html_text: str, kind: str, figures: tuple[str, ...] = (), *, title: str = "") -> None:
    """Show an explorable in the notebook, marked for the site.

    Parameters
    ----------
    html_text : str
        From :func:`power_explorer`, :func:`region_explorer` or :func:`state_switch`.
    kind : {"power", "regions", "switch"}
    figures : tuple of str
        The ids of the figures it belongs to (shown with ``show_figure``): their own pages carry it.
    title : str, optional
        For a switch: the heading of a figure page that shows all its states (required for a switch).

    Raises
    ------
    ValueError
        On an unknown kind, no figure named, or a switch without a title.
    """
    from IPython.display import HTML, display

    errors.check_choice("explorable kind", kind, KINDS)
    if not figures:
        raise ValueError("name the figure(s) an explorable belongs to, e.g. figures=('04-power',)")
    if kind == "switch" and not title:
        raise ValueError("a switch needs a title: the heading of the figure page that shows all its states")
    mark = {"explorable": kind, "figures": list(figures)}
    if title:
        mark["title"] = title
    display(HTML(html_text), metadata={explorables.METADATA_KEY: mark})
