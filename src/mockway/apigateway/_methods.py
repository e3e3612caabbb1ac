"""PutMethod, GetMethod, UpdateMethod, DeleteMethod, and what the method, response and
integration families share: parameter mapping rules and map entries set by a patch path."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .._patch import PathTable
from .._registry import Call
from .._wire import received
from . import _errors as e
from ._authorizers import authorizer_problem
from ._family import (
    Edit,
    Entries,
    Family,
    Parent,
    Setter,
    as_flag,
    render_output,
    set_flag,
    set_text,
)
from ._models import ApiGatewayBackend
from ._resources import resource_of
from ._rest_models import Method, Resource, RestApi

__all__ = [
    "ENTRY_OPS",
    "FAMILY",
    "OPERATIONS",
    "check_references",
    "drop_empty",
    "mapping_error",
    "method_of",
    "set_entry",
]

HTTP_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"})
AUTHORIZATION_TYPES = ("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")
WITH_AUTHORIZER = frozenset({"CUSTOM", "COGNITO_USER_POOLS"})
# A method request parameter: where it is read from, and its name.
_REQUEST_PARAMETER = re.compile(
    r"method\.request\.(?:path|querystring|multivaluequerystring|header|multivalueheader)\.(\S+)"
)
ENTRY_OPS = ("add", "remove", "replace")
"""What a patch may do to one entry of a map."""


def method_of(backend: ApiGatewayBackend, call: Call) -> tuple[RestApi, Resource, Method]:
    api, resource = resource_of(backend, call)
    method = resource.methods.get(call.params["httpMethod"])
    if method is None:
        raise e.not_found(e.METHOD_NOT_FOUND)
    return api, resource, method


def mapping_error(problem: str) -> Exception:
    """AWS's 400 for a parameter mapping it refuses."""
    return e.bad_request(e.MAPPING_INVALID.format(problem=problem))


def check_references(api: RestApi, method: Method) -> None:
    """What a method names must exist in its API: authorizer, request validator, models."""
    problem = authorizer_problem(api, method.authorization_type, method.authorizer_id)
    if problem is not None:
        raise problem
    if method.request_validator_id is not None and (
        method.request_validator_id not in api.request_validators
    ):
        raise e.bad_request(e.REQUEST_VALIDATOR_NOT_FOUND)
    for model in (method.request_models or {}).values():
        if model not in api.models:
            raise e.bad_request(e.MODEL_NOT_FOUND.format(model=model))


def _check_parameters(parameters: dict[str, bool] | None) -> None:
    """Each a ``method.request.<location>.<name>``, no name twice across locations."""
    names = set()
    for expression in parameters or ():
        matched = _REQUEST_PARAMETER.fullmatch(expression)
        if matched is None:
            raise mapping_error(e.EXPRESSION_INVALID.format(expression=expression))
        if matched[1] in names:
            raise e.bad_request(e.DUPLICATE_PARAMETER)
        names.add(matched[1])


def _authorization_type(value: str | None) -> str:
    """AWS's spelling of an authorization type, in any case (``none`` is ``NONE``)."""
    upper = (value or "NONE").upper()
    return upper if upper in AUTHORIZATION_TYPES else value or "NONE"


def _check(api: RestApi, method: Method) -> None:
    """What a method must be, put or patched. Only CUSTOM and COGNITO_USER_POOLS methods
    keep an authorizer: AWS ignores one given with another type."""
    if method.authorization_type not in WITH_AUTHORIZER:
        method.authorizer_id = None
    check_references(api, method)
    _check_parameters(method.request_parameters)


def drop_empty(item: Any, *attributes: str) -> None:
    """An update leaves out the maps and lists it left empty."""
    for attribute in attributes:
        if not getattr(item, attribute):
            setattr(item, attribute, None)


def set_entry(
    attribute: str, missing: str, convert: Callable[[str | None], Any] = lambda v: v
) -> Setter:
    """One entry of a map member, named by the path's placeholder: ``add`` sets it;
    ``replace`` and ``remove`` need it there, or are AWS's 404 ``missing``."""

    def setter(edit: Edit[Any]) -> None:
        entries: dict[str, Any] = getattr(edit.item, attribute) or {}
        name = edit.op.args[-1]
        if edit.op.op != "add" and name not in entries:
            raise e.not_found(missing)
        if edit.op.op == "remove":
            del entries[name]
        else:
            entries[name] = convert(edit.value)
        setattr(edit.item, attribute, entries)

    return setter


def _set_authorization_type(edit: Edit[Method]) -> None:
    edit.item.authorization_type = _authorization_type(edit.value)


def _set_scope(edit: Edit[Method]) -> None:
    """``add`` puts a scope in the list (once), ``remove`` takes it out."""
    scopes = edit.item.authorization_scopes or []
    if edit.value and edit.op.op == "add" and edit.value not in scopes:
        scopes.append(edit.value)
    elif edit.op.op == "remove" and edit.value in scopes:
        scopes.remove(edit.value)
    edit.item.authorization_scopes = scopes


def _check_patched(
    backend: ApiGatewayBackend, call: Call, resource: Resource, method: Method
) -> None:
    _check(backend.rest_api(call.params["restApiId"]), method)
    drop_empty(method, "request_parameters", "request_models", "authorization_scopes")


_REPLACE = ("replace",)
FAMILY: Family[Method] = Family(
    Parent(lambda backend, call: resource_of(backend, call)[1]),
    lambda resource: Entries(resource.methods),
    "httpMethod",
    e.METHOD_NOT_FOUND,
    patch=PathTable(
        {
            "/apiKeyRequired": (_REPLACE, None),
            "/authorizationType": (_REPLACE, None),
            "/authorizerId": (_REPLACE, None),
            "/authorizationScopes": (("add", "remove"), None),
            "/operationName": (_REPLACE, None),
            "/requestValidatorId": (_REPLACE, None),
            "/requestParameters/<name>": (ENTRY_OPS, None),
            "/requestModels/<type>": (ENTRY_OPS, None),
        }
    ),
    setters={
        "/apiKeyRequired": set_flag("api_key_required"),
        "/authorizationType": _set_authorization_type,
        "/authorizerId": set_text("authorizer_id"),
        "/authorizationScopes": _set_scope,
        "/operationName": set_text("operation_name"),
        "/requestValidatorId": set_text("request_validator_id"),
        "/requestParameters/<name>": set_entry(
            "request_parameters", e.PARAMETER_NOT_FOUND, as_flag
        ),
        "/requestModels/<type>": set_entry("request_models", e.CONTENT_TYPE_NOT_FOUND),
    },
    check=_check_patched,
    key="http_method",
)


def put_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api, resource = resource_of(backend, call)
    http_method = p["httpMethod"]
    if http_method not in HTTP_METHODS:
        raise e.bad_request(e.INVALID_HTTP_METHOD)
    if http_method in resource.methods:
        raise e.conflict(e.METHOD_EXISTS)
    method = Method(
        http_method,
        _authorization_type(p["authorizationType"]),
        api_key_required=bool(p.get("apiKeyRequired", False)),
        authorizer_id=p.get("authorizerId") or None,
        request_validator_id=p.get("requestValidatorId") or None,
        operation_name=p.get("operationName"),
        request_parameters=received(p.get("requestParameters")),
        request_models=received(p.get("requestModels")),
        authorization_scopes=received(p.get("authorizationScopes")),
    )
    _check(api, method)
    resource.methods[http_method] = method
    return render_output(method, call)


OPERATIONS = {
    "PutMethod": put_method,
    **FAMILY.operations(get="GetMethod", update="UpdateMethod", delete="DeleteMethod"),
}
