"""The claim explorer page: the whole ledger as a table a reader can filter.

Where each claim is used is the claim map of :func:`explainers.literature.views.claim_map` (the
usage records and the figure records); the rows are the ledger's
(:func:`explainers.literature.ledger.claims`) and the sources' labels the bibliography's
(:func:`explainers.literature.bibliography.label`). This module only lays out the page.
"""

from __future__ import annotations

import html
from pathlib import Path

from explainers.core import vocabulary
from explainers.literature import bibliography, ledger
from explainers.literature.views import ClaimUse
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


def _options(values: list[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{everything}</option>' + "".join(
        f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values
    )


def write_explorer(used: dict[str, ClaimUse], titles: dict[str, str], site: Path) -> Path:
    """Write ``claims.html``: the whole ledger as a table a reader can filter.

    Parameters
    ----------
    used : dict of str to explainers.literature.views.ClaimUse
        The claim map (:func:`explainers.literature.views.claim_map`); every ledger claim has an entry.
    titles : dict
        Title per notebook stem.
    site : pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    reader = export.get_edition("reader")
    rows = ledger.claims()
    labels = {key: bibliography.label(key) for key in dict.fromkeys(row.reference for row in rows)}
    body_rows = []
    for row in rows:
        status = vocabulary.STATUSES.get(row.status, {"label": row.status})
        use = used[row.id]
        where = [
            f'<a href="{reader.filename(stem)}">{html.escape(titles.get(stem, stem))}</a>'
            for stem in use.notebooks
        ] + [f'<a href="gallery.html#fig-{f}">figure {f}</a>' for f in use.figures]
        body_rows.append(
            f'<tr id="claim-{html.escape(row.id)}" data-status="{html.escape(row.status)}" '
            f'data-study="{html.escape(row.reference)}" '
            f'data-notebooks="{" ".join(use.notebooks)}">'
            f"<td>{html.escape(row.claim)}</td>"
            f'<td><span class="ex-status">{html.escape(status["label"])}</span></td>'
            f"<td>{html.escape(labels[row.reference])}</td><td>{html.escape(row.locator)}</td>"
            f"<td>{'<br>'.join(where) or 'not in a page yet'}</td></tr>"
        )
    statuses = [(key, value["label"]) for key, value in vocabulary.STATUSES.items()]
    studies = sorted(labels.items(), key=lambda p: p[1])
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
<caption class="ex-count">{len(rows)} claims</caption>
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
