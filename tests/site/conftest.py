"""A site exported once per test session from the committed, executed notebooks (no execution)."""

import os

import pytest

from explainers.build import commands
from explainers.site import browser


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole site (every edition, index, gallery, claim explorer), exported into a temp folder."""
    return commands.export_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable. Missing: a loud skip on this machine, a failure in CI (``CI`` set)."""
    found = browser.find_chromium()
    if found:
        return found
    message = (
        "Chromium is not installed, so the browser tests cannot run: `make test` installs it with "
        "tools/ensure_chromium.sh where apt is available, or set EXPLAINERS_CHROMIUM"
    )
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: the browser tests must run in CI)")
    print(f"\n*** SKIPPING BROWSER TESTS: {message} ***")
    pytest.skip(message)
