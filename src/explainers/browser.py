"""Headless Chromium, offline: print reader pages to PDF, and a tiny DevTools client for the tests.

Chromium is found as ``EXPLAINERS_CHROMIUM`` or the first of ``chromium``, ``chromium-browser``,
``google-chrome`` on the ``PATH``. It always runs headless with a fresh profile and with the
network cut (every host name resolves to nothing, every proxy request goes to a closed port),
so opening a page can only read the page's own file.

:class:`DevTools` speaks the Chrome DevTools protocol over ``--remote-debugging-pipe`` (file
descriptors 3 and 4) with the standard library only: commands out, replies and events in.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

from . import paths

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


def _require() -> str:
    found = find_chromium()
    if not found:
        raise BrowserError(
            "no Chromium found: install Debian's `chromium` package (tools/ensure_chromium.sh does) "
            f"or set EXPLAINERS_CHROMIUM to the browser's path; looked for {', '.join(_CANDIDATES)}"
        )
    return found


def print_pdf(page: Path, target: Path, timeout: float = 120.0) -> Path:
    """Print one page to PDF with headless Chromium (A4, no header or footer, background colours).

    Parameters
    ----------
    page : pathlib.Path
        An HTML file.
    target : pathlib.Path
        The PDF to write.
    timeout : float
        Seconds allowed.

    Returns
    -------
    pathlib.Path
        ``target``.

    Raises
    ------
    BrowserError
        If Chromium is missing or wrote no PDF.
    """
    executable = _require()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="explainers-chromium-") as profile:
        args = [executable, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                f"--print-to-pdf={target}", page.resolve().as_uri()]
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    if not target.exists() or target.stat().st_size == 0:
        raise BrowserError(f"Chromium wrote no PDF for {page.name} (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return target


def print_site(site: Path | None = None, only: list[str] | None = None) -> list[Path]:
    """Print every reader page of a built site to ``site/pdf/`` and link the handouts from the index.

    Parameters
    ----------
    site : pathlib.Path, optional
        Defaults to :func:`explainers.paths.site_dir`.
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
    from . import assemble

    site = site or paths.site_dir()
    pages = sorted(site.glob("*.reader.html"))
    if not pages:
        raise BrowserError(f"no reader pages in {site}: run `explainers build` (or `explainers export`) first")
    stems = [p.name.removesuffix(".reader.html") for p in pages]
    for name in only or []:
        if not any(name in (s, s.split("_", 1)[0]) for s in stems):
            raise BrowserError(f"no page called {name!r}; valid names: {', '.join(stems)}")
    chosen = [p for p, s in zip(pages, stems) if not only or any(n in (s, s.split("_", 1)[0]) for n in only)]
    written = [print_pdf(p, site / assemble.PDF_FOLDER / p.name.replace(".html", ".pdf")) for p in chosen]
    assemble.relink_index(site)
    return written


class DevTools:
    """A headless Chromium driven over the DevTools pipe; use as a context manager.

    Parameters
    ----------
    extra_flags : sequence of str, optional
        Flags added to :data:`FLAGS`.

    Attributes
    ----------
    events : queue.Queue
        Every event the browser sent (dicts with ``method``, ``params``, ``sessionId``).
    """

    def __init__(self, extra_flags=()):
        self.executable = _require()
        self.extra_flags = tuple(extra_flags)
        self.events: queue.Queue = queue.Queue()
        self._replies: dict[int, dict] = {}
        self._ready = threading.Condition()
        self._next_id = 0

    def __enter__(self) -> Self:
        self._profile = tempfile.TemporaryDirectory(prefix="explainers-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes():  # in the child: the protocol wants fd 3 (commands in) and fd 4 (replies out)
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [self.executable, *FLAGS, *self.extra_flags, f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(args, preexec_fn=wire_pipes, close_fds=False,  # noqa: PLW1509 - fds 3/4 must be wired before exec
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except BrowserError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._ready:
                        self._replies[message["id"]] = message
                        self._ready.notify_all()
                else:
                    self.events.put(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30.0) -> dict:
        """Send one command and wait for its reply.

        Parameters
        ----------
        method : str
            A DevTools method, e.g. ``"Page.navigate"``.
        params : dict, optional
        session : str, optional
            Session id of an attached target.
        timeout : float
            Seconds to wait.

        Returns
        -------
        dict
            The reply's ``result``.

        Raises
        ------
        BrowserError
            On a protocol error or a timeout.
        """
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._ready:
            while self._next_id not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no reply to {method} within {timeout} s")
                self._ready.wait(left)
            reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise BrowserError(f"{method} failed: {reply['error']}")
        return reply.get("result", {})

    def wait_for(self, method: str, session: str | None = None, timeout: float = 30.0, seen: list | None = None) -> dict:
        """Wait for an event, keeping every other event in ``seen``.

        Parameters
        ----------
        method : str
            Event name, e.g. ``"Page.loadEventFired"``.
        session : str, optional
            Only an event of this session counts.
        timeout : float
        seen : list, optional
            Receives every event taken off the queue (including the awaited one).

        Returns
        -------
        dict
            The event.

        Raises
        ------
        BrowserError
            If it does not arrive in time.
        """
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"no {method} within {timeout} s")
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if seen is not None:
                seen.append(event)
            if event.get("method") == method and (session is None or event.get("sessionId") == session):
                return event
