"""Requests to a custom domain name, sent on by its base path mappings."""

from __future__ import annotations

from typing import Any

import pytest
import responses
from dataplane_support import REGION, Send, assert_forbidden, assert_ok, assert_refused

import mockway

CERT = f"arn:aws:acm:{REGION}:123456789012:certificate/12345678-1234-1234-1234-123456789012"
DOMAIN = "api.example.com"


SHOP = "shop.example.com"


def domain(apigw: Any, name: str = DOMAIN) -> None:
    apigw.create_domain_name(
        domainName=name, regionalCertificateArn=CERT, endpointConfiguration={"types": ["REGIONAL"]}
    )


@pytest.fixture
def mapped(mockway: mockway.Handle, apigw: Any) -> dict[str, Any]:
    """``api.example.com/v1`` → the pets API's dev stage; ``shop.example.com`` (the empty base
    path, no stage) → the shop API, the stage from the path."""
    pets = mockway.apigateway().create_deployed_api("pets", paths=("/pets",))
    shop = mockway.apigateway().create_deployed_api("shop", stage="live", paths=("/cart",))
    domain(apigw)
    domain(apigw, SHOP)
    apigw.create_base_path_mapping(
        domainName=DOMAIN, restApiId=pets.api_id, stage="dev", basePath="v1"
    )
    apigw.create_base_path_mapping(domainName=SHOP, restApiId=shop.api_id)
    return {"pets": pets, "shop": shop}


def test_a_base_path_sends_a_request_to_its_api_and_stage(
    mapped: dict[str, Any], send: Send
) -> None:
    assert_ok(send("GET", f"https://{DOMAIN}/v1/pets"))
    assert_ok(send("GET", "https://API.EXAMPLE.COM:443/v1/pets/"))


def test_a_domain_name_created_in_capitals_is_reached_in_any_case(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    domain(apigw, "Api.Example.COM")  # kept in lower case, as later calls must name it
    apigw.create_base_path_mapping(
        domainName=DOMAIN, restApiId=api.api_id, stage="dev", basePath="v1"
    )
    assert_ok(send("GET", f"https://{DOMAIN}/v1/pets"))
    assert_ok(send("GET", "https://API.EXAMPLE.COM/v1/pets"))


def test_the_empty_base_path_takes_every_other_path(mapped: dict[str, Any], send: Send) -> None:
    assert_ok(send("GET", f"https://{SHOP}/live/cart"))  # a mapping without a stage
    assert_refused(
        send("GET", f"https://{SHOP}/live/pets"),
        403,
        "Missing Authentication Token",
        "MissingAuthenticationTokenException",
    )


def test_without_a_mapping_for_the_path_it_is_forbidden(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    apigw.create_domain_name(
        domainName=DOMAIN,
        regionalCertificateArn=CERT,
        endpointConfiguration={"types": ["REGIONAL"]},
    )
    assert_forbidden(send("GET", f"https://{DOMAIN}/v1/pets"))
    apigw.create_base_path_mapping(
        domainName=DOMAIN, restApiId=api.api_id, stage="dev", basePath="v1"
    )
    assert_ok(send("GET", f"https://{DOMAIN}/v1/pets"))
    assert_forbidden(send("GET", f"https://{DOMAIN}/v2/pets"))


def test_a_request_sees_the_custom_domain_as_its_host(
    mapped: dict[str, Any], apigw: Any, mockway: mockway.Handle
) -> None:
    pets = mapped["pets"]
    function = f"arn:aws:lambda:{REGION}:123456789012:function:pets"
    apigw.put_integration(
        restApiId=pets.api_id,
        resourceId=pets.resource_ids["/pets"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations",
    )
    apigw.create_deployment(restApiId=pets.api_id, stageName="dev")
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        return {"statusCode": 200, "body": "ok"}

    mockway.apigateway().register_lambda(function, handler)
    import requests

    assert requests.get(f"https://{DOMAIN}/v1/pets").text == "ok"
    assert events[0]["requestContext"]["domainName"] == DOMAIN
    assert events[0]["requestContext"]["apiId"] == pets.api_id
    # The path as sent, base path and all, where the API's own host has the path below the
    # stage (and the stage in requestContext.path).
    assert (events[0]["path"], events[0]["requestContext"]["path"]) == ("/v1/pets", "/v1/pets")
    assert events[0]["resource"] == "/pets"
    assert requests.get(f"{pets.invoke_url}/pets").text == "ok"
    assert (events[1]["path"], events[1]["requestContext"]["path"]) == ("/pets", "/dev/pets")


@responses.activate
def test_other_hosts_and_deleted_domains_are_left_alone(mapped: dict[str, Any], apigw: Any) -> None:
    import requests

    responses.add(responses.GET, "https://other.example.com/v1/pets", body="elsewhere")
    assert requests.get("https://other.example.com/v1/pets").text == "elsewhere"
    apigw.delete_base_path_mapping(domainName=DOMAIN, basePath="v1")
    apigw.delete_domain_name(domainName=DOMAIN)
    responses.add(responses.GET, f"https://{DOMAIN}/v1/pets", body="the real domain")
    assert requests.get(f"https://{DOMAIN}/v1/pets").text == "the real domain"
