"""How a Merged API's schema is made of its source APIs' schemas.

Each source brings the definitions of its schema. AppSync's merge directives act on them
first: ``@hidden`` leaves a type or field out of the merged API, ``@renamed(to: "...")`` gives
it another name there (and the source's references to a renamed type follow it). Then types
of the same name are merged: objects, interfaces and input types field by field, enums value by
value, unions member by member. A field that two sources define differently is a conflict,
unless one of them marks the field (or its type) ``@canonical``: that one is taken. The merged
definitions must then make a schema AppSync accepts (:func:`._sdl.check`).

graphql-core is imported inside the functions, on first use.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import _errors as e

__all__ = ["Contribution", "MergeConflict", "Merged", "merge"]

MERGE_DIRECTIVES = frozenset({"canonical", "hidden", "renamed"})


class MergeConflict(Exception):
    """A merge AppSync refuses; ``details`` says why."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one source API brings to a merge: its schema's definitions, as SDL."""

    definitions: tuple[str, ...]


@dataclass(slots=True)
class _Type:
    kind: str
    """The definition's node class name (``ObjectTypeDefinitionNode``...)."""
    name: str
    description: Any = None
    directives: dict[str, Any] = field(default_factory=dict)
    interfaces: dict[str, Any] = field(default_factory=dict)
    members: dict[str, tuple[Any, bool]] = field(default_factory=dict)
    """Fields, enum values or union members by name: the node, and whether it is canonical."""


def _has(node: Any, name: str) -> bool:
    return any(d.name.value == name for d in getattr(node, "directives", None) or ())


def _renamed(node: Any) -> str | None:
    from graphql.language import StringValueNode

    for directive in getattr(node, "directives", None) or ():
        if directive.name.value == "renamed":
            for argument in directive.arguments or ():
                if argument.name.value == "to" and isinstance(argument.value, StringValueNode):
                    return str(argument.value.value)
    return None


def _with(node: Any, **changes: Any) -> Any:
    """A copy of ``node`` with ``changes``: graphql-core 3.3's nodes are frozen dataclasses,
    3.2's plain objects."""
    if dataclasses.is_dataclass(node):
        return dataclasses.replace(node, **changes)  # type: ignore[type-var]
    out = copy.copy(node)
    for attribute, value in changes.items():
        setattr(out, attribute, value)
    return out


def _stripped(node: Any, name: str | None = None) -> Any:
    """``node`` without the merge directives, named ``name`` if given."""
    from graphql.language import NameNode

    changes: dict[str, Any] = {}
    if getattr(node, "directives", None):
        changes["directives"] = tuple(
            d for d in node.directives if d.name.value not in MERGE_DIRECTIVES
        )
    if name is not None:
        changes["name"] = NameNode(value=name)
    return _with(node, **changes)


def _kind(node: Any) -> str:
    return type(node).__name__.replace("Extension", "Definition")


def _source_document(definitions: Sequence[str]) -> Any:
    """The source's definitions, parsed, its renamed types' references renamed with them."""
    from graphql import GraphQLSyntaxError, parse
    from graphql.language import NamedTypeNode, NameNode, TypeDefinitionNode, Visitor, visit

    try:
        document = parse("\n\n".join(definitions), no_location=True)
    except (GraphQLSyntaxError, RecursionError):
        raise MergeConflict(e.SCHEMA_PARSE_FAILED) from None
    renames = {}
    for node in document.definitions:
        if isinstance(node, TypeDefinitionNode) and (to := _renamed(node)) is not None:
            renames[node.name.value] = to
    if not renames:
        return document

    class Rename(Visitor):
        def enter_named_type(self, node: NamedTypeNode, *_: Any) -> Any:
            to = renames.get(node.name.value)
            return None if to is None else NamedTypeNode(name=NameNode(value=to))

    return visit(document, Rename())


def _printed(node: Any) -> str:
    from graphql import print_ast

    bare = _stripped(node)
    if hasattr(bare, "description"):
        bare = _with(bare, description=None)
    return print_ast(bare)


class _Merger:
    def __init__(self) -> None:
        self.types: dict[str, _Type] = {}
        self.operations: dict[str, str] = {}
        self.directives: dict[str, Any] = {}

    def add(self, definitions: Sequence[str]) -> tuple[str, ...]:
        """Merge one source's definitions in; the names of the types it brings."""
        from graphql.language import (
            DirectiveDefinitionNode,
            SchemaDefinitionNode,
            SchemaExtensionNode,
            TypeDefinitionNode,
            TypeExtensionNode,
        )

        names: dict[str, None] = {}
        for node in _source_document(definitions).definitions:
            if isinstance(node, (SchemaDefinitionNode, SchemaExtensionNode)):
                for op in node.operation_types or ():
                    self._operation(op.operation.value, op.type.name.value)
            elif isinstance(node, DirectiveDefinitionNode):
                self._directive(node)
            elif isinstance(node, (TypeDefinitionNode, TypeExtensionNode)):
                name = self._type(node)
                if name is not None:
                    names[name] = None
        return tuple(names)

    def _operation(self, operation: str, type_name: str) -> None:
        if self.operations.setdefault(operation, type_name) != type_name:
            raise MergeConflict(e.MERGE_OPERATION_CONFLICT.format(operation=operation))

    def _directive(self, node: Any) -> None:
        name = node.name.value
        kept = self.directives.setdefault(name, node)
        if kept is not node and _printed(kept) != _printed(node):
            raise MergeConflict(e.MERGE_DIRECTIVE_CONFLICT.format(name=name))

    def _type(self, node: Any) -> str | None:
        if _has(node, "hidden"):
            return None
        name = _renamed(node) or node.name.value
        canonical = _has(node, "canonical")
        merged = self.types.get(name)
        if merged is None:
            merged = self.types[name] = _Type(_kind(node), name)
        elif merged.kind != _kind(node):
            raise MergeConflict(e.MERGE_TYPE_CONFLICT.format(name=name))
        if merged.description is None and getattr(node, "description", None) is not None:
            merged.description = node.description
        for directive in node.directives or ():
            if directive.name.value not in MERGE_DIRECTIVES:
                merged.directives.setdefault(_printed(directive), directive)
        for interface in getattr(node, "interfaces", None) or ():
            merged.interfaces.setdefault(interface.name.value, interface)
        members = getattr(node, "fields", None) or getattr(node, "values", None)
        for member in members or getattr(node, "types", None) or ():
            if not _has(member, "hidden"):
                self._member(merged, member, canonical or _has(member, "canonical"))
        return name

    def _member(self, merged: _Type, node: Any, canonical: bool) -> None:
        name = _renamed(node) or node.name.value
        if name != node.name.value:
            node = _stripped(node, name)
        kept = merged.members.get(name)
        if kept is None:
            merged.members[name] = (node, canonical)
            return
        kept_node, kept_canonical = kept
        if _printed(kept_node) == _printed(node):
            return
        if canonical == kept_canonical:
            raise MergeConflict(e.MERGE_FIELD_CONFLICT.format(type=merged.name, field=name))
        if canonical:
            merged.members[name] = (node, canonical)

    def sdl(self) -> str:
        from graphql import print_ast

        parts: list[str] = []
        if self.operations:
            ops = "\n".join(f"  {op}: {name}" for op, name in self.operations.items())
            parts.append(f"schema {{\n{ops}\n}}")
        parts.extend(print_ast(_stripped(d)) for d in self.directives.values())
        parts.extend(self._print_type(t) for t in self.types.values())
        return "\n\n".join(parts) + "\n"

    def _print_type(self, merged: _Type) -> str:
        from graphql import print_ast
        from graphql.language import ast

        cls = getattr(ast, merged.kind)
        members = tuple(_stripped(member) for member, _ in merged.members.values())
        parts: dict[str, Any] = {
            "name": ast.NameNode(value=merged.name),
            "description": merged.description,
            "directives": tuple(merged.directives.values()),
        }
        if merged.kind in ("ObjectTypeDefinitionNode", "InterfaceTypeDefinitionNode"):
            parts["interfaces"] = tuple(merged.interfaces.values())
            parts["fields"] = members
        elif merged.kind == "InputObjectTypeDefinitionNode":
            parts["fields"] = members
        elif merged.kind == "EnumTypeDefinitionNode":
            parts["values"] = members
        elif merged.kind == "UnionTypeDefinitionNode":
            parts["types"] = members
        node = cls(**parts)  # made whole: graphql-core 3.3's nodes are frozen
        return str(print_ast(node))


@dataclass(frozen=True, slots=True)
class Merged:
    sdl: str
    """The merged schema (not yet checked as a schema)."""
    names: tuple[tuple[str, ...], ...]
    """The names of the types each contribution brought, in the merged schema."""


def merge(contributions: Iterable[Contribution]) -> Merged:
    """The contributions merged, or :class:`MergeConflict`."""
    merger = _Merger()
    names = tuple(merger.add(contribution.definitions) for contribution in contributions)
    return Merged(merger.sdl(), names)
