"""CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi."""

from __future__ import annotations

import json
from typing import Any

from .._patch import PathTable, whole_value
from .._regions import partition
from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import IN_BACKEND, Edit, Family, render_output
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


ENDPOINT_TYPES = ("REGIONAL", "EDGE", "PRIVATE")
IP_ADDRESS_TYPES = ("ipv4", "dualstack")
API_KEY_SOURCES = ("HEADER", "AUTHORIZER")


def normalized_policy(text: str | None, backend: ApiGatewayBackend, api_id: str) -> str | None:
    """A resource policy as AWS keeps and returns it: minified, each ``execute-api:/...``
    resource spelt out as the API's ARN (a list of one resource as that resource), and the
    JSON escaped once more, ``"`` as ``\\"`` and ``/`` as ``\\/``."""
    if not text:
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise e.bad_request(e.INVALID_POLICY) from None
    if not isinstance(document, dict):
        raise e.bad_request(e.INVALID_POLICY)
    statements = document.get("Statement")
    arn = f"arn:{partition(backend.region)[0]}:execute-api:{backend.region}:{backend.account_id}:"

    def spelt(resource: Any) -> Any:
        if isinstance(resource, str) and resource.startswith("execute-api:"):
            return arn + api_id + resource[len("execute-api:") :]
        return resource

    for statement in statements if isinstance(statements, list) else [statements]:
        if isinstance(statement, dict) and "Resource" in statement:
            resource = statement["Resource"]
            if isinstance(resource, list):
                resource = [spelt(r) for r in resource]
                statement["Resource"] = resource[0] if len(resource) == 1 else resource
            else:
                statement["Resource"] = spelt(resource)
    minified = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(minified, ensure_ascii=False)[1:-1].replace("/", "\\/")


def _set_name(edit: Edit[RestApi]) -> None:
    if not edit.value:
        raise e.bad_request(e.REST_API_NAME_BLANK)
    edit.item.name = edit.value


def _set_description(edit: Edit[RestApi]) -> None:
    if edit.op.op == "replace" and edit.value == "":
        raise e.bad_request(e.EMPTY_DESCRIPTION)
    edit.item.description = None if edit.op.op == "remove" else edit.value


def _set_api_key_source(edit: Edit[RestApi]) -> None:
    if edit.value not in API_KEY_SOURCES:
        raise e.bad_request(e.INVALID_API_KEY_SOURCE.format(value=edit.value))
    edit.item.api_key_source = edit.value


def _set_media_type(edit: Edit[RestApi]) -> None:
    """``/binaryMediaTypes/<type>``: the type is the path's last part; a replace takes it
    out and puts the value in at the end."""
    types = edit.item.binary_media_types or []
    named = edit.op.args[0]
    if edit.op.op in ("remove", "replace") and named in types:
        types.remove(named)
    added = named if edit.op.op == "add" else edit.value if edit.op.op == "replace" else None
    if added and added not in types:
        types.append(added)
    edit.item.binary_media_types = types or None


def _set_compression(edit: Edit[RestApi]) -> None:
    if edit.value is None or edit.value == "":
        edit.item.minimum_compression_size = None
        return
    size = whole_value(edit.value, 32)
    if size is None or not 0 <= size <= MAX_COMPRESSION_SIZE:
        raise e.bad_request(e.INVALID_COMPRESSION)
    edit.item.minimum_compression_size = size


def _set_disable_endpoint(edit: Edit[RestApi]) -> None:
    value = (edit.value or "").lower()
    if value not in ("true", "false"):
        raise e.bad_request(e.INVALID_BOOLEAN.format(value=edit.value, path=edit.op.path))
    edit.item.disable_execute_api_endpoint = value == "true"


def _set_policy(edit: Edit[RestApi]) -> None:
    value = None if edit.op.op == "remove" else edit.value
    edit.item.policy = normalized_policy(value, edit.backend, edit.item.id)


def _set_endpoint_type(edit: Edit[RestApi]) -> None:
    endpoint = edit.item.endpoint_configuration
    if edit.value not in ENDPOINT_TYPES:
        raise e.bad_request(e.INVALID_ENDPOINT_TYPE)
    if endpoint["types"] == ["PRIVATE"] and edit.value == "EDGE":
        raise e.bad_request(e.PRIVATE_TO_EDGE)
    endpoint["types"] = [edit.value]
    if edit.value == "PRIVATE":
        endpoint["ipAddressType"] = "dualstack"
    else:
        endpoint.pop("vpcEndpointIds", None)


def _set_ip_address_type(edit: Edit[RestApi]) -> None:
    endpoint = edit.item.endpoint_configuration
    if edit.value not in IP_ADDRESS_TYPES:
        raise e.bad_request(e.INVALID_IP_ADDRESS_TYPE)
    if endpoint["types"] == ["PRIVATE"] and edit.value == "ipv4":
        raise e.bad_request(e.PRIVATE_NOT_DUALSTACK)
    endpoint["ipAddressType"] = edit.value


def _set_vpc_endpoints(edit: Edit[RestApi]) -> None:
    endpoint = edit.item.endpoint_configuration
    if endpoint["types"] != ["PRIVATE"]:
        raise e.bad_request(e.VPC_ENDPOINTS_NOT_PRIVATE)
    ids: list[str] = endpoint.get("vpcEndpointIds") or []
    given = [v.strip() for v in (edit.value or "").split(",") if v.strip()]
    if edit.op.op == "replace":
        ids = given
    elif edit.op.op == "add":
        ids += [v for v in given if v not in ids]
    else:
        for value in given:
            if value not in ids:
                raise e.not_found(e.VPC_ENDPOINT_NOT_FOUND.format(value=value))
            ids.remove(value)
    if ids:
        endpoint["vpcEndpointIds"] = ids
    else:
        endpoint.pop("vpcEndpointIds", None)


_REPLACE = ("replace",)
PATCH = PathTable(
    {
        "/name": (_REPLACE, None),
        "/description": (("replace", "remove"), None),
        "/apiKeySource": (_REPLACE, None),
        "/binaryMediaTypes/<type>": (("add", "remove", "replace"), None),
        "/minimumCompressionSize": (_REPLACE, None),
        "/disableExecuteApiEndpoint": (_REPLACE, None),
        "/policy": (("replace", "remove"), None),
        "/endpointConfiguration/types/<index>": (_REPLACE, e.PATCH_OP_ENDPOINT_TYPE),
        "/endpointConfiguration/ipAddressType": (_REPLACE, None),
        "/endpointConfiguration/vpcEndpointIds": (("add", "remove", "replace"), None),
    }
)

FAMILY: Family[RestApi] = Family(
    IN_BACKEND,
    lambda backend: backend.rest_apis,
    "restApiId",
    _not_found,
    patch=PATCH,
    setters={
        "/name": _set_name,
        "/description": _set_description,
        "/apiKeySource": _set_api_key_source,
        "/binaryMediaTypes/<type>": _set_media_type,
        "/minimumCompressionSize": _set_compression,
        "/disableExecuteApiEndpoint": _set_disable_endpoint,
        "/policy": _set_policy,
        "/endpointConfiguration/types/<index>": _set_endpoint_type,
        "/endpointConfiguration/ipAddressType": _set_ip_address_type,
        "/endpointConfiguration/vpcEndpointIds": _set_vpc_endpoints,
    },
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
        policy=None,
        tags=check_tags(p.get("tags") or {}),
        disable_execute_api_endpoint=bool(p.get("disableExecuteApiEndpoint", False)),
    )
    api.policy = normalized_policy(p.get("policy"), backend, api.id)
    api.resources.add(root.id, root)
    add_default_models(api, call.ids)
    backend.rest_apis.add(api.id, api)
    return render_output(api, call)


OPERATIONS = {
    "CreateRestApi": create_rest_api,
    **FAMILY.operations(
        get="GetRestApi", list="GetRestApis", update="UpdateRestApi", delete="DeleteRestApi"
    ),
}
