"""Read-only snapshots of API Gateway's backend, for tests' assertions."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .._clock import UTC
from ._models import ApiGatewayBackend, ApiKey

__all__ = ["ApiGatewayView", "ApiKeyRecord"]


def _utc(epoch_seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch_seconds, UTC)


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    """An API key as API Gateway holds it (``value`` always included)."""

    id: str
    value: str
    name: str | None
    description: str | None
    enabled: bool
    customer_id: str | None
    created_date: datetime.datetime
    last_updated_date: datetime.datetime
    stage_keys: tuple[str, ...]
    tags: Mapping[str, str]

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyRecord:
        return cls(
            key.id,
            key.value,
            key.name,
            key.description,
            key.enabled,
            key.customer_id,
            _utc(key.created),
            _utc(key.updated),
            tuple(key.stage_keys),
            MappingProxyType(dict(key.tags)),
        )


class ApiGatewayView:
    """API Gateway's state for one (account, region); every read is a consistent snapshot."""

    __slots__ = ("_backend",)

    def __init__(self, backend: ApiGatewayBackend) -> None:
        self._backend = backend

    @property
    def account_id(self) -> str:
        return self._backend.account_id

    @property
    def region(self) -> str:
        return self._backend.region

    def api_keys(self) -> tuple[ApiKeyRecord, ...]:
        """Every API key, newest first (the order GetApiKeys lists them in)."""
        with self._backend.lock:
            keys = list(self._backend.api_keys.values())
        return tuple(ApiKeyRecord.of(k) for k in reversed(keys))

    def api_key(self, key_id: str) -> ApiKeyRecord | None:
        with self._backend.lock:
            key = self._backend.api_keys.get(key_id)
            return None if key is None else ApiKeyRecord.of(key)
