"""CreateDomainNameAccessAssociation, GetDomainNameAccessAssociations,
RejectDomainNameAccessAssociation, DeleteDomainNameAccessAssociation: which VPC endpoints may
call a private custom domain name.

An association is named by its ARN,
``arn:aws:apigateway:<region>:<account>:/domainnameaccessassociations/domainname/<name>+<id>/vpcesource/<vpce>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .._regions import partition
from .._registry import Call
from . import _errors as e
from ._domain_names import DomainName
from ._family import IN_BACKEND, Family, render_output
from ._listing import requested
from ._models import ApiGatewayBackend
from ._tags import check_tags

__all__ = ["FAMILY", "OPERATIONS", "DomainNameAccessAssociation"]

_DOMAIN_ARN = re.compile(
    r"arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):([0-9]{12}|):/domainnames/([^/]+)", re.ASCII
)
_VPC_ENDPOINT = re.compile(r"vpce-[0-9a-z]+", re.ASCII)


@dataclass(slots=True)
class DomainNameAccessAssociation:
    domain_name_access_association_arn: str
    domain_name_arn: str
    access_association_source_type: str
    access_association_source: str
    tags: dict[str, str] = field(default_factory=dict)


def private_domain(backend: ApiGatewayBackend, arn: str) -> DomainName:
    """The private domain name of this account and region that ``arn`` names, or AWS's
    error. Domain names of other accounts are never shared with this one: they are unknown."""
    found = _DOMAIN_ARN.fullmatch(arn)
    if found is None or found[1] != partition(backend.region)[0] or found[2] != backend.region:
        raise e.bad_request(e.INVALID_DOMAIN_NAME_ARN.format(arn=arn))
    domain = backend.domain_names.get(found[4])
    if domain is None or found[3] not in ("", backend.account_id):
        raise e.not_found(e.DOMAIN_NAME_NOT_FOUND)
    if domain.domain_name_id is None or domain.domain_name_arn != arn:
        raise e.bad_request(e.DOMAIN_NAME_NOT_PRIVATE)
    return domain


FAMILY: Family[DomainNameAccessAssociation] = Family(
    IN_BACKEND,
    lambda backend: backend.access_associations,
    "domainNameAccessAssociationArn",
    e.ACCESS_ASSOCIATION_NOT_FOUND,
    newest_first=False,
    key="domain_name_access_association_arn",
)


def create_access_association(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    domain = private_domain(backend, p["domainNameArn"])
    source = p["accessAssociationSource"]
    if not _VPC_ENDPOINT.fullmatch(source):
        raise e.bad_request(e.ACCESS_SOURCE_INVALID.format(source=source))
    arn = (
        f"arn:{partition(backend.region)[0]}:apigateway:{backend.region}:{backend.account_id}:"
        f"/domainnameaccessassociations/domainname/{domain.key}/vpcesource/{source}"
    )
    if arn in backend.access_associations:
        raise e.conflict(e.ACCESS_ASSOCIATION_EXISTS)
    association = DomainNameAccessAssociation(
        arn,
        domain.domain_name_arn,
        p["accessAssociationSourceType"],
        source,
        check_tags(p.get("tags") or {}),
    )
    backend.access_associations.add(arn, association)
    return render_output(association, call)


def get_access_associations(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """Associations are this account's own: none are another account's, with its domains."""
    if call.params.get("resourceOwner") == "OTHER_ACCOUNTS":
        requested(call)
        return {"items": []}
    return FAMILY.list(backend, call)


def reject_access_association(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """The owner of the domain name ends an association with it."""
    arn = call.params["domainNameAccessAssociationArn"]
    association = backend.access_associations.get(arn)
    if association is None or association.domain_name_arn != call.params["domainNameArn"]:
        raise e.not_found(e.ACCESS_ASSOCIATION_NOT_FOUND)
    backend.access_associations.remove(arn)
    return {}


OPERATIONS = {
    "CreateDomainNameAccessAssociation": create_access_association,
    "GetDomainNameAccessAssociations": get_access_associations,
    "RejectDomainNameAccessAssociation": reject_access_association,
    **FAMILY.operations(delete="DeleteDomainNameAccessAssociation"),
}
