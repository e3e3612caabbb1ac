"""httpx: the clients' choice of transport (``Client._transport_for_url`` and
``AsyncClient._transport_for_url``), as ``requests``' is reached at ``Session.get_adapter``.

A claimed request gets mockway's transport; every other request gets the transport the client
would have used. The client around the transport (auth, redirects, cookies, event hooks) works
as usual, and the mocks that sit below the choice (respx on httpcore, pytest-httpx on the
default transports, ``httpx.MockTransport``) keep every other URL, whichever started first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import Claim, HttpRequest, HttpResponse, answer, claim

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]


def install(controller: Controller, httpx: ModuleType) -> None:
    controller.wrap(httpx.Client, "_transport_for_url", _choice(_transports(httpx)[0]))
    controller.wrap(httpx.AsyncClient, "_transport_for_url", _choice(_transports(httpx)[1]))


def _request(request: Any, body: bytes) -> HttpRequest:
    url = request.url
    return HttpRequest(
        request.method.upper(),
        url.host.lower(),
        url.raw_path.decode("ascii").partition("?")[0] or "/",
        url.query.decode("ascii"),
        tuple(request.headers.multi_items()),
        body,
    )


def _response(response: HttpResponse, request: Any) -> Any:
    import httpx

    return httpx.Response(
        response.status,
        # as bytes off the wire: httpx reads a value that is not ASCII as UTF-8
        headers=[(k.encode("utf-8"), v.encode("utf-8")) for k, v in response.fields],
        content=response.body,
        request=request,
        extensions={
            "http_version": b"HTTP/1.1",
            "reason_phrase": response.reason.encode("ascii"),
        },
    )


@functools.cache
def _transports(httpx: ModuleType) -> tuple[type, type]:
    """mockway's sync and async transports, subclasses of the loaded httpx's base classes."""

    class Transport(httpx.BaseTransport):  # type: ignore[name-defined,misc]
        def __init__(self, claimed: Claim) -> None:
            self.claimed = claimed

        def handle_request(self, request: Any) -> Any:
            return _response(answer(self.claimed, _request(request, request.read())), request)

    class AsyncTransport(httpx.AsyncBaseTransport):  # type: ignore[name-defined,misc]
        def __init__(self, claimed: Claim) -> None:
            self.claimed = claimed

        async def handle_async_request(self, request: Any) -> Any:
            body = await request.aread()
            return _response(answer(self.claimed, _request(request, body)), request)

    return Transport, AsyncTransport


def _choice(
    transport: Callable[[Claim], Any],
) -> Callable[[Controller, Callable[..., Any]], Callable[..., Any]]:
    def wrapper(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
        def _transport_for_url(client: Any, url: Any) -> Any:
            claimed = claim(url.host)
            if claimed is None:
                return original(client, url)
            return transport(claimed)

        return _transport_for_url

    return wrapper
