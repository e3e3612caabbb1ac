"""DynamoDB typed values as AppSync reads and writes them, and the ``nextToken`` of a Query
or Scan.

A request mapping template gives typed values (``{"S": "a"}``, ``{"N": 8}`` or ``{"N": "8"}``,
``{"B": "<base64>"}``, ...); ``$ctx.result`` holds plain JSON: numbers as numbers, binary as
base64 text, sets as lists, ``NULL`` as null.

AppSync's ``nextToken`` is opaque (encrypted). mockway's is reversible: base64 of
``{"version":2,"token":"<base64 of the LastEvaluatedKey as typed JSON>"}``, the outer shape
AppSync's tokens have. A token that does not read so is AppSync's
``DynamoDB:UserIllegalArgumentException``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._answers import FieldError

__all__ = [
    "BAD_TOKEN",
    "decode_token",
    "encode_token",
    "plain",
    "plain_item",
    "same",
    "typed",
    "typed_map",
    "wire",
]

MAPPING_TEMPLATE = "MappingTemplate"
BAD_TOKEN = (
    "com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: "
    "Invalid pagination token given."
)
"""AppSync's message for a ``nextToken`` it did not give (its type is
``DynamoDB:UserIllegalArgumentException``)."""
_TYPES = frozenset(("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"))


def typed(value: Any, where: str) -> Any:
    """A template's typed value as the client takes it: numbers as text, binary as bytes."""
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in _TYPES:
        raise FieldError(
            f"Value for field '$[{where}]' is not a DynamoDB typed value: "
            f"{json.dumps(value, separators=(',', ':'))}",
            MAPPING_TEMPLATE,
        )
    ((kind, inner),) = value.items()
    try:
        if kind == "N":
            return {"N": _number_text(inner)}
        if kind == "NS":
            return {"NS": [_number_text(v) for v in inner]}
        if kind == "B":
            return {"B": base64.b64decode(inner, validate=True)}
        if kind == "BS":
            return {"BS": [base64.b64decode(v, validate=True) for v in inner]}
        if kind == "NULL":
            return {"NULL": True}
        if kind == "M":
            return {"M": typed_map(inner, where)}
        if kind == "L":
            return {"L": [typed(v, where) for v in inner]}
    except (TypeError, ValueError, AttributeError, binascii.Error):
        raise FieldError(
            f"Value for field '$[{where}]' is not a DynamoDB typed value: {value!r}",
            MAPPING_TEMPLATE,
        ) from None
    return {kind: inner}


def _number_text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(value)
    return str(value)


def typed_map(values: Any, where: str) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise FieldError(f"Value for field '$[{where}]' must be an object.", MAPPING_TEMPLATE)
    return {str(k): typed(v, f"{where}][{k}") for k, v in values.items()}


def _number(text: str) -> int | float:
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() and "." not in text else float(text)


def plain(value: Mapping[str, Any]) -> Any:
    """A DynamoDB typed value as AppSync puts it in ``$ctx.result``: plain JSON."""
    ((kind, inner),) = value.items()
    if kind == "N":
        return _number(inner)
    if kind == "NS":
        return [_number(v) for v in inner]
    if kind == "B":
        return base64.b64encode(inner).decode("ascii")
    if kind == "BS":
        return [base64.b64encode(v).decode("ascii") for v in inner]
    if kind == "NULL":
        return None
    if kind == "M":
        return plain_item(inner)
    if kind == "L":
        return [plain(v) for v in inner]
    return inner


def plain_item(item: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """An item (attribute name to typed value) as plain JSON; None stays None."""
    return None if item is None else {k: plain(v) for k, v in item.items()}


def wire(value: Any) -> Any:
    """A typed value the client gave, as typed JSON text can hold it (binary as base64)."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Whether two items (typed, as the client takes them) hold the same values."""

    def canonical(value: Any) -> Any:
        if isinstance(value, dict):
            if len(value) == 1 and "N" in value and isinstance(value["N"], str):
                return ("N", Decimal(value["N"]))
            if len(value) == 1 and next(iter(value)) in ("SS", "NS", "BS"):
                ((kind, items),) = value.items()
                return (kind, frozenset(Decimal(v) if kind == "NS" else v for v in items))
            return {k: canonical(v) for k, v in value.items()}
        if isinstance(value, list):
            return [canonical(v) for v in value]
        return value

    return bool(canonical(a) == canonical(b))


def encode_token(key: Mapping[str, Any] | None) -> str | None:
    """``nextToken`` for a LastEvaluatedKey (None: no more results), sealed as AppSync's are
    (its are encrypted): a token changed by hand is not one it gave."""
    if not key:
        return None
    text = json.dumps(wire(key), separators=(",", ":"))
    inner = base64.b64encode(f"{_seal(text)}{text}".encode()).decode()
    outer = json.dumps({"version": 2, "token": inner}, separators=(",", ":"))
    return base64.b64encode(outer.encode()).decode("ascii")


def _seal(text: str) -> str:
    return hashlib.sha256(b"mockway nextToken " + text.encode()).hexdigest()[:16]


def decode_token(token: Any) -> dict[str, Any] | None:
    """The ExclusiveStartKey a ``nextToken`` stands for; AppSync's error for one it did not give."""
    if token is None:
        return None
    try:
        outer = json.loads(base64.b64decode(str(token), validate=True))
        sealed = base64.b64decode(outer["token"], validate=True).decode()
        seal, text = sealed[:16], sealed[16:]
        if seal != _seal(text):
            raise ValueError("not a token mockway gave")
        return typed_map(json.loads(text), "nextToken")
    except (ValueError, TypeError, KeyError, FieldError, binascii.Error, RecursionError):
        raise FieldError(BAD_TOKEN, "DynamoDB:UserIllegalArgumentException") from None
