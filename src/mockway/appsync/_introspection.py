"""A schema's introspection as AppSync's JSON gives it.

AppSync answers the introspection query of its own GraphQL engine: the types reachable from the
root types first, in the order a walk from them meets them (a type's fields, each field's type
before its arguments, then its interfaces), then the others, then the introspection types; its
own directives with their legacy ``onOperation``/``onFragment``/``onField`` flags; with
directives asked for, the directives applied to each type and field of the schema's own. The
JSON is printed as its Java JSON library prints it.

graphql-core is imported inside the functions, on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._prelude import PREDEFINED_TYPES
from ._sdl import SchemaProblem, full, parse_sdl

if TYPE_CHECKING:
    from graphql import DocumentNode, GraphQLNamedType, GraphQLSchema

__all__ = ["introspection", "lenient_types"]


def _type_ref(depth: int) -> str:
    return "kind name" if depth == 0 else f"kind name ofType {{ {_type_ref(depth - 1)} }}"


_QUERY = f"""
query IntrospectionQuery {{
  __schema {{
    queryType {{ name }}
    mutationType {{ name }}
    subscriptionType {{ name }}
    types {{ ...FullType }}
    directives {{ name description locations args {{ ...InputValue }} }}
  }}
}}
fragment FullType on __Type {{
  kind name description
  fields(includeDeprecated: true) {{
    name description args {{ ...InputValue }} type {{ ...TypeRef }}
    isDeprecated deprecationReason
  }}
  inputFields {{ ...InputValue }}
  interfaces {{ ...TypeRef }}
  enumValues(includeDeprecated: true) {{ name description isDeprecated deprecationReason }}
  possibleTypes {{ ...TypeRef }}
}}
fragment InputValue on __InputValue {{ name description type {{ ...TypeRef }} defaultValue }}
fragment TypeRef on __Type {{ {_type_ref(8)} }}
"""
_OPERATION = frozenset({"QUERY", "MUTATION", "SUBSCRIPTION"})
_FRAGMENT = frozenset({"FRAGMENT_SPREAD", "INLINE_FRAGMENT", "FRAGMENT_DEFINITION"})


@functools.cache
def _query() -> DocumentNode:
    from graphql import parse

    return parse(_QUERY)


def _walk(schema: GraphQLSchema) -> list[str]:
    """The schema's type names in the order AppSync's introspection lists them."""
    from graphql import (
        GraphQLInputObjectType,
        GraphQLInterfaceType,
        GraphQLObjectType,
        GraphQLUnionType,
        get_named_type,
    )

    seen: dict[str, None] = {}

    def visit(kind: GraphQLNamedType | None) -> None:
        if kind is None or kind.name in seen:
            return
        seen[kind.name] = None
        if isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType)):
            for field in kind.fields.values():
                visit(get_named_type(field.type))
                for arg in field.args.values():
                    visit(get_named_type(arg.type))
            for interface in kind.interfaces:
                visit(interface)
        elif isinstance(kind, GraphQLUnionType):
            for member in kind.types:
                visit(member)
        elif isinstance(kind, GraphQLInputObjectType):
            for input_field in kind.fields.values():
                visit(get_named_type(input_field.type))

    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    for root in roots:
        visit(root)
    for name, kind in schema.type_map.items():
        if not name.startswith("__"):
            visit(kind)
    visit(schema.get_type("__Schema"))
    return list(seen)


def _applied(nodes: Iterable[Any]) -> list[dict[str, Any]]:
    from graphql import print_ast

    return [
        {
            "name": d.name.value,
            "args": [
                {"name": a.name.value, "value": print_ast(a.value)} for a in d.arguments or ()
            ],
        }
        for node in nodes
        if node is not None
        for d in node.directives or ()
    ]


def introspection(schema: GraphQLSchema, include_directives: bool) -> dict[str, Any]:
    """The introspection query's result for ``schema``, as AppSync gives it."""
    from graphql import execute_sync

    result = execute_sync(schema, _query())
    assert result.data is not None, result.errors
    data: dict[str, Any] = result.data["__schema"]
    by_name = {entry["name"]: entry for entry in data["types"]}
    data["types"] = [by_name[name] for name in _walk(schema) if name in by_name]
    for directive in data["directives"]:
        locations = set(directive["locations"])
        directive["onOperation"] = bool(locations & _OPERATION)
        directive["onFragment"] = bool(locations & _FRAGMENT)
        directive["onField"] = "FIELD" in locations
    if include_directives:
        for entry in data["types"]:
            _with_directives(schema, entry)
    return {"data": {"__schema": data}}


def _with_directives(schema: GraphQLSchema, entry: dict[str, Any]) -> None:
    """``entry`` (a type) with the directives applied to it and to its fields: lists for the
    schema's own types, null for those AppSync defines."""
    kind: Any = schema.get_type(entry["name"])
    node = kind.ast_node
    own = node is not None and node.loc is not None
    entry["directives"] = _applied([node, *kind.extension_ast_nodes]) if own else None
    for field in entry["fields"] or ():
        field["directives"] = _applied([kind.fields[field["name"]].ast_node]) if own else None


def lenient_types(texts: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Each type the definitions ``texts`` give, as introspection gives it (``__Type``), by
    name; a type they name but do not define reads as a scalar."""
    from graphql import DocumentNode, GraphQLError, build_ast_schema
    from graphql.language import NamedTypeNode, TypeDefinitionNode, visit
    from graphql.language.visitor import Visitor

    try:
        parsed = parse_sdl(texts)
    except SchemaProblem:
        return {}
    own = [d.name.value for d in parsed.definitions if isinstance(d, TypeDefinitionNode)]
    defined = set(own) | PREDEFINED_TYPES
    stubs: set[str] = set()

    class Names(Visitor):
        def enter_named_type(self, node: NamedTypeNode, *_: Any) -> None:
            if node.name.value not in defined:
                stubs.add(node.name.value)

    visit(parsed, Names())
    added = [f"scalar {name}" for name in sorted(stubs - {"Query"})]
    if "Query" not in defined:
        added.append("type Query")
    extra = parse_sdl(added).definitions if added else ()
    try:
        definitions = DocumentNode(definitions=(*parsed.definitions, *extra))
        schema = build_ast_schema(full(definitions), assume_valid=True, assume_valid_sdl=True)
        types = introspection(schema, include_directives=False)["data"]["__schema"]["types"]
    except (GraphQLError, TypeError, ValueError, AssertionError):
        return {}
    return {entry["name"]: entry for entry in types if entry["name"] in own}
