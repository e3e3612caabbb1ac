"""CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer, DeleteAuthorizer, and what a method's
authorizer must be (:func:`authorizer_problem`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._patch import PatchRules
from .._regions import partition
from .._registry import Call
from .._wire import ServiceError, received
from . import _errors as e
from ._family import IN_REST_API, Edit, Family, render_output, set_text, set_whole
from ._models import ApiGatewayBackend

if TYPE_CHECKING:
    from ._rest_models import Resource, RestApi

__all__ = ["FAMILY", "OPERATIONS", "Authorizer", "authorizer_problem"]

AUTHORIZER_ID_LENGTH = 6
MAX_AUTHORIZERS = 10
MAX_TTL = 3600
TOKEN, REQUEST, COGNITO = "TOKEN", "REQUEST", "COGNITO_USER_POOLS"
TYPES = (TOKEN, REQUEST, COGNITO)
LAMBDA_TYPES = frozenset({TOKEN, REQUEST})
DEFAULT_AUTH_TYPE = {TOKEN: "custom", REQUEST: "custom", COGNITO: "cognito_user_pools"}
# The authorizer types each method authorization type takes.
METHOD_AUTHORIZERS = {"CUSTOM": LAMBDA_TYPES, "COGNITO_USER_POOLS": frozenset({COGNITO})}

_REGION = r"[a-z]{2}(?:-[a-z]+)+-[0-9]+"
# AWS takes anything after ``path/``, spaces included.
_LAMBDA_URI = re.compile(rf"arn:(aws[a-z-]*):apigateway:({_REGION}):lambda:path/.+", re.DOTALL)
_HEADER_SOURCE = re.compile(r"method\.request\.header\.[a-zA-Z0-9._-]+")
_REQUEST_SOURCE = re.compile(
    r"method\.request\.(?:header|querystring)\.[a-zA-Z0-9._-]+"
    r"|stageVariables\.[a-zA-Z0-9_]+|context\.[a-zA-Z0-9._-]+"
)
# Only the form is checked: the user pool need not exist.
_USER_POOL = re.compile(
    rf"arn:aws[a-z-]*:cognito-idp:{_REGION}:[0-9]{{12}}:userpool/{_REGION}_[A-Za-z0-9]+"
)


@dataclass(slots=True)
class Authorizer:
    id: str
    name: str | None
    type: str
    provider_arns: list[str] | None = None
    auth_type: str | None = None
    authorizer_uri: str | None = None
    authorizer_credentials: str | None = None
    identity_source: str | None = None
    identity_validation_expression: str | None = None
    authorizer_result_ttl_in_seconds: int | None = None
    """None when never given: the authorizer caches for AWS's default of 300 seconds."""


def _check_uri(uri: str | None) -> None:
    if uri is None:
        raise e.bad_request(e.INVALID_REQUEST_INPUT)
    arn = _LAMBDA_URI.fullmatch(uri)
    if arn is None or arn.group(1) != partition(arn.group(2))[0]:
        raise e.bad_request(e.AUTHORIZER_URI_INVALID.format(uri=uri))


def _check_sources(authorizer: Authorizer) -> None:
    """A TOKEN or Cognito authorizer reads one header; a REQUEST one a comma-separated list
    of sources, needed only while it caches."""
    source = authorizer.identity_source
    if authorizer.type != REQUEST:
        if source is None:
            raise e.bad_request(e.INVALID_REQUEST_INPUT)
        if _HEADER_SOURCE.fullmatch(source) is None:
            raise e.bad_request(e.TOKEN_SOURCE_INVALID.format(source=source))
        return
    if source is None:
        if authorizer.authorizer_result_ttl_in_seconds != 0:
            raise e.bad_request(e.INVALID_REQUEST_INPUT)
        return
    for part in source.split(","):
        if _REQUEST_SOURCE.fullmatch(part.strip()) is None:
            raise e.bad_request(e.IDENTITY_SOURCE_INVALID.format(source=part.strip()))


def check_fields(authorizer: Authorizer) -> None:
    """What AWS requires of an authorizer on its own, created or patched."""
    if not authorizer.name:
        raise e.bad_request(e.AUTHORIZER_NAME_EMPTY)
    if authorizer.type in LAMBDA_TYPES:
        _check_uri(authorizer.authorizer_uri)
    _check_sources(authorizer)
    if authorizer.type == COGNITO:
        arns = authorizer.provider_arns
        if not arns:
            raise e.bad_request(e.INVALID_REQUEST_INPUT)
        invalid = [arn for arn in arns if _USER_POOL.fullmatch(arn) is None]
        if invalid:
            raise e.bad_request(e.PROVIDER_ARNS_INVALID.format(arns=", ".join(invalid)))
    ttl = authorizer.authorizer_result_ttl_in_seconds
    if ttl is not None and not 0 <= ttl <= MAX_TTL:
        raise e.bad_request(e.AUTHORIZER_TTL_RANGE)


def _check_name(api: RestApi, authorizer: Authorizer) -> None:
    for other in api.authorizers.values():
        if other.name == authorizer.name and other.id != authorizer.id:
            raise e.bad_request(e.AUTHORIZER_NAME_TAKEN.format(name=authorizer.name))


def _check_patched(backend: ApiGatewayBackend, call: Call, api: RestApi, item: Authorizer) -> None:
    check_fields(item)
    _check_name(api, item)


def _user(api: RestApi, authorizer: Authorizer) -> tuple[Resource, str] | None:
    """The first method (its resource, and its HTTP method) authorized by ``authorizer``."""
    for resource, method in api.methods():
        uses = method.authorization_type in METHOD_AUTHORIZERS
        if uses and method.authorizer_id == authorizer.id:
            return resource, method.http_method
    return None


def _refuse_in_use(
    backend: ApiGatewayBackend, call: Call, api: RestApi, authorizer: Authorizer
) -> None:
    user = _user(api, authorizer)
    if user is not None:
        resource, http_method = user
        raise e.conflict(
            e.AUTHORIZER_IN_USE.format(name=authorizer.name, method=http_method, path=resource.path)
        )


def _set_type(edit: Edit[Authorizer]) -> None:
    if edit.value not in TYPES:
        raise e.bad_request(e.INVALID_AUTHORIZER_TYPE)
    edit.item.type = edit.value


def _set_provider_arn(edit: Edit[Authorizer]) -> None:
    """``add`` puts one user pool ARN in the list (once), ``remove`` takes one out."""
    arn = edit.value
    if not arn:
        raise e.bad_request(e.INVALID_REQUEST_INPUT)
    arns = edit.item.provider_arns or []
    if edit.op.op == "add" and arn not in arns:
        arns.append(arn)
    elif edit.op.op == "remove" and arn in arns:
        arns.remove(arn)
    edit.item.provider_arns = arns or None


FAMILY: Family[Authorizer] = Family(
    IN_REST_API,
    lambda api: api.authorizers,
    "authorizerId",
    e.AUTHORIZER_NOT_FOUND,
    patch=PatchRules(
        {
            "add": ["/providerARNs"],
            "remove": ["/providerARNs"],
            "replace": [
                "/name",
                "/type",
                "/authType",
                "/authorizerUri",
                "/authorizerCredentials",
                "/identitySource",
                "/identityValidationExpression",
                "/authorizerResultTtlInSeconds",
            ],
        }
    ),
    setters={
        "/providerARNs": _set_provider_arn,
        "/name": set_text("name"),
        "/type": _set_type,
        "/authType": set_text("auth_type"),
        "/authorizerUri": set_text("authorizer_uri"),
        "/authorizerCredentials": set_text("authorizer_credentials"),
        "/identitySource": set_text("identity_source"),
        "/identityValidationExpression": set_text("identity_validation_expression"),
        "/authorizerResultTtlInSeconds": set_whole(
            "authorizer_result_ttl_in_seconds", e.INVALID_NUMBER
        ),
    },
    check=_check_patched,
    on_delete=_refuse_in_use,
)


def create_authorizer(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    kind = p["type"]
    lambda_type = kind in LAMBDA_TYPES
    # What does not apply to the type is not kept: a Lambda authorizer has no user pools, a
    # Cognito one no function (nor credentials to call it with).
    authorizer = Authorizer(
        "",
        p["name"],
        kind,
        provider_arns=None if lambda_type else (received(p.get("providerARNs")) or None),
        auth_type=p.get("authType") or DEFAULT_AUTH_TYPE[kind],
        authorizer_uri=(p.get("authorizerUri") or None) if lambda_type else None,
        authorizer_credentials=(p.get("authorizerCredentials") or None) if lambda_type else None,
        identity_source=p.get("identitySource") or None,
        identity_validation_expression=p.get("identityValidationExpression") or None,
        authorizer_result_ttl_in_seconds=p.get("authorizerResultTtlInSeconds"),
    )
    check_fields(authorizer)
    api = backend.rest_apis.get(p["restApiId"])
    if api is None:
        raise e.conflict(e.CONCURRENT_MODIFICATION)
    _check_name(api, authorizer)
    if len(api.authorizers) >= MAX_AUTHORIZERS:
        raise e.limit_exceeded(e.AUTHORIZER_LIMIT)
    authorizer.id = backend.new_id(AUTHORIZER_ID_LENGTH, call.ids, api.authorizers)
    api.authorizers.add(authorizer.id, authorizer)
    return render_output(authorizer, call)


def authorizer_problem(
    api: RestApi, authorization_type: str, authorizer_id: str | None
) -> ServiceError | None:
    """What PutMethod and UpdateMethod refuse about a method's authorizer, or None: a CUSTOM
    method needs a TOKEN or REQUEST authorizer of its API, a COGNITO_USER_POOLS one a Cognito
    authorizer; other authorization types take none (AWS ignores an id given with them)."""
    wanted = METHOD_AUTHORIZERS.get(authorization_type)
    if wanted is None:
        return None
    authorizer = api.authorizers.get(authorizer_id) if authorizer_id else None
    if authorizer is None or authorizer.type not in wanted:
        return e.bad_request(e.INVALID_AUTHORIZER)
    return None


OPERATIONS = {
    "CreateAuthorizer": create_authorizer,
    **FAMILY.operations(
        get="GetAuthorizer",
        list="GetAuthorizers",
        update="UpdateAuthorizer",
        delete="DeleteAuthorizer",
    ),
}
