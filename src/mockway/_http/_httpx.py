"""httpx: the default transports' ``handle_request`` (``HTTPTransport``) and
``handle_async_request`` (``AsyncHTTPTransport``).

Claimed requests are answered above httpcore, where respx and other mocks of httpcore sit, so
they keep every other URL; the client around the transport (auth, redirects, cookies, event
hooks) works as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import Claim, HttpRequest, HttpResponse, answer, claim

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]


def install(controller: Controller, httpx: ModuleType) -> None:
    controller.wrap(httpx.HTTPTransport, "handle_request", _handle_request)
    controller.wrap(httpx.AsyncHTTPTransport, "handle_async_request", _handle_async_request)


def _claim(request: Any) -> Claim | None:
    host = request.url.host
    return claim(host)


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
        headers=list(response.headers.items()),
        content=response.body,
        request=request,
        extensions={
            "http_version": b"HTTP/1.1",
            "reason_phrase": response.reason.encode("ascii"),
        },
    )


def _handle_request(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    def handle_request(transport: Any, request: Any) -> Any:
        claimed = _claim(request)
        if claimed is None:
            return original(transport, request)
        return _response(answer(claimed, _request(request, request.read())), request)

    return handle_request


def _handle_async_request(
    controller: Controller, original: Callable[..., Any]
) -> Callable[..., Any]:
    async def handle_async_request(transport: Any, request: Any) -> Any:
        claimed = _claim(request)
        if claimed is None:
            return await original(transport, request)
        body = await request.aread()
        return _response(answer(claimed, _request(request, body)), request)

    return handle_async_request
