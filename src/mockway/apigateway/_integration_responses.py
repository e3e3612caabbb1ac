"""PutIntegrationResponse, GetIntegrationResponse, UpdateIntegrationResponse,
DeleteIntegrationResponse.

An integration response is found by its status code among its integration's responses. It
needs no method response for that status code, unless it maps response parameters: each
must be a header the method response declares.
"""

from __future__ import annotations

from typing import Any

from .._patch import PathTable
from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import Edit, Entries, Family, Parent, render_output
from ._integrations import CONTENT_HANDLINGS, check_templates, integration_of, template, templates
from ._method_responses import RESPONSE_HEADER
from ._methods import ENTRY_OPS, drop_empty, mapping_error, method_of, set_entry
from ._models import ApiGatewayBackend
from ._resources import resource_of
from ._rest_models import Integration, IntegrationResponse, Method

__all__ = ["FAMILY", "OPERATIONS"]


def _check(method: Method, integration: Integration, response: IntegrationResponse) -> None:
    """A selection pattern no other response of the integration has (no pattern, or an empty
    one, is the default); templates keyed by content types; parameters mapped to headers the
    method response for the status code declares."""
    pattern = response.selection_pattern or None
    for other in integration.integration_responses.values():
        taken = (other.selection_pattern or None) == pattern
        if taken and other.status_code != response.status_code:
            shown = "default" if pattern is None else pattern
            raise e.conflict(e.SELECTION_PATTERN_TAKEN.format(pattern=shown))
    check_templates(response.response_templates)
    parameters = response.response_parameters
    if not parameters:
        return
    method_response = method.method_responses.get(response.status_code)
    if method_response is None:
        raise mapping_error(e.NO_METHOD_RESPONSE)
    declared = method_response.response_parameters or {}
    for expression in parameters:
        if RESPONSE_HEADER.fullmatch(expression) is None:
            raise mapping_error(e.EXPRESSION_INVALID.format(expression=expression))
        if expression not in declared:
            raise mapping_error(e.EXPRESSION_UNDECLARED.format(expression=expression))


def _integration(backend: ApiGatewayBackend, call: Call) -> Integration:
    """The integration of the method a call names; an unknown method has none."""
    method = resource_of(backend, call)[1].methods.get(call.params["httpMethod"])
    if method is None or method.method_integration is None:
        raise e.not_found(e.INTEGRATION_NOT_FOUND)
    return method.method_integration


def _check_patched(
    backend: ApiGatewayBackend, call: Call, integration: Integration, item: IntegrationResponse
) -> None:
    _check(method_of(backend, call)[2], integration, item)
    drop_empty(item, "response_parameters", "response_templates")


def _set_content_handling(edit: Edit[IntegrationResponse]) -> None:
    value = edit.value or None
    if value is not None and value not in CONTENT_HANDLINGS:
        raise e.bad_request(e.CONTENT_HANDLING_INVALID.format(value=value))
    edit.item.content_handling = value


def _set_selection_pattern(edit: Edit[IntegrationResponse]) -> None:
    edit.item.selection_pattern = edit.value


_REPLACE = ("replace",)
FAMILY: Family[IntegrationResponse] = Family(
    Parent(_integration),
    lambda integration: Entries(integration.integration_responses),
    "statusCode",
    e.RESPONSE_NOT_FOUND,
    patch=PathTable(
        {
            "/selectionPattern": (_REPLACE, None),
            "/contentHandling": (_REPLACE, None),
            "/responseParameters/<name>": (ENTRY_OPS, None),
            "/responseTemplates/<type>": (ENTRY_OPS, None),
        }
    ),
    setters={
        "/selectionPattern": _set_selection_pattern,
        "/contentHandling": _set_content_handling,
        "/responseParameters/<name>": set_entry("response_parameters", e.PARAMETER_NOT_FOUND),
        "/responseTemplates/<type>": set_entry(
            "response_templates", e.CONTENT_TYPE_NOT_FOUND, template
        ),
    },
    check=_check_patched,
    key="status_code",
)


def put_integration_response(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """A new response for the status code, or one in place of the response it had."""
    p = call.params
    _, _, method, integration = integration_of(backend, call)
    response = IntegrationResponse(
        p["statusCode"],
        selection_pattern=p.get("selectionPattern"),
        response_parameters=received(p.get("responseParameters")),
        response_templates=templates(received(p.get("responseTemplates"))),
        content_handling=p.get("contentHandling"),
    )
    _check(method, integration, response)
    integration.integration_responses[response.status_code] = response
    return render_output(response, call)


def get_integration_response(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    integration = integration_of(backend, call)[3]
    response = integration.integration_responses.get(call.params["statusCode"])
    if response is None:
        raise e.not_found(e.RESPONSE_NOT_FOUND)
    return render_output(response, call)


OPERATIONS = {
    "PutIntegrationResponse": put_integration_response,
    "GetIntegrationResponse": get_integration_response,
    **FAMILY.operations(update="UpdateIntegrationResponse", delete="DeleteIntegrationResponse"),
}
