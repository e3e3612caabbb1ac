"""``AWS_IAM`` and ``COGNITO_USER_POOLS`` authorization: the credentials a request carries,
read as API Gateway reads them, by mockway's clock.

mockway mocks neither IAM nor Cognito, so it holds no secret keys and no signing keys: a
signature is read for its form, its scope and its time, never recomputed, and the caller is
taken to be allowed ``execute-api:Invoke`` (docs/execute-api.md says what this means for a test).

``AWS_IAM``: the request is signed with Signature Version 4, in the ``Authorization`` header
(``AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request,
SignedHeaders=..., Signature=...``) with ``X-Amz-Date``, or in the query string
(``X-Amz-Algorithm``, ``X-Amz-Credential``, ``X-Amz-Date``, ``X-Amz-SignedHeaders``,
``X-Amz-Signature``). Unsigned is 403 ``Missing Authentication Token``; a header without its
parts is 403 ``IncompleteSignatureException``; a scope for another region or service, or a
time more than 5 minutes from the clock, is 403 ``InvalidSignatureException``. The caller's
``accessKey`` and the account reach ``requestContext.identity``.

``COGNITO_USER_POOLS``: the token is the header the authorizer's ``identitySource`` names
(``Authorization`` by default), a JWT whose issuer is one of the authorizer's user pools
(``https://cognito-idp.{region}.amazonaws.com/{userPoolId}``). A method without
``authorizationScopes`` takes ID tokens (``token_use`` ``id``); one with scopes takes access
tokens whose ``scope`` names one of them. Anything else is 401 ``Unauthorized``; a token past
its ``exp`` is 401 ``The incoming token has expired``. The token's claims reach
``requestContext.authorizer.claims``, as text, ``exp`` and ``iat`` as Java's dates.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ..._http import HttpRequest
from ..._jwt import claims_of, fullmatch, seconds
from ..._sigv4 import header_parts, signed_date, skew
from ._mapping import parameter
from ._responses import (
    AUTHORIZER_CONFIGURATION_ERROR,
    MISSING_AUTHENTICATION_TOKEN,
    UNAUTHORIZED,
    GatewayError,
    Refusal,
)
from ._route import Route
from ._target import Target

__all__ = ["Credentials", "check_credentials"]

SERVICE = "execute-api"
INCOMPLETE_SIGNATURE = Refusal("DEFAULT_4XX", 403, "", "IncompleteSignatureException")
INVALID_SIGNATURE = Refusal("INVALID_SIGNATURE", 403, "", "InvalidSignatureException")
EXPIRED_TOKEN = dataclasses.replace(UNAUTHORIZED, message="The incoming token has expired")
_ISSUER = re.compile(r"https://cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/([\w-]+_[0-9A-Za-z]+)")
_POOL_ARN = re.compile(r"arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool/([\w-]+)")


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who the request's credentials name: the signer's access key and account, or a token's
    claims."""

    identity: Mapping[str, Any]
    """Members of ``requestContext.identity``."""
    authorizer: Mapping[str, Any] | None = None
    """``requestContext.authorizer``."""


def check_credentials(
    target: Target, route: Route, request: HttpRequest, account_id: str, region: str, now: float
) -> Credentials | None:
    """The request's credentials, for a method whose authorization asks for them."""
    kind = route.deployed.get("authorizationType", "NONE")
    if kind == "AWS_IAM":
        return _signed(request, account_id, region, now)
    if kind == "COGNITO_USER_POOLS":
        return _token(target, route, request, now)
    return None


# -- AWS_IAM ----------------------------------------------------------------------------------


def _refuse(kind: Refusal, message: str) -> GatewayError:
    return GatewayError(dataclasses.replace(kind, message=message))


def _signature_parts(request: HttpRequest) -> tuple[dict[str, str], str | None]:
    """The signature's parts and its time, from the header or the query string."""
    header = request.header("authorization")
    if header is None:
        query = dict(parse_qsl(request.query, keep_blank_values=True))
        if "X-Amz-Signature" not in query and "X-Amz-Algorithm" not in query:
            raise GatewayError(MISSING_AUTHENTICATION_TOKEN)
        parts = {
            name: query.get(f"X-Amz-{name}", "")
            for name in ("Credential", "SignedHeaders", "Signature")
        }
        return parts, query.get("X-Amz-Date") or request.header("x-amz-date")
    parts = header_parts(header)
    missing = [
        f"Authorization header requires '{name}' parameter."
        for name in ("Credential", "Signature", "SignedHeaders")
        if not parts.get(name)
    ]
    date = signed_date(request)
    if date is None:
        missing.append(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
        )
    if missing:
        raise _refuse(INCOMPLETE_SIGNATURE, " ".join(missing) + f" Authorization={header}")
    return parts, date


def _signed(request: HttpRequest, account_id: str, region: str, now: float) -> Credentials:
    parts, date = _signature_parts(request)
    scope = parts.get("Credential", "").split("/")
    if len(scope) != 5 or scope[4] != "aws4_request" or not parts.get("Signature"):
        raise _refuse(
            INCOMPLETE_SIGNATURE,
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term, got '" + parts.get("Credential", "") + "'",
        )
    access_key, _, scoped_region, service, _ = scope
    if scoped_region != region:
        raise _refuse(
            INVALID_SIGNATURE,
            f"Credential should be scoped to a valid region, not '{scoped_region}'. ",
        )
    if service != SERVICE:
        raise _refuse(
            INVALID_SIGNATURE, f"Credential should be scoped to correct service: '{SERVICE}'. "
        )
    _check_time(date, now)
    return Credentials({"accessKey": access_key, "accountId": account_id})


def _check_time(date: str | None, now: float) -> None:
    """A signature more than 5 minutes from the clock is refused, as AWS words it."""
    try:
        refused = skew(date or "", now)
    except ValueError:
        raise _refuse(
            INCOMPLETE_SIGNATURE,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ) from None
    if refused is not None:
        raise _refuse(INVALID_SIGNATURE, refused)


# -- COGNITO_USER_POOLS -----------------------------------------------------------------------


def _claims(token: str) -> dict[str, Any]:
    """The token's claims (its signature is not checked), or 401."""
    claims = claims_of(token)
    if claims is None:
        raise GatewayError(UNAUTHORIZED)
    return claims


def _token(target: Target, route: Route, request: HttpRequest, now: float) -> Credentials:
    method = target.deployment.methods.get((route.path, route.method))
    authorizer_id = None if method is None else method.authorizer_id
    authorizer = target.deployment.authorizers.get(authorizer_id or "")
    if authorizer is None or authorizer.type != "COGNITO_USER_POOLS":
        raise GatewayError(AUTHORIZER_CONFIGURATION_ERROR)
    source = authorizer.identity_source or "method.request.header.Authorization"
    token = parameter(source, request, route.parameters, target.stage.variables)
    if not token:
        raise GatewayError(UNAUTHORIZED)
    claims = _claims(token)
    pools = {
        (found[1], found[2])
        for arn in authorizer.provider_arns or ()
        if (found := _POOL_ARN.fullmatch(arn)) is not None
    }
    issuer = _ISSUER.fullmatch(str(claims.get("iss", "")))
    if issuer is None or (issuer[1], issuer[2]) not in pools:
        raise GatewayError(UNAUTHORIZED)
    expires = seconds(claims, "exp")
    if expires is None:
        raise GatewayError(UNAUTHORIZED)
    if expires <= now:
        raise GatewayError(EXPIRED_TOKEN)
    scopes = (method.authorization_scopes if method is not None else None) or []
    if scopes:
        granted = str(claims.get("scope", "")).split()
        if claims.get("token_use") != "access" or not set(scopes) & set(granted):
            raise GatewayError(UNAUTHORIZED)
    elif claims.get("token_use") != "id":
        raise GatewayError(UNAUTHORIZED)
    expression = authorizer.identity_validation_expression
    if expression and not fullmatch(expression, str(claims.get("aud", ""))):
        raise GatewayError(UNAUTHORIZED)
    return Credentials({}, {"claims": {name: _text(name, v) for name, v in claims.items()}})


def _text(name: str, value: Any) -> str:
    """A claim as ``requestContext.authorizer.claims`` holds it: text, with the token's
    times as Java prints a date."""
    when = seconds({name: value}, name) if name in ("exp", "iat") else None
    if when is not None:
        moment = datetime.datetime.fromtimestamp(when, datetime.timezone.utc)
        return moment.strftime("%a %b %d %H:%M:%S UTC %Y")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)
