"""AppSync: GraphQL APIs and their API keys."""

from __future__ import annotations

import threading
from typing import Any

from .._registry import Service

__all__ = ["SERVICE", "AppSyncBackend"]


class AppSyncBackend:
    def __init__(self, account_id: str, region: str) -> None:
        self.lock = threading.Lock()
        self.account_id = account_id
        self.region = region


OPERATIONS: dict[str, Any] = {}

SERVICE: Service[AppSyncBackend] = Service(
    name="appsync",
    event_id="appsync",
    backend=AppSyncBackend,
    operations=OPERATIONS,
    type_error_code="BadRequestException",
    validation_error_code="BadRequestException",
)
