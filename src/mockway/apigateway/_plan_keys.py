"""CreateUsagePlanKey, GetUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey.

A usage plan key is an API key seen through a plan: its id is the API key's id, and its name
and value are always the key's current ones.
"""

from __future__ import annotations

from typing import Any

from .._registry import Call
from . import _errors as e
from ._listing import page, requested
from ._models import ApiGatewayBackend, ApiKey
from ._plan_models import UsagePlan

__all__ = ["OPERATIONS"]


def render_plan_key(key: ApiKey) -> dict[str, Any]:
    out: dict[str, Any] = {"id": key.id, "type": "API_KEY", "value": key.value}
    if key.name is not None:
        out["name"] = key.name
    return out


def _plan_and_key(backend: ApiGatewayBackend, call: Call) -> tuple[UsagePlan, ApiKey]:
    key = backend.api_key(call.params["keyId"])
    plan = backend.usage_plans.get(call.params["usagePlanId"])
    if plan is None or key.id not in plan.key_ids:
        raise e.not_found(e.PLAN_NOT_FOUND)
    return plan, key


def create_usage_plan_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    plan = backend.usage_plan(p["usagePlanId"])
    if p["keyType"] != "API_KEY":
        raise e.bad_request(e.INVALID_KEY_TYPE.format(key_type=p["keyType"]))
    key = backend.api_key(p["keyId"])
    problem = backend.plan_key_problem(plan, key.id)
    if problem is not None:
        raise problem
    plan.key_ids.add(key.id, key.id)
    return render_plan_key(key)


def get_usage_plan_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_plan_key(_plan_and_key(backend, call)[1])


def get_usage_plan_keys(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    wanted = requested(call)
    plan = backend.usage_plans.get(p["usagePlanId"])
    if plan is None:
        return {"items": []}
    prefix = p.get("nameQuery") or ""

    def keep(key_id: str) -> bool:
        name = backend.api_key(key_id).name
        return name is not None and name.startswith(prefix)

    return page(
        plan.key_ids,
        wanted,
        lambda key_ids: [render_plan_key(backend.api_key(key_id)) for key_id in key_ids],
        keep=keep if prefix else None,
    )


def delete_usage_plan_key(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    plan, key = _plan_and_key(backend, call)
    plan.key_ids.remove(key.id)
    return {}


OPERATIONS = {
    "CreateUsagePlanKey": create_usage_plan_key,
    "GetUsagePlanKey": get_usage_plan_key,
    "GetUsagePlanKeys": get_usage_plan_keys,
    "DeleteUsagePlanKey": delete_usage_plan_key,
}
