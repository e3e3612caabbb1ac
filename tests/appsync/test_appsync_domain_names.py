"""Custom domain names and the API each one serves."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from appsync_support import ACCOUNT, REGION

from support import expect_error

DOMAIN = "orders.api.example.com"
CERTIFICATE = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/0c4d2b5e-97a4-4b8e-8f2c-1a2b3c4d5e6f"
EVENT_CONFIG = {
    "authProviders": [{"authType": "API_KEY"}],
    "connectionAuthModes": [{"authType": "API_KEY"}],
    "defaultPublishAuthModes": [{"authType": "API_KEY"}],
    "defaultSubscribeAuthModes": [{"authType": "API_KEY"}],
}


def create(appsync: Any, name: str = DOMAIN, **extra: Any) -> dict[str, Any]:
    config: dict[str, Any] = appsync.create_domain_name(
        domainName=name, certificateArn=CERTIFICATE, **extra
    )["domainNameConfig"]
    return config


@pytest.fixture
def api_id(appsync: Any) -> str:
    api = appsync.create_graphql_api(name="served", authenticationType="API_KEY")
    return str(api["graphqlApi"]["apiId"])


def test_lifecycle(appsync: Any) -> None:
    created = create(appsync)
    assert re.fullmatch(r"d[a-z0-9]{13}\.cloudfront\.net", created["appsyncDomainName"])
    expected = {
        "domainName": DOMAIN,
        "certificateArn": CERTIFICATE,
        "appsyncDomainName": created["appsyncDomainName"],
        "hostedZoneId": "Z2FDTNDATAQYW2",
        "tags": {},
        "domainNameArn": f"arn:aws:appsync:{REGION}:{ACCOUNT}:domainnames/{DOMAIN}",
    }
    assert created == expected
    assert appsync.get_domain_name(domainName=DOMAIN)["domainNameConfig"] == expected
    assert appsync.list_domain_names()["domainNameConfigs"] == [expected]

    updated = appsync.update_domain_name(domainName=DOMAIN, description="orders")
    assert updated["domainNameConfig"] == {**expected, "description": "orders"}
    assert appsync.get_domain_name(domainName=DOMAIN)["domainNameConfig"]["description"] == (
        "orders"
    )
    # An update takes the description again: without one, none is kept.
    cleared = appsync.update_domain_name(domainName=DOMAIN)["domainNameConfig"]
    assert cleared == expected

    assert set(appsync.delete_domain_name(domainName=DOMAIN)) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", f"Domain name {DOMAIN} not found.", 404):
        appsync.get_domain_name(domainName=DOMAIN)
    assert appsync.list_domain_names()["domainNameConfigs"] == []


def test_description_and_tags_at_creation(appsync: Any) -> None:
    created = create(appsync, description="public", tags={"team": "orders"})
    assert created["description"] == "public"
    assert created["tags"] == {"team": "orders"}
    arn = created["domainNameArn"]
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "orders"}
    appsync.tag_resource(resourceArn=arn, tags={"env": "prod"})
    appsync.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert appsync.get_domain_name(domainName=DOMAIN)["domainNameConfig"]["tags"] == {"env": "prod"}


def test_wildcard_domains_and_iam_server_certificates(appsync: Any) -> None:
    certificate = f"arn:aws:iam::{ACCOUNT}:server-certificate/orders"
    created = appsync.create_domain_name(domainName="*.example.com", certificateArn=certificate)
    assert created["domainNameConfig"]["certificateArn"] == certificate


def test_a_domain_name_is_taken_once(appsync: Any) -> None:
    create(appsync, description="first")
    with expect_error(appsync, "BadRequestException", f"Domain name {DOMAIN} already exists.", 400):
        create(appsync)
    assert appsync.get_domain_name(domainName=DOMAIN)["domainNameConfig"]["description"] == (
        "first"
    )


@pytest.mark.parametrize(
    ("certificate", "message"),
    [
        (
            f"arn:aws:acm:eu-west-1:{ACCOUNT}:certificate/0c4d2b5e",
            "Certificate must be in us-east-1.",
        ),
        ("arn:aws:acm:us-east-1:210987654321:certificate/0c4d2b5e", "Certificate is invalid."),
    ],
)
def test_certificates_cloudfront_cannot_use(appsync: Any, certificate: str, message: str) -> None:
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_domain_name(domainName=DOMAIN, certificateArn=certificate)
    assert appsync.list_domain_names()["domainNameConfigs"] == []


def test_names_and_certificate_arns_follow_the_model(appsync: Any) -> None:
    message = (
        "1 validation error detected: Value 'not-an-arn-at-all-really' at"
        " 'createDomainNameInput.certificateArn' failed to satisfy constraint: Member must"
        " satisfy regular expression pattern: ^arn:[a-z-]*:(acm|iam):[a-z0-9-]*:\\d{12}:"
        "(certificate|server-certificate)/[0-9A-Za-z_/-]*$"
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_domain_name(domainName=DOMAIN, certificateArn="not-an-arn-at-all-really")
    message = (
        "1 validation error detected: Value 'localhost' at 'domainName' failed to satisfy"
        " constraint: Member must satisfy regular expression pattern:"
        " ^(\\*[\\w\\d-]*\\.)?([\\w\\d-]+\\.)+[\\w\\d-]+$"
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.get_domain_name(domainName="localhost")


def test_unknown_domain_names(appsync: Any) -> None:
    message = f"Domain name {DOMAIN} not found."
    for call in (
        lambda: appsync.get_domain_name(domainName=DOMAIN),
        lambda: appsync.update_domain_name(domainName=DOMAIN, description="d"),
        lambda: appsync.delete_domain_name(domainName=DOMAIN),
        lambda: appsync.associate_api(domainName=DOMAIN, apiId="a" * 26),
        lambda: appsync.get_api_association(domainName=DOMAIN),
        lambda: appsync.disassociate_api(domainName=DOMAIN),
    ):
        with expect_error(appsync, "NotFoundException", message, 404):
            call()


def test_list_pages_oldest_first(appsync: Any) -> None:
    names = [f"api{index}.example.com" for index in range(3)]
    for name in names:
        create(appsync, name)
    first = appsync.list_domain_names(maxResults=2)
    rest = appsync.list_domain_names(nextToken=first["nextToken"])
    listed = [d["domainName"] for d in first["domainNameConfigs"] + rest["domainNameConfigs"]]
    assert listed == names
    assert "nextToken" not in rest
    with expect_error(appsync, "BadRequestException", "Invalid pagination token given.", 400):
        appsync.list_domain_names(nextToken="made-up")


def test_domain_names_belong_to_a_region(appsync: Any) -> None:
    create(appsync)
    other = boto3.client("appsync", region_name="eu-west-1")
    assert other.list_domain_names()["domainNameConfigs"] == []


def test_association_is_processing_then_success(appsync: Any, api_id: str) -> None:
    create(appsync)
    associated = appsync.associate_api(domainName=DOMAIN, apiId=api_id)["apiAssociation"]
    assert associated == {
        "domainName": DOMAIN,
        "apiId": api_id,
        "associationStatus": "PROCESSING",
    }
    assert appsync.get_api_association(domainName=DOMAIN)["apiAssociation"] == {
        "domainName": DOMAIN,
        "apiId": api_id,
        "associationStatus": "SUCCESS",
    }


def test_associating_again_moves_the_domain_to_another_api(appsync: Any, api_id: str) -> None:
    create(appsync)
    appsync.associate_api(domainName=DOMAIN, apiId=api_id)
    other = appsync.create_graphql_api(name="next", authenticationType="API_KEY")["graphqlApi"]
    appsync.associate_api(domainName=DOMAIN, apiId=other["apiId"])
    assert (
        appsync.get_api_association(domainName=DOMAIN)["apiAssociation"]["apiId"]
        == (other["apiId"])
    )
    # The first API no longer has a domain: it can be deleted.
    appsync.delete_graphql_api(apiId=api_id)


def test_disassociate(appsync: Any, api_id: str) -> None:
    create(appsync)
    appsync.associate_api(domainName=DOMAIN, apiId=api_id)
    assert set(appsync.disassociate_api(domainName=DOMAIN)) == {"ResponseMetadata"}
    message = f"Domain name {DOMAIN} is not associated with an API."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_api_association(domainName=DOMAIN)
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.disassociate_api(domainName=DOMAIN)


def test_what_an_association_can_serve(appsync: Any) -> None:
    create(appsync)
    with expect_error(appsync, "NotFoundException", "GraphQL API missing not found.", 404):
        appsync.associate_api(domainName=DOMAIN, apiId="missing")
    private = appsync.create_graphql_api(
        name="private", authenticationType="API_KEY", visibility="PRIVATE"
    )["graphqlApi"]
    message = "Private APIs can not be associated with custom domains."
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.associate_api(domainName=DOMAIN, apiId=private["apiId"])
    nothing = f"Domain name {DOMAIN} is not associated with an API."
    with expect_error(appsync, "NotFoundException", nothing, 404):
        appsync.get_api_association(domainName=DOMAIN)
    event = appsync.create_api(name="events", eventConfig=EVENT_CONFIG)["api"]
    associated = appsync.associate_api(domainName=DOMAIN, apiId=event["apiId"])
    assert associated["apiAssociation"]["apiId"] == event["apiId"]


def test_an_associated_domain_cannot_be_deleted(appsync: Any, api_id: str) -> None:
    create(appsync)
    appsync.associate_api(domainName=DOMAIN, apiId=api_id)
    message = "Domain name must be disassociated before it can be deleted."
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.delete_domain_name(domainName=DOMAIN)
    appsync.disassociate_api(domainName=DOMAIN)
    appsync.delete_domain_name(domainName=DOMAIN)


def test_an_api_a_domain_serves_cannot_be_deleted(appsync: Any, api_id: str) -> None:
    create(appsync)
    event = appsync.create_api(name="events", eventConfig=EVENT_CONFIG)["api"]
    create(appsync, "events.api.example.com")
    appsync.associate_api(domainName=DOMAIN, apiId=api_id)
    appsync.associate_api(domainName="events.api.example.com", apiId=event["apiId"])
    message = "API can not be deleted as it is associated to a domain"
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.delete_graphql_api(apiId=api_id)
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.delete_api(apiId=event["apiId"])
    assert appsync.get_graphql_api(apiId=api_id)["graphqlApi"]["apiId"] == api_id
    appsync.disassociate_api(domainName=DOMAIN)
    appsync.disassociate_api(domainName="events.api.example.com")
    appsync.delete_graphql_api(apiId=api_id)
    appsync.delete_api(apiId=event["apiId"])
