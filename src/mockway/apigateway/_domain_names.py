"""CreateDomainName, GetDomainName, GetDomainNames, UpdateDomainName, DeleteDomainName.

A custom domain name is public (EDGE or REGIONAL, named by its name) or PRIVATE (named by its
name and the ``domainNameId`` API Gateway gives it). It holds its base path mappings, so the
mappings of ``https://<domain>/<basePath>/...`` are one lookup away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._paging import OrderedStore
from .._patch import PatchRules
from .._regions import partition
from .._registry import Call
from . import _errors as e
from ._domain_settings import (
    DEFAULT_SECURITY_POLICY,
    PATCH_PATHS,
    SETTERS,
    certificate,
    check_domain,
    domain_policy,
    edge_region,
    give_hostname,
    known_security_policies,
    truststore,
)
from ._family import IN_BACKEND, Family, render_output
from ._listing import requested
from ._models import ApiGatewayBackend
from ._rest_apis import endpoint_configuration
from ._tags import check_tags

if TYPE_CHECKING:
    from ._base_path_mappings import BasePathMapping

__all__ = ["FAMILY", "OPERATIONS", "DomainName", "domain_key"]

DOMAIN_NAME_ID_LENGTH = 10
DEFAULT_ROUTING_MODE = "BASE_PATH_MAPPING_ONLY"


@dataclass(slots=True)
class DomainName:
    domain_name: str
    domain_name_arn: str
    execute_arn: str
    """The ARN a private domain name's policy names it by."""
    endpoint_configuration: dict[str, Any]
    certificate_upload_date: int
    domain_name_id: str | None = None
    certificate_name: str | None = None
    certificate_arn: str | None = None
    uploaded_certificate: bool = False
    """An edge certificate given by its body rather than by ACM ARN."""
    regional_domain_name: str | None = None
    regional_hosted_zone_id: str | None = None
    regional_certificate_name: str | None = None
    regional_certificate_arn: str | None = None
    distribution_domain_name: str | None = None
    distribution_hosted_zone_id: str | None = None
    domain_name_status: str = "AVAILABLE"
    security_policy: str = DEFAULT_SECURITY_POLICY
    endpoint_access_mode: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    mutual_tls_authentication: dict[str, Any] | None = None
    ownership_verification_certificate_arn: str | None = None
    management_policy: str | None = None
    policy: str | None = None
    routing_mode: str = DEFAULT_ROUTING_MODE
    mappings: OrderedStore[BasePathMapping] = field(default_factory=OrderedStore)
    """Base path mappings by base path, ``(none)`` for the empty one."""

    @property
    def key(self) -> str:
        """What the backend keeps the domain name by: its name, and a private one's id."""
        if self.domain_name_id is None:
            return self.domain_name
        return f"{self.domain_name}+{self.domain_name_id}"


def domain_key(params: Mapping[str, Any]) -> str:
    """The key of the domain name a call names by ``domainName`` and ``domainNameId``."""
    domain_id = params.get("domainNameId")
    return f"{params['domainName']}+{domain_id}" if domain_id else str(params["domainName"])


def _check(backend: ApiGatewayBackend, call: Call, parent: Any, domain: DomainName) -> None:
    check_domain(domain, known_security_policies(call))


def _forget_associations(
    backend: ApiGatewayBackend, call: Call, parent: Any, domain: DomainName
) -> None:
    """A deleted private domain name takes its access associations along."""
    if domain.domain_name_id is None:
        return
    for association in list(backend.access_associations.values()):
        if association.domain_name_arn == domain.domain_name_arn:
            backend.access_associations.remove(association.domain_name_access_association_arn)


class _DomainNames(Family[DomainName]):
    def locate(self, backend: ApiGatewayBackend, call: Call) -> tuple[Any, DomainName]:
        domain = backend.domain_names.get(domain_key(call.params))
        if domain is None:
            raise e.not_found(e.DOMAIN_NAME_NOT_FOUND)
        return backend, domain


FAMILY = _DomainNames(
    IN_BACKEND,
    lambda backend: backend.domain_names,
    "domainName",
    e.DOMAIN_NAME_NOT_FOUND,
    patch=PatchRules(PATCH_PATHS),
    setters=SETTERS,
    check=_check,
    on_delete=_forget_associations,
    newest_first=False,
    key="key",
)


def _new_domain(backend: ApiGatewayBackend, call: Call, name: str, types: list[str]) -> DomainName:
    """An empty domain name of ``types``, named and given its ARNs."""
    arn_partition = partition(backend.region)[0]
    prefix = f"arn:{arn_partition}:apigateway:{backend.region}"
    execute = f"arn:{arn_partition}:execute-api:{backend.region}:{backend.account_id}"
    if types != ["PRIVATE"]:
        path = f"/domainnames/{name}"
        return DomainName(name, f"{prefix}::{path}", execute + ":" + path, {}, int(call.now))
    while True:
        domain_id = call.ids.lower_alnum(DOMAIN_NAME_ID_LENGTH)
        if f"{name}+{domain_id}" not in backend.domain_names:
            break
    path = f"/domainnames/{name}+{domain_id}"
    arn = f"{prefix}:{backend.account_id}:{path}"
    return DomainName(name, arn, f"{execute}:{path}", {}, int(call.now), domain_id)


def _taken(backend: ApiGatewayBackend, name: str, private: bool) -> bool:
    if not private:
        return name in backend.domain_names
    return any(
        d.domain_name == name and d.domain_name_id is not None
        for d in backend.domain_names.values()
    )


def create_domain_name(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    name = p["domainName"].lower()
    if not name:
        raise e.bad_request(e.DOMAIN_NAME_EMPTY)
    endpoint = endpoint_configuration(p.get("endpointConfiguration"))
    endpoint.pop("vpcEndpointIds", None)
    types: list[str] = endpoint["types"]
    if _taken(backend, name, types == ["PRIVATE"]):
        raise e.bad_request(e.DOMAIN_NAME_EXISTS)
    if p.get("certificateBody") is not None and types != ["EDGE"]:
        raise e.bad_request(e.CERTIFICATE_UPLOAD.format(type=types[0]))
    domain = _new_domain(backend, call, name, types)
    domain.endpoint_configuration = endpoint
    _certificates(backend, call, domain)
    domain.security_policy = p.get("securityPolicy") or DEFAULT_SECURITY_POLICY
    domain.endpoint_access_mode = p.get("endpointAccessMode") or None
    mtls = p.get("mutualTlsAuthentication")
    if mtls is not None:
        domain.mutual_tls_authentication = {"truststoreUri": truststore(mtls.get("truststoreUri"))}
        if mtls.get("truststoreVersion"):
            domain.mutual_tls_authentication["truststoreVersion"] = mtls["truststoreVersion"]
    domain.policy = domain_policy(p.get("policy"), domain.execute_arn)
    domain.routing_mode = p.get("routingMode") or DEFAULT_ROUTING_MODE
    domain.tags = check_tags(p.get("tags") or {})
    for endpoint_type in types:
        give_hostname(domain, endpoint_type, call.ids, backend.region)
    check_domain(domain, known_security_policies(call))
    backend.domain_names.add(domain.key, domain)
    return render_output(domain, call)


def _certificates(backend: ApiGatewayBackend, call: Call, domain: DomainName) -> None:
    """The certificates a create names, each checked where its endpoint type needs it; those
    for endpoint types the domain name does not have are not kept."""
    p, region, account = call.params, backend.region, backend.account_id
    types = domain.endpoint_configuration["types"]
    if "REGIONAL" in types:
        if p.get("regionalCertificateArn"):
            domain.regional_certificate_arn = certificate(
                p["regionalCertificateArn"], region=region, account=account
            )
        domain.regional_certificate_name = p.get("regionalCertificateName") or None
    if "EDGE" in types or "PRIVATE" in types:
        if p.get("certificateArn"):
            wanted = region if "PRIVATE" in types else edge_region(region)
            domain.certificate_arn = certificate(
                p["certificateArn"], region=wanted, account=account
            )
        domain.certificate_name = p.get("certificateName") or None
        domain.uploaded_certificate = p.get("certificateBody") is not None
    if p.get("ownershipVerificationCertificateArn"):
        domain.ownership_verification_certificate_arn = certificate(
            p["ownershipVerificationCertificateArn"], region=region, account=account
        )


def get_domain_names(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """Domain names of other accounts are never shared with this one: none are listed."""
    if call.params.get("resourceOwner") == "OTHER_ACCOUNTS":
        requested(call)
        return {"items": []}
    return FAMILY.list(backend, call)


OPERATIONS = {
    "CreateDomainName": create_domain_name,
    "GetDomainNames": get_domain_names,
    **FAMILY.operations(get="GetDomainName", update="UpdateDomainName", delete="DeleteDomainName"),
}
