"""Throttle: token buckets, one per limit that applies to the request.

Each limit is a bucket of ``burstLimit`` tokens refilled at ``rateLimit`` tokens a second by
mockway's clock (so a frozen clock refills nothing). The limits that apply:

* the account's (GetAccount's ``throttleSettings``), shared by every API of the account and
  region;
* the stage's method setting for the method (else the stage's ``*/*``), per method;
* the usage plan's throttle, per API key, shared by every stage of the plan;
* the plan's throttle for the method on this stage (``apiStages[].throttle``), per API key.

A request takes a token from each; when one of them is empty it takes none and is 429
``Too Many Requests``: the strictest limit applies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._account import BURST_LIMIT, RATE_LIMIT
from .._plan_models import Throttle
from ._authorize import Caller
from ._responses import THROTTLED, GatewayError
from ._route import Route
from ._target import Target
from ._traffic import Bucket, Traffic

__all__ = ["Held", "Limit", "buckets", "limits", "take"]

Limit = tuple[tuple[str, ...], float, float]
"""A bucket's key, its capacity and its rate."""
Held = tuple[Bucket, float, float]
"""A bucket, with the capacity and rate its limit gives it now."""


def _capacity(burst: float, rate: float) -> float | None:
    """A bucket's size, or None for no limit. A limit with a rate and no burst lets one
    request through at a time; one with neither lets none through."""
    if burst < 0 or rate < 0:
        return None
    if burst < 1 and rate > 0:
        return 1.0
    return float(burst)


def _stage_setting(target: Target, route: Route) -> Mapping[str, Any] | None:
    """The stage's method setting for the route's method, as UpdateStage keyed it: the
    resource path without its leading slash, escaped or not (``pets/GET``, ``~1pets/GET``),
    then the method, ``*`` or ``*/*``."""
    settings = target.stage.method_settings
    if not settings:
        return None
    plain = route.path[1:]
    escaped = plain.replace("~", "~0").replace("/", "~1")
    for resource in dict.fromkeys((plain, escaped, "~1" + escaped)):
        for method in (route.method, "*"):
            setting = settings.get(f"{resource}/{method}")
            if setting is not None:
                return setting
    return settings.get("*/*")


def limits(target: Target, route: Route, caller: Caller | None) -> tuple[Limit, ...]:
    """The limits that apply to a request of ``caller`` on the route, each as its bucket's key,
    capacity and rate; a limit that limits nothing is left out."""
    found = []
    for key, burst, rate in _limits(target, route, caller):
        capacity = _capacity(burst, rate)
        if capacity is not None:
            found.append((key, capacity, rate))
    return tuple(found)


def _limits(
    target: Target, route: Route, caller: Caller | None
) -> Iterator[tuple[tuple[str, ...], float, float]]:
    yield ("account",), BURST_LIMIT, RATE_LIMIT
    setting = _stage_setting(target, route)
    if setting is not None and "throttlingBurstLimit" in setting:
        yield (
            ("stage", target.api.id, target.stage.stage_name, route.path, route.method),
            setting["throttlingBurstLimit"],
            setting.get("throttlingRateLimit", 0.0),
        )
    if caller is None:
        return
    throttle = caller.plan.throttle
    if throttle is not None:
        yield ("plan", caller.plan.id, caller.key_id), throttle.burst_limit, throttle.rate_limit
    stage = caller.api_stage
    method: Throttle | None = stage.throttle.get(f"{route.path}/{route.method}")
    if method is not None:
        yield (
            ("plan-method", caller.plan.id, caller.key_id, stage.ref, route.path, route.method),
            method.burst_limit,
            method.rate_limit,
        )


def buckets(traffic: Traffic, limits: tuple[Limit, ...], now: float) -> tuple[Held, ...]:
    """The bucket of each limit, made full at ``now`` when it is new."""
    found = []
    for key, capacity, rate in limits:
        bucket = traffic.buckets.get(key)
        if bucket is None:
            bucket = traffic.buckets[key] = Bucket(capacity, now, capacity, rate)
        found.append((bucket, capacity, rate))
    return tuple(found)


def take(held: tuple[Held, ...], now: float) -> None:
    """Take a token from every bucket, or none and refuse the request."""
    for bucket, capacity, rate in held:
        bucket.refill(now, capacity, rate)
        if bucket.tokens < 1:
            raise GatewayError(THROTTLED)
    for bucket, _, _ in held:
        bucket.tokens -= 1
