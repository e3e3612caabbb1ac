"""PutMethodResponse, GetMethodResponse, UpdateMethodResponse, DeleteMethodResponse.

A method response is found by its status code among its method's responses. Its parameters
are ``method.response.header.<name>`` flags, its models name models of the API.
"""

from __future__ import annotations

import re
from typing import Any

from .._patch import PathTable
from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import Entries, Family, Parent, as_flag, render_output
from ._methods import ENTRY_OPS, drop_empty, mapping_error, method_of, set_entry
from ._models import ApiGatewayBackend
from ._rest_models import Method, MethodResponse, RestApi

__all__ = ["FAMILY", "OPERATIONS", "RESPONSE_HEADER"]

RESPONSE_HEADER = re.compile(r"method\.response\.header\.\S+")
"""A method response parameter: a header of the response."""


def _check(api: RestApi, response: MethodResponse) -> None:
    for expression in response.response_parameters or ():
        if RESPONSE_HEADER.fullmatch(expression) is None:
            raise mapping_error(e.EXPRESSION_INVALID.format(expression=expression))
    for model in (response.response_models or {}).values():
        if model not in api.models:
            raise e.bad_request(e.MODEL_NOT_FOUND.format(model=model))


def _check_patched(
    backend: ApiGatewayBackend, call: Call, method: Method, response: MethodResponse
) -> None:
    _check(backend.rest_api(call.params["restApiId"]), response)
    drop_empty(response, "response_parameters", "response_models")


FAMILY: Family[MethodResponse] = Family(
    Parent(lambda backend, call: method_of(backend, call)[2]),
    lambda method: Entries(method.method_responses),
    "statusCode",
    e.RESPONSE_NOT_FOUND,
    patch=PathTable(
        {
            "/responseParameters/<name>": (ENTRY_OPS, None),
            "/responseModels/<type>": (ENTRY_OPS, None),
        }
    ),
    setters={
        "/responseParameters/<name>": set_entry(
            "response_parameters", e.PARAMETER_NOT_FOUND, as_flag
        ),
        "/responseModels/<type>": set_entry("response_models", e.CONTENT_TYPE_NOT_FOUND),
    },
    check=_check_patched,
    key="status_code",
)


def put_method_response(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """A new response for the status code, or one in place of the response it had."""
    p = call.params
    api, _, method = method_of(backend, call)
    response = MethodResponse(
        p["statusCode"],
        response_parameters=received(p.get("responseParameters")),
        response_models=received(p.get("responseModels")),
    )
    _check(api, response)
    method.method_responses[response.status_code] = response
    return render_output(response, call)


OPERATIONS = {
    "PutMethodResponse": put_method_response,
    **FAMILY.operations(
        get="GetMethodResponse", update="UpdateMethodResponse", delete="DeleteMethodResponse"
    ),
}
