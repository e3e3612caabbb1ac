"""AppSync resources as the backend stores them, their wire renderings, and the key time rules."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._ids import IdSource
from .._paging import OrderedStore
from .._regions import partition
from .._wire import received
from . import _errors as e

if TYPE_CHECKING:
    from graphql import GraphQLSchema

    from ._caches import ApiCache
    from ._data_sources import DataSource
    from ._domain_names import DomainName
    from ._event_apis import EventApi
    from ._functions import FunctionConfiguration
    from ._introspection_jobs import Introspection
    from ._merged import SourceApiAssociation
    from ._resolvers import Resolver
    from ._types import GraphqlType

__all__ = [
    "MAX_APIS",
    "MAX_API_KEYS",
    "ApiKey",
    "AppSyncBackend",
    "GraphqlApi",
    "key_expiry",
    "new_ident",
]

MAX_APIS = 25
MAX_API_KEYS = 50
HOUR = 3600
DAY = 24 * HOUR
DEFAULT_VALIDITY = 7 * DAY
MIN_VALIDITY = DAY
MAX_VALIDITY = 365 * DAY
KEPT_AFTER_EXPIRY = 60 * DAY


def new_ident(ids: IdSource) -> str:
    """26 characters of lowercase base32: a random UUID as AppSync writes its ids.

    API ids, endpoint host labels and the body of ``da2-`` keys seen in real AWS output all
    decode to version-4 UUIDs, so mockway draws them the same way.
    """
    return ids.uuid4_base32()


def floor_hour(epoch_seconds: int) -> int:
    return epoch_seconds - epoch_seconds % HOUR


def key_expiry(requested: int | None, now: int) -> int:
    """When a key created or updated at ``now`` expires.

    A requested time must lie 1 to 365 days after ``now`` (checked to the second, before
    rounding) and is rounded down to the hour; no request means seven days, rounded down.
    """
    if requested is None:
        return floor_hour(now + DEFAULT_VALIDITY)
    if requested - now < MIN_VALIDITY:
        raise e.api_key_validity_out_of_bounds(e.KEY_VALID_TOO_SHORT)
    if requested - now > MAX_VALIDITY:
        raise e.api_key_validity_out_of_bounds(e.KEY_VALID_TOO_LONG)
    return floor_hour(requested)


@dataclass(slots=True)
class ApiKey:
    id: str
    description: str | None
    expires: int
    deletes: int

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.description is not None:
            out["description"] = self.description
        out["expires"] = self.expires
        out["deletes"] = self.deletes
        return out

    def set_expires(self, expires: int) -> None:
        self.expires = expires
        self.deletes = expires + KEPT_AFTER_EXPIRY


# Members UpdateGraphqlApi sets, and what each becomes when the request leaves it out.
CONFIGURED: dict[str, Any] = {
    "logConfig": None,
    "userPoolConfig": None,
    "openIDConnectConfig": None,
    "additionalAuthenticationProviders": None,
    "xrayEnabled": False,
    "lambdaAuthorizerConfig": None,
    "mergedApiExecutionRoleArn": None,
    "ownerContact": None,
    "introspectionConfig": "ENABLED",
    "queryDepthLimit": 0,
    "resolverCountLimit": 0,
    "enhancedMetricsConfig": None,
}

# The GraphqlApi shape's members, in the model's order.
_RENDER_ORDER = (
    "name",
    "apiId",
    "authenticationType",
    "logConfig",
    "userPoolConfig",
    "openIDConnectConfig",
    "arn",
    "uris",
    "tags",
    "additionalAuthenticationProviders",
    "xrayEnabled",
    "wafWebAclArn",
    "lambdaAuthorizerConfig",
    "dns",
    "visibility",
    "apiType",
    "mergedApiExecutionRoleArn",
    "owner",
    "ownerContact",
    "introspectionConfig",
    "queryDepthLimit",
    "resolverCountLimit",
    "enhancedMetricsConfig",
)


def _with_defaults(name: str, value: Any) -> Any:
    """A configuration as AppSync stores it: unset flags and TTLs read back as their defaults."""
    if name == "logConfig":
        return {**value, "excludeVerboseContent": value.get("excludeVerboseContent", False)}
    if name == "openIDConnectConfig":
        return {**value, "iatTTL": value.get("iatTTL", 0), "authTTL": value.get("authTTL", 0)}
    return value


@dataclass(slots=True)
class GraphqlApi:
    api_id: str
    name: str
    authentication_type: str
    arn: str
    owner: str
    uris: dict[str, str]
    dns: dict[str, str]
    visibility: str
    api_type: str
    tags: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    """The members of CONFIGURED that are set, by wire name."""
    keys: OrderedStore[ApiKey] = field(default_factory=OrderedStore)
    data_sources: OrderedStore[DataSource] = field(default_factory=OrderedStore)
    """By name."""
    functions: OrderedStore[FunctionConfiguration] = field(default_factory=OrderedStore)
    """By function id."""
    resolvers: OrderedStore[Resolver] = field(default_factory=OrderedStore)
    """By type and field name (``_resolvers.resolver_key``)."""
    types: OrderedStore[GraphqlType] = field(default_factory=OrderedStore)
    """The schema's types, by name."""
    associations: OrderedStore[SourceApiAssociation] = field(default_factory=OrderedStore)
    """Source API associations, by association id: a Merged API's to its sources, a source
    API's to the Merged APIs it is merged into."""
    schema_extras: tuple[str, ...] = ()
    """The schema's definitions that are not types (its ``schema`` block, its directives), as
    SDL."""
    schema_creation: tuple[str, str] | None = None
    """Status and details of the last StartSchemaCreation; None before the first."""
    built: Any = field(default=None, compare=False, repr=False)
    """What ``_schema.built`` last made of the schema, with what it was made from."""
    cache: ApiCache | None = None
    """The API's cache (CreateApiCache), if it has one."""
    environment_variables: dict[str, str] = field(default_factory=dict)
    """PutGraphqlApiEnvironmentVariables' last map."""

    @property
    def graphql_schema(self) -> GraphQLSchema | None:
        """The API's schema, built once per change of its definitions; None while it has no
        valid schema (none yet, or types left naming types that are gone)."""
        from ._schema import built

        return built(self).schema

    def configure(self, params: Mapping[str, Any]) -> None:
        """Apply a create or update request: what it leaves out goes back to the default."""
        self.name = params["name"]
        self.authentication_type = params["authenticationType"]
        settings: dict[str, Any] = {}
        for name, default in CONFIGURED.items():
            value = params.get(name)
            if value is None:
                value = default
            if value is not None:
                settings[name] = _with_defaults(name, received(value))
        self.settings = settings

    def render(self) -> dict[str, Any]:
        fixed: dict[str, Any] = {
            "name": self.name,
            "apiId": self.api_id,
            "authenticationType": self.authentication_type,
            "arn": self.arn,
            "uris": dict(self.uris),
            "tags": dict(self.tags),
            "dns": dict(self.dns),
            "visibility": self.visibility,
            "apiType": self.api_type,
            "owner": self.owner,
        }
        out: dict[str, Any] = {}
        for name in _RENDER_ORDER:
            if name in fixed:
                out[name] = fixed[name]
            elif name in self.settings:
                out[name] = received(self.settings[name])
        return out

    def purge_keys(self, now: int) -> None:
        """Forget the keys whose ``deletes`` time has passed."""
        gone = [k.id for k in self.keys.values() if k.deletes < now]
        for key_id in gone:
            self.keys.remove(key_id)

    def api_key(self, key_id: str) -> ApiKey:
        key = self.keys.get(key_id)
        if key is None:
            raise e.not_found(e.API_KEY_NOT_FOUND.format(key_id=key_id))
        return key

    def new_key_id(self, ids: IdSource) -> str:
        while True:
            key_id = "da2-" + new_ident(ids)
            if key_id not in self.keys:
                return key_id


class AppSyncBackend:
    """Everything AppSync holds for one (account, region)."""

    def __init__(self, account_id: str, region: str) -> None:
        self.lock: threading.Lock = threading.Lock()
        self.generation = 0
        """Changed by every control-plane call (:func:`mockway._state.changed`)."""
        self.account_id = account_id
        self.region = region
        self.apis: OrderedStore[GraphqlApi] = OrderedStore()
        self.event_apis: OrderedStore[EventApi] = OrderedStore()
        """Event APIs (CreateApi), by API id: ids are unique across both kinds of API."""
        self.domain_names: OrderedStore[DomainName] = OrderedStore()
        """Custom domain names, by domain name."""
        self.api_domains: dict[str, set[str]] = {}
        """The domain names associated with each API (GraphQL or Event API), by API id."""
        self.introspections: dict[str, Introspection] = {}
        """Data source introspections, by id."""
        self.authorizer_answers: dict[tuple[str, str], Any] = {}
        """Lambda authorizers' answers by API and token: when each expires, and the answer."""

    def api(self, api_id: str) -> GraphqlApi:
        api = self.apis.get(api_id)
        if api is None:
            raise e.not_found(e.API_NOT_FOUND.format(api_id=api_id))
        return api

    def new_api(
        self, ids: IdSource, *, name: str, authentication_type: str, visibility: str, api_type: str
    ) -> GraphqlApi:
        """A new API with fresh ids and endpoints; the caller configures and stores it."""
        if len(self.apis) >= MAX_APIS:
            raise e.api_limit_exceeded()
        api_id = self.new_api_id(ids)
        host = new_ident(ids)
        arn_partition, suffix = partition(self.region)
        graphql = f"{host}.appsync-api.{self.region}.{suffix}"
        realtime = f"{host}.appsync-realtime-api.{self.region}.{suffix}"
        return GraphqlApi(
            api_id=api_id,
            name=name,
            authentication_type=authentication_type,
            arn=f"arn:{arn_partition}:appsync:{self.region}:{self.account_id}:apis/{api_id}",
            owner=self.account_id,
            uris={"GRAPHQL": f"https://{graphql}/graphql", "REALTIME": f"wss://{realtime}/graphql"},
            dns={"GRAPHQL": graphql, "REALTIME": realtime},
            visibility=visibility,
            api_type=api_type,
        )

    def arn_prefix(self) -> str:
        """``arn:<partition>:appsync:<region>:<account>:``, what every AppSync ARN here starts
        with."""
        return f"arn:{partition(self.region)[0]}:appsync:{self.region}:{self.account_id}:"

    def new_api_id(self, ids: IdSource) -> str:
        """An id no GraphQL API or Event API of this account and region has."""
        api_id = new_ident(ids)
        while api_id in self.apis or api_id in self.event_apis:
            api_id = new_ident(ids)
        return api_id

    def check_not_associated(self, api_id: str) -> None:
        """Refuse to delete an API that a custom domain name serves."""
        if self.api_domains.get(api_id):
            raise e.bad_request(e.API_ASSOCIATED_WITH_DOMAIN)

    def delete_api(self, api_id: str) -> None:
        self.api(api_id)
        self.check_not_associated(api_id)
        self.apis.remove(api_id)
