"""Author-year names of CSL items (explainers.literature.bibliography), on hand-written items."""

from __future__ import annotations

import pytest

from explainers.literature import bibliography


def _item(*authors, **extra):
    return {"id": "x", "issued": {"date-parts": [[2019]]}, "author": list(authors), **extra}


BABAYAN = {"family": "Babayan", "given": "A."}
ERBEY = {"family": "Erbey", "given": "M."}


@pytest.mark.parametrize(
    "item, expected",
    [
        (_item(BABAYAN, {"literal": "et al."}), "Babayan et al."),  # a literal marker of more authors
        (_item(BABAYAN, {"literal": "et al"}), "Babayan et al."),
        (_item(BABAYAN, {"literal": "others"}), "Babayan et al."),
        (_item(BABAYAN, ERBEY, {"literal": "et al."}), "Babayan et al."),
        (_item(BABAYAN, ERBEY), "Babayan & Erbey"),
        (_item(BABAYAN, **{"author-list-incomplete": True}), "Babayan et al."),
        (_item(BABAYAN), "Babayan"),
        (_item({"literal": "Northwestern University"}), "Northwestern University"),  # an organisation
    ],
)
def test_citation_names(item, expected):
    assert bibliography.citation_names(item) == expected


def test_full_author_list_says_et_al_once_and_never_as_a_name():
    listed = bibliography._author_list(_item(BABAYAN, ERBEY, {"literal": "et al."}))
    assert listed == "Babayan A, Erbey M, et al."
    assert bibliography._author_list(_item({"literal": "Spine-health"})) == "Spine-health"


def test_the_resting_run_source_is_cited_without_an_ampersand():
    """The real record of the MPI-Leipzig dataset ends its authors with a literal "et al."."""
    text = bibliography.citation_names(bibliography.reference("ds000221"))
    assert text == "Babayan et al." and "&" not in text


def test_label_is_the_one_author_year_form_and_records_nothing(fresh_page):
    from explainers.literature import usage

    assert bibliography.label("ds000221") == "Babayan et al., 2019"
    assert bibliography.cite("ds000221", parenthetical=True) == f"({bibliography.label('ds000221')})"
    assert bibliography.cite("ds000221") == "Babayan et al. (2019)"
    usage.reset()
    bibliography.label("baliki2008")
    assert usage.session("references") == [], "a label is not a citation on the page"
    with pytest.raises(ValueError, match="unknown reference key 'baliki2080'; choose one of: "):
        bibliography.label("baliki2080")
