"""Repository-wide test guard: nothing under test may open a network connection.

mockway answers every call to a mocked service in-process; a socket connect anywhere in the
test suite or the examples means a request tried to leave, and fails the test at once.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> None:
        if self.family == socket.AF_UNIX:
            return original(self, address)
        raise NetworkAccessError(f"a test tried to connect to {address!r}")

    original = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield
