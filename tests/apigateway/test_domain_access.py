"""Domain name access associations: which VPC endpoints may call a private custom domain
name."""

from __future__ import annotations

from typing import Any

import pytest
from builders import ACCOUNT, body, status

from support import expect_error

CERT = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555"
NOT_FOUND = (
    "NotFoundException",
    "Invalid domain name access association identifier specified",
    404,
)


@pytest.fixture
def domain(apigw: Any) -> dict[str, Any]:
    return dict(
        apigw.create_domain_name(
            domainName="private.example.com",
            certificateArn=CERT,
            endpointConfiguration={"types": ["PRIVATE"]},
        )
    )


def associate(
    apigw: Any, domain_arn: str, source: str = "vpce-0123456789abcdef0", **extra: Any
) -> dict[str, Any]:
    return dict(
        apigw.create_domain_name_access_association(
            domainNameArn=domain_arn,
            accessAssociationSourceType="VPCE",
            accessAssociationSource=source,
            **extra,
        )
    )


def test_lifecycle(apigw: Any, domain: dict[str, Any]) -> None:
    created = associate(apigw, domain["domainNameArn"])
    assert status(created) == 201
    arn = (
        f"arn:aws:apigateway:us-east-1:{ACCOUNT}:/domainnameaccessassociations/domainname/"
        f"private.example.com+{domain['domainNameId']}/vpcesource/vpce-0123456789abcdef0"
    )
    expected = {
        "domainNameAccessAssociationArn": arn,
        "domainNameArn": domain["domainNameArn"],
        "accessAssociationSourceType": "VPCE",
        "accessAssociationSource": "vpce-0123456789abcdef0",
    }
    assert body(created) == expected
    assert apigw.get_domain_name_access_associations()["items"] == [expected]
    assert apigw.get_domain_name_access_associations(resourceOwner="SELF")["items"] == [expected]
    listed = apigw.get_domain_name_access_associations(resourceOwner="OTHER_ACCOUNTS")
    assert listed["items"] == []

    deleted = apigw.delete_domain_name_access_association(domainNameAccessAssociationArn=arn)
    assert status(deleted) == 202
    assert apigw.get_domain_name_access_associations()["items"] == []
    with expect_error(apigw, *NOT_FOUND):
        apigw.delete_domain_name_access_association(domainNameAccessAssociationArn=arn)


def test_tags(apigw: Any, domain: dict[str, Any]) -> None:
    arn = associate(apigw, domain["domainNameArn"], tags={"team": "a"})[
        "domainNameAccessAssociationArn"
    ]
    assert apigw.get_domain_name_access_associations()["items"][0]["tags"] == {"team": "a"}
    apigw.tag_resource(resourceArn=arn, tags={"env": "dev"})
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "a", "env": "dev"}
    apigw.untag_resource(resourceArn=arn, tagKeys=["team", "env"])
    assert "tags" not in apigw.get_domain_name_access_associations()["items"][0]
    apigw.delete_domain_name_access_association(domainNameAccessAssociationArn=arn)
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_tags(resourceArn=arn)


def test_reject(apigw: Any, domain: dict[str, Any]) -> None:
    arn = associate(apigw, domain["domainNameArn"])["domainNameAccessAssociationArn"]
    other = apigw.create_domain_name(
        domainName="other.example.com",
        certificateArn=CERT,
        endpointConfiguration={"types": ["PRIVATE"]},
    )
    with expect_error(apigw, *NOT_FOUND):
        apigw.reject_domain_name_access_association(
            domainNameAccessAssociationArn=arn, domainNameArn=other["domainNameArn"]
        )
    rejected = apigw.reject_domain_name_access_association(
        domainNameAccessAssociationArn=arn, domainNameArn=domain["domainNameArn"]
    )
    assert status(rejected) == 202
    assert apigw.get_domain_name_access_associations()["items"] == []
    with expect_error(apigw, *NOT_FOUND):
        apigw.reject_domain_name_access_association(
            domainNameAccessAssociationArn=arn, domainNameArn=domain["domainNameArn"]
        )


def test_one_association_per_domain_and_endpoint(apigw: Any, domain: dict[str, Any]) -> None:
    associate(apigw, domain["domainNameArn"])
    with expect_error(
        apigw, "ConflictException", "Domain name access association already exists", 409
    ):
        associate(apigw, domain["domainNameArn"])
    associate(apigw, domain["domainNameArn"], "vpce-other")
    assert len(apigw.get_domain_name_access_associations()["items"]) == 2


def test_listing_pages_in_creation_order(apigw: Any, domain: dict[str, Any]) -> None:
    sources = ["vpce-b", "vpce-a", "vpce-c"]
    for source in sources:
        associate(apigw, domain["domainNameArn"], source)
    first = apigw.get_domain_name_access_associations(limit=2)
    rest = apigw.get_domain_name_access_associations(position=first["position"])
    assert [a["accessAssociationSource"] for a in first["items"] + rest["items"]] == sources


def test_deleting_the_domain_name_deletes_its_associations(
    apigw: Any, domain: dict[str, Any]
) -> None:
    associate(apigw, domain["domainNameArn"])
    apigw.delete_domain_name(domainName="private.example.com", domainNameId=domain["domainNameId"])
    assert apigw.get_domain_name_access_associations()["items"] == []


@pytest.mark.parametrize(
    ("arn", "source", "error"),
    [
        (
            "arn:aws:apigateway:us-east-1::/domainnames/public.example.com",
            "vpce-1",
            (
                "BadRequestException",
                "Domain name access associations can only be created for PRIVATE domain names",
                400,
            ),
        ),
        (
            f"arn:aws:apigateway:us-east-1:{ACCOUNT}:/domainnames/private.example.com+nothere",
            "vpce-1",
            ("NotFoundException", "Invalid domain name identifier specified", 404),
        ),
        (
            "arn:aws:apigateway:us-east-1:111122223333:/domainnames/private.example.com+{id}",
            "vpce-1",
            ("NotFoundException", "Invalid domain name identifier specified", 404),
        ),
        (
            "arn:aws:apigateway:eu-west-1:{account}:/domainnames/private.example.com+{id}",
            "vpce-1",
            (
                "BadRequestException",
                "Invalid domain name ARN specified: arn:aws:apigateway:eu-west-1:{account}:"
                "/domainnames/private.example.com+{id}",
                400,
            ),
        ),
        (
            "not-an-arn",
            "vpce-1",
            ("BadRequestException", "Invalid domain name ARN specified: not-an-arn", 400),
        ),
        (
            "{arn}",
            "sg-12345",
            ("BadRequestException", "Invalid access association source specified: sg-12345", 400),
        ),
    ],
)
def test_create_refused(
    apigw: Any, domain: dict[str, Any], arn: str, source: str, error: tuple[str, str, int]
) -> None:
    apigw.create_domain_name(domainName="public.example.com", certificateArn=CERT)
    names = {"arn": domain["domainNameArn"], "id": domain["domainNameId"], "account": ACCOUNT}
    code, message, status_code = error
    with expect_error(apigw, code, message.format(**names), status_code):
        associate(apigw, arn.format(**names), source)
    assert apigw.get_domain_name_access_associations()["items"] == []
