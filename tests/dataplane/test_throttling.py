"""Throttling: token buckets at the account, the stage's methods, the usage plan and the
plan's methods, on mockway's clock; the strictest applies."""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import time_machine
from dataplane_support import (
    SENDERS,
    Reply,
    Send,
    assert_ok,
    assert_refused,
    assert_throttled,
    keyed_api,
    usage_today,
    via_handle,
)
from freezegun import freeze_time

import mockway

T0 = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.timezone.utc)
TODAY = "2026-03-10"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def statuses(send: Send, url: str, times: int, headers: Any = None) -> list[int]:
    return [send("GET", url, headers=headers).status for _ in range(times)]


def test_a_plans_burst_is_spent_and_refills_only_when_time_moves(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 3, "rateLimit": 1.0})
    assert statuses(send, keyed.url(), 3, keyed.key) == [200, 200, 200]
    assert_throttled(send("GET", keyed.url(), headers=keyed.key))
    assert_throttled(send("GET", keyed.url(), headers=keyed.key))
    clock.shift(1)
    assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]
    clock.shift(0.5)
    assert statuses(send, keyed.url(), 1, keyed.key) == [429]
    clock.shift(0.5)
    assert statuses(send, keyed.url(), 1, keyed.key) == [200]
    clock.shift(3600)  # refilled to the burst, no further
    assert statuses(send, keyed.url(), 4, keyed.key) == [200, 200, 200, 429]
    # Throttled requests are not counted.
    assert usage_today(apigw, keyed, TODAY) == [[8, 0]]


def test_each_key_has_its_own_bucket_in_a_plan(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 1, "rateLimit": 1.0})
    other = apigw.create_api_key(name="other", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=keyed.plan_id, keyId=other["id"], keyType="API_KEY")
    assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]
    assert statuses(send, keyed.url(), 2, {"x-api-key": other["value"]}) == [200, 429]


def test_a_plans_throttle_is_shared_by_every_stage_of_the_plan(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 2, "rateLimit": 1.0})
    apigw.create_deployment(restApiId=keyed.api.api_id, stageName="prod")
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{keyed.api.api_id}:prod"}],
    )
    assert statuses(send, keyed.url(), 1, keyed.key) == [200]
    prod = keyed.url().replace("/dev/", "/prod/")
    assert statuses(send, prod, 2, keyed.key) == [200, 429]


def test_a_plans_method_throttle_applies_to_its_method_only(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(
        mockway, apigw, paths=("/pets", "/toys"), throttle={"burstLimit": 5, "rateLimit": 1.0}
    )
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[
            {
                "op": "replace",
                "path": f"/apiStages/{keyed.api.api_id}:dev/throttle/~1pets/GET/burstLimit",
                "value": "1",
            },
            {
                "op": "replace",
                "path": f"/apiStages/{keyed.api.api_id}:dev/throttle/~1pets/GET/rateLimit",
                "value": "0.5",
            },
        ],
    )
    assert statuses(send, keyed.url("/pets"), 2, keyed.key) == [200, 429]
    assert statuses(send, keyed.url("/toys"), 5, keyed.key) == [200, 200, 200, 200, 429]
    clock.shift(2)  # one /pets token (0.5/s), two plan tokens (1/s)
    assert statuses(send, keyed.url("/pets"), 2, keyed.key) == [200, 429]
    assert statuses(send, keyed.url("/toys"), 2, keyed.key) == [200, 429]


def test_the_stages_method_settings_throttle_each_method(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets", "/toys"))

    def setting(key: str, burst: str, rate: str) -> list[dict[str, str]]:
        return [
            {"op": "replace", "path": f"/{key}/throttling/burstLimit", "value": burst},
            {"op": "replace", "path": f"/{key}/throttling/rateLimit", "value": rate},
        ]

    apigw.update_stage(
        restApiId=api.api_id,
        stageName="dev",
        patchOperations=[*setting("*/*", "2", "1"), *setting("~1pets/GET", "1", "1")],
    )
    assert statuses(send, f"{api.invoke_url}/pets", 2) == [200, 429]
    assert statuses(send, f"{api.invoke_url}/toys", 3) == [200, 200, 429]
    clock.shift(1)
    assert statuses(send, f"{api.invoke_url}/pets", 2) == [200, 429]
    assert statuses(send, f"{api.invoke_url}/toys", 2) == [200, 429]


def test_the_strictest_limit_applies(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 2, "rateLimit": 1.0})
    apigw.update_stage(
        restApiId=keyed.api.api_id,
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "5"},
            {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
        ],
    )
    assert statuses(send, keyed.url(), 3, keyed.key) == [200, 200, 429]  # the plan's
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "replace", "path": "/throttle/burstLimit", "value": "100"}],
    )
    clock.shift(10)
    assert statuses(send, keyed.url(), 6, keyed.key) == [200] * 5 + [429]  # the stage's


def test_limits_changed_by_the_control_plane_apply_on_the_next_request(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 5, "rateLimit": 1.0})
    assert statuses(send, keyed.url(), 1, keyed.key) == [200]
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id,
        patchOperations=[{"op": "replace", "path": "/throttle/burstLimit", "value": "1"}],
    )
    assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]
    apigw.update_usage_plan(
        usagePlanId=keyed.plan_id, patchOperations=[{"op": "remove", "path": "/throttle"}]
    )
    assert statuses(send, keyed.url(), 3, keyed.key) == [200, 200, 200]


def test_zero_rate_and_burst_refuse_every_request(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    api = mockway.apigateway().create_deployed_api()
    apigw.update_stage(
        restApiId=api.api_id,
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "0"},
            {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "0"},
        ],
    )
    assert_throttled(send("GET", api.invoke_url))
    clock.shift(60)
    assert_throttled(send("GET", api.invoke_url))


def test_the_account_throttle_is_gets_accounts_throttle_settings(
    mockway: mockway.Handle, apigw: Any, clock: time_machine.Traveller
) -> None:
    limits = apigw.get_account()["throttleSettings"]
    assert limits == {"burstLimit": 5000, "rateLimit": 10000.0}
    first = mockway.apigateway().create_deployed_api(name="first")
    second = mockway.apigateway().create_deployed_api(name="second")
    send = via_handle(mockway)
    assert set(statuses(send, first.invoke_url, 4999)) == {200}
    assert statuses(send, second.invoke_url, 2) == [200, 429]  # shared by the account's APIs
    clock.shift(0.0625)  # 625 tokens at 10,000 a second
    assert statuses(send, first.invoke_url, 626).count(200) == 625
    # another region is another account-level bucket
    other = mockway.apigateway("eu-west-1").create_deployed_api()
    assert statuses(send, other.invoke_url, 1) == [200]


def test_a_custom_throttled_gateway_response_sets_status_and_headers(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 1, "rateLimit": 1.0})
    apigw.put_gateway_response(
        restApiId=keyed.api.api_id,
        responseType="THROTTLED",
        statusCode="503",
        responseParameters={"gatewayresponse.header.Retry-After": "'1'"},
    )
    assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]  # not deployed yet
    apigw.create_deployment(restApiId=keyed.api.api_id, stageName=keyed.api.stage)
    clock.shift(1)
    assert statuses(send, keyed.url(), 1, keyed.key) == [200]
    reply = send("GET", keyed.url(), headers=keyed.key)
    assert_refused(reply, 503, "Too Many Requests", "TooManyRequestsException")
    assert reply.headers["retry-after"] == "1"


def test_freezegun_moves_the_buckets_clock_too(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    with freeze_time(T0) as frozen:
        keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 1, "rateLimit": 2.0})
        assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]
        frozen.tick(datetime.timedelta(seconds=0.5))
        assert statuses(send, keyed.url(), 2, keyed.key) == [200, 429]


@pytest.mark.parametrize("how", ["handle", "requests"])
def test_eight_threads_never_pass_more_than_burst_plus_rate_times_elapsed(
    mockway: mockway.Handle, apigw: Any, how: str
) -> None:
    burst, rate = 5, 40.0
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": burst, "rateLimit": rate})
    send = via_handle(mockway) if how == "handle" else SENDERS["requests"]
    session = requests.Session()
    replies: list[Reply | int] = []
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        for _ in range(60):
            if how == "handle":
                replies.append(send("GET", keyed.url(), headers=keyed.key))
            else:
                replies.append(session.get(keyed.url(), headers=keyed.key).status_code)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    began = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - began
    codes = [r if isinstance(r, int) else r.status for r in replies]
    assert len(codes) == 480
    assert set(codes) <= {200, 429}
    passed = codes.count(200)
    assert burst <= passed <= burst + rate * elapsed + 1e-6
    assert usage_today(
        apigw, keyed, datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    ) == [[passed, 0]]


def test_a_restored_snapshot_gives_the_buckets_back_as_they_were(
    mockway: mockway.Handle, apigw: Any, clock: time_machine.Traveller
) -> None:
    keyed = keyed_api(mockway, apigw, throttle={"burstLimit": 2, "rateLimit": 1.0})
    send = via_handle(mockway)
    assert_ok(send("GET", keyed.url(), keyed.key))
    taken = mockway.snapshot()
    assert_ok(send("GET", keyed.url(), keyed.key))
    assert_throttled(send("GET", keyed.url(), keyed.key))
    mockway.restore(taken)
    assert_ok(send("GET", keyed.url(), keyed.key))
    assert_throttled(send("GET", keyed.url(), keyed.key))
