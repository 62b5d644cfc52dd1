"""The bibliography: one CSL JSON file of every cited work, author-year citations and reference lists.

>>> from explainers import bibliography
>>> bibliography.cite("baliki2008", parenthetical=True)          # doctest: +SKIP
'(Baliki et al., 2008)'

``references.json`` in :func:`explainers.core.paths.data_dir` is a list of CSL items keyed by
``id``. Every citation a reader sees is made here, and each one is recorded as used by the
running notebook (:mod:`explainers.literature.usage`), so a page's reference list is exactly what it cites.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from explainers.core import errors, paths
from explainers.literature import usage

if TYPE_CHECKING:  # IPython is imported lazily to keep `import explainers` light
    from IPython.display import Markdown

REFERENCES_FILE = "references.json"


@lru_cache(maxsize=8)
def _read_references(path: Path, mtime_ns: int) -> tuple[tuple[str, dict], ...]:
    # Cached on (path, mtime) so edits and EXPLAINERS_DATA_DIR changes are picked up.
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    if not isinstance(items, list):
        raise TypeError(f"{path} must hold a JSON list of CSL items, found {type(items).__name__}")
    return tuple((str(item.get("id", "")), item) for item in items)


def reference_items() -> list[tuple[str, dict]]:
    """Return every bibliography item as ``(id, item)`` pairs in file order, duplicates kept.

    Returns
    -------
    list of (str, dict)
    """
    path = paths.data_dir() / REFERENCES_FILE
    return list(_read_references(path, path.stat().st_mtime_ns))


def load_references() -> dict[str, dict]:
    """Load the bibliography.

    Returns
    -------
    dict of str to dict
        CSL JSON items keyed by their ``id``. If an id is duplicated the last item wins;
        :func:`explainers.literature.checks.validate` reports duplicates.
    """
    return {key: dict(item) for key, item in reference_items()}


def reference(key: str) -> dict:
    """Return one CSL item.

    Parameters
    ----------
    key : str
        CSL ``id``, e.g. ``"baliki2008"``.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If the key is unknown; the message names it and lists the valid keys.
    """
    references = load_references()
    if key not in references:
        raise errors.unknown("reference key", key, sorted(references))
    return references[key]


# --------------------------------------------------------------------------- citing


def _name(person: dict) -> str:
    return person.get("literal") or person.get("family") or ""


_ET_AL = {"et al", "et al.", "others", "and others"}


def _authors(item: dict) -> tuple[list[dict], bool]:
    # Some records end their author list with a literal "et al." (or "others") rather than
    # CSL's author-list-incomplete flag; that entry is a marker of more authors, not a name.
    authors = [a for a in item.get("author", []) if _name(a)]
    marked = [a for a in authors if _name(a).strip().lower() in _ET_AL]
    named = [a for a in authors if a not in marked]
    return named, bool(marked) or bool(item.get("author-list-incomplete"))


def year(item: dict) -> str:
    """Return a CSL item's year as text ("n.d." when undated).

    Parameters
    ----------
    item : dict
        CSL item; its ``issued`` date.

    Returns
    -------
    str
        The first part of ``date-parts``, else the ``literal`` date, else "n.d.".
    """
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or []
    if parts and parts[0] and parts[0][0] not in (None, ""):
        return str(parts[0][0])
    return str(issued.get("literal", "n.d."))


def citation_names(item: dict) -> str:
    """Return the author part of an author-year citation ("Baliki et al.", "Kucyi & Davis").

    Parameters
    ----------
    item : dict
        CSL item; its ``author`` list (an organisation as a ``literal`` name).

    Returns
    -------
    str
        One or two family names, else the first and "et al."; a work without an author by its
        short title.
    """
    authors, incomplete = _authors(item)
    if not authors:
        # No verified author (e.g. a work known only by its title): cite by short title.
        return item.get("title-short") or item.get("title", item.get("id", "?"))
    if len(authors) == 1 and not incomplete:
        return _name(authors[0])
    if len(authors) == 2 and not incomplete:
        return f"{_name(authors[0])} & {_name(authors[1])}"
    return f"{_name(authors[0])} et al."


def label(key: str) -> str:
    """Return the author-year label of a work, "Baliki et al., 2008", without recording it as cited.

    The one author-year form of the collection: :func:`cite` wraps it for running text, and the
    site's claim explorer shows it as is (a page listing every source cites none of them).

    Parameters
    ----------
    key : str
        The work's CSL ``id``, e.g. ``"baliki2008"``.

    Returns
    -------
    str
        Names as :func:`citation_names` gives them, a comma, and the year (:func:`year`).

    Raises
    ------
    ValueError
        If the key is unknown; the message names it and lists the valid keys.
    """
    item = reference(key)
    return f"{citation_names(item)}, {year(item)}"


def cite(key: str, parenthetical: bool = False) -> str:
    """Return an author-year citation.

    Parameters
    ----------
    key : str
        CSL ``id`` in ``references.json``, e.g. ``"baliki2008"``.
    parenthetical : bool, default False
        ``True`` gives "(Baliki et al., 2008)", ``False`` gives "Baliki et al. (2008)".

    Returns
    -------
    str
        One author: "Raichle (2001)"; two: "Kucyi & Davis (2015)"; three or more:
        "Baliki et al. (2008)"; organisations by their name, e.g.
        "Northwestern University (2008)"; an author list flagged incomplete, or ending in
        a literal "et al.", as "Babayan et al. (2019)"; undated pages get "n.d.".

    Raises
    ------
    ValueError
        If the key is unknown; the message names it and lists the valid keys.

    Notes
    -----
    Each call records the key as used by the running notebook (:func:`explainers.literature.usage.record`).
    """
    usage.record("references", key)
    if parenthetical:
        return f"({label(key)})"
    item = reference(key)
    return f"{citation_names(item)} ({year(item)})"


def _pages(item: dict) -> str:
    return str(item.get("page", "")).replace("-", "\u2013")


def _author_list(item: dict) -> str:
    authors, incomplete = _authors(item)
    names = []
    for person in authors:
        if person.get("literal"):
            names.append(person["literal"])
        else:
            initials = person.get("given", "").replace(".", "").replace(" ", "")
            names.append(f"{person.get('family', '')} {initials}".strip())
    if incomplete and names:
        names.append("et al.")
    return ", ".join(names)


def format_reference(key: str) -> str:
    """Return one full reference line as plain text (no links).

    Parameters
    ----------
    key : str
        CSL ``id`` in ``references.json``.

    Returns
    -------
    str
        Authors, year, title, container, volume(issue):pages and ``doi:...``; for web
        pages the address as plain text. Nothing is formatted as a link, because the
        exported site must not link to external hosts.

    Raises
    ------
    ValueError
        If the key is unknown.
    """
    item = reference(key)
    parts = []
    authors = _author_list(item)
    title = str(item.get("title", "")).rstrip(".")
    if authors:
        parts.append(f"{authors} ({year(item)}).")
        parts.append(f"{title}.")
    else:
        parts.append(f"{title} ({year(item)}).")
    container = item.get("container-title-short") or item.get("container-title") or ""
    locus = ""
    if item.get("volume"):
        locus = str(item["volume"])
        if item.get("issue"):
            locus += f"({item['issue']})"
    if item.get("page"):
        locus = f"{locus}:{_pages(item)}" if locus else _pages(item)
    source = " ".join(part for part in (f"*{container}*" if container else "", locus) if part)
    if item.get("type") != "article-journal":
        # Press releases, magazines and blogs: say what kind of item it is and who issued it.
        pieces = [str(item.get("genre", "")).capitalize(), source, str(item.get("publisher", ""))]
        source = ", ".join(piece for piece in pieces if piece)
    if source:
        parts.append(f"{source}.")
    if item.get("DOI"):
        parts.append(f"doi:{item['DOI']}")
    elif item.get("URL"):
        # Plain text on purpose: see the docstring.
        # A code span, so no renderer turns it into a link: exported pages reference no other host.
        address = re.sub(r"^https?://", "", item["URL"])
        parts.append(f"Web page: `{address}`")
    return " ".join(parts)


def _sort_key(key: str) -> tuple[str, str, str]:
    item = reference(key)
    return (citation_names(item).lower(), year(item), key)


def reference_list(keys=None) -> Markdown:
    """Display a bullet list of full references, sorted by author and year.

    Parameters
    ----------
    keys : iterable of str, optional
        Reference keys; duplicates are dropped. By default, every reference the running
        notebook has cited so far (see :func:`explainers.literature.usage.session`), so the list at the
        end of a page is exactly what the page cites.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    if keys is None:
        keys = usage.session("references")
    ordered = sorted(set(keys), key=_sort_key)
    return Markdown("\n".join(f"- {format_reference(key)}" for key in ordered))
