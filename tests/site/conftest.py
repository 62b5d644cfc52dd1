"""A site exported once per test session from the committed, executed notebooks (no execution),
and a headless Chromium driven by Playwright for Python (Debian's browser, ``executable_path``)."""

import os

import pytest

from explainers.build import commands
from explainers.site import browser as site_browser


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole site (every edition, index, gallery, claim explorer), exported into a temp folder."""
    return commands.export_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable. Missing: a loud skip on this machine, a failure in CI (``CI`` set)."""
    found = site_browser.find_chromium()
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


@pytest.fixture(scope="session")
def browser(chromium):
    """Headless Chromium through Playwright, offline: every host name resolves to nothing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # the test dependencies are in requirements/lock.txt
        if os.environ.get("CI"):
            pytest.fail(f"Playwright is not installed: {error}")
        pytest.skip(f"Playwright is not installed: {error}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=list(site_browser.FLAGS))
        yield launched
        launched.close()
