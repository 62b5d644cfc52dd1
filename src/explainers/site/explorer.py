"""The claim explorer page: the whole ledger as a table a reader can filter.

Where each claim is used is the claim map of :func:`explainers.literature.views.claim_map` (the
usage records and the figure records); the rows are the ledger's
(:func:`explainers.literature.ledger.claims`) and the sources' labels the bibliography's
(:func:`explainers.literature.bibliography.label`). This module gathers them; the page is the
template ``templates/site/claims.html.j2``.
"""

from __future__ import annotations

from pathlib import Path

from explainers.core import vocabulary
from explainers.literature import bibliography, ledger
from explainers.literature.views import ClaimUse
from explainers.site import pages


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
        The page, from ``templates/site/claims.html.j2``.
    """
    rows = ledger.claims()
    labels = {key: bibliography.label(key) for key in dict.fromkeys(row.reference for row in rows)}
    claims = [
        {
            **vars(row),
            "status_label": vocabulary.STATUSES.get(row.status, {"label": row.status})["label"],
            "study": labels[row.reference],
            "notebooks": used[row.id].notebooks,
            "figures": used[row.id].figures,
        }
        for row in rows
    ]
    return pages.write_page(
        site,
        "claims.html",
        "claims.html.j2",
        "Claim explorer: Pain and the Default Mode",
        wide=True,
        claims=claims,
        notebook_titles=titles,
        status_meanings=list(vocabulary.STATUSES.values()),
        statuses=[(key, value["label"]) for key, value in vocabulary.STATUSES.items()],
        studies=sorted(labels.items(), key=lambda pair: pair[1]),
        notebooks=list(titles.items()),
    )
