"""The providers an ``Authorization`` header goes to: AWS_IAM (a SigV4 signature), Cognito user
pools and OpenID Connect (a JWT), and Lambda authorizers (any other token).

mockway holds no keys: a SigV4 header is checked for its form and its time
(:mod:`mockway._sigv4`), not its signature; a JWT is decoded without checking its signature,
then held to its provider's issuer, client ids, and the times it carries, by mockway's
clock. A JWT goes to the provider whose issuer it names (a user pool's is
``https://cognito-idp.{awsRegion}.amazonaws.com/{userPoolId}``); a token that no other
provider takes goes to the API's Lambda authorizer, which runs outside the backend's lock
(:func:`run_lambda`), as the registered callable may call AppSync itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ... import _expiring as expiring
from ..._http import HttpRequest
from ..._ids import IdSource
from ..._jwt import claims_of, fullmatch, seconds
from ..._sigv4 import ALGORITHM, skew
from .._models import GraphqlApi
from ._answers import (
    JWT_UNPARSABLE,
    KEY_REFUSED,
    TOKEN_EXPIRED,
    FieldError,
    Refusal,
    RequestRefused,
)
from ._lambda import LambdaHandler, invoke

__all__ = ["PendingLambda", "by_token", "run_lambda"]

IAM = "AWS_IAM"
COGNITO = "AMAZON_COGNITO_USER_POOLS"
OIDC = "OPENID_CONNECT"
LAMBDA = "AWS_LAMBDA"
_CONFIG = {COGNITO: "userPoolConfig", OIDC: "openIDConnectConfig", LAMBDA: "lambdaAuthorizerConfig"}
_SIGV4 = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[A-Z0-9]{16,128})/\d{8}/[a-z0-9-]+/appsync/aws4_request,"
    r"\s*SignedHeaders=[a-z0-9;-]+,\s*Signature=[0-9a-f]{64}"
)
SOURCE_IP = "127.0.0.1"


DEFAULT_TTL = 300
"""Seconds a Lambda authorizer's answer is kept when neither the API nor the answer says."""


@dataclass(frozen=True, slots=True)
class PendingLambda:
    """A token for the Lambda authorizer, to be run once the backend's lock is released."""

    function: str
    token: str
    api_id: str
    account_id: str
    ttl: int = DEFAULT_TTL
    """``authorizerResultTtlInSeconds``: how long an answer is kept unless it says otherwise."""


@dataclass(frozen=True, slots=True)
class Authorized:
    """What a Lambda authorizer answered: the identity, the denied fields, and how long the
    answer is kept (``ttlOverride``, else the API's TTL; 0 keeps nothing)."""

    identity: dict[str, Any]
    denied: frozenset[str]
    ttl: int


def configs(api: GraphqlApi, mode: str) -> Iterator[dict[str, Any]]:
    """The configurations of the API's providers of ``mode``, the default one first."""
    if api.authentication_type == mode:
        yield api.settings.get(_CONFIG.get(mode, ""), None) or {}
    for provider in api.settings.get("additionalAuthenticationProviders") or ():
        if provider["authenticationType"] == mode:
            yield provider.get(_CONFIG.get(mode, "")) or {}


def _issuer(mode: str, config: Mapping[str, Any]) -> str:
    if mode == COGNITO:
        region, pool = config.get("awsRegion", ""), config.get("userPoolId", "")
        return f"https://cognito-idp.{region}.amazonaws.com/{pool}"
    return str(config.get("issuer", "")).rstrip("/")


def _matches(pattern: str | None, *values: Any) -> bool:
    if not pattern:
        return True
    found = [v for value in values for v in (value if isinstance(value, list) else [value])]
    return any(isinstance(v, str) and fullmatch(pattern, v) for v in found)


def _jwt_identity(mode: str, config: Mapping[str, Any], claims: dict[str, Any], now: float) -> Any:
    expires = seconds(claims, "exp")
    if expires is None or now >= expires:
        raise RequestRefused(TOKEN_EXPIRED)
    issued = seconds(claims, "iat")
    if mode == COGNITO:
        if not _matches(config.get("appIdClientRegex"), claims.get("aud"), claims.get("client_id")):
            raise RequestRefused(KEY_REFUSED)
        username = claims.get("cognito:username", claims.get("username"))
        return {
            "sub": claims.get("sub"),
            "issuer": claims.get("iss"),
            "username": username,
            "claims": claims,
            "sourceIp": [SOURCE_IP],
            "defaultAuthStrategy": config.get("defaultAction", "ALLOW"),
            "groups": claims.get("cognito:groups"),
        }
    if not _matches(config.get("clientId"), claims.get("aud"), claims.get("azp")):
        raise RequestRefused(KEY_REFUSED)
    for name, ttl in (("iat", config.get("iatTTL")), ("auth_time", config.get("authTTL"))):
        moment = issued if name == "iat" else seconds(claims, name)
        if ttl and (moment is None or (now - moment) * 1000 > ttl):
            raise RequestRefused(TOKEN_EXPIRED)
    return {"sub": claims.get("sub"), "issuer": claims.get("iss"), "claims": claims}


def by_token(
    api: GraphqlApi, modes: tuple[str, ...], token: str, now: float, date: str | None
) -> tuple[str, Any] | PendingLambda:
    """``(mode, identity)`` of a request with ``Authorization: token`` (a SigV4 signature made
    at ``date``), or the Lambda authorization still to run; refused with AppSync's 401
    otherwise, or its 400 for a signature more than 5 minutes from the clock."""
    if token.startswith(ALGORITHM) and IAM in modes:
        signed = _SIGV4.match(token)
        if signed is None or date is None:
            raise RequestRefused(KEY_REFUSED)
        try:
            refused = skew(date, now)
        except ValueError:
            raise RequestRefused(KEY_REFUSED) from None
        if refused is not None:
            raise RequestRefused(Refusal(400, "BadRequestException", refused))
        return IAM, {
            "accountId": api.owner,
            "cognitoIdentityPoolId": None,
            "cognitoIdentityId": None,
            "sourceIp": [SOURCE_IP],
            "username": signed["key"],
            "userArn": f"arn:aws:iam::{api.owner}:root",
            "cognitoIdentityAuthType": None,
            "cognitoIdentityAuthProvider": None,
        }
    claims = None if token.startswith(ALGORITHM) else claims_of(token)
    if claims is not None:
        issuer = str(claims.get("iss", "")).rstrip("/")
        for mode in (COGNITO, OIDC):
            for config in configs(api, mode) if mode in modes else ():
                if _issuer(mode, config) == issuer:
                    return mode, _jwt_identity(mode, config, claims, now)
    if LAMBDA in modes:
        config = next(configs(api, LAMBDA))
        expression = config.get("identityValidationExpression")
        if expression and not fullmatch(expression, token):
            raise RequestRefused(KEY_REFUSED)
        ttl = config.get("authorizerResultTtlInSeconds")
        return PendingLambda(
            config.get("authorizerUri", ""),
            token,
            api.api_id,
            api.owner,
            DEFAULT_TTL if ttl is None else int(ttl),
        )
    if claims is None and (COGNITO in modes or OIDC in modes):
        raise RequestRefused(JWT_UNPARSABLE)
    raise RequestRefused(KEY_REFUSED)


def _field_name(denied: Any) -> str | None:
    """``Type.field`` of a denied field, written so or as its ARN."""
    if not isinstance(denied, str):
        return None
    matched = re.fullmatch(
        r"arn:[^:]+:appsync:[^:]*:\d*:apis/[^/]+/types/(\w+)/fields/(\w+)", denied
    )
    return f"{matched[1]}.{matched[2]}" if matched else denied


def run_lambda(
    pending: PendingLambda,
    request: HttpRequest,
    query: Any,
    handlers: dict[str, LambdaHandler],
    ids: IdSource,
    now: float,
) -> Authorized:
    """What the Lambda authorizer answers; refused with AppSync's 401 when it does not
    authorize the request, fails, or answers nonsense."""
    event = {
        "authorizationToken": pending.token,
        "requestContext": {
            "apiId": pending.api_id,
            "accountId": pending.account_id,
            "requestId": ids.request_id(),
            "queryString": query.query,
            "operationName": query.operation_name,
            "variables": query.variables,
        },
        "requestHeaders": {k.lower(): v for k, v in request.headers},
    }
    try:
        answer = invoke(handlers, pending.function, event, ids, now)
    except FieldError:  # the function raised
        raise RequestRefused(KEY_REFUSED) from None
    if not isinstance(answer, dict) or answer.get("isAuthorized") is not True:
        raise RequestRefused(KEY_REFUSED)
    context = answer.get("resolverContext")
    listed = answer.get("deniedFields")
    denied = {_field_name(d) for d in listed} if isinstance(listed, list) else set()
    identity = {"resolverContext": context if isinstance(context, dict) else {}}
    ttl = answer.get("ttlOverride")
    if not isinstance(ttl, int) or isinstance(ttl, bool):
        ttl = pending.ttl
    return Authorized(identity, frozenset(d for d in denied if d), ttl)


def cached(backend_cache: dict[tuple[str, str], Any], pending: PendingLambda, now: float) -> Any:
    """The Lambda authorizer's answer kept for this API and token, if it has not expired."""
    return expiring.kept(backend_cache, (pending.api_id, pending.token), now)


def keep(
    backend_cache: dict[tuple[str, str], Any],
    pending: PendingLambda,
    authorized: Authorized,
    now: float,
) -> None:
    """Keep the answer for its TTL (under the backend's lock)."""
    if authorized.ttl > 0:
        key = (pending.api_id, pending.token)
        expiring.keep(backend_cache, key, now + authorized.ttl, authorized, now)
