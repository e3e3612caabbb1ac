"""The one clock every backend reads, at call time.

Reading ``time.time`` through the module (never a saved reference) lets freezegun and
time-machine move mockway's clock exactly as they move the caller's.
"""

from __future__ import annotations

import datetime
import time

from dateutil.tz import tzlocal, tzutc

__all__ = ["now", "to_datetime", "UTC"]

UTC = tzutc()
_LOCAL = tzlocal()


def now() -> float:
    """Seconds since the epoch, as the mocked service's clock reads them."""
    return time.time()


def to_datetime(epoch_seconds: float) -> datetime.datetime:
    """What botocore's timestamp parser makes of an epoch number on the wire.

    botocore parses epoch values with ``datetime.fromtimestamp(value, tzlocal())``; the
    result has to be equal, and of the same kind, for users' assertions to hold.
    """
    return datetime.datetime.fromtimestamp(epoch_seconds, _LOCAL)
