"""What a subscription is delivered: a mutation's result shaped by the subscription's
selection set, and the enhanced filters (``setSubscriptionFilter``,
``setSubscriptionInvalidationFilter``) it must pass.

A mutation's result is read by field name (``by_name``), whatever aliases the mutation gave
its fields; the subscription's selection set is completed over it as graphql-java completes
one (``Shaper``): leaf values as they are, a field the mutation did not select null, and a
null in a non-null field an error that makes the nearest nullable field above it null (each
such field reported, ``message`` and ``path``).

A filter is a ``filterGroup`` of entries, each a list of ``filters`` (``fieldName``, a dotted
path into the result; ``operator``; ``value``): the result passes if all filters of any entry
hold. A field the result lacks is null: ``eq`` null, ``ne``, ``notContains`` and ``notIn`` hold
for it, the other operators do not.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphql import GraphQLOutputType, GraphQLSchema
    from graphql.language import DocumentNode, FieldNode, SelectionSetNode

__all__ = ["Null", "Shaper", "by_name", "collect", "fragments_of", "passes"]

NON_NULL = "Cannot return null for non-nullable type: '{type}' within parent '{parent}' ({path})"


def fragments_of(document: DocumentNode) -> dict[str, Any]:
    from graphql.language import FragmentDefinitionNode

    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def collect(
    selection_sets: list[SelectionSetNode | None],
    fragments: Mapping[str, Any],
    type_name: str | None = None,
    schema: GraphQLSchema | None = None,
    variables: Mapping[str, Any] | None = None,
) -> dict[str, list[FieldNode]]:
    """The fields of ``selection_sets`` by response key, through fragments (those whose
    type condition ``type_name`` meets, when it is given); with ``variables``, without what
    ``@skip`` and ``@include`` leave out."""
    from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

    found: dict[str, list[FieldNode]] = {}

    def walk(selection_set: SelectionSetNode | None) -> None:
        for node in () if selection_set is None else selection_set.selections:
            if variables is not None and not _included(node, variables):
                continue
            if isinstance(node, FieldNode):
                key = node.alias.value if node.alias else node.name.value
                found.setdefault(key, []).append(node)
            elif isinstance(node, InlineFragmentNode):
                if _applies(node.type_condition, type_name, schema):
                    walk(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                fragment = fragments.get(node.name.value)
                if fragment is not None and _applies(fragment.type_condition, type_name, schema):
                    walk(fragment.selection_set)

    for selection_set in selection_sets:
        walk(selection_set)
    return found


def _included(node: Any, variables: Mapping[str, Any]) -> bool:
    """Whether ``@skip`` and ``@include`` keep ``node`` (a field or a fragment)."""
    return _condition(node, "skip", variables) is not True and (
        _condition(node, "include", variables) is not False
    )


def _condition(node: Any, directive: str, variables: Mapping[str, Any]) -> Any:
    """The ``if`` of the directive named ``directive`` on ``node``; None without one."""
    from graphql import value_from_ast_untyped

    for used in node.directives or ():
        if used.name.value == directive:
            for argument in used.arguments or ():
                if argument.name.value == "if":
                    return value_from_ast_untyped(argument.value, dict(variables))
    return None


def _applies(condition: Any, type_name: str | None, schema: GraphQLSchema | None) -> bool:
    """Whether a fragment with the type condition ``condition`` applies to an object of the
    type ``type_name`` (always, when the type is not known)."""
    if condition is None or type_name is None or schema is None:
        return True
    named = condition.name.value
    if named == type_name:
        return True
    abstract = schema.get_type(named)
    concrete = schema.get_type(type_name)
    from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType

    return (
        isinstance(abstract, (GraphQLInterfaceType, GraphQLUnionType))
        and isinstance(concrete, GraphQLObjectType)
        and schema.is_sub_type(abstract, concrete)
    )


def by_name(value: Any, nodes: list[FieldNode], fragments: Mapping[str, Any]) -> Any:
    """A mutation field's result, its fields named by field name rather than response key
    (each once)."""
    if isinstance(value, list):
        return [by_name(item, nodes, fragments) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    fields = collect([n.selection_set for n in nodes], fragments)
    for key, selected in fields.items():
        name = selected[0].name.value
        if key in value and name not in out:
            out[name] = by_name(value[key], selected, fragments)
    return out


class Null(Exception):
    """A non-null field is null: the nearest nullable field above it is null."""


class Shaper:
    """A selection set completed over a payload, as graphql-java completes one: leaf values
    as they are, a null in a non-null field an error that makes the nearest nullable parent
    null (every such field reported)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, Any],
        errors: list[dict[str, Any]],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.errors = errors
        self.variables = variables
        """The subscription's variables, coerced: ``@skip`` and ``@include`` read them."""

    def complete(
        self,
        value: Any,
        kind: GraphQLOutputType,
        nodes: list[FieldNode],
        path: list[str | int],
        parent: str,
    ) -> Any:
        from graphql import (
            GraphQLList,
            GraphQLNonNull,
            GraphQLObjectType,
            is_abstract_type,
            is_leaf_type,
        )

        if isinstance(kind, GraphQLNonNull):
            done = self.complete(value, kind.of_type, nodes, path, parent)
            if done is None:
                where = "".join(f"[{p}]" if isinstance(p, int) else f"/{p}" for p in path)
                message = NON_NULL.format(type=kind.of_type, parent=parent, path=where)
                self.errors.append({"message": message, "path": list(path)})
                raise Null
            return done
        if value is None:
            return None
        if isinstance(kind, GraphQLList):
            if not isinstance(value, list):
                return None
            items, nulled = [], False
            for index, item in enumerate(value):
                try:
                    items.append(self.complete(item, kind.of_type, nodes, [*path, index], parent))
                except Null:
                    nulled = nulled or isinstance(kind.of_type, GraphQLNonNull)
                    items.append(None)
            if nulled:
                raise Null
            return items
        if is_leaf_type(kind):
            return value
        if not isinstance(value, dict):
            return None
        concrete: Any = kind
        if is_abstract_type(kind):
            concrete = self.schema.get_type(str(value.get("__typename")))
            if not isinstance(concrete, GraphQLObjectType):
                return None  # the payload does not say its type
        return self._object(value, concrete, nodes, path)

    def _object(
        self, value: dict[str, Any], kind: Any, nodes: list[FieldNode], path: list[str | int]
    ) -> dict[str, Any]:
        from graphql import GraphQLNonNull

        fields = collect(
            [n.selection_set for n in nodes], self.fragments, kind.name, self.schema, self.variables
        )
        out: dict[str, Any] = {}
        nulled = False
        for key, selected in fields.items():
            name = selected[0].name.value
            if name == "__typename":
                out[key] = kind.name
                continue
            definition = kind.fields.get(name)
            if definition is None:
                continue
            try:
                out[key] = self.complete(
                    value.get(name), definition.type, selected, [*path, key], kind.name
                )
            except Null:
                nulled = nulled or isinstance(definition.type, GraphQLNonNull)
                out[key] = None
        if nulled:
            raise Null
        return out


def passes(filters: Any, payload: Any) -> bool:
    """Whether ``payload`` passes the filter JSON ``filters``: any entry of its
    ``filterGroup`` whose filters all hold."""
    group = filters.get("filterGroup") if isinstance(filters, Mapping) else None
    if not isinstance(group, list):
        return False
    return any(
        all(_holds(c, payload) for c in entry.get("filters") or ())
        for entry in group
        if isinstance(entry, Mapping)
    )


def _field(payload: Any, name: str) -> Any:
    """The value of the dotted ``name`` in ``payload``; null when it has none."""
    value = payload
    for step in name.split("."):
        value = value.get(step) if isinstance(value, Mapping) else None
    return value


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ordered(left: Any, right: Any) -> bool:
    """Whether ``left`` and ``right`` compare: two numbers, or two strings."""
    return (_number(left) and _number(right)) or (isinstance(left, str) and isinstance(right, str))


def _equal(left: Any, right: Any) -> bool:
    if _number(left) and _number(right):
        return bool(left == right)
    return type(left) is type(right) and bool(left == right)


def _contains(field_value: Any, value: Any) -> bool:
    if isinstance(field_value, str):
        return isinstance(value, str) and value in field_value
    if isinstance(field_value, list):
        return any(_equal(item, value) for item in field_value)
    return False


_COMPARE: dict[str, Any] = {
    "le": operator.le,
    "lt": operator.lt,
    "ge": operator.ge,
    "gt": operator.gt,
}


def _holds(condition: Any, payload: Any) -> bool:
    """One filter: ``fieldName``, ``operator``, ``value``."""
    if not isinstance(condition, Mapping):
        return False
    value = condition.get("value")
    op = str(condition.get("operator"))
    found = _field(payload, str(condition.get("fieldName", "")))
    if op in ("eq", "ne"):
        return _equal(found, value) == (op == "eq")
    if op in ("contains", "notContains"):
        return _contains(found, value) == (op == "contains")
    if op in ("in", "notIn"):
        inside = isinstance(value, list) and any(_equal(found, v) for v in value)
        return isinstance(value, list) and inside == (op == "in")
    compare = _COMPARE.get(op)
    if compare is not None:
        return _ordered(found, value) and bool(compare(found, value))
    if op == "beginsWith":
        return isinstance(found, str) and isinstance(value, str) and found.startswith(value)
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            return False
        low, high = value
        return _ordered(found, low) and _ordered(found, high) and bool(low <= found <= high)
    if op == "containsAny":
        return isinstance(value, list) and any(_contains(found, v) for v in value)
    return False
