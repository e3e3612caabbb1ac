"""Proxy integrations: ``AWS_PROXY`` to a Lambda function and ``HTTP_PROXY`` to an HTTP back
end, each served by a Python callable the test registers on the view
(:meth:`ApiGatewayView.register_lambda`, :meth:`ApiGatewayView.register_http`).

A Lambda function gets the proxy event (payload format 1.0) API Gateway builds and a context
object, as the Lambda runtime calls a handler; what it returns is read as API Gateway reads a
proxy response: a JSON object with ``statusCode``, optional ``headers`` and
``multiValueHeaders``, a string ``body`` and ``isBase64Encoded``. A function that raises, or
returns anything else, is 502 ``Internal server error``, as AWS answers a failed or malformed
Lambda response. An HTTP back end gets the request as API Gateway forwards it and answers with
an :class:`HttpResponse`, passed through as it is.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from ..._http import HttpRequest, HttpResponse, header_lines, registered_answer
from ..._ids import IdSource
from ._content import decoded, is_binary
from ._responses import BAD_LAMBDA_RESPONSE, refusal
from ._route import Route
from ._target import Target

__all__ = [
    "HttpHandler",
    "Identity",
    "LambdaContext",
    "LambdaHandler",
    "http_response",
    "lambda_response",
    "proxy_event",
    "request_context",
]

LambdaHandler = Callable[[dict[str, Any], "LambdaContext"], Any]
HttpHandler = Callable[[HttpRequest], HttpResponse]


SOURCE_IP = "127.0.0.1"
"""Where every request comes from, as API Gateway sees it."""


class MarshalError(Exception):
    """What Lambda's Python runtime answers for a return value it cannot write as JSON
    (``errorType`` ``Runtime.MarshalError``)."""


def marshalled(result: Any) -> str:
    """A Lambda handler's return value as the Python runtime sends it: JSON text, or
    :class:`MarshalError` for a value JSON cannot hold (a ``Decimal``, a ``datetime``)."""
    try:
        return json.dumps(result, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise MarshalError(f"Unable to marshal response: {error}") from None


@dataclass(frozen=True, slots=True)
class LambdaContext:
    """What a Lambda handler gets as ``context``: the members handlers commonly read."""

    function_name: str
    invoked_function_arn: str
    aws_request_id: str
    memory_limit_in_mb: int = 128
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = ""
    deadline_ms: int = field(default=0, repr=False)

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self.deadline_ms - int(time.time() * 1000))


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a request came from, as far as API Gateway knows: its API key, if it was checked,
    and what its authorization found."""

    api_key: str | None = None
    api_key_id: str | None = None
    authorizer: Mapping[str, Any] | None = None
    """``requestContext.authorizer``: what a Lambda authorizer passed on, or a Cognito
    token's claims."""
    signer: Mapping[str, Any] | None = None
    """Members of ``requestContext.identity`` an IAM signature names."""


def _single(pairs: list[tuple[str, str]]) -> dict[str, str] | None:
    return {name: value for name, value in pairs} or None


def _multi(pairs: list[tuple[str, str]]) -> dict[str, list[str]] | None:
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped or None


def _request_time(now: float) -> str:
    return time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now))


def request_context(
    request: HttpRequest,
    target: Target,
    route: Route,
    identity: Identity,
    account_id: str,
    ids: IdSource,
    now: float,
) -> dict[str, Any]:
    """The request's context, as a proxy event's ``requestContext`` and templates'
    ``$context`` hold it."""
    resource_id = target.deployment.resource_ids.get(route.path)
    stage = target.stage.stage_name
    below = "/" + "/".join(target.segments) if target.segments else "/"
    request_identity: dict[str, Any] = {
        "cognitoIdentityPoolId": None,
        "accountId": None,
        "cognitoIdentityId": None,
        "caller": None,
        "sourceIp": SOURCE_IP,
        "principalOrgId": None,
        "accessKey": None,
        "cognitoAuthenticationType": None,
        "cognitoAuthenticationProvider": None,
        "userArn": None,
        "userAgent": request.header("user-agent"),
        "user": None,
    }
    if identity.signer is not None:
        request_identity.update(identity.signer)
    if identity.api_key is not None:
        request_identity["apiKey"] = identity.api_key
        request_identity["apiKeyId"] = identity.api_key_id
    context: dict[str, Any] = {
        "resourceId": resource_id,
        "resourcePath": route.path,
        "httpMethod": request.method,
        "extendedRequestId": ids.mixed_alnum(14) + "=",
        "requestTime": _request_time(now),
        "path": target.domain_path or f"/{stage}{below}",
        "accountId": account_id,
        "protocol": "HTTP/1.1",
        "stage": stage,
        "domainPrefix": request.host.partition(".")[0],
        "requestTimeEpoch": int(now * 1000),
        "requestId": ids.request_id(),
        "identity": request_identity,
        "domainName": request.host,
        "apiId": target.api.id,
    }
    if identity.authorizer is not None:
        context["authorizer"] = dict(identity.authorizer)
    return context


def _event_body(request: HttpRequest, target: Target) -> tuple[str | None, bool]:
    """The event's body, and whether it is Base64: for a binary media type, or no UTF-8."""
    if not request.body:
        return None, False
    if not is_binary(request.header("content-type"), target.deployed.binary_media_types):
        try:
            return request.body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(request.body).decode("ascii"), True


def proxy_event(
    request: HttpRequest, target: Target, route: Route, context: dict[str, Any]
) -> dict[str, Any]:
    """The Lambda proxy event, payload format 1.0, as API Gateway builds it for a REST API."""
    headers = list(request.headers)
    query = parse_qsl(request.query, keep_blank_values=True)
    body, encoded = _event_body(request, target)
    return {
        "resource": route.path,
        "path": target.domain_path or "/" + "/".join(target.segments),
        "httpMethod": request.method,
        "headers": _single(headers),
        "multiValueHeaders": _multi(headers),
        "queryStringParameters": _single(query),
        "multiValueQueryStringParameters": _multi(query),
        "pathParameters": dict(route.parameters) or None,
        "stageVariables": dict(target.stage.variables) or None,
        "requestContext": context,
        "body": body,
        "isBase64Encoded": encoded,
    }


def _headers(answer: Mapping[str, Any]) -> list[tuple[str, str]] | None:
    """The response's header lines: ``multiValueHeaders``, each value a line, then
    ``headers`` where the same name and value are not already there (API Gateway merges
    the two); None when either is not a map of names to values."""
    lines: list[tuple[str, str]] = []
    multi = answer.get("multiValueHeaders")
    single = answer.get("headers")
    if multi is not None:
        if not isinstance(multi, Mapping):
            return None
        for name, values in multi.items():
            if not isinstance(values, list):
                return None
            lines.extend((str(name), _scalar(v)) for v in values)
    if single is not None:
        if not isinstance(single, Mapping):
            return None
        for name, value in single.items():
            line = (str(name), _scalar(value))
            if line not in lines:
                lines.append(line)
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def lambda_response(answer: Any, binary_accept: bool = False) -> HttpResponse:
    """What API Gateway makes of a Lambda proxy response: a body with ``isBase64Encoded`` is
    decoded only for a request whose ``Accept`` is binary (:mod:`._content`)."""
    if isinstance(answer, (str, bytes)):
        try:
            answer = json.loads(answer)
        except (ValueError, RecursionError):
            return refusal(None, BAD_LAMBDA_RESPONSE)
    if not isinstance(answer, Mapping):
        return refusal(None, BAD_LAMBDA_RESPONSE)
    status = answer.get("statusCode")
    if isinstance(status, str) and status.isascii() and status.isdigit() and len(status) < 4:
        status = int(status)
    body = answer.get("body")
    headers = _headers(answer)
    if (
        type(status) is not int
        or not 100 <= status <= 599
        or not isinstance(body, (str, type(None)))
        or headers is None
    ):
        return refusal(None, BAD_LAMBDA_RESPONSE)
    payload = (body or "").encode("utf-8", "replace")  # a lone surrogate is "?" in UTF-8
    if answer.get("isBase64Encoded") is True and binary_accept:
        payload = decoded(payload)
    fields, lines = header_lines(headers)
    return HttpResponse(status, fields, payload, lines)


def http_response(answer: Any) -> HttpResponse:
    """An HTTP back end's answer, as API Gateway passes it through."""
    return registered_answer(answer, "apigateway.view")
