"""An HTTP request to a data plane and the answer to it, whatever client library carried it."""

from __future__ import annotations

import http
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "HttpRequest",
    "HttpResponse",
    "body_bytes",
    "header_lines",
    "on_the_wire",
    "registered_answer",
]


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
    """Each name once; the values of a name sent more than once joined with ``, ``, as HTTP
    clients join them."""
    body: bytes
    lines: tuple[tuple[str, str], ...] | None = None
    """The header lines as sent, when a name is sent more than once (a Lambda's
    ``multiValueHeaders``, two ``Set-Cookie``); None when they are ``headers``' items."""

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """The header lines as sent: ``lines``, else ``headers``' items."""
        return self.lines if self.lines is not None else tuple(self.headers.items())

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
        return HttpResponse(response.status, response.headers, b"", response.lines)
    return response


def header_lines(
    lines: Iterable[tuple[str, str]],
) -> tuple[dict[str, str], tuple[tuple[str, str], ...] | None]:
    """``headers`` and ``lines`` of an :class:`HttpResponse` sending ``lines``: each name
    once, later values joined to the first (in any case); the lines themselves only when a
    name comes more than once."""
    headers: dict[str, str] = {}
    names: dict[str, str] = {}
    repeated = False
    kept = []
    for name, value in lines:
        kept.append((name, value))
        first = names.setdefault(name.lower(), name)
        if first in headers:
            headers[first] += ", " + value
            repeated = True
        else:
            headers[first] = value
    return headers, tuple(kept) if repeated else None


def registered_answer(answer: Any, view: str) -> HttpResponse:
    """What a back end registered with ``register_http`` returned, if it is an
    ``HttpResponse`` a data plane can send: an ``int`` status, headers as a map of texts and a
    ``bytes`` body. Else :class:`~mockway.MockwayError`, naming the ``view`` module whose
    ``HttpResponse`` to return."""
    from ..errors import MockwayError

    made = f"mockway.{view}.HttpResponse(status, headers, body)"
    status: Any = getattr(answer, "status", None)
    headers: Any = getattr(answer, "headers", None)
    body: Any = getattr(answer, "body", None)
    if not isinstance(answer, HttpResponse):
        problem = f"not {type(answer).__name__}"
    elif type(status) is not int or not 100 <= status <= 599:
        problem = f"with a status from 100 to 599, not {status!r}"
    elif not isinstance(headers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        problem = f"with headers as a map of texts, not {headers!r}"
    elif not isinstance(body, (bytes, bytearray)):
        problem = f"with a bytes body, not {type(body).__name__} (encode a text first)"
    else:
        return answer
    raise MockwayError(
        f"an HTTP back end registered with register_http must return {made}, {problem}"
    )
