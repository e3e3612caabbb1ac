"""AppSync's mapping templates (VTL), evaluated with airspeed.

A template sees ``$context`` (``$ctx``) and ``$util`` (``$utils``), as AppSync gives them.
Values are Java-like, as Velocity in AppSync has them: maps and lists have Java's methods
(``$map.put``, ``$list.add``, ``$map.keySet()``...), render as Java prints them
(``{a=1}``, ``[1, 2]``, ``true``), and ``$util.toJson`` writes them as JSON. ``#return`` ends
the template with a value; ``$util.error`` ends it with an error.

The evaluator serves EvaluateMappingTemplate and the GraphQL data plane alike:
:func:`evaluate` takes a template and a context and answers an :class:`Evaluation`.
airspeed is imported on first use, so ``import mockway`` stays cheap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Evaluation",
    "UtilError",
    "VBool",
    "VList",
    "VMap",
    "evaluate",
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
        return self[index]

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

    def __str__(self) -> str:
        return "{" + ", ".join(f"{_text(k)}={_text(v)}" for k, v in self.items()) + "}"


def java(value: Any) -> Any:
    """A JSON value as a template sees it: maps, lists and booleans with Java's ways."""
    if isinstance(value, bool):
        return VBool(value)
    if isinstance(value, Mapping):
        return VMap((str(k), java(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return VList(java(v) for v in value)
    return value


def plain(value: Any) -> Any:
    """A template's value as plain JSON data."""
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


class UtilError(Exception):
    """``$util.error``: the template ends with this error."""

    def __init__(self, message: str, error_type: Any = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.data = data


class _Returned(Exception):
    """``#return``: the template ends with this value."""

    def __init__(self, value: Any, has_value: bool) -> None:
        super().__init__("#return")
        self.value = value
        self.has_value = has_value


class _Return:
    """What ``#return(...)`` calls: airspeed's macro interface."""

    def execute_function(self, stream: Any, namespace: Any, args: list[Any], loader: Any) -> None:
        raise _Returned(args[0] if args else None, bool(args))


@dataclass
class Evaluation:
    """What a template made: its text (or the value it returned), or the error it ended with."""

    result: str | None = None
    error: str | None = None
    error_type: Any = None
    """The type ``$util.error`` gave the error, if any."""
    error_data: Any = None
    """The data ``$util.error`` gave the error, if any."""
    error_raised: bool = False
    """The error is one the template raised (``$util.error``), not a failure to run it."""
    logs: list[str] = field(default_factory=list)
    stash: dict[str, Any] = field(default_factory=dict)
    out_errors: list[dict[str, Any]] = field(default_factory=list)


# A bare ``#return`` (no parentheses) is the call with no value.
_BARE_RETURN = re.compile(r"#return\b(?!\s*\()")
_CONTEXT_MEMBERS = ("arguments", "source", "result", "identity", "request", "info", "prev")


def context_of(data: Mapping[str, Any], stash: VMap, out_errors: VList) -> VMap:
    """``$context`` from a context's JSON data."""
    context = java(data)
    assert isinstance(context, VMap)
    context.setdefault("arguments", VMap())
    context["args"] = context["arguments"]
    for member in _CONTEXT_MEMBERS:
        context.setdefault(member, None)
    context["stash"] = stash
    context["outErrors"] = out_errors
    return context


def _cause(error: BaseException) -> BaseException:
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


_compiled: dict[str, Any] = {}
_COMPILED_KEPT = 256


def _compile(template: str) -> Any:
    """The template, parsed, its elements answering with Java-like values; kept, since a
    parsed template holds no state of an evaluation (the GraphQL data plane runs the same
    templates again and again)."""
    found = _compiled.get(template)
    if found is None:
        found = _compile_new(template)
        if len(_compiled) >= _COMPILED_KEPT:
            _compiled.clear()
        _compiled[template] = found
    return found


def _compile_new(template: str) -> Any:
    import airspeed

    compiled = airspeed.Template(_BARE_RETURN.sub("#return()", template))
    compiled.ensure_compiled()
    pending = [compiled.root_element]
    seen: set[int] = set()
    while pending:
        element = pending.pop()
        if id(element) in seen or not hasattr(element, "__dict__"):
            continue
        seen.add(id(element))
        calculate = element.__dict__.get("calculate") or getattr(element, "calculate", None)
        if calculate is not None:
            element.calculate = _wrapped(calculate)
        for value in list(vars(element).values()):
            if isinstance(value, airspeed._Element):
                pending.append(value)
            elif isinstance(value, (list, tuple, dict)):
                items = [*value, *value.values()] if isinstance(value, dict) else value
                pending.extend(v for v in items if isinstance(v, airspeed._Element))
    return compiled


def _wrapped(calculate: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        return _javaized(calculate(*args, **kwargs))

    return run


def evaluate(
    template: str,
    data: Mapping[str, Any],
    *,
    util: Callable[[Evaluation], Any],
) -> Evaluation:
    """Evaluate ``template`` with the context ``data``; ``util`` makes ``$util`` for the
    evaluation (:mod:`._vtl_util`)."""
    import airspeed

    outcome = Evaluation()
    stash = java(data.get("stash") or {})
    if not isinstance(stash, VMap):
        stash = VMap()
    out_errors = VList()
    outcome.out_errors = out_errors  # ``$util.appendError`` adds to ``$ctx.outErrors``
    context = context_of(data, stash, out_errors)
    helpers = util(outcome)
    namespace = {"context": context, "ctx": context, "util": helpers, "utils": helpers}
    namespace["#return"] = _Return()
    try:
        outcome.result = _compile(template).merge(namespace)
    except airspeed.TemplateSyntaxError as error:
        outcome.error = str(error)
    except airspeed.TemplateExecutionError as error:
        cause = _cause(error)
        if isinstance(cause, _Returned):
            outcome.result = _returned(cause)
        elif isinstance(cause, UtilError):
            outcome.error = cause.message
            outcome.error_type = plain(cause.error_type)
            outcome.error_data = plain(cause.data)
            outcome.error_raised = True
        else:
            outcome.error = f"{type(cause).__name__}: {cause}"
    except RecursionError:
        outcome.error = "The template nests too deeply."
    outcome.stash = plain(stash)
    outcome.out_errors = plain(out_errors)
    return outcome


def _returned(returned: _Returned) -> str | None:
    if not returned.has_value:
        return None
    value = returned.value
    return value if isinstance(value, str) else to_json(value)
