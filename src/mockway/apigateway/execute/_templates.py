"""API Gateway's mapping templates: Velocity with ``$input``, ``$context``, ``$util`` and
``$stageVariables``, as API Gateway defines them for REST APIs.

* ``$input.body`` is the payload as text; ``$input.json(x)`` the JSONPath ``x`` of the payload
  as JSON text; ``$input.path(x)`` its value; ``$input.params()`` every parameter
  (``path``, ``querystring``, ``header``); ``$input.params(x)`` one, looked up in that order.
* ``$context``: the request's context (``requestId``, ``apiId``, ``stage``, ``resourcePath``,
  ``httpMethod``, ``identity.apiKey``...), the same values as a Lambda proxy event's
  ``requestContext``. A request template sets ``requestOverride.header.<name>``,
  ``.querystring.<name>`` and ``.path.<name>`` to change the integration request after its
  parameter mappings; a response template sets ``responseOverride.status`` and
  ``responseOverride.header.<name>`` to change the method response. Each may be set once: a
  template that sets one twice fails (API Gateway's 500).
* ``$util``: ``escapeJavaScript``, ``parseJson``, ``urlEncode``, ``urlDecode``,
  ``base64Encode``, ``base64Decode``, encoding as AppSync's do (:mod:`mockway._java`).

JSONPath is read as Jayway's JsonPath (API Gateway's "JSONPath for Java") reads it: ``$``,
then ``.name``, ``['name']``, ``[index]``, wildcards ``.*`` and ``[*]``, deep scan ``..name``
(``..*``, ``..[...]``), slices ``[a:b]``, index unions ``[i,j]`` and filters ``[?(@.m)]`` and
``[?(@.m <op> literal)]``. A definite path gives its value (null when it finds nothing); an
indefinite one (a wildcard, deep scan, slice, union or filter) the list of what it finds.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

from ..._java import base64_decode, base64_encode, escape_javascript, url_decode, url_encode
from ..._velocity import VMap, cause, compiled, java

__all__ = [
    "Input",
    "Overrides",
    "TemplateError",
    "render_request",
    "render_response",
    "static",
    "walk",
]


Overrides = Mapping[str, Mapping[str, Any]]
"""What a request template overrides: values by name, under ``header``, ``querystring`` and
``path`` (only those it set)."""


class TemplateError(Exception):
    """A template that does not parse or run: API Gateway's 500."""


def walk(value: Any, path: str) -> Any:
    """What ``path`` finds in ``value``: a definite path's value (None when it finds nothing),
    an indefinite path's matches as a list; a path that does not parse finds None."""
    steps = _parse(path.strip())
    if steps is None:
        return None
    found = [value]
    for step, _ in steps:
        found = [match for node in found for match in step(node)]
    if all(definite for _, definite in steps):
        return found[0] if found else None
    return found


_Step = Callable[[Any], Iterator[Any]]

# One step of a path, each at the start of what is left: ``..`` (deep scan, before the step it
# scans with), ``.name`` or ``.*``, ``['name']``, a filter, then any other ``[...]``.
_SCAN = re.compile(r"\.\.(?=[^.])")
_DOT = re.compile(r"\.([^.\[\]]+)")
_QUOTED = re.compile(r"""\[\s*(?:'([^']*)'|"([^"]*)")\s*\]""")
_MEMBER = r"""(?:\.[^\s.\[\]()<>=!]+|\[\s*'[^']*'\s*\]|\[\s*"[^"]*"\s*\])"""
_LITERAL = r"""-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|'[^']*'|"[^"]*"|true|false|null"""
_FILTER = re.compile(
    rf"\[\s*\?\(\s*@({_MEMBER}*)\s*(?:(==|!=|<=|>=|<|>)\s*({_LITERAL}))?\s*\)\s*\]"
)
_BRACKET = re.compile(r"\[\s*([^\[\]]*?)\s*\]")
_INDEXES = re.compile(r"-?\d+(?:\s*,\s*-?\d+)*")
_SLICE = re.compile(r"(-?\d+)?\s*:\s*(-?\d+)?")
_MEMBER_STEP = re.compile(r"""\.([^.\[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]""")


@functools.lru_cache(maxsize=256)
def _parse(path: str) -> tuple[tuple[_Step, bool], ...] | None:
    """The path's steps, each with whether it is definite; None when it does not parse."""
    if not path.startswith("$"):
        return None
    steps: list[tuple[_Step, bool]] = []
    at = 1
    while at < len(path):
        scan = _SCAN.match(path, at)
        if scan is not None:
            at = scan.end() - 1  # the scanned step reads as ``.name`` or ``[...]``
            if path[at + 1] == "[":
                at += 1
        parsed = _step(path, at)
        if parsed is None:
            return None
        step, definite, at = parsed
        steps.append((_scanning(step), False) if scan is not None else (step, definite))
    return tuple(steps)


def _step(path: str, at: int) -> tuple[_Step, bool, int] | None:
    """The step at ``at``, whether it is definite, and where the next begins."""
    if (dot := _DOT.match(path, at)) is not None:
        name = dot.group(1)
        return (_every, False, dot.end()) if name == "*" else (_child(name), True, dot.end())
    if (quoted := _QUOTED.match(path, at)) is not None:
        name = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
        return _child(name), True, quoted.end()
    if (test := _FILTER.match(path, at)) is not None:
        member, operator, literal = test.groups()
        return _filtered(_accepts(member, operator, literal)), False, test.end()
    bracket = _BRACKET.match(path, at)
    if bracket is None:
        return None
    inside, end = bracket.group(1), bracket.end()
    if inside == "*":
        return _every, False, end
    if _INDEXES.fullmatch(inside):
        indexes = tuple(int(i) for i in inside.split(","))
        return _items(indexes), len(indexes) == 1, end
    if (part := _SLICE.fullmatch(inside)) is not None:
        first, last = (int(n) if n is not None else None for n in part.groups())
        return _sliced(first, last), False, end
    return None


def _child(name: str) -> _Step:
    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, Mapping) and name in node:
            yield node[name]

    return step


def _every(node: Any) -> Iterator[Any]:
    if isinstance(node, Mapping):
        yield from node.values()
    elif isinstance(node, list):
        yield from node


def _items(indexes: tuple[int, ...]) -> _Step:
    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, list):
            yield from (node[i] for i in indexes if -len(node) <= i < len(node))

    return step


def _sliced(first: int | None, last: int | None) -> _Step:
    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, list):
            yield from node[first:last]

    return step


def _scanning(step: _Step) -> _Step:
    """``..step``: the step from the node and from every map and list under it, in order."""

    def scan(node: Any) -> Iterator[Any]:
        pending = [node]
        while pending:
            current = pending.pop()
            yield from step(current)
            if isinstance(current, Mapping):
                pending.extend(reversed(list(current.values())))
            elif isinstance(current, list):
                pending.extend(reversed(current))

    return scan


def _filtered(accepts: Callable[[Any], bool]) -> _Step:
    """``[?(...)]``: a list's items it accepts; a map itself, when accepted (as Jayway)."""

    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, list):
            yield from (item for item in node if accepts(item))
        elif isinstance(node, Mapping) and accepts(node):
            yield node

    return step


_MISSING = object()


def _accepts(member: str, operator: str | None, literal: str | None) -> Callable[[Any], bool]:
    names = [a or b or c for a, b, c in _MEMBER_STEP.findall(member)]
    wanted = None if literal is None else _literal(literal)

    def read(node: Any) -> Any:
        for name in names:
            if not isinstance(node, Mapping) or name not in node:
                return _MISSING
            node = node[name]
        return node

    def accepts(node: Any) -> bool:
        found = read(node)
        if operator is None:
            return found is not _MISSING
        return _compare(found, operator, wanted)

    return accepts


def _literal(text: str) -> Any:
    if text[0] in "'\"":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    return int(text) if text.lstrip("-").isdigit() else float(text)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compare(left: Any, operator: str, right: Any) -> bool:
    """Jayway's comparison of a member with a literal: equal only when of one kind (1 is not
    '1', true is not 1); ordered only numbers with numbers and texts with texts."""
    if operator in ("==", "!="):
        same = (
            left == right
            if _number(left) and _number(right)
            else type(left) is type(right) and left == right
        )
        return same if operator == "==" else not same
    numbers = _number(left) and _number(right)
    if not (numbers or (isinstance(left, str) and isinstance(right, str))):
        return False
    if operator == "<":
        return bool(left < right)
    if operator == "<=":
        return bool(left <= right)
    if operator == ">":
        return bool(left > right)
    return bool(left >= right)


class Input:
    """``$input``: the request's payload and parameters."""

    def __init__(
        self,
        body: str,
        path: Mapping[str, str],
        query: str,
        headers: tuple[tuple[str, str], ...],
    ) -> None:
        self.body = body
        self._path = dict(path)
        self._query = dict(parse_qsl(query, keep_blank_values=True))
        self._headers = dict(headers)
        self._parsed: Any = None
        self._read = False

    def _payload(self) -> Any:
        if not self._read:
            self._read = True
            try:
                self._parsed = json.loads(self.body) if self.body.strip() else None
            except ValueError:
                self._parsed = None
        return self._parsed

    def json(self, path: str = "$") -> str:
        return json.dumps(walk(self._payload(), str(path)), separators=(",", ":"))

    def path(self, path: str = "$") -> Any:
        return java(walk(self._payload(), str(path)))

    def params(self, name: Any = None) -> Any:
        if name is None:
            return java({"path": self._path, "querystring": self._query, "header": self._headers})
        key = str(name)
        if key in self._path:
            return self._path[key]
        if key in self._query:
            return self._query[key]
        lowered = key.lower()
        for header, value in self._headers.items():
            if header.lower() == lowered:
                return value
        return ""


class Util:
    """``$util`` in API Gateway's mapping templates."""

    escapeJavaScript = staticmethod(escape_javascript)

    @staticmethod
    def parseJson(text: Any) -> Any:
        return java(json.loads(str(text)))

    urlEncode = staticmethod(url_encode)
    urlDecode = staticmethod(url_decode)
    base64Encode = staticmethod(base64_encode)
    base64Decode = staticmethod(base64_decode)


_UTIL = Util()


def static(template: str) -> bool:
    """Whether the template is plain text, its own output (no reference, no directive)."""
    return "$" not in template and "#" not in template


def render_request(
    template: str,
    input_: Input,
    context: Callable[[], Mapping[str, Any]],
    stage_variables: Mapping[str, str],
) -> tuple[str, Overrides]:
    """A request template's text, with what it set in ``$context.requestOverride``: the
    ``header``, ``querystring`` and ``path`` values, by name."""
    text, made = _merge(template, input_, context, stage_variables)
    if made is None:
        return text, {}
    override = made["requestOverride"]
    return text, {k: v for k, v in override.items() if isinstance(v, Mapping) and v}


def render_response(
    template: str,
    input_: Input,
    context: Callable[[], Mapping[str, Any]],
    stage_variables: Mapping[str, str],
) -> tuple[str, Any, Mapping[str, Any]]:
    """A response template's text, with what it set in ``$context.responseOverride``: the
    status (None when not set) and the headers."""
    text, made = _merge(template, input_, context, stage_variables)
    if made is None:
        return text, None, {}
    override = made["responseOverride"]
    headers = override.get("header")
    return text, override.get("status"), headers if isinstance(headers, Mapping) else {}


class _Once(VMap):
    """Overrides: each set once, as API Gateway allows."""

    def __setitem__(self, key: str, value: Any) -> None:
        if dict.get(self, key) is not None:
            raise ValueError(f"{key} is overridden twice")
        super().__setitem__(key, value)

    def put(self, key: Any, value: Any) -> Any:
        self[key] = value
        return None


def _merge(
    template: str,
    input_: Input,
    context: Callable[[], Mapping[str, Any]],
    stage_variables: Mapping[str, str],
) -> tuple[str, VMap | None]:
    """The template's text, and the ``$context`` it ran with (None when it names none)."""
    import airspeed

    if static(template):
        return template, None
    namespace: dict[str, Any] = {
        "input": input_,
        "util": _UTIL,
        "stageVariables": VMap(stage_variables),
    }
    made = None
    if "context" in template:
        made = java(context())
        made["requestOverride"] = VMap(header=_Once(), querystring=_Once(), path=_Once())
        made["responseOverride"] = _Once(header=_Once(), status=None)
        namespace["context"] = made
    try:
        return str(compiled(template, quiet=True).merge(namespace)), made
    except airspeed.TemplateSyntaxError as error:
        raise TemplateError(str(error)) from None
    except airspeed.TemplateExecutionError as error:
        inner = cause(error)
        raise TemplateError(f"{type(inner).__name__}: {inner}") from None
    except RecursionError:
        raise TemplateError("The template nests too deeply.") from None
