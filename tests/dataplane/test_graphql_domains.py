"""GraphQL requests to an AppSync custom domain name (CreateDomainName, AssociateApi) reach the
API it is associated with, through every HTTP client library."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
import requests
import responses
from dataplane_support import SENDERS, Send
from graphql_support import REGION, assert_answered, assert_data, graphql_api

import mockway
from mockway import MockwayError, UnsupportedOperation

CERT = f"arn:aws:acm:{REGION}:123456789012:certificate/12345678-1234-1234-1234-123456789012"
DOMAIN = "api.example.com"
SCHEMA = "type Query { hello: String where: String }"
FUNCTION = f"arn:aws:lambda:{REGION}:123456789012:function:where"


def hello_api(name: str = "world") -> Any:
    api = graphql_api(SCHEMA)
    api.resolve("Query", "hello", '{"version": "2018-05-29", "payload": "' + name + '"}')
    return api


def domain(api: Any, name: str = DOMAIN) -> None:
    api.client.create_domain_name(domainName=name, certificateArn=CERT)
    api.client.associate_api(domainName=name, apiId=api.api_id)


def post(send: Send, url: str, key: str, query: str = "{ hello }") -> Any:
    headers = {"content-type": "application/json", "x-api-key": key}
    return send("POST", url, headers=headers, body=json.dumps({"query": query}))


@pytest.mark.parametrize("client", SENDERS)
def test_a_request_to_the_domain_reaches_its_api(mockway: mockway.Handle, client: str) -> None:
    api = hello_api()
    domain(api)
    send = SENDERS[client]
    assert_data(post(send, f"https://{DOMAIN}/graphql", api.key), {"hello": "world"})
    assert_data(post(send, "https://API.Example.COM:443/graphql/", api.key), {"hello": "world"})


@pytest.mark.parametrize("client", SENDERS)
def test_a_domain_name_created_in_capitals_is_reached_in_any_case(
    mockway: mockway.Handle, client: str
) -> None:
    api = hello_api()
    domain(api, "Api.Example.COM")
    send = SENDERS[client]
    assert_data(post(send, f"https://{DOMAIN}/graphql", api.key), {"hello": "world"})
    assert_data(post(send, "https://API.EXAMPLE.COM/graphql", api.key), {"hello": "world"})


def test_the_api_s_own_checks_apply_on_the_domain(mockway: mockway.Handle) -> None:
    api = hello_api()
    domain(api)
    refused = post(SENDERS["requests"], f"https://{DOMAIN}/graphql", "da2-" + "a" * 26)
    assert_answered(refused, 401)
    assert refused.error_type == "UnauthorizedException"


def test_a_resolver_sees_the_domain_name(mockway: mockway.Handle) -> None:
    api = hello_api()
    api.client.create_data_source(
        apiId=api.api_id,
        name="where",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        lambdaConfig={"lambdaFunctionArn": FUNCTION},
    )
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName="where", dataSourceName="where"
    )
    mockway.appsync(REGION).register_lambda(
        FUNCTION, lambda event, _: str(event["request"]["domainName"])
    )
    domain(api)
    send = SENDERS["httpx"]
    assert_data(post(send, f"https://{DOMAIN}/graphql", api.key, "{ where }"), {"where": DOMAIN})
    assert_data(post(send, api.url, api.key, "{ where }"), {"where": "None"})


def test_associate_api_moves_the_domain_to_another_api(mockway: mockway.Handle) -> None:
    first, second = hello_api("first"), hello_api("second")
    domain(first)
    url = f"https://{DOMAIN}/graphql"
    assert_data(post(SENDERS["urllib3"], url, first.key), {"hello": "first"})
    first.client.associate_api(domainName=DOMAIN, apiId=second.api_id)
    assert_data(post(SENDERS["urllib3"], url, second.key), {"hello": "second"})


def test_a_domain_without_an_api_raises(mockway: mockway.Handle) -> None:
    api = hello_api()
    api.client.create_domain_name(domainName=DOMAIN, certificateArn=CERT)
    url = f"https://{DOMAIN}/graphql"
    with pytest.raises(MockwayError, match="associated with no API"):
        post(SENDERS["requests"], url, api.key)
    api.client.associate_api(domainName=DOMAIN, apiId=api.api_id)
    assert_data(post(SENDERS["requests"], url, api.key), {"hello": "world"})
    api.client.disassociate_api(domainName=DOMAIN)
    with pytest.raises(MockwayError, match="associated with no API"):
        post(SENDERS["requests"], url, api.key)


def test_a_domain_of_an_event_api_is_stopped(mockway: mockway.Handle) -> None:
    api = hello_api()
    event_api = api.client.create_api(
        name="events",
        eventConfig={
            "authProviders": [{"authType": "API_KEY"}],
            "connectionAuthModes": [{"authType": "API_KEY"}],
            "defaultPublishAuthModes": [{"authType": "API_KEY"}],
            "defaultSubscribeAuthModes": [{"authType": "API_KEY"}],
        },
    )["api"]
    api.client.create_domain_name(domainName=DOMAIN, certificateArn=CERT)
    api.client.associate_api(domainName=DOMAIN, apiId=event_api["apiId"])
    with pytest.raises(UnsupportedOperation, match="Event API requests"):
        post(SENDERS["requests"], f"https://{DOMAIN}/graphql", api.key)


@responses.activate
def test_other_hosts_and_deleted_domains_are_left_alone(mockway: mockway.Handle) -> None:
    api = hello_api()
    domain(api)
    responses.add(responses.POST, "https://other.example.com/graphql", body="elsewhere")
    assert requests.post("https://other.example.com/graphql", timeout=5).text == "elsewhere"
    api.client.disassociate_api(domainName=DOMAIN)
    api.client.delete_domain_name(domainName=DOMAIN)
    responses.add(responses.POST, f"https://{DOMAIN}/graphql", body="the real domain")
    assert requests.post(f"https://{DOMAIN}/graphql", timeout=5).text == "the real domain"


def test_api_gateway_and_appsync_domains_side_by_side(mockway: mockway.Handle) -> None:
    api = hello_api()
    domain(api)
    rest = mockway.apigateway(REGION).create_deployed_api(paths=("/pets",))
    apigw = boto3.client("apigateway", region_name=REGION)
    apigw.create_domain_name(
        domainName="rest.example.com",
        regionalCertificateArn=CERT,
        endpointConfiguration={"types": ["REGIONAL"]},
    )
    apigw.create_base_path_mapping(
        domainName="rest.example.com", restApiId=rest.api_id, stage="dev"
    )
    assert requests.get("https://rest.example.com/pets", timeout=5).status_code == 200
    assert_data(post(SENDERS["aiohttp"], f"https://{DOMAIN}/graphql", api.key), {"hello": "world"})
