"""Integration: what the method's integration answers.

The integration is resolved under the lock, before anything is counted, so that a request
mockway cannot serve is stopped without a trace; it runs outside the lock.

* ``MOCK`` answers 200 with an empty JSON object; its templates are not applied yet.
* ``AWS_PROXY`` to a Lambda function calls the handler registered for the function
  (:mod:`._proxy`).
* ``HTTP_PROXY`` calls the HTTP back end registered for the longest prefix of its URI.

Every other integration type stops the request with :class:`UnsupportedExecution`. The
integration is read from the API as it is now, the deployment keeping only each method's
authorization and key requirement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..._http import HttpRequest, HttpResponse
from ..._ids import IdSource
from ...errors import MockwayError
from .._rest_models import Integration
from ._authorize import UnsupportedExecution
from ._proxy import (
    Identity,
    LambdaContext,
    http_response,
    lambda_response,
    proxy_event,
)
from ._responses import BAD_LAMBDA_RESPONSE, refusal
from ._route import Route
from ._target import Target
from ._traffic import Traffic

__all__ = ["Run", "function_arn", "integration_of"]

Run = Callable[[HttpRequest, Identity, IdSource, float], HttpResponse]
"""An integration ready to run: the request, who sent it, ids and the time it came."""

_LAMBDA_URI = re.compile(r"arn:[^:]+:apigateway:[^:]*:lambda:path/[^/]+/functions/(.+)/invocations")
_FUNCTION_ARN = re.compile(r"arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?")


def _mock(request: HttpRequest, identity: Identity, ids: IdSource, now: float) -> HttpResponse:
    return HttpResponse(200, {}, b"{}")


def function_arn(uri: str | None) -> str | None:
    """The Lambda function an integration URI invokes (its ARN, with a qualifier if any)."""
    match = None if uri is None else _LAMBDA_URI.fullmatch(uri)
    return None if match is None else match[1]


def _substituted(text: str, target: Target, route: Route) -> str:
    """``${stageVariables.x}`` and ``{param}`` in an integration URI, filled in."""
    for name, value in target.stage.variables.items():
        text = text.replace(f"${{stageVariables.{name}}}", value)
    for name, value in route.parameters.items():
        text = text.replace(f"{{{name}+}}", quote(value, safe="/")).replace(
            f"{{{name}}}", quote(value, safe="")
        )
    return text


def _lambda(
    traffic: Traffic, target: Target, route: Route, integration: Integration, account_id: str
) -> Run:
    arn = function_arn(_substituted(integration.uri or "", target, route))
    if arn is None:
        raise UnsupportedExecution(f"AWS_PROXY integrations to {integration.uri!r}")
    match = _FUNCTION_ARN.fullmatch(arn)
    name = arn if match is None else match[1]
    unqualified = arn if match is None else arn[: match.end(1)]
    handler = next(
        (traffic.functions[k] for k in (arn, unqualified, name) if k in traffic.functions), None
    )
    if handler is None:
        raise MockwayError(
            f"no Python callable is registered for the Lambda function {arn}: "
            "handle.apigateway(region).register_lambda(function, handler)"
        )

    def run(request: HttpRequest, identity: Identity, ids: IdSource, now: float) -> HttpResponse:
        event = proxy_event(request, target, route, identity, account_id, ids, now)
        context = LambdaContext(
            function_name=name,
            invoked_function_arn=arn,
            aws_request_id=ids.request_id(),
            deadline_ms=int(now * 1000) + integration.timeout_in_millis,
        )
        try:
            answer = handler(event, context)
        except Exception:  # a failed function is API Gateway's 502, not the caller's error
            return refusal(None, BAD_LAMBDA_RESPONSE)
        return lambda_response(answer)

    return run


def _back_end(traffic: Traffic, url: str) -> Any:
    best = None
    for prefix, handler in traffic.back_ends.items():
        if url.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, handler)
    return None if best is None else best[1]


def _http(traffic: Traffic, target: Target, route: Route, integration: Integration) -> Run:
    url = _substituted(integration.uri or "", target, route)
    handler = _back_end(traffic, url)
    if handler is None:
        raise MockwayError(
            f"no Python callable is registered for the HTTP back end {url}: "
            "handle.apigateway(region).register_http(url_prefix, handler)"
        )
    host, _, path = url.partition("://")[2].partition("/")
    method = integration.http_method or "ANY"

    def run(request: HttpRequest, identity: Identity, ids: IdSource, now: float) -> HttpResponse:
        sent = HttpRequest(
            request.method if method == "ANY" else method,
            host.lower(),
            "/" + path,
            request.query,
            (*((k, v) for k, v in request.headers if k.lower() != "host"), ("Host", host)),
            request.body,
        )
        return http_response(handler(sent))

    return run


def integration_of(traffic: Traffic, target: Target, route: Route, account_id: str) -> Run:
    """The integration the route's method runs, resolved; ``account_id`` is the API's."""
    resource = target.api.resource_at(route.path)
    method = None if resource is None else resource.methods.get(route.method)
    integration = None if method is None else method.method_integration
    if integration is None or integration.type == "MOCK":
        return _mock
    if integration.type == "AWS_PROXY":
        return _lambda(traffic, target, route, integration, account_id)
    if integration.type == "HTTP_PROXY":
        return _http(traffic, target, route, integration)
    raise UnsupportedExecution(f"{integration.type} integrations")
