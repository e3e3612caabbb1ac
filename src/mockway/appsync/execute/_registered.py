"""What an account and region's GraphQL data plane keeps beside its state: the Lambda handlers,
HTTP endpoints and DynamoDB clients a test registers, and the API caches' entries. Each is kept
beside its backend, weakly: it goes with the backend, and snapshots do not carry it."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from typing import Generic, TypeVar

from .._models import AppSyncBackend

__all__ = ["Registered"]

T = TypeVar("T")


class Registered(Generic[T]):
    """Registrations of one kind, by backend, each a map by key (a function, a URL prefix, a
    region). ``lock`` guards the maps."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._kept: weakref.WeakKeyDictionary[AppSyncBackend, dict[str, T]] = (
            weakref.WeakKeyDictionary()
        )

    def of(self, backend: AppSyncBackend) -> dict[str, T]:
        """The backend's registrations (the map itself: reads take ``lock``)."""
        found = self._kept.get(backend)
        if found is not None:
            return found
        with self.lock:
            found = self._kept.get(backend)
            if found is None:
                found = self._kept[backend] = {}
            return found

    def put(self, backend: AppSyncBackend, key: str, value: T) -> None:
        """Register ``value`` for ``key``, replacing an earlier one."""
        found = self.of(backend)
        with self.lock:
            found[key] = value

    def get(self, registered: Mapping[str, T], key: str) -> T | None:
        """``registered[key]``, if there is one, read under the lock."""
        with self.lock:
            return registered.get(key)
