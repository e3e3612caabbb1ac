"""urllib3: ``HTTPConnectionPool.urlopen``, which ``PoolManager`` (and every pool) goes
through for each request."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import HttpRequest, HttpResponse, answer, body_bytes, claim, split_url

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install", "to_urllib3"]


def install(controller: Controller, urllib3: ModuleType) -> None:
    controller.wrap(urllib3.connectionpool.HTTPConnectionPool, "urlopen", _urlopen)


def to_urllib3(
    response: HttpResponse,
    method: str,
    url: str,
    preload_content: bool = True,
    decode_content: bool = True,
    wire: bool = False,
) -> Any:
    """An answer as the ``urllib3.HTTPResponse`` a connection would have read; with ``wire``,
    also the ``http.client`` response behind it when the answer sets cookies: ``requests``
    takes cookies from its headers (and from nothing else)."""
    from urllib3._collections import HTTPHeaderDict
    from urllib3.response import HTTPResponse

    headers = HTTPHeaderDict()
    cookies = False
    for name, value in response.fields:
        headers.add(name, value)
        cookies = cookies or name.lower() in _SETS_COOKIES
    original: Any = _Wire(response.fields, method) if wire and cookies else None
    return HTTPResponse(
        body=io.BytesIO(response.body),
        headers=headers,
        status=response.status,
        version=11,
        reason=response.reason,
        preload_content=preload_content,
        decode_content=decode_content,
        original_response=original,
        request_method=method,
        request_url=url,
    )


_SETS_COOKIES = frozenset(("set-cookie", "set-cookie2"))


class _Wire:
    """What is read of the ``http.client.HTTPResponse`` behind a ``urllib3`` response: its
    headers as an ``HTTPMessage`` (``msg``), and whether it is closed."""

    __slots__ = ("_closed", "_method", "msg")

    def __init__(self, lines: Iterable[tuple[str, str]], method: str) -> None:
        import http.client

        self.msg = http.client.HTTPMessage()
        for name, value in lines:
            self.msg[name] = value  # a message keeps every line of a name
        self._method = method
        self._closed = False

    def close(self) -> None:
        self._closed = True

    def isclosed(self) -> bool:
        return self._closed


def _urlopen(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    def urlopen(
        pool: Any,
        method: str,
        url: str,
        body: Any = None,
        headers: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if "://" in url:  # a proxy's pool: the URL is absolute
            full = url
        else:
            port = "" if pool.port is None else f":{pool.port}"
            full = f"{pool.scheme}://{pool.host}{port}{url}"
        host, path, query = split_url(full)
        claimed = claim(host)
        if claimed is None:
            return original(pool, method, url, body, headers, *args, **kwargs)
        request = HttpRequest(
            method.upper(),
            host,
            path,
            query,
            tuple((str(k), str(v)) for k, v in (headers or {}).items()),
            body_bytes(body),
        )
        return to_urllib3(
            answer(claimed, request),
            method,
            full,
            kwargs.get("preload_content", True),
            kwargs.get("decode_content", True),
        )

    return urlopen
