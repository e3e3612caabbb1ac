"""A quick reading of the schema texts AppSync surely accepts.

Parsing a schema text with graphql-core costs about as long as everything else StartSchemaCreation
does, many times over (171 ms for 200 types). Most texts a test sends are plain: object, input,
enum, union, interface and scalar types, a ``schema`` block, AppSync's directives. For such a text
:func:`quick` reads it itself, holds it to every rule the full check would (graphql-core's syntax,
its SDL and schema rules, AppSync's checks) and answers its types and other definitions as the
full check would; for anything else, and for every text with a problem, it answers None and the
full check decides, in AppSync's words. So this module only ever says yes, and only when sure:
extensions, directive definitions, escapes in strings, object literals, defaults it cannot
judge, ``@specifiedBy``, ``@oneOf``, names with ``__``, and any problem all go to the full check.

graphql-core's AST is never made here; the API that first runs the schema parses it then.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ._prelude import PREDEFINED_TYPES

__all__ = ["quick"]

# One token with the ignored text before it (whitespace, commas, comments, a byte order mark).
# Escapes in strings, characters outside GraphQL's source set and stray punctuation come out
# as a token of their own that no rule below takes, so the text goes to the full check.
_TOKEN = re.compile(
    r"((?:[ \t\n\r,\ufeff]+|#[^\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]*)*)"
    r"("
    r'"""(?:[^"\\\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]|"(?!""))*"""'
    r'|"[^"\\\x00-\x1f\ud800-\udfff]*"'
    r"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
    r"|[_A-Za-z][_0-9A-Za-z]*"
    r"|[!&():=@\[\]{|}]"
    r"|.|$)",
    re.S,
)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LINES = re.compile(r"\r\n|[\n\r]")
_KINDS = frozenset({"scalar", "type", "interface", "union", "enum", "input"})
_OUTPUT = frozenset({"scalar", "type", "interface", "union", "enum"})
_INPUT = frozenset({"scalar", "enum", "input"})
_OPERATIONS = frozenset({"query", "mutation", "subscription"})
_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
# Directives graphql-core knows, whose use the full check judges (arguments, locations).
_JUDGED = frozenset({"include", "skip", "specifiedBy", "oneOf", "defer", "stream"})
_REASON = ("reason", "string")
_DEPTH = 32
_INT_RANGE = range(-(2**31), 2**31)


class _Unsure(Exception):
    """The text is not one this module can vouch for."""


# A type reference: its wrappers from the outside in ("!" non-null, "[" list) and its name.
_Ref = tuple[str, str]


@dataclass(slots=True)
class _Value:
    """An input value (an argument or an input field): its type and default."""

    name: str
    ref: _Ref
    default: tuple[str, str] | None
    """The default's kind ("int", "float", "string", "true", "false", "null", "enum", "list")
    and text."""


@dataclass(slots=True)
class _Field:
    name: str
    ref: _Ref
    args: dict[str, _Value]


@dataclass(slots=True)
class _Type:
    kind: str
    name: str
    description: str | None
    start: int
    end: int = 0
    interfaces: list[str] = field(default_factory=list)
    fields: dict[str, _Field] = field(default_factory=dict)
    inputs: dict[str, _Value] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    values: set[str] = field(default_factory=set)


def quick(text: str) -> tuple[list[tuple[str, str | None, str]], list[str]] | None:
    """The types (name, description, SDL) and other definitions (SDL) of ``text``, in its
    order, when AppSync surely accepts it; else None."""
    try:
        reader = _Reader(text)
        reader.document()
        _Rules(reader).check()
    except (_Unsure, IndexError, RecursionError):
        return None
    types = [(t.name, t.description, text[t.start : t.end]) for t in reader.types.values()]
    return types, [text[start:end] for start, end in reader.schemas]


class _Reader:
    """Reads a schema text's definitions (raising :class:`_Unsure` at anything it does not
    take), noting each one's place in the text."""

    def __init__(self, text: str) -> None:
        pairs = _TOKEN.findall(text)
        self.gaps: list[str] = [gap for gap, _ in pairs]
        self.tokens: list[str] = [token for _, token in pairs]
        self.at = 0
        self.offset = 0
        """Where token ``self.counted`` starts in the text."""
        self.counted = 0
        self.types: dict[str, _Type] = {}
        self.schemas: list[tuple[int, int]] = []
        self.operations: dict[str, str] = {}
        self.directed: list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]] = []
        """Every place directives are used: what it is, and each directive's name and its
        arguments' names and kinds of value."""

    # -- tokens ------------------------------------------------------------------------------

    def take(self, expected: str) -> None:
        if self.tokens[self.at] != expected:
            raise _Unsure
        self.at += 1

    def skip(self, token: str) -> bool:
        if self.tokens[self.at] == token:
            self.at += 1
            return True
        return False

    def name(self) -> str:
        token = self.tokens[self.at]
        if not (token[:1].isascii() and (token[:1].isalpha() or token[:1] == "_")):
            raise _Unsure
        if token.startswith("__"):
            raise _Unsure
        self.at += 1
        return token

    def position(self, index: int) -> int:
        """Where token ``index`` starts in the text (``index`` never goes back)."""
        tokens, gaps = self.tokens, self.gaps
        offset = self.offset
        for i in range(self.counted, index):
            offset += len(gaps[i]) + len(tokens[i])
        self.offset, self.counted = offset, index
        return offset + len(gaps[index])

    def description(self) -> str | None:
        token = self.tokens[self.at]
        if token[:1] != '"':
            return None
        if len(token) < 2:  # a quote that starts no string the pattern takes
            raise _Unsure
        self.at += 1
        if token.startswith('"""'):
            return _block(token[3:-3])
        return token[1:-1]

    # -- definitions ---------------------------------------------------------------------------

    def document(self) -> None:
        tokens = self.tokens
        while tokens[self.at]:
            first = self.at
            description = self.description()
            keyword = tokens[self.at]
            if keyword == "schema":
                self.at += 1
                self.schema(first)
                continue
            if keyword not in _KINDS:
                raise _Unsure
            self.at += 1
            start = self.position(first)
            defined = _Type(keyword, self.name(), description, start)
            if defined.name in self.types or defined.name in PREDEFINED_TYPES:
                raise _Unsure
            getattr(self, keyword)(defined)
            last = self.at - 1
            defined.end = self.position(last) + len(tokens[last])
            self.types[defined.name] = defined
        if not self.types:
            raise _Unsure

    def schema(self, first: int) -> None:
        if self.schemas:
            raise _Unsure
        self.directives("schema")
        self.take("{")
        while not self.skip("}"):
            operation = self.tokens[self.at]
            if operation not in _OPERATIONS or operation in self.operations:
                raise _Unsure
            self.at += 1
            self.take(":")
            self.operations[operation] = self.name()
        if not self.operations:
            raise _Unsure
        start = self.position(first)
        last = self.at - 1
        self.schemas.append((start, self.position(last) + len(self.tokens[last])))

    def scalar(self, defined: _Type) -> None:
        self.directives("scalar")

    def type(self, defined: _Type) -> None:
        if self.skip("implements"):
            self.skip("&")
            defined.interfaces.append(self.name())
            while self.skip("&"):
                defined.interfaces.append(self.name())
        self.directives("type")
        if self.skip("{"):
            while True:
                self.description()
                name = self.name()
                if name in defined.fields:
                    raise _Unsure
                args: dict[str, _Value] = {}
                if self.skip("("):
                    self.values(args, ")", "argument")
                self.take(":")
                defined.fields[name] = _Field(name, self.ref(), args)
                self.directives("field")
                if self.skip("}"):
                    break

    interface = type

    def union(self, defined: _Type) -> None:
        self.directives("union")
        if self.skip("="):
            self.skip("|")
            defined.members.append(self.name())
            while self.skip("|"):
                defined.members.append(self.name())

    def enum(self, defined: _Type) -> None:
        self.directives("enum")
        if self.skip("{"):
            while True:
                self.description()
                name = self.name()
                if name in defined.values or name in ("true", "false", "null"):
                    raise _Unsure
                defined.values.add(name)
                self.directives("enum value")
                if self.skip("}"):
                    break

    def input(self, defined: _Type) -> None:
        self.directives("input")
        if self.skip("{"):
            self.values(defined.inputs, "}", "input field")

    def values(self, into: dict[str, _Value], close: str, where: str) -> None:
        """Input value definitions up to ``close`` (at least one)."""
        while True:
            self.description()
            name = self.name()
            if name in into:
                raise _Unsure
            self.take(":")
            ref = self.ref()
            default = self.value(0) if self.skip("=") else None
            into[name] = _Value(name, ref, default)
            self.directives(where)
            if self.skip(close):
                return

    def ref(self) -> _Ref:
        opened = 0
        while self.skip("["):
            opened += 1
        name = self.name()
        wrappers = "!" if self.skip("!") else ""
        for _ in range(opened):
            self.take("]")
            wrappers = ("![" if self.skip("!") else "[") + wrappers
        return wrappers, name

    def value(self, depth: int) -> tuple[str, str]:
        """A constant value: its kind and text (a list's text is empty)."""
        token = self.tokens[self.at]
        self.at += 1
        first = token[:1]
        if first == '"':
            if token.startswith('"""') or len(token) < 2:
                raise _Unsure
            return "string", token[1:-1]
        if first == "-" or first.isdigit():
            following = self.tokens[self.at][:1]
            if not self.gaps[self.at] and (following in "._" or following.isalnum()):
                raise _Unsure
            if _INT.fullmatch(token):
                return "int", token
            if _FLOAT.fullmatch(token):
                return "float", token
            raise _Unsure
        if first == "[" and depth < _DEPTH:
            while not self.skip("]"):
                self.value(depth + 1)
            return "list", ""
        self.at -= 1
        token = self.name()
        return (token, token) if token in ("true", "false", "null") else ("enum", token)

    def directives(self, where: str) -> None:
        used: list[tuple[str, list[tuple[str, str]]]] = []
        while self.skip("@"):
            name = self.name()
            args: list[tuple[str, str]] = []
            if self.skip("("):
                while True:
                    arg = self.name()
                    self.take(":")
                    args.append((arg, self.value(0)[0]))
                    if self.skip(")"):
                        break
            used.append((name, args))
        if used:
            self.directed.append((where, used))


def _block(raw: str) -> str:
    """A block string's value, as the GraphQL spec gives it (its common indent removed, its
    blank first and last lines dropped)."""
    lines = _LINES.split(raw)
    indent = None
    first = last = -1
    for i, line in enumerate(lines):
        stripped = len(line) - len(line.lstrip(" \t"))
        if stripped == len(line):
            continue
        if first < 0:
            first = i
        last = i
        if i and (indent is None or stripped < indent):
            indent = stripped
    if first < 0:
        return ""
    if indent:
        lines = [line if i == 0 else line[indent:] for i, line in enumerate(lines)]
    return "\n".join(lines[first : last + 1])


class _Rules:
    """The rules of graphql-core's schema validation and AppSync's checks, each failing with
    :class:`_Unsure` (the full check then says what is wrong)."""

    def __init__(self, reader: _Reader) -> None:
        self.types = reader.types
        self.reader = reader

    def kind(self, name: str) -> str:
        found = self.types.get(name)
        if found is not None:
            return found.kind
        if name in PREDEFINED_TYPES:
            return "scalar"
        raise _Unsure

    def check(self) -> None:
        self.roots()
        self.directive_uses()
        for defined in self.types.values():
            kind = defined.kind
            if kind in ("type", "interface"):
                self.fields(defined)
            elif kind == "union":
                members = defined.members
                if len(set(members)) < len(members):
                    raise _Unsure
                if any(self.kind(member) != "type" for member in members):
                    raise _Unsure
            elif kind == "input":
                for value in defined.inputs.values():
                    self.input_value(value)
        self.no_input_cycles()

    def roots(self) -> None:
        operations = self.reader.operations
        if self.reader.schemas:
            if "query" not in operations or len(set(operations.values())) < len(operations):
                raise _Unsure
            roots = list(operations.values())
        else:
            roots = [name for name in _ROOTS.values() if name in self.types]
            if "Query" not in roots:
                raise _Unsure
        if any(self.kind(name) != "type" for name in roots):
            raise _Unsure

    def directive_uses(self) -> None:
        for where, used in self.reader.directed:
            # Only a directive graphql-core knows may not be repeated (AppSync's may).
            if sum(name == "deprecated" for name, _ in used) > 1:
                raise _Unsure
            for name, args in used:
                if len({arg for arg, _ in args}) < len(args) or name in _JUDGED:
                    raise _Unsure
                if name == "deprecated" and (
                    where not in ("field", "enum value") or args not in ([], [_REASON])
                ):
                    raise _Unsure

    def fields(self, defined: _Type) -> None:
        for f in defined.fields.values():
            if self.kind(f.ref[1]) not in _OUTPUT:
                raise _Unsure
            for arg in f.args.values():
                self.input_value(arg)
        seen: set[str] = set()
        for name in defined.interfaces:
            if name in seen or name == defined.name or self.kind(name) != "interface":
                raise _Unsure
            seen.add(name)
            interface = self.types[name]
            if not set(interface.interfaces) <= seen | set(defined.interfaces):
                raise _Unsure
            self.implements(defined, interface)

    def implements(self, defined: _Type, interface: _Type) -> None:
        for name, wanted in interface.fields.items():
            have = defined.fields.get(name)
            if have is None or not self.sub_type(have.ref, wanted.ref):
                raise _Unsure
            for arg_name, arg in wanted.args.items():
                mine = have.args.get(arg_name)
                if mine is None or mine.ref != arg.ref:
                    raise _Unsure
            for arg_name, arg in have.args.items():
                if arg_name not in wanted.args and arg.ref[0][:1] == "!" and arg.default is None:
                    raise _Unsure

    def sub_type(self, ref: _Ref, wanted: _Ref) -> bool:
        wrappers, target = wanted
        mine, name = ref
        while wrappers:
            if wrappers[0] == "!":
                if mine[:1] != "!":
                    return False
                mine, wrappers = mine[1:], wrappers[1:]
                continue
            mine = mine[1:] if mine[:1] == "!" else mine
            if mine[:1] != "[":
                return False
            mine, wrappers = mine[1:], wrappers[1:]
        mine = mine.lstrip("!")
        if mine:
            return False
        if name == target:
            return True
        found = self.types.get(target)
        if found is None or self.kind(name) not in ("type", "interface"):
            return False
        if found.kind == "union":
            return name in found.members
        return found.kind == "interface" and target in self.types[name].interfaces

    def input_value(self, value: _Value) -> None:
        wrappers, name = value.ref
        kind = self.kind(name)
        if kind not in _INPUT:
            raise _Unsure
        if value.default is None:
            return
        default_kind, text = value.default
        if default_kind == "null":
            if wrappers[:1] == "!":
                raise _Unsure
            return
        if wrappers.lstrip("!") or not self.fits(kind, name, default_kind, text):
            raise _Unsure

    def fits(self, kind: str, name: str, default_kind: str, text: str) -> bool:
        """Whether a default of ``default_kind`` is a value of the (named) type ``name``."""
        if kind == "enum":
            return default_kind == "enum" and text in self.types[name].values
        if name == "Int":
            return default_kind == "int" and int(text) in _INT_RANGE
        if name == "Float":
            return default_kind in ("int", "float") and math.isfinite(float(text))
        if name == "String":
            return default_kind == "string"
        if name == "ID":
            return default_kind in ("string", "int")
        if name == "Boolean":
            return default_kind in ("true", "false")
        return False

    def no_input_cycles(self) -> None:
        """No input type reaches itself through non-null input fields (graphql-core's rule)."""
        inputs = {n: t for n, t in self.types.items() if t.kind == "input"}
        done: set[str] = set()

        def visit(name: str, path: set[str]) -> None:
            if name in path:
                raise _Unsure
            if name in done:
                return
            path.add(name)
            for value in inputs[name].inputs.values():
                if value.ref[0] == "!" and value.ref[1] in inputs:
                    visit(value.ref[1], path)
            path.discard(name)
            done.add(name)

        for name in inputs:
            visit(name, set())
