"""The handle's read-only view of AppSync's state."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from appsync_support import ACCOUNT, REGION

import mockway


def test_view_shows_apis_and_keys(appsync: Any, mockway: mockway.Handle) -> None:
    api = appsync.create_graphql_api(name="viewed", authenticationType="AWS_IAM", tags={"a": "1"})[
        "graphqlApi"
    ]
    key = appsync.create_api_key(apiId=api["apiId"], description="d")["apiKey"]
    view = mockway.appsync(REGION)
    assert (view.account_id, view.region) == (ACCOUNT, REGION)
    (record,) = view.graphql_apis()
    assert record == view.graphql_api(api["apiId"])
    assert record.api_id == api["apiId"]
    assert record.name == "viewed"
    assert record.arn == api["arn"]
    assert record.authentication_type == "AWS_IAM"
    assert (record.api_type, record.visibility) == ("GRAPHQL", "GLOBAL")
    assert dict(record.uris) == api["uris"]
    assert dict(record.tags) == {"a": "1"}
    assert record.api_key_ids == (key["id"],)
    (key_record,) = view.api_keys(api["apiId"])
    assert (key_record.id, key_record.description) == (key["id"], "d")
    assert (key_record.expires, key_record.deletes) == (key["expires"], key["deletes"])
    assert not key_record.expired()
    assert key_record.expired(at=key["expires"] + 1)


def test_view_is_a_snapshot_and_read_only(appsync: Any, mockway: mockway.Handle) -> None:
    api = appsync.create_graphql_api(name="n", authenticationType="API_KEY", tags={"a": "1"})
    record = mockway.appsync().graphql_api(api["graphqlApi"]["apiId"])
    assert record is not None
    with pytest.raises(TypeError):
        record.tags["b"] = "2"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "other"  # type: ignore[misc]
    appsync.tag_resource(resourceArn=record.arn, tags={"b": "2"})
    assert dict(record.tags) == {"a": "1"}


def test_view_of_unknown_things_is_empty(mockway: mockway.Handle) -> None:
    view = mockway.appsync("eu-west-1")
    assert view.graphql_apis() == ()
    assert view.graphql_api("missing") is None
    assert view.api_keys("missing") == ()
