"""requests: ``Session.get_adapter``, which picks the transport adapter for each request.

A claimed URL gets mockway's adapter, so other mocks of requests (``responses`` patches
``HTTPAdapter.send``) and the adapters a session mounts keep every other URL.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import HttpRequest, answer, body_bytes, claim, split_url
from ._urllib3 import to_urllib3

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]

_adapter: Any = None


def install(controller: Controller, requests: ModuleType) -> None:
    controller.wrap(requests.sessions.Session, "get_adapter", _get_adapter)


def _mockway_adapter() -> Any:
    """The one adapter that answers claimed URLs, made on first use."""
    global _adapter
    if _adapter is None:
        from requests.adapters import HTTPAdapter

        class MockwayAdapter(HTTPAdapter):
            """Answers data-plane requests in-process; never opens a connection."""

            def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
                url = request.url or ""
                host, path, query = split_url(url)
                claimed = claim(host)
                if claimed is None:  # the mock stopped between choosing and sending
                    return super().send(request, *args, **kwargs)
                sent = HttpRequest(
                    (request.method or "GET").upper(),
                    host,
                    path,
                    query,
                    tuple((str(k), str(v)) for k, v in request.headers.items()),
                    body_bytes(request.body),
                )
                raw = to_urllib3(answer(claimed, sent), sent.method, url, preload_content=False)
                return self.build_response(request, raw)

        _adapter = MockwayAdapter()
    return _adapter


def _get_adapter(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    def get_adapter(session: Any, url: str) -> Any:
        if "-api." in url and claim(split_url(url)[0]) is not None:
            return _mockway_adapter()
        return original(session, url)

    return get_adapter
