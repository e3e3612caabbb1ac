"""AppSync's GraphQL schemas as graphql-core reads, checks, builds and prints them.

AppSync predefines its scalars (``AWSDateTime``...) and directives (``@aws_subscribe``...): a
schema uses them without declaring them, and declaring one again is an error. A schema is
checked as AppSync checks it, in AppSync's order and words (a plain text that surely passes is
read by :mod:`._sdl_quick` instead of graphql-core): it parses, it names no type twice,
it has a top-level query type, every type it names exists; then graphql-core's own schema rules
(lenient where AppSync is: unknown directives and types without fields are accepted). What
checking a text found is kept for the last few texts, so a text is checked once however often
it is sent; each API builds its own schema from it.

graphql-core is imported inside the functions, on first use, so ``import mockway`` stays cheap.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _errors as e
from ._prelude import (
    AWS_SCALARS,
    DESCRIBED,
    DIRECTIVE_ORDER,
    DIRECTIVES,
    PREDEFINED_DIRECTIVES,
    PREDEFINED_TYPES,
)
from ._sdl_quick import quick
from ._sdl_rules import run_rules

if TYPE_CHECKING:
    from graphql import DocumentNode, GraphQLSchema
    from graphql.language import Node, TypeNode

__all__ = [
    "Checked",
    "Definition",
    "SchemaProblem",
    "check",
    "decode",
    "field_names",
    "full",
    "parse_sdl",
    "parse_type",
    "print_sdl",
]

# graphql-core's schema rules AppSync does not hold to: a type may have no fields yet.
_ACCEPTED = re.compile(r"must define one or more")


class SchemaProblem(Exception):
    """A definition AppSync refuses; ``details`` says why, in AppSync's words."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details


@dataclass(frozen=True, slots=True)
class Definition:
    """One type of a schema: its name, description and SDL (its extensions follow it)."""

    name: str
    description: str | None
    sdl: str


class Checked:
    """A schema AppSync accepts: its types, its other definitions (as SDL), and its build."""

    __slots__ = ("_outcome", "_schema", "extras", "types")

    def __init__(self, outcome: _Outcome, schema: GraphQLSchema | None = None) -> None:
        self.types = outcome.types
        self.extras = outcome.extras
        self._outcome = outcome
        self._schema = schema

    @property
    def schema(self) -> GraphQLSchema:
        """The schema, built on first read when the check did not build it (it had checked
        the same text before, or had not needed graphql-core to check it)."""
        if self._schema is None:
            self._schema = _build(self._outcome.document())
        return self._schema


class _Outcome:
    """What checking one text found: a schema's parts, or AppSync's ``details`` for it."""

    __slots__ = ("_document", "extras", "problem", "text", "types")

    def __init__(
        self,
        text: str,
        types: tuple[Definition, ...] = (),
        extras: tuple[str, ...] = (),
        document: DocumentNode | None = None,
        problem: str = "",
    ) -> None:
        self.text = text
        self.types = types
        self.extras = extras
        self.problem = problem
        self._document = document

    def document(self) -> DocumentNode:
        """The schema's definitions with AppSync's (:func:`full`), parsed on first need and
        kept for every API with the same text."""
        document = self._document
        if document is None:
            document = self._document = full(parse_sdl([self.text]))
        return document


# Tests send the same few schemas again and again, each check costing about as long as
# graphql-core takes to parse the text; the outcome (never a built schema, which each API
# builds for itself) is kept for the last few texts.
_REMEMBERED = 8
_outcomes: OrderedDict[str, _Outcome] = OrderedDict()
_outcomes_lock = threading.Lock()


def decode(definition: Any) -> str:
    """A ``definition`` blob as text (its bytes are UTF-8)."""
    if isinstance(definition, str):
        return definition
    try:
        return bytes(definition).decode("utf-8")
    except (UnicodeDecodeError, TypeError, ValueError):
        raise SchemaProblem(e.SCHEMA_PARSE_FAILED) from None


@functools.cache
def _prelude() -> tuple[Any, ...]:
    """AppSync's directive definitions, and its scalars by name, as AST nodes."""
    from graphql import parse

    scalars = "\n".join(
        f'"""{DESCRIBED.format(name=name)}{text}"""\nscalar {name}'
        for name, text in AWS_SCALARS.items()
    )
    directives = parse(DIRECTIVES, no_location=True).definitions
    nodes = parse(scalars, no_location=True).definitions
    return tuple(directives), {node.name.value: node for node in nodes}  # type: ignore[attr-defined]


def field_names(definition: str) -> frozenset[str]:
    """The fields a type's SDL (with its extensions) defines."""
    from graphql import parse

    names: set[str] = set()
    for node in parse(definition, no_location=True).definitions:
        names.update(f.name.value for f in getattr(node, "fields", None) or ())
    return frozenset(names)


def parse_sdl(texts: Iterable[str]) -> DocumentNode:
    from graphql import GraphQLSyntaxError, parse
    from graphql.language import ExecutableDefinitionNode

    try:
        document = parse("\n\n".join(texts))
    except (GraphQLSyntaxError, RecursionError):
        raise SchemaProblem(e.SCHEMA_PARSE_FAILED) from None
    if any(isinstance(d, ExecutableDefinitionNode) for d in document.definitions):
        raise SchemaProblem(e.SCHEMA_PARSE_FAILED)
    return document


def _where(node: Node) -> str:
    from graphql.language import get_location

    assert node.loc is not None
    at = get_location(node.loc.source, node.loc.start)
    return f"[@{at.line}:{at.column}]"


def _named(node: TypeNode) -> str:
    """The name a (list, non-null, named) type reference ends with."""
    found: Any = node
    while found.kind != "named_type":
        found = found.type
    name: str = found.name.value
    return name


def _references(defs: Iterable[Any]) -> Iterator[tuple[str | None, Any, Any]]:
    """(kind, holder, type reference) of every type a schema's definitions name: first those
    AppSync's GraphQL engine checks, in its order (object types with their extensions,
    interfaces, unions, input types; a type's field types before its argument types), then the
    others (kind None)."""
    from graphql.language import ast

    defs = list(defs)
    node: Any

    def fields(holder: Any) -> Iterator[tuple[str | None, Any, Any]]:
        for f in holder.fields or ():
            yield "field", holder, f.type
        for f in holder.fields or ():
            for a in f.arguments or ():
                yield "field input", holder, a.type

    for kind in (ast.ObjectTypeExtensionNode, ast.ObjectTypeDefinitionNode):
        for node in (d for d in defs if type(d) is kind):
            for interface in node.interfaces or ():
                yield "interface", node, interface
            yield from fields(node)
    for node in (d for d in defs if isinstance(d, ast.InterfaceTypeDefinitionNode)):
        yield from fields(node)
    for node in (d for d in defs if isinstance(d, ast.UnionTypeDefinitionNode)):
        for member in node.types or ():
            yield "union member", node, member
    for node in (d for d in defs if isinstance(d, ast.InputObjectTypeDefinitionNode)):
        for input_field in node.fields or ():
            yield "input value", node, input_field.type
    for node in defs:
        if isinstance(node, (ast.InterfaceTypeExtensionNode, ast.InputObjectTypeExtensionNode)):
            for f in node.fields or ():
                yield None, node, f.type
                for a in getattr(f, "arguments", None) or ():
                    yield None, node, a.type
        elif isinstance(node, ast.UnionTypeExtensionNode):
            for member in node.types or ():
                yield None, node, member
        elif isinstance(node, ast.DirectiveDefinitionNode):
            for a in node.arguments or ():
                yield None, node, a.type


def _problems(document: DocumentNode, known: set[str]) -> Iterator[str]:
    """AppSync's GraphQL engine's findings, in its order: missing types, root operations,
    extensions without their type."""
    from graphql.language import ast

    defs = document.definitions
    missing = "The {kind} type '{name}' is not present when resolving type '{holder}' {at}"
    for kind, holder, reference in _references(defs):
        name = _named(reference)
        if kind is not None and name not in known:
            holder_name = holder.name.value
            yield missing.format(kind=kind, name=name, holder=holder_name, at=_where(holder))

    schema = next((d for d in defs if isinstance(d, ast.SchemaDefinitionNode)), None)
    if schema is not None:
        for op in schema.operation_types:
            name = op.type.name.value
            if name not in known:
                yield missing.format(
                    kind="operation", name=name, holder=op.operation.value, at=_where(op)
                )
        if all(op.operation.value != "query" for op in schema.operation_types):
            yield "A schema MUST have a 'query' operation defined"
    for node in (d for d in defs if isinstance(d, ast.TypeExtensionNode)):
        if node.name.value not in known:
            extension = f"The extension '{node.name.value}' type {_where(node)}"
            yield f"{extension} is missing its base underlying type"


def _sdl_problems(document: DocumentNode) -> list[str]:
    """graphql-core's SDL rules but those AppSync says otherwise about (unknown types, which
    :func:`_problems` reports, and unknown directives, which AppSync accepts)."""
    from graphql.validation.rules.known_directives import KnownDirectivesRule
    from graphql.validation.rules.known_type_names import KnownTypeNamesRule
    from graphql.validation.specified_rules import specified_sdl_rules
    from graphql.validation.validation_context import SDLValidationContext

    skipped = (KnownDirectivesRule, KnownTypeNamesRule)
    errors: list[Any] = []
    context = SDLValidationContext(document, None, errors.append)
    run_rules(document, [rule(context) for rule in specified_sdl_rules if rule not in skipped])
    return [_message(error) for error in errors]


def _message(error: Any) -> str:
    where = "".join(f" [@{at.line}:{at.column}]" for at in (error.locations or ())[:1])
    return str(error.message).rstrip(".") + where


def _found(problems: list[str]) -> str:
    lines = "\n".join(problem.rstrip(".") + "." for problem in problems)
    return e.SCHEMA_PROBLEMS.format(count=len(problems), problems=lines)


def full(document: DocumentNode) -> DocumentNode:
    """``document`` with AppSync's directives and the AppSync scalars it names."""
    from graphql import DocumentNode
    from graphql.language import ast

    directives, scalars = _prelude()
    named = {_named(reference) for _, _, reference in _references(document.definitions)}
    for d in document.definitions:
        if isinstance(d, (ast.SchemaDefinitionNode, ast.SchemaExtensionNode)):
            named.update(op.type.name.value for op in d.operation_types or ())
    used = [scalars[name] for name in AWS_SCALARS if name in named]
    return DocumentNode(definitions=(*directives, *used, *document.definitions))


def _ordered(schema: GraphQLSchema) -> GraphQLSchema:
    """``schema`` with AppSync's directives, in AppSync's order, then the schema's own; an
    ``AWSJSON`` value is answered as JSON text, as AppSync answers it."""
    from graphql import GraphQLScalarType, GraphQLSchema

    aws_json = schema.type_map.get("AWSJSON")
    if isinstance(aws_json, GraphQLScalarType):
        # graphql-core 3.2 calls serialize and parse_*, 3.3 the coerce_* it has (or those)
        for names, function in (
            (("serialize", "coerce_output_value"), _json_text),
            (("parse_value", "coerce_input_value"), _json_value),
            (("parse_literal", "coerce_input_literal"), _json_literal),
        ):
            for name in names:
                if name == names[0] or getattr(aws_json, name, None) is not None:
                    setattr(aws_json, name, function)

    by_name = {d.name: d for d in schema.directives}
    # The schema's own, not those graphql-core adds that AppSync does not have (@specifiedBy).
    own = [
        d
        for d in schema.directives
        if d.name not in DIRECTIVE_ORDER and d.ast_node is not None and d.ast_node.loc is not None
    ]
    kept = [by_name[name] for name in DIRECTIVE_ORDER if name in by_name]
    # Checked by then, as AppSync checks: valid for execution, types without fields and all.
    kwargs: dict[str, Any] = {**schema.to_kwargs(), "directives": (*kept, *own)}
    kwargs["assume_valid"] = True
    return GraphQLSchema(**kwargs)


def _build(document: DocumentNode) -> GraphQLSchema:
    """The schema of a checked ``document`` (with AppSync's definitions)."""
    from graphql import build_ast_schema

    return _ordered(build_ast_schema(document, assume_valid_sdl=True))


def _json_value(value: Any) -> Any:
    """An ``AWSJSON`` variable as resolvers see it: JSON text read (a map, a list, a scalar);
    text that is not JSON is refused, as AppSync refuses it."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise ValueError(f"Unable to parse {value!r} as valid JSON.") from None


def _json_literal(node: Any, variables: Any = None) -> Any:
    """An ``AWSJSON`` literal: a string read as JSON, any other literal as it is."""
    from graphql import StringValueNode, value_from_ast_untyped

    if isinstance(node, StringValueNode):
        return _json_value(node.value)
    return value_from_ast_untyped(node, variables)


def _json_text(value: Any) -> str:
    """An ``AWSJSON`` value as AppSync answers it: text as it is, anything else as compact
    JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def check(text: str) -> Checked:
    """The schema ``text`` defines, checked as AppSync checks it (:class:`SchemaProblem`);
    a text checked before is not checked again."""
    with _outcomes_lock:
        outcome = _outcomes.get(text)
        if outcome is not None:
            _outcomes.move_to_end(text)
    schema = None
    if outcome is None:
        parts = quick(text)
        if parts is not None:
            types = tuple(Definition(*t) for t in parts[0])
            outcome = _Outcome(text, types, tuple(parts[1]))
        else:
            try:
                outcome, schema = _check(text)
            except SchemaProblem as problem:
                outcome = _Outcome(text, problem=problem.details)
        with _outcomes_lock:
            _outcomes[text] = outcome
            if len(_outcomes) > _REMEMBERED:
                _outcomes.popitem(last=False)
    if outcome.problem:
        raise SchemaProblem(outcome.problem)
    return Checked(outcome, schema)


def _check(text: str) -> tuple[_Outcome, GraphQLSchema]:
    from graphql import GraphQLError, build_ast_schema, validate_schema
    from graphql.language import ast

    document = parse_sdl([text])
    defs = document.definitions
    types = [d for d in defs if isinstance(d, ast.TypeDefinitionNode)]
    names = [d.name.value for d in types]
    directives = [d.name.value for d in defs if isinstance(d, ast.DirectiveDefinitionNode)]
    if (
        len(set(names)) < len(names)
        or PREDEFINED_TYPES.intersection(names)
        or len(set(directives)) < len(directives)
        or PREDEFINED_DIRECTIVES.intersection(directives)
    ):
        raise SchemaProblem(e.SCHEMA_DUPLICATE_TYPES)
    objects = {d.name.value for d in types if isinstance(d, ast.ObjectTypeDefinitionNode)}
    if "Query" not in objects and not any(isinstance(d, ast.SchemaDefinitionNode) for d in defs):
        raise SchemaProblem(e.SCHEMA_NO_TOP_LEVEL)
    problems = list(_problems(document, set(names) | PREDEFINED_TYPES))
    if not problems:
        problems = _sdl_problems(document)
    if not problems:
        whole = full(document)
        # graphql-core 3.3 builds types when first read, so its schema rules can meet (and
        # raise) what a build would have: a default of a type no literal has, a bad argument.
        try:
            schema = build_ast_schema(whole, assume_valid_sdl=True)
            errors = validate_schema(schema)
        except GraphQLError as error:
            problems = [_message(error)]
        except TypeError as error:
            problems = [str(error)]
        else:
            problems = [_message(x) for x in errors if not _ACCEPTED.search(x.message)]
    if problems:
        raise SchemaProblem(_found(problems))
    outcome = _Outcome(text, _definitions(document), _extras(document), whole)
    return outcome, _ordered(schema)


def _source(node: Node) -> str:
    assert node.loc is not None
    return node.loc.source.body[node.loc.start : node.loc.end]


def _definitions(document: DocumentNode) -> tuple[Definition, ...]:
    from graphql.language import ast

    extensions: dict[str, list[str]] = {}
    for d in document.definitions:
        if isinstance(d, ast.TypeExtensionNode):
            extensions.setdefault(d.name.value, []).append(_source(d))
    out = []
    for d in document.definitions:
        if isinstance(d, ast.TypeDefinitionNode):
            sdl = "\n\n".join([_source(d), *extensions.get(d.name.value, ())])
            description = d.description.value if d.description else None
            out.append(Definition(d.name.value, description, sdl))
    return tuple(out)


def _extras(document: DocumentNode) -> tuple[str, ...]:
    from graphql.language import ast

    kinds = (ast.SchemaDefinitionNode, ast.SchemaExtensionNode, ast.DirectiveDefinitionNode)
    return tuple(_source(d) for d in document.definitions if isinstance(d, kinds))


def parse_type(text: str) -> Definition:
    """The one type a CreateType or UpdateType ``definition`` defines, kept as written."""
    from graphql import GraphQLSyntaxError, parse
    from graphql.language import ast

    try:
        definitions = parse(text).definitions
    except (GraphQLSyntaxError, RecursionError):
        raise SchemaProblem(e.TYPE_PARSE_FAILED) from None
    if len(definitions) != 1 or not isinstance(definitions[0], ast.TypeDefinitionNode):
        raise SchemaProblem(e.TYPE_DEFINITION_NOT_ONE)
    node = definitions[0]
    description = node.description.value if node.description else None
    return Definition(node.name.value, description, text)


def print_sdl(texts: Iterable[str], include_directives: bool) -> str:
    """The schema made of ``texts``, printed; without directives, none is left in it."""
    from graphql import print_ast
    from graphql.language import REMOVE, visit
    from graphql.language.visitor import Visitor

    document = parse_sdl(texts)
    if not include_directives:

        class Strip(Visitor):
            def enter_directive(self, *_: Any) -> Any:
                return REMOVE

            def enter_directive_definition(self, *_: Any) -> Any:
                return REMOVE

        document = visit(document, Strip())
    return print_ast(document) + "\n"
