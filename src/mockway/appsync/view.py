"""Read-only snapshots of AppSync's backend, for tests' assertions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .. import _clock
from .._handle import BackendView
from .._http import HttpRequest, HttpResponse
from ._models import ApiKey, AppSyncBackend, GraphqlApi

if TYPE_CHECKING:
    from .execute._subscriptions import Subscription, SubscriptionError

__all__ = [
    "ApiKeyRecord",
    "AppSyncView",
    "GraphqlApiRecord",
    "GraphqlApiWithKey",
    "HttpRequest",
    "HttpResponse",
    "Subscription",
    "SubscriptionError",
]


def __getattr__(name: str) -> Any:
    """``Subscription`` and ``SubscriptionError``, loaded with the data plane on first use."""
    if name in ("Subscription", "SubscriptionError"):
        from .execute import _subscriptions

        return getattr(_subscriptions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    """An AppSync API key; ``expires`` and ``deletes`` are epoch seconds, as on the wire."""

    id: str
    description: str | None
    expires: int
    deletes: int

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyRecord:
        return cls(key.id, key.description, key.expires, key.deletes)

    def expired(self, at: float | None = None) -> bool:
        """Whether the key has expired at ``at`` (default: now, by mockway's clock)."""
        return (_clock.now() if at is None else at) > self.expires


@dataclass(frozen=True, slots=True)
class GraphqlApiRecord:
    """A GraphQL API as AppSync holds it, with the ids of its live API keys."""

    api_id: str
    name: str
    arn: str
    authentication_type: str
    api_type: str
    visibility: str
    uris: Mapping[str, str]
    tags: Mapping[str, str]
    api_key_ids: tuple[str, ...]

    @classmethod
    def of(cls, api: GraphqlApi, now: float) -> GraphqlApiRecord:
        return cls(
            api.api_id,
            api.name,
            api.arn,
            api.authentication_type,
            api.api_type,
            api.visibility,
            MappingProxyType(dict(api.uris)),
            MappingProxyType(dict(api.tags)),
            tuple(k.id for k in api.keys.values() if k.deletes >= now),
        )


@dataclass(frozen=True, slots=True)
class GraphqlApiWithKey:
    """A GraphQL API and one API key, made by
    [`AppSyncView.create_graphql_api_with_key()`][mockway.appsync.view.AppSyncView.create_graphql_api_with_key].
    """

    api_id: str
    arn: str
    api_key: str
    """The key's id, which is also what a caller sends in ``x-api-key``."""
    uris: Mapping[str, str]
    """The API's endpoints (``GRAPHQL``, ``REALTIME``)."""


class AppSyncView(BackendView[AppSyncBackend]):
    """AppSync's state for one (account, region); every read is a consistent snapshot.

    Keys past their ``deletes`` time are left out, as every AppSync operation leaves them out.
    """

    __slots__ = ()

    def graphql_apis(self) -> tuple[GraphqlApiRecord, ...]:
        """Every GraphQL API, oldest first (the order ListGraphqlApis lists them in)."""
        now = int(_clock.now())
        with self._backend.lock:
            return tuple(GraphqlApiRecord.of(api, now) for api in self._backend.apis.values())

    def graphql_api(self, api_id: str) -> GraphqlApiRecord | None:
        """The GraphQL API with id ``api_id``, or None when there is none."""
        now = int(_clock.now())
        with self._backend.lock:
            api = self._backend.apis.get(api_id)
            return None if api is None else GraphqlApiRecord.of(api, now)

    def api_keys(self, api_id: str) -> tuple[ApiKeyRecord, ...]:
        """The API's keys, oldest first; empty when there is no such API."""
        now = int(_clock.now())
        with self._backend.lock:
            api = self._backend.apis.get(api_id)
            keys = [] if api is None else [k for k in api.keys.values() if k.deletes >= now]
            return tuple(ApiKeyRecord.of(k) for k in keys)

    def create_graphql_api_with_key(
        self, name: str = "api", *, schema: str | None = None
    ) -> GraphqlApiWithKey:
        """A GraphQL API with API-key authorization and one API key (valid 7 days, AppSync's
        default), with ``schema`` (SDL) as its schema when given.

        Made by the calls a client would make (CreateGraphqlApi, StartSchemaCreation,
        CreateApiKey); a call AWS would refuse raises the client's ``ClientError``.
        """
        api = self._request("CreateGraphqlApi", name=name, authenticationType="API_KEY")[
            "graphqlApi"
        ]
        if schema is not None:
            self._request("StartSchemaCreation", apiId=api["apiId"], definition=schema.encode())
        key = self._request("CreateApiKey", apiId=api["apiId"])["apiKey"]
        return GraphqlApiWithKey(
            api["apiId"], api["arn"], key["id"], MappingProxyType(dict(api["uris"]))
        )

    def graphql(
        self,
        api_id: str,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        operation_name: str | None = None,
    ) -> HttpResponse:
        """Send one GraphQL request to the API ``api_id`` of this view's account and region,
        without HTTP, and return AppSync's answer (``status``, ``headers``, ``body``,
        ``json()``).

        The request is what a client POSTs to the API's endpoint (``uris["GRAPHQL"]``):
        ``api_key`` goes in ``x-api-key``, ``headers`` beside it. It goes through the same
        pipeline as one sent by an HTTP client: the API's authorization, the schema, the
        resolvers. Raises [`MockwayError`][mockway.MockwayError] when there is no such API.
        """
        from .execute import send

        return send(
            self._state,
            self._backend,
            api_id,
            query,
            variables,
            operation_name,
            api_key,
            headers,
        )

    def subscribe(
        self,
        api_id: str,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Subscription:
        """Start a GraphQL subscription to the API ``api_id`` of this view's account and
        region, as a client starts one on the API's real-time endpoint (which is not served),
        and return it: its ``events`` are the payloads AppSync delivers, one per mutation
        that triggers it, sent by any client while the mock is active.

        The start is authorized as a GraphQL request is (``api_key`` goes in ``x-api-key``,
        ``headers`` beside it), validated against the schema, and runs the subscription
        field's resolver. AppSync's refusal raises
        [`SubscriptionError`][mockway.appsync.view.SubscriptionError] with the errors of its
        ``connection_error`` or ``error`` message. Raises
        [`MockwayError`][mockway.MockwayError] when there is no such API.
        """
        from .execute._subscriptions import subscribe

        return subscribe(self._state, self._backend, api_id, query, variables, api_key, headers)

    def register_lambda(self, function: str, handler: Callable[[dict[str, Any], Any], Any]) -> None:
        """Serve the Lambda function ``function`` (its ARN, qualified or not, or its name)
        with ``handler`` for this view's account and region: AWS_LAMBDA data sources that
        invoke it call ``handler(event, context)`` with AppSync's event (or the payload of
        the request mapping template), and their field takes what it returns. A later
        registration for the same function replaces the handler."""
        from .execute._lambda import register

        register(self._backend, function, handler)

    def register_http(
        self, url_prefix: str, handler: Callable[[HttpRequest], HttpResponse]
    ) -> None:
        """Serve the HTTP endpoints whose URL starts with ``url_prefix`` (``https://host``, or
        with a path) with ``handler`` for this view's account and region: HTTP data sources
        whose endpoint and resource path form such a URL (the longest registered prefix wins)
        call ``handler(request)`` with the request AppSync sends, and read the
        ``HttpResponse`` it returns as ``$ctx.result``. A handler that raises is a failed
        call (``$ctx.error``). A later registration for the same prefix replaces the handler.

        An endpoint no handler serves, whose host is an execute-api stage, a custom domain
        name or an AppSync API that mockway mocks, is answered in-process by mockway itself.
        """
        from .execute._http_source import register

        register(self._backend, url_prefix, handler)

    def use_dynamodb(self, client: Any) -> None:
        """Serve AMAZON_DYNAMODB data sources with ``client``, a boto3 DynamoDB low-level
        client (``boto3.client("dynamodb", region_name=...)``, made under moto's ``mock_aws``
        or pointed at DynamoDB Local), for this view's account and region: a data source whose
        ``dynamodbConfig.awsRegion`` is the client's region reads and writes its ``tableName``
        through it, as AppSync's DynamoDB resolver would. mockway does not mock DynamoDB; a
        DynamoDB data source with no client for its region raises
        [`MockwayError`][mockway.MockwayError]. A later client for the same region replaces
        the earlier one."""
        from .execute._dynamodb_source import register

        register(self._backend, client)
