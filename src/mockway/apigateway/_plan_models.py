"""Usage plans as the backend stores them, and their wire renderings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._paging import OrderedStore

__all__ = ["PERIODS", "ApiStage", "Quota", "Throttle", "UsagePlan"]

PERIODS = ("DAY", "WEEK", "MONTH")


@dataclass(slots=True)
class Throttle:
    burst_limit: int = 0
    rate_limit: float = 0.0

    def render(self) -> dict[str, Any]:
        return {"burstLimit": self.burst_limit, "rateLimit": float(self.rate_limit)}


@dataclass(slots=True)
class Quota:
    limit: int | None = None
    offset: int = 0
    period: str | None = None

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.limit is not None:
            out["limit"] = self.limit
        out["offset"] = self.offset
        if self.period is not None:
            out["period"] = self.period
        return out


@dataclass(slots=True)
class ApiStage:
    api_id: str
    stage: str
    throttle: dict[str, Throttle] = field(default_factory=dict)
    """Method throttles by ``<resourcePath>/<METHOD>`` (the root's GET is ``//GET``)."""

    @property
    def ref(self) -> str:
        return f"{self.api_id}:{self.stage}"

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"apiId": self.api_id, "stage": self.stage}
        if self.throttle:
            out["throttle"] = {k: t.render() for k, t in self.throttle.items()}
        return out

    def copy(self) -> ApiStage:
        return ApiStage(
            self.api_id,
            self.stage,
            {k: Throttle(t.burst_limit, t.rate_limit) for k, t in self.throttle.items()},
        )


@dataclass(slots=True)
class UsagePlan:
    id: str
    name: str
    description: str | None = None
    api_stages: list[ApiStage] = field(default_factory=list)
    throttle: Throttle | None = None
    quota: Quota | None = None
    product_code: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    key_ids: OrderedStore[str] = field(kw_only=True)
    """The API keys in the plan, in the order they were added; scoped by the plan's id, so
    a position from one plan's keys (or the account's) is not another's."""

    def render(self, *, tags: bool) -> dict[str, Any]:
        """The UsagePlan shape; ``tags`` renders an empty map too, as Get and Update do."""
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["apiStages"] = [s.render() for s in self.api_stages]
        if self.throttle is not None:
            out["throttle"] = self.throttle.render()
        if self.quota is not None:
            out["quota"] = self.quota.render()
        if self.product_code is not None:
            out["productCode"] = self.product_code
        if tags or self.tags:
            out["tags"] = dict(self.tags)
        return out

    def stage(self, api_id: str, stage: str) -> ApiStage | None:
        for api_stage in self.api_stages:
            if api_stage.api_id == api_id and api_stage.stage == stage:
                return api_stage
        return None

    def copy(self) -> UsagePlan:
        """A copy to patch: the plan's keys are not patched, so they are shared."""
        return UsagePlan(
            self.id,
            self.name,
            self.description,
            [s.copy() for s in self.api_stages],
            None
            if self.throttle is None
            else Throttle(self.throttle.burst_limit, self.throttle.rate_limit),
            None
            if self.quota is None
            else Quota(self.quota.limit, self.quota.offset, self.quota.period),
            self.product_code,
            dict(self.tags),
            key_ids=self.key_ids,
        )
