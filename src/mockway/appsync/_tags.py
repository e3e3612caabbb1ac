"""TagResource, UntagResource, ListTagsForResource; the tag rules CreateGraphqlApi shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._registry import Call
from . import _errors as e
from ._models import AppSyncBackend, GraphqlApi

__all__ = ["OPERATIONS", "check_tags"]

MAX_TAGS = 50
# The model's patterns, kept as written: ``+-=`` is a character range (it takes in digits).
_TAG_KEY = re.compile(r"(?!aws:)[ a-zA-Z+-=._:/]+")
_TAG_VALUE = re.compile(r"[\s\w+-=\.:/@]*")
_ARN = re.compile(
    r"arn:(aws|aws-cn|aws-us-gov):appsync:([A-Za-z0-9_/.-]{0,63}):(\d{12}):apis/([0-9A-Za-z_-]{26})"
)


def check_tags(
    tags: Mapping[str, str], existing: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``existing`` merged with ``tags``, after AppSync's rules for keys, values and count.

    Lengths are the model's and were checked with the rest of the input.
    """
    for key, value in tags.items():
        if not _TAG_KEY.fullmatch(key):
            raise e.bad_request(e.TAG_KEY_INVALID.format(key=key))
        if not _TAG_VALUE.fullmatch(value):
            raise e.bad_request(e.TAG_VALUE_INVALID.format(key=key))
    merged = {**(existing or {}), **tags}
    if len(merged) > MAX_TAGS:
        raise e.bad_request(e.TAG_LIMIT)
    return merged


def _resource(backend: AppSyncBackend, arn: str) -> GraphqlApi:
    match = _ARN.fullmatch(arn)
    if match is None:
        raise e.bad_request(e.INVALID_ARN.format(arn=arn))
    api_id = match.group(4)
    api = backend.apis.get(api_id)
    if api is None or api.arn != arn:
        raise e.not_found(e.API_NOT_FOUND.format(api_id=api_id))
    return api


def tag_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _resource(backend, call.params["resourceArn"])
    api.tags = check_tags(call.params["tags"], api.tags)
    return {}


def untag_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = _resource(backend, call.params["resourceArn"])
    removed = set(call.params["tagKeys"])
    api.tags = {k: v for k, v in api.tags.items() if k not in removed}
    return {}


def list_tags_for_resource(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return {"tags": dict(_resource(backend, call.params["resourceArn"]).tags)}


OPERATIONS = {
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
}
