"""aiohttp: ``ClientSession._request``, which ``get``, ``post``, ``request`` and the others
call. A claimed request never reaches the session's connector; the answer is aiohttp's own
``ClientResponse``, read as one that has arrived whole.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import inspect
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import HttpRequest, HttpResponse, answer, claim

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]


def install(controller: Controller, aiohttp: ModuleType) -> None:
    controller.wrap(aiohttp.ClientSession, "_request", _request)


class _Collected:
    """A stream writer that keeps what a payload writes."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.buffer_size = 0
        self.output_size = 0

    async def write(self, chunk: Any, *args: Any, **kwargs: Any) -> None:
        self.chunks.append(bytes(chunk))

    async def drain(self) -> None:
        pass

    def enable_compression(self, *args: Any, **kwargs: Any) -> None:
        pass

    def enable_chunking(self) -> None:
        pass

    async def write_eof(self, chunk: bytes = b"") -> None:
        self.chunks.append(bytes(chunk))


async def _body(session: Any, data: Any, json: Any) -> tuple[bytes, str | None]:
    """The bytes aiohttp would send for ``data`` or ``json``, and their content type."""
    from aiohttp import FormData, payload

    if data is not None and json is not None:
        raise ValueError("data and json parameters can not be used at the same time")
    if json is not None:
        body: Any = payload.JsonPayload(json, dumps=session.json_serialize)
    elif data is None:
        return b"", None
    else:
        if isinstance(data, FormData):
            data = data()
        try:
            body = payload.PAYLOAD_REGISTRY.get(data, disposition=None)
        except payload.LookupError:
            body = FormData(data)()
    collected = _Collected()
    await body.write(collected)
    return b"".join(collected.chunks), body.content_type


class _Arrived:
    """The protocol of a body that has arrived whole: nothing to pause or resume."""

    _reading_paused = False
    connected = False

    def pause_reading(self, *args: Any, **kwargs: Any) -> None:
        pass

    def resume_reading(self, *args: Any, **kwargs: Any) -> None:
        pass


@functools.cache
def _response_parameters() -> frozenset[str]:
    from aiohttp import ClientResponse

    return frozenset(inspect.signature(ClientResponse.__init__).parameters)


def _client_response(session: Any, method: str, url: Any, sent: Any, response: HttpResponse) -> Any:
    from aiohttp import ClientResponse, RequestInfo, StreamReader
    from aiohttp.helpers import TimerNoop
    from multidict import CIMultiDict, CIMultiDictProxy

    loop = asyncio.get_running_loop()
    offered = {
        "writer": None,
        "continue100": None,
        "timer": TimerNoop(),
        "request_info": RequestInfo(url, method, CIMultiDictProxy(sent), url),
        "traces": [],
        "loop": loop,
        "session": session,
        "stream_writer": _Collected(),
    }
    accepted = _response_parameters()
    made = ClientResponse(method, url, **{k: v for k, v in offered.items() if k in accepted})
    made.status = response.status
    made.reason = response.reason
    made._headers = CIMultiDictProxy(CIMultiDict(response.fields))
    made._raw_headers = tuple((k.encode(), v.encode()) for k, v in response.fields)
    made._body = response.body
    protocol: Any = _Arrived()
    content = StreamReader(protocol, 2**16, loop=loop)
    content.feed_data(response.body)
    content.feed_eof()
    made.content = content
    return made


def _authorize(session: Any, url: Any, auth: Any, sent: Any) -> None:
    """The ``Authorization`` header of the request's ``auth``, else the URL's user, else the
    session's, as aiohttp sends it."""
    if "Authorization" in sent:
        return
    if auth is None and url.user is not None:
        pair = f"{url.user}:{url.password or ''}".encode("latin-1", "replace")
        sent["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return
    if auth is None:
        auth = getattr(session, "auth", None)
    if auth is not None:
        sent["Authorization"] = auth.encode()


def _cookies(session: Any, url: Any, given: Any) -> str:
    """The ``Cookie`` header: the session's jar's cookies for ``url``, then the request's."""
    from http.cookies import Morsel, SimpleCookie

    cookies: SimpleCookie = SimpleCookie()
    for name, morsel in session.cookie_jar.filter_cookies(url).items():
        cookies[name] = morsel.value
    pairs = given.items() if hasattr(given, "items") else given or ()
    for name, value in pairs:
        cookies[name] = value.value if isinstance(value, Morsel) else str(value)
    return "; ".join(f"{name}={morsel.coded_value}" for name, morsel in cookies.items())


def _keep_cookies(session: Any, made: Any, url: Any) -> None:
    """The answer's ``Set-Cookie`` headers as the response's cookies, and in the session's
    jar."""
    from http.cookies import CookieError, SimpleCookie

    cookies: SimpleCookie = SimpleCookie()
    for value in made.headers.getall("Set-Cookie", ()):
        try:
            cookies.load(value)
        except CookieError:
            continue
    made.cookies = cookies
    if cookies:
        session.cookie_jar.update_cookies(cookies, url)


def _request(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    async def _request(session: Any, method: str, str_or_url: Any, **kwargs: Any) -> Any:
        if session.closed:
            return await original(session, method, str_or_url, **kwargs)
        from yarl import URL

        try:
            url = session._build_url(str_or_url)
        except (AttributeError, ValueError, TypeError):
            return await original(session, method, str_or_url, **kwargs)
        host = (url.host or "").lower()
        claimed = claim(host)
        if claimed is None:
            return await original(session, method, str_or_url, **kwargs)
        from multidict import CIMultiDict

        params = kwargs.get("params")
        if params:
            url = url.extend_query(params)
        sent: CIMultiDict[str] = CIMultiDict(session.headers)
        given = kwargs.get("headers")
        if given:
            sent.update(given)
        _authorize(session, url, kwargs.get("auth"), sent)
        cookies = _cookies(session, url, kwargs.get("cookies"))
        if cookies and "Cookie" not in sent:
            sent["Cookie"] = cookies
        body, content_type = await _body(session, kwargs.get("data"), kwargs.get("json"))
        if content_type is not None and "Content-Type" not in sent:
            sent["Content-Type"] = content_type
        request = HttpRequest(
            method.upper(),
            host,
            URL(url).raw_path or "/",
            url.raw_query_string,
            tuple(sent.items()),
            body,
        )
        made = _client_response(session, method.upper(), url, sent, answer(claimed, request))
        _keep_cookies(session, made, url)
        check = kwargs.get("raise_for_status")
        if check is None:
            check = getattr(session, "_raise_for_status", False)
        if callable(check):
            await check(made)
        elif check:
            made.raise_for_status()
        return made

    return _request
