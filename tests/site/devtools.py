"""A tiny Chrome DevTools protocol client over ``--remote-debugging-pipe``, standard library only.

Chromium reads commands from file descriptor 3 and writes replies and events to descriptor 4,
each message JSON followed by a NUL byte. The browser runs headless with the offline flags of
:data:`explainers.site.browser.FLAGS` and a fresh profile. The browser tests open pages with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from typing import Self

from explainers.site.browser import FLAGS, BrowserError, require


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
        self.executable = require()
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

        args = [
            self.executable,
            *FLAGS,
            *self.extra_flags,
            f"--user-data-dir={self._profile.name}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            args,
            preexec_fn=wire_pipes,
            close_fds=False,  # noqa: PLW1509 - fds 3/4 must be wired before exec
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(BrowserError):
            self.send("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
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

    def send(
        self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30.0
    ) -> dict:
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

    def wait_for(
        self, method: str, session: str | None = None, timeout: float = 30.0, seen: list | None = None
    ) -> dict:
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
