"""CreateUsagePlan, GetUsagePlan, GetUsagePlans, UpdateUsagePlan, DeleteUsagePlan."""

from __future__ import annotations

import decimal
import json
from collections.abc import Mapping
from typing import Any

from .._paging import OrderedStore
from .._patch import PatchOp, PatchRules, decimal_value, whole_value
from .._registry import Call
from .._validation import fits_whole, reads_as_double
from . import _errors as e
from ._listing import page, requested
from ._models import ApiGatewayBackend
from ._plan_models import ApiStage, Quota, Throttle, UsagePlan
from ._tags import check_tags

__all__ = ["OPERATIONS", "parse_stage_ref"]

PLAN_ID_LENGTH = 6
QUOTA_OFFSET_MAX = {"DAY": 0, "WEEK": 6, "MONTH": 27}

_STAGE = "/apiStages/<apidId:stageName>"
_RESOURCE_PATH = "<resourcePath>"
_METHOD = _STAGE + f"/throttle/{_RESOURCE_PATH}/<httpMethod>"
_SCALARS = [
    "/throttle/burstLimit",
    "/throttle/rateLimit",
    "/quota/limit",
    "/quota/offset",
    "/quota/period",
]
PATCH = PatchRules(
    {
        "add": [
            "/apiStages",
            "/productCode",
            *_SCALARS,
            _METHOD + "/rateLimit",
            _METHOD + "/burstLimit",
        ],
        "replace": [
            "/name",
            "/description",
            "/productCode",
            *_SCALARS,
            _STAGE + "/throttle",
            _METHOD + "/rateLimit",
            _METHOD + "/burstLimit",
        ],
        "remove": [
            "/apiStages",
            "/quota",
            "/throttle",
            "/productCode",
            _METHOD,
            _STAGE + "/throttle",
        ],
    },
    spanning=_RESOURCE_PATH,
)


def parse_stage_ref(value: str | None) -> tuple[str, str]:
    """``apiId:stageName`` as usage plan patches spell an API stage."""
    api_id, colon, stage = (value or "").partition(":")
    if not colon or not api_id or not stage:
        raise e.bad_request(e.INVALID_API_STAGE)
    return api_id, stage


def _number(value: str | None, path: str, kind: type[int] | type[float]) -> Any:
    number = whole_value(value, 32) if kind is int else decimal_value(value)
    if number is None:
        raise e.bad_request(e.INVALID_NUMBER.format(value=value, path=path))
    return number


def _throttle(settings: Mapping[str, Any]) -> Throttle:
    return Throttle(settings.get("burstLimit", 0), float(settings.get("rateLimit", 0.0)))


def _is_throttle(settings: Any) -> bool:
    """A method throttle as a JSON patch value must give it: whole burst, finite rate."""
    if not isinstance(settings, Mapping):
        return False
    burst, rate = settings.get("burstLimit", 0), settings.get("rateLimit", 0.0)
    return (
        type(burst) is int
        and fits_whole(burst, 32)
        and isinstance(rate, (int, float, decimal.Decimal))
        and not isinstance(rate, bool)
        and reads_as_double(rate)
    )


def _method_key(resource_path: str, http_method: str) -> str:
    return f"{resource_path}/{http_method}"


def _check_method(backend: ApiGatewayBackend, stage: ApiStage, key: str) -> None:
    resource_path, _, http_method = key.rpartition("/")
    if not backend.method_exists(stage.api_id, resource_path, http_method):
        raise e.bad_request(
            e.METHOD_NOT_FOUND_FOR_THROTTLE.format(
                method=http_method, path=resource_path, api=stage.api_id, stage=stage.stage
            )
        )


def _method_throttles(
    backend: ApiGatewayBackend,
    stage: ApiStage,
    throttles: Mapping[str, Any],
    given: str | None = None,
) -> dict[str, Throttle]:
    """The method throttles ``throttles`` sets; ``given``, the patch value they came from."""
    out: dict[str, Throttle] = {}
    for key, settings in throttles.items():
        _check_method(backend, stage, key)
        if not _is_throttle(settings):
            shown = json.dumps(throttles, default=str) if given is None else given
            raise e.bad_request(e.INVALID_THROTTLE_MAP.format(value=shown))
        out[key] = _throttle(settings)
    return out


def _check_plan(plan: UsagePlan) -> None:
    """What must hold of a plan after a create or a whole patch."""
    throttles = [plan.throttle] if plan.throttle is not None else []
    throttles += [t for stage in plan.api_stages for t in stage.throttle.values()]
    if any(t.burst_limit < 0 or t.rate_limit < 0 for t in throttles):
        raise e.bad_request(e.THROTTLE_NEGATIVE)
    quota = plan.quota
    if quota is None:
        return
    if quota.limit is None:
        raise e.bad_request(e.QUOTA_LIMIT_REQUIRED)
    if quota.limit < 0:
        raise e.bad_request(e.QUOTA_LIMIT_NEGATIVE)
    if quota.period is None:
        raise e.bad_request(e.QUOTA_PERIOD_REQUIRED)
    high = QUOTA_OFFSET_MAX[quota.period]
    if not 0 <= quota.offset <= high:
        raise e.bad_request(e.QUOTA_OFFSET_RANGE.format(period=quota.period, high=high))


def create_usage_plan(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    if not p["name"]:
        raise e.bad_request(e.PLAN_NAME_REQUIRED)
    stages: list[ApiStage] = []
    for entry in p.get("apiStages") or ():
        api_id, stage_name = entry.get("apiId") or "", entry.get("stage") or ""
        if (
            not api_id
            or not stage_name
            or not backend.stage_exists(api_id, stage_name)
            or any(s.api_id == api_id and s.stage == stage_name for s in stages)
        ):
            raise e.bad_request(e.API_STAGE_INVALID_ON_CREATE)
        stage = ApiStage(api_id, stage_name)
        stage.throttle = _method_throttles(backend, stage, entry.get("throttle") or {})
        stages.append(stage)
    quota = p.get("quota")
    plan_id = backend.new_id(PLAN_ID_LENGTH, call.ids, backend.usage_plans)
    plan = UsagePlan(
        id=plan_id,
        name=p["name"],
        description=p.get("description") or None,
        api_stages=stages,
        throttle=None if p.get("throttle") is None else _throttle(p["throttle"]),
        quota=None
        if quota is None
        else Quota(quota.get("limit"), quota.get("offset", 0), quota.get("period")),
        tags=check_tags(p.get("tags") or {}),
        key_ids=OrderedStore(scope=plan_id),
    )
    _check_plan(plan)
    backend.store_usage_plan(plan)
    return plan.render(tags=False)


def get_usage_plan(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return backend.usage_plan(call.params["usagePlanId"]).render(tags=True)


def get_usage_plans(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    wanted = requested(call)
    key_id = call.params.get("keyId") or None
    return page(
        backend.usage_plans,
        wanted,
        lambda plans: [plan.render(tags=False) for plan in plans],
        keep=None if key_id is None else (lambda plan: key_id in plan.key_ids),
    )


def _apply(backend: ApiGatewayBackend, plan: UsagePlan, op: PatchOp) -> None:
    path, value = op.template, op.value
    if path == "/name":
        if not value:
            raise e.bad_request(e.PLAN_NAME_REQUIRED)
        plan.name = value
    elif path == "/description":
        plan.description = value or None
    elif path == "/productCode":
        plan.product_code = None if op.op == "remove" else value or None
    elif path == "/throttle":
        plan.throttle = None
    elif path == "/quota":
        plan.quota = None
    elif path.startswith("/throttle/"):
        throttle = plan.throttle = plan.throttle or Throttle()
        if path == "/throttle/burstLimit":
            throttle.burst_limit = _number(value, op.path, int)
        else:
            throttle.rate_limit = _number(value, op.path, float)
    elif path.startswith("/quota/"):
        quota = plan.quota = plan.quota or Quota()
        if path == "/quota/limit":
            quota.limit = _number(value, op.path, int)
        elif path == "/quota/offset":
            quota.offset = _number(value, op.path, int)
        elif value not in QUOTA_OFFSET_MAX:
            raise e.bad_request(e.QUOTA_PERIOD_REQUIRED)
        else:
            quota.period = value
    elif path == "/apiStages":
        api_id, stage_name = parse_stage_ref(value)
        if op.op == "add":
            backend.add_plan_stage(plan, api_id, stage_name)
        else:
            stage = plan.stage(api_id, stage_name)
            if stage is None:
                raise e.not_found(
                    e.API_STAGE_NOT_IN_PLAN.format(api=api_id, stage=stage_name, plan=plan.id)
                )
            plan.api_stages.remove(stage)
    else:
        _apply_method_throttle(backend, plan, op)


def _apply_method_throttle(backend: ApiGatewayBackend, plan: UsagePlan, op: PatchOp) -> None:
    api_id, stage_name = parse_stage_ref(op.args[0])
    stage = plan.stage(api_id, stage_name)
    if stage is None:
        raise e.not_found(
            e.API_STAGE_NOT_IN_PLAN.format(api=api_id, stage=stage_name, plan=plan.id)
        )
    if len(op.args) == 1:  # the stage's whole throttle map
        if op.op == "remove":
            stage.throttle = {}
            return
        try:
            throttles = json.loads(op.value or "")
        except (ValueError, RecursionError):
            throttles = None
        if not isinstance(throttles, dict):
            raise e.bad_request(e.INVALID_THROTTLE_MAP.format(value=op.value))
        stage.throttle = _method_throttles(backend, stage, throttles, op.value)
        return
    key = _method_key(op.args[1], op.args[2])
    _check_method(backend, stage, key)
    if op.op == "remove":
        stage.throttle.pop(key, None)
        return
    throttle = stage.throttle.setdefault(key, Throttle())
    if op.template.endswith("/rateLimit"):
        throttle.rate_limit = _number(op.value, op.path, float)
    else:
        throttle.burst_limit = _number(op.value, op.path, int)


def update_usage_plan(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    plan = backend.usage_plan(call.params["usagePlanId"]).copy()
    for op in PATCH.parse(call.params.get("patchOperations")):
        _apply(backend, plan, op)
    _check_plan(plan)
    backend.usage_plans.add(plan.id, plan)
    return plan.render(tags=True)


def delete_usage_plan(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    backend.delete_usage_plan(call.params["usagePlanId"])
    return {}


OPERATIONS = {
    "CreateUsagePlan": create_usage_plan,
    "GetUsagePlan": get_usage_plan,
    "GetUsagePlans": get_usage_plans,
    "UpdateUsagePlan": update_usage_plan,
    "DeleteUsagePlan": delete_usage_plan,
}
