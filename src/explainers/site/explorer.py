"""The claim explorer page and the claim-to-figure map, from the ledger and the usage records.

Where a claim is used comes from what the notebooks recorded at run time (``figures/usage/``:
claims, figures, references and data sources per notebook) and from each figure's sidecar
(the claims it was drawn with). Ledgers of an older shape, which still list the notebooks and
figures of each claim in columns, are read as a fallback.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from explainers.core import vocabulary
from explainers.literature import bibliography
from explainers.site import export, pages

_SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#claims tbody tr'));
  var count = document.getElementById('count');
  form.hidden = false;
  function apply() {
    var status = form.status.value, study = form.study.value, notebook = form.notebook.value;
    var words = form.words.value.toLowerCase().trim();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!status || row.dataset.status === status) && (!study || row.dataset.study === study) &&
        (!notebook || (' ' + row.dataset.notebooks + ' ').indexOf(' ' + notebook + ' ') >= 0) &&
        (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + ' of ' + rows.length + ' claims shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
"""


def load_ledger(data: Path) -> list[dict]:
    """Return the rows of ``claims.csv`` as dicts, in ledger order.

    Parameters
    ----------
    data : pathlib.Path
        The data folder.

    Returns
    -------
    list of dict
    """
    with open(data / "claims.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def where_used(
    ledger: list[dict], usage: dict[str, dict], records: list[dict], stems: list[str]
) -> dict[str, dict]:
    """Return, per claim id, the notebooks (stems) and figures (ids) that use it.

    Parameters
    ----------
    ledger : list of dict
    usage : dict
        From :func:`explainers.literature.usage.read_all`.
    records : list of explainers.literature.figurerecords.FigureRecord
        A record's ``claims`` ties those claims to the figure.
    stems : list of str
        Notebooks of the site, to resolve a ledger's two-digit notebook numbers.

    Returns
    -------
    dict of str to dict
        ``{"notebooks": [...], "figures": [...]}`` per claim id.
    """
    by_number = {stem.split("_", 1)[0]: stem for stem in stems}
    used = {row["id"]: {"notebooks": [], "figures": []} for row in ledger}
    for stem, record in usage.items():
        for claim_id in record.get("claims", []):
            if claim_id in used and stem not in used[claim_id]["notebooks"]:
                used[claim_id]["notebooks"].append(stem)
    for record in records:
        for claim_id in record.claims:
            if claim_id in used and record.figure_id not in used[claim_id]["figures"]:
                used[claim_id]["figures"].append(record.figure_id)
    # Fallback for a ledger that still carries usage columns.
    for row in ledger:
        entry = used[row["id"]]
        if not usage and row.get("notebooks"):
            entry["notebooks"] = [by_number[n] for n in row["notebooks"].split(";") if n in by_number]
        if not any(r.claims for r in records) and row.get("figures"):
            known = {r.figure_id for r in records}
            entry["figures"] = [f for f in row["figures"].split(";") if f in known]
    return used


def claim_map(ledger: list[dict], used: dict[str, dict], records: list[dict]) -> list[dict]:
    """Return the claim-to-figure map: each figure (in gallery order) with the claims it shows.

    Parameters
    ----------
    ledger : list of dict
    used : dict
        From :func:`where_used`.
    records : list of explainers.literature.figurerecords.FigureRecord

    Returns
    -------
    list of dict
        ``figure_id``, ``title`` and ``claims`` (dicts with ``id`` and ``short``); figures
        that state no claim are left out.
    """
    rows = []
    for record in records:
        claims = [
            {"id": row["id"], "short": row.get("short") or row["id"]}
            for row in ledger
            if record.figure_id in used[row["id"]]["figures"]
        ]
        if claims:
            rows.append({"figure_id": record.figure_id, "title": record.title.rstrip("."), "claims": claims})
    return rows


def _options(values: list[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{everything}</option>' + "".join(
        f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values
    )


def write_explorer(ledger: list[dict], used: dict[str, dict], titles: dict[str, str], site: Path) -> Path:
    """Write ``claims.html``: the whole ledger as a table a reader can filter.

    Parameters
    ----------
    ledger : list of dict
    used : dict
        From :func:`where_used`.
    titles : dict
        Title per notebook stem.
    site : pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    reader = export.get_edition("reader")
    labels = {key: bibliography.label(key) for key in dict.fromkeys(row["reference"] for row in ledger)}
    body_rows = []
    for row in ledger:
        status = vocabulary.STATUSES.get(row["status"], {"label": row["status"]})
        study = labels.get(row["reference"], row["reference"])
        where = [
            f'<a href="{reader.filename(stem)}">{html.escape(titles.get(stem, stem))}</a>'
            for stem in used[row["id"]]["notebooks"]
        ] + [f'<a href="gallery.html#fig-{f}">figure {f}</a>' for f in used[row["id"]]["figures"]]
        body_rows.append(
            f'<tr id="claim-{html.escape(row["id"])}" data-status="{html.escape(row["status"])}" '
            f'data-study="{html.escape(row["reference"])}" '
            f'data-notebooks="{" ".join(used[row["id"]]["notebooks"])}">'
            f"<td>{html.escape(row['claim'])}</td>"
            f'<td><span class="ex-status">{html.escape(status["label"])}</span></td>'
            f"<td>{html.escape(study)}</td><td>{html.escape(row.get('locator', ''))}</td>"
            f"<td>{'<br>'.join(where) or 'not in a page yet'}</td></tr>"
        )
    statuses = [(key, value["label"]) for key, value in vocabulary.STATUSES.items()]
    studies = sorted(
        {(r["reference"], labels.get(r["reference"], r["reference"])) for r in ledger}, key=lambda p: p[1]
    )
    notebooks = [(stem, title) for stem, title in titles.items()]
    legend = "".join(
        f"<li><strong>{html.escape(v['label'])}</strong>: {html.escape(v['meaning'])}</li>"
        for v in vocabulary.STATUSES.values()
    )
    body = f"""<h1>Claim explorer</h1>
<p class="ex-lead">Every factual statement in the collection comes from this ledger: the claim in our words,
the source it was read in, the place in that source, and how firmly it is checked.</p>
<ul>{legend}</ul>
<form id="filters" class="ex-filters" hidden>
<label>Status <select name="status">{_options(statuses, "any status")}</select></label>
<label>Study <select name="study">{_options(studies, "any study")}</select></label>
<label>Notebook <select name="notebook">{_options(notebooks, "any notebook")}</select></label>
<label>Words <input name="words" type="search" placeholder="e.g. precuneus"></label>
<span id="count" class="ex-count" aria-live="polite"></span>
</form>
<table id="claims" class="ex-table">
<caption class="ex-count">{len(ledger)} claims</caption>
<thead><tr><th scope="col">Claim</th><th scope="col">Status</th><th scope="col">Source</th>
<th scope="col">Where in the source</th><th scope="col">Used in</th></tr></thead>
<tbody>
{chr(10).join(body_rows)}
</tbody>
</table>
"""
    target = site / "claims.html"
    target.write_text(
        pages.shell(
            "Claim explorer: Pain and the Default Mode", body, "claims.html", script=_SCRIPT, wide=True
        ),
        encoding="utf-8",
    )
    return target
