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

JSONPath is the subset templates use: ``$``, then ``.name``, ``['name']`` and ``[index]``
steps; a path that finds nothing is null.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
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

_STEP = re.compile(r"\.([^.\[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\]|\[\s*(-?\d+)\s*\]")


Overrides = Mapping[str, Mapping[str, Any]]
"""What a request template overrides: values by name, under ``header``, ``querystring`` and
``path`` (only those it set)."""


class TemplateError(Exception):
    """A template that does not parse or run: API Gateway's 500."""


def walk(value: Any, path: str) -> Any:
    path = path.strip()
    if not path.startswith("$"):
        return None
    at = 1
    while at < len(path):
        step = _STEP.match(path, at)
        if step is None:
            return None
        at = step.end()
        name, quoted, double, index = step.groups()
        if index is not None:
            if not isinstance(value, list):
                return None
            i = int(index)
            value = value[i] if -len(value) <= i < len(value) else None
        else:
            key = name if name is not None else quoted if quoted is not None else double
            value = value.get(key) if isinstance(value, Mapping) else None
        if value is None:
            return None
    return value


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
