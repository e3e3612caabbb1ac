"""CreateType, GetType, ListTypes, UpdateType, DeleteType: the types of an API's schema.

A type is kept as SDL and answered in the format a call asks for: its SDL (as written for a
type made by CreateType or UpdateType, as the schema wrote it for a type of a schema), or its
introspection (``__Type``) as JSON. The types are the schema's: StartSchemaCreation replaces
them all, and a change to one is a change to the schema the API serves.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._jackson import jackson
from .._registry import Call
from . import _errors as e
from ._family import Family, Params
from ._models import GraphqlApi
from ._prelude import PREDEFINED_TYPES
from ._sdl import Definition, SchemaProblem, parse_type

__all__ = ["FAMILY", "OPERATIONS", "GraphqlType"]


@dataclass(slots=True)
class GraphqlType:
    """A type of the schema, as stored."""

    name: str
    arn: str
    definition: str
    """SDL."""
    description: str | None = None

    @classmethod
    def of(cls, api: GraphqlApi, definition: Definition) -> GraphqlType:
        arn = f"{api.arn}/types/{definition.name}"
        return cls(definition.name, arn, definition.sdl, definition.description)


@dataclass(slots=True)
class TypeView:
    """A type as one call answers it: the ``Type`` shape's members."""

    name: str
    description: str | None
    arn: str
    definition: str
    format: str


def _definition(text: str) -> Definition:
    try:
        return parse_type(text)
    except SchemaProblem as problem:
        raise e.bad_request(problem.details) from None


def _key(params: Params) -> str:
    name = params.get("typeName")
    return str(name) if name is not None else _definition(params["definition"]).name


def build(call: Call, api: GraphqlApi, existing: GraphqlType | None) -> GraphqlType:
    p = call.params
    if existing is not None and p.get("definition") is None:
        return existing
    definition = _definition(p["definition"])
    if existing is None and definition.name in PREDEFINED_TYPES:
        raise e.bad_request(e.TYPE_EXISTS.format(name=definition.name))
    if existing is not None and definition.name != existing.name:
        message = e.TYPE_NAME_MISMATCH.format(defined=definition.name, name=existing.name)
        raise e.bad_request(message)
    return GraphqlType.of(api, definition)


def view(api: GraphqlApi, item: GraphqlType, call: Call) -> TypeView:
    kind = call.params["format"]
    definition = item.definition
    if kind == "JSON":
        from ._schema import built

        definition = jackson(built(api).type_json(api, item.name))
    return TypeView(item.name, item.description, item.arn, definition, kind)


FAMILY: Family[GraphqlType] = Family(
    items=lambda api: api.types,
    key=_key,
    not_found=lambda api, p: e.not_found(e.TYPE_NOT_FOUND.format(name=p["typeName"])),
    build=build,
    exists=lambda p: e.bad_request(e.TYPE_EXISTS.format(name=_key(p))),
    plural="types",
    view=view,
)

OPERATIONS = FAMILY.operations(
    create="CreateType",
    get="GetType",
    list="ListTypes",
    update="UpdateType",
    delete="DeleteType",
)
