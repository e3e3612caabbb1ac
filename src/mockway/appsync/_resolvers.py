"""CreateResolver, GetResolver, ListResolvers, UpdateResolver, DeleteResolver,
ListResolversByFunction.

A resolver answers one field of one type. A UNIT resolver runs one data source; a PIPELINE
resolver runs its functions in order, between its own before and after steps. Either is
written as VTL mapping templates or as APPSYNC_JS ``code`` with its ``runtime``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._registry import Call
from .._render import render
from .._wire import ServiceError, received
from . import _errors as e
from ._apis import check_next_token, listed
from ._family import Family, Params
from ._functions import FAMILY as FUNCTIONS
from ._functions import code_settings, data_source_named
from ._models import AppSyncBackend, GraphqlApi
from ._sdl import field_names

__all__ = ["FAMILY", "OPERATIONS", "Resolver", "resolver_key"]

UNIT = "UNIT"
PIPELINE = "PIPELINE"
MIN_CACHING_TTL = 1
MAX_CACHING_TTL = 3600


@dataclass(slots=True)
class Resolver:
    type_name: str
    field_name: str
    resolver_arn: str
    kind: str
    data_source_name: str | None = None
    """The data source of a UNIT resolver; None for PIPELINE."""
    functions: list[str] = field(default_factory=list)
    """The function ids a PIPELINE resolver runs, in order; empty for UNIT."""
    max_batch_size: int = 0
    request_mapping_template: str | None = None
    response_mapping_template: str | None = None
    sync_config: dict[str, Any] | None = None
    caching_config: dict[str, Any] | None = None
    runtime: dict[str, str] | None = None
    code: str | None = None
    metrics_config: str | None = None

    @property
    def pipeline_config(self) -> dict[str, list[str]] | None:
        return {"functions": self.functions} if self.kind == PIPELINE else None


def resolver_key(type_name: str, field_name: str) -> str:
    """The store key of the resolver of ``type_name.field_name`` (no separator two names can
    share)."""
    return f"{len(type_name)}:{type_name}.{field_name}"


def _key(params: Params) -> str:
    return resolver_key(params["typeName"], params["fieldName"])


def _caching(params: Params) -> dict[str, Any] | None:
    caching: dict[str, Any] | None = received(params.get("cachingConfig"))
    if caching is not None and not MIN_CACHING_TTL <= caching["ttl"] <= MAX_CACHING_TTL:
        raise e.bad_request(e.CACHING_TTL_OUT_OF_RANGE)
    return caching


def _pipeline(api: GraphqlApi, params: Params) -> list[str]:
    """The functions of a PIPELINE resolver: every one must be in the API."""
    config = params.get("pipelineConfig") or {}
    functions = list(config.get("functions") or ())
    missing = [f for f in functions if f not in api.functions]
    if missing:
        raise e.not_found(e.PIPELINE_FUNCTIONS_MISSING.format(functions=",".join(missing)))
    return functions


def field_of(api: GraphqlApi, params: Params) -> None:
    """A resolver's type must be in the API's schema, and its field on that type."""
    type_name, field_name = params["typeName"], params["fieldName"]
    graphql_type = api.types.get(type_name)
    if graphql_type is None:
        raise e.not_found(e.TYPE_NOT_FOUND.format(name=type_name))
    if field_name not in field_names(graphql_type.definition):
        raise e.not_found(e.FIELD_NOT_FOUND.format(field=field_name, type=type_name))


def _not_found(api: GraphqlApi, params: Params) -> ServiceError:
    """No such resolver: AppSync names the type first when the schema lacks it."""
    if params["typeName"] not in api.types:
        return e.not_found(e.TYPE_NOT_FOUND.format(name=params["typeName"]))
    return e.not_found(e.RESOLVER_NOT_FOUND)


def build(call: Call, api: GraphqlApi, existing: Resolver | None) -> Resolver:
    p = call.params
    kind = p.get("kind") or UNIT
    runtime, code = code_settings(p)
    caching = _caching(p)
    field_of(api, p)
    source = p.get("dataSourceName") if kind == UNIT else None
    if kind == UNIT and source is None:
        raise e.bad_request(e.UNIT_NEEDS_DATA_SOURCE)
    if source is not None:
        data_source_named(api, source)
    type_name, field_name = p["typeName"], p["fieldName"]
    return Resolver(
        type_name,
        field_name,
        f"{api.arn}/types/{type_name}/resolvers/{field_name}",
        kind,
        data_source_name=source,
        functions=_pipeline(api, p) if kind == PIPELINE else [],
        max_batch_size=p.get("maxBatchSize") or 0,
        request_mapping_template=p.get("requestMappingTemplate"),
        response_mapping_template=p.get("responseMappingTemplate"),
        sync_config=received(p.get("syncConfig")),
        caching_config=caching,
        runtime=runtime,
        code=code,
        metrics_config=p.get("metricsConfig"),
    )


def _of_type(params: Params) -> Callable[[Resolver], bool]:
    type_name = params["typeName"]
    return lambda resolver: resolver.type_name == type_name


FAMILY: Family[Resolver] = Family(
    items=lambda api: api.resolvers,
    key=_key,
    not_found=_not_found,
    build=build,
    exists=lambda p: e.bad_request(e.RESOLVER_EXISTS),
    plural="resolvers",
    keep=_of_type,
)


def list_resolvers_by_function(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    """The pipeline resolvers that run a function, oldest first."""
    check_next_token(call.params.get("nextToken"))
    api, function = FUNCTIONS.locate(backend, call)
    shape = call.operation.output_shape
    assert shape is not None
    item_shape = shape.members["resolvers"].member  # type: ignore[attr-defined]
    function_id = function.function_id
    return listed(
        api.resolvers,
        call.params,
        "resolvers",
        lambda resolver: render(resolver, item_shape, "appsync"),
        lambda resolver: function_id in resolver.functions,
    )


OPERATIONS = {
    **FAMILY.operations(
        create="CreateResolver",
        get="GetResolver",
        list="ListResolvers",
        update="UpdateResolver",
        delete="DeleteResolver",
    ),
    "ListResolversByFunction": list_resolvers_by_function,
}
