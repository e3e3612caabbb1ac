"""Lambda authorizers (``CUSTOM`` authorization): the handler registered for the authorizer's
function decides, and its policy is held to the method's ARN.

* ``TOKEN``: the token is the header its ``identitySource`` names; missing, or not matching
  ``identityValidationExpression``, is 401 ``Unauthorized`` and the function is not called.
  The function gets ``{"type": "TOKEN", "authorizationToken", "methodArn"}``.
* ``REQUEST``: every identity source (``method.request.header.X``,
  ``method.request.querystring.X``, ``stageVariables.X``) must have a value, else 401; the
  function gets the request as a proxy event does, with ``type`` and ``methodArn``.
* The function answers ``principalId``, ``policyDocument``, optionally ``context`` and
  ``usageIdentifierKey``. Raising ``Exception("Unauthorized")`` is 401; raising anything else,
  or answering without a principal and a policy, is 500 with a null message
  (``AuthorizerConfigurationException``), as AWS answers them.
* The policy allows the request when an ``Allow`` statement for ``execute-api:Invoke`` covers
  the method ARN and no ``Deny`` does; else 403 ``User is not authorized to access this
  resource`` (``... with an explicit deny`` for a ``Deny``).
* Results are cached per stage, authorizer and identity for ``authorizerResultTtlInSeconds``
  (300 unless set; 0 caches nothing) by mockway's clock; a cached policy is held to the ARN of
  each request it serves, as AWS does. FlushStageAuthorizersCache empties the stage's cache.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ... import _expiring as expiring
from ..._http import HttpRequest
from ..._ids import IdSource
from .._authorizers import Authorizer
from ._endpoint import method_arn
from ._integration import lambda_handler
from ._mapping import parameter
from ._proxy import Identity, LambdaContext, proxy_event, request_context
from ._responses import (
    ACCESS_DENIED,
    AUTHORIZER_CONFIGURATION_ERROR,
    EXPLICIT_DENY,
    UNAUTHORIZED,
    GatewayError,
)
from ._route import Route
from ._target import Target
from ._traffic import Traffic

__all__ = [
    "Grant",
    "Pending",
    "authorizer_context",
    "authorizer_identity",
    "authorizer_of",
    "flush",
    "grant",
    "remember",
    "run",
]

DEFAULT_TTL = 300
_ACTIONS = ("execute-api:invoke", "execute-api:*", "*")


@dataclass(frozen=True, slots=True)
class Grant:
    """What an authorizer answered: who the caller is, its policy, the context it passes on
    and the API key it names."""

    principal_id: str
    policy: Mapping[str, Any]
    context: Mapping[str, Any]
    usage_key: str | None


@dataclass(frozen=True, slots=True)
class Pending:
    """An authorizer to run for one request: resolved under the lock, run outside it."""

    authorizer: Authorizer
    handler: Any
    function: str
    identity: tuple[str, ...]
    cache_key: tuple[str, ...] | None
    method_arn: str
    cached: Grant | None


def _sources(authorizer: Authorizer) -> list[str]:
    return [s.strip() for s in (authorizer.identity_source or "").split(",") if s.strip()]


def _method_arn(target: Target, request: HttpRequest, account_id: str, region: str) -> str:
    below = "/".join(target.segments)
    stage = target.stage.stage_name
    return method_arn(target.api.id, stage, request.method, below, account_id, region)


def authorizer_of(
    traffic: Traffic,
    target: Target,
    route: Route,
    request: HttpRequest,
    account_id: str,
    region: str,
    now: float,
) -> Pending | None:
    """The Lambda authorizer the request must pass, if its method has one, with its cached
    answer if it has one (under the lock)."""
    if route.deployed.get("authorizationType", "NONE") != "CUSTOM":
        return None  # no authorizer, or one whose credentials _credentials reads
    method = target.deployment.methods.get((route.path, route.method))
    authorizer_id = None if method is None else method.authorizer_id
    authorizer = target.deployment.authorizers.get(authorizer_id or "")
    if authorizer is None:
        raise GatewayError(AUTHORIZER_CONFIGURATION_ERROR)
    pending = authorizer_identity(traffic, authorizer, target, route, request, account_id, region)
    ttl = authorizer.authorizer_result_ttl_in_seconds
    if (DEFAULT_TTL if ttl is None else ttl) <= 0 or not pending.identity:
        return pending
    cache_key = (target.api.id, target.stage.stage_name, authorizer.id, *pending.identity)
    cached = expiring.kept(traffic.authorizer_cache, cache_key, now)
    return dataclasses.replace(pending, cache_key=cache_key, cached=cached)


def authorizer_identity(
    traffic: Traffic,
    authorizer: Authorizer,
    target: Target,
    route: Route,
    request: HttpRequest,
    account_id: str,
    region: str,
) -> Pending:
    """The authorizer's handler and the request's identity: 401 when a source has no value
    or the token does not match the validation expression."""
    function, handler = lambda_handler(traffic, authorizer.authorizer_uri, "authorizer")
    values = []
    variables = target.stage.variables
    for source in _sources(authorizer):
        value = parameter(source, request, route.parameters, variables)
        if not value:
            raise GatewayError(UNAUTHORIZED)
        values.append(value)
    if authorizer.type == "TOKEN":
        expression = authorizer.identity_validation_expression
        if not values or (expression and not _matches(expression, values[0])):
            raise GatewayError(UNAUTHORIZED)
    arn = _method_arn(target, request, account_id, region)
    return Pending(authorizer, handler, function, tuple(values), None, arn, None)


def _matches(expression: str, value: str) -> bool:
    try:
        return re.fullmatch(expression, value) is not None
    except re.error:
        return False


def _event(
    pending: Pending, request: HttpRequest, target: Target, route: Route, context: Any
) -> dict[str, Any]:
    if pending.authorizer.type == "TOKEN":
        return {
            "type": "TOKEN",
            "authorizationToken": pending.identity[0],
            "methodArn": pending.method_arn,
        }
    event = proxy_event(request, target, route, context)
    del event["body"], event["isBase64Encoded"]
    return {"type": "REQUEST", "methodArn": pending.method_arn, **event}


def run(
    pending: Pending,
    request: HttpRequest,
    target: Target,
    route: Route,
    account_id: str,
    ids: IdSource,
    now: float,
) -> Grant:
    """Call the authorizer's handler (outside the lock) and read its answer."""
    context = request_context(request, target, route, Identity(), account_id, ids, now)
    event = _event(pending, request, target, route, context)
    name = pending.function.rpartition(":function:")[2].partition(":")[0] or pending.function
    lambda_context = LambdaContext(name, pending.function, ids.request_id())
    try:
        answer = pending.handler(event, lambda_context)
    except Exception as error:  # the function's error: AWS's 401 or 500
        if str(error) == "Unauthorized":
            raise GatewayError(UNAUTHORIZED) from None
        raise GatewayError(AUTHORIZER_CONFIGURATION_ERROR) from None
    return _grant(answer)


def _grant(answer: Any) -> Grant:
    if not isinstance(answer, Mapping):
        raise GatewayError(AUTHORIZER_CONFIGURATION_ERROR)
    principal = answer.get("principalId")
    policy = answer.get("policyDocument")
    context = answer.get("context") or {}
    usage_key = answer.get("usageIdentifierKey")
    if (
        principal is None
        or not isinstance(policy, Mapping)
        or not isinstance(context, Mapping)
        or any(isinstance(v, (Mapping, list)) for v in context.values())
    ):
        raise GatewayError(AUTHORIZER_CONFIGURATION_ERROR)
    return Grant(
        str(principal), policy, dict(context), None if usage_key is None else str(usage_key)
    )


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _covers(pattern: Any, arn: str) -> bool:
    if not isinstance(pattern, str):
        return False
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, arn) is not None


def grant(pending: Pending, granted: Grant) -> None:
    """Hold the policy to the method's ARN: 403 unless allowed."""
    allowed = False
    for statement in _listed(granted.policy.get("Statement") or []):
        if not isinstance(statement, Mapping):
            continue
        actions = [str(a).lower() for a in _listed(statement.get("Action"))]
        if not any(a in _ACTIONS for a in actions):
            continue
        if not any(_covers(r, pending.method_arn) for r in _listed(statement.get("Resource"))):
            continue
        effect = statement.get("Effect")
        if effect == "Deny":
            raise GatewayError(EXPLICIT_DENY)
        allowed = allowed or effect == "Allow"
    if not allowed:
        raise GatewayError(ACCESS_DENIED)


def remember(traffic: Traffic, pending: Pending, granted: Grant, now: float) -> None:
    """Keep the answer for the authorizer's TTL (under the lock)."""
    if pending.cache_key is None or pending.cached is not None:
        return
    ttl = pending.authorizer.authorizer_result_ttl_in_seconds
    until = now + (DEFAULT_TTL if ttl is None else ttl)
    expiring.keep(traffic.authorizer_cache, pending.cache_key, until, granted, now)


def flush(traffic: Traffic, api_id: str, stage: str) -> None:
    """Forget every answer cached for the stage (FlushStageAuthorizersCache)."""
    for key in [k for k in traffic.authorizer_cache if k[:2] == (api_id, stage)]:
        del traffic.authorizer_cache[key]


def authorizer_context(granted: Grant) -> dict[str, Any]:
    """``requestContext.authorizer``: the principal and the context, values as text."""
    out: dict[str, Any] = {"principalId": granted.principal_id}
    for name, value in granted.context.items():
        if isinstance(value, bool):
            out[str(name)] = "true" if value else "false"
        else:
            out[str(name)] = "" if value is None else str(value)
    out["integrationLatency"] = 0
    return out
