"""Tags on API key ARNs: TagResource, UntagResource, GetTags."""

from __future__ import annotations

from typing import Any

import pytest

import mockway
from support import expect_error, without_metadata

NOT_FOUND = ("NotFoundException", "Invalid API Key identifier specified", 404)
TAG_LIMIT = ("BadRequestException", "A resource can have at most 50 tags", 400)


def arn(key_id: str, region: str = "us-east-1") -> str:
    return f"arn:aws:apigateway:{region}::/apikeys/{key_id}"


def bad_key(key: str) -> tuple[str, str, int]:
    return (
        "BadRequestException",
        f"Invalid tag key '{key}': 1 to 128 characters of letters, digits, spaces and "
        ". : + = @ _ / -, not starting with aws:",
        400,
    )


def bad_value(key: str) -> tuple[str, str, int]:
    return (
        "BadRequestException",
        f"Invalid value for tag '{key}': at most 256 characters of letters, digits, spaces and "
        ". : + = @ _ / -",
        400,
    )


def test_create_time_tags_show_in_get_tags_and_get_api_key(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", tags={"team": "payments", "env": "prod"})
    assert created["tags"] == {"team": "payments", "env": "prod"}
    listed = apigw.get_tags(resourceArn=arn(created["id"]))
    assert listed["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert without_metadata(listed) == {"tags": {"team": "payments", "env": "prod"}}
    assert apigw.get_api_key(apiKey=created["id"])["tags"] == {"team": "payments", "env": "prod"}
    assert apigw.get_api_keys()["items"][0]["tags"] == {"team": "payments", "env": "prod"}


def test_get_tags_of_an_untagged_key(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    assert without_metadata(apigw.get_tags(resourceArn=arn(created["id"]))) == {"tags": {}}


def test_tag_resource_merges(apigw: Any, mockway: mockway.Handle) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1", "b": "2"})
    tagged = apigw.tag_resource(resourceArn=arn(created["id"]), tags={"b": "20", "c": "3"})
    assert tagged["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert without_metadata(tagged) == {}
    expected = {"a": "1", "b": "20", "c": "3"}
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == expected
    record = mockway.apigateway().api_key(created["id"])
    assert record is not None
    assert dict(record.tags) == expected


def test_untag_resource_removes_only_listed_keys(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1", "b": "2", "c": "3"})
    untagged = apigw.untag_resource(resourceArn=arn(created["id"]), tagKeys=["a", "c", "absent"])
    assert untagged["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert without_metadata(untagged) == {}
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == {"b": "2"}


def test_untagging_everything_leaves_an_empty_map(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1"})
    apigw.untag_resource(resourceArn=arn(created["id"]), tagKeys=["a"])
    assert apigw.get_api_key(apiKey=created["id"])["tags"] == {}
    assert "tags" not in apigw.get_api_keys()["items"][0]


def test_tag_keys_are_case_sensitive(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    apigw.tag_resource(resourceArn=arn(created["id"]), tags={"Env": "a", "env": "b"})
    apigw.untag_resource(resourceArn=arn(created["id"]), tagKeys=["ENV"])
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == {"Env": "a", "env": "b"}


@pytest.mark.parametrize(
    "operation", ["get_tags", "tag_resource", "untag_resource"], ids=lambda op: op
)
def test_unknown_key_is_not_found(apigw: Any, operation: str) -> None:
    params: dict[str, Any] = {"resourceArn": arn("nosuchkey1")}
    if operation == "tag_resource":
        params["tags"] = {"a": "1"}
    elif operation == "untag_resource":
        params["tagKeys"] = ["a"]
    with expect_error(apigw, *NOT_FOUND):
        getattr(apigw, operation)(**params)


def test_deleted_key_is_not_found(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1"})
    apigw.delete_api_key(apiKey=created["id"])
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_tags(resourceArn=arn(created["id"]))


@pytest.mark.parametrize(
    "resource_arn",
    [
        "not-an-arn",
        "arn:aws:apigateway:us-east-1::/things/abc",
        "arn:aws:apigateway:us-east-1:123456789012:/apikeys/{id}",
        "arn:aws:apigateway:eu-west-1::/apikeys/{id}",
        "arn:aws:appsync:us-east-1::/apikeys/{id}",
        "arn:aws:apigateway:us-east-1::/apikeys/{id}/extra",
        "arn:aws:apigateway:us-east-1::apikeys/{id}",
    ],
)
def test_bad_arn_is_a_bad_request(apigw: Any, resource_arn: str) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1"})
    resource_arn = resource_arn.format(id=created["id"])
    message = f"Invalid resource ARN specified: {resource_arn}"
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.get_tags(resourceArn=resource_arn)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.tag_resource(resourceArn=resource_arn, tags={"b": "2"})
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == {"a": "1"}


def test_other_regions_arn_finds_that_regions_key(apigw: Any) -> None:
    import boto3

    west = boto3.client("apigateway", region_name="eu-west-1")
    created = west.create_api_key(name="west", tags={"r": "eu"})
    assert west.get_tags(resourceArn=arn(created["id"], "eu-west-1"))["tags"] == {"r": "eu"}


@pytest.mark.parametrize("key", ["aws:reserved", "aws:", "k#", "", "k" * 129, "tab\x00"])
def test_bad_tag_keys(apigw: Any, key: str) -> None:
    created = apigw.create_api_key(name="k", tags={"a": "1"})
    with expect_error(apigw, *bad_key(key)):
        apigw.tag_resource(resourceArn=arn(created["id"]), tags={"ok": "v", key: "v"})
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == {"a": "1"}
    with expect_error(apigw, *bad_key(key)):
        apigw.create_api_key(name="tagged", tags={key: "v"})
    assert len(apigw.get_api_keys()["items"]) == 1


@pytest.mark.parametrize("value", ["v" * 257, "semi;colon", "hash#"])
def test_bad_tag_values(apigw: Any, value: str) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(apigw, *bad_value("key")):
        apigw.tag_resource(resourceArn=arn(created["id"]), tags={"key": value})
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == {}


def test_tag_limits_at_the_boundaries_are_accepted(apigw: Any) -> None:
    tags = {
        "k" * 128: "v" * 256,
        "Aws:not-the-prefix": "",
        "with space.and:+=@_/-": "value with space.and:+=@_/-",
        "caf\u00e9": "\u00fcber",
    }
    created = apigw.create_api_key(name="k", tags=tags)
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == tags


def test_more_than_50_tags_on_create(apigw: Any) -> None:
    with expect_error(apigw, *TAG_LIMIT):
        apigw.create_api_key(name="k", tags={f"t{index}": "v" for index in range(51)})
    assert apigw.get_api_keys()["items"] == []
    created = apigw.create_api_key(name="k", tags={f"t{index}": "v" for index in range(50)})
    assert len(created["tags"]) == 50


def test_tag_resource_beyond_50_tags_changes_nothing(apigw: Any) -> None:
    fifty = {f"t{index}": "v" for index in range(50)}
    created = apigw.create_api_key(name="k", tags=fifty)
    with expect_error(apigw, *TAG_LIMIT):
        apigw.tag_resource(resourceArn=arn(created["id"]), tags={"t0": "new", "one-more": "v"})
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"] == fifty
    apigw.tag_resource(resourceArn=arn(created["id"]), tags={"t0": "overwritten"})
    assert apigw.get_tags(resourceArn=arn(created["id"]))["tags"]["t0"] == "overwritten"
