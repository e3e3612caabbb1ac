"""CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey."""

from __future__ import annotations

from typing import Any

from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._family import as_flag
from ._listing import page, requested
from ._models import (
    ApiGatewayBackend,
    ApiKey,
    check_description,
    check_name,
    render_listed,
    value_problem,
)
from ._tags import check_tags

__all__ = ["OPERATIONS"]


PATCH = PatchRules(
    {
        "replace": ["/description", "/enabled", "/name", "/customerId"],
        "add": ["/stages"],
        "remove": ["/stages"],
    }
)


def stage_key(backend: ApiGatewayBackend, rest_api_id: Any, stage_name: Any) -> str:
    """An existing stage as API keys render it: ``restApiId/stageName``."""
    if not rest_api_id or not stage_name:
        shown = "/".join(
            "null" if part is None else str(part) for part in (rest_api_id, stage_name)
        )
        raise e.bad_request(e.INVALID_STAGE_KEY.format(value=shown))
    backend.stage(rest_api_id, stage_name)
    return f"{rest_api_id}/{stage_name}"


def create_api_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    name = check_name(p.get("name"))
    value = p.get("value") or None
    if value is not None:
        problem = value_problem(value)
        if problem is not None:
            raise e.bad_request(problem)
    description = check_description(p.get("description") or None)
    tags = check_tags(p.get("tags") or {})
    stage_keys: list[str] = []
    for entry in p.get("stageKeys") or ():
        ref = stage_key(backend, entry.get("restApiId"), entry.get("stageName"))
        if ref not in stage_keys:
            stage_keys.append(ref)
    if value is None:
        value = backend.new_api_key_value(call.ids)
    elif value in backend.key_id_by_value:
        raise e.conflict(e.API_KEY_EXISTS)
    now = int(call.now)
    key = ApiKey(
        id=backend.new_api_key_id(call.ids),
        value=value,
        name=name,
        description=description,
        enabled=bool(p.get("enabled", False)),
        customer_id=p.get("customerId") or None,
        created=now,
        updated=now,
        stage_keys=stage_keys,
        tags=tags,
    )
    backend.store_api_key(key)
    return key.render(value=True, tags=False)


def get_api_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    key = backend.api_key(call.params["apiKey"])
    return key.render(value=bool(call.params.get("includeValue")), tags=True)


def get_api_keys(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    wanted = requested(call)
    prefix = p.get("nameQuery") or ""
    customer_id = p.get("customerId") or None

    def keep(key: ApiKey) -> bool:
        if prefix and (key.name is None or not key.name.startswith(prefix)):
            return False
        return customer_id is None or key.customer_id == customer_id

    include_values = bool(p.get("includeValues"))
    return page(
        backend.api_keys,
        wanted,
        lambda keys: render_listed(keys, include_values),
        keep=keep if prefix or customer_id else None,
    )


def update_api_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    key = backend.api_key(call.params["apiKey"]).copy()
    for op in PATCH.parse(call.params.get("patchOperations")):
        if op.template == "/name":
            key.name = check_name(op.value)
        elif op.template == "/description":
            key.description = check_description(op.value or None)
        elif op.template == "/enabled":
            key.enabled = as_flag(op.value)
        elif op.template == "/customerId":
            key.customer_id = op.value or None
        else:
            rest_api_id, _, stage_name = (op.value or "").partition("/")
            value = stage_key(backend, rest_api_id, stage_name)
            if op.op == "add":
                if value not in key.stage_keys:
                    key.stage_keys.append(value)
            elif value in key.stage_keys:
                key.stage_keys.remove(value)
            else:
                raise e.not_found(e.STAGE_KEY_NOT_FOUND.format(value=value))
    key.updated = int(call.now)
    backend.store_api_key(key)
    return key.render(value=False, tags=True)


def delete_api_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    backend.delete_api_key(call.params["apiKey"])
    return {}


OPERATIONS = {
    "CreateApiKey": create_api_key,
    "GetApiKey": get_api_key,
    "GetApiKeys": get_api_keys,
    "UpdateApiKey": update_api_key,
    "DeleteApiKey": delete_api_key,
}
