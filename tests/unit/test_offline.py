"""The offline guard must refuse real hosts, allow loopback, and reach child processes."""

import socket
import subprocess
import sys

import pytest

from explainers.build import offline


def test_connection_to_public_address_is_refused():
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(offline.NetworkBlockedError, match="93.184.216.34"),
    ):
        sock.connect(("93.184.216.34", 80))


def test_dns_lookup_is_refused():
    with pytest.raises(offline.NetworkBlockedError, match="example.org"):
        socket.getaddrinfo("example.org", 443)


def test_loopback_is_allowed():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5) as client:
            assert client.getpeername() == server.getsockname()


def test_child_python_processes_are_offline_too():
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('8.8.8.8', 53), timeout=5)\n"
        "except ConnectionRefusedError as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=offline.kernel_env(), capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "NetworkBlockedError"
