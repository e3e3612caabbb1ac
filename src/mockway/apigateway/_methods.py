"""PutMethod, GetMethod, UpdateMethod, DeleteMethod, and method responses."""

from __future__ import annotations

from typing import Any

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._authorizers import authorizer_problem
from ._family import render_output
from ._models import ApiGatewayBackend
from ._resources import resource_of
from ._rest_models import Method, Resource, RestApi

__all__ = ["OPERATIONS", "method_of"]

HTTP_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"})


def method_of(backend: ApiGatewayBackend, call: Call) -> tuple[RestApi, Resource, Method]:
    api, resource = resource_of(backend, call)
    method = resource.methods.get(call.params["httpMethod"])
    if method is None:
        raise e.not_found(e.METHOD_NOT_FOUND)
    return api, resource, method


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


def put_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api, resource = resource_of(backend, call)
    http_method = p["httpMethod"]
    if http_method not in HTTP_METHODS:
        raise e.bad_request(e.INVALID_HTTP_METHOD)
    if http_method in resource.methods:
        raise e.conflict(e.METHOD_EXISTS)
    parameters = received(p.get("requestParameters"))
    method = Method(
        http_method,
        p["authorizationType"],
        api_key_required=bool(p.get("apiKeyRequired", False)),
        authorizer_id=p.get("authorizerId"),
        request_validator_id=p.get("requestValidatorId") or None,
        operation_name=p.get("operationName"),
        request_parameters=parameters,
        request_models=received(p.get("requestModels")),
        authorization_scopes=received(p.get("authorizationScopes")),
    )
    check_references(api, method)
    names = [k.split(".", 3)[-1] for k in parameters or {}]
    if len(names) != len(set(names)):
        raise e.bad_request(e.DUPLICATE_PARAMETER)
    resource.methods[http_method] = method
    return render_output(method, call)


def get_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_output(method_of(backend, call)[2], call)


def delete_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    _, resource, method = method_of(backend, call)
    del resource.methods[method.http_method]
    return {}


OPERATIONS = {
    "PutMethod": put_method,
    "GetMethod": get_method,
    "DeleteMethod": delete_method,
}
