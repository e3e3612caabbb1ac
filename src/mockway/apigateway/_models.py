"""API Gateway resources as the backend stores them, and their wire renderings."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from .._clock import to_datetime
from .._ids import IdSource
from .._paging import OrderedStore
from . import _errors as e

__all__ = ["ApiKey", "ApiGatewayBackend", "MAX_API_KEYS"]

MAX_API_KEYS = 10_000
MAX_NAME = 1024
MAX_DESCRIPTION = 125_000
MIN_VALUE, MAX_VALUE = 20, 128
GENERATED_VALUE_LENGTH = 40
API_KEY_ID_LENGTH = 10


@dataclass(slots=True)
class ApiKey:
    id: str
    value: str
    name: str | None
    description: str | None
    enabled: bool
    customer_id: str | None
    created: int
    updated: int
    stage_keys: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)

    def render(self, *, value: bool, tags: bool) -> dict[str, Any]:
        """The ApiKey shape; ``tags`` renders an empty map too, as Get and Update do."""
        out: dict[str, Any] = {"id": self.id}
        if value:
            out["value"] = self.value
        if self.name is not None:
            out["name"] = self.name
        if self.customer_id is not None:
            out["customerId"] = self.customer_id
        if self.description is not None:
            out["description"] = self.description
        out["enabled"] = self.enabled
        out["createdDate"] = to_datetime(self.created)
        out["lastUpdatedDate"] = to_datetime(self.updated)
        out["stageKeys"] = list(self.stage_keys)
        if tags or self.tags:
            out["tags"] = dict(self.tags)
        return out

    def copy(self) -> ApiKey:
        return ApiKey(
            self.id,
            self.value,
            self.name,
            self.description,
            self.enabled,
            self.customer_id,
            self.created,
            self.updated,
            list(self.stage_keys),
            dict(self.tags),
        )


def check_name(name: str | None) -> str | None:
    """A key's name as stored: an empty name is no name."""
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise e.bad_request(e.API_KEY_NAME_TOO_LONG)
    return name


def check_description(description: str | None) -> str | None:
    if description is None:
        return None
    if len(description) > MAX_DESCRIPTION:
        raise e.bad_request(e.API_KEY_DESCRIPTION_TOO_LONG)
    return description


def value_problem(value: str) -> str | None:
    if len(value) < MIN_VALUE:
        return e.API_KEY_VALUE_TOO_SHORT
    if len(value) > MAX_VALUE:
        return e.API_KEY_VALUE_TOO_LONG
    return None


class ApiGatewayBackend:
    """Everything API Gateway holds for one (account, region)."""

    def __init__(self, account_id: str, region: str) -> None:
        self.lock = threading.Lock()
        self.account_id = account_id
        self.region = region
        self.api_keys: OrderedStore[ApiKey] = OrderedStore()
        self.key_id_by_value: dict[str, str] = {}
        self.usage_plans: OrderedStore[Any] = OrderedStore()

    def add_plan_key(self, plan_id: str, key_id: str) -> None:
        raise NotImplementedError("usage plans")

    def api_key(self, key_id: str) -> ApiKey:
        key = self.api_keys.get(key_id)
        if key is None:
            raise e.not_found(e.API_KEY_NOT_FOUND)
        return key

    def new_api_key_id(self, ids: IdSource) -> str:
        while True:
            key_id = ids.lower_alnum(API_KEY_ID_LENGTH)
            if key_id not in self.api_keys:
                return key_id

    def new_api_key_value(self, ids: IdSource) -> str:
        while True:
            value = ids.mixed_alnum(GENERATED_VALUE_LENGTH)
            if value not in self.key_id_by_value:
                return value

    def check_room_for(self, new_keys: int) -> None:
        if len(self.api_keys) + new_keys > MAX_API_KEYS:
            raise e.limit_exceeded(e.API_KEY_LIMIT)

    def store_api_key(self, key: ApiKey) -> None:
        if key.id not in self.api_keys:
            self.check_room_for(1)
        self.api_keys.add(key.id, key)
        self.key_id_by_value[key.value] = key.id

    def delete_api_key(self, key_id: str) -> None:
        key = self.api_key(key_id)
        self.api_keys.remove(key_id)
        del self.key_id_by_value[key.value]
