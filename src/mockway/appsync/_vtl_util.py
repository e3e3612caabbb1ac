"""``$util`` of AppSync's mapping templates: JSON, ids, errors, checks, encodings, time
(:mod:`._vtl_time`), DynamoDB values, strings, maths, lists, XML (:mod:`._vtl_xml`) and HTTP
headers (:mod:`._vtl_http`).

Each helper is a method named as AppSync names it; the namespaces (``$util.time``,
``$util.dynamodb``, ...) are attributes.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from .._java import base64_decode, base64_encode, escape_javascript, url_decode, url_encode
from ._vtl import Evaluation, UtilError, VBool, VList, VMap, java, plain, to_json
from ._vtl_http import Http, ResponseHeaders
from ._vtl_rds import Rds
from ._vtl_time import Time
from ._vtl_transform import Transform
from ._vtl_xml import Xml

__all__ = ["Util"]

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


class Util:
    """``$util`` for one evaluation: ``new_id`` draws ``$util.autoId()``, ``now`` is the
    clock's time in epoch seconds."""

    # the namespaces that keep nothing of an evaluation, shared by all
    dynamodb = _DynamoDB()
    xml = Xml()
    rds = Rds()
    transform = Transform()

    def __init__(
        self,
        outcome: Evaluation,
        *,
        now: float,
        new_id: Callable[[], str],
        response_headers: ResponseHeaders | None = None,
    ) -> None:
        self._outcome = outcome
        self._now = now
        self._new_id = new_id
        self._rng = random.Random(new_id())
        self.time = Time(now)
        self.str = _Str()
        self.list = _Lists()
        self.math = _Math(self._rng)
        self.log = _Log(outcome.logs)
        self.http = Http(outcome, response_headers or ResponseHeaders())

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
