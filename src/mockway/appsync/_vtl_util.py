"""``$util`` of AppSync's mapping templates: JSON, ids, errors, checks, encodings, time
(:mod:`._vtl_time`), DynamoDB values, strings, maths, lists, XML and HTTP headers.

Each helper is a method named as AppSync names it; the namespaces (``$util.time``,
``$util.dynamodb``, ...) are attributes.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from .._java import base64_decode, base64_encode, escape_javascript, url_decode, url_encode
from ._vtl import Evaluation, UtilError, VBool, VList, VMap, java, plain, to_json
from ._vtl_time import Time

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = ["ResponseHeaders", "Util", "collecting_response_headers"]

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KSUID_EPOCH = 1_400_000_000


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_map(value: Any) -> bool:
    return isinstance(value, Mapping)


class _Log:
    def __init__(self, logs: list[str]) -> None:
        self._logs = logs

    def _add(self, message: Any, *args: Any) -> str:
        text = str(message)
        for arg in args:
            text = text.replace("{}", str(arg), 1)
        self._logs.append(text)
        return ""

    def info(self, message: Any, *args: Any) -> str:
        return self._add(message, *args)

    def error(self, message: Any, *args: Any) -> str:
        return self._add(message, *args)


def _attribute(value: Any) -> VMap:
    """``value`` as a DynamoDB attribute value, as AppSync writes it."""
    value = plain(value)
    if value is None:
        return java({"NULL": None})  # type: ignore[no-any-return]
    if isinstance(value, bool):
        return java({"BOOL": value})  # type: ignore[no-any-return]
    if isinstance(value, str):
        return java({"S": value})  # type: ignore[no-any-return]
    if _is_number(value):
        return java({"N": value})  # type: ignore[no-any-return]
    if isinstance(value, list):
        return VMap(L=VList(_attribute(v) for v in value))
    return VMap(M=VMap((k, _attribute(v)) for k, v in value.items()))


class _DynamoDB:
    def toDynamoDB(self, value: Any) -> VMap:
        return _attribute(value)

    def toDynamoDBJson(self, value: Any) -> str:
        return to_json(_attribute(value))

    def toString(self, value: Any) -> VMap:
        return VMap(S=value)

    def toStringJson(self, value: Any) -> str:
        return to_json(self.toString(value))

    def toNumber(self, value: Any) -> VMap:
        return VMap(N=value)

    def toNumberJson(self, value: Any) -> str:
        return to_json(self.toNumber(value))

    def toBoolean(self, value: Any) -> VMap:
        return VMap(BOOL=VBool(bool(value)))

    def toBooleanJson(self, value: Any) -> str:
        return to_json(self.toBoolean(value))

    def toNull(self) -> VMap:
        return VMap(NULL=None)

    def toNullJson(self) -> str:
        return to_json(self.toNull())

    def toBinary(self, value: Any) -> VMap:
        return VMap(B=value)

    def toBinaryJson(self, value: Any) -> str:
        return to_json(self.toBinary(value))

    def toStringSet(self, values: Any) -> VMap:
        return VMap(SS=VList(values))

    def toStringSetJson(self, values: Any) -> str:
        return to_json(self.toStringSet(values))

    def toNumberSet(self, values: Any) -> VMap:
        return VMap(NS=VList(values))

    def toNumberSetJson(self, values: Any) -> str:
        return to_json(self.toNumberSet(values))

    def toList(self, values: Any) -> VMap:
        return _attribute(VList(values))

    def toListJson(self, values: Any) -> str:
        return to_json(self.toList(values))

    def toMap(self, values: Any) -> VMap:
        return _attribute(VMap(values))

    def toMapJson(self, values: Any) -> str:
        return to_json(self.toMap(values))

    def toMapValues(self, values: Any) -> VMap:
        return VMap((k, _attribute(v)) for k, v in values.items())

    def toMapValuesJson(self, values: Any) -> str:
        return to_json(self.toMapValues(values))


class _Str:
    def toUpper(self, text: str) -> str:
        return str(text).upper()

    def toLower(self, text: str) -> str:
        return str(text).lower()

    def toReplace(self, text: str, old: str, new: str) -> str:
        return str(text).replace(str(old), str(new))

    def normalize(self, text: str, form: str) -> str:
        return unicodedata.normalize(str(form).upper(), str(text))  # type: ignore[arg-type]


class _Math:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def roundNum(self, value: Any) -> int:
        return int(float(value) + 0.5) if float(value) >= 0 else -int(-float(value) + 0.5)

    def minVal(self, a: Any, b: Any) -> Any:
        return min(a, b)

    def maxVal(self, a: Any, b: Any) -> Any:
        return max(a, b)

    def randomDouble(self) -> float:
        return self._rng.random()

    def randomWithinRange(self, low: Any, high: Any) -> int:
        return self._rng.randint(int(low), int(high))


class _Lists:
    def copyAndRetainAll(self, values: Any, kept: Any) -> VList:
        return VList(v for v in values if v in kept)

    def copyAndRemoveAll(self, values: Any, removed: Any) -> VList:
        return VList(v for v in values if v not in removed)

    def sortList(self, values: Any, descending: Any, key: Any = None) -> VList:
        def by(value: Any) -> Any:
            return value.get(key) if key and _is_map(value) else value

        return VList(sorted(values, key=by, reverse=bool(descending)))


_XML_INTEGER = re.compile(r"-?[0-9]+")
_XML_DECIMAL = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_JAVA_LONG = 2**63


def _xml_value(text: str, keep_strings: bool) -> Any:
    """A text or attribute as org.json's XML conversion reads it: ``true``, ``false`` and
    ``null`` (in any case) and numbers as such, unless ``keep_strings``."""
    if keep_strings or not text:
        return text
    lowered = text.lower()
    if lowered in ("true", "false"):
        return VBool(lowered == "true")
    if lowered == "null":
        return None
    if _XML_INTEGER.fullmatch(text):
        number = int(text)  # as Java's Long, and only when it prints back the same
        return number if str(number) == text and -_JAVA_LONG <= number < _JAVA_LONG else text
    if _XML_DECIMAL.fullmatch(text) and text[0] != ".":
        return float(text)
    return text


def _xml_name(name: str, scope: Mapping[str, str]) -> str:
    """ElementTree's ``{uri}local`` as written in the document: ``prefix:local``."""
    if not name.startswith("{"):
        return name
    uri, _, local = name[1:].partition("}")
    prefix = scope.get(uri, "")
    return f"{prefix}:{local}" if prefix else local


def _xml_parsed(text: Any) -> Element:
    """The document's root, its names (and ``xmlns`` declarations, as attributes) as
    written."""
    from xml.etree.ElementTree import Element, ParseError, XMLPullParser

    parser: XMLPullParser[Element] = XMLPullParser(events=("start-ns", "start", "end"))
    try:
        parser.feed(str(text))
        parser.close()
    except ParseError as error:
        raise UtilError(f"Unable to parse the XML document: {error}") from None
    scopes: list[dict[str, str]] = [{_XML_NAMESPACE: "xml"}]
    declared: list[tuple[str, str]] = []
    root: Element | None = None
    for read in parser.read_events():
        event, item = read[0], read[-1]
        if isinstance(item, tuple):  # start-ns: (prefix, uri)
            declared.append((item[0], item[1]))
        elif event == "start" and isinstance(item, Element):
            scope = dict(scopes[-1])
            attributes = {}
            for prefix, uri in declared:
                scope[uri] = prefix
                attributes[f"xmlns:{prefix}" if prefix else "xmlns"] = uri
            declared = []
            scopes.append(scope)
            item.tag = _xml_name(item.tag, scope)
            for name, value in item.attrib.items():
                attributes[_xml_name(name, scope)] = value
            item.attrib = attributes
            root = item if root is None else root
        elif event == "end":
            scopes.pop()
    assert root is not None
    return root


def _xml_content(element: Element, keep_strings: bool) -> Any:
    """An element as org.json makes it: its attributes, children (repeated ones as a list)
    and text (``content``) in a map; only text, the text; nothing, ``""``."""
    found: dict[str, list[Any]] = {}
    for name, value in element.attrib.items():
        found.setdefault(name, []).append(_xml_value(value, keep_strings))
    texts = [element.text]
    for child in element:
        found.setdefault(child.tag, []).append(_xml_content(child, keep_strings))
        texts.append(child.tail)
    for text in texts:
        if text and text.strip():
            found.setdefault("content", []).append(_xml_value(text.strip(), keep_strings))
    if not found:
        return ""
    if list(found) == ["content"] and len(found["content"]) == 1:
        return found["content"][0]
    return VMap((k, v[0] if len(v) == 1 else VList(v)) for k, v in found.items())


def _xml_map(text: Any, keep_strings: bool) -> VMap:
    root = _xml_parsed(text)
    return VMap({root.tag: _xml_content(root, keep_strings)})


class _Xml:
    def toMap(self, text: Any) -> VMap:
        return _xml_map(text, False)

    def toJsonString(self, text: Any, keep_strings: Any = False) -> str:
        """``keep_strings``: texts are not read as numbers, booleans or null (org.json's
        ``keepStrings``, which the reference calls string-encoding the JSON)."""
        return to_json(_xml_map(text, bool(keep_strings)))


NOT_COPIED = frozenset(
    {
        "transfer-encoding",
        "connection",
        "host",
        "expect",
        "keep-alive",
        "upgrade",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "content-length",
    }
)
"""The headers ``$util.http.copyHeaders`` leaves out (lower case)."""
NOT_SET = NOT_COPIED | {
    "access-control-allow-credentials",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "access-control-max-age",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "vary",
    "content-type",
}
"""The headers ``$util.http.addResponseHeader`` may not set (lower case), beside the
prefixes ``x-amzn-`` and ``x-amz-``."""
RESPONSE_HEADERS_MAX = 4096
"""Bytes of custom response headers (names and values) a request may add."""
RESPONSE_HEADER_ERROR = "ResponseHeaderError"
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class ResponseHeaders:
    """The custom headers a GraphQL request's templates add to its answer, by lower-case
    name, and the bytes they have used."""

    def __init__(self) -> None:
        self.added: dict[str, tuple[str, str]] = {}
        self.size = 0

    def items(self) -> list[tuple[str, str]]:
        return list(self.added.values())


_collecting: ContextVar[ResponseHeaders | None] = ContextVar(
    "mockway_appsync_response_headers", default=None
)


@contextlib.contextmanager
def collecting_response_headers() -> Iterator[ResponseHeaders]:
    """Collects, for the GraphQL request run inside, the headers its templates add."""
    headers = ResponseHeaders()
    token = _collecting.set(headers)
    try:
        yield headers
    finally:
        _collecting.reset(token)


def _header_value(value: Any) -> str:
    if isinstance(value, (Mapping, list)):
        return to_json(value)
    if isinstance(value, (bool, VBool)):
        return "true" if value else "false"
    return str(value)


class _Http:
    def __init__(self, outcome: Evaluation) -> None:
        self._outcome = outcome
        self._kept: ResponseHeaders | None = None

    def _headers(self) -> ResponseHeaders:
        """The GraphQL request's headers; EvaluateMappingTemplate's own, outside one."""
        if self._kept is None:
            self._kept = _collecting.get() or ResponseHeaders()
        return self._kept

    def copyHeaders(self, headers: Any) -> VMap:
        return VMap((str(k), v) for k, v in headers.items() if str(k).lower() not in NOT_COPIED)

    def addResponseHeader(self, name: Any, value: Any) -> str:
        text = "" if name is None else str(name)
        lowered = text.lower()
        written = "" if value is None else _header_value(value)
        size = len(text.encode()) + len(written.encode())
        if not text:
            problem = "A response header's name can't be empty."
        elif lowered in NOT_SET or lowered.startswith(("x-amzn-", "x-amz-")):
            problem = f"The response header {text} is restricted."
        elif value is None:
            problem = f"The response header {text} has a null value."
        elif not _TOKEN.fullmatch(text) or "\r" in written or "\n" in written:
            problem = f"The response header {text} is not a valid HTTP header."
        elif self._headers().size + size > RESPONSE_HEADERS_MAX:
            problem = f"The response header {text} exceeds the 4 KB of custom response headers."
        else:
            headers = self._headers()
            headers.size += size
            headers.added.pop(lowered, None)
            headers.added[lowered] = (text, written)
            return ""
        self._outcome.out_errors.append(VMap(message=problem, errorType=RESPONSE_HEADER_ERROR))
        return ""

    def addResponseHeaders(self, headers: Any) -> str:
        for name, value in headers.items():
            self.addResponseHeader(name, value)
        return ""


class Util:
    """``$util`` for one evaluation: ``new_id`` draws ``$util.autoId()``, ``now`` is the
    clock's time in epoch seconds."""

    def __init__(self, outcome: Evaluation, *, now: float, new_id: Callable[[], str]) -> None:
        self._outcome = outcome
        self._now = now
        self._new_id = new_id
        self._rng = random.Random(new_id())
        self.time = Time(now)
        self.dynamodb = _DynamoDB()
        self.str = _Str()
        self.math = _Math(self._rng)
        self.list = _Lists()
        self.log = _Log(outcome.logs)
        self.xml = _Xml()
        self.http = _Http(outcome)

    # JSON and values
    def toJson(self, value: Any) -> str:
        return to_json(value)

    def parseJson(self, text: str) -> Any:
        try:
            return java(json.loads(str(text)))
        except ValueError:
            raise UtilError(f"Unable to parse the JSON document: {text}") from None

    def qr(self, *_: Any) -> str:
        return ""

    def quiet(self, *_: Any) -> str:
        return ""

    # ids
    def autoId(self) -> str:
        return self._new_id()

    def autoUlid(self) -> str:
        bits = int(self._now * 1000) << 80 | self._rng.getrandbits(80)
        return "".join(_CROCKFORD[bits >> shift & 31] for shift in range(125, -1, -5))

    def autoKsuid(self) -> str:
        number = (int(self._now) - KSUID_EPOCH) << 128 | self._rng.getrandbits(128)
        digits = []
        for _ in range(27):
            number, digit = divmod(number, 62)
            digits.append(_BASE62[digit])
        return "".join(reversed(digits))

    # errors
    def error(
        self, message: Any, error_type: Any = None, data: Any = None, info: Any = None
    ) -> None:
        raise UtilError(str(message), error_type, data, info)

    def appendError(
        self, message: Any, error_type: Any = None, data: Any = None, info: Any = None
    ) -> str:
        entry: dict[str, Any] = {"message": str(message)}
        if error_type is not None:
            entry["errorType"] = error_type
        if data is not None:
            entry["data"] = plain(data)
        if info is not None:
            entry["errorInfo"] = plain(info)
        self._outcome.out_errors.append(java(entry))
        return ""

    def unauthorized(self) -> None:
        raise UtilError("Unauthorized", "Unauthorized", unauthorized=True)

    def validate(
        self, condition: Any, message: Any, error_type: Any = None, data: Any = None
    ) -> str:
        if not condition:
            raise UtilError(str(message), error_type, data)
        return ""

    # checks
    def isNull(self, value: Any) -> VBool:
        return VBool(value is None)

    def isNullOrEmpty(self, value: Any) -> VBool:
        return VBool(value is None or (hasattr(value, "__len__") and len(value) == 0))

    def isNullOrBlank(self, value: Any) -> VBool:
        return VBool(value is None or not str(value).strip())

    def defaultIfNull(self, value: Any, default: Any) -> Any:
        return default if value is None else value

    def defaultIfNullOrEmpty(self, value: Any, default: Any) -> Any:
        return default if self.isNullOrEmpty(value) else value

    def defaultIfNullOrBlank(self, value: Any, default: Any) -> Any:
        return default if self.isNullOrBlank(value) else value

    def isString(self, value: Any) -> VBool:
        return VBool(isinstance(value, str))

    def isNumber(self, value: Any) -> VBool:
        return VBool(_is_number(value))

    def isBoolean(self, value: Any) -> VBool:
        return VBool(isinstance(value, (bool, VBool)))

    def isList(self, value: Any) -> VBool:
        return VBool(isinstance(value, list))

    def isMap(self, value: Any) -> VBool:
        return VBool(_is_map(value))

    def typeOf(self, value: Any) -> str:
        if value is None:
            return "Null"
        for name, check in (
            ("Boolean", self.isBoolean),
            ("Number", self.isNumber),
            ("String", self.isString),
            ("List", self.isList),
            ("Map", self.isMap),
        ):
            if check(value):
                return name
        return "Object"

    def matches(self, pattern: str, text: str) -> VBool:
        return VBool(re.fullmatch(str(pattern), str(text)) is not None)

    # encodings
    def escapeJavaScript(self, text: Any) -> str:
        return escape_javascript(text)

    def urlEncode(self, text: Any) -> str:
        return url_encode(text)

    def urlDecode(self, text: Any) -> str:
        return url_decode(text)

    def base64Encode(self, data: Any) -> str:
        return base64_encode(data)

    def base64Decode(self, text: Any) -> str:
        try:
            return base64_decode(text)
        except ValueError:
            raise UtilError(f"Invalid base64 input: {text}") from None
