"""CreateChannelNamespace, GetChannelNamespace, ListChannelNamespaces, UpdateChannelNamespace,
DeleteChannelNamespace: the channel namespaces of an Event API.

A namespace is named by its ``name``, unique in its API; its ARN is the API's ARN followed by
``/channelNamespace/<name>``. An update takes the whole namespace again (what it leaves out is
gone) and moves ``lastModified``. ``ListChannelNamespaces`` answers each namespace without its
``codeHandlers``, as AWS documents: GetChannelNamespace gives them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .._registry import Call
from .._render import Rendering, render
from .._wire import received
from . import _errors as e
from ._apis import check_next_token, listed
from ._event_apis import EventApi, check_auth_modes, event_api
from ._family import wrapped
from ._models import AppSyncBackend
from ._tags import check_tags

__all__ = ["OPERATIONS", "ChannelNamespace"]


@dataclass(slots=True)
class ChannelNamespace:
    RENDER: ClassVar[Rendering] = Rendering(always=frozenset({"tags"}))

    api_id: str
    name: str
    channel_namespace_arn: str
    created: int
    last_modified: int
    subscribe_auth_modes: list[dict[str, str]] | None = None
    publish_auth_modes: list[dict[str, str]] | None = None
    code_handlers: str | None = None
    handler_configs: dict[str, Any] = field(default_factory=dict)
    """``{}`` when none are given: AWS answers an empty structure."""
    tags: dict[str, str] = field(default_factory=dict)


def _api(backend: AppSyncBackend, call: Call) -> EventApi:
    return event_api(backend, call.params["apiId"])


def _namespace(api: EventApi, name: str) -> ChannelNamespace:
    found = api.namespaces.get(name)
    if found is None:
        raise e.not_found(e.NAMESPACE_NOT_FOUND.format(name=name))
    return found


def _build(call: Call, api: EventApi, existing: ChannelNamespace | None) -> ChannelNamespace:
    """The namespace a create or an update asks for: an update takes every member again."""
    p = call.params
    providers = api.provider_types()
    for member in ("subscribeAuthModes", "publishAuthModes"):
        check_auth_modes(p.get(member) or (), providers)
    tags = existing.tags if existing is not None else {}
    if existing is None and p.get("tags"):
        tags = check_tags(p["tags"], limit=e.RESOURCE_TAG_LIMIT)
    now = int(call.now)
    return ChannelNamespace(
        api_id=api.api_id,
        name=p["name"],
        channel_namespace_arn=f"{api.api_arn}/channelNamespace/{p['name']}",
        created=now if existing is None else existing.created,
        last_modified=now,
        subscribe_auth_modes=received(p.get("subscribeAuthModes")),
        publish_auth_modes=received(p.get("publishAuthModes")),
        code_handlers=p.get("codeHandlers"),
        handler_configs=received(p.get("handlerConfigs")) or {},
        tags=tags,
    )


def create_channel_namespace(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _api(backend, call)
    name = call.params["name"]
    if name in api.namespaces:
        raise e.conflict(e.NAMESPACE_EXISTS.format(name=name))
    created = _build(call, api, None)
    api.namespaces.add(name, created)
    return wrapped(created, call)


def get_channel_namespace(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(_namespace(_api(backend, call), call.params["name"]), call)


def list_channel_namespaces(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    api = _api(backend, call)
    shape = call.operation.output_shape
    assert shape is not None
    item_shape = shape.members["channelNamespaces"].member  # type: ignore[attr-defined]
    return listed(
        api.namespaces,
        call.params,
        "channelNamespaces",
        lambda item: render(dataclasses.replace(item, code_handlers=None), item_shape, "appsync"),
    )


def update_channel_namespace(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _api(backend, call)
    updated = _build(call, api, _namespace(api, call.params["name"]))
    api.namespaces.add(updated.name, updated)
    return wrapped(updated, call)


def delete_channel_namespace(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _api(backend, call)
    api.namespaces.remove(_namespace(api, call.params["name"]).name)
    return {}


OPERATIONS = {
    "CreateChannelNamespace": create_channel_namespace,
    "GetChannelNamespace": get_channel_namespace,
    "ListChannelNamespaces": list_channel_namespaces,
    "UpdateChannelNamespace": update_channel_namespace,
    "DeleteChannelNamespace": delete_channel_namespace,
}
