"""Constants and helpers shared by the AppSync tests."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

REGION = "us-east-1"
ACCOUNT = "123456789012"
HOUR = 3600
DAY = 24 * HOUR

# A moment well inside an hour, so a ticking clock stays in it for the whole test.
T0 = datetime.datetime(2026, 3, 1, 12, 30, 15, tzinfo=datetime.timezone.utc)
T0_EPOCH = int(T0.timestamp())


def floor_hour(epoch_seconds: int) -> int:
    return epoch_seconds - epoch_seconds % HOUR


def error_of(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str, int]:
    """(code, message, HTTP status) of a ClientError."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )
