"""graphql-core's SDL validation rules, run over a document in one plain walk.

graphql-core is imported inside the function, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphql import DocumentNode

__all__ = ["run_rules"]

# Kinds whose nodes hold only names and type references, and no directives.
_INERT = frozenset({"name", "named_type", "list_type", "non_null_type", "string_value"})


def run_rules(document: DocumentNode, visitors: list[Any]) -> None:
    """The rules ``visitors`` run over ``document`` as graphql-core's ``validate_sdl`` runs them
    (one depth-first walk, each rule called in turn, a rule's SKIP skipping the node's subtree
    for that rule alone), without the general walk's bookkeeping, which takes longer than the
    rules: the SDL rules read only the node they are called with. A subtree of an inert kind is
    not walked when no rule but the check of repeated directives, which looks at the node's
    directives alone, would be called in it."""
    from graphql.language import BREAK, SKIP, Node
    from graphql.language.ast import QUERY_DOCUMENT_KEYS
    from graphql.validation.rules.unique_directives_per_location import (
        UniqueDirectivesPerLocationRule,
    )

    generic = UniqueDirectivesPerLocationRule.enter
    skipping: list[Any] = [None] * len(visitors)

    def handlers(kind: str) -> tuple[tuple[int, Any, Any], ...]:
        found = []
        for i, visitor in enumerate(visitors):
            enter, leave = visitor.get_enter_leave_for_kind(kind)
            if enter or leave:
                found.append((i, enter, leave))
        return tuple(found)

    inert = {
        kind
        for kind in _INERT
        if all(
            leave is None and getattr(enter, "__func__", None) is generic
            for _, enter, leave in handlers(kind)
        )
    }
    table: dict[str, tuple[tuple[int, Any, Any], ...]] = {}

    def walk(node: Any, key: Any, parent: Any) -> None:
        kind = node.kind
        try:
            found = table[kind]
        except KeyError:
            found = table[kind] = handlers(kind)
        for i, enter, _ in found:
            if enter is not None and not skipping[i]:
                result = enter(node, key, parent, (), ())
                if result is SKIP or result is False:
                    skipping[i] = node
                elif result is BREAK or result is True:
                    skipping[i] = BREAK
        for name in QUERY_DOCUMENT_KEYS.get(kind, ()):
            child = getattr(node, name, None)
            if isinstance(child, Node):
                if child.kind not in inert:
                    walk(child, name, node)
            elif child:
                for index, item in enumerate(child):
                    if item.kind not in inert:
                        walk(item, index, child)
        for i, _, leave in found:
            state = skipping[i]
            if not state:
                if leave is not None:
                    result = leave(node, key, parent, (), ())
                    if result is BREAK or result is True:
                        skipping[i] = BREAK
            elif state is node:
                skipping[i] = None

    walk(document, None, None)
