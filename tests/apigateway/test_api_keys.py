"""API Gateway API keys through boto3, as recorded against real AWS (docs/fidelity.md)."""

from __future__ import annotations

import base64
import datetime
import re
from typing import Any

import boto3
import pytest
import time_machine
from builders import pets_api
from dateutil.tz import tzlocal

import mockway
from support import expect_error, without_metadata

UTC = datetime.timezone.utc
T0 = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=UTC)
ID = re.compile(r"[a-z0-9]{10}")
VALUE = re.compile(r"[A-Za-z0-9]{40}")
REPLACE_PATHS = "[/description, /enabled, /name, /customerId]"
NOT_FOUND = ("NotFoundException", "Invalid API Key identifier specified", 404)
CREATED_KEYS = {"id", "value", "name", "enabled", "createdDate", "lastUpdatedDate", "stageKeys"}


def replace(path: str, value: str | None = None) -> dict[str, str]:
    op = {"op": "replace", "path": path}
    if value is not None:
        op["value"] = value
    return op


def names(response: dict[str, Any]) -> list[str | None]:
    return [item.get("name") for item in response["items"]]


def bad_path(path: str, op: str = "replace", allowed: str = REPLACE_PATHS) -> str:
    return f"Invalid patch path  '{path}' specified for op '{op}'. Must be one of: {allowed}"


def bad_op(index: int, value: str = "wrong") -> str:
    return (
        f"Value '{value}' at 'updateApiKeyInput.patchOperations.{index}.member.op' failed to "
        "satisfy constraint: Member must satisfy enum value set: "
        "[add, remove, move, test, replace, copy]"
    )


# -- CreateApiKey -----------------------------------------------------------------------------


def test_create_with_only_a_name(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="only-a-name")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert set(without_metadata(created)) == CREATED_KEYS
    assert created["name"] == "only-a-name"
    assert created["enabled"] is False
    assert created["stageKeys"] == []
    assert created["createdDate"] == T0
    assert created["lastUpdatedDate"] == T0
    assert isinstance(created["createdDate"], datetime.datetime)
    assert isinstance(created["createdDate"].tzinfo, tzlocal)


def test_id_and_generated_value_formats(apigw: Any) -> None:
    created = [apigw.create_api_key() for _ in range(30)]
    for key in created:
        assert ID.fullmatch(key["id"]), key["id"]
        assert VALUE.fullmatch(key["value"]), key["value"]
        assert key["id"] != key["value"]
    assert len({key["id"] for key in created}) == 30
    assert len({key["value"] for key in created}) == 30
    values = "".join(key["value"] for key in created)
    for kind in ("[a-z]", "[A-Z]", "[0-9]"):
        assert re.search(kind, values), kind


def test_create_with_every_member(apigw: Any, mockway: mockway.Handle) -> None:
    api = pets_api(apigw)
    created = apigw.create_api_key(
        name="everything",
        description="all the members",
        enabled=True,
        generateDistinctId=True,
        value="abcdefghij0123456789",
        stageKeys=[{"restApiId": api.api_id, "stageName": "dev"}],
        customerId="customer-1",
        tags={"team": "payments"},
    )
    assert without_metadata(created) == {
        "id": created["id"],
        "value": "abcdefghij0123456789",
        "name": "everything",
        "customerId": "customer-1",
        "description": "all the members",
        "enabled": True,
        "createdDate": created["createdDate"],
        "lastUpdatedDate": created["createdDate"],
        "stageKeys": [f"{api.api_id}/dev"],
        "tags": {"team": "payments"},
    }
    record = mockway.apigateway().api_key(created["id"])
    assert record is not None
    assert record.stage_keys == (f"{api.api_id}/dev",)
    assert dict(record.tags) == {"team": "payments"}
    assert record.customer_id == "customer-1"


def test_create_enabled(apigw: Any) -> None:
    created = apigw.create_api_key(name="on", enabled=True)
    assert without_metadata(created) == {
        "id": created["id"],
        "value": created["value"],
        "name": "on",
        "enabled": True,
        "createdDate": created["createdDate"],
        "lastUpdatedDate": created["createdDate"],
        "stageKeys": [],
    }
    assert apigw.get_api_key(apiKey=created["id"])["enabled"] is True


def test_s4_name_too_long(apigw: Any) -> None:
    with expect_error(
        apigw, "BadRequestException", "Invalid API Key name, can be at most 1024 characters.", 400
    ):
        apigw.create_api_key(name="n" * 1025)
    assert apigw.get_api_keys()["items"] == []


def test_name_of_1024_characters_is_accepted(apigw: Any) -> None:
    assert apigw.create_api_key(name="n" * 1024)["name"] == "n" * 1024


@pytest.mark.parametrize("params", [{"name": ""}, {}], ids=["empty-name", "no-name"])
def test_s4_empty_or_missing_name_means_no_name_key(apigw: Any, params: dict[str, str]) -> None:
    created = apigw.create_api_key(**params)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert "name" not in created
    assert set(without_metadata(created)) == CREATED_KEYS - {"name"}
    assert "name" not in apigw.get_api_key(apiKey=created["id"])
    assert "name" not in apigw.get_api_keys()["items"][0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("short", "API Key value should be at least 20 characters"),
        ("v" * 19, "API Key value should be at least 20 characters"),
        ("v" * 129, "API Key value exceeds maximum size of 128 characters"),
    ],
    ids=["5", "19", "129"],
)
def test_s5_value_length_limits(apigw: Any, value: str, message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_api_key(name="bad-value", value=value)
    assert apigw.get_api_keys()["items"] == []


@pytest.mark.parametrize("length", [20, 128])
def test_value_length_bounds_are_inclusive(apigw: Any, length: int) -> None:
    value = ("AbC123" * 30)[:length]
    created = apigw.create_api_key(value=value)
    assert created["value"] == value
    assert apigw.get_api_key(apiKey=created["id"], includeValue=True)["value"] == value


def test_s5_empty_value_generates_one(apigw: Any) -> None:
    created = apigw.create_api_key(name="generated", value="")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert VALUE.fullmatch(created["value"])


def test_s6_description_too_long_on_create(apigw: Any) -> None:
    with expect_error(apigw, "BadRequestException", "Invalid API Key description specified.", 400):
        apigw.create_api_key(name="k", description="d" * 125001)
    assert apigw.get_api_keys()["items"] == []


def test_description_of_125000_characters_is_accepted(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", description="d" * 125000)
    assert created["description"] == "d" * 125000


def test_s16_duplicate_value_is_a_conflict(apigw: Any) -> None:
    value = "duplicatevalue012345"
    first = apigw.create_api_key(name="first", value=value)
    with expect_error(apigw, "ConflictException", "API Key already exists", 409):
        apigw.create_api_key(name="second", value=value)
    assert [item["id"] for item in apigw.get_api_keys()["items"]] == [first["id"]]


def test_value_of_a_deleted_key_can_be_used_again(apigw: Any) -> None:
    value = "reusablevalue0123456"
    first = apigw.create_api_key(value=value)
    apigw.delete_api_key(apiKey=first["id"])
    second = apigw.create_api_key(value=value)
    assert second["value"] == value
    assert second["id"] != first["id"]


# -- GetApiKey --------------------------------------------------------------------------------


def test_get_omits_the_value_unless_asked_and_always_has_tags(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="k")
    fetched = apigw.get_api_key(apiKey=created["id"])
    assert fetched["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert without_metadata(fetched) == {
        "id": created["id"],
        "name": "k",
        "enabled": False,
        "createdDate": T0,
        "lastUpdatedDate": T0,
        "stageKeys": [],
        "tags": {},
    }
    assert "value" not in apigw.get_api_key(apiKey=created["id"], includeValue=False)
    with_value = apigw.get_api_key(apiKey=created["id"], includeValue=True)
    assert with_value["value"] == created["value"]
    assert set(without_metadata(with_value)) == CREATED_KEYS | {"tags"}


def test_get_unknown_key_is_not_found(apigw: Any) -> None:
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_api_key(apiKey="abcde12345")


# -- GetApiKeys -------------------------------------------------------------------------------


def test_list_on_a_clean_account(apigw: Any) -> None:
    listed = apigw.get_api_keys()
    assert without_metadata(listed) == {"items": []}
    assert listed["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_list_items_omit_value_tags_and_unset_members(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="listed")
    assert without_metadata(apigw.get_api_keys()) == {
        "items": [
            {
                "id": created["id"],
                "name": "listed",
                "enabled": False,
                "createdDate": T0,
                "lastUpdatedDate": T0,
                "stageKeys": [],
            }
        ]
    }


def test_list_include_values(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    (item,) = apigw.get_api_keys(includeValues=True)["items"]
    assert item["value"] == created["value"]
    (item,) = apigw.get_api_keys(includeValues=False)["items"]
    assert "value" not in item


def test_list_is_newest_first(apigw: Any) -> None:
    for name in ("first", "second", "third"):
        apigw.create_api_key(name=name)
    assert names(apigw.get_api_keys()) == ["third", "second", "first"]


def test_s1_list_name_filter_and_paging(apigw: Any) -> None:
    first, second = "test-key-r1a2b3", "test-key-r4c5d6"
    assert apigw.get_api_keys()["items"] == []

    created = apigw.create_api_key(name=first)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert created["enabled"] is False
    assert created["stageKeys"] == []
    assert "value" in created

    (item,) = apigw.get_api_keys()["items"]
    assert item["name"] == first
    assert "value" not in item

    assert apigw.get_api_keys(nameQuery=second)["items"] == []
    assert names(apigw.get_api_keys(nameQuery="test-key")) == [first]
    assert apigw.get_api_keys(nameQuery="TEST-KEY")["items"] == []
    assert apigw.get_api_keys(nameQuery=first[2:])["items"] == []
    assert apigw.get_api_keys(nameQuery=first[2:8])["items"] == []

    assert apigw.create_api_key(name=second)["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert names(apigw.get_api_keys()) == [second, first]
    assert names(apigw.get_api_keys(nameQuery=second)) == [second]
    assert names(apigw.get_api_keys(nameQuery="test-key")) == [second, first]

    page = apigw.get_api_keys(limit=1)
    assert names(page) == [second]
    assert isinstance(page["position"], str)
    last = apigw.get_api_keys(limit=1, position=page["position"])
    assert names(last) == [first]
    assert "position" not in last


def test_customer_id_filter(apigw: Any) -> None:
    apigw.create_api_key(name="a-1", customerId="alice")
    apigw.create_api_key(name="b-1", customerId="bob")
    apigw.create_api_key(name="a-2", customerId="alice")
    apigw.create_api_key(name="none")
    assert names(apigw.get_api_keys(customerId="alice")) == ["a-2", "a-1"]
    assert names(apigw.get_api_keys(customerId="bob")) == ["b-1"]
    assert apigw.get_api_keys(customerId="ALICE")["items"] == []
    assert apigw.get_api_keys(customerId="ali")["items"] == []
    assert names(apigw.get_api_keys(customerId="alice", nameQuery="a-1")) == ["a-1"]
    items = apigw.get_api_keys(customerId="alice")["items"]
    assert [item["customerId"] for item in items] == ["alice", "alice"]


def test_filtered_paging_skips_non_matching_keys(apigw: Any) -> None:
    for index in range(6):
        apigw.create_api_key(name=f"{'match' if index % 2 else 'other'}-{index}")
    page = apigw.get_api_keys(nameQuery="match", limit=2)
    assert names(page) == ["match-5", "match-3"]
    last = apigw.get_api_keys(nameQuery="match", limit=2, position=page["position"])
    assert names(last) == ["match-1"]
    assert "position" not in last


def test_default_page_size_is_25(apigw: Any) -> None:
    for index in range(30):
        apigw.create_api_key(name=f"k{index:02}")
    page = apigw.get_api_keys()
    assert len(page["items"]) == 25
    assert names(page)[0] == "k29"
    rest = apigw.get_api_keys(position=page["position"])
    assert names(rest) == [f"k{index:02}" for index in range(4, -1, -1)]
    assert "position" not in rest


def test_exactly_one_full_page_has_no_position(apigw: Any) -> None:
    for index in range(3):
        apigw.create_api_key(name=f"k{index}")
    page = apigw.get_api_keys(limit=3)
    assert len(page["items"]) == 3
    assert "position" not in page


def test_page_size_is_capped_at_500(apigw: Any) -> None:
    rows = "".join(f"key{index:020},name{index}\n" for index in range(502))
    imported = apigw.import_api_keys(body=("key,name\n" + rows).encode(), format="csv")
    assert len(imported["ids"]) == 502
    for limit in (500, 501, 10_000):
        page = apigw.get_api_keys(limit=limit)
        assert len(page["items"]) == 500
        assert "position" in page
    rest = apigw.get_api_keys(limit=1000, position=apigw.get_api_keys(limit=500)["position"])
    assert names(rest) == ["name1", "name0"]


@pytest.mark.parametrize("limit", [-1, 0])
def test_s3_limit_below_one_uses_the_default(apigw: Any, limit: int) -> None:
    listed = apigw.get_api_keys(limit=limit)
    assert without_metadata(listed) == {"items": []}
    for index in range(26):
        apigw.create_api_key(name=f"k{index}")
    page = apigw.get_api_keys(limit=limit)
    assert len(page["items"]) == 25
    assert "position" in page


def test_paginator_visits_every_key_once(apigw: Any, mockway: mockway.Handle) -> None:
    created = [apigw.create_api_key(name=f"k{index}")["id"] for index in range(60)]
    pages = list(apigw.get_paginator("get_api_keys").paginate(PaginationConfig={"PageSize": 7}))
    assert [len(page["items"]) for page in pages] == [7] * 8 + [4]
    seen = [item["id"] for page in pages for item in page["items"]]
    assert seen == created[::-1]
    assert seen == [record.id for record in mockway.apigateway().api_keys()]
    full = apigw.get_paginator("get_api_keys").paginate().build_full_result()
    assert [item["id"] for item in full["items"]] == created[::-1]


def test_paging_survives_deleting_the_next_pages_first_key(apigw: Any) -> None:
    ids = [apigw.create_api_key(name=name)["id"] for name in "abcde"]
    page = apigw.get_api_keys(limit=2)
    assert names(page) == ["e", "d"]
    apigw.delete_api_key(apiKey=ids[2])
    rest = apigw.get_api_keys(limit=2, position=page["position"])
    assert names(rest) == ["b", "a"]
    assert "position" not in rest


def test_an_updated_key_keeps_its_place_after_deletions(apigw: Any) -> None:
    ids = {name: apigw.create_api_key(name=name)["id"] for name in "abcde"}
    apigw.delete_api_key(apiKey=ids["b"])
    apigw.update_api_key(apiKey=ids["d"], patchOperations=[replace("/name", "D")])
    apigw.update_api_key(apiKey=ids["a"], patchOperations=[replace("/name", "A")])
    assert names(apigw.get_api_keys()) == ["e", "D", "c", "A"]
    apigw.delete_api_key(apiKey=ids["e"])
    page = apigw.get_api_keys(limit=2)
    assert names(page) == ["D", "c"]
    assert names(apigw.get_api_keys(position=page["position"])) == ["A"]


def test_position_from_a_filtered_list_keeps_working_after_new_keys(apigw: Any) -> None:
    for name in "abc":
        apigw.create_api_key(name=name)
    page = apigw.get_api_keys(limit=1)
    apigw.create_api_key(name="newer")
    assert names(apigw.get_api_keys(position=page["position"])) == ["b", "a"]


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "position",
    [
        "not-a-position",
        b64("mw0"),
        b64("mw1"),
        b64("mw\u00b2"),
        b64("mw\u2460"),
        b64("mw" + "9" * 5000),
        b64("mw1:nosuchkey"),
    ],
)
def test_a_position_not_issued_is_a_bad_request(apigw: Any, position: str) -> None:
    for name in "abc":
        apigw.create_api_key(name=name)
    with expect_error(apigw, "BadRequestException", "Invalid position parameter specified", 400):
        apigw.get_api_keys(position=position)


def test_a_position_from_another_collection_is_a_bad_request(apigw: Any) -> None:
    for name in "abc":
        apigw.create_api_key(name=name)
        apigw.create_usage_plan(name=name)
    keys_position = apigw.get_api_keys(limit=1)["position"]
    plans_position = apigw.get_usage_plans(limit=1)["position"]
    assert names(apigw.get_api_keys(position=keys_position)) == ["b", "a"]
    with expect_error(apigw, "BadRequestException", "Invalid position parameter specified", 400):
        apigw.get_usage_plans(position=keys_position)
    with expect_error(apigw, "BadRequestException", "Invalid position parameter specified", 400):
        apigw.get_api_keys(position=plans_position)
    elsewhere = boto3.client("apigateway", region_name="eu-west-1")
    for name in "abc":
        elsewhere.create_api_key(name=name)
    message = "Invalid position parameter specified"
    with expect_error(elsewhere, "BadRequestException", message, 400):
        elsewhere.get_api_keys(position=keys_position)


# -- UpdateApiKey -----------------------------------------------------------------------------


def test_s3_rename_returns_no_value_and_empty_tags(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="key-enabled-false", enabled=False)
    assert created["enabled"] is False
    with time_machine.travel(T0 + datetime.timedelta(seconds=90), tick=False):
        updated = apigw.update_api_key(
            apiKey=created["id"], patchOperations=[replace("/name", "new-name")]
        )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert without_metadata(updated) == {
        "id": created["id"],
        "name": "new-name",
        "enabled": False,
        "createdDate": T0,
        "lastUpdatedDate": T0 + datetime.timedelta(seconds=90),
        "stageKeys": [],
        "tags": {},
    }


def test_update_every_replaceable_path(apigw: Any) -> None:
    created = apigw.create_api_key(name="before", description="old", customerId="c-old")
    updated = apigw.update_api_key(
        apiKey=created["id"],
        patchOperations=[
            replace("/name", "after"),
            replace("/description", "new"),
            replace("/customerId", "c-new"),
            replace("/enabled", "true"),
        ],
    )
    assert (updated["name"], updated["description"], updated["customerId"]) == (
        "after",
        "new",
        "c-new",
    )
    assert updated["enabled"] is True
    fetched = apigw.get_api_key(apiKey=created["id"], includeValue=True)
    assert without_metadata(fetched) == {
        **without_metadata(updated),
        "value": created["value"],
    }


def test_update_response_includes_existing_tags(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", tags={"env": "test"})
    updated = apigw.update_api_key(apiKey=created["id"], patchOperations=[replace("/name", "n")])
    assert updated["tags"] == {"env": "test"}


@pytest.mark.parametrize(
    ("value", "enabled"),
    [("true", True), ("TRUE", True), ("True", True), ("false", False), ("not-a-boolean", False)],
)
def test_s7_enabled_is_true_only_for_true(apigw: Any, value: str, enabled: bool) -> None:
    created = apigw.create_api_key(enabled=not enabled)
    updated = apigw.update_api_key(
        apiKey=created["id"], patchOperations=[replace("/enabled", value)]
    )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert updated["enabled"] is enabled
    assert updated["tags"] == {}
    assert "name" not in updated
    assert apigw.get_api_key(apiKey=created["id"])["enabled"] is enabled


def test_s6_description_too_long_on_update(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", description="short")
    with expect_error(apigw, "BadRequestException", "Invalid API Key description specified.", 400):
        apigw.update_api_key(
            apiKey=created["id"], patchOperations=[replace("/description", "d" * 125001)]
        )
    assert apigw.get_api_key(apiKey=created["id"])["description"] == "short"


def test_name_too_long_on_update(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(
        apigw, "BadRequestException", "Invalid API Key name, can be at most 1024 characters.", 400
    ):
        apigw.update_api_key(apiKey=created["id"], patchOperations=[replace("/name", "n" * 1025)])


@pytest.mark.parametrize(
    "path", ["/id", "/value", "/createdDate", "/stageKeys", "/tags", "/stages"]
)
def test_s8_other_replace_paths_are_rejected(apigw: Any, path: str) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(apigw, "BadRequestException", bad_path(path), 400):
        apigw.update_api_key(apiKey=created["id"], patchOperations=[replace(path, "x")])


@pytest.mark.parametrize(
    "path",
    [
        "/na~1me",
        "/~1name",
        "/name~1",
        "/name/x",
        "/name/",
        "name",
        "/Name",
        "",
        "/name~",
        "/~0name",
    ],
)
def test_escaped_and_malformed_paths_are_rejected(apigw: Any, path: str) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(apigw, "BadRequestException", bad_path(path), 400):
        apigw.update_api_key(apiKey=created["id"], patchOperations=[replace(path, "x")])
    assert apigw.get_api_key(apiKey=created["id"])["name"] == "k"


def test_missing_path_is_shown_as_null(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(apigw, "BadRequestException", bad_path("null"), 400):
        apigw.update_api_key(apiKey=created["id"], patchOperations=[{"op": "replace"}])


def test_add_and_remove_accept_only_stages(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    for op in ("add", "remove"):
        with expect_error(apigw, "BadRequestException", bad_path("/name", op, "[/stages]"), 400):
            apigw.update_api_key(
                apiKey=created["id"], patchOperations=[{"op": op, "path": "/name", "value": "x"}]
            )


@pytest.mark.parametrize("op", ["move", "copy", "test"])
def test_unsupported_ops_are_rejected(apigw: Any, op: str) -> None:
    created = apigw.create_api_key(name="k")
    message = (
        f"Invalid patch path  '/name' specified for op '{op}'. Please choose supported operations"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_api_key(
            apiKey=created["id"],
            patchOperations=[{"op": op, "path": "/name", "from": "/description"}],
        )


def test_s13_one_bad_op_is_a_validation_exception(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    with expect_error(
        apigw, "ValidationException", f"1 validation error detected: {bad_op(1)}", 400
    ):
        apigw.update_api_key(
            apiKey=created["id"], patchOperations=[{"op": "wrong", "path": "/name", "value": "x"}]
        )


def test_s13_two_bad_ops_are_reported_together(apigw: Any) -> None:
    created = apigw.create_api_key(name="k")
    message = f"2 validation errors detected: {bad_op(1)}; {bad_op(3, 'Replace')}"
    with expect_error(apigw, "ValidationException", message, 400):
        apigw.update_api_key(
            apiKey=created["id"],
            patchOperations=[
                {"op": "wrong", "path": "/name", "value": "x"},
                replace("/description", "fine"),
                {"op": "Replace", "path": "/name", "value": "y"},
            ],
        )
    fetched = apigw.get_api_key(apiKey=created["id"])
    assert (fetched["name"], "description" in fetched) == ("k", False)


def test_bad_op_on_an_unknown_key_is_a_validation_exception_first(apigw: Any) -> None:
    with expect_error(
        apigw, "ValidationException", f"1 validation error detected: {bad_op(1)}", 400
    ):
        apigw.update_api_key(apiKey="missing123", patchOperations=[{"op": "wrong", "path": "/n"}])


def test_update_unknown_key_is_not_found(apigw: Any) -> None:
    with expect_error(apigw, *NOT_FOUND):
        apigw.update_api_key(apiKey="missing123", patchOperations=[replace("/name", "x")])


@pytest.mark.parametrize(
    ("last", "message"),
    [
        (replace("/id", "x"), bad_path("/id")),
        (replace("/description", "d" * 125001), "Invalid API Key description specified."),
        ({"op": "copy", "path": "/name", "from": "/description"},
         "Invalid patch path  '/name' specified for op 'copy'. Please choose supported operations"),
    ],
    ids=["bad-path", "bad-value", "bad-op"],
)  # fmt: skip
def test_patch_failing_in_its_last_op_changes_nothing(
    apigw: Any, mockway: mockway.Handle, last: dict[str, str], message: str
) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="k", description="d", customerId="c")
    before = apigw.get_api_key(apiKey=created["id"], includeValue=True)
    record = mockway.apigateway().api_key(created["id"])
    with (
        time_machine.travel(T0 + datetime.timedelta(hours=1), tick=False),
        expect_error(apigw, "BadRequestException", message, 400),
    ):
        apigw.update_api_key(
            apiKey=created["id"],
            patchOperations=[
                replace("/name", "changed"),
                replace("/description", "changed"),
                replace("/customerId", "changed"),
                replace("/enabled", "true"),
                last,
            ],
        )
    after = apigw.get_api_key(apiKey=created["id"], includeValue=True)
    assert without_metadata(after) == without_metadata(before)
    assert mockway.apigateway().api_key(created["id"]) == record
    assert names(apigw.get_api_keys(nameQuery="k")) == ["k"]
    assert apigw.get_api_keys(nameQuery="changed")["items"] == []


def test_last_updated_date_moves_and_created_date_does_not(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="k")
    later = T0 + datetime.timedelta(days=2, seconds=5)
    with time_machine.travel(later, tick=False):
        updated = apigw.update_api_key(
            apiKey=created["id"], patchOperations=[replace("/name", "n")]
        )
    assert updated["createdDate"] == T0
    assert updated["lastUpdatedDate"] == later
    fetched = apigw.get_api_key(apiKey=created["id"])
    assert (fetched["createdDate"], fetched["lastUpdatedDate"]) == (T0, later)
    (item,) = apigw.get_api_keys()["items"]
    assert (item["createdDate"], item["lastUpdatedDate"]) == (T0, later)


def test_a_failed_update_does_not_move_last_updated_date(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(name="k")
    with (
        time_machine.travel(T0 + datetime.timedelta(days=1), tick=False),
        pytest.raises(apigw.exceptions.BadRequestException),
    ):
        apigw.update_api_key(apiKey=created["id"], patchOperations=[replace("/id", "x")])
    assert apigw.get_api_key(apiKey=created["id"])["lastUpdatedDate"] == T0


def test_time_follows_freezegun(apigw: Any) -> None:
    from freezegun import freeze_time

    with freeze_time("2023-03-04 05:06:07"):
        created = apigw.create_api_key(name="frozen")
        fetched = apigw.get_api_key(apiKey=created["id"])
    expected = datetime.datetime(2023, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert created["createdDate"] == expected
    assert fetched["lastUpdatedDate"] == expected


def test_same_second_under_time_machine_then_freezegun(apigw: Any) -> None:
    from freezegun import freeze_time

    with time_machine.travel(T0, tick=False):
        before = apigw.create_api_key(name="time-machine")["createdDate"]
    with freeze_time(T0):
        frozen = apigw.create_api_key(name="freezegun")["createdDate"]
        assert type(frozen) is datetime.datetime
    after = apigw.get_api_keys()["items"][0]["createdDate"]
    assert before == frozen == after == T0
    assert type(before) is type(after) is datetime.datetime
    assert type(frozen) is not type(before)


def test_clearing_name_and_customer_id(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", customerId="c")
    updated = apigw.update_api_key(
        apiKey=created["id"], patchOperations=[replace("/name", ""), replace("/customerId", "")]
    )
    assert "name" not in updated
    assert "customerId" not in updated
    assert apigw.get_api_keys(customerId="c")["items"] == []


def test_stage_keys_are_rendered_rest_api_slash_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    created = apigw.create_api_key(name="k")
    added = apigw.update_api_key(
        apiKey=created["id"],
        patchOperations=[{"op": "add", "path": "/stages", "value": f"{api.api_id}/dev"}],
    )
    assert added["stageKeys"] == [f"{api.api_id}/dev"]
    assert apigw.get_api_keys()["items"][0]["stageKeys"] == [f"{api.api_id}/dev"]
    removed = apigw.update_api_key(
        apiKey=created["id"],
        patchOperations=[{"op": "remove", "path": "/stages", "value": f"{api.api_id}/dev"}],
    )
    assert removed["stageKeys"] == []


@pytest.mark.parametrize(
    ("stage_key", "shown"),
    [
        ({"restApiId": "", "stageName": "dev"}, "/dev"),
        ({"stageName": "dev"}, "null/dev"),
        ({"restApiId": "abc123"}, "abc123/null"),
    ],
)
def test_incomplete_stage_key_on_create(apigw: Any, stage_key: dict[str, str], shown: str) -> None:
    with expect_error(apigw, "BadRequestException", f"Invalid stage key specified: {shown}", 400):
        apigw.create_api_key(name="k", stageKeys=[stage_key])
    assert apigw.get_api_keys()["items"] == []


def test_stage_key_of_an_unknown_api_on_create(apigw: Any) -> None:
    with expect_error(
        apigw, "NotFoundException", "Invalid API identifier specified 123456789012:nosuchapi", 404
    ):
        apigw.create_api_key(name="k", stageKeys=[{"restApiId": "nosuchapi", "stageName": "dev"}])
    assert apigw.get_api_keys()["items"] == []


def test_duplicate_stage_keys_are_kept_once(apigw: Any) -> None:
    api = pets_api(apigw)
    stage = {"restApiId": api.api_id, "stageName": "dev"}
    created = apigw.create_api_key(name="k", stageKeys=[stage, stage])
    assert created["stageKeys"] == [f"{api.api_id}/dev"]
    added = apigw.update_api_key(
        apiKey=created["id"],
        patchOperations=[{"op": "add", "path": "/stages", "value": f"{api.api_id}/dev"}],
    )
    assert added["stageKeys"] == [f"{api.api_id}/dev"]


@pytest.mark.parametrize(("value", "shown"), [("nodash", "nodash/"), ("", "/"), ("/dev", "/dev")])
def test_malformed_stage_patch_value(apigw: Any, value: str, shown: str) -> None:
    created = apigw.create_api_key(name="k")
    for op in ("add", "remove"):
        with expect_error(
            apigw, "BadRequestException", f"Invalid stage key specified: {shown}", 400
        ):
            apigw.update_api_key(
                apiKey=created["id"],
                patchOperations=[{"op": op, "path": "/stages", "value": value}],
            )


def test_removing_a_stage_key_the_key_lacks(apigw: Any) -> None:
    api = pets_api(apigw)
    created = apigw.create_api_key(name="k")
    with expect_error(
        apigw,
        "NotFoundException",
        f"Stage key {api.api_id}/dev is not associated with this API key",
        404,
    ):
        apigw.update_api_key(
            apiKey=created["id"],
            patchOperations=[{"op": "remove", "path": "/stages", "value": f"{api.api_id}/dev"}],
        )


# -- DeleteApiKey -----------------------------------------------------------------------------


def test_delete_then_get_is_not_found(apigw: Any, mockway: mockway.Handle) -> None:
    keep = apigw.create_api_key(name="keep")
    gone = apigw.create_api_key(name="gone")
    deleted = apigw.delete_api_key(apiKey=gone["id"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert without_metadata(deleted) == {}
    with expect_error(apigw, *NOT_FOUND):
        apigw.get_api_key(apiKey=gone["id"])
    assert [item["id"] for item in apigw.get_api_keys()["items"]] == [keep["id"]]
    assert mockway.apigateway().api_key(gone["id"]) is None
    with expect_error(apigw, *NOT_FOUND):
        apigw.delete_api_key(apiKey=gone["id"])
    with expect_error(apigw, *NOT_FOUND):
        apigw.update_api_key(apiKey=gone["id"], patchOperations=[replace("/name", "x")])


def test_s2_deleting_a_key_removes_it_from_every_usage_plan(apigw: Any) -> None:
    first = apigw.create_api_key(name="test-key-a")
    second = apigw.create_api_key(name="test-key-b")
    plans = [apigw.create_usage_plan(name=f"plan-{index}")["id"] for index in range(2)]
    for plan in plans:
        for key in (first, second):
            apigw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
    apigw.delete_api_key(apiKey=first["id"])
    for plan in plans:
        items = apigw.get_usage_plan_keys(usagePlanId=plan)["items"]
        assert [item["id"] for item in items] == [second["id"]]
    apigw.delete_api_key(apiKey=second["id"])
    for plan in plans:
        assert without_metadata(apigw.get_usage_plan_keys(usagePlanId=plan)) == {"items": []}


def test_delete_unknown_key_is_not_found(apigw: Any) -> None:
    with expect_error(apigw, *NOT_FOUND):
        apigw.delete_api_key(apiKey="nothere123")


def test_empty_description_and_customer_id_are_not_stored(apigw: Any) -> None:
    created = apigw.create_api_key(name="k", description="", customerId="")
    fetched = apigw.get_api_key(apiKey=created["id"])
    for response in (created, fetched):
        assert "description" not in response
        assert "customerId" not in response


def test_a_patch_operation_without_op_is_named_null(apigw: Any) -> None:
    key = apigw.create_api_key(name="k")
    message = (
        "Invalid patch path  '/name' specified for op 'null'. Please choose supported operations"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_api_key(apiKey=key["id"], patchOperations=[{"path": "/name", "value": "x"}])


def test_deleting_a_stage_or_its_api_drops_it_from_stage_keys(apigw: Any) -> None:
    api = pets_api(apigw)
    other = pets_api(apigw, name="other")
    key = apigw.create_api_key(
        name="k",
        stageKeys=[
            {"restApiId": api.api_id, "stageName": "dev"},
            {"restApiId": other.api_id, "stageName": "dev"},
        ],
    )
    assert key["stageKeys"] == [f"{api.api_id}/dev", f"{other.api_id}/dev"]
    apigw.delete_stage(restApiId=api.api_id, stageName="dev")
    assert apigw.get_api_key(apiKey=key["id"])["stageKeys"] == [f"{other.api_id}/dev"]
    apigw.delete_rest_api(restApiId=other.api_id)
    assert apigw.get_api_key(apiKey=key["id"])["stageKeys"] == []
