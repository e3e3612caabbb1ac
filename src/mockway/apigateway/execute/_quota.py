"""Quota and metering: the usage plan's quota for the API key, and the usage ledger GetUsage
reads.

A request with a key is counted on its UTC day once it has passed the key check, the throttles
and the quota, whatever the integration answers then; one refused (403, 429) is not counted. A
key whose quota window has nothing left is 429 ``Limit Exceeded``.
"""

from __future__ import annotations

from .._models import ApiGatewayBackend
from .._usage import utc_day
from ._authorize import Caller
from ._responses import QUOTA_EXCEEDED, GatewayError

__all__ = ["meter"]


def meter(backend: ApiGatewayBackend, caller: Caller | None, now: float) -> None:
    if caller is None:
        return
    plan, day = caller.plan, utc_day(now)
    quota = plan.quota
    if quota is not None and backend.usage.remaining(plan.id, caller.key_id, quota, day) <= 0:
        raise GatewayError(QUOTA_EXCEEDED)
    backend.usage.record(plan.id, caller.key_id, day, 1)
