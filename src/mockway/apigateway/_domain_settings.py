"""What a custom domain name must hold: certificates for its endpoint types, a security policy
they support, mutual TLS, the hostnames API Gateway gives each endpoint type, and policies.

Create and every update end with :func:`check_domain`, so a domain name is only ever stored
whole; the PATCH setters here change a copy and leave the whole-domain rules to it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from botocore.model import StringShape

from .._regions import partition
from .._registry import Call
from . import _errors as e
from ._family import Edit, set_text

if TYPE_CHECKING:
    from .._ids import IdSource
    from ._domain_names import DomainName

__all__ = [
    "DEFAULT_SECURITY_POLICY",
    "EDGE_HOSTED_ZONE",
    "PATCH_PATHS",
    "SETTERS",
    "certificate",
    "check_domain",
    "domain_policy",
    "give_hostname",
    "known_security_policies",
    "truststore",
]

EDGE_HOSTED_ZONE = "Z2FDTNDATAQYW2"
"""CloudFront's hosted zone, the same for every region (AWS's developer guide)."""

# The Route 53 hosted zone of the execute-api domain of each region, as AWS's general reference
# lists them (Amazon API Gateway endpoints and quotas).
REGIONAL_HOSTED_ZONES = {
    "us-east-1": "Z1UJRXOUMOOFQ8",
    "us-east-2": "ZOJJZC49E0EPZ",
    "us-west-1": "Z2MUQ32089INYE",
    "us-west-2": "Z2OJLYMUO9EFXC",
    "af-south-1": "Z2DHW2332DAMTN",
    "ap-east-1": "Z3FD1VL90ND7K5",
    "ap-east-2": "Z02909591O7FG9Q56HWB1",
    "ap-south-1": "Z3VO1THU9YC4UR",
    "ap-south-2": "Z0853509Q1135NJ66RUH",
    "ap-southeast-1": "ZL327KTPIQFUL",
    "ap-southeast-2": "Z2RPCDW04V8134",
    "ap-southeast-3": "Z10132843TYUYSLUG4HA3",
    "ap-southeast-4": "Z092189423Y7RJK61311D",
    "ap-southeast-5": "Z0314042F0KBUTZ3X5HF",
    "ap-southeast-7": "Z048508712PZLK5NKG8R0",
    "ap-northeast-1": "Z1YSHQZHG15GKL",
    "ap-northeast-2": "Z20JF4UZKIW1U8",
    "ap-northeast-3": "Z22ILHG95FLSZ2",
    "ca-central-1": "Z19DQILCV0OWEC",
    "ca-west-1": "Z04745493436AWVTG1OQY",
    "eu-central-1": "Z1U9ULNL0V5AJ3",
    "eu-central-2": "Z09222482MK253X48U76H",
    "eu-north-1": "Z3UWIKFBOOGXPP",
    "eu-south-1": "Z3BT4WSQ9TDYZV",
    "eu-south-2": "Z02499852UI5HEQ5JVWX3",
    "eu-west-1": "ZLY8HYME6SFDD",
    "eu-west-2": "ZJ5UAJN8Y3Z2Q",
    "eu-west-3": "Z3KY65QIEKYHQQ",
    "il-central-1": "Z07264553HBI44N5X2CKP",
    "me-central-1": "Z08780021BKYYY8U0YHTV",
    "me-south-1": "Z20ZBPC0SS8806",
    "mx-central-1": "Z00020171WIGL5M88SHRM",
    "sa-east-1": "ZCMLWB8V5SYIT",
    "us-gov-east-1": "Z3SE9ATJYCRCZJ",
    "us-gov-west-1": "Z1K6XKP9SAGWDV",
}

DEFAULT_SECURITY_POLICY = "TLS_1_2"
ENDPOINT_TYPES = ("REGIONAL", "EDGE", "PRIVATE")
ENDPOINT_ACCESS_MODES = ("BASIC", "STRICT")
ROUTING_MODES = (
    "BASE_PATH_MAPPING_ONLY",
    "ROUTING_RULE_ONLY",
    "ROUTING_RULE_THEN_BASE_PATH_MAPPING",
)
_CERTIFICATE_ARN = re.compile(
    r"arn:(aws[a-z-]*):acm:([a-z0-9-]+):([0-9]{12}):certificate/[A-Za-z0-9/_-]+", re.ASCII
)
_TRUSTSTORE = re.compile(r"s3://[^/\s]+/\S+")


def _security_policies(endpoint_type: str, known: tuple[str, ...]) -> set[str]:
    """The security policies an endpoint type takes, of those the model ``known`` lists."""
    if endpoint_type == "EDGE":
        return {p for p in known if p.endswith("_EDGE")} | {"TLS_1_0", "TLS_1_2"}
    enhanced = {p for p in known if p.startswith("SecurityPolicy_") and not p.endswith("_EDGE")}
    return enhanced | ({"TLS_1_2"} if endpoint_type == "PRIVATE" else {"TLS_1_0", "TLS_1_2"})


def certificate(arn: str, *, region: str, account: str) -> str:
    """An ACM certificate ARN ``arn`` as AWS accepts it: in ``region`` and the caller's
    account, or AWS's 400."""
    found = _CERTIFICATE_ARN.fullmatch(arn)
    if found is None:
        raise e.bad_request(e.INVALID_CERTIFICATE_ARN.format(arn=arn))
    if found[2] != region:
        raise e.bad_request(e.CERTIFICATE_REGION.format(arn=arn, region=region))
    if found[3] != account:
        raise e.bad_request(e.CERTIFICATE_CROSS_ACCOUNT.format(arn=arn))
    return arn


def edge_region(region: str) -> str:
    """Where an edge-optimized domain name's certificate must be: CloudFront's us-east-1 in
    the commercial partition, the domain name's own region elsewhere."""
    return "us-east-1" if partition(region)[0] == "aws" else region


def truststore(uri: str | None) -> str:
    if uri is None or not _TRUSTSTORE.fullmatch(uri):
        raise e.bad_request(e.TRUSTSTORE_URI_INVALID.format(uri=uri))
    return uri


def give_hostname(domain: DomainName, endpoint_type: str, ids: IdSource, region: str) -> None:
    """The hostname and hosted zone AWS gives an endpoint type of a domain name."""
    if endpoint_type == "EDGE":
        domain.distribution_domain_name = f"d{ids.lower_alnum(13)}.cloudfront.net"
        domain.distribution_hosted_zone_id = EDGE_HOSTED_ZONE
    elif endpoint_type == "REGIONAL":
        suffix = partition(region)[1]
        domain.regional_domain_name = f"d-{ids.lower_alnum(10)}.execute-api.{region}.{suffix}"
        domain.regional_hosted_zone_id = REGIONAL_HOSTED_ZONES.get(region)


def _drop_hostname(domain: DomainName, endpoint_type: str) -> None:
    if endpoint_type == "EDGE":
        domain.distribution_domain_name = domain.distribution_hosted_zone_id = None
    elif endpoint_type == "REGIONAL":
        domain.regional_domain_name = domain.regional_hosted_zone_id = None


def domain_policy(text: str | None, execute_arn: str) -> str | None:
    """A private domain name's policy as AWS keeps it: minified, ``execute-api:/*`` spelt out
    as the domain name's execute-api ARN, and a list of one resource as that resource."""
    if not text:
        return None
    document = _policy_document(text)
    statements = document.get("Statement")
    for statement in statements if isinstance(statements, list) else [statements]:
        if isinstance(statement, dict) and "Resource" in statement:
            resource = statement["Resource"]
            listed = resource if isinstance(resource, list) else [resource]
            listed = [execute_arn if r == "execute-api:/*" else r for r in listed]
            statement["Resource"] = listed[0] if len(listed) == 1 else listed
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _policy_document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise e.bad_request(e.INVALID_POLICY) from None
    if not isinstance(document, dict):
        raise e.bad_request(e.INVALID_POLICY)
    return document


def check_domain(domain: DomainName, known_policies: tuple[str, ...]) -> None:
    """What must hold of a whole domain name, created or patched: a certificate for each
    endpoint type, a security policy each supports, mutual TLS on REGIONAL only."""
    types = domain.endpoint_configuration["types"]
    for endpoint_type in types:
        if endpoint_type == "REGIONAL":
            held = domain.regional_certificate_arn is not None
        else:
            held = domain.certificate_arn is not None or domain.uploaded_certificate
        if not held:
            raise e.bad_request(e.NO_CERTIFICATE.format(type=endpoint_type))
    policy = domain.security_policy
    for endpoint_type in types:
        if policy not in _security_policies(endpoint_type, known_policies):
            raise e.bad_request(
                e.SECURITY_POLICY_UNSUPPORTED.format(policy=policy, type=endpoint_type)
            )
    if domain.endpoint_access_mode is not None and not policy.startswith("SecurityPolicy_"):
        raise e.bad_request(e.ENDPOINT_ACCESS_MODE_POLICY)
    if domain.mutual_tls_authentication is not None:
        if types != ["REGIONAL"]:
            raise e.bad_request(e.MTLS_REGIONAL_ONLY)
        if policy == "TLS_1_0":
            raise e.bad_request(e.MTLS_TLS_1_0)
    if types != ["PRIVATE"]:
        policies = (("policy", domain.policy), ("managementPolicy", domain.management_policy))
        for member, value in policies:
            if value is not None:
                raise e.bad_request(e.POLICY_NOT_PRIVATE.format(member=member))


# -- PATCH setters -----------------------------------------------------------------------------


def _set_certificate_arn(edit: Edit[DomainName]) -> None:
    domain, region = edit.item, edit.backend.region
    if edit.op.op == "remove" or not edit.value:
        domain.certificate_arn = None
        return
    types = domain.endpoint_configuration["types"]
    wanted = region if "PRIVATE" in types else edge_region(region)
    domain.certificate_arn = certificate(edit.value, region=wanted, account=edit.backend.account_id)
    domain.certificate_upload_date = int(edit.call.now)


def _set_regional_certificate_arn(edit: Edit[DomainName]) -> None:
    if edit.op.op == "remove" or not edit.value:
        edit.item.regional_certificate_arn = None
        return
    backend = edit.backend
    edit.item.regional_certificate_arn = certificate(
        edit.value, region=backend.region, account=backend.account_id
    )
    edit.item.certificate_upload_date = int(edit.call.now)


def _set_ownership_certificate(edit: Edit[DomainName]) -> None:
    backend = edit.backend
    edit.item.ownership_verification_certificate_arn = (
        certificate(edit.value, region=backend.region, account=backend.account_id)
        if edit.value
        else None
    )


def _endpoint_type(value: str | None) -> str:
    if value not in ENDPOINT_TYPES:
        raise e.bad_request(e.INVALID_ENDPOINT_TYPE)
    return value


def _add_or_remove_type(edit: Edit[DomainName]) -> None:
    """``add`` or ``remove`` on ``/endpointConfiguration/types``: the value names the type;
    a domain name moves between EDGE and REGIONAL by holding both for a while."""
    domain = edit.item
    types: list[str] = domain.endpoint_configuration["types"]
    endpoint_type = _endpoint_type(edit.value)
    if "PRIVATE" in types or endpoint_type == "PRIVATE":
        raise e.bad_request(e.ENDPOINT_TYPE_PRIVATE_FIXED)
    if edit.op.op == "add":
        if endpoint_type in types:
            raise e.bad_request(e.ENDPOINT_TYPE_PRESENT.format(type=endpoint_type))
        types.append(endpoint_type)
        give_hostname(domain, endpoint_type, edit.call.ids, edit.backend.region)
        return
    if endpoint_type not in types:
        raise e.bad_request(e.ENDPOINT_TYPE_ABSENT.format(type=endpoint_type))
    if len(types) == 1:
        raise e.bad_request(e.NO_ENDPOINT_TYPE)
    types.remove(endpoint_type)
    _drop_hostname(domain, endpoint_type)


def _replace_type(edit: Edit[DomainName]) -> None:
    """``replace /endpointConfiguration/types/<i>``: ``<i>`` is the index or the type."""
    domain = edit.item
    types: list[str] = domain.endpoint_configuration["types"]
    named = edit.op.args[0]
    index = int(named) if named.isascii() and named.isdigit() else None
    if index is None and named in types:
        index = types.index(named)
    if index is None or index >= len(types):
        raise e.bad_request(e.ENDPOINT_TYPE_ABSENT.format(type=named))
    endpoint_type = _endpoint_type(edit.value)
    if endpoint_type == types[index]:
        return
    if "PRIVATE" in types or endpoint_type == "PRIVATE":
        raise e.bad_request(e.ENDPOINT_TYPE_PRIVATE_FIXED)
    if endpoint_type in types:
        raise e.bad_request(e.ENDPOINT_TYPE_PRESENT.format(type=endpoint_type))
    _drop_hostname(domain, types[index])
    types[index] = endpoint_type
    give_hostname(domain, endpoint_type, edit.call.ids, edit.backend.region)


def _set_ip_address_type(edit: Edit[DomainName]) -> None:
    endpoint = edit.item.endpoint_configuration
    if edit.value not in ("ipv4", "dualstack"):
        raise e.bad_request(e.INVALID_IP_ADDRESS_TYPE)
    if endpoint["types"] == ["PRIVATE"] and edit.value == "ipv4":
        raise e.bad_request(e.PRIVATE_NOT_DUALSTACK)
    endpoint["ipAddressType"] = edit.value


def known_security_policies(call: Call) -> tuple[str, ...]:
    """The security policies the caller's model knows."""
    shape = call.operation.service_model.shape_for("SecurityPolicy")
    assert isinstance(shape, StringShape)
    return tuple(shape.enum)


def _choice(attribute: str, allowed: tuple[str, ...] | None, invalid: str) -> Any:
    def setter(edit: Edit[DomainName]) -> None:
        values = allowed or known_security_policies(edit.call)
        if edit.value not in values:
            raise e.bad_request(invalid.format(value=edit.value))
        setattr(edit.item, attribute, edit.value)

    return setter


def _set_truststore_uri(edit: Edit[DomainName]) -> None:
    """An empty URI turns mutual TLS off, as AWS's guide says to."""
    if not edit.value:
        edit.item.mutual_tls_authentication = None
        return
    mtls = edit.item.mutual_tls_authentication or {}
    mtls["truststoreUri"] = truststore(edit.value)
    edit.item.mutual_tls_authentication = mtls


def _set_truststore_version(edit: Edit[DomainName]) -> None:
    mtls = edit.item.mutual_tls_authentication
    if mtls is None:
        raise e.bad_request(e.TRUSTSTORE_URI_INVALID.format(uri=None))
    if edit.value:
        mtls["truststoreVersion"] = edit.value
    else:
        mtls.pop("truststoreVersion", None)


def _set_policy(edit: Edit[DomainName]) -> None:
    value = None if edit.op.op == "remove" else edit.value
    edit.item.policy = domain_policy(value, edit.item.execute_arn)


def _set_management_policy(edit: Edit[DomainName]) -> None:
    value = None if edit.op.op == "remove" else edit.value
    document = _policy_document(value) if value else None
    edit.item.management_policy = (
        None if document is None else json.dumps(document, separators=(",", ":"))
    )


SETTERS = {
    "/certificateName": set_text("certificate_name"),
    "/certificateArn": _set_certificate_arn,
    "/regionalCertificateName": set_text("regional_certificate_name"),
    "/regionalCertificateArn": _set_regional_certificate_arn,
    "/endpointConfiguration/types": _add_or_remove_type,
    "/endpointConfiguration/types/<type>": _replace_type,
    "/endpointConfiguration/ipAddressType": _set_ip_address_type,
    "/securityPolicy": _choice("security_policy", None, e.INVALID_SECURITY_POLICY),
    "/endpointAccessMode": _choice(
        "endpoint_access_mode", ENDPOINT_ACCESS_MODES, e.INVALID_ENDPOINT_ACCESS_MODE
    ),
    "/routingMode": _choice("routing_mode", ROUTING_MODES, e.INVALID_ROUTING_MODE),
    "/mutualTlsAuthentication/truststoreUri": _set_truststore_uri,
    "/mutualTlsAuthentication/truststoreVersion": _set_truststore_version,
    "/ownershipVerificationCertificateArn": _set_ownership_certificate,
    "/policy": _set_policy,
    "/managementPolicy": _set_management_policy,
}

_CERTIFICATES = [
    "/certificateName",
    "/certificateArn",
    "/regionalCertificateName",
    "/regionalCertificateArn",
]
PATCH_PATHS = {
    "add": ["/endpointConfiguration/types", *_CERTIFICATES],
    "remove": ["/endpointConfiguration/types", *_CERTIFICATES, "/policy", "/managementPolicy"],
    "replace": [
        *_CERTIFICATES,
        "/endpointConfiguration/types/<type>",
        "/endpointConfiguration/ipAddressType",
        "/securityPolicy",
        "/endpointAccessMode",
        "/mutualTlsAuthentication/truststoreUri",
        "/mutualTlsAuthentication/truststoreVersion",
        "/ownershipVerificationCertificateArn",
        "/policy",
        "/managementPolicy",
        "/routingMode",
    ],
}
