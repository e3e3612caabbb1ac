"""TagResource, UntagResource, GetTags, and the tag rules shared with create calls."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from .._regions import partition
from .._registry import Call
from . import _errors as e
from ._models import ApiGatewayBackend

__all__ = ["ACCOUNT_RESOURCE_PATHS", "OPERATIONS", "RESOURCE_PATHS", "check_tags"]

MAX_TAGS = 50
_TAG_TEXT = re.compile(r"[\w\s.:+=@/-]*")
_ARN = re.compile(r"arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:apigateway:([a-z0-9-]+):([0-9]{12}|):(/.+)")


class Taggable(Protocol):
    tags: dict[str, str]


# Each taggable resource's path in its ARN, and how the backend finds it (or raises its 404).
RESOURCE_PATHS: list[
    tuple[re.Pattern[str], Callable[[ApiGatewayBackend, tuple[str, ...]], Taggable]]
] = [
    (re.compile(r"/apikeys/([^/]+)"), lambda b, ids: b.api_key(ids[0])),
    (re.compile(r"/usageplans/([^/]+)"), lambda b, ids: b.usage_plan(ids[0])),
    (re.compile(r"/restapis/([^/]+)"), lambda b, ids: b.rest_api(ids[0])),
    (re.compile(r"/restapis/([^/]+)/stages/([^/]+)"), lambda b, ids: b.stage(ids[0], ids[1])),
    (re.compile(r"/domainnames/([^/+]+)"), lambda b, ids: _domain_name(b, ids[0])),
    (re.compile(r"/clientcertificates/([^/]+)"), lambda b, ids: _client_certificate(b, ids[0])),
    (re.compile(r"/vpclinks/([^/]+)"), lambda b, ids: _vpc_link(b, ids[0])),
]

# The same for resources whose ARN names the account: private custom domain names and their
# access associations.
ACCOUNT_RESOURCE_PATHS: list[
    tuple[re.Pattern[str], Callable[[ApiGatewayBackend, tuple[str, ...]], Taggable]]
] = [
    (re.compile(r"/domainnames/([^/+]+\+[^/+]+)"), lambda b, ids: _domain_name(b, ids[0])),
    (
        re.compile(r"(/domainnameaccessassociations/domainname/[^/]+/vpcesource/[^/]+)"),
        lambda b, ids: _access_association(b, ids[0]),
    ),
]


def _domain_name(backend: ApiGatewayBackend, key: str) -> Taggable:
    """A custom domain name by its name (a private one's as ``<name>+<id>``)."""
    domain = backend.domain_names.get(key)
    if domain is None:
        raise e.not_found(e.DOMAIN_NAME_NOT_FOUND)
    return domain


def _client_certificate(backend: ApiGatewayBackend, cert_id: str) -> Taggable:
    cert = backend.client_certificates.get(cert_id)
    if cert is None:
        raise e.not_found(e.CLIENT_CERTIFICATE_NOT_FOUND)
    return cert


def _vpc_link(backend: ApiGatewayBackend, link_id: str) -> Taggable:
    link = backend.vpc_links.get(link_id)
    if link is None:
        raise e.not_found(e.VPC_LINK_NOT_FOUND)
    return link


def _access_association(backend: ApiGatewayBackend, path: str) -> Taggable:
    arn = f"arn:{partition(backend.region)[0]}:apigateway:{backend.region}:{backend.account_id}:"
    association = backend.access_associations.get(arn + path)
    if association is None:
        raise e.not_found(e.ACCESS_ASSOCIATION_NOT_FOUND)
    return association


def check_tags(
    tags: Mapping[str, str], existing: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``existing`` merged with ``tags``, after AWS's rules for keys, values and count."""
    for key, value in tags.items():
        if not 1 <= len(key) <= 128 or key.startswith("aws:") or not _TAG_TEXT.fullmatch(key):
            raise e.bad_request(e.TAG_KEY_INVALID.format(key=key))
        if len(value) > 256 or not _TAG_TEXT.fullmatch(value):
            raise e.bad_request(e.TAG_VALUE_INVALID.format(key=key))
    merged = {**(existing or {}), **tags}
    if len(merged) > MAX_TAGS:
        raise e.bad_request(e.TAG_LIMIT)
    return merged


def _resource(backend: ApiGatewayBackend, arn: str) -> Taggable:
    match = _ARN.fullmatch(arn)
    if match is not None and match[1] == backend.region and match[2] in ("", backend.account_id):
        for pattern, find in ACCOUNT_RESOURCE_PATHS if match[2] else RESOURCE_PATHS:
            found = pattern.fullmatch(match[3])
            if found is not None:
                return find(backend, found.groups())
    raise e.bad_request(e.INVALID_ARN.format(arn=arn))


def tag_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    resource = _resource(backend, call.params["resourceArn"])
    resource.tags = check_tags(call.params["tags"], resource.tags)
    return {}


def untag_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    resource = _resource(backend, call.params["resourceArn"])
    resource.tags = {k: v for k, v in resource.tags.items() if k not in call.params["tagKeys"]}
    return {}


def get_tags(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return {"tags": dict(_resource(backend, call.params["resourceArn"]).tags)}


OPERATIONS = {
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "GetTags": get_tags,
}
