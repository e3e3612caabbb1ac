"""Read-only snapshots of AppSync's backend, for tests' assertions."""

from __future__ import annotations

from . import AppSyncBackend

__all__ = ["AppSyncView"]


class AppSyncView:
    """AppSync's state for one (account, region)."""

    __slots__ = ("_backend",)

    def __init__(self, backend: AppSyncBackend) -> None:
        self._backend = backend

    @property
    def account_id(self) -> str:
        return self._backend.account_id

    @property
    def region(self) -> str:
        return self._backend.region
