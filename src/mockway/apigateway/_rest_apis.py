"""REST APIs, resources, methods and integrations: as much as usage plans need to point at."""

from __future__ import annotations

import re
from typing import Any

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._listing import page, requested
from ._models import ApiGatewayBackend
from ._rest_models import Integration, Method, Resource, RestApi
from ._tags import check_tags

__all__ = ["OPERATIONS", "resource_of"]

REST_API_ID_LENGTH = 10
RESOURCE_ID_LENGTH = 6
ROOT_RESOURCE_ID_LENGTH = 10
BUILT_IN_MODELS = frozenset({"Empty", "Error"})
HTTP_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"})
DEFAULT_TIMEOUT_MILLIS = 29_000
MAX_COMPRESSION_SIZE = 10_485_760
_PATH_PART = re.compile(r"[A-Za-z0-9._:-]+|\{[A-Za-z0-9._-]+\+?\}")
_HTTP_URI = re.compile(r"https?://[^\s/]+(/\S*)?")
_AWS_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:([a-z0-9.-]+):((?:path|action)/\S+)?")
_PROXY_SERVICES = frozenset({"lambda", "firehose"})
_REST_EXTRA = ("version", "binaryMediaTypes", "minimumCompressionSize", "policy")
_METHOD_EXTRA = (
    "authorizerId",
    "requestValidatorId",
    "operationName",
    "requestParameters",
    "requestModels",
    "authorizationScopes",
)
_INTEGRATION_EXTRA = (
    "connectionType",
    "connectionId",
    "credentials",
    "requestParameters",
    "requestTemplates",
    "contentHandling",
    "tlsConfig",
)


def resource_of(
    backend: ApiGatewayBackend, call: Call, member: str = "resourceId"
) -> tuple[RestApi, Resource]:
    """The resource a call names; an unknown API is reported as an unknown resource."""
    api = backend.rest_apis.get(call.params["restApiId"])
    resource = None if api is None else api.resources.get(call.params[member])
    if api is None or resource is None:
        raise e.not_found(e.RESOURCE_NOT_FOUND)
    return api, resource


def method_of(backend: ApiGatewayBackend, call: Call) -> tuple[RestApi, Resource, Method]:
    api, resource = resource_of(backend, call)
    method = resource.methods.get(call.params["httpMethod"])
    if method is None:
        raise e.not_found(e.METHOD_NOT_FOUND)
    return api, resource, method


def create_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    if p.get("description") == "":
        raise e.bad_request(e.EMPTY_DESCRIPTION)
    size = p.get("minimumCompressionSize")
    if size is not None and not 0 <= size <= MAX_COMPRESSION_SIZE:
        raise e.bad_request(e.INVALID_COMPRESSION)
    endpoint = p.get("endpointConfiguration") or {}
    given = endpoint.get("types")
    types = ["EDGE"] if given is None else list(given)
    if not types:
        raise e.bad_request(e.NO_ENDPOINT_TYPE)
    if len(types) > 1:
        raise e.bad_request(e.MULTIPLE_ENDPOINT_TYPES)
    if types == ["PRIVATE"] and endpoint.get("ipAddressType") == "ipv4":
        raise e.bad_request(e.PRIVATE_NOT_DUALSTACK)
    api_id = backend.new_id(REST_API_ID_LENGTH, call.ids, backend.rest_apis)
    root = Resource(call.ids.lower_alnum(ROOT_RESOURCE_ID_LENGTH), None, None, "/")
    api = RestApi(
        id=api_id,
        name=p["name"],
        description=p.get("description") or None,
        created=int(call.now),
        root_resource_id=root.id,
        api_key_source=p.get("apiKeySource") or "HEADER",
        endpoint_types=types,
        ip_address_type=endpoint.get("ipAddressType")
        or ("dualstack" if types == ["PRIVATE"] else "ipv4"),
        disable_execute_api_endpoint=bool(p.get("disableExecuteApiEndpoint", False)),
        extra={k: v for k in _REST_EXTRA if (v := received(p.get(k))) not in (None, [])},
        tags=check_tags(p.get("tags") or {}),
    )
    api.resources.add(root.id, root)
    backend.rest_apis.add(api.id, api)
    return api.render(tags=False)


def get_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return backend.rest_api(call.params["restApiId"]).render(tags=True)


def get_rest_apis(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return page(
        backend.rest_apis, requested(call), lambda apis: [a.render(tags=False) for a in apis]
    )


def delete_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    backend.forget_stages(api.id)
    backend.rest_apis.remove(api.id)
    return {}


def get_resources(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    embed = "methods" in (call.params.get("embed") or ())
    return page(
        api.resources,
        requested(call),
        lambda resources: [r.render(embed_methods=embed) for r in resources],
        newest_first=False,
    )


def get_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    embed = "methods" in (call.params.get("embed") or ())
    return resource_of(backend, call)[1].render(embed_methods=embed)


def create_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, parent = resource_of(backend, call, "parentId")
    path_part = call.params["pathPart"]
    if not _PATH_PART.fullmatch(path_part):
        raise e.bad_request(e.INVALID_PATH_PART)
    if parent.path_part is not None and parent.path_part.endswith("+}"):
        raise e.bad_request(e.GREEDY_PARENT.format(parent=parent.path_part))
    siblings = [r for r in api.resources.values() if r.parent_id == parent.id]
    if any(r.path_part == path_part for r in siblings):
        raise e.conflict(e.RESOURCE_EXISTS.format(path_part=path_part))
    if path_part.startswith("{"):
        for sibling in siblings:
            if sibling.path_part is not None and sibling.path_part.startswith("{"):
                raise e.bad_request(e.VARIABLE_SIBLING.format(sibling=sibling.path_part))
    path = ("" if parent.path == "/" else parent.path) + "/" + path_part
    resource = Resource(
        backend.new_id(RESOURCE_ID_LENGTH, call.ids, api.resources), parent.id, path_part, path
    )
    api.resources.add(resource.id, resource)
    return resource.render()


def delete_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, resource = resource_of(backend, call)
    if resource.parent_id is None:
        raise e.bad_request(e.ROOT_NOT_DELETABLE)
    doomed = {resource.id}
    for other in api.resources.values():  # creation order: parents come before children
        if other.parent_id in doomed:
            doomed.add(other.id)
    for resource_id in doomed:
        api.resources.remove(resource_id)
    return {}


def put_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    _, resource = resource_of(backend, call)
    http_method = p["httpMethod"]
    if http_method not in HTTP_METHODS:
        raise e.bad_request(e.INVALID_HTTP_METHOD)
    if http_method in resource.methods:
        raise e.conflict(e.METHOD_EXISTS)
    # Authorizers, request validators and models beyond the built-in two are not modeled,
    # so a method naming one names something that does not exist.
    if p["authorizationType"] in ("CUSTOM", "COGNITO_USER_POOLS"):
        raise e.bad_request(e.INVALID_AUTHORIZER)
    if p.get("requestValidatorId"):
        raise e.bad_request(e.REQUEST_VALIDATOR_NOT_FOUND)
    for model in (p.get("requestModels") or {}).values():
        if model not in BUILT_IN_MODELS:
            raise e.bad_request(e.MODEL_NOT_FOUND.format(model=model))
    names = [k.split(".", 3)[-1] for k in p.get("requestParameters") or {}]
    if len(names) != len(set(names)):
        raise e.bad_request(e.DUPLICATE_PARAMETER)
    method = Method(
        http_method,
        p["authorizationType"],
        bool(p.get("apiKeyRequired", False)),
        {k: received(p[k]) for k in _METHOD_EXTRA if p.get(k) is not None},
    )
    resource.methods[http_method] = method
    return method.render()


def get_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return method_of(backend, call)[2].render()


def delete_method(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    _, resource, method = method_of(backend, call)
    del resource.methods[method.http_method]
    return {}


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
    method.integration = Integration(
        kind,
        http_method,
        uri,
        p.get("passthroughBehavior") or "WHEN_NO_MATCH",
        p.get("timeoutInMillis") or DEFAULT_TIMEOUT_MILLIS,
        p.get("cacheNamespace") or resource.id,
        list(p.get("cacheKeyParameters") or ()),
        {k: received(p[k]) for k in _INTEGRATION_EXTRA if p.get(k) is not None},
    )
    return method.integration.render()


def get_integration(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    integration = method_of(backend, call)[2].integration
    if integration is None:
        raise e.not_found(e.INTEGRATION_NOT_FOUND)
    return integration.render()


OPERATIONS = {
    "CreateRestApi": create_rest_api,
    "GetRestApi": get_rest_api,
    "GetRestApis": get_rest_apis,
    "DeleteRestApi": delete_rest_api,
    "GetResources": get_resources,
    "GetResource": get_resource,
    "CreateResource": create_resource,
    "DeleteResource": delete_resource,
    "PutMethod": put_method,
    "GetMethod": get_method,
    "DeleteMethod": delete_method,
    "PutIntegration": put_integration,
    "GetIntegration": get_integration,
}
