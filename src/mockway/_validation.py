"""Server-side input validation, compiled once per operation from botocore's input shape.

The service checks what it receives whatever the client did, so a client built with
``parameter_validation=False`` still gets the service's 400 and never a Python exception.
Two kinds of failure, in the order the service meets them:

* a value that cannot be on the wire in that place (wrong type, unknown member) fails the whole
  request with the service's ``type_error_code``;
* constraint failures (missing required member, enum, length, range) are gathered and reported
  together in AWS's own format, ``N validation error(s) detected: ...``, joined by ``; ``,
  with 1-based list indexes, under the service's ``validation_error_code``.

Patterns in the model are enforced only for the shapes a service names: real services accept
values many of their model's patterns reject (AppSync API names with hyphens); handlers check
the other formats the service checks.

A null member is a wrong type, but in the structures a service names, where it reads a JSON
null as an absent member (API Gateway's patch operations: a null ``value`` gets the resource's
own message).

Constraint failures of members bound to the request URI name them bare (``'statusCode'``, not
``'updateMethodResponseInput.statusCode'``) and come after the body's, as API Gateway reports
them.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from ._wire import ServiceError

__all__ = ["Validator", "compile_validator", "fits_whole", "reads_as_double"]

Validator = Callable[[Mapping[str, Any]], None]
_Check = Callable[[Any, str, list[str], list[str]], None]


class _Rules(NamedTuple):
    """What a service holds to beyond the model, or otherwise than it."""

    enum_order: Mapping[str, Sequence[str]]
    unbounded: frozenset[str]
    patterns: frozenset[str]
    nullable: frozenset[str]


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "double": (int, float, decimal.Decimal),  # botocore writes a Decimal as a JSON number
    "float": (int, float, decimal.Decimal),
    "timestamp": (datetime.datetime, str, int, float),
    "blob": (bytes, bytearray, str),
    "list": (list, tuple),
    "map": (dict, Mapping),  # dict first: the common case skips the ABC check
    "structure": (dict, Mapping),
}


# What the service's JSON reader can hold: Java's int and long, finite doubles (JSON has no
# NaN or Infinity). Anything else cannot reach the service as that number.
def reads_as_double(value: float | int | decimal.Decimal) -> bool:
    """Whether a number reads as a finite double (an int past a double's range does not)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def fits_whole(value: int, bits: int) -> bool:
    """Whether a whole number fits a signed ``bits``-bit integer: Java's int (32) or long."""
    bound: int = 2 ** (bits - 1)
    return -bound <= value < bound


_REPRESENTABLE: dict[str, Callable[[Any], bool]] = {
    "integer": lambda v: fits_whole(v, 32),
    "long": lambda v: fits_whole(v, 64),
    "double": reads_as_double,
    "float": reads_as_double,
}


def _render(value: Any) -> str:
    """A value as the service's Java-based validator prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}={_render(v)}" for k, v in value.items()) + "}"
    return str(value)


def _shown(show: Callable[[Any], str], value: Any) -> str:
    """``show(value)``, or ``...`` for a value Python cannot print: nested too deeply (or in
    itself), or a whole number of more digits than it converts to text."""
    try:
        return show(value)
    except (RecursionError, ValueError):
        return "..."


def _constraint(value: Any, path: str, rule: str) -> str:
    shown = "null" if value is None else f"'{_shown(_render, value)}'"
    return f"Value {shown} at '{path}' failed to satisfy constraint: Member must {rule}"


def _bounds_check(
    shape: Shape, measure: Callable[[Any], int | float], what: str, rules: _Rules
) -> _Check | None:
    low = shape.metadata.get("min")
    high = None if shape.name in rules.unbounded else shape.metadata.get("max")
    if low is None and high is None:
        return None

    def check(value: Any, path: str, _types: list[str], errors: list[str]) -> None:
        size = measure(value)
        if high is not None and size > high:
            errors.append(_constraint(value, path, f"have {what} less than or equal to {high}"))
        if low is not None and size < low:
            errors.append(_constraint(value, path, f"have {what} greater than or equal to {low}"))

    return check


def _pattern_check(shape: Shape, rules: _Rules) -> _Check | None:
    pattern = shape.metadata.get("pattern") if shape.name in rules.patterns else None
    if pattern is None:
        return None
    compiled = re.compile(pattern)
    rule = f"satisfy regular expression pattern: {pattern}"

    def check(value: Any, path: str, _types: list[str], errors: list[str]) -> None:
        if compiled.fullmatch(value) is None:
            errors.append(_constraint(value, path, rule))

    return check


def _all(*checks: _Check | None) -> _Check | None:
    present = [c for c in checks if c is not None]
    if len(present) < 2:
        return present[0] if present else None

    def check(value: Any, path: str, types: list[str], errors: list[str]) -> None:
        for each in present:
            each(value, path, types, errors)

    return check


def _compile(shape: Shape, rules: _Rules) -> _Check:
    kind = shape.type_name
    accepted = _TYPES.get(kind, (object,))
    inner: _Check | None = None
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        inner = _structure(shape, rules)
    elif kind == "list":
        assert isinstance(shape, ListShape)
        inner = _list(shape, rules)
    elif kind == "map":
        assert isinstance(shape, MapShape)
        inner = _map(shape, rules)
    elif kind == "string" and "enum" in shape.metadata:
        allowed = frozenset(shape.metadata["enum"])
        listed = ", ".join(rules.enum_order.get(shape.name, shape.metadata["enum"]))

        def inner(value: Any, path: str, _types: list[str], errors: list[str]) -> None:
            if value not in allowed:
                errors.append(_constraint(value, path, f"satisfy enum value set: [{listed}]"))

    elif kind == "string":
        inner = _all(_bounds_check(shape, len, "length", rules), _pattern_check(shape, rules))
    elif kind in ("integer", "long", "double", "float"):
        inner = _bounds_check(shape, lambda v: v, "value", rules)
    rejects_bool = kind in ("integer", "long", "double", "float")
    representable = _REPRESENTABLE.get(kind)

    def check(value: Any, path: str, types: list[str], errors: list[str]) -> None:
        wrong = not isinstance(value, accepted) or (rejects_bool and isinstance(value, bool))
        if not wrong and representable is not None and not representable(value):
            shown = _shown(repr, value)
            types.append(f"Invalid value for parameter {path}: {shown} is not a valid {kind}")
            return
        if wrong and not (kind == "blob" and hasattr(value, "read")):
            types.append(
                f"Invalid type for parameter {path}, value: {_shown(repr, value)}, "
                f"type: {type(value).__name__}, expected: {kind}"
            )
            return
        if inner is not None:
            inner(value, path, types, errors)

    return check


def _structure(shape: StructureShape, rules: _Rules) -> _Check:
    members = {name: _compile(member, rules) for name, member in shape.members.items()}
    in_uri = frozenset(
        name
        for name, member in shape.members.items()
        if member.serialization.get("location") == "uri"
    )
    required = tuple(shape.required_members)
    nullable = shape.name in rules.nullable

    def check(value: Mapping[str, Any], path: str, types: list[str], errors: list[str]) -> None:
        for name in required:
            if value.get(name) is None:
                errors.append(_constraint(None, f"{path}.{name}", "not be null"))
        uri_errors: list[str] = []
        for name, item in value.items():
            member = members.get(name)
            if member is None:
                types.append(
                    f"Unknown parameter {path}.{name}, must be one of: {', '.join(members)}"
                )
            elif item is None and nullable:
                continue  # read as absent, as the service reads a JSON null there
            elif item is None:
                # botocore's serializer cannot put a null in every place; the service never
                # sees one, and neither does a client that validates.
                types.append(f"Invalid type for parameter {path}.{name}, value: None")
            elif name in in_uri:
                wrong: list[str] = []
                member(item, name, wrong, uri_errors)
                if wrong:  # a wrong type is named in full, as for any other member
                    member(item, f"{path}.{name}", types, [])
            else:
                member(item, f"{path}.{name}", types, errors)
        errors.extend(uri_errors)

    return check


def _list(shape: ListShape, rules: _Rules) -> _Check:
    item_check = _compile(shape.member, rules)
    bounds = _bounds_check(shape, len, "length", rules)
    # A list of enum strings fails as a whole: "Value '[a, b]' at 'path' ... Member must
    # satisfy constraint: [Member must satisfy enum value set: [...]]".
    enum = shape.member.metadata.get("enum") if shape.member.type_name == "string" else None
    allowed = frozenset(enum or ())
    enum_rule = (
        None
        if enum is None
        else "satisfy constraint: [Member must satisfy enum value set: "
        f"[{', '.join(rules.enum_order.get(shape.member.name, enum))}]]"
    )

    def check(value: Sequence[Any], path: str, types: list[str], errors: list[str]) -> None:
        if bounds is not None:
            bounds(value, path, types, errors)
        if enum_rule is not None and any(isinstance(i, str) and i not in allowed for i in value):
            errors.append(_constraint(value, path, enum_rule))
        for index, item in enumerate(value, 1):
            if item is None:
                errors.append(_constraint(None, f"{path}.{index}.member", "not be null"))
            elif enum_rule is None or not isinstance(item, str):
                item_check(item, f"{path}.{index}.member", types, errors)

    return check


def _map(shape: MapShape, rules: _Rules) -> _Check:
    key_check = _compile(shape.key, rules)
    value_check = _compile(shape.value, rules)
    bounds = _bounds_check(shape, len, "length", rules)

    def check(value: Mapping[Any, Any], path: str, types: list[str], errors: list[str]) -> None:
        if bounds is not None:
            bounds(value, path, types, errors)
        for key, item in value.items():
            key_check(key, f"{path}.key", types, errors)
            if item is None:
                errors.append(_constraint(None, f"{path}.{key}.value", "not be null"))
            else:
                value_check(item, f"{path}.{key}.value", types, errors)

    return check


def compile_validator(
    operation: OperationModel,
    *,
    type_error_code: str,
    validation_error_code: str,
    enum_order: Mapping[str, Sequence[str]],
    unbounded: frozenset[str] = frozenset(),
    patterns: frozenset[str] = frozenset(),
    nullable: frozenset[str] = frozenset(),
) -> Validator:
    """The server-side check of ``operation``'s input; raises :class:`ServiceError`."""
    shape = operation.input_shape
    if shape is None:
        return lambda params: None
    root = operation.name[0].lower() + operation.name[1:] + "Input"
    check = _compile(shape, _Rules(enum_order, unbounded, patterns, nullable))

    def validate(params: Mapping[str, Any]) -> None:
        types: list[str] = []
        errors: list[str] = []
        check(params, root, types, errors)
        if types:
            raise ServiceError(type_error_code, types[0])
        if errors:
            count = len(errors)
            noun = "error" if count == 1 else "errors"
            raise ServiceError(
                validation_error_code,
                f"{count} validation {noun} detected: " + "; ".join(errors),
            )

    return validate
