"""CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi."""

from __future__ import annotations

from typing import Any

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import IN_BACKEND, Family, render_output
from ._models import ApiGatewayBackend
from ._request_models import add_default_models
from ._rest_models import Resource, RestApi
from ._tags import check_tags

__all__ = ["FAMILY", "OPERATIONS"]

REST_API_ID_LENGTH = 10
ROOT_RESOURCE_ID_LENGTH = 10
MAX_COMPRESSION_SIZE = 10_485_760


def _not_found(backend: ApiGatewayBackend, call: Call) -> str:
    return e.REST_API_NOT_FOUND.format(account=backend.account_id, api=call.params["restApiId"])


def _delete(backend: ApiGatewayBackend, call: Call, parent: Any, api: RestApi) -> None:
    backend.forget_stages(api.id)


FAMILY: Family[RestApi] = Family(
    IN_BACKEND,
    lambda backend: backend.rest_apis,
    "restApiId",
    _not_found,
    on_delete=_delete,
    filled=("tags",),
)


def endpoint_configuration(given: dict[str, Any] | None) -> dict[str, Any]:
    """An API's endpoint configuration as AWS completes it: EDGE unless a type is given;
    IPv4 unless private (dualstack)."""
    given = given or {}
    types = ["EDGE"] if given.get("types") is None else list(given["types"])
    if not types:
        raise e.bad_request(e.NO_ENDPOINT_TYPE)
    if len(types) > 1:
        raise e.bad_request(e.MULTIPLE_ENDPOINT_TYPES)
    if types == ["PRIVATE"] and given.get("ipAddressType") == "ipv4":
        raise e.bad_request(e.PRIVATE_NOT_DUALSTACK)
    out: dict[str, Any] = {
        "types": types,
        "ipAddressType": given.get("ipAddressType")
        or ("dualstack" if types == ["PRIVATE"] else "ipv4"),
    }
    if given.get("vpcEndpointIds"):
        out["vpcEndpointIds"] = list(given["vpcEndpointIds"])
    return out


def create_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    if p.get("description") == "":
        raise e.bad_request(e.EMPTY_DESCRIPTION)
    size = p.get("minimumCompressionSize")
    if size is not None and not 0 <= size <= MAX_COMPRESSION_SIZE:
        raise e.bad_request(e.INVALID_COMPRESSION)
    endpoint = endpoint_configuration(p.get("endpointConfiguration"))
    api_id = backend.new_id(REST_API_ID_LENGTH, call.ids, backend.rest_apis)
    root = Resource(call.ids.lower_alnum(ROOT_RESOURCE_ID_LENGTH), None, None, "/")
    api = RestApi(
        id=api_id,
        name=p["name"],
        created_date=int(call.now),
        root_resource_id=root.id,
        endpoint_configuration=endpoint,
        description=p.get("description") or None,
        version=p.get("version"),
        binary_media_types=received(p.get("binaryMediaTypes")) or None,
        minimum_compression_size=size,
        api_key_source=p.get("apiKeySource") or "HEADER",
        policy=p.get("policy"),
        tags=check_tags(p.get("tags") or {}),
        disable_execute_api_endpoint=bool(p.get("disableExecuteApiEndpoint", False)),
    )
    api.resources.add(root.id, root)
    add_default_models(api, call.ids)
    backend.rest_apis.add(api.id, api)
    return render_output(api, call)


OPERATIONS = {
    "CreateRestApi": create_rest_api,
    **FAMILY.operations(get="GetRestApi", list="GetRestApis", delete="DeleteRestApi"),
}
