"""GetUsage and UpdateUsage, fed through the handle's ``record_usage``."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from builders import api_key, body, plan_with_key, status
from freezegun import freeze_time

import mockway
from mockway import MockwayError
from support import error_of

# A Wednesday; the Sunday before is March 8th.
TODAY = datetime.date(2026, 3, 11)
NOON = datetime.datetime(2026, 3, 11, 12, 0, tzinfo=datetime.timezone.utc)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def frozen() -> Iterator[Any]:
    with freeze_time(NOON) as frozen:
        yield frozen


@pytest.fixture
def key_id(apigw: Any) -> str:
    return str(api_key(apigw, "metered")["id"])


def quota_plan(aws: Any, key_id: str, limit: int, period: str, offset: int = 0) -> str:
    quota = {"limit": limit, "period": period, "offset": offset}
    return plan_with_key(aws, key_id, name=f"{period.lower()}-plan", quota=quota)


def usage(aws: Any, plan_id: str, start: str, end: str, **params: Any) -> dict[str, Any]:
    return dict(aws.get_usage(usagePlanId=plan_id, startDate=start, endDate=end, **params))


def series(aws: Any, plan_id: str, key_id: str, start: str, end: str) -> list[list[int]]:
    return list(usage(aws, plan_id, start, end, keyId=key_id)["items"][key_id])


def set_remaining(aws: Any, plan_id: str, key_id: str, value: str) -> dict[str, Any]:
    return dict(
        aws.update_usage(
            usagePlanId=plan_id,
            keyId=key_id,
            patchOperations=[{"op": "replace", "path": "/remaining", "value": value}],
        )
    )


# -- GetUsage ------------------------------------------------------------------------------


def test_one_pair_per_day_of_the_inclusive_range(
    apigw: Any, mockway: mockway.Handle, key_id: str
) -> None:
    plan_id = quota_plan(apigw, key_id, 100, "DAY")
    view = mockway.apigateway()
    view.record_usage(plan_id, key_id, 5, day=day("2026-02-27"))
    view.record_usage(plan_id, key_id, 3, day=day("2026-03-01"))
    view.record_usage(plan_id, key_id, 4, day=day("2026-03-01"))
    got = usage(apigw, plan_id, "2026-02-27", "2026-03-02")
    assert status(got) == 200
    assert body(got) == {
        "usagePlanId": plan_id,
        "startDate": "2026-02-27",
        "endDate": "2026-03-02",
        "items": {key_id: [[5, 95], [0, 100], [7, 93], [0, 100]]},
    }
    assert all(type(n) is int for pair in got["items"][key_id] for n in pair)
    assert "position" not in got


def test_single_day_range(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    mockway.apigateway().record_usage(plan_id, key_id, day=day("2026-03-05"))
    assert series(apigw, plan_id, key_id, "2026-03-05", "2026-03-05") == [[1, 9]]


def test_record_usage_counts_today_by_default(
    apigw: Any, mockway: mockway.Handle, key_id: str, frozen: Any
) -> None:
    plan_id = quota_plan(apigw, key_id, 1000, "DAY")
    mockway.apigateway().record_usage(plan_id, key_id, requests=42)
    assert series(apigw, plan_id, key_id, "2026-03-10", "2026-03-12") == [
        [0, 1000],
        [42, 958],
        [0, 1000],
    ]
    frozen.tick(datetime.timedelta(days=1))
    mockway.apigateway().record_usage(plan_id, key_id, requests=2)
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-12") == [[42, 958], [2, 998]]


def test_record_usage_follows_time_machine(
    apigw: Any, mockway: mockway.Handle, key_id: str
) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    with time_machine.travel(datetime.datetime(2026, 5, 2, 23, 59, tzinfo=datetime.timezone.utc)):
        mockway.apigateway().record_usage(plan_id, key_id, 3)
    assert series(apigw, plan_id, key_id, "2026-05-02", "2026-05-03") == [[3, 7], [0, 10]]


def test_remaining_never_goes_below_zero(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    mockway.apigateway().record_usage(plan_id, key_id, 25, day=day("2026-03-01"))
    assert series(apigw, plan_id, key_id, "2026-03-01", "2026-03-01") == [[25, 0]]


def test_plan_without_a_quota_has_nothing_remaining(
    apigw: Any, mockway: mockway.Handle, key_id: str
) -> None:
    plan_id = plan_with_key(apigw, key_id)
    mockway.apigateway().record_usage(plan_id, key_id, 6, day=day("2026-03-01"))
    assert series(apigw, plan_id, key_id, "2026-03-01", "2026-03-02") == [[6, 0], [0, 0]]


def test_week_window_starts_on_sunday(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 100, "WEEK")
    view = mockway.apigateway()
    for date in ("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"):  # Fri..Mon
        view.record_usage(plan_id, key_id, 10, day=day(date))
    assert series(apigw, plan_id, key_id, "2026-03-06", "2026-03-10") == [
        [10, 90],
        [10, 80],
        [10, 90],
        [10, 80],
        [0, 80],
    ]


def test_week_offset_moves_the_start(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 100, "WEEK", offset=1)
    view = mockway.apigateway()
    for date in ("2026-03-08", "2026-03-09", "2026-03-10"):  # Sun, Mon, Tue
        view.record_usage(plan_id, key_id, 10, day=day(date))
    assert series(apigw, plan_id, key_id, "2026-03-08", "2026-03-10") == [
        [10, 90],
        [10, 90],
        [10, 80],
    ]


def test_month_window_and_offset(apigw: Any, mockway: mockway.Handle) -> None:
    view = mockway.apigateway()
    first = api_key(apigw, "first")["id"]
    calendar = quota_plan(apigw, first, 1000, "MONTH")
    second = api_key(apigw, "second")["id"]
    shifted = quota_plan(apigw, second, 1000, "MONTH", offset=9)
    for plan_id, key_id in ((calendar, first), (shifted, second)):
        for date in ("2026-02-28", "2026-03-01", "2026-03-09", "2026-03-10"):
            view.record_usage(plan_id, key_id, 100, day=day(date))
    calendar_days = series(apigw, calendar, first, "2026-02-28", "2026-03-10")
    assert calendar_days[0] == [100, 900]  # February's window
    assert calendar_days[1] == [100, 900]  # March 1st starts a new window
    assert calendar_days[9] == [100, 800]
    assert calendar_days[10] == [100, 700]
    shifted_days = series(apigw, shifted, second, "2026-02-28", "2026-03-10")
    assert shifted_days[0] == [100, 900]  # window from February 10th
    assert shifted_days[1] == [100, 800]
    assert shifted_days[9] == [100, 700]  # March 9th, still February's window
    assert shifted_days[10] == [100, 900]  # March 10th starts a new window


def test_key_id_filter_and_all_keys(apigw: Any, mockway: mockway.Handle) -> None:
    first = api_key(apigw, "first")["id"]
    second = api_key(apigw, "second")["id"]
    plan_id = quota_plan(apigw, first, 50, "DAY")
    apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=second, keyType="API_KEY")
    mockway.apigateway().record_usage(plan_id, second, 8, day=day("2026-03-01"))
    everything = usage(apigw, plan_id, "2026-03-01", "2026-03-01")["items"]
    assert everything == {first: [[0, 50]], second: [[8, 42]]}
    only = usage(apigw, plan_id, "2026-03-01", "2026-03-01", keyId=second)["items"]
    assert only == {second: [[8, 42]]}


def test_usage_is_per_plan(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    metered = quota_plan(apigw, key_id, 10, "DAY")
    other = quota_plan(apigw, key_id, 20, "WEEK")
    mockway.apigateway().record_usage(metered, key_id, 4, day=day("2026-03-01"))
    assert series(apigw, other, key_id, "2026-03-01", "2026-03-01") == [[0, 20]]


def test_key_not_in_the_plan(apigw: Any, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    stranger = api_key(apigw, "stranger")["id"]
    for other in (stranger, "nosuchkey1"):
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            usage(apigw, plan_id, "2026-03-01", "2026-03-02", keyId=other)
        assert error_of(info) == ("NotFoundException", "Invalid Key identifier specified", 404)
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            set_remaining(apigw, plan_id, other, "5")
        assert error_of(info) == ("NotFoundException", "Invalid Key identifier specified", 404)


def test_unknown_plan(apigw: Any, key_id: str) -> None:
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        usage(apigw, "nosuch", "2026-03-01", "2026-03-02")
    assert error_of(info) == ("NotFoundException", "Invalid Usage Plan ID specified", 404)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "2026/03/01",
            "2026-03-02",
            "Invalid startDate specified: 2026/03/01. Dates must be in the format yyyy-MM-dd",
        ),
        (
            "2026-03-01",
            "2026-3-2",
            "Invalid endDate specified: 2026-3-2. Dates must be in the format yyyy-MM-dd",
        ),
        (
            "2026-02-30",
            "2026-03-02",
            "Invalid startDate specified: 2026-02-30. Dates must be in the format yyyy-MM-dd",
        ),
        (
            "today",
            "2026-03-02",
            "Invalid startDate specified: today. Dates must be in the format yyyy-MM-dd",
        ),
        ("2026-03-02", "2026-03-01", "The end date must not be before the start date"),
    ],
)
def test_bad_dates(apigw: Any, key_id: str, start: str, end: str, message: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        usage(apigw, plan_id, start, end)
    assert error_of(info) == ("BadRequestException", message, 400)


@pytest.mark.parametrize(
    ("period", "offset"), [("DAY", 0), ("WEEK", 0), ("WEEK", 6), ("MONTH", 0), ("MONTH", 5)]
)
@pytest.mark.parametrize(
    ("start", "end"), [("0001-01-01", "0001-01-03"), ("9999-12-29", "9999-12-31")]
)
def test_the_ends_of_the_calendar(
    apigw: Any, key_id: str, period: str, offset: int, start: str, end: str
) -> None:
    plan_id = quota_plan(apigw, key_id, 10, period, offset)
    assert series(apigw, plan_id, key_id, start, end) == [[0, 10]] * 3
    assert usage(apigw, plan_id, start, end)["items"] == {key_id: [[0, 10]] * 3}


def test_pages_over_keys(apigw: Any) -> None:
    keys = [api_key(apigw, f"key-{n}")["id"] for n in range(5)]
    plan_id = quota_plan(apigw, keys[0], 10, "DAY")
    for key in keys[1:]:
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key, keyType="API_KEY")
    first = usage(apigw, plan_id, "2026-03-01", "2026-03-02", limit=2)
    assert list(first["items"]) == [keys[4], keys[3]]
    second = usage(apigw, plan_id, "2026-03-01", "2026-03-02", limit=2, position=first["position"])
    assert list(second["items"]) == [keys[2], keys[1]]
    third = usage(apigw, plan_id, "2026-03-01", "2026-03-02", limit=2, position=second["position"])
    assert list(third["items"]) == [keys[0]]
    assert "position" not in third
    assert third["items"][keys[0]] == [[0, 10], [0, 10]]


def test_paginator_visits_each_key_once(apigw: Any) -> None:
    keys = [api_key(apigw, f"key-{n}")["id"] for n in range(5)]
    plan_id = quota_plan(apigw, keys[0], 10, "DAY")
    for key in keys[1:]:
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key, keyType="API_KEY")
    pages = list(
        apigw.get_paginator("get_usage").paginate(
            usagePlanId=plan_id,
            startDate="2026-03-01",
            endDate="2026-03-01",
            PaginationConfig={"PageSize": 2},
        )
    )
    seen = [key for page in pages for key in page["items"]]
    assert len(pages) == 3
    assert sorted(seen) == sorted(keys)
    assert all(page["usagePlanId"] == plan_id for page in pages)


def test_record_usage_misuse(mockway: mockway.Handle, apigw: Any, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    stranger = api_key(apigw, "stranger")["id"]
    view = mockway.apigateway()
    with pytest.raises(MockwayError, match="is not in usage plan"):
        view.record_usage(plan_id, stranger)
    with pytest.raises(MockwayError, match="must not be negative"):
        view.record_usage(plan_id, key_id, -1)
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-11") == [[0, 10]]


# -- UpdateUsage -------------------------------------------------------------------------------


def test_update_remaining_sets_todays_window(
    apigw: Any, mockway: mockway.Handle, key_id: str, frozen: Any
) -> None:
    plan_id = quota_plan(apigw, key_id, 5000, "WEEK")
    view = mockway.apigateway()
    view.record_usage(plan_id, key_id, 100, day=day("2026-03-09"))
    view.record_usage(plan_id, key_id, 50)
    updated = set_remaining(apigw, plan_id, key_id, "10")
    assert status(updated) == 200
    assert body(updated) == {
        "usagePlanId": plan_id,
        "startDate": "2026-03-08",
        "endDate": "2026-03-11",
        "items": {key_id: [[0, 5000], [100, 4900], [0, 4900], [50, 10]]},
    }
    view.record_usage(plan_id, key_id, 4)
    view.record_usage(plan_id, key_id, 1, day=day("2026-03-12"))
    assert series(apigw, plan_id, key_id, "2026-03-10", "2026-03-15") == [
        [0, 4900],
        [54, 6],
        [1, 5],
        [0, 5],
        [0, 5],
        [0, 5000],
    ]


def test_update_remaining_can_raise_it(
    apigw: Any, mockway: mockway.Handle, key_id: str, frozen: Any
) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    mockway.apigateway().record_usage(plan_id, key_id, 10)
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-11") == [[10, 0]]
    updated = set_remaining(apigw, plan_id, key_id, "50")
    assert updated["items"] == {key_id: [[10, 50]]}
    assert updated["startDate"] == updated["endDate"] == "2026-03-11"
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-12") == [[10, 50], [0, 10]]


def test_update_usage_rejects_other_paths(apigw: Any, key_id: str, frozen: Any) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    cases = [
        (
            {"op": "replace", "path": "/used", "value": "1"},
            "Invalid patch path  '/used' specified for op 'replace'. Must be one of: [/remaining]",
        ),
        (
            {"op": "add", "path": "/remaining", "value": "1"},
            "Invalid patch path  '/remaining' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "replace", "path": "/remaining", "value": "lots"},
            "Invalid value 'lots' specified for /remaining",
        ),
        (
            {"op": "replace", "path": "/remaining", "value": "-5"},
            "Invalid value '-5' specified for /remaining",
        ),
        *(
            (
                {"op": "replace", "path": "/remaining", "value": value},
                f"Invalid value '{value}' specified for /remaining",
            )
            for value in ("9" * 19, "9" * 5000, "1_0", "\u0661", " 7")
        ),
    ]
    for op, message in cases:
        with pytest.raises(apigw.exceptions.BadRequestException) as info:
            apigw.update_usage(usagePlanId=plan_id, keyId=key_id, patchOperations=[op])
        assert error_of(info) == ("BadRequestException", message, 400)
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-11") == [[0, 10]]


def test_update_usage_bad_op_is_a_validation_error(apigw: Any, key_id: str, frozen: Any) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    with pytest.raises(apigw.exceptions.ClientError) as info:
        apigw.update_usage(
            usagePlanId=plan_id,
            keyId=key_id,
            patchOperations=[{"op": "set", "path": "/remaining", "value": "1"}],
        )
    assert error_of(info) == (
        "ValidationException",
        "1 validation error detected: Value 'set' at "
        "'updateUsageInput.patchOperations.1.member.op' failed to satisfy constraint: "
        "Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
        400,
    )
    assert series(apigw, plan_id, key_id, "2026-03-11", "2026-03-11") == [[0, 10]]


def test_update_usage_needs_a_quota(apigw: Any, key_id: str, frozen: Any) -> None:
    plan_id = plan_with_key(apigw, key_id)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        set_remaining(apigw, plan_id, key_id, "5")
    assert error_of(info) == (
        "BadRequestException",
        f"Usage plan {plan_id} has no quota to extend",
        400,
    )


def test_deleted_plan_has_no_usage(apigw: Any, mockway: mockway.Handle, key_id: str) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    mockway.apigateway().record_usage(plan_id, key_id, 3, day=day("2026-03-01"))
    apigw.delete_usage_plan(usagePlanId=plan_id)
    with pytest.raises(apigw.exceptions.NotFoundException):
        usage(apigw, plan_id, "2026-03-01", "2026-03-01")


def test_record_usage_takes_a_datetime_as_its_utc_day(
    apigw: Any, mockway: mockway.Handle, key_id: str
) -> None:
    plan_id = quota_plan(apigw, key_id, 10, "DAY")
    view = mockway.apigateway()
    view.record_usage(plan_id, key_id, 2, day=datetime.datetime(2026, 3, 1, 15, 30))
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    view.record_usage(plan_id, key_id, 3, day=datetime.datetime(2026, 3, 2, 8, 0, tzinfo=tokyo))
    assert series(apigw, plan_id, key_id, "2026-02-28", "2026-03-02") == [
        [0, 10],
        [5, 5],
        [0, 10],
    ]


def test_a_date_range_longer_than_a_leap_year_is_a_400(apigw: Any) -> None:
    plan = apigw.create_usage_plan(name="p")
    usage = apigw.get_usage(usagePlanId=plan["id"], startDate="2024-01-01", endDate="2024-12-31")
    assert usage["startDate"] == "2024-01-01"
    with pytest.raises(apigw.exceptions.BadRequestException) as raised:
        apigw.get_usage(usagePlanId=plan["id"], startDate="2024-01-01", endDate="2025-01-01")
    assert raised.value.response["Error"]["Message"] == (
        "The date range must not be longer than 366 days"
    )
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
