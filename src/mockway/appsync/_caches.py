"""CreateApiCache, GetApiCache, UpdateApiCache, DeleteApiCache, FlushApiCache.

A GraphQL API has at most one cache. AWS takes minutes to build or change one; mockway's is
ready at once: CreateApiCache answers it CREATING and UpdateApiCache MODIFYING, as AWS does,
and every later call finds it AVAILABLE, so a loop waiting for AVAILABLE ends at its first
poll, under frozen time too.

GraphQL requests use the cache as its ``apiCachingBehavior`` says (:mod:`.execute._caching`).
FlushApiCache empties it; UpdateApiCache and DeleteApiCache drop what it kept too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .._registry import Call
from . import _errors as e
from ._family import wrapped
from ._models import AppSyncBackend, GraphqlApi

__all__ = ["OPERATIONS", "ApiCache"]

MIN_TTL, MAX_TTL = 1, 3600


@dataclass(slots=True)
class ApiCache:
    ttl: int
    api_caching_behavior: str
    type: str
    health_metrics_config: str
    status: str = "AVAILABLE"
    # Encryption in transit and at rest are always on (the model deprecates both flags).
    transit_encryption_enabled: bool = True
    at_rest_encryption_enabled: bool = True


def _configured(call: Call) -> ApiCache:
    """The cache a create or an update asks for: an update takes every setting again."""
    p = call.params
    if not MIN_TTL <= p["ttl"] <= MAX_TTL:
        raise e.bad_request(e.CACHING_TTL_OUT_OF_RANGE)
    return ApiCache(
        ttl=p["ttl"],
        api_caching_behavior=p["apiCachingBehavior"],
        type=p["type"],
        health_metrics_config=p.get("healthMetricsConfig") or "DISABLED",
    )


def _cache(backend: AppSyncBackend, call: Call, action: str) -> tuple[GraphqlApi, ApiCache]:
    api = backend.api(call.params["apiId"])
    if api.cache is None:
        raise e.not_found(e.CACHE_MISSING.format(action=action))
    return api, api.cache


def _emptied(backend: AppSyncBackend, api: GraphqlApi) -> None:
    """The API's cache keeps nothing from its GraphQL requests any more."""
    from .execute._caching import forget

    forget(backend, api.api_id)


def create_api_cache(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    if api.cache is not None:
        raise e.bad_request(e.CACHE_EXISTS)
    api.cache = _configured(call)
    return wrapped(dataclasses.replace(api.cache, status="CREATING"), call)


def get_api_cache(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(_cache(backend, call, "get")[1], call)


def update_api_cache(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api, _ = _cache(backend, call, "update")
    api.cache = _configured(call)
    _emptied(backend, api)
    return wrapped(dataclasses.replace(api.cache, status="MODIFYING"), call)


def delete_api_cache(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api, _ = _cache(backend, call, "delete")
    api.cache = None
    _emptied(backend, api)
    return {}


def flush_api_cache(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api, _ = _cache(backend, call, "flush")
    _emptied(backend, api)
    return {}


OPERATIONS = {
    "CreateApiCache": create_api_cache,
    "GetApiCache": get_api_cache,
    "UpdateApiCache": update_api_cache,
    "DeleteApiCache": delete_api_cache,
    "FlushApiCache": flush_api_cache,
}
