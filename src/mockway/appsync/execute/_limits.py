"""Limits: an API's ``queryDepthLimit`` and ``resolverCountLimit``, applied field by field.

As AppSync's developer guide describes them ("Configuring GraphQL run complexity, query
depth, and introspection"): a field nested past ``queryDepthLimit`` levels (1 to 75; 0, the
default, is no limit) is null with an error of type ``QueryDepthLimitReached``, and a
non-nullable one makes its first nullable parent null; once ``resolverCountLimit`` resolvers
(1 to 10,000; 0, the default, is 10,000) have run in a request, each further field with a
resolver is null with an error of type ``ResolverExecutionLimitReached`` and its resolver does
not run. A query's root fields are at depth 1, and leaf fields count as a level. With
``introspectionConfig`` DISABLED, an operation that asks for ``__schema`` or ``__type`` at its
root is refused whole, as graphql-java (AppSync's engine) refuses it when introspection is
disabled: no data, and the error ``Introspection has been disabled for this request``;
``__typename`` is answered as ever.

The error types are AWS's; the messages are not on public record and are assumed here
(docs/fidelity.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._answers import FieldError

if TYPE_CHECKING:
    from graphql.language import DocumentNode, FieldNode, SelectionSetNode

__all__ = [
    "DEFAULT_RESOLVER_LIMIT",
    "INTROSPECTION_DISABLED",
    "depth",
    "introspected",
    "limits",
    "past_depth",
    "past_resolvers",
]

DEFAULT_RESOLVER_LIMIT = 10_000
DEPTH_REACHED = "QueryDepthLimitReached"
RESOLVERS_REACHED = "ResolverExecutionLimitReached"
DEPTH_MESSAGE = "Query depth limit of {limit} reached"
RESOLVERS_MESSAGE = "Resolver execution limit of {limit} reached"
INTROSPECTION_DISABLED = "Introspection has been disabled for this request"
_INTROSPECTION = frozenset({"__schema", "__type"})


def limits(settings: Mapping[str, Any]) -> tuple[int, int]:
    """``(depth limit or 0 for none, resolver limit)`` of an API's settings."""
    depth_limit = settings.get("queryDepthLimit") or 0
    resolver_limit = settings.get("resolverCountLimit") or DEFAULT_RESOLVER_LIMIT
    return int(depth_limit), int(resolver_limit)


def depth(path: Any) -> int:
    """How deep the field at graphql-core's ``path`` is: its field names, list indexes left
    out."""
    found = 0
    while path is not None:
        if isinstance(path.key, str):
            found += 1
        path = path.prev
    return found


def past_depth(limit: int) -> FieldError:
    return FieldError(DEPTH_MESSAGE.format(limit=limit), DEPTH_REACHED)


def past_resolvers(limit: int) -> FieldError:
    return FieldError(RESOLVERS_MESSAGE.format(limit=limit), RESOLVERS_REACHED)


def introspected(document: DocumentNode, operation_name: str | None) -> FieldNode | None:
    """The first root field of the operation run that is ``__schema`` or ``__type`` (fragments
    at the root included), if any."""
    from graphql import FragmentDefinitionNode, get_operation_ast

    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return _introspection_field(operation.selection_set, fragments, set())


def _introspection_field(
    selections: SelectionSetNode, fragments: Mapping[str, Any], seen: set[str]
) -> FieldNode | None:
    from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

    for node in selections.selections:
        found = None
        if isinstance(node, FieldNode):
            if node.name.value in _INTROSPECTION:
                return node
        elif isinstance(node, InlineFragmentNode):
            found = _introspection_field(node.selection_set, fragments, seen)
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            seen.add(node.name.value)
            fragment = fragments.get(node.name.value)
            if fragment is not None:
                found = _introspection_field(fragment.selection_set, fragments, seen)
        if found is not None:
            return found
    return None
