"""Authorizers of a REST API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["OPERATIONS", "Authorizer"]


@dataclass(slots=True)
class Authorizer:
    id: str
    name: str
    type: str
    provider_arns: list[str] | None = None
    auth_type: str | None = None
    authorizer_uri: str | None = None
    authorizer_credentials: str | None = None
    identity_source: str | None = None
    identity_validation_expression: str | None = None
    authorizer_result_ttl_in_seconds: int | None = None


OPERATIONS: dict[str, Any] = {}
