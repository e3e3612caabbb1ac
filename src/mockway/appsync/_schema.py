"""StartSchemaCreation, GetSchemaCreationStatus, GetIntrospectionSchema; the API's built schema.

A schema creation is PROCESSING in StartSchemaCreation's own answer and finished before the
next call reads it: GetSchemaCreationStatus answers SUCCESS (the schema's types replace the
API's) or FAILED with AppSync's ``details`` (the API keeps the schema it had). So no call ever
meets a creation in progress, and AppSync's ConcurrentModificationException for one is never
answered.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from botocore.response import StreamingBody

from .._jackson import jackson
from .._paging import OrderedStore
from .._registry import Call
from . import _errors as e
from ._introspection import introspection, lenient_types
from ._models import AppSyncBackend, GraphqlApi
from ._sdl import Checked, SchemaProblem, check, decode, print_sdl
from ._types import GraphqlType

if TYPE_CHECKING:
    from graphql import GraphQLSchema

__all__ = ["OPERATIONS", "Built", "built", "definitions"]

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def definitions(api: GraphqlApi) -> tuple[str, ...]:
    """Every definition of the API's schema, as SDL: its other definitions, then its types."""
    return (*api.schema_extras, *(t.definition for t in api.types.values()))


class Built:
    """The API's schema as built from its definitions at one time."""

    __slots__ = ("_schema", "_types_json", "extras", "problem", "types")

    def __init__(
        self,
        extras: tuple[str, ...],
        types: tuple[GraphqlType, ...],
        schema: GraphQLSchema | Checked | None,
        problem: str,
    ) -> None:
        self.extras = extras
        self.types = types
        self._schema = schema
        self.problem = problem
        """What GetIntrospectionSchema answers when there is no schema."""
        self._types_json: dict[str, dict[str, Any]] | None = None

    @property
    def schema(self) -> GraphQLSchema | None:
        """None when the definitions make no valid schema; built on first read."""
        schema = self._schema
        if isinstance(schema, Checked):
            schema = self._schema = schema.schema
        return schema

    def made_of(self, api: GraphqlApi) -> bool:
        if self.extras is not api.schema_extras or len(self.types) != len(api.types):
            return False
        return all(a is b for a, b in zip(self.types, api.types.values(), strict=True))

    def type_json(self, api: GraphqlApi, name: str) -> dict[str, Any] | None:
        """The type ``name`` as introspection gives it, also while the schema is not valid."""
        if self._types_json is None:
            if self.schema is None:
                self._types_json = lenient_types(definitions(api))
            else:
                types = introspection(self.schema, include_directives=False)["data"]["__schema"]
                self._types_json = {entry["name"]: entry for entry in types["types"]}
        return self._types_json.get(name)


def built(api: GraphqlApi) -> Built:
    """The API's schema, built again only when its definitions changed since last time."""
    current: Built | None = api.built
    if current is not None and current.made_of(api):
        return current
    types = tuple(api.types.values())
    if not types and not api.schema_extras:
        current = Built(api.schema_extras, types, None, e.NO_SCHEMA)
    else:
        try:
            checked = check("\n\n".join(definitions(api)))
            current = Built(api.schema_extras, types, checked, "")
        except SchemaProblem as problem:
            current = Built(api.schema_extras, types, None, problem.details)
    api.built = current
    return current


def start_schema_creation(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    try:
        checked = check(decode(call.params["definition"]))
    except SchemaProblem as problem:
        api.schema_creation = (FAILED, problem.details)
        return {"status": "PROCESSING"}
    types: OrderedStore[GraphqlType] = OrderedStore()
    for definition in checked.types:
        types.add(definition.name, GraphqlType.of(api, definition))
    api.types = types
    api.schema_extras = checked.extras
    api.schema_creation = (SUCCESS, e.SCHEMA_CREATED.format(count=len(types)))
    api.built = Built(api.schema_extras, tuple(types.values()), checked, "")
    return {"status": "PROCESSING"}


def get_schema_creation_status(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    if api.schema_creation is None:
        return {"status": "NOT_APPLICABLE"}
    status, details = api.schema_creation
    return {"status": status, "details": details}


def get_introspection_schema(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.api(p["apiId"])
    state = built(api)
    if state.schema is None:
        raise e.graphql_schema_exception(state.problem)
    include = p.get("includeDirectives")
    include = True if include is None else bool(include)
    if p["format"] == "SDL":
        text = print_sdl(definitions(api), include)
    else:
        text = jackson(introspection(state.schema, include))
    data = text.encode()
    return {"schema": StreamingBody(io.BytesIO(data), len(data))}


OPERATIONS = {
    "StartSchemaCreation": start_schema_creation,
    "GetSchemaCreationStatus": get_schema_creation_status,
    "GetIntrospectionSchema": get_introspection_schema,
}
