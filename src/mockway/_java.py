"""Java's methods on strings and numbers, and its arithmetic, as Velocity templates in AWS
call and compute them (``$s.trim()``, ``$s.substring(1)``, ``$n.toString()``, ``7 / 2``); and
the text encodings both services' ``$util`` share (Apache Commons' JavaScript escapes, Java's
``URLEncoder``).

A method Java's ``String`` (or ``Integer``, ``Double``) does not have is no method: the
reference renders as written, as Velocity renders a reference it cannot resolve. A method that
throws in Java (``substring`` out of range) fails the template.
"""

from __future__ import annotations

import base64
import binascii
import math
import operator
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

__all__ = [
    "COMPARISONS",
    "METHODS",
    "base64_decode",
    "base64_encode",
    "divide",
    "escape_javascript",
    "remainder",
    "url_decode",
    "url_encode",
]


def _bool(value: bool) -> Any:
    from ._velocity import VBool

    return VBool(value)


def _list(values: list[str]) -> Any:
    from ._velocity import VList

    return VList(values)


def _replacement(text: str) -> Callable[[re.Match[str]], str]:
    r"""Java's replacement text (``$1`` a group, ``\$`` a dollar sign) as a function of a
    match."""
    parts = re.split(r"(\\.|\$\d+)", text)

    def expand(match: re.Match[str]) -> str:
        out = []
        for part in parts:
            if part.startswith("\\") and len(part) == 2:
                out.append(part[1])
            elif part.startswith("$") and part[1:].isdigit():
                out.append(match.group(int(part[1:])) or "")
            else:
                out.append(part)
        return "".join(out)

    return expand


def _substring(s: str, start: int, end: int | None = None) -> str:
    end = len(s) if end is None else end
    if not 0 <= start <= end <= len(s):
        raise IndexError(f"begin {start}, end {end}, length {len(s)}")
    return s[start:end]


def _char_at(s: str, index: int) -> str:
    if not 0 <= index < len(s):
        raise IndexError(f"index {index}, length {len(s)}")
    return s[index]


def _split(s: str, pattern: str, limit: int = 0) -> Any:
    if not s:
        return _list([""])
    if limit == 1:
        return _list([s])
    parts = re.split(pattern, s, maxsplit=max(limit - 1, 0))
    first = re.match(pattern, s)
    if first is not None and first.end() == 0 and parts[:1] == [""]:
        parts = parts[1:]  # no empty first piece from a zero-width match at the start
    if limit == 0:
        while len(parts) > 1 and parts[-1] == "":
            parts.pop()
        if parts == [""]:
            parts = []
    return _list(parts)


def _trim(s: str) -> str:
    start, end = 0, len(s)
    while start < end and s[start] <= " ":
        start += 1
    while end > start and s[end - 1] <= " ":
        end -= 1
    return s[start:end]


def _compare(a: Any, b: Any) -> int:
    return int(a > b) - int(a < b)


_STRING: dict[str, Callable[..., Any]] = {
    "length": len,
    "isEmpty": lambda s: _bool(not s),
    "trim": _trim,
    "toUpperCase": lambda s: s.upper(),
    "toLowerCase": lambda s: s.lower(),
    "substring": _substring,
    "charAt": _char_at,
    "indexOf": lambda s, sub, start=0: s.find(str(sub), start),
    "lastIndexOf": lambda s, sub: s.rfind(str(sub)),
    "contains": lambda s, sub: _bool(str(sub) in s),
    "startsWith": lambda s, prefix, offset=0: _bool(s.startswith(str(prefix), offset)),
    "endsWith": lambda s, suffix: _bool(s.endswith(str(suffix))),
    "equals": lambda s, other: _bool(isinstance(other, str) and s == other),
    "equalsIgnoreCase": lambda s, other: _bool(
        isinstance(other, str) and s.lower() == other.lower()
    ),
    "compareTo": lambda s, other: _compare(s, str(other)),
    "concat": lambda s, other: s + str(other),
    "replace": lambda s, old, new: s.replace(str(old), str(new)),
    "replaceAll": lambda s, pattern, text: re.sub(pattern, _replacement(str(text)), s),
    "replaceFirst": lambda s, pattern, text: re.sub(pattern, _replacement(str(text)), s, count=1),
    "matches": lambda s, pattern: _bool(re.fullmatch(pattern, s) is not None),
    "split": _split,
    "toString": lambda s: s,
}


_NUMBER: dict[str, Callable[..., Any]] = {
    "toString": str,
    "intValue": lambda n: int(n),
    "longValue": lambda n: int(n),
    "doubleValue": lambda n: float(n),
    "floatValue": lambda n: float(n),
    "equals": lambda n, other: _bool(
        type(other) is type(n) and other == n  # Java: Integer(1).equals(Double(1.0)) is false
    ),
    "compareTo": _compare,
}

METHODS: dict[type, dict[str, Callable[..., Any]]] = {str: _STRING, int: _NUMBER, float: _NUMBER}
"""The Java methods of the values templates meet that are Python's own types."""


def _numbers(a: Any, b: Any) -> bool:
    return all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))


def divide(a: Any, b: Any) -> Any:
    """Java's ``/``: whole numbers truncate toward zero; by zero, null (Velocity's answer)."""
    if not _numbers(a, b):
        return None
    if b == 0:
        return None
    if isinstance(a, int) and isinstance(b, int):
        quotient = abs(a) // abs(b)
        return quotient if (a < 0) == (b < 0) else -quotient
    return a / b


def remainder(a: Any, b: Any) -> Any:
    """Java's ``%``: the sign of the dividend; by zero, null."""
    if not _numbers(a, b) or b == 0:
        return None
    if isinstance(a, int) and isinstance(b, int):
        return a - b * divide(a, b)
    return math.fmod(a, b)


def _ordered(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """A comparison that is false, as in Velocity, for values it cannot order (null, a
    number and a text)."""

    def run(a: Any, b: Any) -> bool:
        if _numbers(a, b) or (isinstance(a, str) and isinstance(b, str)):
            return compare(a, b)
        return False

    return run


COMPARISONS: dict[Callable[[Any, Any], Any], Callable[[Any, Any], Any]] = {
    operator.gt: _ordered(operator.gt),
    operator.ge: _ordered(operator.ge),
    operator.lt: _ordered(operator.lt),
    operator.le: _ordered(operator.le),
    operator.floordiv: divide,
    operator.mod: remainder,
}
"""airspeed's operators, by the function it applies, and Java's in their place."""


_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_javascript(text: Any) -> str:
    """``$util.escapeJavaScript``: Apache Commons' escapes (quotes, ``\\``, ``/``, control
    and non-ASCII characters as UTF-16 ``\\uXXXX``)."""
    out = []
    for char in str(text):
        if char in "'\"\\/":
            out.append("\\" + char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 32 or ord(char) > 126:
            encoded = char.encode("utf-16-be", "surrogatepass")
            units = (int.from_bytes(encoded[i : i + 2], "big") for i in range(0, len(encoded), 2))
            out.append("".join(f"\\u{unit:04X}" for unit in units))
        else:
            out.append(char)
    return "".join(out)


def url_encode(text: Any) -> str:
    """``$util.urlEncode``: Java's ``URLEncoder`` (form encoding, ``*`` kept, ``~`` encoded)."""
    return urllib.parse.quote_plus(str(text), safe="*").replace("~", "%7E")


def url_decode(text: Any) -> str:
    return urllib.parse.unquote_plus(str(text))


def base64_encode(data: Any) -> str:
    raw = data if isinstance(data, bytes) else str(data).encode()
    return base64.b64encode(raw).decode()


def base64_decode(text: Any) -> str:
    """The text ``text`` encodes; ValueError when it is not base64."""
    try:
        return base64.b64decode(str(text)).decode("utf-8", "replace")
    except binascii.Error as error:
        raise ValueError(str(error)) from None
