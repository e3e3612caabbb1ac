"""TestInvokeMethod and TestInvokeAuthorizer: a method or an authorizer run as the console's
test runs them, on the same engine as traffic through a stage.

A test invocation runs the API as it is now, not a deployment, in a stage of its own
(``test-invoke-stage``, with the call's ``stageVariables``), reached at
``testPrefix.testDomainName``; it skips authorization, API keys, throttles, quotas and usage.
The path (``pathWithQueryString``, the resource's path when omitted) fills the resource's path
parameters where it matches the resource's path, and none where it does not. The answer carries
the status, the body as text, the headers of the method response, AWS's execution log and the
latency in milliseconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from .._http import HttpRequest, HttpResponse
from .._registry import Call
from . import _errors as e
from ._authorizers import FAMILY as AUTHORIZERS
from ._models import ApiGatewayBackend
from ._rest_models import Deployment, Method, Resource, RestApi, Stage
from .execute._endpoint import latency_ms
from .execute._integration import integration_of
from .execute._proxy import Identity
from .execute._responses import GatewayError, refusal
from .execute._route import Route
from .execute._target import Target
from .execute._traffic import traffic_of

__all__ = ["OPERATIONS"]

STAGE = "test-invoke-stage"
HOST = "testPrefix.testDomainName"


def _java_map(pairs: Any) -> str:
    """A map as Java prints it: ``{a=1, b=2}``."""
    return "{" + ", ".join(f"{k}={v}" for k, v in pairs) + "}"


MAX_LINE = 1024
"""Characters of a log message kept; a longer one is cut and marked ``[TRUNCATED]``, as in
AWS's recorded logs."""


class _Log:
    """AWS's execution log: a heading, then a line per step, each stamped with the time. It
    is the :class:`~.execute._endpoint.Trace` the integration tells of its endpoint call."""

    def __init__(self, request_id: str, now: float) -> None:
        self.stamp = time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(now))
        self.lines = [f"Execution log for request {request_id}"]
        self.add(f"Starting execution for request: {request_id}")

    def add(self, line: str) -> None:
        if len(line) > MAX_LINE:
            line = line[:MAX_LINE] + " [TRUNCATED]"
        self.lines.append(f"{self.stamp} : {line}")

    def sent(self, uri: str, headers: Mapping[str, str], body: bytes) -> None:
        self.add(f"Endpoint request URI: {uri}")
        self.add(f"Endpoint request headers: {_java_map(headers.items())}")
        self.add(f"Endpoint request body after transformations: {_text(body)}")
        self.add(f"Sending request to {uri}")

    def received(
        self, status: int, started: float, headers: Mapping[str, str], body: bytes
    ) -> None:
        self.add(
            f"Received response. Status: {status}, Integration latency: {latency_ms(started)} ms"
        )
        self.add(f"Endpoint response headers: {_java_map(headers.items())}")
        self.add(f"Endpoint response body before transformations: {_text(body)}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def _parameters(resource_path: str, path: str) -> dict[str, str]:
    """The path parameters ``path`` gives the resource's path, none when it does not match."""
    wanted = [p for p in resource_path.split("/") if p]
    given = [p for p in path.split("/") if p]
    found: dict[str, str] = {}
    for at, part in enumerate(wanted):
        if part.startswith("{") and part.endswith("+}"):
            if at >= len(given):
                return {}
            found[part[1:-2]] = "/".join(given[at:])
            return found
        if at >= len(given):
            return {}
        if part.startswith("{") and part.endswith("}"):
            found[part[1:-1]] = given[at]
        elif part != given[at]:
            return {}
    return found if len(given) == len(wanted) else {}


def _located(backend: ApiGatewayBackend, call: Call) -> tuple[RestApi, Resource, Method]:
    p = call.params
    api = backend.rest_apis.get(p["restApiId"])
    resource = None if api is None else api.resources.get(p["resourceId"])
    if api is None or resource is None:
        raise e.not_found(e.RESOURCE_NOT_FOUND)
    method = resource.methods.get(p["httpMethod"])
    if method is None:
        raise e.not_found(e.METHOD_NOT_FOUND)
    return api, resource, method


def _request(call: Call, method: str, default_path: str) -> HttpRequest:
    p = call.params
    path, _, query = (p.get("pathWithQueryString") or default_path).partition("?")
    headers: list[tuple[str, str]] = list((p.get("headers") or {}).items())
    for name, values in (p.get("multiValueHeaders") or {}).items():
        headers.extend((name, value) for value in values)
    body = (p.get("body") or "").encode("utf-8")
    return HttpRequest(method, HOST, path or "/", query, tuple(headers), body)


def _stage(call: Call, now: int) -> Stage:
    return Stage(STAGE, "", now, now, variables=dict(call.params.get("stageVariables") or {}))


def test_invoke_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, resource, method = _located(backend, call)
    started = time.perf_counter()
    now = call.now
    request = _request(call, method.http_method, resource.path)
    deployment = Deployment(
        "",
        None,
        int(now),
        methods={(resource.path, method.http_method): method},
        resource_ids={r.path: r.id for r in api.resources.values()},
    )
    segments = tuple(p for p in request.path.split("/") if p)
    target = Target(api, _stage(call, int(now)), deployment, segments)
    route = Route(resource.path, method.http_method, {}, _parameters(resource.path, request.path))
    log = _Log(call.ids.request_id(), now)
    log.add(f"HTTP Method: {method.http_method}, Resource Path: {request.path}")
    log.add(f"Method request path: {_java_map(route.parameters.items())}")
    query = [tuple(part.partition("=")[::2]) for part in request.query.split("&") if part]
    log.add(f"Method request query string: {_java_map(query)}")
    log.add(f"Method request headers: {_java_map(request.headers)}")
    log.add(f"Method request body before transformations: {_text(request.body)}")
    try:
        run = integration_of(traffic_of(backend), target, route, backend.account_id, backend.region)
        answer = run(request, Identity(), call.ids, now, log)
    except GatewayError as error:
        answer = refusal(api, error.refusal)
    return _answer(answer, log, started)


def _answer(answer: HttpResponse, log: _Log, started: float) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", **answer.headers}
    text = _text(answer.body)
    log.add(f"Method response body after transformations: {text}")
    log.add(f"Method response headers: {_java_map(headers.items())}")
    log.add("Successfully completed execution")
    log.add(f"Method completed with status: {answer.status}")
    return {
        "status": answer.status,
        "body": text,
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "log": log.text(),
        "latency": int((time.perf_counter() - started) * 1000),
    }


def test_invoke_authorizer(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    from .execute._authorizers import Grant, Pending, authorizer_identity, run

    api, authorizer = AUTHORIZERS.locate(backend, call)
    started = time.perf_counter()
    now = call.now
    request = _request(call, "GET", "/")
    target = Target(api, _stage(call, int(now)), Deployment("", None, int(now)), ())
    route = Route("/", "GET", {}, {})
    log = _Log(call.ids.request_id(), now)
    out: dict[str, Any] = {}
    try:
        pending: Pending = authorizer_identity(
            traffic_of(backend),
            authorizer,
            target,
            route,
            request,
            backend.account_id,
            backend.region,
        )
        log.add(f"Incoming identity: {', '.join(pending.identity)}")
        granted: Grant = run(pending, request, target, route, backend.account_id, call.ids, now)
        status = 200
        out = {"principalId": granted.principal_id, "policy": json.dumps(dict(granted.policy))}
        log.add(f"Authorizer result: principalId {granted.principal_id}")
    except GatewayError as error:
        status = error.refusal.status
        log.add(f"Authorizer result: {error.refusal.message}")
    log.add(f"Execution completed with status: {status}")
    return {
        "clientStatus": status,
        "log": log.text(),
        "latency": int((time.perf_counter() - started) * 1000),
        **out,
    }


OPERATIONS = {
    "TestInvokeMethod": test_invoke_method,
    "TestInvokeAuthorizer": test_invoke_authorizer,
}
