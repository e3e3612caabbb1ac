"""Parse and validate: a query against the API's schema, with graphql-java's words.

AppSync runs graphql-java; graphql-core parses and validates here, and the errors are told
as graphql-java tells them where the evidence shows its words (``Validation error of type
FieldUndefined: Field 'x' in type 'Query' is undefined @ 'x'``, ``Invalid Syntax : offending
token ...``); other validation errors keep graphql-core's message. As graphql-java, the parser
stops at 15,000 tokens and past 500 grammar rules deep (counted by the brackets, before
graphql-core parses, so the answer does not depend on the caller's stack): never a crash or a
hang. Parsed and validated queries are kept per schema (a schema is never changed, only
replaced), so a query sent again costs one look-up.
"""

from __future__ import annotations

import re
import threading
import weakref
from typing import TYPE_CHECKING, Any

from ._answers import document_error

if TYPE_CHECKING:
    from graphql import DocumentNode, GraphQLError, GraphQLSchema
    from graphql.language import Node

__all__ = ["Prepared", "prepared", "translate"]

MAX_TOKENS = 15_000
TOO_MANY_TOKENS = (
    "Invalid Syntax : More than 15000 'grammar' tokens have been presented. To prevent Denial "
    "Of Service attacks, parsing has been cancelled."
)
TOO_DEEP = (
    "Invalid Syntax : More than 500 deep 'grammar' rules have been entered. To prevent Denial "
    "Of Service attacks, parsing has been cancelled."
)
MAX_RULE_DEPTH = 500
_KEPT = 512
_TOKEN = re.compile(r'"""|"(?:[^"\\\n]|\\.)*"?|[_A-Za-z][_0-9A-Za-z]*|-?\d[\w.+-]*|\.\.\.|\S')
_BRACKET = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)|"(?:[^"\\\n]|\\.)*"?|#[^\n\r]*|[{}()\[\]]'
)
_RULES_OPENED = {"{": 3, "(": 3, "[": 2}
"""The grammar rules graphql-java's parser enters for each bracket: a selection set, a
selection and a field (or an object value, a field of it and a value); arguments, an argument
and a value; a list value and a value."""
_RULES_AT_TOP = 4
_CLOSING = {"}": 3, ")": 3, "]": 2}

Prepared = tuple["DocumentNode | None", list[dict[str, Any]]]
"""A query ready to run, or the errors that keep it from running."""


class _Kept:
    __slots__ = ("documents", "modes")

    def __init__(self) -> None:
        self.documents: dict[str, Prepared] = {}
        self.modes: dict[tuple[str, str, str], frozenset[str]] = {}
        """The modes that may read each field, by type, field and the API's default mode."""


_lock = threading.Lock()
_kept: weakref.WeakKeyDictionary[GraphQLSchema, _Kept] = weakref.WeakKeyDictionary()


def kept(schema: GraphQLSchema) -> _Kept:
    with _lock:
        found = _kept.get(schema)
        if found is None:
            found = _kept[schema] = _Kept()
        return found


def _syntax(message: str, query: str, line: int, column: int) -> str:
    if "Document contains more than" in message:
        return TOO_MANY_TOKENS
    if "nested too deeply" in message:
        return TOO_DEEP
    lines = query.splitlines() or [""]
    text = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    token = _TOKEN.match(text)
    found = "<EOF>" if token is None else token.group()
    return f"Invalid Syntax : offending token '{found}' at line {line} column {column}"


def too_deep_at(query: str) -> int | None:
    """Where graphql-java's parser would have entered more than 500 grammar rules deep (the
    offset of the bracket that takes it there), counted by the brackets outside strings and
    comments; None when it would not."""
    depth = _RULES_AT_TOP
    for matched in _BRACKET.finditer(query):
        bracket = matched.group()
        opened = _RULES_OPENED.get(bracket)
        if opened is not None:
            depth += opened
            if depth > MAX_RULE_DEPTH:
                return matched.start()
        elif bracket in _CLOSING:
            depth = max(_RULES_AT_TOP, depth - _CLOSING[bracket])
    return None


def _paths(document: DocumentNode) -> dict[int, str]:
    """Each field node's path in its operation or fragment, by the node's id."""
    from graphql.language import FieldNode

    out: dict[int, str] = {}

    def walk(selection_set: Any, prefix: str) -> None:
        for node in () if selection_set is None else selection_set.selections:
            if isinstance(node, FieldNode):
                path = prefix + node.name.value
                out[id(node)] = path
                walk(node.selection_set, path + "/")
            else:
                walk(getattr(node, "selection_set", None), prefix)

    for definition in document.definitions:
        walk(getattr(definition, "selection_set", None), "")
    return out


_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Cannot query field '(?P<f>[^']*)' on type '(?P<t>[^']*)'\..*", re.S),
        "FieldUndefined: Field '{f}' in type '{t}' is undefined @ '{path}'",
    ),
    (re.compile(r"Unknown type '(?P<t>[^']*)'\..*", re.S), "UnknownType: Unknown type {t}"),
    (
        re.compile(r"Variable '\$(?P<v>\w+)' is not defined.*", re.S),
        "UndefinedVariable: Undefined variable {v} @ '{path}'",
    ),
    (
        re.compile(r"Unknown argument '(?P<a>[^']*)' on field '[^']*'\..*", re.S),
        "UnknownArgument: Unknown field argument {a} @ '{path}'",
    ),
    (
        re.compile(r"Field '[^']*' argument '(?P<a>[^']*)' of type .* is required, but it was"),
        "MissingFieldArgument: Missing field argument {a} @ '{path}'",
    ),
    (
        re.compile(r"Field '(?P<f>[^']*)' of type '(?P<t>[^']*)' must have a selection of"),
        "SubSelectionRequired: Sub selection required for type {t} of field {f} @ '{path}'",
    ),
    (
        re.compile(r"Field '(?P<f>[^']*)' must not have a selection since type '(?P<t>[^']*)'"),
        "SubSelectionNotAllowed: Sub selection not allowed on leaf type {t} of field {f} @ "
        "'{path}'",
    ),
)


def _validation(error: GraphQLError, paths: dict[int, str]) -> str:
    nodes: list[Node] = list(error.nodes or ())
    path = next((paths[id(n)] for n in nodes if id(n) in paths), "")
    for pattern, words in _RULES:
        matched = pattern.match(error.message)
        if matched is not None:
            return "Validation error of type " + words.format(path=path, **matched.groupdict())
    return error.message


def translate(error: GraphQLError) -> str:
    """A request error graphql-core met before running (variables), in graphql-java's words."""
    matched = re.match(  # graphql-core 3.2's words, then 3.3's
        r"Variable '\$(\w+)' of required type '([^']+)' was not provided\.", error.message
    ) or re.match(
        r"Variable '\$(\w+)' has invalid value: Expected a value of non-null type '([^']+)' "
        r"to be provided\.",
        error.message,
    )
    if matched is not None:
        return f"Variable '{matched[1]}' has coerced Null value for NonNull type '{matched[2]}'"
    return error.message


def _prepare(schema: GraphQLSchema, query: str) -> Prepared:
    from graphql import GraphQLSyntaxError, parse, validate

    cut = too_deep_at(query)
    try:
        # graphql-java reads no further than where it gives up: a syntax error before that
        # point is answered, one at the end of what it read is the nesting's
        document = parse(query if cut is None else query[:cut], max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        line, column = error.locations[0] if error.locations else (1, 1)
        message = _syntax(error.message, query, line, column)
        if cut is not None and "<EOF>" in error.message:
            message = TOO_DEEP
        where = (
            []
            if message in (TOO_MANY_TOKENS, TOO_DEEP)
            else [{"line": line, "column": column, "sourceName": None}]
        )
        return None, [{"path": None, "locations": where, "message": message}]
    if cut is not None:
        return None, [{"path": None, "locations": [], "message": TOO_DEEP}]
    errors = validate(schema, document, hide_suggestions=True)
    if not errors:
        return document, []
    paths = _paths(document)
    return None, [document_error(_validation(e, paths), e.nodes) for e in errors]


def prepared(schema: GraphQLSchema, query: str) -> Prepared:
    """``query`` parsed and validated against ``schema``, or the errors AppSync answers."""
    store = kept(schema).documents
    found = store.get(query)
    if found is None:
        try:
            found = _prepare(schema, query)
        except RecursionError:
            found = (None, [{"path": None, "locations": [], "message": TOO_DEEP}])
        with _lock:
            if len(store) >= _KEPT:
                store.clear()
            store[query] = found
    return found
