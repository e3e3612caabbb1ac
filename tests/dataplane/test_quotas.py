"""Quotas: a key's requests per plan period, counted in the usage ledger GetUsage reads."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from dataplane_support import (
    Send,
    assert_ok,
    assert_over_quota,
    keyed_api,
    via_handle,
)

import mockway

UTC = datetime.timezone.utc
T0 = datetime.datetime(2026, 3, 10, 23, 59, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def usage(apigw: Any, plan_id: str, start: str, end: str) -> dict[str, list[list[int]]]:
    found: dict[str, list[list[int]]] = apigw.get_usage(
        usagePlanId=plan_id, startDate=start, endDate=end
    )["items"]
    return found


def test_a_daily_quota_is_used_up_then_renewed_the_next_utc_day(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 3, "period": "DAY"})
    for _ in range(3):
        assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    clock.shift(datetime.timedelta(minutes=1))  # 00:00 UTC
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert usage(apigw, keyed.plan_id, "2026-03-10", "2026-03-11") == {
        keyed.key_id: [[3, 0], [1, 2]]  # refused requests are not counted
    }


def test_a_weekly_quota_with_an_offset_spans_days(
    mockway: mockway.Handle, apigw: Any, clock: time_machine.Traveller
) -> None:
    # WEEK with offset 2 starts on Tuesdays: the Tuesday of T0 starts a window.
    keyed = keyed_api(mockway, apigw, quota={"limit": 2, "offset": 2, "period": "WEEK"})
    send = via_handle(mockway)
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    clock.shift(datetime.timedelta(days=3))
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    clock.shift(datetime.timedelta(days=4))  # the next Tuesday
    assert_ok(send("GET", keyed.url(), headers=keyed.key))


def test_usage_seeded_through_the_handle_counts_against_the_quota(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 10, "period": "MONTH"})
    mockway.apigateway().record_usage(keyed.plan_id, keyed.key_id, 9, day=datetime.date(2026, 3, 1))
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))


def test_update_usage_grants_more_of_the_current_period(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 1, "period": "DAY"})
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    apigw.update_usage(
        usagePlanId=keyed.plan_id,
        keyId=keyed.key_id,
        patchOperations=[{"op": "replace", "path": "/remaining", "value": "2"}],
    )
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    assert usage(apigw, keyed.plan_id, "2026-03-10", "2026-03-10") == {keyed.key_id: [[3, 0]]}


def test_a_plan_without_a_quota_still_counts_usage(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw)
    for _ in range(4):
        assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert usage(apigw, keyed.plan_id, "2026-03-10", "2026-03-10") == {keyed.key_id: [[4, 0]]}


def test_the_quota_is_per_key_and_shared_by_every_stage_of_the_plan(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 2, "period": "DAY"})
    apigw.create_deployment(restApiId=keyed.api.api_id, stageName="prod")
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{keyed.api.api_id}:prod"}],
    )
    other = apigw.create_api_key(name="other", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=keyed.plan_id, keyId=other["id"], keyType="API_KEY")
    assert_ok(send("GET", keyed.url(), headers=keyed.key))
    assert_ok(send("GET", keyed.url().replace("/dev/", "/prod/"), headers=keyed.key))
    assert_over_quota(send("GET", keyed.url(), headers=keyed.key))
    assert_ok(send("GET", keyed.url(), headers={"x-api-key": other["value"]}))


def test_threads_never_pass_more_than_the_quota(
    mockway: mockway.Handle, apigw: Any, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 100, "period": "DAY"})
    send = via_handle(mockway)
    codes: list[int] = []
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        codes.extend(send("GET", keyed.url(), headers=keyed.key).status for _ in range(40))

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (codes.count(200), codes.count(429)) == (100, 220)
    assert usage(apigw, keyed.plan_id, "2026-03-10", "2026-03-10") == {keyed.key_id: [[100, 0]]}
