"""Repository-wide test guard: nothing under test may reach the network.

mockway answers every call to a mocked service in-process; a socket connect or a DNS lookup
anywhere in the test suite or the examples means a request tried to leave, and fails the test
at once with :class:`NetworkAccessError`.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

_LOCAL_HOSTS = frozenset({None, "localhost", "127.0.0.1", "::1", b"localhost"})


class NetworkAccessError(AssertionError):
    pass


def _is_ip_literal(host: Any) -> bool:
    """A numeric address resolves without a query; the connect guard then stops it."""
    try:
        ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host)
    except ValueError:
        return False
    return True


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        if self.family == socket.AF_UNIX:
            return original_connect(self, address)
        self.close()  # the caller only closes sockets on OSError; this is not one
        raise NetworkAccessError(f"a test tried to connect to {address!r}")

    def refuse_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        # Without a resolver the lookup would fail first and hide the attempt behind
        # botocore's retries; with one, the query itself would leave the machine.
        if host in _LOCAL_HOSTS or _is_ip_literal(host):
            return original_getaddrinfo(host, *args, **kwargs)
        raise NetworkAccessError(f"a test tried to connect to {host!r} (DNS lookup)")

    original_connect = socket.socket.connect
    original_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
