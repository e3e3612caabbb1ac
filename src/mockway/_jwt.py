"""JSON Web Tokens as both services' token authorization reads them (API Gateway's Cognito
user pool authorizers, AppSync's Cognito and OpenID Connect providers).

mockway mocks no identity provider and holds no signing keys, so a token's signature is never
checked: its claims are read as they are, and the services hold them to their issuer, audience,
use and times.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from typing import Any

__all__ = ["claims_of", "fullmatch", "seconds"]


def _json(part: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        return None


def claims_of(token: str) -> dict[str, Any] | None:
    """A JWT's claims (``Bearer `` before it allowed), or None when it is no JWT: three parts,
    the first two JSON objects in unpadded Base64url."""
    parts = token.removeprefix("Bearer ").strip().split(".")
    if len(parts) != 3:
        return None
    header, claims = _json(parts[0]), _json(parts[1])
    if not isinstance(header, dict) or not isinstance(claims, dict):
        return None
    return claims


def fullmatch(pattern: str, value: str) -> bool:
    """Whether the whole of ``value`` matches ``pattern``; a pattern that is no regular
    expression matches nothing."""
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return False


LATEST = 253402300799.0
"""The last second of year 9999: a time past it is no time a token can name."""


def seconds(claims: dict[str, Any], name: str) -> float | None:
    """A time claim (``exp``, ``iat``, ``auth_time``) in epoch seconds, or None when it is not
    a finite number of seconds within the calendar."""
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or not 0 <= value <= LATEST:
        return None
    return float(value)
