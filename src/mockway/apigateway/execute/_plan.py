"""Plans: what requests to one path of a stage, with one method, meet, worked out once.

Locating the API and stage, routing, resolving the integration, and finding a caller's usage
plan and the limits its requests take tokens from read only the control plane's state, so what
they find holds while that state stays. A plan keeps it, by host, method and path, and keeps an
admission per API key, until the backend's ``generation`` changes
(:func:`mockway._state.changed`): any control-plane call, a handler registered, a restore.

What each request brings (its size, credentials, key) and what traffic changes (tokens, usage,
the Lambda authorizers' cache) are read for every request.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from ..._http import HttpRequest
from .._models import ApiGatewayBackend
from ._authorize import Caller, identify, key_source
from ._integration import Run, integration_of
from ._limits import check_size
from ._proxy import Identity
from ._route import Route, route
from ._target import Target, api_of, locate, locate_domain
from ._throttle import Held, buckets, limits
from ._traffic import Traffic, traffic_of, trees_of

__all__ = ["Admission", "Plan", "admission", "plan_of"]

MAX_PLANS = 1024
"""Plans kept for one backend; past that they are made again as requests come (a test that
sends to ever new paths)."""


@dataclass(frozen=True, slots=True)
class Admission:
    """What a request presenting one API key (or none) is admitted with: its caller, and the
    limits it takes tokens from."""

    caller: Caller | None
    buckets: tuple[Held, ...]
    """The buckets of the limits that apply, with their capacities and rates."""
    identity: Identity
    """Who the request came from, as far as its key tells."""


@dataclass(slots=True)
class Plan:
    target: Target
    route: Route
    integration: Run
    validates: bool
    """Whether the method has a request validator."""
    authorized: bool
    """Whether the method's authorization asks for anything (IAM, Cognito, an authorizer)."""
    key_source: str | None
    """Where the method takes its API key from; None when it requires none."""
    admissions: dict[str | None, Admission] = field(default_factory=dict)
    """By the API key presented (None: the method requires none)."""


@dataclass(slots=True)
class _Plans:
    generation: int
    by_request: dict[tuple[str, bool, str, str], Plan] = field(default_factory=dict)


_plans: weakref.WeakKeyDictionary[ApiGatewayBackend, _Plans] = weakref.WeakKeyDictionary()


def plan_of(
    backend: ApiGatewayBackend, label: str, request: HttpRequest, custom_domain: bool
) -> Plan:
    """The plan for ``request`` to the API the host's first label names (or the custom domain
    name ``label``), made if the state changed since, with AWS's refusals in AWS's order: no
    API or stage, a request too large, no route (call under the backend's lock)."""
    generation = backend.generation
    plans = _plans.get(backend)
    if plans is None or plans.generation != generation:
        plans = _plans[backend] = _Plans(generation)
    key = (label, custom_domain, request.method, request.path)
    plan = plans.by_request.get(key)
    if plan is not None:
        check_size(request)
        return plan
    if custom_domain:
        target = locate_domain(backend, label, request)
    else:
        target = locate(backend, api_of(backend, label), request)
    check_size(request)
    found = route(trees_of(backend), target, request.method)
    traffic = traffic_of(backend)
    integration = integration_of(traffic, target, found, backend.account_id, backend.region)
    if len(plans.by_request) >= MAX_PLANS:
        plans.by_request.clear()
    method = target.deployment.methods.get((found.path, found.method))
    validates = method is not None and bool(method.request_validator_id)
    authorized = found.deployed.get("authorizationType", "NONE") != "NONE"
    source = key_source(target, found)
    plan = Plan(target, found, integration, validates, authorized, source)
    plans.by_request[key] = plan
    return plan


def admission(
    backend: ApiGatewayBackend, traffic: Traffic, plan: Plan, key: str | None, now: float
) -> Admission:
    """The admission of a request presenting the API key ``key`` (as
    :func:`._authorize.presented` finds it); a key that admits nothing is refused each time."""
    found = plan.admissions.get(key)
    if found is None:
        caller = identify(backend, traffic, plan.target, key)
        identity = Identity() if caller is None else Identity(caller.key_value, caller.key_id)
        held = buckets(traffic, limits(plan.target, plan.route, caller), now)
        found = plan.admissions[key] = Admission(caller, held, identity)
    return found
