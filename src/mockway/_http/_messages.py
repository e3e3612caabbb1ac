"""An HTTP request to a data plane and the answer to it, whatever client library carried it."""

from __future__ import annotations

import http
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["HttpRequest", "HttpResponse", "body_bytes", "on_the_wire"]


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """One request as it would go on the wire."""

    method: str
    """Upper case, as sent."""
    host: str
    """Lower case, without a port."""
    path: str
    """As sent: percent-encoded, without the query."""
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The last value of the header ``name`` (any case), or None."""
        name = name.lower()
        found = None
        for key, value in self.headers:
            if key.lower() == name:
                found = value
        return found


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What a data plane answered: status, headers as AWS spells them, and the body."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def reason(self) -> str:
        """The status line's phrase (``Forbidden``, ``Too Many Requests``)."""
        try:
            return http.HTTPStatus(self.status).phrase
        except ValueError:
            return ""

    def header(self, name: str) -> str | None:
        """The value of the header ``name``, in any case, or None."""
        name = name.lower()
        for key, value in self.headers.items():
            if key.lower() == name:
                return value
        return None

    @property
    def text(self) -> str:
        """The body as UTF-8 text (undecodable bytes replaced)."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body read as JSON."""
        return json.loads(self.body)


def body_bytes(body: Any, encoding: str = "utf-8") -> bytes:
    """A request body as the bytes a client would send: bytes as they are, text encoded,
    a file read, an iterable of chunks joined; nothing is no bytes."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode(encoding)
    read = getattr(body, "read", None)
    if callable(read):
        return body_bytes(read(), encoding)
    if isinstance(body, Iterable):
        return b"".join(body_bytes(chunk, encoding) for chunk in body)
    raise TypeError(f"a request body cannot be a {type(body).__name__}")


_NO_BODY = frozenset((204, 304))


def on_the_wire(method: str, response: HttpResponse) -> HttpResponse:
    """``response`` as it goes on the wire: without a body for ``HEAD``, or with the statuses
    that have none (1xx, 204, 304); its headers as they are."""
    status = response.status
    if response.body and (method == "HEAD" or status in _NO_BODY or status < 200):
        return HttpResponse(response.status, response.headers, b"")
    return response
