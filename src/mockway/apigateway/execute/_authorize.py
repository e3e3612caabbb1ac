"""Authorize: the method's authorization, then its API key.

A method that requires an API key takes it, with the API's key source ``HEADER``, from the
``x-api-key`` header (any case). A key that is missing, unknown or disabled, or that is in no
usage plan of this API stage, is 403 ``Forbidden``. With the key source ``AUTHORIZER`` the key
is the one a Lambda authorizer returns; a method without an authorizer has none, so the
request is refused the same way. The caller found is the key and the usage plan that meters
it; a method without ``apiKeyRequired`` has none, and no plan throttles or meters it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..._http import HttpRequest
from ...errors import MockwayError, UnsupportedOperation
from .._models import ApiGatewayBackend, ApiKey
from .._plan_models import ApiStage, UsagePlan
from ._responses import INVALID_API_KEY, GatewayError
from ._route import Route
from ._target import Target
from ._traffic import Traffic

__all__ = ["Caller", "UnsupportedExecution", "identify", "key_source", "presented"]

API_KEY_HEADER = "x-api-key"


class UnsupportedExecution(UnsupportedOperation):
    """A request mockway cannot answer as AWS would yet: stopped in-process, nothing sent."""

    def __init__(self, what: str) -> None:
        self.service = "apigateway"
        self.operation = what
        MockwayError.__init__(
            self,
            f"mockway does not run {what} on execute-api requests yet; the request was "
            "stopped and nothing was sent to AWS (the execute-api page of mockway's documentation "
            "lists what is run).",
        )


@dataclass(frozen=True, slots=True)
class Caller:
    """The API key a request came with, and the usage plan that meters it on this stage."""

    key_id: str
    key_value: str
    plan: UsagePlan
    api_stage: ApiStage


def key_source(target: Target, route: Route) -> str | None:
    """Where the route's method takes its API key from: ``HEADER`` or ``AUTHORIZER``, the
    API's key source; None when the method requires no key."""
    if not route.deployed.get("apiKeyRequired"):
        return None
    return target.deployed.api_key_source


def presented(source: str | None, request: HttpRequest, usage_key: str | None) -> str | None:
    """The API key the request presents, from ``source`` (:func:`key_source`): ``""`` when
    it presents none, None when the method requires none. ``usage_key`` is the key a Lambda
    authorizer answered (``usageIdentifierKey``), read with the key source ``AUTHORIZER``."""
    if source is None:
        return None
    if source == "HEADER":
        return request.header(API_KEY_HEADER) or ""
    return usage_key or ""


def identify(
    backend: ApiGatewayBackend, traffic: Traffic, target: Target, value: str | None
) -> Caller | None:
    """The caller the API key ``value`` (as :func:`presented` found it) names on the target's
    stage; None for a method that requires no key.

    A key is in one usage plan at most for each API stage, so the plan found last for the key
    and stage (``traffic.plan_of``) is the one, as long as it still holds both: the cost of a
    request does not grow with the number of plans.
    """
    if value is None:
        return None
    api = target.api
    key_id = backend.key_id_by_value.get(value) if value else None
    key = None if key_id is None else backend.api_keys.get(key_id)
    if key is None or not key.enabled:
        raise GatewayError(INVALID_API_KEY)
    stage_name = target.stage.stage_name
    found = (key.id, api.id, stage_name)
    plan_id = traffic.plan_of.get(found)
    last = None if plan_id is None else backend.usage_plans.get(plan_id)
    caller = None if last is None else _caller(key, last, api.id, stage_name)
    if caller is None:
        for plan in backend.usage_plans.values():
            caller = _caller(key, plan, api.id, stage_name)
            if caller is not None:
                traffic.plan_of[found] = plan.id
                break
        else:
            raise GatewayError(INVALID_API_KEY)
    return caller


def _caller(key: ApiKey, plan: UsagePlan, api_id: str, stage_name: str) -> Caller | None:
    if key.id not in plan.key_ids:
        return None
    api_stage = plan.stage(api_id, stage_name)
    return None if api_stage is None else Caller(key.id, key.value, plan, api_stage)
