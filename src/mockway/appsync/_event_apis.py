"""CreateApi, GetApi, ListApis, UpdateApi, DeleteApi: AppSync Event APIs (the ``Api`` shape).

An Event API is a second kind of AppSync API beside GraphQL APIs: its id has the same form and
no GraphQL API of the account and region shares it, its ARN is ``<arn prefix>apis/<apiId>`` as
a GraphQL API's, and it answers on two hosts of its own, ``dns`` ``HTTP``
(``<host>.appsync-api.<region>.amazonaws.com``) and ``REALTIME``
(``<host>.appsync-realtime-api.<region>.amazonaws.com``). Its ``eventConfig`` says who may
connect, publish and subscribe; its channel namespaces (``_channel_namespaces``) live in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .._paging import OrderedStore
from .._regions import partition
from .._registry import Call
from .._render import Rendering, render
from .._wire import received
from . import _errors as e
from ._apis import MAX_OWNER_CONTACT, check_next_token, listed
from ._family import wrapped
from ._models import AppSyncBackend, new_ident
from ._tags import check_tags

if TYPE_CHECKING:
    from ._channel_namespaces import ChannelNamespace

__all__ = ["OPERATIONS", "EventApi", "check_auth_modes", "event_api"]

# What an auth provider of each type must carry.
CONFIG_OF = {
    "AMAZON_COGNITO_USER_POOLS": "cognitoConfig",
    "OPENID_CONNECT": "openIDConnectConfig",
    "AWS_LAMBDA": "lambdaAuthorizerConfig",
}
_AUTH_MODES = ("connectionAuthModes", "defaultPublishAuthModes", "defaultSubscribeAuthModes")


@dataclass(slots=True)
class EventApi:
    RENDER: ClassVar[Rendering] = Rendering(always=frozenset({"tags"}))

    api_id: str
    name: str
    api_arn: str
    dns: dict[str, str]
    created: int
    event_config: dict[str, Any]
    owner_contact: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    xray_enabled: bool = False
    waf_web_acl_arn: str | None = None
    namespaces: OrderedStore[ChannelNamespace] = field(default_factory=OrderedStore)
    """By name."""

    def provider_types(self) -> set[str]:
        return {provider["authType"] for provider in self.event_config["authProviders"]}


def event_api(backend: AppSyncBackend, api_id: str) -> EventApi:
    api = backend.event_apis.get(api_id)
    if api is None:
        raise e.not_found(e.EVENT_API_NOT_FOUND.format(api_id=api_id))
    return api


def check_auth_modes(modes: Iterable[Mapping[str, Any]], providers: set[str]) -> None:
    """Every auth mode names a type the API has an auth provider for."""
    for mode in modes:
        if mode["authType"] not in providers:
            raise e.bad_request(e.AUTH_MODE_WITHOUT_PROVIDER.format(type=mode["authType"]))


def _provider(provider: dict[str, Any]) -> dict[str, Any]:
    """An auth provider as AppSync keeps it: its configuration there, unset TTLs read back 0."""
    kind = provider["authType"]
    member = CONFIG_OF.get(kind)
    if member is not None and provider.get(member) is None:
        raise e.bad_request(e.AUTH_PROVIDER_CONFIG_MISSING.format(member=member, type=kind))
    oidc = provider.get("openIDConnectConfig")
    if oidc is not None:
        provider["openIDConnectConfig"] = {"iatTTL": 0, "authTTL": 0, **oidc}
    authorizer = provider.get("lambdaAuthorizerConfig")
    if authorizer is not None:
        provider["lambdaAuthorizerConfig"] = {"authorizerResultTtlInSeconds": 0, **authorizer}
    return provider


def _event_config(params: Mapping[str, Any]) -> dict[str, Any]:
    if params.get("eventConfig") is None:  # optional in older botocore models
        raise e.bad_request(e.EVENT_CONFIG_MISSING)
    config: dict[str, Any] = received(params["eventConfig"])
    config["authProviders"] = [_provider(p) for p in config["authProviders"]]
    providers = {p["authType"] for p in config["authProviders"]}
    for member in _AUTH_MODES:
        check_auth_modes(config[member], providers)
    return config


def _owner_contact(params: Mapping[str, Any]) -> str | None:
    contact: str | None = params.get("ownerContact")
    if contact is not None and len(contact) > MAX_OWNER_CONTACT:
        raise e.bad_request(e.OWNER_CONTACT_TOO_LONG)
    return contact


def create_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    config = _event_config(p)
    contact = _owner_contact(p)
    tags = check_tags(p["tags"], limit=e.RESOURCE_TAG_LIMIT) if p.get("tags") else {}
    api_id = backend.new_api_id(call.ids)
    host = new_ident(call.ids)
    suffix = partition(backend.region)[1]
    api = EventApi(
        api_id=api_id,
        name=p["name"],
        api_arn=f"{backend.arn_prefix()}apis/{api_id}",
        dns={
            "HTTP": f"{host}.appsync-api.{backend.region}.{suffix}",
            "REALTIME": f"{host}.appsync-realtime-api.{backend.region}.{suffix}",
        },
        created=int(call.now),
        event_config=config,
        owner_contact=contact,
        tags=tags,
    )
    backend.event_apis.add(api_id, api)
    return wrapped(api, call)


def get_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(event_api(backend, call.params["apiId"]), call)


def list_apis(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    shape = call.operation.output_shape
    assert shape is not None
    item_shape = shape.members["apis"].member  # type: ignore[attr-defined]
    return listed(
        backend.event_apis, call.params, "apis", lambda api: render(api, item_shape, "appsync")
    )


def update_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = event_api(backend, call.params["apiId"])
    config = _event_config(call.params)
    contact = _owner_contact(call.params)
    # As every AppSync update, it takes the API's settings again: no ownerContact, none kept.
    api.name, api.event_config, api.owner_contact = call.params["name"], config, contact
    return wrapped(api, call)


def delete_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = event_api(backend, call.params["apiId"])
    backend.check_not_associated(api.api_id)
    backend.event_apis.remove(api.api_id)
    return {}


OPERATIONS = {
    "CreateApi": create_api,
    "GetApi": get_api,
    "ListApis": list_apis,
    "UpdateApi": update_api,
    "DeleteApi": delete_api,
}
