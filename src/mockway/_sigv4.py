"""Signature Version 4, read as AWS's front doors read it, by mockway's clock.

mockway mocks no IAM, so it holds no secret keys: a signature is read for its form, its scope
and its time, never recomputed. Both data planes read it here: execute-api (``AWS_IAM``
methods) and AppSync (``AWS_IAM`` APIs).

A signature's time is ``X-Amz-Date`` (else the ``Date`` header). It may be 5 minutes from the
clock either way; a presigned URL's ``X-Amz-Expires`` does not widen that window, as AWS's
front doors for execute-api and STS are observed to ignore it (docs/fidelity.md).
"""

from __future__ import annotations

import datetime
import email.utils

from ._http import HttpRequest

__all__ = ["ALGORITHM", "SKEW", "header_parts", "signed_date", "skew", "stamp"]

ALGORITHM = "AWS4-HMAC-SHA256"
SKEW = 300.0
"""How far a signature's time may be from the clock, either way (5 minutes)."""
_AMZ_DATE = "%Y%m%dT%H%M%SZ"


def header_parts(header: str) -> dict[str, str]:
    """``Credential``, ``SignedHeaders`` and ``Signature`` of an ``Authorization`` header, as
    far as it has them (none for another algorithm)."""
    algorithm, _, rest = header.strip().partition(" ")
    parts: dict[str, str] = {}
    if algorithm == ALGORITHM:
        for item in rest.split(","):
            name, _, value = item.strip().partition("=")
            parts[name] = value
    return parts


def stamp(epoch: float) -> str:
    """``epoch`` in the form ``X-Amz-Date`` has (``20260101T000000Z``)."""
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(_AMZ_DATE)


def signed_date(request: HttpRequest) -> str | None:
    """The time a header signature names: ``X-Amz-Date``, else the HTTP ``Date`` header in
    that form, else None."""
    date = request.header("x-amz-date")
    if date is not None:
        return date
    http_date = request.header("date")
    if http_date is None:
        return None
    try:
        return stamp(email.utils.parsedate_to_datetime(http_date).timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def skew(date: str, now: float) -> str | None:
    """Why a signature made at ``date`` is refused at ``now``, in AWS's words, or None when
    it is within 5 minutes of the clock. Raises ValueError for a ``date`` not in the form."""
    signed = datetime.datetime.strptime(date, _AMZ_DATE)
    when = signed.replace(tzinfo=datetime.timezone.utc).timestamp()
    if when < now - SKEW:
        return (
            f"Signature expired: {date} is now earlier than {stamp(now - SKEW)} "
            f"({stamp(now)} - 5 min.)"
        )
    if when > now + SKEW:
        return (
            f"Signature not yet current: {date} is still later than {stamp(now + SKEW)} "
            f"({stamp(now)} + 5 min.)"
        )
    return None
