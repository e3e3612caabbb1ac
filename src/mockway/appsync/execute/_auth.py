"""Authorize: the request's credentials against the API's providers, and each field against
the authorization directives of the schema.

The API's providers are its ``authenticationType`` and those of
``additionalAuthenticationProviders``. A request with ``x-api-key`` to an API with API_KEY
among them is an API-key caller: a key that is unknown, deleted, past its ``deletes`` time or
past its ``expires`` time is 401 ``You are not authorized to make this call.``. A key past
``expires`` but before ``deletes`` works again once UpdateApiKey moves ``expires`` ahead: the
key is read at each request, under the backend's lock. A request with an ``Authorization``
header goes to the other providers (:mod:`._providers`). A request with no credential for any
provider is 401 ``Missing authorization header``.

A field may be read by the modes its authorization directives name (``@aws_api_key``,
``@aws_iam``, ``@aws_oidc``, ``@aws_cognito_user_pools``, ``@aws_auth``, ``@aws_lambda``);
a field without any takes its type's; a type without any allows the API's default mode only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._http import HttpRequest
from ..._sigv4 import signed_date
from ...errors import MockwayError, UnsupportedOperation
from .._models import GraphqlApi
from ._answers import KEY_REFUSED, NO_CREDENTIALS, RequestRefused
from ._providers import COGNITO, PendingLambda, by_token

if TYPE_CHECKING:
    from graphql import GraphQLObjectType

__all__ = ["API_KEY", "Caller", "UnsupportedExecution", "allowed", "authorize", "field_modes"]

API_KEY = "API_KEY"
MODE_OF_DIRECTIVE = {
    "aws_api_key": API_KEY,
    "aws_iam": "AWS_IAM",
    "aws_oidc": "OPENID_CONNECT",
    "aws_cognito_user_pools": "AMAZON_COGNITO_USER_POOLS",
    "aws_auth": "AMAZON_COGNITO_USER_POOLS",
    "aws_lambda": "AWS_LAMBDA",
}


class UnsupportedExecution(UnsupportedOperation):
    """A GraphQL request mockway cannot answer as AppSync would yet: stopped in-process,
    nothing sent."""

    def __init__(self, what: str) -> None:
        self.service = "appsync"
        self.operation = what
        MockwayError.__init__(
            self,
            f"mockway does not serve {what} on AppSync GraphQL requests yet; the request was "
            "stopped and nothing was sent to AWS. NONE, AWS_LAMBDA, HTTP and AMAZON_DYNAMODB "
            "data sources are served (docs/graphql.md).",
        )


@dataclass(frozen=True, slots=True)
class Caller:
    """How the request was authorized, and the identity resolvers see (None for API keys)."""

    mode: str
    identity: dict[str, Any] | None = None
    key_id: str | None = None
    denied: frozenset[str] = frozenset()
    """``Type.field`` names a Lambda authorizer denied."""


def providers(api: GraphqlApi) -> tuple[str, ...]:
    """The API's default mode, then its additional ones."""
    extra = api.settings.get("additionalAuthenticationProviders") or ()
    return (api.authentication_type, *(p["authenticationType"] for p in extra))


def authorize(api: GraphqlApi, request: HttpRequest, now: float) -> Caller | PendingLambda:
    """Who the request comes from, by the API's state now (call under the backend's lock), or
    the Lambda authorization still to run outside it."""
    modes = providers(api)
    value = request.header("x-api-key")
    if value is not None and API_KEY in modes:
        key = api.keys.get(value)
        if key is None or now > key.expires or now > key.deletes:
            raise RequestRefused(KEY_REFUSED)
        return Caller(API_KEY, None, key.id)
    token = request.header("authorization")
    if token and any(m != API_KEY for m in modes):
        found = by_token(api, modes, token, now, signed_date(request))
        if isinstance(found, PendingLambda):
            return found
        return Caller(found[0], found[1])
    if value is None and not token:
        raise RequestRefused(NO_CREDENTIALS)
    raise RequestRefused(KEY_REFUSED)


def _modes(directives: Any) -> frozenset[str]:
    """The modes the directives name; a Cognito directive with ``cognito_groups`` names
    ``AMAZON_COGNITO_USER_POOLS/<group>`` for each group instead of the mode itself."""
    found = []
    for directive in directives or ():
        mode = MODE_OF_DIRECTIVE.get(directive.name.value)
        if mode is None:
            continue
        groups = [
            value.value
            for argument in directive.arguments or ()
            if argument.name.value == "cognito_groups"
            for value in getattr(argument.value, "values", None) or (argument.value,)
            if isinstance(getattr(value, "value", None), str)
        ]
        found.extend(
            [f"{mode}/{group}" for group in groups] if mode == COGNITO and groups else [mode]
        )
    return frozenset(found)


def allowed(caller: Caller, modes: frozenset[str]) -> bool:
    """Whether the caller's mode (and, for a Cognito user, one of its groups) is among
    ``modes``."""
    if caller.mode in modes:
        return True
    if caller.mode != COGNITO or caller.identity is None:
        return False
    groups = caller.identity.get("groups")
    if not isinstance(groups, list):
        return False
    return any(f"{COGNITO}/{group}" in modes for group in groups)


def field_modes(parent: GraphQLObjectType, field_name: str, default: str) -> frozenset[str]:
    """The modes that may read ``parent.field_name``."""
    field = parent.fields.get(field_name)
    node = None if field is None else field.ast_node
    modes = _modes(None if node is None else node.directives)
    if modes:
        return modes
    nodes = [parent.ast_node, *parent.extension_ast_nodes]
    modes = frozenset().union(*(_modes(n.directives) for n in nodes if n is not None))
    return modes or frozenset({default})
