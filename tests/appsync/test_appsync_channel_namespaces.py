"""Channel namespaces of an Event API: create, get, list, update (by the whole), delete, tags."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from appsync_support import ACCOUNT, REGION

from support import expect_error

API_KEY = [{"authType": "API_KEY"}]
IAM = [{"authType": "AWS_IAM"}]
EVENT_CONFIG = {
    "authProviders": [*API_KEY, *IAM],
    "connectionAuthModes": API_KEY,
    "defaultPublishAuthModes": API_KEY,
    "defaultSubscribeAuthModes": API_KEY,
}
CODE = "export function onPublish(ctx) { return ctx.events; }"
HANDLERS = {
    "onPublish": {"behavior": "DIRECT", "integration": {"dataSourceName": "publisher"}},
    "onSubscribe": {
        "behavior": "CODE",
        "integration": {"dataSourceName": "checker", "lambdaConfig": {"invokeType": "EVENT"}},
    },
}
T0 = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.timezone.utc)


@pytest.fixture
def api(appsync: Any) -> dict[str, Any]:
    created: dict[str, Any] = appsync.create_api(name="events", eventConfig=EVENT_CONFIG)["api"]
    return created


def test_a_namespace_with_nothing_but_a_name(appsync: Any, api: dict[str, Any]) -> None:
    with time_machine.travel(T0, tick=False):
        response = appsync.create_channel_namespace(apiId=api["apiId"], name="default")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    expected = {
        "apiId": api["apiId"],
        "name": "default",
        "tags": {},
        "channelNamespaceArn": f"{api['apiArn']}/channelNamespace/default",
        "created": T0,
        "lastModified": T0,
        "handlerConfigs": {},
    }
    assert response["channelNamespace"] == expected
    assert expected["channelNamespaceArn"] == (
        f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/{api['apiId']}/channelNamespace/default"
    )
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="default")
    assert got["channelNamespace"] == expected


def test_every_member_is_kept(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_channel_namespace(
        apiId=api["apiId"],
        name="chat-rooms",
        subscribeAuthModes=API_KEY,
        publishAuthModes=IAM,
        codeHandlers=CODE,
        handlerConfigs=HANDLERS,
        tags={"team": "chat"},
    )["channelNamespace"]
    assert created["subscribeAuthModes"] == API_KEY
    assert created["publishAuthModes"] == IAM
    assert created["codeHandlers"] == CODE
    assert created["handlerConfigs"] == HANDLERS
    assert created["tags"] == {"team": "chat"}
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="chat-rooms")
    assert got["channelNamespace"] == created


def test_the_list_leaves_code_handlers_out(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_channel_namespace(apiId=api["apiId"], name="chat", codeHandlers=CODE)[
        "channelNamespace"
    ]
    listed = appsync.list_channel_namespaces(apiId=api["apiId"])["channelNamespaces"]
    assert listed == [{k: v for k, v in created.items() if k != "codeHandlers"}]


def test_list_pages_oldest_first(appsync: Any, api: dict[str, Any]) -> None:
    names = ["zeta", "alpha", "mid"]
    for name in names:
        appsync.create_channel_namespace(apiId=api["apiId"], name=name)
    first = appsync.list_channel_namespaces(apiId=api["apiId"], maxResults=2)
    rest = appsync.list_channel_namespaces(apiId=api["apiId"], nextToken=first["nextToken"])
    listed = [n["name"] for n in first["channelNamespaces"] + rest["channelNamespaces"]]
    assert listed == names
    assert "nextToken" not in rest


def test_update_takes_the_whole_namespace_again(appsync: Any, api: dict[str, Any]) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        appsync.create_channel_namespace(
            apiId=api["apiId"],
            name="chat",
            publishAuthModes=IAM,
            codeHandlers=CODE,
            handlerConfigs=HANDLERS,
            tags={"team": "chat"},
        )
        clock.shift(datetime.timedelta(minutes=5))
        updated = appsync.update_channel_namespace(
            apiId=api["apiId"], name="chat", subscribeAuthModes=IAM
        )["channelNamespace"]
    assert updated == {
        "apiId": api["apiId"],
        "name": "chat",
        "subscribeAuthModes": IAM,
        "tags": {"team": "chat"},
        "channelNamespaceArn": f"{api['apiArn']}/channelNamespace/chat",
        "created": T0,
        "lastModified": T0 + datetime.timedelta(minutes=5),
        "handlerConfigs": {},
    }
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="chat")
    assert got["channelNamespace"] == updated


def test_names_are_unique_in_an_api(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_channel_namespace(apiId=api["apiId"], name="chat", codeHandlers=CODE)
    with expect_error(appsync, "ConflictException", "Channel namespace chat already exists.", 409):
        appsync.create_channel_namespace(apiId=api["apiId"], name="chat")
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="chat")
    assert got["channelNamespace"]["codeHandlers"] == CODE
    other = appsync.create_api(name="other", eventConfig=EVENT_CONFIG)["api"]
    appsync.create_channel_namespace(apiId=other["apiId"], name="chat")


def test_auth_modes_name_the_api_s_providers(appsync: Any, api: dict[str, Any]) -> None:
    message = (
        "Auth mode AWS_LAMBDA is not among the API's auth providers; add an auth provider of"
        " that type first."
    )
    lambda_mode = [{"authType": "AWS_LAMBDA"}]
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_channel_namespace(
            apiId=api["apiId"], name="chat", publishAuthModes=lambda_mode
        )
    assert appsync.list_channel_namespaces(apiId=api["apiId"])["channelNamespaces"] == []
    appsync.create_channel_namespace(apiId=api["apiId"], name="chat", publishAuthModes=IAM)
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.update_channel_namespace(
            apiId=api["apiId"], name="chat", subscribeAuthModes=lambda_mode
        )
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="chat")
    assert got["channelNamespace"]["publishAuthModes"] == IAM


def test_names_follow_the_model(appsync: Any, api: dict[str, Any]) -> None:
    message = (
        "1 validation error detected: Value '-chat' at 'createChannelNamespaceInput.name' failed"
        " to satisfy constraint: Member must satisfy regular expression pattern:"
        " ([A-Za-z0-9](?:[A-Za-z0-9\\-]{0,48}[A-Za-z0-9])?)"
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_channel_namespace(apiId=api["apiId"], name="-chat")


def test_unknown_namespace_and_api(appsync: Any, api: dict[str, Any]) -> None:
    message = "Channel namespace absent not found."
    key = {"apiId": api["apiId"], "name": "absent"}
    for call in (
        appsync.get_channel_namespace,
        appsync.update_channel_namespace,
        appsync.delete_channel_namespace,
    ):
        with expect_error(appsync, "NotFoundException", message, 404):
            call(**key)
    with expect_error(appsync, "NotFoundException", "Events API missing not found.", 404):
        appsync.list_channel_namespaces(apiId="missing")
    with expect_error(appsync, "NotFoundException", "Events API missing not found.", 404):
        appsync.create_channel_namespace(apiId="missing", name="chat")


def test_delete(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_channel_namespace(apiId=api["apiId"], name="chat")
    response = appsync.delete_channel_namespace(apiId=api["apiId"], name="chat")
    assert set(response) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", "Channel namespace chat not found.", 404):
        appsync.get_channel_namespace(apiId=api["apiId"], name="chat")
    assert appsync.list_channel_namespaces(apiId=api["apiId"])["channelNamespaces"] == []


def test_tags_on_a_namespace(appsync: Any, api: dict[str, Any]) -> None:
    arn = appsync.create_channel_namespace(apiId=api["apiId"], name="chat", tags={"a": "1"})[
        "channelNamespace"
    ]["channelNamespaceArn"]
    appsync.tag_resource(resourceArn=arn, tags={"b": "2"})
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {"a": "1", "b": "2"}
    appsync.untag_resource(resourceArn=arn, tagKeys=["a"])
    got = appsync.get_channel_namespace(apiId=api["apiId"], name="chat")
    assert got["channelNamespace"]["tags"] == {"b": "2"}
    # The API's own tags are apart from its namespaces'.
    assert appsync.list_tags_for_resource(resourceArn=api["apiArn"])["tags"] == {}
    appsync.delete_channel_namespace(apiId=api["apiId"], name="chat")
    with expect_error(appsync, "NotFoundException", "Channel namespace chat not found.", 404):
        appsync.list_tags_for_resource(resourceArn=arn)
