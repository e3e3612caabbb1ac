"""Event APIs (CreateApi, GetApi, ListApis, UpdateApi, DeleteApi) and their tags."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from appsync_support import ACCOUNT, REGION

from support import expect_error

ID = re.compile(r"[a-z2-7]{26}")
API_KEY = [{"authType": "API_KEY"}]
EVENT_CONFIG = {
    "authProviders": API_KEY,
    "connectionAuthModes": API_KEY,
    "defaultPublishAuthModes": API_KEY,
    "defaultSubscribeAuthModes": API_KEY,
}
LAMBDA_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:authorize"
LOG_CONFIG = {
    "logLevel": "ERROR",
    "cloudWatchLogsRoleArn": f"arn:aws:iam::{ACCOUNT}:role/appsync-logs",
}
T0 = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.timezone.utc)


def create(appsync: Any, name: str = "events", **extra: Any) -> dict[str, Any]:
    api: dict[str, Any] = appsync.create_api(
        name=name, eventConfig=extra.pop("eventConfig", EVENT_CONFIG), **extra
    )["api"]
    return api


def test_create_answers_the_whole_api(appsync: Any) -> None:
    with time_machine.travel(T0, tick=False):
        response = appsync.create_api(name="events", eventConfig=EVENT_CONFIG)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    api = response["api"]
    api_id = api["apiId"]
    host = api["dns"]["HTTP"].split(".")[0]
    assert ID.fullmatch(api_id)
    assert ID.fullmatch(host)
    assert host != api_id
    assert api == {
        "apiId": api_id,
        "name": "events",
        "tags": {},
        "dns": {
            "HTTP": f"{host}.appsync-api.{REGION}.amazonaws.com",
            "REALTIME": f"{host}.appsync-realtime-api.{REGION}.amazonaws.com",
        },
        "apiArn": f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/{api_id}",
        "created": T0,
        "xrayEnabled": False,
        "eventConfig": EVENT_CONFIG,
    }
    assert appsync.get_api(apiId=api_id)["api"] == api


def test_every_setting_is_kept_and_unset_ttls_read_back_zero(appsync: Any) -> None:
    providers = [
        {
            "authType": "AMAZON_COGNITO_USER_POOLS",
            "cognitoConfig": {"userPoolId": f"{REGION}_abc", "awsRegion": REGION},
        },
        {
            "authType": "AWS_LAMBDA",
            "lambdaAuthorizerConfig": {"authorizerUri": LAMBDA_ARN},
        },
        {
            "authType": "OPENID_CONNECT",
            "openIDConnectConfig": {"issuer": "https://example.com", "clientId": "client"},
        },
        {"authType": "AWS_IAM"},
    ]
    config = {
        "authProviders": providers,
        "connectionAuthModes": [{"authType": "AWS_LAMBDA"}],
        "defaultPublishAuthModes": [{"authType": "AWS_IAM"}, {"authType": "OPENID_CONNECT"}],
        "defaultSubscribeAuthModes": [{"authType": "AMAZON_COGNITO_USER_POOLS"}],
        "logConfig": LOG_CONFIG,
    }
    api = create(appsync, ownerContact="team orders", tags={"env": "dev"}, eventConfig=config)
    assert api["ownerContact"] == "team orders"
    assert api["tags"] == {"env": "dev"}
    kept = api["eventConfig"]
    assert kept["authProviders"][0] == providers[0]
    assert kept["authProviders"][1]["lambdaAuthorizerConfig"] == {
        "authorizerResultTtlInSeconds": 0,
        "authorizerUri": LAMBDA_ARN,
    }
    assert kept["authProviders"][2]["openIDConnectConfig"] == {
        "issuer": "https://example.com",
        "clientId": "client",
        "iatTTL": 0,
        "authTTL": 0,
    }
    assert {k: v for k, v in kept.items() if k != "authProviders"} == {
        k: v for k, v in config.items() if k != "authProviders"
    }
    assert appsync.get_api(apiId=api["apiId"])["api"] == api


def test_auth_modes_name_the_api_s_providers(appsync: Any) -> None:
    config = {**EVENT_CONFIG, "defaultSubscribeAuthModes": [{"authType": "AWS_IAM"}]}
    message = (
        "Auth mode AWS_IAM is not among the API's auth providers; add an auth provider of that"
        " type first."
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        create(appsync, eventConfig=config)
    assert appsync.list_apis()["apis"] == []


@pytest.mark.parametrize(
    ("kind", "member"),
    [
        ("AMAZON_COGNITO_USER_POOLS", "cognitoConfig"),
        ("OPENID_CONNECT", "openIDConnectConfig"),
        ("AWS_LAMBDA", "lambdaAuthorizerConfig"),
    ],
)
def test_a_provider_carries_its_configuration(appsync: Any, kind: str, member: str) -> None:
    config = {**EVENT_CONFIG, "authProviders": [*API_KEY, {"authType": kind}]}
    message = f"{member} must be provided for an auth provider of type {kind}."
    with expect_error(appsync, "BadRequestException", message, 400):
        create(appsync, eventConfig=config)


def test_names_follow_the_model(appsync: Any) -> None:
    message = (
        "1 validation error detected: Value 'orders/events' at 'createApiInput.name' failed to"
        " satisfy constraint: Member must satisfy regular expression pattern:"
        " [A-Za-z0-9_\\-\\ ]+"
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        create(appsync, "orders/events")
    assert create(appsync, "Orders events_v-2")["name"] == "Orders events_v-2"


def test_owner_contact_longer_than_256_is_refused(appsync: Any) -> None:
    with expect_error(
        appsync, "BadRequestException", "ownerContact can be at most 256 characters.", 400
    ):
        create(appsync, ownerContact="x" * 257)


def test_update_takes_the_settings_again(appsync: Any) -> None:
    api = create(appsync, ownerContact="team", tags={"env": "dev"})
    config = {
        **EVENT_CONFIG,
        "authProviders": [*API_KEY, {"authType": "AWS_IAM"}],
        "defaultPublishAuthModes": [{"authType": "AWS_IAM"}],
    }
    updated = appsync.update_api(apiId=api["apiId"], name="renamed", eventConfig=config)["api"]
    expected = {**api, "name": "renamed", "eventConfig": config}
    del expected["ownerContact"]  # left out, so gone
    assert updated == expected
    assert appsync.get_api(apiId=api["apiId"])["api"] == expected


def test_a_refused_update_changes_nothing(appsync: Any) -> None:
    api = create(appsync)
    config = {**EVENT_CONFIG, "connectionAuthModes": [{"authType": "AWS_LAMBDA"}]}
    with pytest.raises(appsync.exceptions.BadRequestException):
        appsync.update_api(apiId=api["apiId"], name="renamed", eventConfig=config)
    assert appsync.get_api(apiId=api["apiId"])["api"] == api


def test_list_pages_oldest_first(appsync: Any) -> None:
    ids = [create(appsync, f"api{index}")["apiId"] for index in range(3)]
    appsync.create_graphql_api(name="graphql", authenticationType="API_KEY")
    first = appsync.list_apis(maxResults=2)
    rest = appsync.list_apis(nextToken=first["nextToken"])
    assert [a["apiId"] for a in first["apis"] + rest["apis"]] == ids
    assert "nextToken" not in rest
    assert len(appsync.list_graphql_apis()["graphqlApis"]) == 1
    with expect_error(appsync, "BadRequestException", "Invalid pagination token given.", 400):
        appsync.list_apis(nextToken="made-up")


def test_delete(appsync: Any) -> None:
    api = create(appsync)
    appsync.create_channel_namespace(apiId=api["apiId"], name="default")
    assert set(appsync.delete_api(apiId=api["apiId"])) == {"ResponseMetadata"}
    message = f"Events API {api['apiId']} not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_api(apiId=api["apiId"])
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_channel_namespace(apiId=api["apiId"], name="default")
    assert appsync.list_apis()["apis"] == []


def test_the_two_kinds_of_api_are_apart(appsync: Any) -> None:
    event = create(appsync)
    graphql = appsync.create_graphql_api(name="g", authenticationType="API_KEY")["graphqlApi"]
    with expect_error(
        appsync, "NotFoundException", f"GraphQL API {event['apiId']} not found.", 404
    ):
        appsync.get_graphql_api(apiId=event["apiId"])
    with expect_error(
        appsync, "NotFoundException", f"Events API {graphql['apiId']} not found.", 404
    ):
        appsync.get_api(apiId=graphql["apiId"])


def test_unknown_api(appsync: Any) -> None:
    message = "Events API missing not found."
    for call in (
        lambda: appsync.get_api(apiId="missing"),
        lambda: appsync.update_api(apiId="missing", name="n", eventConfig=EVENT_CONFIG),
        lambda: appsync.delete_api(apiId="missing"),
    ):
        with expect_error(appsync, "NotFoundException", message, 404):
            call()


def test_tags_on_an_event_api(appsync: Any) -> None:
    api = create(appsync, tags={"team": "a"})
    arn = api["apiArn"]
    appsync.tag_resource(resourceArn=arn, tags={"env": "prod"})
    appsync.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "prod"}
    assert appsync.get_api(apiId=api["apiId"])["api"]["tags"] == {"env": "prod"}
    foreign = arn.replace(f":{ACCOUNT}:", ":210987654321:")
    message = f"GraphQL API {api['apiId']} not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.list_tags_for_resource(resourceArn=foreign)


def test_at_most_fifty_tags(appsync: Any) -> None:
    api = create(appsync, tags={f"k{index}": "v" for index in range(50)})
    with expect_error(appsync, "BadRequestException", "A resource can have at most 50 tags.", 400):
        appsync.tag_resource(resourceArn=api["apiArn"], tags={"one": "more"})
    assert len(appsync.get_api(apiId=api["apiId"])["api"]["tags"]) == 50
