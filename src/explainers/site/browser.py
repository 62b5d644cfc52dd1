"""Headless Chromium, offline: find it, and print reader pages to PDF handouts.

Chromium is found as ``EXPLAINERS_CHROMIUM`` or the first of ``chromium``, ``chromium-browser``,
``google-chrome`` on the ``PATH``. It always runs headless with a fresh profile and with the
network cut (every host name resolves to nothing, every proxy request goes to a closed port),
so opening a page can only read the page's own file.

The browser tests drive the same executable through Playwright (``executable_path``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from explainers.core import errors, paths

#: Flags for every run: headless, no sandbox (CI runs as root), nothing fetched in the background,
#: and no network (host names resolve to nothing; proxied requests go to a closed port).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--hide-scrollbars",
)
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserError(Exception):
    """Chromium is missing or did not do what was asked."""


def find_chromium() -> str | None:
    """Return the Chromium executable, or ``None`` when there is none.

    Returns
    -------
    str or None
    """
    override = os.environ.get("EXPLAINERS_CHROMIUM", "").strip()
    if override:
        return override if Path(override).exists() else None
    return next((found for name in _CANDIDATES if (found := shutil.which(name))), None)


def require() -> str:
    """Return the Chromium executable.

    Returns
    -------
    str

    Raises
    ------
    BrowserError
        If there is none; the message says how to install it or point to it.
    """
    found = find_chromium()
    if not found:
        raise BrowserError(
            "no Chromium found: install Debian's `chromium` package (tools/ensure_chromium.sh does) "
            f"or set EXPLAINERS_CHROMIUM to the browser's path; looked for {', '.join(_CANDIDATES)}"
        )
    return found


#: Paper sizes a handout is printed on: (file suffix, CSS page size).
PAPERS = (("", "A4"), (".letter", "letter"))


def print_pdf(page: Path, target: Path, timeout: float = 120.0, paper: str | None = None) -> Path:
    """Print one page to PDF with headless Chromium (no header or footer, background colours).

    Parameters
    ----------
    page : pathlib.Path
        An HTML file.
    target : pathlib.Path
        The PDF to write.
    timeout : float
        Seconds allowed.
    paper : str, optional
        A CSS page size (``"A4"``, ``"letter"``); by default the page's own or Chromium's.

    Returns
    -------
    pathlib.Path
        ``target``.

    Raises
    ------
    BrowserError
        If Chromium is missing or wrote no PDF.
    """
    executable = require()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="explainers-chromium-") as profile:
        source = page
        if paper:
            # The command line has no paper option: a copy beside the page (its links still
            # resolve) states the page size.
            source = page.with_name(f".{page.stem}.{paper}.print.html")
            text = page.read_text(encoding="utf-8")
            source.write_text(text.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1))
        args = [
            executable,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={target}",
            source.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
        finally:
            if source != page:
                source.unlink(missing_ok=True)
    if not target.exists() or target.stat().st_size == 0:
        raise BrowserError(
            f"Chromium wrote no PDF for {page.name} (exit {done.returncode}): {done.stderr.strip()[-300:]}"
        )
    return target


def print_site(site: Path | None = None, only: list[str] | None = None) -> list[Path]:
    """Print every handout page of a built site to ``site/pdf/`` (A4 and Letter), linked from the index.

    Parameters
    ----------
    site : pathlib.Path, optional
        Defaults to :func:`explainers.core.paths.site_dir`.
    only : list of str, optional
        Notebook stems or numbers to print; all by default.

    Returns
    -------
    list of pathlib.Path
        The PDFs written.

    Raises
    ------
    BrowserError
        If there is no built site, a name matches no page, or Chromium fails.
    """
    from explainers.site import assemble

    site = site or paths.site_dir()
    from explainers.site import export

    pages = sorted(site.glob(f"*{export.HANDOUT_SUFFIX}"))
    if not pages:
        raise BrowserError(
            f"no handout pages in {site}: run `explainers build` (or `explainers export`) first"
        )
    stems = [p.name.removesuffix(export.HANDOUT_SUFFIX) for p in pages]
    names = [*stems, *(s.split("_", 1)[0] for s in stems)]  # a page by its stem or its number
    for name in only or []:
        if name not in names:
            raise BrowserError(str(errors.unknown("page", name, names)))
    chosen = [
        p
        for p, s in zip(pages, stems, strict=True)
        if not only or any(n in (s, s.split("_", 1)[0]) for n in only)
    ]
    folder = site / assemble.PDF_FOLDER
    written = [
        print_pdf(p, folder / p.name.replace(".html", f"{suffix}.pdf"), paper=paper)
        for p in chosen
        for suffix, paper in PAPERS
    ]
    assemble.relink_index(site)
    return written
