"""Refuse network connections outside loopback, so the build and tests prove they run offline.

Jupyter kernels talk to their client over loopback (ZMQ), so loopback and Unix sockets stay
allowed; anything else raises :class:`NetworkBlockedError` at once, instead of hanging until
a download times out. :func:`install` guards the current process; :func:`kernel_env` returns
environment variables that make every Python child (notebook kernels included) guard itself,
through the ``sitecustomize`` module in ``explainers/_offline_site``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent / "_offline_site"
_installed = False


class NetworkBlockedError(ConnectionRefusedError):
    """Raised when code tries to reach a host outside loopback while offline mode is on."""


def _is_loopback(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS: refuse it


def _check(address: object) -> None:
    host = address[0] if isinstance(address, tuple) else None
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return
    if not _is_loopback(host):
        raise NetworkBlockedError(
            f"network access to {address!r} blocked: the explainers build and tests run offline "
            "(only loopback is allowed). Load data from installed packages or data/ instead."
        )


def install() -> None:
    """Block non-loopback connections and DNS look-ups in this process (idempotent).

    Returns
    -------
    None
    """
    global _installed
    if _installed:
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return original_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return original_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            raise NetworkBlockedError(
                f"DNS look-up of {host!r} blocked: the explainers build and tests run offline"
            )
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    _installed = True


def kernel_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Return an environment in which child Python processes block the network too.

    Parameters
    ----------
    base : dict, optional
        Environment to extend; defaults to a copy of ``os.environ``.

    Returns
    -------
    dict
        ``base`` with ``EXPLAINERS_OFFLINE=1`` and the offline ``sitecustomize`` folder
        first on ``PYTHONPATH``.
    """
    env = dict(os.environ if base is None else base)
    parts = [str(SITE_DIR)] + [
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(SITE_DIR)
    ]
    env["PYTHONPATH"] = os.pathsep.join(parts)
    env["EXPLAINERS_OFFLINE"] = "1"
    return env
