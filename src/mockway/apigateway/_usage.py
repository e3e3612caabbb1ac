"""The usage ledger, GetUsage and UpdateUsage.

Usage is counted per usage plan, API key and UTC day. A quota's period and offset cut days into
windows (see docs/fidelity.md): DAY is one UTC day; WEEK starts on Sunday plus ``offset`` days;
MONTH starts on day ``offset + 1`` of the month. ``remaining`` on a day is the quota's limit,
less what was used in that day's window up to and including that day, plus what UpdateUsage
granted in the window up to that day.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from .._clock import UTC
from .._patch import PatchRules, whole_value
from .._registry import Call
from . import _errors as e
from ._listing import requested
from ._plan_models import Quota, UsagePlan

if TYPE_CHECKING:
    from ._models import ApiGatewayBackend

__all__ = ["OPERATIONS", "UsageLedger", "utc_day", "window_start"]

MAX_RANGE_DAYS = 366
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PATCH = PatchRules({"replace": ["/remaining"]})
_ONE_DAY = datetime.timedelta(days=1)
# A day this long after a window's first day falls in the next window (a MONTH window starts
# on day 28 at the latest).
_INTO_NEXT_WINDOW = {
    "DAY": _ONE_DAY,
    "WEEK": datetime.timedelta(days=7),
    "MONTH": datetime.timedelta(days=31),
}

Ledger = dict[tuple[str, str], dict[datetime.date, int]]


_utc_days: dict[float, datetime.date] = {}


def utc_day(epoch_seconds: float) -> datetime.date:
    """The UTC day a moment falls on (the last few kept: every request asks)."""
    number = epoch_seconds // 86_400
    day = _utc_days.get(number)
    if day is None:
        day = datetime.datetime.fromtimestamp(epoch_seconds, UTC).date()
        if len(_utc_days) >= 8:
            _utc_days.clear()
        _utc_days[number] = day
    return day


def window_start(day: datetime.date, quota: Quota) -> datetime.date:
    """The first day of the quota window ``day`` falls in (at the earliest, the first day of
    the calendar)."""
    try:
        if quota.period == "WEEK":
            days_since_sunday = (day.weekday() + 1) % 7
            return day - datetime.timedelta(days=(days_since_sunday - quota.offset) % 7)
        if quota.period == "MONTH":
            first = quota.offset + 1
            if day.day >= first:
                return day.replace(day=first)
            previous = day.replace(day=1) - _ONE_DAY
            return previous.replace(day=first)
    except OverflowError:
        return datetime.date.min
    return day


def _next_window(
    day: datetime.date, quota: Quota, into_next: datetime.timedelta
) -> datetime.date | None:
    """The first day of the window after ``day``'s, or None past the end of the calendar."""
    try:
        return window_start(window_start(day, quota) + into_next, quota)
    except OverflowError:
        return None


class UsageLedger:
    """Requests used, and quota granted by UpdateUsage, per (plan, key) and UTC day."""

    __slots__ = ("_granted", "_used")

    def __init__(self) -> None:
        self._used: Ledger = {}
        self._granted: Ledger = {}

    def record(self, plan_id: str, key_id: str, day: datetime.date, requests: int) -> None:
        days = self._used.setdefault((plan_id, key_id), {})
        days[day] = days.get(day, 0) + requests

    def forget_plan(self, plan_id: str) -> None:
        for ledger in (self._used, self._granted):
            for pair in [pair for pair in ledger if pair[0] == plan_id]:
                del ledger[pair]

    def remaining(self, plan_id: str, key_id: str, quota: Quota, day: datetime.date) -> int:
        """What is left of ``quota`` on ``day`` (below zero once overdrawn by UpdateUsage)."""
        return self._remaining((plan_id, key_id), quota, day)

    def _remaining(self, pair: tuple[str, str], quota: Quota, day: datetime.date) -> int:
        used = self._used.get(pair, {})
        granted = self._granted.get(pair, {})
        first = window_start(day, quota)
        total = quota.limit or 0
        if first == day:  # a window of one day so far (a DAY quota's, always)
            return total + granted.get(day, 0) - used.get(day, 0)
        total += sum(n for when, n in granted.items() if first <= when <= day)
        total -= sum(n for when, n in used.items() if first <= when <= day)
        return total

    def series(
        self, plan: UsagePlan, key_id: str, first: datetime.date, last: datetime.date
    ) -> list[list[int]]:
        """``[used, remaining]`` for each day from ``first`` to ``last``; remaining is 0 for a
        plan without a quota.

        Each day's remaining is the day before's plus that day's change, until a window
        starts: a range is walked once, not once per day.
        """
        pair = (plan.id, key_id)
        used = self._used.get(pair, {})
        quota = plan.quota
        if quota is None:
            return [[used.get(day, 0), 0] for day in _days(first, last)]
        granted = self._granted.get(pair, {})
        into_next_window = _INTO_NEXT_WINDOW.get(quota.period or "", _ONE_DAY)
        limit = quota.limit or 0
        remaining = self._remaining(pair, quota, first)
        out = [[used.get(first, 0), max(0, remaining)]]
        next_window = _next_window(first, quota, into_next_window)  # None: past the calendar
        day = first
        for _ in range((last - first).days):
            day += _ONE_DAY
            used_today = used.get(day, 0)
            if next_window is not None and day >= next_window:  # a window starts today
                remaining = limit
                next_window = _next_window(day, quota, into_next_window)
            remaining += granted.get(day, 0) - used_today
            out.append([used_today, remaining if remaining > 0 else 0])
        return out

    def set_remaining(
        self, plan: UsagePlan, key_id: str, day: datetime.date, remaining: int
    ) -> None:
        assert plan.quota is not None
        pair = (plan.id, key_id)
        granted = self._granted.setdefault(pair, {})
        granted[day] = granted.get(day, 0) + remaining - self._remaining(pair, plan.quota, day)


def _date(value: str, name: str) -> datetime.date:
    if _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise e.bad_request(e.INVALID_DATE.format(name=name, value=value))


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days from ``start`` to ``end``, both included."""
    days = []
    day = start
    while day < end:  # never past ``end``: it may be the calendar's last day
        days.append(day)
        day += _ONE_DAY
    days.append(end)
    return days


def _plan_with_key(backend: ApiGatewayBackend, plan_id: str, key_id: str) -> UsagePlan:
    plan = backend.usage_plan(plan_id)
    if key_id not in plan.key_ids:
        raise e.not_found(e.KEY_NOT_IN_PLAN_USAGE)
    return plan


def get_usage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    plan = backend.usage_plan(p["usagePlanId"])
    start, end = _date(p["startDate"], "startDate"), _date(p["endDate"], "endDate")
    if end < start:
        raise e.bad_request(e.DATE_RANGE_REVERSED)
    if (end - start).days >= MAX_RANGE_DAYS:
        raise e.bad_request(e.DATE_RANGE_TOO_LONG.format(days=MAX_RANGE_DAYS))
    limit, position = requested(call)
    next_token = None
    if p.get("keyId"):
        _plan_with_key(backend, plan.id, p["keyId"])
        key_ids = [p["keyId"]]
    else:
        found = plan.key_ids.page(limit, position, newest_first=True)
        if found is None:
            raise e.bad_request(e.INVALID_POSITION)
        key_ids, next_token = found.items, found.next_token
    out: dict[str, Any] = {
        "usagePlanId": plan.id,
        "startDate": p["startDate"],
        "endDate": p["endDate"],
    }
    if next_token is not None:
        out["position"] = next_token
    out["items"] = {key_id: backend.usage.series(plan, key_id, start, end) for key_id in key_ids}
    return out


def update_usage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    key_id = p["keyId"]
    plan = _plan_with_key(backend, p["usagePlanId"], key_id)
    remaining: list[int] = []
    for op in PATCH.parse(p.get("patchOperations")):
        value = whole_value(op.value, 64)
        if value is None or value < 0:
            raise e.bad_request(e.INVALID_REMAINING.format(value=op.value))
        remaining.append(value)
    if remaining and plan.quota is None:
        raise e.bad_request(e.NO_QUOTA_FOR_USAGE.format(plan=plan.id))
    today = utc_day(call.now)
    for value in remaining:
        backend.usage.set_remaining(plan, key_id, today, value)
    start = today if plan.quota is None else window_start(today, plan.quota)
    return {
        "usagePlanId": plan.id,
        "startDate": start.isoformat(),
        "endDate": today.isoformat(),
        "items": {key_id: backend.usage.series(plan, key_id, start, today)},
    }


OPERATIONS = {"GetUsage": get_usage, "UpdateUsage": update_usage}
