"""CreateDomainName, GetDomainName, ListDomainNames, UpdateDomainName, DeleteDomainName;
AssociateApi, DisassociateApi, GetApiAssociation.

Custom domain names belong to the account and region, not to an API. AppSync serves one through
a CloudFront distribution: ``appsyncDomainName`` is the distribution's host name and
``hostedZoneId`` CloudFront's hosted zone. A domain name serves at most one API (a GraphQL API
or an Event API); an API may be served by several domain names. An association is PROCESSING in
AssociateApi's own answer and SUCCESS from the next call on, as for API caches.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .._registry import Call
from .._render import Rendering, render
from . import _errors as e
from ._apis import check_next_token, listed
from ._family import wrapped
from ._models import AppSyncBackend
from ._tags import check_tags

__all__ = ["OPERATIONS", "ApiAssociation", "DomainName"]

CLOUDFRONT_HOSTED_ZONE = "Z2FDTNDATAQYW2"
# The model's pattern (SERVICE.patterns checks it first) cut into the parts AppSync checks.
_CERTIFICATE = re.compile(r"arn:[a-z-]*:(acm|iam):([a-z0-9-]*):(\d{12}):.*")
CERTIFICATE_REGION = "us-east-1"


@dataclass(slots=True)
class ApiAssociation:
    domain_name: str
    api_id: str
    association_status: str = "SUCCESS"


@dataclass(slots=True)
class DomainName:
    RENDER: ClassVar[Rendering] = Rendering(always=frozenset({"tags"}))

    domain_name: str
    certificate_arn: str
    appsync_domain_name: str
    hosted_zone_id: str
    domain_name_arn: str
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    association: ApiAssociation | None = None


def _check_certificate(arn: str, account_id: str) -> None:
    """A certificate CloudFront can serve for this account: an ACM certificate of us-east-1 or
    an IAM server certificate, of the caller's account."""
    matched = _CERTIFICATE.fullmatch(arn)
    if matched is None or matched[3] != account_id:
        raise e.bad_request(e.CERTIFICATE_INVALID)
    if matched[1] == "acm" and matched[2] != CERTIFICATE_REGION:
        raise e.bad_request(e.CERTIFICATE_NOT_IN_US_EAST_1)


def domain(backend: AppSyncBackend, name: str) -> DomainName:
    found = backend.domain_names.get(name)
    if found is None:
        raise e.not_found(e.DOMAIN_NAME_NOT_FOUND.format(name=name))
    return found


def create_domain_name(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    name = p["domainName"]
    _check_certificate(p["certificateArn"], call.account_id)
    tags = check_tags(p["tags"], limit=e.RESOURCE_TAG_LIMIT) if p.get("tags") else {}
    if name in backend.domain_names:
        raise e.bad_request(e.DOMAIN_NAME_EXISTS.format(name=name))
    created = DomainName(
        domain_name=name,
        certificate_arn=p["certificateArn"],
        appsync_domain_name=f"d{call.ids.lower_alnum(13)}.cloudfront.net",
        hosted_zone_id=CLOUDFRONT_HOSTED_ZONE,
        domain_name_arn=f"{backend.arn_prefix()}domainnames/{name}",
        description=p.get("description"),
        tags=tags,
    )
    backend.domain_names.add(name, created)
    return wrapped(created, call)


def get_domain_name(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(domain(backend, call.params["domainName"]), call)


def list_domain_names(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    shape = call.operation.output_shape
    assert shape is not None
    item_shape = shape.members["domainNameConfigs"].member  # type: ignore[attr-defined]
    return listed(
        backend.domain_names,
        call.params,
        "domainNameConfigs",
        lambda item: render(item, item_shape, "appsync"),
    )


def update_domain_name(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    found = domain(backend, call.params["domainName"])
    # As every AppSync update, it takes what it can change again: no description, none kept.
    found.description = call.params.get("description")
    return wrapped(found, call)


def delete_domain_name(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    found = domain(backend, call.params["domainName"])
    if found.association is not None:
        raise e.bad_request(e.DOMAIN_STILL_ASSOCIATED)
    backend.domain_names.remove(found.domain_name)
    return {}


def _check_api(backend: AppSyncBackend, api_id: str) -> None:
    """The API a domain name is to serve: a public GraphQL API or an Event API."""
    if api_id in backend.event_apis:
        return
    if backend.api(api_id).visibility == "PRIVATE":
        raise e.bad_request(e.PRIVATE_API_DOMAIN)


def _forget(backend: AppSyncBackend, association: ApiAssociation) -> None:
    served = backend.api_domains.get(association.api_id)
    if served is not None:
        served.discard(association.domain_name)
        if not served:
            del backend.api_domains[association.api_id]


def associate_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    found = domain(backend, call.params["domainName"])
    api_id = call.params["apiId"]
    _check_api(backend, api_id)
    if found.association is not None:
        _forget(backend, found.association)
    found.association = ApiAssociation(found.domain_name, api_id)
    backend.api_domains.setdefault(api_id, set()).add(found.domain_name)
    return wrapped(dataclasses.replace(found.association, association_status="PROCESSING"), call)


def _association(backend: AppSyncBackend, call: Call) -> tuple[DomainName, ApiAssociation]:
    found = domain(backend, call.params["domainName"])
    if found.association is None:
        raise e.not_found(e.DOMAIN_NOT_ASSOCIATED.format(name=found.domain_name))
    return found, found.association


def get_api_association(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(_association(backend, call)[1], call)


def disassociate_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    found, association = _association(backend, call)
    _forget(backend, association)
    found.association = None
    return {}


OPERATIONS = {
    "CreateDomainName": create_domain_name,
    "GetDomainName": get_domain_name,
    "ListDomainNames": list_domain_names,
    "UpdateDomainName": update_domain_name,
    "DeleteDomainName": delete_domain_name,
    "AssociateApi": associate_api,
    "DisassociateApi": disassociate_api,
    "GetApiAssociation": get_api_association,
}
