"""API keys on methods that require one: the x-api-key header, the key's state and plans."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from dataplane_support import (
    Send,
    assert_forbidden,
    assert_ok,
    assert_over_quota,
    keyed_api,
    usage_today,
)

import mockway

T0 = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.timezone.utc)
TODAY = "2026-03-10"


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(T0, tick=False):
        yield


def test_a_key_in_a_plan_of_the_stage_is_let_through_and_counted(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_ok(send("GET", keyed.url(), headers={"X-API-KEY": keyed.key_value}))
    assert usage_today(apigw, keyed, TODAY) == [[2, 0]]


def test_a_missing_unknown_or_disabled_key_is_forbidden_and_not_counted(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    assert_forbidden(send("GET", keyed.url()))
    assert_forbidden(send("GET", keyed.url(), headers={"x-api-key": ""}))
    assert_forbidden(send("GET", keyed.url(), headers={"x-api-key": keyed.key_value + "x"}))
    assert_forbidden(send("GET", keyed.url(), headers={"x-api-key": keyed.key_id}))
    assert_forbidden(send("GET", keyed.url(), headers={"api-key": keyed.key_value}))
    apigw.update_api_key(
        apiKey=keyed.key_id,
        patchOperations=[{"op": "replace", "path": "/enabled", "value": "false"}],
    )
    assert_forbidden(send("GET", keyed.url(), headers=keyed.key))  # the very next request
    apigw.update_api_key(
        apiKey=keyed.key_id,
        patchOperations=[{"op": "replace", "path": "/enabled", "value": "true"}],
    )
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert usage_today(apigw, keyed, TODAY) == [[1, 0]]


def test_a_deleted_key_or_one_taken_out_of_its_plan_is_forbidden(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    apigw.delete_usage_plan_key(usagePlanId=keyed.plan_id, keyId=keyed.key_id)
    assert_forbidden(send("GET", keyed.url(), headers=keyed.key))
    other = keyed_api(mockway, apigw)
    apigw.delete_api_key(apiKey=other.key_id)
    assert_forbidden(send("GET", other.url(), headers=other.key))


def test_a_key_moved_to_another_plan_is_metered_there_from_the_next_request(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    apigw.delete_usage_plan_key(usagePlanId=keyed.plan_id, keyId=keyed.key_id)
    second = apigw.create_usage_plan(
        name="second", apiStages=[keyed.api.api_stage], quota={"limit": 1, "period": "DAY"}
    )
    apigw.create_usage_plan_key(usagePlanId=second["id"], keyId=keyed.key_id, keyType="API_KEY")
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    moved = apigw.get_usage(usagePlanId=second["id"], startDate=TODAY, endDate=TODAY)
    assert moved["items"] == {keyed.key_id: [[1, 0]]}
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))  # the second plan's quota
    apigw.delete_usage_plan_key(usagePlanId=second["id"], keyId=keyed.key_id)
    apigw.create_usage_plan_key(usagePlanId=keyed.plan_id, keyId=keyed.key_id, keyType="API_KEY")
    assert_ok(send("GET", keyed.url(), headers=keyed.key))  # back in the first, no quota
    assert usage_today(apigw, keyed, TODAY) == [[2, 0]]


def test_a_key_whose_plans_are_for_other_stages_is_forbidden(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    api = keyed.api
    apigw.create_deployment(restApiId=api.api_id, stageName="prod")
    prod = keyed.url().replace("/dev/", "/prod/")
    assert_forbidden(send("GET", prod, headers=keyed.key))
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{api.api_id}:prod"}],
    )
    assert_ok(send("GET", prod, headers=keyed.key))
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "remove", "path": "/apiStages", "value": f"{api.api_id}:dev"}],
    )
    assert_forbidden(send("GET", keyed.url(), headers=keyed.key))


def test_a_key_of_another_api_stage_is_forbidden(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    first, second = keyed_api(mockway, apigw), keyed_api(mockway, apigw)
    assert_forbidden(send("GET", first.url(), headers=second.key))
    assert_ok(send("GET", second.url(), headers=second.key))


def test_a_method_without_api_key_required_takes_no_key_and_counts_nothing(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 1, "period": "DAY"})
    open_api = mockway.apigateway().create_deployed_api(name="open")
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{open_api.api_id}:dev"}],
    )
    for headers in (None, keyed.key, {"x-api-key": "not-a-key-at-all-000000"}):
        assert_ok(send("GET", open_api.invoke_url, headers=headers))
    assert usage_today(apigw, keyed, TODAY) == [[0, 1]]


def test_with_the_key_source_authorizer_a_header_key_is_not_read(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    apigw.update_rest_api(
        restApiId=keyed.api.api_id,
        patchOperations=[{"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"}],
    )
    assert_ok(send("GET", keyed.url(), headers=keyed.key))  # the deployment's key source
    apigw.create_deployment(restApiId=keyed.api.api_id, stageName=keyed.api.stage)
    # No authorizer returns a usage identifier key: there is no key.
    assert_forbidden(send("GET", keyed.url(), headers=keyed.key))
