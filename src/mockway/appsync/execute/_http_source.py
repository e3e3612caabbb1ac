"""HTTP data sources: the request AppSync sends to an HTTP endpoint, and what it reads back.

A resolver (or a pipeline function) on an HTTP data source renders its request mapping
template into AppSync's HTTP request::

    {"version": "2018-05-29", "method": "GET|POST|PUT|PATCH|DELETE", "resourcePath": "/...",
     "params": {"query": {...}, "headers": {...}, "body": ...}}

and AppSync sends it to the data source's ``httpConfig.endpoint`` followed by the resource
path. The response mapping template reads the endpoint's answer as ``$ctx.result``:
``{"statusCode": 200, "headers": {...}, "body": "<text>"}``, whatever the status (a 4xx or
5xx is the template's to handle). A template without ``version``, ``method`` or
``resourcePath`` is AppSync's ``MappingTemplate`` error ``Value for field '$[method]' not
found.``; a call that fails is ``$ctx.error`` for the response template.

Nothing leaves the process. The endpoint is answered by the callable a test registered for
the longest prefix of its URL (:meth:`AppSyncView.register_http`), else, when its host is a
data-plane host mockway answers (an execute-api stage, a custom domain name, an AppSync API),
by mockway's own engine. An endpoint with neither raises :class:`~mockway.MockwayError` in
the caller.

A data source with ``authorizationConfig`` ``AWS_IAM`` signs the request with Signature
Version 4 for its ``awsIamConfig`` (``signingRegion``, ``signingServiceName``), with
temporary credentials of its service role, as AppSync does after assuming the role. mockway
holds no secret keys: the credentials are made up (the same for a role each time), so the
signature has the right form and scope but verifies against nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any
from urllib.parse import quote

from ..._http import HttpRequest, HttpResponse, answer, claim, registered_answer, split_url
from ..._sigv4 import ALGORITHM, stamp
from ...errors import MockwayError
from .._data_sources import DataSource
from .._models import AppSyncBackend
from ._answers import FieldError
from ._registered import Registered

__all__ = ["HttpHandler", "back_ends_of", "call", "register"]

HttpHandler = Callable[[HttpRequest], HttpResponse]
MAPPING_TEMPLATE = "MappingTemplate"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
REQUIRED = ("version", "method", "resourcePath")
"""The request template's required fields, in the order AppSync's JSON schema lists them."""
NOT_FOUND = "Value for field '$[{name}]' not found."
BAD_METHOD = (
    "Value for field '$[method]' must be one of GET, POST, PUT, PATCH, DELETE; got '{method}'."
)
FAILED = "HttpRequestException"
"""``$ctx.error.type`` of a call that fails (AppSync's logs name its exception so)."""
NOT_SET = frozenset(
    ("host", "connection", "user-agent", "expect", "transfer-encoding", "content-length")
)
"""Headers a template cannot set: AppSync sets them itself (lower case)."""
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_ARN = re.compile(r"arn:[^:]+:appsync:(?P<region>[^:]*):(?P<account>[^:]*):.*")

_back_ends: Registered[HttpHandler] = Registered()
back_ends_of = _back_ends.of
"""The endpoints registered for a backend's account and region, by URL prefix."""


def register(backend: AppSyncBackend, url_prefix: str, handler: HttpHandler) -> None:
    """Serve the HTTP endpoints whose URL starts with ``url_prefix`` with ``handler``."""
    if not callable(handler):
        raise MockwayError(f"the handler for {url_prefix!r} is not callable: {handler!r}")
    if not isinstance(url_prefix, str) or not url_prefix.lower().startswith(
        ("http://", "https://")
    ):
        raise MockwayError(
            f"an HTTP endpoint's URL prefix begins with http:// or https://, not {url_prefix!r}"
        )
    _back_ends.put(backend, url_prefix, handler)


def _handler_for(handlers: Mapping[str, HttpHandler], url: str) -> HttpHandler | None:
    """The handler of the longest registered prefix of ``url``."""
    with _back_ends.lock:
        best = max((p for p in handlers if url.startswith(p)), key=len, default=None)
        return None if best is None else handlers[best]


# -- the request template -----------------------------------------------------------------


def _text(value: Any) -> str:
    """A template's value as it goes on the wire: text as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def _pairs(value: Any, name: str) -> list[tuple[str, str]]:
    """``params.query`` or ``params.headers`` as name-value pairs (a list value gives the name
    once for each item); null is none."""
    if value is None:
        return []
    if not isinstance(value, dict):
        raise FieldError(
            f"Value for field '$[params][{name}]' must be an object.", MAPPING_TEMPLATE
        )
    pairs = []
    for key, item in value.items():
        for one in item if isinstance(item, list) else [item]:
            if one is not None:
                pairs.append((str(key), _text(one)))
    return pairs


def _request(document: Mapping[str, Any], endpoint: str) -> tuple[str, HttpRequest]:
    """The URL and the request a rendered request template asks AppSync to send."""
    for name in REQUIRED:
        if document.get(name) is None:
            raise FieldError(NOT_FOUND.format(name=name), MAPPING_TEMPLATE)
    method = document["method"]
    if method not in METHODS:
        raise FieldError(BAD_METHOD.format(method=method), MAPPING_TEMPLATE)
    params = document.get("params")
    if params is None:
        params = {}
    elif not isinstance(params, dict):
        raise FieldError("Value for field '$[params]' must be an object.", MAPPING_TEMPLATE)
    resource = _text(document["resourcePath"])
    url = endpoint.rstrip("/") + ("" if resource.startswith("/") else "/") + resource
    host, path, query = split_url(url)
    authority = url.partition("://")[2].partition("/")[0].partition("?")[0]
    added = "&".join(
        f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in _pairs(params.get("query"), "query")
    )
    query = "&".join(part for part in (query, added) if part)
    headers = [
        (k, v) for k, v in _pairs(params.get("headers"), "headers") if k.lower() not in NOT_SET
    ]
    headers.append(("Host", authority.rpartition("@")[2]))
    body = params.get("body")
    data = b"" if body is None else _text(body).encode("utf-8")
    sent = HttpRequest(method, host, quote(path, safe=_PATH_SAFE), query, tuple(headers), data)
    return url, sent


# -- AWS_IAM ------------------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def _signed(
    request: HttpRequest, iam: Mapping[str, Any], role: str, region: str, now: float
) -> HttpRequest:
    """``request`` signed with Signature Version 4 with the role's made-up credentials, for
    ``awsIamConfig``'s region (else the API's) and service (else the one the endpoint's
    host names)."""
    seed = hashlib.sha256(role.encode("utf-8")).digest()
    access_key = "ASIA" + seed[:8].hex().upper()
    secret = seed.hex()
    token = "IQoJb3JpZ2luX2VjE" + hashlib.sha256(seed).hexdigest()
    region = iam.get("signingRegion") or region
    labels = request.host.split(".")
    named = labels[1] if len(labels) > 2 and labels[1] == "execute-api" else labels[0]
    service = iam.get("signingServiceName") or named
    date = stamp(now)
    headers = [*request.headers, ("X-Amz-Date", date), ("X-Amz-Security-Token", token)]
    names = sorted({name.lower() for name, _ in headers})
    canonical = "\n".join(
        (
            request.method,
            request.path,
            "&".join(sorted(request.query.split("&"))) if request.query else "",
            *(f"{name}:{_value(headers, name)}" for name in names),
            "",
            ";".join(names),
            _digest(request.body),
        )
    )
    scope = f"{date[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join((ALGORITHM, date, scope, _digest(canonical.encode("utf-8"))))
    key = ("AWS4" + secret).encode("utf-8")
    for part in (date[:8], region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    authorization = (
        f"{ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={';'.join(names)}, "
        f"Signature={signature}"
    )
    headers.append(("Authorization", authorization))
    return HttpRequest(
        request.method, request.host, request.path, request.query, tuple(headers), request.body
    )


def _value(headers: list[tuple[str, str]], name: str) -> str:
    return next((v.strip() for k, v in reversed(headers) if k.lower() == name), "")


# -- the call -----------------------------------------------------------------------------


def _unanswered(url: str, data_source: DataSource) -> MockwayError:
    return MockwayError(
        f"no Python callable is registered for the HTTP endpoint {url} (data source "
        f"{data_source.name}): handle.appsync(region).register_http(url_prefix, handler); "
        "an execute-api stage, a custom domain name or an AppSync API is answered in-process "
        "while mockway mocks its service"
    )


def _sent(handler: HttpHandler, request: HttpRequest) -> HttpResponse:
    """What a registered endpoint answers; a handler that raises is a failed call."""
    try:
        response = handler(request)
    except Exception as error:  # a failed call is the field's error, not the caller's
        raise FieldError(str(error) or type(error).__name__, FAILED) from error
    return registered_answer(response, "appsync.view")


_nesting: ContextVar[int] = ContextVar("mockway_appsync_http_nesting", default=0)
NESTED_MAX = 10
"""How deep calls from HTTP data sources to mockway's own endpoints may nest."""


def _answered_here(claimed: Any, request: HttpRequest, url: str) -> HttpResponse:
    """mockway's own answer to a call to one of its data-plane hosts; a call made while
    ``NESTED_MAX`` such calls are under way (a data source that reaches itself) raises
    :class:`~mockway.MockwayError`, where AppSync would wait for the calls to time out."""
    depth = _nesting.get()
    if depth >= NESTED_MAX:
        raise MockwayError(
            f"calls from HTTP data sources to mockway's own endpoints nest {NESTED_MAX} deep "
            f"(the last to {url}): a data source that reaches the API it serves calls itself "
            "until AppSync's resolver timeout. Point it at another endpoint, or register one "
            "with handle.appsync(region).register_http(url_prefix, handler)"
        )
    token = _nesting.set(depth + 1)
    try:
        return answer(claimed, request)
    finally:
        _nesting.reset(token)


def call(
    data_source: DataSource,
    document: Mapping[str, Any] | None,
    back_ends: Mapping[str, HttpHandler],
    now: float,
) -> Any:
    """``$ctx.result`` of the HTTP request the rendered request template ``document`` asks
    for, sent to the endpoint ``back_ends`` (by URL prefix) registers, else to mockway's own
    data planes: ``statusCode``, ``headers`` (as the endpoint sent them, a name sent twice once with
    its values joined) and ``body`` (text). Raises :class:`FieldError` for a template that is
    not AppSync's HTTP request (``MappingTemplate``) or a call that fails."""
    config = data_source.http_config or {}
    url, request = _request(document or {}, str(config.get("endpoint", "")))
    authorization = config.get("authorizationConfig") or {}
    if authorization.get("authorizationType") == "AWS_IAM":
        role = data_source.service_role_arn or data_source.data_source_arn
        where = _ARN.fullmatch(data_source.data_source_arn)
        region = "" if where is None else where["region"]
        iam = authorization.get("awsIamConfig") or {}
        request = _signed(request, iam, role, region, now)
    handler = _handler_for(back_ends, url)
    if handler is not None:
        response = _sent(handler, request)
    else:
        claimed = claim(request.host)
        if claimed is None:
            raise _unanswered(url, data_source)
        response = _answered_here(claimed, request, url)
    return {
        "statusCode": response.status,
        "headers": dict(response.headers),
        "body": response.text,
    }
