"""TagResource, UntagResource, ListTagsForResource; the tag rules every create with tags shares.

Taggable: GraphQL APIs and Event APIs (``apis/<apiId>``), channel namespaces
(``apis/<apiId>/channelNamespace/<name>``) and custom domain names (``domainnames/<name>``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

from .._registry import Call
from . import _errors as e
from ._models import AppSyncBackend

__all__ = ["OPERATIONS", "check_tags"]

MAX_TAGS = 50
# The model's patterns, kept as written: ``+-=`` is a character range (it takes in digits).
_TAG_KEY = re.compile(r"(?!aws:)[ a-zA-Z+-=._:/]+")
_TAG_VALUE = re.compile(r"[\s\w+-=\.:/@]*")
_ARN = re.compile(
    r"arn:(aws|aws-cn|aws-us-gov):appsync:([A-Za-z0-9_/.-]{0,63}):(\d{12}):"
    r"(?:apis/(?P<api>[0-9A-Za-z_-]{26})(?:/channelNamespace/(?P<namespace>[A-Za-z0-9-]+))?"
    r"|domainnames/(?P<domain>[^/\s]+))"
)


class _Taggable(Protocol):
    tags: dict[str, str]


def check_tags(
    tags: Mapping[str, str],
    existing: Mapping[str, str] | None = None,
    *,
    limit: str = e.TAG_LIMIT,
) -> dict[str, str]:
    """``existing`` merged with ``tags``, after AppSync's rules for keys, values and count
    (``limit``: the message for more than 50 tags).

    Lengths are the model's and were checked with the rest of the input.
    """
    for key, value in tags.items():
        if not _TAG_KEY.fullmatch(key):
            raise e.bad_request(e.TAG_KEY_INVALID.format(key=key))
        if not _TAG_VALUE.fullmatch(value):
            raise e.bad_request(e.TAG_VALUE_INVALID.format(key=key))
    merged = {**(existing or {}), **tags}
    if len(merged) > MAX_TAGS:
        raise e.bad_request(limit)
    return merged


def _resource(backend: AppSyncBackend, arn: str) -> tuple[_Taggable, str]:
    """The resource ``arn`` names in this account and region, and its tag limit message; an
    ARN of another account or region names nothing here."""
    from ._domain_names import domain
    from ._event_apis import event_api

    match = _ARN.fullmatch(arn)
    if match is None:
        raise e.bad_request(e.INVALID_ARN.format(arn=arn))
    api_id, namespace, domain_name = match["api"], match["namespace"], match["domain"]
    if domain_name is not None:
        named = domain(backend, domain_name)
        if named.domain_name_arn == arn:
            return named, e.RESOURCE_TAG_LIMIT
        raise e.not_found(e.DOMAIN_NAME_NOT_FOUND.format(name=domain_name))
    if namespace is not None:
        found = event_api(backend, api_id).namespaces.get(namespace)
        if found is not None and found.channel_namespace_arn == arn:
            return found, e.RESOURCE_TAG_LIMIT
        raise e.not_found(e.NAMESPACE_NOT_FOUND.format(name=namespace))
    event = backend.event_apis.get(api_id)
    if event is not None and event.api_arn == arn:
        return event, e.RESOURCE_TAG_LIMIT
    api = backend.apis.get(api_id)
    if api is not None and api.arn == arn:
        return api, e.TAG_LIMIT
    raise e.not_found(e.API_NOT_FOUND.format(api_id=api_id))


def tag_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    resource, limit = _resource(backend, call.params["resourceArn"])
    resource.tags = check_tags(call.params["tags"], resource.tags, limit=limit)
    return {}


def untag_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    resource, _ = _resource(backend, call.params["resourceArn"])
    removed = set(call.params["tagKeys"])
    resource.tags = {k: v for k, v in resource.tags.items() if k not in removed}
    return {}


def list_tags_for_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return {"tags": dict(_resource(backend, call.params["resourceArn"])[0].tags)}


OPERATIONS = {
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
}
