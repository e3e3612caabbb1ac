"""requests: ``Session.get_adapter``, which picks the transport adapter for each request.

A claimed URL gets mockway's adapter, so other mocks of requests (``responses`` patches
``HTTPAdapter.send``) and the adapters a session mounts keep every other URL.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import NotActiveError
from . import HttpRequest, answer, body_bytes, claim, split_url
from ._urllib3 import to_urllib3

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]

_adapter: Any = None


def install(controller: Controller, requests: ModuleType) -> None:
    controller.wrap(requests.sessions.Session, "get_adapter", _get_adapter)
    controller.wrap(requests.sessions.Session, "merge_environment_settings", _settings)
    controller.wrap(requests.sessions, "get_netrc_auth", _netrc)


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
                if claimed is None:
                    raise NotActiveError(
                        f"mockway stopped while a request to {host} was being sent; it was not sent"
                    )
                sent = HttpRequest(
                    (request.method or "GET").upper(),
                    host,
                    path,
                    query,
                    tuple((str(k), str(v)) for k, v in request.headers.items()),
                    body_bytes(request.body),
                )
                # as requests' own adapter reads a connection: the body left to read, undecoded
                raw = to_urllib3(
                    answer(claimed, sent),
                    sent.method,
                    url,
                    preload_content=False,
                    decode_content=False,
                    wire=True,
                )
                return self.build_response(request, raw)

        _adapter = MockwayAdapter()
    return _adapter


def _get_adapter(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    def get_adapter(session: Any, url: str) -> Any:
        if claim(split_url(url)[0]) is not None:
            return _mockway_adapter()
        return original(session, url)

    return get_adapter


def _netrc(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    """No ``.netrc`` credentials for a claimed URL: like the environment's proxies, the
    machine's files do not change a request answered in the process."""

    def get_netrc_auth(url: str, raise_errors: bool = False) -> Any:
        if claim(split_url(url)[0]) is None:
            return original(url, raise_errors)
        return None

    return get_netrc_auth


def _settings(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    """A claimed URL is answered in-process, so no proxy or certificate bundle from the
    environment applies to it: the session's own settings merged with the request's, without
    reading the environment (which costs requests more than mockway's whole answer)."""

    def merge_environment_settings(
        session: Any, url: str, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        if claim(split_url(url)[0]) is None:
            return original(session, url, proxies, stream, verify, cert)
        from requests.sessions import merge_setting

        return {
            "proxies": _proxies(proxies, session.proxies),
            "stream": merge_setting(stream, session.stream),
            "verify": merge_setting(verify, session.verify),
            "cert": merge_setting(cert, session.cert),
        }

    return merge_environment_settings


def _proxies(request: Any, session: Any) -> Any:
    """``merge_setting`` of the request's proxies and the session's: the same ordered map,
    without the runtime protocol checks that cost ``requests`` more than the merge."""
    if session is None or request is None:
        return request if session is None else session
    if not (isinstance(session, dict) and isinstance(request, dict)):
        from requests.sessions import merge_setting

        return merge_setting(request, session)
    from collections import OrderedDict

    merged = OrderedDict(session)
    merged.update(request)
    return OrderedDict((k, v) for k, v in merged.items() if v is not None)
