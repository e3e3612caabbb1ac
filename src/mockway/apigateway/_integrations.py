"""PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration, and integration
responses."""

from __future__ import annotations

import re
from typing import Any

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import render_output
from ._methods import method_of
from ._models import ApiGatewayBackend
from ._rest_models import DEFAULT_TIMEOUT_MILLIS, Integration, Method, Resource, RestApi

__all__ = ["OPERATIONS", "integration_of"]

_HTTP_URI = re.compile(r"https?://[^\s/]+(/\S*)?")
_AWS_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:([a-z0-9.-]+):((?:path|action)/\S+)?")
_PROXY_SERVICES = frozenset({"lambda", "firehose"})


def integration_of(
    backend: ApiGatewayBackend, call: Call
) -> tuple[RestApi, Resource, Method, Integration]:
    api, resource, method = method_of(backend, call)
    if method.method_integration is None:
        raise e.not_found(e.INTEGRATION_NOT_FOUND)
    return api, resource, method, method.method_integration


def put_integration(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    _, resource, method = method_of(backend, call)
    kind = p["type"]
    http_method = p.get("integrationHttpMethod") or None
    uri = p.get("uri") or None
    if kind != "MOCK" and http_method is None:
        raise e.bad_request(e.INTEGRATION_METHOD_REQUIRED)
    if kind in ("HTTP", "HTTP_PROXY") and (uri is None or not _HTTP_URI.fullmatch(uri)):
        raise e.bad_request(e.INTEGRATION_URI_INVALID)
    if kind in ("AWS", "AWS_PROXY"):
        arn = _AWS_URI.fullmatch(uri or "")
        if arn is None:
            raise e.bad_request(e.INTEGRATION_ARN_INVALID)
        if not arn.group(2):
            raise e.bad_request(e.INTEGRATION_ARN_NO_ACTION)
        if kind == "AWS_PROXY" and arn.group(1) not in _PROXY_SERVICES:
            raise e.bad_request(e.AWS_PROXY_SERVICE)
    connection_type = p.get("connectionType")
    if connection_type is None and kind in ("HTTP", "HTTP_PROXY"):
        connection_type = "INTERNET"
    method.method_integration = Integration(
        kind,
        http_method=http_method,
        uri=uri,
        connection_type=connection_type,
        connection_id=p.get("connectionId"),
        credentials=p.get("credentials"),
        request_parameters=received(p.get("requestParameters")),
        request_templates=received(p.get("requestTemplates")),
        passthrough_behavior=p.get("passthroughBehavior") or "WHEN_NO_MATCH",
        content_handling=p.get("contentHandling"),
        timeout_in_millis=p.get("timeoutInMillis") or DEFAULT_TIMEOUT_MILLIS,
        cache_namespace=p.get("cacheNamespace") or resource.id,
        cache_key_parameters=list(p.get("cacheKeyParameters") or ()),
        tls_config=received(p.get("tlsConfig")),
    )
    return render_output(method.method_integration, call)


def get_integration(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_output(integration_of(backend, call)[3], call)


OPERATIONS = {
    "PutIntegration": put_integration,
    "GetIntegration": get_integration,
}
