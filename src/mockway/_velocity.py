"""Velocity (VTL) templates as AWS runs them, evaluated with airspeed: the values and
parsing AppSync's resolvers and API Gateway's mapping templates share.

Values are Java-like, as Velocity in AWS has them: maps and lists have Java's methods
(``$map.put``, ``$list.add``, ``$map.keySet()``...), render as Java prints them
(``{a=1}``, ``[1, 2]``, ``true``). ``#return`` ends a template with a value (raising
:class:`Returned` out of ``merge``). ``#break`` ends the innermost scope, as in Velocity 1.7: a
``#foreach``, a macro's body, else the template, keeping what was written. airspeed is imported
on first use, so ``import mockway`` stays cheap.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from ._java import COMPARISONS, METHODS

__all__ = [
    "ReturnMacro",
    "Returned",
    "VBool",
    "VList",
    "VMap",
    "cause",
    "compiled",
    "java",
    "plain",
    "to_json",
]


class VBool:
    """A boolean that renders as Java's (``true``/``false``)."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = bool(value)

    def __bool__(self) -> bool:
        return self.value

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, VBool) else other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return "true" if self.value else "false"

    __repr__ = __str__

    def toString(self) -> str:
        return str(self)

    def booleanValue(self) -> bool:
        return self.value

    def equals(self, other: Any) -> VBool:
        return VBool(isinstance(other, (VBool, bool)) and self.value == bool(other))


def _text(value: Any) -> str:
    """``value`` as Java's ``toString`` prints it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class VList(list[Any]):
    """A list with Java's methods."""

    def size(self) -> int:
        return len(self)

    def isEmpty(self) -> VBool:
        return VBool(not self)

    def add(self, *args: Any) -> VBool:
        if len(args) == 2:
            self.insert(args[0], args[1])
        else:
            self.append(args[0])
        return VBool(True)

    def addAll(self, values: Any) -> VBool:
        self.extend(values)
        return VBool(True)

    def get(self, index: int) -> Any:
        if index < 0:  # Java has no index from the end
            raise IndexError(f"Index {index} out of bounds for length {len(self)}")
        return self[index]

    def subList(self, start: int, end: int) -> VList:
        if not 0 <= start <= end <= len(self):
            raise IndexError(f"subList({start}, {end}) out of bounds for length {len(self)}")
        return VList(self[start:end])

    def toString(self) -> str:
        return str(self)

    def equals(self, other: Any) -> VBool:
        return VBool(isinstance(other, list) and list(self) == list(other))

    def set(self, index: int, value: Any) -> Any:
        previous = self[index]
        self[index] = value
        return previous

    def contains(self, value: Any) -> VBool:
        return VBool(value in self)

    def indexOf(self, value: Any) -> int:
        return self.index(value) if value in self else -1

    def remove(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(self):
            return self.pop(value)
        if value in self:
            super().remove(value)
            return VBool(True)
        return VBool(False)

    def __str__(self) -> str:
        return "[" + ", ".join(_text(item) for item in self) + "]"


class _Entry:
    __slots__ = ("key", "value")

    def __init__(self, key: Any, value: Any) -> None:
        self.key = key
        self.value = value

    def getKey(self) -> Any:
        return self.key

    def getValue(self) -> Any:
        return self.value

    def __str__(self) -> str:
        return f"{_text(self.key)}={_text(self.value)}"


class VMap(dict[str, Any]):
    """A map with Java's methods."""

    def put(self, key: Any, value: Any) -> Any:
        previous = dict.get(self, key)
        self[key] = value
        return previous

    def putAll(self, values: Mapping[str, Any]) -> None:
        self.update(values)

    def containsKey(self, key: Any) -> VBool:
        return VBool(key in self)

    def containsValue(self, value: Any) -> VBool:
        return VBool(value in dict.values(self))

    def keySet(self) -> VList:
        return VList(self.keys())

    def entrySet(self) -> VList:
        return VList(_Entry(k, v) for k, v in self.items())

    def values(self) -> VList:  # type: ignore[override]
        return VList(dict.values(self))

    def size(self) -> int:
        return len(self)

    def isEmpty(self) -> VBool:
        return VBool(not self)

    def remove(self, key: Any) -> Any:
        return self.pop(key, None)

    def toString(self) -> str:
        return str(self)

    def equals(self, other: Any) -> VBool:
        return VBool(isinstance(other, Mapping) and dict(self) == dict(other))

    def __str__(self) -> str:
        return "{" + ", ".join(f"{_text(k)}={_text(v)}" for k, v in self.items()) + "}"


_SCALARS = frozenset({str, int, float, type(None)})


def java(value: Any) -> Any:
    """A JSON value as a template sees it: maps, lists and booleans with Java's ways."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return VMap({k if type(k) is str else str(k): java(v) for k, v in value.items()})
    if kind is list:
        return VList([java(v) for v in value])
    if isinstance(value, bool):
        return VBool(value)
    if isinstance(value, Mapping):
        return VMap((str(k), java(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return VList(java(v) for v in value)
    return value


def plain(value: Any) -> Any:
    """A template's value as plain JSON data."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is VMap or kind is dict:
        return {k if type(k) is str else str(k): plain(v) for k, v in value.items()}
    if kind is VList or kind is list:
        return [plain(v) for v in value]
    if isinstance(value, VBool):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, _Entry):
        return {str(value.key): plain(value.value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def to_json(value: Any) -> str:
    """``value`` as ``$util.toJson`` writes it: compact JSON."""
    return json.dumps(plain(value), separators=(",", ":"), ensure_ascii=False)


class Returned(Exception):
    """``#return``: the template ends with this value."""

    def __init__(self, value: Any, has_value: bool) -> None:
        super().__init__("#return")
        self.value = value
        self.has_value = has_value


class ReturnMacro:
    """What ``#return(...)`` calls: airspeed's macro interface."""

    def execute_function(self, stream: Any, namespace: Any, args: list[Any], loader: Any) -> None:
        raise Returned(args[0] if args else None, bool(args))


# A bare ``#return`` (no parentheses) is the call with no value.
_BARE_RETURN = re.compile(r"#return\b(?!\s*\()")
# ``#break`` (or ``#{break}``) is parsed as the macro call ``#break()``, then made to end its
# scope (:func:`compiled`); an escaped ``\#break`` is text.
_BARE_BREAK = re.compile(r"(?<!\\)#(?:break\b|\{break\})(?!\s*\()")


class _Break(Exception):
    """``#break``: the innermost scope ends here."""


def _break(stream: Any, namespace: Any, loader: Any) -> None:
    raise _Break("#break")


def _scope(run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` (a ``#foreach``, a macro's body, a template) as a scope ``#break`` ends."""
    import airspeed

    def scoped(*args: Any) -> Any:
        try:
            return run(*args)
        except airspeed.TemplateExecutionError as error:
            if not isinstance(cause(error), _Break):
                raise
            return None

    return scoped


def cause(error: BaseException) -> BaseException:
    """The exception airspeed's execution errors wrap, innermost first."""
    while error.__cause__ is not None:
        error = error.__cause__
    return error


def _javaized(value: Any) -> Any:
    """A value airspeed made (a literal, a comparison, a Python method's answer) as a
    template's value."""
    kind = type(value)
    if kind is bool:
        return VBool(value)
    if kind is dict:
        return VMap(value)
    if kind is list:
        return VList(value)
    return value


_LITERALS = frozenset({"StringLiteral", "InterpolatedStringLiteral"})
# Velocity 1.7 takes a backslash in a string literal as itself (``"\d+"``, ``'\"'``), where
# airspeed's lexer reads escapes. Before parsing, every backslash but those of ``\\``, ``\$``
# and ``\#`` (Velocity's escapes of references and directives) becomes a stand-in character,
# one for one, put back after parsing.
_STAND_IN = "\ue000"
_BACKSLASH = re.compile(r"\\(.|\Z)", re.S)  # a last backslash too
# Velocity 1.7 (AWS's, in both services) takes ``-`` inside a name: ``$foo-bar`` and
# ``$a.b-c`` are one name each, and ``$a-`` is the name ``a-``. airspeed's names are
# ``[a-z0-9_]`` ignoring case, which takes the Kelvin sign: every hyphen of a name becomes one
# before parsing, one for one, and a hyphen again in the parsed names.
_HYPHEN = "\u212a"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_REFERENCE = re.compile(r"\$!?\{?")
_SCANNED = 1_000_000
"""How many characters a template's bracket matching may read in all: past it, a bracket is
taken as unclosed (a reference ends there), so no template costs more than that to read."""


def _stand_in(match: re.Match[str]) -> str:
    after = match.group(1)
    return match.group(0) if after and after in "\\$#" else _STAND_IN + after


_DOUBLED = {'"': "\ue001", "'": "\ue002"}
"""Stand-ins for the two characters of a doubled quote in a string literal, by quote."""
_SHOWN = {_STAND_IN: "\\", _HYPHEN: "-", **{v: k for k, v in _DOUBLED.items()}}
_DIRECTIVE = re.compile(r"#\{?[A-Za-z][A-Za-z0-9_]*\}?[ \t]*(?=\()")


class _Hiding:
    """A template's text with the stand-ins airspeed is given: the hyphens of its references'
    names and the doubled quotes of its string literals."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.hidden = list(source)
        self.code: list[tuple[int, int]] = []
        """The parameters and indexes of references, and the parentheses of directives."""
        self.budget = _SCANNED
        self.changed = False

    def text(self) -> str:
        return "".join(self.hidden) if self.changed else self.source

    def names(self) -> None:
        """Hyphens of references' names (``$a-b``, ``$x.y-z``, ``$m.call(1).k-v``)."""
        source = self.source
        for start in _REFERENCE.finditer(source):
            at = start.end()
            while True:
                name = _NAME.match(source, at)
                if name is None:
                    break
                for offset, char in enumerate(name.group(), name.start()):
                    if char == "-":
                        self.hidden[offset] = _HYPHEN
                        self.changed = True
                at = self._past_calls(name.end())
                if source[at : at + 1] != ".":
                    break
                at += 1

    def _past_calls(self, at: int) -> int:
        """Where a reference goes on after ``at``: past its method calls' parameters and its
        indexes (kept as code), or ``at``."""
        while self.source[at : at + 1] in ("(", "["):
            end = self._closed(at)
            if end is None:
                return at
            self.code.append((at, end))
            at = end
        return at

    def _closed(self, at: int) -> int | None:
        """Just past the bracket that closes the one at ``at`` (quoted texts skipped)."""
        source = self.source
        depth, quote = 0, ""
        stop = min(len(source), at + self.budget)
        for index in range(at, stop):
            char = source[index]
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char in "([":
                depth += 1
            elif char in ")]":
                depth -= 1
                if depth == 0:
                    self.budget -= index + 1 - at
                    return index + 1
        self.budget -= stop - at
        return None

    def doubled_quotes(self) -> None:
        """Each doubled quote inside a string literal of the code (``'it''s'``, which
        Velocity 1.7 reads as one quote) as two stand-ins."""
        source = self.source
        for directive in _DIRECTIVE.finditer(source):
            end = self._closed(directive.end())
            if end is not None:
                self.code.append((directive.end(), end))
        for start, end in self.code:
            quote, at = "", start
            while at < end:
                char = source[at]
                if quote and char == quote:
                    if source[at + 1 : at + 2] == quote:
                        self.hidden[at] = self.hidden[at + 1] = _DOUBLED[quote]
                        self.changed = True
                        at += 1
                    else:
                        quote = ""
                elif not quote and char in _DOUBLED:
                    quote = char
                at += 1


def _hidden(source: str) -> str:
    """``source`` as airspeed is given it: backslashes, names' hyphens and the doubled quotes
    of string literals as stand-ins."""
    if any(stand_in in source for stand_in in _SHOWN):
        return source
    if "\\" in source:
        source = _BACKSLASH.sub(_stand_in, source)
    doubled = '""' in source or "''" in source
    if "-" not in source and not doubled:
        return source
    hiding = _Hiding(source)
    hiding.names()
    if doubled:
        hiding.doubled_quotes()
    return hiding.text()


def _literal_value(text: str) -> str:
    """A string literal's value as Velocity 1.7 reads it: as written, a doubled quote of its
    kind one quote."""
    quote = text[0]
    return text[1:-1].replace(quote + quote, quote)


@functools.lru_cache(maxsize=256)
def compiled(template: str, quiet: bool = False) -> Any:
    """The template, parsed, its elements answering with Java-like values; the same
    template is parsed once. ``quiet``: a reference to nothing renders as nothing, as in API
    Gateway, not as written."""
    import airspeed

    source = _BARE_RETURN.sub("#return()", template)
    if "break" in source:
        source = _BARE_BREAK.sub("#break()", source)
    restored = source
    hidden = _hidden(source)
    source = hidden if hidden != restored else restored
    compiled = airspeed.Template(source)
    try:
        compiled.ensure_compiled()
    except airspeed.TemplateSyntaxError as error:
        if source is not restored:  # its words quote the template as written
            error.args = tuple(_shown(a) if isinstance(a, str) else a for a in error.args)
        raise
    compiled.root_element.evaluate_raw = _scope(compiled.root_element.evaluate_raw)
    pending = [compiled.root_element]
    seen: dict[int, Any] = {}  # each element kept, so that no new one takes a visited id
    iterated: list[Any] = []
    while pending:
        element = pending.pop()
        if id(element) in seen or not hasattr(element, "__dict__"):
            continue
        seen[id(element)] = element
        if source is not restored:
            _put_back(element, source, restored)
        children = list(vars(element).values())
        kind = type(element).__name__
        if kind in _LITERALS and _as_written(element.my_text()):
            # Velocity takes a literal's text as written: no backslash escapes
            element.value = _literal_value(element.my_text())
            if kind == "InterpolatedStringLiteral":
                element.block = airspeed.Block(element.filename, _hidden(element.value), 0)
                pending.append(element.block)
        if quiet and kind == "FormalReference" and element.expression is not None:
            element.silent = "!"
        if kind == "BinaryOperator":
            element.apply_to = COMPARISONS.get(element.apply_to, element.apply_to)
        elif kind == "ForeachDirective":
            iterated.append(element.value)
            element.evaluate_raw = _scope(element.evaluate_raw)
        elif kind == "MacroDefinition":
            element.execute_function = _scope(element.execute_function)
        elif kind == "MacroCall" and element.macro_name == "break":
            element.evaluate_raw = _break
        calculate = element.__dict__.get("calculate") or getattr(element, "calculate", None)
        if calculate is not None:
            if kind == "NameOrCall":
                calculate = _java_methods(element, calculate)
            element.calculate = _wrapped(calculate)
        for value in children:
            if isinstance(value, airspeed._Element):
                pending.append(value)
            elif isinstance(getattr(value, "__self__", None), airspeed._Element):
                pending.append(value.__self__)  # a condition keeps only its expression's method
            elif isinstance(value, (list, tuple, dict)):
                items = [*value, *value.values()] if isinstance(value, dict) else value
                pending.extend(v for v in items if isinstance(v, airspeed._Element))
    for value in iterated:
        value.calculate = _values_of_maps(value.calculate)
    return compiled


def _put_back(element: Any, source: str, restored: str) -> None:
    """The element's texts with the backslashes and hyphens :func:`compiled` hid from
    airspeed: its source (one for one, so offsets hold) and any text or names it took from
    it."""
    for name, value in vars(element).items():
        if value is source:
            setattr(element, name, restored)
        elif isinstance(value, str):
            if any(stand_in in value for stand_in in _SHOWN):
                setattr(element, name, _shown(value))
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            setattr(element, name, [_shown(v) if isinstance(v, str) else v for v in value])


def _shown(text: str) -> str:
    for stand_in, shown in _SHOWN.items():
        text = text.replace(stand_in, shown)
    return text


def _as_written(literal: str) -> bool:
    """Whether airspeed's reading of a string literal differs from Velocity 1.7's: it has a
    backslash, or a doubled quote of its kind."""
    return "\\" in literal or literal[0] * 2 in literal[1:-1]


def _java_methods(element: Any, calculate: Callable[..., Any]) -> Callable[..., Any]:
    """A method call on a text or a number calls Java's method (:mod:`._java`), and only
    those: one Java does not have leaves the reference unresolved."""
    name = element.name

    def run(current: Any, loader: Any, namespace: Any) -> Any:
        methods = METHODS.get(type(current))
        if methods is None:
            return calculate(current, loader, namespace)
        method = methods.get(name)
        if method is None or element.parameters is None:
            return None
        return method(current, *element.parameters.calculate(namespace, loader))

    return run


def _values_of_maps(calculate: Callable[..., Any]) -> Callable[..., Any]:
    """What ``#foreach`` walks: a map's values, as Velocity walks a map."""

    def run(*args: Any) -> Any:
        value = calculate(*args)
        return VList(value.values()) if isinstance(value, dict) else value

    return run


def _wrapped(calculate: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        return _javaized(calculate(*args, **kwargs))

    return run
