"""CreateGraphqlApi, GetGraphqlApi, ListGraphqlApis, UpdateGraphqlApi, DeleteGraphqlApi."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .._paging import OrderedStore, clamp_limit, decode_token
from .._registry import Call
from . import _errors as e
from ._models import AppSyncBackend, GraphqlApi
from ._tags import check_tags

__all__ = ["OPERATIONS", "check_next_token", "listed"]

T = TypeVar("T")

PAGE_DEFAULT = PAGE_MAX = 25
MAX_OWNER_CONTACT = 256
MAX_NAME = 65_536


def check_next_token(token: str | None) -> str | None:
    if token is not None and decode_token(token) is None:
        raise e.bad_request(e.INVALID_NEXT_TOKEN)
    return token


def listed(
    store: OrderedStore[T],
    params: Mapping[str, Any],
    member: str,
    render: Callable[[T], dict[str, Any]],
    keep: Callable[[T], bool] | None = None,
) -> dict[str, Any]:
    """``{member: [...], "nextToken"?: ...}``: one page of ``store``, oldest first, as the
    call's ``maxResults`` and (checked) ``nextToken`` ask."""
    limit = clamp_limit(params.get("maxResults"), PAGE_DEFAULT, PAGE_MAX)
    page = store.page(limit, params.get("nextToken"), newest_first=False, keep=keep)
    if page is None:
        raise e.bad_request(e.INVALID_NEXT_TOKEN)
    out: dict[str, Any] = {member: [render(item) for item in page.items]}
    if page.next_token is not None:
        out["nextToken"] = page.next_token
    return out


def _check_settings(params: Mapping[str, Any]) -> None:
    name = params.get("name")
    if name is not None and not 1 <= len(name) <= MAX_NAME:
        raise e.bad_request(e.NAME_LENGTH)
    contact = params.get("ownerContact")
    if contact is not None and len(contact) > MAX_OWNER_CONTACT:
        raise e.bad_request(e.OWNER_CONTACT_TOO_LONG)


def create_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    _check_settings(p)
    tags = check_tags(p["tags"]) if p.get("tags") is not None else {}
    api = backend.new_api(
        call.ids,
        name=p["name"],
        authentication_type=p["authenticationType"],
        visibility=p.get("visibility") or "GLOBAL",
        api_type=p.get("apiType") or "GRAPHQL",
    )
    api.configure(p)
    api.tags = tags
    backend.apis.add(api.api_id, api)
    return {"graphqlApi": api.render()}


def get_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return {"graphqlApi": backend.api(call.params["apiId"]).render()}


def list_graphql_apis(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    check_next_token(p.get("nextToken"))
    api_type = p.get("apiType")
    owner = p.get("owner")

    def keep(api: GraphqlApi) -> bool:
        if api_type is not None and api.api_type != api_type:
            return False
        # Every API here is the caller's own: no API is shared from another account.
        return owner != "OTHER_ACCOUNTS"

    filtered = api_type is not None or owner is not None
    return listed(backend.apis, p, "graphqlApis", GraphqlApi.render, keep if filtered else None)


def update_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    _check_settings(call.params)
    api.configure(call.params)
    return {"graphqlApi": api.render()}


def delete_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    backend.delete_api(call.params["apiId"])
    subscriptions = sys.modules.get("mockway.appsync.execute._subscriptions")
    if subscriptions is not None:  # loaded once a subscription was started
        subscriptions.api_deleted(backend, call.params["apiId"])
    return {}


OPERATIONS = {
    "CreateGraphqlApi": create_graphql_api,
    "GetGraphqlApi": get_graphql_api,
    "ListGraphqlApis": list_graphql_apis,
    "UpdateGraphqlApi": update_graphql_api,
    "DeleteGraphqlApi": delete_graphql_api,
}
