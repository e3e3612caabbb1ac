from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

import mockway
from keydesk import KeyManager


def test_issue_gives_an_enabled_key_in_the_plan(apigateway: Any, plan_id: str) -> None:
    keys = KeyManager(apigateway)

    issued = keys.issue("acme", plan_id)

    assert len(issued.value) == 40
    assert keys.active_keys("acme") == [issued.id]
    assert keys.plans_of(issued.id) == [plan_id]


def test_rotation_moves_the_plan_and_disables_the_old_key(
    apigateway: Any, plan_id: str, mockway: mockway.Handle
) -> None:
    keys = KeyManager(apigateway)
    old = keys.issue("acme", plan_id)

    new = keys.rotate(old.id)

    assert new.id != old.id
    assert new.value != old.value
    assert keys.active_keys("acme") == [new.id]
    assert keys.plans_of(new.id) == [plan_id]
    assert keys.plans_of(old.id) == []
    stored = mockway.apigateway("eu-west-1").api_key(old.id)
    assert stored is not None
    assert stored.enabled is False


def test_a_key_cannot_join_two_plans_on_the_same_stage(apigateway: Any, plan_id: str) -> None:
    keys = KeyManager(apigateway)
    issued = keys.issue("acme", plan_id)
    stages = apigateway.get_usage_plan(usagePlanId=plan_id)["apiStages"]
    premium = apigateway.create_usage_plan(name="premium", apiStages=stages)

    with pytest.raises(apigateway.exceptions.ConflictException):
        apigateway.create_usage_plan_key(
            usagePlanId=premium["id"], keyId=issued.id, keyType="API_KEY"
        )


@time_machine.travel(datetime.datetime(2026, 3, 14, 12, tzinfo=datetime.timezone.utc), tick=False)
def test_usage_report_and_grant(apigateway: Any, plan_id: str, mockway: mockway.Handle) -> None:
    keys = KeyManager(apigateway)
    issued = keys.issue("acme", plan_id)
    mockway.apigateway("eu-west-1").record_usage(plan_id, issued.id, requests=990)

    today = datetime.date(2026, 3, 14)
    assert keys.usage(plan_id, today)[0].remaining_today == 10

    keys.grant(plan_id, issued.id, 500)

    assert keys.usage(plan_id, today)[0].used == 990
    assert keys.usage(plan_id, today)[0].remaining_today == 500
