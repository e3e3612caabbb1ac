"""PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse, DeleteGatewayResponse.

Every REST API has a gateway response of each type. The API keeps only those put (or
updated) on it; every other type answers with AWS's default for it, which follows the API's
own ``DEFAULT_4XX`` or ``DEFAULT_5XX`` when that one was put: its parameters, templates and
(when it has one) its status code. :func:`effective_response` is that answer, for Get and
for whatever answers a request with a gateway response.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from botocore import xform_name

from .._patch import PathTable
from .._registry import Call
from .._render import Rendering, render_items
from . import _errors as e
from ._family import IN_REST_API, Edit, Family, render_output
from ._models import ApiGatewayBackend
from ._rest_models import RestApi

__all__ = [
    "OPERATIONS",
    "TYPES_IN_AWS_ORDER",
    "GatewayResponse",
    "default_response",
    "effective_response",
]

DEFAULT_TEMPLATES = {"application/json": '{"message":$context.error.messageString}'}

DEFAULT_STATUS: dict[str, str | None] = {
    # In the order GetGatewayResponses lists them.
    "INTEGRATION_FAILURE": "504",
    "RESOURCE_NOT_FOUND": "404",
    "REQUEST_TOO_LARGE": "413",
    "THROTTLED": "429",
    "UNSUPPORTED_MEDIA_TYPE": "415",
    "AUTHORIZER_CONFIGURATION_ERROR": "500",
    "DEFAULT_5XX": None,
    "DEFAULT_4XX": None,
    "BAD_REQUEST_PARAMETERS": "400",
    "BAD_REQUEST_BODY": "400",
    "EXPIRED_TOKEN": "403",
    "ACCESS_DENIED": "403",
    "INVALID_API_KEY": "403",
    "UNAUTHORIZED": "401",
    "API_CONFIGURATION_ERROR": "500",
    "QUOTA_EXCEEDED": "429",
    "INTEGRATION_TIMEOUT": "504",
    "MISSING_AUTHENTICATION_TOKEN": "403",
    "INVALID_SIGNATURE": "403",
    "AUTHORIZER_FAILURE": "500",
    "WAF_FILTERED": "403",
}
"""Each response type's status code when nothing was put (none for the two fallbacks)."""

FALLBACK = {
    kind: f"DEFAULT_{status[0]}XX" for kind, status in DEFAULT_STATUS.items() if status is not None
}
"""The response a type's default follows: ``DEFAULT_4XX`` or ``DEFAULT_5XX``."""

TYPES_IN_AWS_ORDER = (
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "MISSING_AUTHENTICATION_TOKEN",
    "BAD_REQUEST_BODY",
    "INVALID_SIGNATURE",
    "INVALID_API_KEY",
    "BAD_REQUEST_PARAMETERS",
    "AUTHORIZER_FAILURE",
    "UNAUTHORIZED",
    "INTEGRATION_TIMEOUT",
    "ACCESS_DENIED",
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "WAF_FILTERED",
    "QUOTA_EXCEEDED",
    "THROTTLED",
    "API_CONFIGURATION_ERROR",
    "UNSUPPORTED_MEDIA_TYPE",
    "INTEGRATION_FAILURE",
    "EXPIRED_TOKEN",
)
"""The response types as AWS lists them in a validation error."""

_STATUS_CODE = re.compile(r"[1-5]\d\d", re.ASCII)


@dataclass(slots=True)
class GatewayResponse:
    response_type: str
    status_code: str | None = None
    response_parameters: dict[str, str] = field(default_factory=dict)
    response_templates: dict[str, str] = field(default_factory=dict)
    default_response: bool = False

    RENDER: ClassVar[Rendering] = Rendering(
        always=frozenset({"responseParameters", "responseTemplates"})
    )


def default_response(response_type: str) -> GatewayResponse:
    """AWS's own response of a type, as when neither it nor its fallback was put."""
    return GatewayResponse(
        response_type, DEFAULT_STATUS[response_type], {}, dict(DEFAULT_TEMPLATES), True
    )


# Each type's own default, shared by every API that has not put it (never changed).
_DEFAULTS = {response_type: default_response(response_type) for response_type in DEFAULT_STATUS}


def effective_response(api: RestApi, response_type: str) -> GatewayResponse:
    """The response of ``response_type`` the API answers with: the one put on it, or AWS's
    default, which takes the parameters, templates and status code (if any) of a
    ``DEFAULT_4XX`` or ``DEFAULT_5XX`` put on the API. The result is not to be changed."""
    put = api.gateway_responses.get(response_type)
    if put is not None:
        return put
    fallback = FALLBACK.get(response_type)
    custom = None if fallback is None else api.gateway_responses.get(fallback)
    if custom is None:
        return _DEFAULTS[response_type]
    response = default_response(response_type)
    response.status_code = custom.status_code or response.status_code
    response.response_parameters = dict(custom.response_parameters)
    response.response_templates = dict(custom.response_templates)
    return response


def _api(backend: ApiGatewayBackend, call: Call) -> RestApi:
    api = backend.rest_apis.get(call.params["restApiId"])
    if api is None:
        assert IN_REST_API.none is not None
        raise IN_REST_API.none(backend, call)
    return api


class _Responses(Family[GatewayResponse]):
    """Every type is there on every API: an update starts from the response Get shows."""

    def locate(self, backend: ApiGatewayBackend, call: Call) -> tuple[Any, GatewayResponse]:
        api = _api(backend, call)
        return api, effective_response(api, call.params["responseType"])


def _set_status(edit: Edit[GatewayResponse]) -> None:
    value = edit.value
    if not value:
        raise e.bad_request(e.GATEWAY_RESPONSE_EMPTY_VALUE.format(member="statusCode"))
    if _STATUS_CODE.fullmatch(value) is None:
        raise e.bad_request(e.GATEWAY_RESPONSE_STATUS_INVALID.format(value=value))
    edit.item.status_code = value


def _set_entry(member: str, missing: str) -> Callable[[Edit[GatewayResponse]], None]:
    """``/<member>/<name>``: add and replace set an entry (replace only one that is there),
    remove drops one that is there."""
    attribute = xform_name(member)

    def setter(edit: Edit[GatewayResponse]) -> None:
        op = edit.op.op
        if op not in ("add", "replace", "remove"):
            raise e.bad_request(e.INVALID_PATCH_PATH.format(path=edit.op.path))
        entries: dict[str, str] = getattr(edit.item, attribute)
        name = edit.op.args[0]
        if op != "remove" and not edit.value:
            raise e.bad_request(e.GATEWAY_RESPONSE_EMPTY_VALUE.format(member=member))
        if op != "add" and name not in entries:
            raise e.not_found(missing)
        if op == "remove":
            del entries[name]
        else:
            entries[name] = edit.value or ""

    return setter


def _customised(
    backend: ApiGatewayBackend, call: Call, api: RestApi, response: GatewayResponse
) -> None:
    response.default_response = False


def _must_be_put(
    backend: ApiGatewayBackend, call: Call, api: RestApi, response: GatewayResponse
) -> None:
    if response.response_type not in api.gateway_responses:
        raise e.not_found(e.GATEWAY_RESPONSE_NOT_PUT)


_EVERY_OP = ("add", "remove", "replace", "move", "copy", "test")

FAMILY: Family[GatewayResponse] = _Responses(
    IN_REST_API,
    lambda api: api.gateway_responses,
    "responseType",
    e.GATEWAY_RESPONSE_NOT_PUT,
    patch=PathTable(
        {
            "/statusCode": (("replace",), e.INVALID_PATCH_PATH.format(path="/statusCode")),
            "/responseParameters/<name>": (_EVERY_OP, None),
            "/responseTemplates/<type>": (_EVERY_OP, None),
        }
    ),
    setters={
        "/statusCode": _set_status,
        "/responseParameters/<name>": _set_entry(
            "responseParameters", e.GATEWAY_RESPONSE_PARAMETER_NOT_FOUND
        ),
        "/responseTemplates/<type>": _set_entry(
            "responseTemplates", e.GATEWAY_RESPONSE_TEMPLATE_NOT_FOUND
        ),
    },
    check=_customised,
    on_delete=_must_be_put,
    key="response_type",
)


def put_gateway_response(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """Members not given are the type's own defaults, whatever the fallback's are."""
    p = call.params
    api = _api(backend, call)
    kind = p["responseType"]
    templates = p.get("responseTemplates")
    response = GatewayResponse(
        kind,
        p.get("statusCode") or DEFAULT_STATUS[kind],
        dict(p.get("responseParameters") or {}),
        dict(DEFAULT_TEMPLATES if templates is None else templates),
    )
    api.gateway_responses.add(kind, response)
    return render_output(response, call)


def get_gateway_responses(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """Every type, in AWS's order; the collection is never paged (``limit`` and ``position``
    do not apply)."""
    api = _api(backend, call)
    shape = call.operation.output_shape
    assert shape is not None
    responses = (
        [effective_response(api, kind) for kind in DEFAULT_STATUS]
        if len(api.gateway_responses)
        else list(_DEFAULTS.values())
    )
    return {
        "items": render_items(
            responses, shape.members["items"], call.operation.service_model.service_name
        )
    }


OPERATIONS = {
    "PutGatewayResponse": put_gateway_response,
    "GetGatewayResponses": get_gateway_responses,
    **FAMILY.operations(
        get="GetGatewayResponse",
        update="UpdateGatewayResponse",
        delete="DeleteGatewayResponse",
    ),
}
