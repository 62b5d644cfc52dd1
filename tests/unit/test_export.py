"""The exported HTML must be self-contained; the detector of external references must work."""

import pytest

from explainers.site import export, postprocess


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdnjs.cloudflare.com/require.js"></script>',
        '<link rel="stylesheet" href="http://example.org/a.css">',
        '<img src="//cdn.example.org/x.png">',
        '<a href="https://doi.org/10.1523/JNEUROSCI.4123-07.2008">doi</a>',
        '<iframe srcdoc="&lt;script src=&quot;https://cdn.plot.ly/x.js&quot;&gt;&lt;/script&gt;"></iframe>',
    ],
)
def test_external_references_are_found(snippet):
    assert postprocess.external_references(f"<html><body>{snippet}</body></html>")


@pytest.mark.parametrize(
    "snippet",
    [
        '<img src="data:image/png;base64,AAAA" alt="x">',
        '<a href="index.html">home</a>',
        '<a href="#section">jump</a>',
        "<p>see https://doi.org/10 in plain text</p>",
    ],
)
def test_local_references_pass(snippet):
    assert postprocess.external_references(f"<html><body>{snippet}</body></html>") == []


def test_unknown_edition_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown edition 'print'; choose one of: full, reader, embed"):
        export.get_edition("print")


def test_printing_an_unknown_page_names_it_and_the_pages_there(tmp_path):
    from explainers.site import browser

    (tmp_path / "01_first.handout.html").write_text("<html></html>")
    with pytest.raises(browser.BrowserError, match=r"unknown page '02'; choose one of: 01_first, 01$"):
        browser.print_site(tmp_path, only=["02"])
