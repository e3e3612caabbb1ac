"""API Gateway resources as the backend stores them, and their wire renderings."""

from __future__ import annotations

import threading
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._clock import datetime_kind, to_datetime
from .._ids import IdSource
from .._paging import OrderedStore
from .._wire import ServiceError
from . import _errors as e
from ._plan_models import ApiStage, UsagePlan
from ._rest_models import RestApi, Stage
from ._usage import UsageLedger

if TYPE_CHECKING:
    from ._client_certificates import ClientCertificate
    from ._domain_access import DomainNameAccessAssociation
    from ._domain_names import DomainName
    from ._vpc_links import VpcLink
    from .execute._traffic import Traffic

__all__ = ["MAX_API_KEYS", "AccountSettings", "ApiGatewayBackend", "ApiKey"]

MAX_API_KEYS = 10_000
MAX_USAGE_PLANS = 300
MAX_PLANS_PER_KEY = 10
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

    # The members that never change on a stored key, as rendered without and with its value,
    # for datetime kind ``_kind``. A stored key is replaced, never edited, when its name,
    # description, flags or dates change; only its tags and stage keys are set in place, and
    # they are rendered afresh. Plain slots, not a map: a page reads them for every key.
    _kind: int = field(default=0, repr=False, compare=False)
    _plain: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _valued: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def base(self, value: bool, kind: int) -> dict[str, Any]:
        """The unchanging members, rendered once per ``value`` and datetime ``kind``."""
        if self._kind != kind:
            self._kind, self._plain, self._valued = kind, None, None
        kept = self._valued if value else self._plain
        if kept is not None:
            return kept
        base: dict[str, Any] = {"id": self.id}
        if value:
            base["value"] = self.value
        if self.name is not None:
            base["name"] = self.name
        if self.customer_id is not None:
            base["customerId"] = self.customer_id
        if self.description is not None:
            base["description"] = self.description
        base["enabled"] = self.enabled
        base["createdDate"] = to_datetime(self.created)
        base["lastUpdatedDate"] = to_datetime(self.updated)
        # Every rendering sets its own list here. Holding the member already, the base's
        # copies take it without growing their tables, which a page of 500 would notice.
        base["stageKeys"] = None
        if value:
            self._valued = base
        else:
            self._plain = base
        return base

    def render(self, *, value: bool, tags: bool) -> dict[str, Any]:
        """The ApiKey shape; ``tags`` renders an empty map too, as Get and Update do."""
        out = self.base(value, datetime_kind()).copy()
        out["stageKeys"] = self.stage_keys[:]
        if tags or self.tags:
            out["tags"] = self.tags.copy()
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


def render_listed(keys: list[ApiKey], value: bool) -> list[dict[str, Any]]:
    """Keys as GetApiKeys lists them (tags only when set): :meth:`ApiKey.render`, inlined
    because a page renders up to 500 of them."""
    kind = datetime_kind()
    out = []
    for key in keys:
        kept = (key._valued if value else key._plain) if key._kind == kind else None
        item = (key.base(value, kind) if kept is None else kept).copy()
        item["stageKeys"] = key.stage_keys[:] if key.stage_keys else []
        if key.tags:
            item["tags"] = key.tags.copy()
        out.append(item)
    return out


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


@dataclass(slots=True)
class AccountSettings:
    cloudwatch_role_arn: str | None = None
    features: list[str] = field(default_factory=lambda: ["UsagePlans"])


class ApiGatewayBackend:
    """Everything API Gateway holds for one (account, region)."""

    def __init__(self, account_id: str, region: str) -> None:
        self.lock: threading.Lock = threading.Lock()
        self.generation = 0
        """Changed by every control-plane call (:func:`mockway._state.changed`)."""
        self.account_id = account_id
        self.region = region
        self.account: AccountSettings = AccountSettings()
        self.api_keys: OrderedStore[ApiKey] = OrderedStore()
        self.key_id_by_value: dict[str, str] = {}
        self.usage_plans: OrderedStore[UsagePlan] = OrderedStore()
        self.rest_apis: OrderedStore[RestApi] = OrderedStore()
        self.usage: UsageLedger = UsageLedger()
        self.domain_names: OrderedStore[DomainName] = OrderedStore()
        """Custom domain names by name, a private one by ``<name>+<domainNameId>``; each holds
        its base path mappings by base path (``(none)`` for the empty one)."""
        self.access_associations: OrderedStore[DomainNameAccessAssociation] = OrderedStore()
        """Domain name access associations by ARN."""
        self.client_certificates: OrderedStore[ClientCertificate] = OrderedStore()
        self.vpc_links: OrderedStore[VpcLink] = OrderedStore()
        self.traffic: Traffic | None = None
        """The execute-api data plane's state: token buckets and registered callables."""

    @staticmethod
    def new_id(length: int, ids: IdSource, taken: Container[str]) -> str:
        while True:
            new = ids.lower_alnum(length)
            if new not in taken:
                return new

    # -- API keys -----------------------------------------------------------------------------

    def api_key(self, key_id: str) -> ApiKey:
        key = self.api_keys.get(key_id)
        if key is None:
            raise e.not_found(e.API_KEY_NOT_FOUND)
        return key

    def new_api_key_id(self, ids: IdSource) -> str:
        return self.new_id(API_KEY_ID_LENGTH, ids, self.api_keys)

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
        """Delete a key; it leaves every usage plan it was in."""
        key = self.api_key(key_id)
        self.api_keys.remove(key_id)
        del self.key_id_by_value[key.value]
        for plan in self.usage_plans.values():
            plan.key_ids.remove(key_id)

    # -- REST APIs ----------------------------------------------------------------------------

    def rest_api(self, api_id: str) -> RestApi:
        api = self.rest_apis.get(api_id)
        if api is None:
            raise e.not_found(e.REST_API_NOT_FOUND.format(account=self.account_id, api=api_id))
        return api

    def stage(self, api_id: str, name: str) -> Stage:
        stage = self.rest_api(api_id).stages.get(name)
        if stage is None:
            raise e.not_found(e.STAGE_NOT_FOUND)
        return stage

    def stage_exists(self, api_id: str, stage: str) -> bool:
        api = self.rest_apis.get(api_id)
        return api is not None and stage in api.stages

    def method_exists(self, api_id: str, resource_path: str, http_method: str) -> bool:
        api = self.rest_apis.get(api_id)
        resource = None if api is None else api.resource_at(resource_path)
        return resource is not None and http_method in resource.methods

    def forget_stages(self, api_id: str, stage: str | None = None) -> None:
        """A deleted stage (or every stage of a deleted API) leaves plans and stage keys; one
        a base path mapping uses is refused first."""
        self.refuse_if_mapped(api_id, stage)

        def gone(ref_api: str, ref_stage: str) -> bool:
            return ref_api == api_id and (stage is None or ref_stage == stage)

        for plan in self.usage_plans.values():
            plan.api_stages = [s for s in plan.api_stages if not gone(s.api_id, s.stage)]
        for key in self.api_keys.values():  # stage keys are rendered afresh each time
            key.stage_keys = [k for k in key.stage_keys if not gone(*k.split("/", 1))]

    def refuse_if_mapped(self, api_id: str, stage: str | None = None) -> None:
        """AWS's 400 when a base path mapping of a custom domain name uses the API (or the
        stage of it)."""
        domains = [
            domain.domain_name
            for domain in self.domain_names.values()
            if any(
                m.rest_api_id == api_id and (stage is None or m.stage == stage)
                for m in domain.mappings.values()
            )
        ]
        if domains:
            message = e.REST_API_MAPPED if stage is None else e.STAGE_MAPPED
            listed = ", ".join(dict.fromkeys(domains))
            raise e.bad_request(message.format(api=api_id, stage=stage, domains=listed))

    # -- usage plans --------------------------------------------------------------------------

    def usage_plan(self, plan_id: str) -> UsagePlan:
        plan = self.usage_plans.get(plan_id)
        if plan is None:
            raise e.not_found(e.PLAN_NOT_FOUND)
        return plan

    def store_usage_plan(self, plan: UsagePlan) -> None:
        if plan.id not in self.usage_plans and len(self.usage_plans) >= MAX_USAGE_PLANS:
            raise e.limit_exceeded(e.PLAN_LIMIT)
        self.usage_plans.add(plan.id, plan)

    def delete_usage_plan(self, plan_id: str) -> None:
        self.usage_plan(plan_id)
        self.usage_plans.remove(plan_id)
        self.usage.forget_plan(plan_id)

    def plans_of_key(self, key_id: str) -> list[UsagePlan]:
        return [plan for plan in self.usage_plans.values() if key_id in plan.key_ids]

    def plan_key_problem(
        self, plan: UsagePlan, key_id: str, also: Sequence[UsagePlan] = ()
    ) -> ServiceError | None:
        """Why ``key_id`` cannot join ``plan`` (besides the plans in ``also``), if it cannot.

        One key may be in many plans, but in one plan only for each API stage.
        """
        if key_id in plan.key_ids:
            return e.conflict(e.KEY_ALREADY_IN_PLAN.format(key=key_id, plan=plan.id))
        others = {p.id: p for p in [*self.plans_of_key(key_id), *also] if p.id != plan.id}
        if len(others) >= MAX_PLANS_PER_KEY:
            return e.limit_exceeded(e.KEY_PLAN_LIMIT)
        for other in others.values():
            for stage in plan.api_stages:
                if other.stage(stage.api_id, stage.stage) is not None:
                    return e.conflict(
                        e.KEY_STAGE_CONFLICT.format(
                            plan=plan.id, key=key_id, api=stage.api_id, stage=stage.stage
                        )
                    )
        return None

    def add_plan_stage(self, plan: UsagePlan, api_id: str, stage: str) -> None:
        """Add an API stage to (a copy of) ``plan``, keeping each key's stages unique."""
        if not self.stage_exists(api_id, stage):
            raise e.not_found(e.API_STAGE_NOT_IN_PLAN.format(api=api_id, stage=stage, plan=plan.id))
        if plan.stage(api_id, stage) is not None:
            raise e.conflict(
                e.API_STAGE_ALREADY_IN_PLAN.format(api=api_id, stage=stage, plan=plan.id)
            )
        for key_id in plan.key_ids.values():
            for other in self.plans_of_key(key_id):
                if other.id != plan.id and other.stage(api_id, stage) is not None:
                    raise e.conflict(
                        e.KEY_STAGE_CONFLICT.format(
                            plan=plan.id, key=key_id, api=api_id, stage=stage
                        )
                    )
        plan.api_stages.append(ApiStage(api_id, stage))
