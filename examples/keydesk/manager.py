"""Customer API keys on API Gateway: issue, rotate, disable, and report usage.

A customer's key lives in one usage plan (its tier). Rotation issues a new key in the same
plans and disables the old one, so callers can switch over before the old key is deleted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IssuedKey:
    id: str
    value: str
    customer_id: str


@dataclass(frozen=True)
class UsageSummary:
    key_id: str
    used: int
    remaining_today: int


class KeyManager:
    def __init__(self, apigateway: Any) -> None:
        self._client = apigateway

    def issue(self, customer_id: str, plan_id: str, *, name: str | None = None) -> IssuedKey:
        created = self._client.create_api_key(
            name=name or f"customer-{customer_id}",
            customerId=customer_id,
            enabled=True,
            tags={"customer": customer_id},
        )
        self._client.create_usage_plan_key(
            usagePlanId=plan_id, keyId=created["id"], keyType="API_KEY"
        )
        return IssuedKey(created["id"], created["value"], customer_id)

    def plans_of(self, key_id: str) -> list[str]:
        pages = self._client.get_paginator("get_usage_plans").paginate(keyId=key_id)
        return [plan["id"] for page in pages for plan in page["items"]]

    def rotate(self, key_id: str) -> IssuedKey:
        """A new key for the same customer, in the same plans; the old key is disabled."""
        old = self._client.get_api_key(apiKey=key_id)
        plans = self.plans_of(key_id)
        for plan_id in plans:  # a key may be in one plan per stage: make room first
            self._client.delete_usage_plan_key(usagePlanId=plan_id, keyId=key_id)
        new = self.issue(old["customerId"], plans[0], name=old.get("name"))
        for plan_id in plans[1:]:
            self._client.create_usage_plan_key(usagePlanId=plan_id, keyId=new.id, keyType="API_KEY")
        self.disable(key_id)
        return new

    def disable(self, key_id: str) -> None:
        self._client.update_api_key(
            apiKey=key_id, patchOperations=[{"op": "replace", "path": "/enabled", "value": "false"}]
        )

    def active_keys(self, customer_id: str) -> list[str]:
        pages = self._client.get_paginator("get_api_keys").paginate(customerId=customer_id)
        return [key["id"] for page in pages for key in page["items"] if key["enabled"]]

    def usage(self, plan_id: str, day: datetime.date) -> list[UsageSummary]:
        usage = self._client.get_usage(
            usagePlanId=plan_id, startDate=day.isoformat(), endDate=day.isoformat()
        )
        return [
            UsageSummary(key_id, days[0][0], days[0][1])
            for key_id, days in sorted(usage["items"].items())
        ]

    def grant(self, plan_id: str, key_id: str, remaining: int) -> None:
        """Give a customer ``remaining`` more calls for the rest of the quota period."""
        self._client.update_usage(
            usagePlanId=plan_id,
            keyId=key_id,
            patchOperations=[{"op": "replace", "path": "/remaining", "value": str(remaining)}],
        )
