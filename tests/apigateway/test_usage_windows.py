"""GetUsage's remaining quota, day by day, against the windows as docs/fidelity.md defines
them: any range, period, offset, usage and UpdateUsage grant."""

from __future__ import annotations

import datetime
from typing import Any

import boto3
from builders import REGION, api_key, plan_with_key
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mockway

ONE_DAY = datetime.timedelta(days=1)
BASE = datetime.date(2027, 1, 20)  # ranges from here cross month ends and a short February
SPAN = 100
OFFSET_MAX = {"DAY": 0, "WEEK": 6, "MONTH": 27}

quotas = st.sampled_from(sorted(OFFSET_MAX)).flatmap(
    lambda period: st.tuples(st.just(period), st.integers(0, OFFSET_MAX[period]))
)


def window_start(day: datetime.date, period: str, offset: int) -> datetime.date:
    """DAY: the day; WEEK: Sunday plus ``offset`` days; MONTH: day ``offset + 1``."""
    if period == "WEEK":
        start = day - (day.weekday() + 1) % 7 * ONE_DAY + offset * ONE_DAY
        return start if start <= day else start - 7 * ONE_DAY
    if period == "MONTH":
        start = day.replace(day=offset + 1)
        return start if start <= day else (day.replace(day=1) - ONE_DAY).replace(day=offset + 1)
    return day


def spent(used: dict[int, int], start: datetime.date, day: datetime.date) -> int:
    """Requests used from ``start`` to ``day``, both included."""
    return sum(used.get((start - BASE).days + n, 0) for n in range((day - start).days + 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    quota=quotas,
    limit=st.integers(0, 500),
    used=st.dictionaries(st.integers(0, SPAN), st.integers(0, 60), max_size=25),
    first=st.integers(0, SPAN),
    length=st.integers(1, 70),
    grant=st.none() | st.tuples(st.integers(0, SPAN), st.integers(0, 900)),
)
def test_remaining_is_the_limit_less_the_window_so_far(
    quota: tuple[str, int],
    limit: int,
    used: dict[int, int],
    first: int,
    length: int,
    grant: tuple[int, int] | None,
) -> None:
    period, offset = quota
    start = BASE + first * ONE_DAY
    days = [start + n * ONE_DAY for n in range(length)]
    with mockway.mock_aws() as handle:
        aws: Any = boto3.client("apigateway", region_name=REGION)
        key_id = api_key(aws, "metered")["id"]
        plan_quota = {"limit": limit, "period": period, "offset": offset}
        plan_id = plan_with_key(aws, key_id, quota=plan_quota)
        for n, requests in used.items():
            handle.apigateway().record_usage(plan_id, key_id, requests, day=BASE + n * ONE_DAY)
        granted_on = granted = None
        if grant is not None:
            granted_on = BASE + grant[0] * ONE_DAY
            window = window_start(granted_on, period, offset)
            granted = grant[1] - (limit - spent(used, window, granted_on))
            noon = datetime.datetime.combine(granted_on, datetime.time(12), datetime.timezone.utc)
            replace = {"op": "replace", "path": "/remaining", "value": str(grant[1])}
            with freeze_time(noon):
                aws.update_usage(usagePlanId=plan_id, keyId=key_id, patchOperations=[replace])
        got = aws.get_usage(
            usagePlanId=plan_id,
            keyId=key_id,
            startDate=days[0].isoformat(),
            endDate=days[-1].isoformat(),
        )["items"][key_id]

    expected = []
    for day in days:
        window = window_start(day, period, offset)
        remaining = limit - spent(used, window, day)
        if granted_on is not None and granted is not None and window <= granted_on <= day:
            remaining += granted
        expected.append([used.get((day - BASE).days, 0), max(0, remaining)])
    assert got == expected
