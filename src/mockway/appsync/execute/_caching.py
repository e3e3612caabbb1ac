"""Server-side API caching: what an API's cache (CreateApiCache) keeps of its GraphQL requests.

As AppSync's guide describes the three behaviours:

- ``PER_RESOLVER_CACHING``: a resolver with a ``cachingConfig`` keeps its result (what its
  response mapping template made, or a pipeline's after template) per caching key for its
  ``ttl``. Its ``cachingKeys`` (``$context.arguments.id``, ``$context.identity.sub``, ...)
  make the key; without them, the whole ``$context.arguments``, ``$context.source`` and
  ``$context.identity``. A kept result is the field's value at once: no template, no data
  source.
- ``FULL_REQUEST_CACHING``: every resolver keeps its result that way, keyed by
  ``$context.arguments`` and ``$context.identity``, for the cache's ``ttl``.
- ``OPERATION_LEVEL_CACHING``: a query's whole answer is kept for the cache's ``ttl``, keyed by
  the request's ``query``, ``operationName`` and ``variables``, the caller's identity
  (without ``sourceIp``) and authorization, and its headers but the reserved ones; a request
  with the same key is answered from it without running a resolver. Only an answer without
  errors is kept.

Only queries are cached: a mutation's resolvers always run. Entries live per API and
expire by mockway's clock; FlushApiCache, UpdateApiCache and DeleteApiCache forget them. In a
mutation, ``$extensions.evictFromApiCache(typeName, fieldName, keys)`` forgets the entry of
``typeName.fieldName`` whose caching keys, named in order as the resolver names them, have
those values; the answer then says how many went (``extensions.apiCacheEntriesDeleted``).

The entries are kept beside the backend, not in it: they are not state a snapshot holds.
Every kept value is a copy, so nothing done with an answer changes what is kept.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._expiring import keep, kept
from .._resolvers import Resolver, resolver_key
from ._registered import Registered

if TYPE_CHECKING:
    from graphql import GraphQLSchema

    from .._caches import ApiCache
    from .._models import AppSyncBackend, GraphqlApi
    from ._request import GraphqlRequest
    from ._resolve import Run, _Field

__all__ = ["RequestCache", "cache_for", "forget"]

FULL_REQUEST = "FULL_REQUEST_CACHING"
PER_RESOLVER = "PER_RESOLVER_CACHING"
OPERATION_LEVEL = "OPERATION_LEVEL_CACHING"
DEFAULT_KEYS = ("context.arguments", "context.source", "context.identity")
"""A resolver's caching keys when its ``cachingConfig`` names none."""
FULL_REQUEST_KEYS = ("context.arguments", "context.identity")
MAX_RESPONSE = 15 * 1024 * 1024
"""The largest answer operation level caching keeps."""
RESERVED_HEADERS = frozenset(
    {
        "authorization",
        "cloudfront-forwarded-proto",
        "cloudfront-is-desktop-viewer",
        "cloudfront-is-mobile-viewer",
        "cloudfront-is-smarttv-viewer",
        "cloudfront-is-tablet-viewer",
        "cloudfront-viewer-asn",
        "cloudfront-viewer-country",
        "content-length",
        "host",
        "priority",
        "sec-ch-ua",
        "sec-ch-ua-mobile",
        "sec-ch-ua-platform",
        "via",
        "x-amz-cf-id",
        "x-amz-date",
        "x-amz-security-token",
        "x-amzn-appsync-is-vpce-request",
        "x-amzn-remote-ip",
        "x-amzn-requestid",
        "x-amzn-trace-id",
        "x-forwarded-for",
    }
)
"""Request headers that are not part of an operation level caching key."""
_MAPS = {"arguments": "arguments", "args": "arguments", "source": "source", "identity": "identity"}

Entries = dict[Any, tuple[float, Any]]


@dataclass(slots=True)
class _Store:
    """One API's entries, for one configuration of its cache."""

    config: ApiCache
    entries: Entries = field(default_factory=dict)


_stores: Registered[_Store] = Registered()
_lock = _stores.lock


def cache_for(backend: AppSyncBackend, api: GraphqlApi, now: float) -> RequestCache | None:
    """The API's cache as a request at ``now`` uses it; None if the API has none. Called
    under the backend's lock: a cache that CreateApiCache or UpdateApiCache made anew (or a
    restore put back) starts empty."""
    config = api.cache
    if config is None:
        return None
    stores = _stores.of(backend)
    with _lock:
        store = stores.get(api.api_id)
        if store is None or store.config is not config:
            store = stores[api.api_id] = _Store(config)
    return RequestCache(store.entries, config, api.resolvers.copy(), now)


def forget(backend: AppSyncBackend, api_id: str) -> None:
    """Forget every entry of the API (FlushApiCache, UpdateApiCache, DeleteApiCache)."""
    stores = _stores.of(backend)
    with _lock:
        stores.pop(api_id, None)


def _name(key: str) -> str:
    """A caching key as ``context.<map>.<field>...``: ``$ctx.args.id`` is
    ``context.arguments.id``; a key naming no map AppSync keys by is left as it is."""
    parts = key.strip().removeprefix("$").split(".")
    if len(parts) < 2 or parts[0] not in ("context", "ctx") or parts[1] not in _MAPS:
        return key
    return ".".join(("context", _MAPS[parts[1]], *parts[2:]))


def _value(name: str, maps: Mapping[str, Any]) -> Any:
    """The value the caching key ``name`` has in ``maps`` (null if it names nothing)."""
    parts = name.split(".")
    if parts[0] != "context" or len(parts) < 2:
        return None
    value = maps.get(parts[1])
    for step in parts[2:]:
        value = value.get(step) if isinstance(value, Mapping) else None
    return value


def _canonical(value: Any) -> str:
    """A key's value as text: equal values, equal text (maps in any order)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _copied(value: Any) -> Any:
    """A copy of a JSON value that shares nothing mutable with it."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return copy.deepcopy(value)


class RequestCache:
    """An API's cache as one GraphQL request uses it."""

    __slots__ = ("_entries", "_resolvers", "behavior", "deleted", "now", "ttl")

    def __init__(
        self, entries: Entries, config: ApiCache, resolvers: dict[str, Resolver], now: float
    ) -> None:
        self._entries = entries
        self._resolvers = resolvers
        self.behavior = config.api_caching_behavior
        self.ttl = config.ttl
        self.now = now
        self.deleted = 0
        """Entries ``$extensions.evictFromApiCache`` forgot in this request."""

    @property
    def whole_operations(self) -> bool:
        """Whole answers are cached (operation level caching), not resolvers' results."""
        return self.behavior == OPERATION_LEVEL

    def _keys(self, resolver: Resolver | None) -> tuple[tuple[str, ...], int] | None:
        """The caching keys of ``resolver`` and how long its results are kept; None if they
        are not cached."""
        if resolver is None:
            return None
        if self.behavior == FULL_REQUEST:
            return FULL_REQUEST_KEYS, self.ttl
        config = resolver.caching_config
        if self.behavior != PER_RESOLVER or config is None:
            return None
        names = tuple(_name(k) for k in config.get("cachingKeys") or ()) or DEFAULT_KEYS
        return names, config.get("ttl") or self.ttl

    def resolve(self, running: _Field) -> Any:
        """The field's value: kept from an earlier request, or resolved now (and kept, unless
        resolving it failed or added errors)."""
        resolver = running.resolver
        keys = self._keys(resolver)
        if keys is None or running.info.operation.operation.value != "query":
            return running.resolve()
        names, ttl = keys
        maps = {
            "arguments": running.arguments,
            "source": running.source,
            "identity": running.run.caller.identity,
        }
        values = tuple(_canonical(_value(name, maps)) for name in names)
        key = (resolver.type_name, resolver.field_name, names, values)
        with _lock:
            found = kept(self._entries, key, self.now)
        if found is not None:
            return _copied(found[0])
        errors = len(running.run.out_errors)
        value = running.resolve()
        if len(running.run.out_errors) == errors:
            with _lock:
                keep(self._entries, key, self.now + ttl, (_copied(value),), self.now)
        return value

    def evict(self, type_name: str, field_name: str, keys: Mapping[str, Any]) -> None:
        """``$extensions.evictFromApiCache``: forget the entry of ``type_name.field_name``
        whose caching keys are ``keys``, named in the resolver's order."""
        names = tuple(_name(str(k)) for k in keys)
        cached = self._keys(self._resolvers.get(resolver_key(type_name, field_name)))
        if self.whole_operations or cached is None or cached[0] != names:
            return
        values = tuple(_canonical(v) for v in keys.values())
        with _lock:
            found = self._entries.pop((type_name, field_name, names, values), None)
        if found is not None and found[0] > self.now:
            self.deleted += 1

    def answer(
        self, schema: GraphQLSchema, query: GraphqlRequest, run: Run, work: Callable[[], bytes]
    ) -> tuple[bytes, dict[str, str]]:
        """Operation level caching: the answer's body and headers, kept from an earlier
        request or made now by ``work`` (and kept if it is a query's, without errors)."""
        caller = run.caller
        identity = caller.identity
        if identity is not None:
            identity = {k: v for k, v in identity.items() if k != "sourceIp"}
        headers = {k: v for k, v in run.headers.items() if k not in RESERVED_HEADERS}
        key = (
            query.query,
            query.operation_name,
            _canonical(query.variables),
            caller.mode,
            _canonical(identity),
            tuple(sorted(caller.denied)),
            _canonical(headers),
        )
        with _lock:
            found = kept(self._entries, key, self.now)
        if found is not None:
            return found[0], dict(found[1])
        body = work()
        added = dict(run.response_headers.items())
        if len(body) <= MAX_RESPONSE and _a_query(schema, query) and _no_errors(body):
            with _lock:
                keep(self._entries, key, self.now + self.ttl, (body, dict(added)), self.now)
        return body, added


def _a_query(schema: GraphQLSchema, query: GraphqlRequest) -> bool:
    from graphql import get_operation_ast

    from ._document import prepared

    document, _ = prepared(schema, query.query)
    if document is None:
        return False
    operation = get_operation_ast(document, query.operation_name)
    return operation is not None and operation.operation.value == "query"


def _no_errors(body: bytes) -> bool:
    answer = json.loads(body)
    return isinstance(answer, dict) and "errors" not in answer
