"""The one clock every backend reads, at call time.

Reading ``time.time`` through the module (never a saved reference) lets freezegun and
time-machine move mockway's clock exactly as they move the caller's.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

__all__ = ["UTC", "now", "to_datetime"]

UTC = datetime.timezone.utc
_local: Any = None


def now() -> float:
    """Seconds since the epoch, as the mocked service's clock reads them."""
    return time.time()


_RENDERED: dict[float, datetime.datetime] = {}
_RENDERED_MAX = 4096
# The identity, not the class: freezegun rebinds module attributes that hold the class.
_rendered_class_id = id(datetime.datetime)


def datetime_kind() -> int:
    """Which datetime class is current: freezegun swaps its own in while active."""
    return id(datetime.datetime)


def to_datetime(epoch_seconds: float) -> datetime.datetime:
    """What botocore's timestamp parser makes of an epoch number on the wire.

    botocore parses epoch values with ``datetime.fromtimestamp(value, tzlocal())``; the
    result has to be equal, and of the same kind, for users' assertions to hold.

    dateutil's ``tzlocal`` makes that conversion cost microseconds, and a page of API keys
    renders two per key, mostly of the same few seconds: results are kept (datetimes are
    immutable) in a bounded table, emptied when full.
    """
    global _rendered_class_id, _local
    if _local is None:  # dateutil loads with botocore's client; not at mockway's import
        from dateutil.tz import tzlocal

        _local = tzlocal()
    if id(datetime.datetime) != _rendered_class_id:
        # freezegun swaps in its own datetime class while active, and botocore's parser makes
        # its timestamps of whichever class is current: what was kept is of the wrong kind.
        _RENDERED.clear()
        _rendered_class_id = id(datetime.datetime)
    rendered = _RENDERED.get(epoch_seconds)
    if rendered is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        rendered = _RENDERED[epoch_seconds] = datetime.datetime.fromtimestamp(epoch_seconds, _local)
    return rendered
