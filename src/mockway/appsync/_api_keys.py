"""CreateApiKey, ListApiKeys, UpdateApiKey, DeleteApiKey.

Every operation first forgets the API's keys whose ``deletes`` time has passed, reading the
clock of the call, so a key is gone from all of them at the same moment.
"""

from __future__ import annotations

from typing import Any

from .._registry import Call
from . import _errors as e
from ._apis import check_next_token, listed
from ._models import MAX_API_KEYS, ApiKey, AppSyncBackend, GraphqlApi, key_expiry

__all__ = ["OPERATIONS"]


def _api(backend: AppSyncBackend, call: Call) -> GraphqlApi:
    api = backend.api(call.params["apiId"])
    api.purge_keys(int(call.now))
    return api


def create_api_key(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _api(backend, call)
    expires = key_expiry(call.params.get("expires"), int(call.now))
    if len(api.keys) >= MAX_API_KEYS:
        raise e.api_key_limit_exceeded(api.api_id)
    key = ApiKey(api.new_key_id(call.ids), call.params.get("description"), 0, 0)
    key.set_expires(expires)
    api.keys.add(key.id, key)
    return {"apiKey": key.render()}


def list_api_keys(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    return listed(_api(backend, call).keys, call.params, "apiKeys", ApiKey.render)


def update_api_key(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    key = _api(backend, call).api_key(p["id"])
    requested = p.get("expires")
    expires = None if requested is None else key_expiry(requested, int(call.now))
    if p.get("description") is not None:
        key.description = p["description"]
    if expires is not None:
        key.set_expires(expires)
    return {"apiKey": key.render()}


def delete_api_key(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _api(backend, call)
    api.api_key(call.params["id"])
    api.keys.remove(call.params["id"])
    return {}


OPERATIONS = {
    "CreateApiKey": create_api_key,
    "ListApiKeys": list_api_keys,
    "UpdateApiKey": update_api_key,
    "DeleteApiKey": delete_api_key,
}
