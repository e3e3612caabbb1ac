"""PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration.

A method has at most one integration. Get and Put find the method first (an unknown method
is AWS's method 404); Update and Delete find the integration by its method, so an unknown
method is an unknown integration.
"""

from __future__ import annotations

import re
from typing import Any

from .._patch import PathTable, whole_value
from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import Edit, Family, Parent, Setter, as_flag, render_output, set_text
from ._methods import ENTRY_OPS, drop_empty, mapping_error, method_of, set_entry
from ._models import ApiGatewayBackend
from ._resources import resource_of
from ._rest_models import DEFAULT_TIMEOUT_MILLIS, Integration, Method, Resource, RestApi

__all__ = ["FAMILY", "OPERATIONS", "check_templates", "integration_of", "template", "templates"]

MIN_TIMEOUT_MILLIS = 50
HTTP_TYPES = frozenset({"HTTP", "HTTP_PROXY"})
PASSTHROUGH_BEHAVIORS = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
CONTENT_HANDLINGS = ("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")
CONNECTION_TYPES = ("INTERNET", "VPC_LINK")
TRANSFER_MODES = ("BUFFERED", "STREAM")

_HTTP_URI = re.compile(r"https?://[^\s/]+(/\S*)?")
_AWS_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:([a-z0-9.-]+):((?:path|action)/\S+)?")
_PROXY_SERVICES = frozenset({"lambda", "firehose"})
_CONTENT_TYPE = re.compile(r"[^\s/;]+/[^\s/;]+(?:\s*;.*)?", re.DOTALL)
# A value read from the method request's parameters (the method must declare it).
_FROM_METHOD = re.compile(
    r"method\.request\.(?:path|querystring|multivaluequerystring|header|multivalueheader)\.\S+"
)


def integration_of(
    backend: ApiGatewayBackend, call: Call
) -> tuple[RestApi, Resource, Method, Integration]:
    api, resource, method = method_of(backend, call)
    if method.method_integration is None:
        raise e.not_found(e.INTEGRATION_NOT_FOUND)
    return api, resource, method, method.method_integration


def template(value: str | None) -> str | None:
    """A mapping template as AWS keeps it: an empty one is none (null)."""
    return value or None


def templates(given: dict[str, str | None] | None) -> dict[str, str | None] | None:
    """Templates by content type as AWS keeps them (see :func:`template`)."""
    return None if given is None else {k: template(v) for k, v in given.items()}


def check_templates(templates: dict[str, str | None] | None) -> None:
    """Each key of ``templates`` a content type."""
    for content_type in templates or ():
        if _CONTENT_TYPE.fullmatch(content_type) is None:
            raise e.bad_request(e.CONTENT_TYPE_INVALID.format(content_type=content_type))


def check_target(integration: Integration) -> None:
    """What the integration's type asks of its HTTP method and URI."""
    kind, uri = integration.type, integration.uri
    if kind != "MOCK" and integration.http_method is None:
        raise e.bad_request(e.INTEGRATION_METHOD_REQUIRED)
    if kind in HTTP_TYPES and (uri is None or not _HTTP_URI.fullmatch(uri)):
        raise e.bad_request(e.INTEGRATION_URI_INVALID)
    if kind in ("AWS", "AWS_PROXY"):
        arn = _AWS_URI.fullmatch(uri or "")
        if arn is None:
            raise e.bad_request(e.INTEGRATION_ARN_INVALID)
        if not arn.group(2):
            raise e.bad_request(e.INTEGRATION_ARN_NO_ACTION)
        if kind == "AWS_PROXY" and arn.group(1) not in _PROXY_SERVICES:
            raise e.bad_request(e.AWS_PROXY_SERVICE)


def check_integration(method: Method, integration: Integration) -> None:
    """What an integration must be, put or patched."""
    check_target(integration)
    check_templates(integration.request_templates)
    timeout = integration.timeout_in_millis
    if not MIN_TIMEOUT_MILLIS <= timeout <= DEFAULT_TIMEOUT_MILLIS:
        raise e.bad_request(e.TIMEOUT_RANGE)
    if integration.passthrough_behavior not in PASSTHROUGH_BEHAVIORS:
        raise e.bad_request(e.PASSTHROUGH_INVALID.format(value=integration.passthrough_behavior))
    declared = method.request_parameters or {}
    for value in (integration.request_parameters or {}).values():
        if _FROM_METHOD.fullmatch(value) and value not in declared:
            raise mapping_error(e.EXPRESSION_UNDECLARED.format(expression=value))


def put_integration(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """The method's integration, in place of the one it had (and that one's responses)."""
    p = call.params
    _, resource, method = method_of(backend, call)
    kind = p["type"]
    connection_type = p.get("connectionType")
    if connection_type is None and kind in HTTP_TYPES:
        connection_type = "INTERNET"
    timeout = p.get("timeoutInMillis")
    integration = Integration(
        kind,
        http_method=p.get("integrationHttpMethod") or None,
        uri=p.get("uri") or None,
        connection_type=connection_type,
        connection_id=p.get("connectionId"),
        credentials=p.get("credentials"),
        request_parameters=received(p.get("requestParameters")),
        request_templates=templates(received(p.get("requestTemplates"))),
        passthrough_behavior=p.get("passthroughBehavior") or "WHEN_NO_MATCH",
        content_handling=p.get("contentHandling"),
        timeout_in_millis=DEFAULT_TIMEOUT_MILLIS if timeout is None else timeout,
        cache_namespace=p.get("cacheNamespace") or resource.id,
        cache_key_parameters=received(p.get("cacheKeyParameters")) or [],
        tls_config=received(p.get("tlsConfig")),
        response_transfer_mode=p.get("responseTransferMode"),
        integration_target=p.get("integrationTarget"),
    )
    check_integration(method, integration)
    method.method_integration = integration
    return render_output(integration, call)


def get_integration(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_output(integration_of(backend, call)[3], call)


# -- UpdateIntegration and DeleteIntegration --------------------------------------------------


def _method(backend: ApiGatewayBackend, call: Call) -> Method | None:
    return resource_of(backend, call)[1].methods.get(call.params["httpMethod"])


class _Slot:
    """A method's integration as a family's collection of at most one: the key is unused."""

    __slots__ = ("_method",)

    def __init__(self, method: Method) -> None:
        self._method = method

    def get(self, key: str) -> Integration | None:
        return self._method.method_integration

    def add(self, key: str, item: Integration) -> None:
        self._method.method_integration = item

    def remove(self, key: str) -> Integration | None:
        integration, self._method.method_integration = self._method.method_integration, None
        return integration


def _set_choice(attribute: str, choices: tuple[str, ...], invalid: str) -> Setter:
    """A member that takes one of ``choices``; no value (or ``""``) clears it."""

    def setter(edit: Edit[Integration]) -> None:
        value = edit.value or None
        if value is not None and value not in choices:
            raise e.bad_request(invalid.format(value=value))
        setattr(edit.item, attribute, value)

    return setter


def _set_passthrough(edit: Edit[Integration]) -> None:
    edit.item.passthrough_behavior = edit.value or ""


def _set_timeout(edit: Edit[Integration]) -> None:
    timeout = whole_value(edit.value, 32)
    if timeout is None:
        raise e.bad_request(e.TIMEOUT_RANGE)
    edit.item.timeout_in_millis = timeout


def _set_cache_key(edit: Edit[Integration]) -> None:
    """``add`` puts the path's parameter among the cache keys (once), ``remove`` takes it
    out."""
    keys, name = edit.item.cache_key_parameters, edit.op.args[0]
    if edit.op.op == "add" and name not in keys:
        keys.append(name)
    elif edit.op.op == "remove" and name in keys:
        keys.remove(name)


def _set_insecure(edit: Edit[Integration]) -> None:
    """A flag, true only for ``"true"`` in any case, as AWS reads one."""
    tls = edit.item.tls_config = edit.item.tls_config or {}
    tls["insecureSkipVerification"] = as_flag(edit.value)


def _check_patched(
    backend: ApiGatewayBackend, call: Call, method: Method, integration: Integration
) -> None:
    check_integration(method, integration)
    drop_empty(integration, "request_parameters", "request_templates")


_REPLACE = ("replace",)
FAMILY: Family[Integration] = Family(
    Parent(_method),
    _Slot,
    "httpMethod",
    e.INTEGRATION_NOT_FOUND,
    patch=PathTable(
        {
            "/uri": (_REPLACE, None),
            "/httpMethod": (_REPLACE, None),
            "/credentials": (_REPLACE, None),
            "/connectionType": (_REPLACE, None),
            "/connectionId": (_REPLACE, None),
            "/passthroughBehavior": (_REPLACE, None),
            "/contentHandling": (_REPLACE, None),
            "/timeoutInMillis": (_REPLACE, None),
            "/cacheNamespace": (_REPLACE, None),
            "/cacheKeyParameters/<parameter>": (("add", "remove"), None),
            "/requestParameters/<name>": (ENTRY_OPS, None),
            "/requestTemplates/<type>": (ENTRY_OPS, None),
            "/tlsConfig/insecureSkipVerification": (_REPLACE, None),
            "/integrationTarget": (_REPLACE, None),
            "/responseTransferMode": (_REPLACE, None),
        }
    ),
    setters={
        "/uri": set_text("uri"),
        "/httpMethod": set_text("http_method"),
        "/credentials": set_text("credentials"),
        "/connectionType": _set_choice(
            "connection_type", CONNECTION_TYPES, e.CONNECTION_TYPE_INVALID
        ),
        "/connectionId": set_text("connection_id"),
        "/passthroughBehavior": _set_passthrough,
        "/contentHandling": _set_choice(
            "content_handling", CONTENT_HANDLINGS, e.CONTENT_HANDLING_INVALID
        ),
        "/timeoutInMillis": _set_timeout,
        "/cacheNamespace": set_text("cache_namespace"),
        "/cacheKeyParameters/<parameter>": _set_cache_key,
        "/requestParameters/<name>": set_entry("request_parameters", e.PARAMETER_NOT_FOUND),
        "/requestTemplates/<type>": set_entry(
            "request_templates", e.CONTENT_TYPE_NOT_FOUND, template
        ),
        "/tlsConfig/insecureSkipVerification": _set_insecure,
        "/integrationTarget": set_text("integration_target"),
        "/responseTransferMode": _set_choice(
            "response_transfer_mode", TRANSFER_MODES, e.TRANSFER_MODE_INVALID
        ),
    },
    check=_check_patched,
    key="type",  # any member: the slot does not use it
)


OPERATIONS = {
    "PutIntegration": put_integration,
    "GetIntegration": get_integration,
    **FAMILY.operations(update="UpdateIntegration", delete="DeleteIntegration"),
}
