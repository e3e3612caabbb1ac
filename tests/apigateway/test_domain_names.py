"""Custom domain names: EDGE, REGIONAL and PRIVATE, their certificates, security policies,
mutual TLS, tags and updates, with the messages real AWS gives."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import boto3
import pytest
import time_machine
from builders import ACCOUNT, body, status

from support import expect_error, known_members

T0 = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
T1 = T0 + datetime.timedelta(hours=1)
EDGE_CERT = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555"
WEST_CERT = f"arn:aws:acm:eu-west-1:{ACCOUNT}:certificate/66666666-7777-8888-9999-000000000000"
DISTRIBUTION = re.compile(r"d[a-z0-9]{13}\.cloudfront\.net")
REGIONAL_HOST = re.compile(r"d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com")
DOMAIN_ID = re.compile(r"[a-z0-9]{10}")
NOT_FOUND = ("NotFoundException", "Invalid domain name identifier specified", 404)
REPLACE_PATHS = (
    "[/certificateName, /certificateArn, /regionalCertificateName, /regionalCertificateArn, "
    "/endpointConfiguration/types/<type>, /endpointConfiguration/ipAddressType, "
    "/securityPolicy, /endpointAccessMode, /mutualTlsAuthentication/truststoreUri, "
    "/mutualTlsAuthentication/truststoreVersion, /ownershipVerificationCertificateArn, "
    "/policy, /managementPolicy, /routingMode]"
)


def edge(apigw: Any, name: str = "api.example.com", **extra: Any) -> dict[str, Any]:
    return dict(apigw.create_domain_name(domainName=name, certificateArn=EDGE_CERT, **extra))


def regional(apigw: Any, name: str = "regional.example.com", **extra: Any) -> dict[str, Any]:
    return dict(
        apigw.create_domain_name(
            domainName=name,
            regionalCertificateArn=EDGE_CERT,
            endpointConfiguration={"types": ["REGIONAL"]},
            **extra,
        )
    )


def private(apigw: Any, name: str = "private.example.com", **extra: Any) -> dict[str, Any]:
    return dict(
        apigw.create_domain_name(
            domainName=name,
            certificateArn=EDGE_CERT,
            endpointConfiguration={"types": ["PRIVATE"]},
            **extra,
        )
    )


def replace(path: str, value: str | None = None) -> dict[str, str]:
    op = {"op": "replace", "path": path}
    if value is not None:
        op["value"] = value
    return op


def policies(apigw: Any) -> list[str]:
    return list(apigw.meta.service_model.shape_for("SecurityPolicy").enum)


# -- CreateDomainName, GetDomainName, GetDomainNames, DeleteDomainName -------------------------


def test_edge_lifecycle(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = edge(apigw, certificateName="edge-cert")
    assert status(created) == 201
    assert DISTRIBUTION.fullmatch(created["distributionDomainName"])
    expected = known_members(
        apigw,
        "DomainName",
        {
            "domainName": "api.example.com",
            "domainNameArn": "arn:aws:apigateway:us-east-1::/domainnames/api.example.com",
            "certificateName": "edge-cert",
            "certificateArn": EDGE_CERT,
            "certificateUploadDate": T0,
            "distributionDomainName": created["distributionDomainName"],
            "distributionHostedZoneId": "Z2FDTNDATAQYW2",
            "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "ipv4"},
            "domainNameStatus": "AVAILABLE",
            "securityPolicy": "TLS_1_2",
            "routingMode": "BASE_PATH_MAPPING_ONLY",
        },
    )
    assert body(created) == expected
    assert body(apigw.get_domain_name(domainName="api.example.com")) == expected
    assert apigw.get_domain_names()["items"] == [expected]

    assert status(apigw.delete_domain_name(domainName="api.example.com")) == 202
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_domain_name(domainName="api.example.com")
    assert apigw.get_domain_names()["items"] == []


def test_regional_domain_name_has_its_regions_hostname_and_hosted_zone(apigw: Any) -> None:
    created = regional(apigw, regionalCertificateName="regional-cert")
    assert REGIONAL_HOST.fullmatch(created["regionalDomainName"])
    assert created["regionalHostedZoneId"] == "Z1UJRXOUMOOFQ8"
    assert created["regionalCertificateArn"] == EDGE_CERT
    assert created["regionalCertificateName"] == "regional-cert"
    assert created["endpointConfiguration"]["types"] == ["REGIONAL"]
    for absent in ("distributionDomainName", "distributionHostedZoneId", "certificateArn"):
        assert absent not in created

    west = boto3.client("apigateway", region_name="eu-west-1")
    other = west.create_domain_name(
        domainName="west.example.com",
        regionalCertificateArn=WEST_CERT,
        endpointConfiguration={"types": ["REGIONAL"], "ipAddressType": "dualstack"},
    )
    assert other["regionalHostedZoneId"] == "ZLY8HYME6SFDD"
    assert other["regionalDomainName"].endswith(".execute-api.eu-west-1.amazonaws.com")
    assert other["endpointConfiguration"] == {"types": ["REGIONAL"], "ipAddressType": "dualstack"}
    assert [d["domainName"] for d in apigw.get_domain_names()["items"]] == ["regional.example.com"]


def test_private_domain_name_is_named_by_its_id_too(apigw: Any) -> None:
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke",
                "Resource": ["execute-api:/*"],
            }
        ],
    }
    created = private(apigw, policy=json.dumps(policy, indent=2))
    domain_id = created["domainNameId"]
    assert DOMAIN_ID.fullmatch(domain_id)
    arn = f"arn:aws:apigateway:us-east-1:{ACCOUNT}:/domainnames/private.example.com+{domain_id}"
    execute_arn = arn.replace(":apigateway:", ":execute-api:")
    assert created["domainNameArn"] == arn
    assert created["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}
    assert json.loads(created["policy"])["Statement"][0]["Resource"] == execute_arn
    assert created["policy"] == json.dumps(
        {**policy, "Statement": [{**policy["Statement"][0], "Resource": execute_arn}]},
        separators=(",", ":"),
    )
    assert "distributionDomainName" not in created
    assert "regionalDomainName" not in created

    key = {"domainName": "private.example.com", "domainNameId": domain_id}
    assert body(apigw.get_domain_name(**key)) == body(created)
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_domain_name(domainName="private.example.com")
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_domain_name(domainName="private.example.com", domainNameId="other")
    # A public domain name of the same name is another domain name.
    public = edge(apigw, "private.example.com")
    assert body(apigw.get_domain_name(domainName="private.example.com")) == body(public)
    with expect_error(
        apigw, "BadRequestException", "The domain name you provided already exists.", 400
    ):
        private(apigw)

    assert status(apigw.delete_domain_name(**key)) == 202
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_domain_name(**key)
    assert apigw.get_domain_names()["items"] == [body(public)]


def test_names_are_kept_in_lower_case_and_looked_up_as_given(apigw: Any) -> None:
    assert edge(apigw, "API.Example.com")["domainName"] == "api.example.com"
    apigw.get_domain_name(domainName="api.example.com")
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_domain_name(domainName="API.Example.com")


def test_a_name_is_taken_once(apigw: Any) -> None:
    edge(apigw)
    with expect_error(
        apigw, "BadRequestException", "The domain name you provided already exists.", 400
    ):
        regional(apigw, "api.example.com")
    assert len(apigw.get_domain_names()["items"]) == 1


def test_an_empty_name(apigw: Any) -> None:
    with expect_error(apigw, "BadRequestException", "No Domain Name specified", 400):
        edge(apigw, "")


def test_uploaded_edge_certificate(apigw: Any) -> None:
    created = apigw.create_domain_name(
        domainName="upload.example.com",
        certificateName="uploaded",
        certificateBody="-----BEGIN CERTIFICATE-----",
        certificatePrivateKey="-----BEGIN PRIVATE KEY-----",
        certificateChain="-----BEGIN CERTIFICATE-----",
    )
    assert created["certificateName"] == "uploaded"
    assert "certificateArn" not in created
    assert DISTRIBUTION.fullmatch(created["distributionDomainName"])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "A certificate was not provided for the endpoint type EDGE."),
        (
            {"certificateName": "name only"},
            "A certificate was not provided for the endpoint type EDGE.",
        ),
        (
            {"regionalCertificateArn": EDGE_CERT},
            "A certificate was not provided for the endpoint type EDGE.",
        ),
        (
            {"endpointConfiguration": {"types": ["REGIONAL"]}, "certificateArn": EDGE_CERT},
            "A certificate was not provided for the endpoint type REGIONAL.",
        ),
        (
            {"endpointConfiguration": {"types": ["PRIVATE"]}},
            "A certificate was not provided for the endpoint type PRIVATE.",
        ),
        (
            {"certificateArn": WEST_CERT},
            f"Invalid certificate ARN: {WEST_CERT}. Certificate must be in 'us-east-1'.",
        ),
        (
            {
                "endpointConfiguration": {"types": ["REGIONAL"]},
                "regionalCertificateArn": WEST_CERT,
            },
            f"Invalid certificate ARN: {WEST_CERT}. Certificate must be in 'us-east-1'.",
        ),
        (
            {"certificateArn": EDGE_CERT.replace(ACCOUNT, "111122223333")},
            f"Invalid certificate ARN: {EDGE_CERT.replace(ACCOUNT, '111122223333')}."
            " Cross-account certificate references are not allowed.",
        ),
        (
            {"certificateArn": f"arn:aws:iam::{ACCOUNT}:server-certificate/mine"},
            f"Invalid certificate ARN: arn:aws:iam::{ACCOUNT}:server-certificate/mine",
        ),
        (
            {
                "endpointConfiguration": {"types": ["REGIONAL"]},
                "regionalCertificateName": "uploaded",
                "certificateBody": "-----BEGIN CERTIFICATE-----",
                "certificatePrivateKey": "-----BEGIN PRIVATE KEY-----",
            },
            "Uploading certificates is not supported for REGIONAL.",
        ),
        (
            {"endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}, "certificateArn": EDGE_CERT},
            "Cannot create an api with multiple Endpoint Types.",
        ),
        (
            {"endpointConfiguration": {"types": []}},
            "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.",
        ),
    ],
)
def test_certificates_are_checked(apigw: Any, extra: dict[str, Any], message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_domain_name(domainName="api.example.com", **extra)
    assert apigw.get_domain_names()["items"] == []


def test_a_private_certificate_is_in_the_domain_names_region(apigw: Any) -> None:
    west = boto3.client("apigateway", region_name="eu-west-1")
    with expect_error(
        west,
        "BadRequestException",
        f"Invalid certificate ARN: {EDGE_CERT}. Certificate must be in 'eu-west-1'.",
        400,
    ):
        private(west)
    # An edge certificate is in us-east-1 whatever the domain name's region.
    assert edge(west)["certificateArn"] == EDGE_CERT


@pytest.mark.parametrize(
    ("endpoint_type", "policy", "allowed"),
    [
        ("EDGE", "TLS_1_0", True),
        ("REGIONAL", "TLS_1_0", True),
        ("PRIVATE", "TLS_1_0", False),
        ("PRIVATE", "TLS_1_2", True),
        ("EDGE", "SecurityPolicy_TLS13_2025_EDGE", True),
        ("REGIONAL", "SecurityPolicy_TLS13_2025_EDGE", False),
        ("EDGE", "SecurityPolicy_TLS13_1_3_2025_09", False),
        ("REGIONAL", "SecurityPolicy_TLS13_1_3_2025_09", True),
    ],
)
def test_security_policies_by_endpoint_type(
    apigw: Any, endpoint_type: str, policy: str, allowed: bool
) -> None:
    if policy not in policies(apigw):
        pytest.skip("this botocore does not know the policy")
    params: dict[str, Any] = {
        "domainName": "api.example.com",
        "endpointConfiguration": {"types": [endpoint_type]},
        "securityPolicy": policy,
        "regionalCertificateArn" if endpoint_type == "REGIONAL" else "certificateArn": EDGE_CERT,
    }
    if allowed:
        assert apigw.create_domain_name(**params)["securityPolicy"] == policy
        return
    message = f"Invalid security policy {policy} specified for endpoint type {endpoint_type}"
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_domain_name(**params)


def test_endpoint_access_mode_needs_an_enhanced_policy(apigw: Any) -> None:
    if "SecurityPolicy_TLS13_1_3_2025_09" not in policies(apigw):
        pytest.skip("this botocore does not know enhanced security policies")
    created = regional(
        apigw, securityPolicy="SecurityPolicy_TLS13_1_3_2025_09", endpointAccessMode="STRICT"
    )
    assert created["endpointAccessMode"] == "STRICT"
    message = (
        "endpointAccessMode can only be set for security policies that start with SecurityPolicy_"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        regional(apigw, "other.example.com", endpointAccessMode="BASIC")


def test_mutual_tls(apigw: Any) -> None:
    created = regional(
        apigw,
        mutualTlsAuthentication={
            "truststoreUri": "s3://bucket/truststore.pem",
            "truststoreVersion": "v1",
        },
    )
    mtls = {"truststoreUri": "s3://bucket/truststore.pem", "truststoreVersion": "v1"}
    assert created["mutualTlsAuthentication"] == mtls
    key = {"domainName": "regional.example.com"}
    updated = apigw.update_domain_name(
        **key, patchOperations=[replace("/mutualTlsAuthentication/truststoreVersion", "v2")]
    )
    assert updated["mutualTlsAuthentication"] == {**mtls, "truststoreVersion": "v2"}
    # An empty truststore URI turns mutual TLS off.
    off = apigw.update_domain_name(
        **key, patchOperations=[replace("/mutualTlsAuthentication/truststoreUri", "")]
    )
    assert "mutualTlsAuthentication" not in off


@pytest.mark.parametrize(
    ("create", "message"),
    [
        (
            lambda apigw, mtls: edge(apigw, mutualTlsAuthentication=mtls),
            "Mutual TLS authentication is supported only for REGIONAL domain names",
        ),
        (
            lambda apigw, mtls: regional(
                apigw, mutualTlsAuthentication=mtls, securityPolicy="TLS_1_0"
            ),
            "Mutual TLS authentication is not supported with the TLS_1_0 security policy",
        ),
        (
            lambda apigw, mtls: regional(
                apigw, mutualTlsAuthentication={"truststoreUri": "https://x/y"}
            ),
            "Invalid truststore URI specified: https://x/y. The truststore must be an S3 URI of"
            " the form s3://bucket-name/key-name",
        ),
    ],
)
def test_mutual_tls_refused(apigw: Any, create: Any, message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        create(apigw, {"truststoreUri": "s3://bucket/truststore.pem"})


def test_a_policy_is_for_private_domain_names_only(apigw: Any) -> None:
    with expect_error(
        apigw, "BadRequestException", "Only PRIVATE domain names can have a policy", 400
    ):
        regional(apigw, policy="{}")


def test_tags(apigw: Any) -> None:
    edge(apigw, tags={"team": "a"})
    created = private(apigw, tags={"team": "b"})
    assert apigw.get_domain_name(domainName="api.example.com")["tags"] == {"team": "a"}
    public_arn = "arn:aws:apigateway:us-east-1::/domainnames/api.example.com"
    private_arn = created["domainNameArn"]
    apigw.tag_resource(resourceArn=public_arn, tags={"env": "dev"})
    apigw.tag_resource(resourceArn=private_arn, tags={"env": "prod"})
    assert apigw.get_tags(resourceArn=public_arn)["tags"] == {"team": "a", "env": "dev"}
    assert apigw.get_tags(resourceArn=private_arn)["tags"] == {"team": "b", "env": "prod"}
    apigw.untag_resource(resourceArn=private_arn, tagKeys=["team"])
    key = {"domainName": "private.example.com", "domainNameId": created["domainNameId"]}
    assert apigw.get_domain_name(**key)["tags"] == {"env": "prod"}
    # No tags, no member.
    assert "tags" not in regional(apigw)
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_tags(resourceArn="arn:aws:apigateway:us-east-1::/domainnames/none.example.com")
    for wrong in (
        f"arn:aws:apigateway:us-east-1::/domainnames/private.example.com+{created['domainNameId']}",
        "arn:aws:apigateway:us-east-1:111122223333:/domainnames/api.example.com",
    ):
        with expect_error(
            apigw, "BadRequestException", f"Invalid resource ARN specified: {wrong}", 400
        ):
            apigw.get_tags(resourceArn=wrong)


def test_listing_pages_and_other_accounts(apigw: Any) -> None:
    names = [f"d{i}.example.com" for i in range(3)]
    for name in names:
        edge(apigw, name)
    first = apigw.get_domain_names(limit=2)
    rest = apigw.get_domain_names(position=first["position"])
    assert [d["domainName"] for d in first["items"] + rest["items"]] == names
    assert "position" not in rest
    own = apigw.get_domain_names(resourceOwner="SELF")["items"]
    assert [d["domainName"] for d in own] == names
    assert apigw.get_domain_names(resourceOwner="OTHER_ACCOUNTS")["items"] == []


# -- UpdateDomainName ---------------------------------------------------------------------------


def test_update_names_policy_and_certificates(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        edge(apigw, certificateName="old")
    new_cert = EDGE_CERT.replace("1111", "9999")
    with time_machine.travel(T1, tick=False):
        updated = apigw.update_domain_name(
            domainName="api.example.com",
            patchOperations=[
                replace("/certificateName", "new"),
                replace("/certificateArn", new_cert),
                replace("/securityPolicy", "TLS_1_0"),
            ],
        )
    assert status(updated) == 200
    assert (updated["certificateName"], updated["certificateArn"]) == ("new", new_cert)
    assert updated["securityPolicy"] == "TLS_1_0"
    assert updated["certificateUploadDate"] == T1
    assert body(apigw.get_domain_name(domainName="api.example.com")) == body(updated)


def test_migrating_from_edge_to_regional(apigw: Any) -> None:
    """As AWS's guide does it: add REGIONAL with its certificate, then remove EDGE."""
    created = edge(apigw, certificateName="edge")
    key = {"domainName": "api.example.com"}
    both = apigw.update_domain_name(
        **key,
        patchOperations=[
            {"op": "add", "path": "/endpointConfiguration/types", "value": "REGIONAL"},
            {"op": "add", "path": "/regionalCertificateArn", "value": EDGE_CERT},
        ],
    )
    assert both["endpointConfiguration"]["types"] == ["EDGE", "REGIONAL"]
    assert both["distributionDomainName"] == created["distributionDomainName"]
    assert REGIONAL_HOST.fullmatch(both["regionalDomainName"])
    assert both["regionalHostedZoneId"] == "Z1UJRXOUMOOFQ8"

    regional_only = apigw.update_domain_name(
        **key,
        patchOperations=[
            {"op": "remove", "path": "/endpointConfiguration/types", "value": "EDGE"},
            {"op": "remove", "path": "/certificateName"},
            {"op": "remove", "path": "/certificateArn"},
        ],
    )
    assert regional_only["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert regional_only["regionalDomainName"] == both["regionalDomainName"]
    for gone in ("distributionDomainName", "distributionHostedZoneId", "certificateArn"):
        assert gone not in regional_only

    with expect_error(
        apigw,
        "BadRequestException",
        "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.",
        400,
    ):
        apigw.update_domain_name(
            **key,
            patchOperations=[
                {"op": "remove", "path": "/endpointConfiguration/types", "value": "REGIONAL"}
            ],
        )


def test_replacing_the_endpoint_type_needs_its_certificate(apigw: Any) -> None:
    created = edge(apigw)
    key = {"domainName": "api.example.com"}
    for path in ("/endpointConfiguration/types/0", "/endpointConfiguration/types/EDGE"):
        with expect_error(
            apigw,
            "BadRequestException",
            "A certificate was not provided for the endpoint type REGIONAL.",
            400,
        ):
            apigw.update_domain_name(**key, patchOperations=[replace(path, "REGIONAL")])
    assert body(apigw.get_domain_name(**key)) == body(created)
    moved = apigw.update_domain_name(
        **key,
        patchOperations=[
            replace("/endpointConfiguration/types/0", "REGIONAL"),
            replace("/regionalCertificateArn", EDGE_CERT),
        ],
    )
    assert moved["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert "distributionDomainName" not in moved
    assert REGIONAL_HOST.fullmatch(moved["regionalDomainName"])


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            replace("/domainName", "x"),
            f"Invalid patch path  '/domainName' specified for op 'replace'. Must be one of: "
            f"{REPLACE_PATHS}",
        ),
        (
            {"op": "copy", "path": "/certificateName", "from": "/certificateArn"},
            "Invalid patch path  '/certificateName' specified for op 'copy'. "
            "Please choose supported operations",
        ),
        (replace("/securityPolicy", "TLS_9"), "Invalid security policy specified: TLS_9"),
        (
            replace("/endpointConfiguration/types/0", "OTHER"),
            "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE",
        ),
        (
            {"op": "add", "path": "/endpointConfiguration/types", "value": "EDGE"},
            "Endpoint type EDGE is already configured for this domain name",
        ),
        (
            {"op": "remove", "path": "/endpointConfiguration/types", "value": "REGIONAL"},
            "Endpoint type REGIONAL is not configured for this domain name",
        ),
        (
            {"op": "add", "path": "/endpointConfiguration/types", "value": "PRIVATE"},
            "The endpoint type of a PRIVATE domain name cannot be changed",
        ),
        (
            replace("/endpointConfiguration/ipAddressType", "ipv6"),
            "ipAddressType must be either ipv4 or dualstack.",
        ),
        (replace("/routingMode", "NONE"), "Invalid routing mode specified: NONE"),
        (
            replace("/certificateArn", WEST_CERT),
            f"Invalid certificate ARN: {WEST_CERT}. Certificate must be in 'us-east-1'.",
        ),
        (
            {"op": "remove", "path": "/certificateArn"},
            "A certificate was not provided for the endpoint type EDGE.",
        ),
        (replace("/policy", "{}"), "Only PRIVATE domain names can have a policy"),
        (
            replace("/managementPolicy", "not json"),
            "Invalid policy document. Please check the policy syntax and ensure that Principals"
            " are valid.",
        ),
    ],
)
def test_refused_updates_change_nothing(
    apigw: Any, operation: dict[str, str], message: str
) -> None:
    created = edge(apigw, certificateName="cert")
    key = {"domainName": "api.example.com"}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_domain_name(
            **key, patchOperations=[replace("/certificateName", "changed"), operation]
        )
    assert body(apigw.get_domain_name(**key)) == body(created)


def test_update_private_policies(apigw: Any) -> None:
    created = private(apigw)
    key = {"domainName": "private.example.com", "domainNameId": created["domainNameId"]}
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}
    updated = apigw.update_domain_name(
        **key,
        patchOperations=[
            replace("/policy", json.dumps(document)),
            replace("/managementPolicy", json.dumps(document, indent=1)),
        ],
    )
    assert updated["policy"] == json.dumps(document, separators=(",", ":"))
    if "managementPolicy" in known_members(apigw, "DomainName", {"managementPolicy": 1}):
        assert updated["managementPolicy"] == json.dumps(document, separators=(",", ":"))
    cleared = apigw.update_domain_name(
        **key,
        patchOperations=[
            {"op": "remove", "path": "/policy"},
            {"op": "remove", "path": "/managementPolicy"},
        ],
    )
    assert "policy" not in cleared
    assert "managementPolicy" not in cleared
    with expect_error(apigw, *NOT_FOUND):
        apigw.update_domain_name(domainName="private.example.com", patchOperations=[])


@pytest.mark.parametrize("call", ["get_domain_name", "delete_domain_name", "update_domain_name"])
def test_unknown_domain_name(apigw: Any, call: str) -> None:
    params: dict[str, Any] = {"domainName": "none.example.com"}
    if call == "update_domain_name":
        params["patchOperations"] = [replace("/certificateName", "x")]
    with expect_error(apigw, *NOT_FOUND):
        getattr(apigw, call)(**params)


def test_ownership_certificate_and_routing_mode(apigw: Any) -> None:
    owner = EDGE_CERT.replace("1111", "8888")
    created = regional(
        apigw, ownershipVerificationCertificateArn=owner, routingMode="ROUTING_RULE_ONLY"
    )
    assert created["ownershipVerificationCertificateArn"] == owner
    expected_mode = known_members(apigw, "DomainName", {"routingMode": "ROUTING_RULE_ONLY"})
    assert {k: created[k] for k in expected_mode} == expected_mode
    updated = apigw.update_domain_name(
        domainName="regional.example.com",
        patchOperations=[
            replace("/ownershipVerificationCertificateArn", EDGE_CERT),
            replace("/routingMode", "BASE_PATH_MAPPING_ONLY"),
        ],
    )
    assert updated["ownershipVerificationCertificateArn"] == EDGE_CERT
    assert updated.get("routingMode", "BASE_PATH_MAPPING_ONLY") == "BASE_PATH_MAPPING_ONLY"
    message = f"Invalid certificate ARN: {WEST_CERT}. Certificate must be in 'us-east-1'."
    with expect_error(apigw, "BadRequestException", message, 400):
        regional(apigw, "other.example.com", ownershipVerificationCertificateArn=WEST_CERT)
