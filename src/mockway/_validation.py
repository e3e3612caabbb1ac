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

Errors are listed in the order of the input shape's members, wherever the call put them.
Constraint failures of members bound to the request URI name them bare (``'statusCode'``, not
``'updateMethodResponseInput.statusCode'``) and come after the body's, as API Gateway reports
them.

What is judged is what botocore would send. A map key JSON writes as text (``True`` is
``"true"``) is that text, and handlers get it so; a JSON boolean or number in the body where
the model reads a string fails the request as the service's reader does, when the service says
how (API Gateway's ``SerializationException``); a map entry may be null where the service
reads it so.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from ._wire import ServiceError

__all__ = ["Validator", "compile_validator", "fits_whole", "reads_as_double"]

Validator = Callable[[dict[str, Any]], dict[str, Any]]
"""Checks a call's parameters; answers them as the service reads them (map keys as JSON
writes them), or raises :class:`ServiceError`."""
_Check = Callable[[Any, str, list[str], list[str]], None]


class _Rules(NamedTuple):
    """What a service holds to beyond the model, or otherwise than it."""

    enum_order: Mapping[str, Sequence[str]]
    unbounded: frozenset[str]
    patterns: frozenset[str]
    nullable: frozenset[str]
    wrong_json: Mapping[str, str]
    null_entries: frozenset[str]


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


def _json_kind(value: Any) -> str:
    """``boolean`` or ``number`` for a value botocore writes as that JSON kind."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float, decimal.Decimal)):
        return "number"
    return ""


def _compile(shape: Shape, rules: _Rules, body: bool = True, nulls: bool = False) -> _Check:
    """``body``: the value is in the JSON body (not the URI, query or headers); ``nulls``: a
    map that takes a JSON null as an entry's value."""
    kind = shape.type_name
    accepted = _TYPES.get(kind, (object,))
    inner: _Check | None = None
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        inner = _structure(shape, rules, body)
    elif kind == "list":
        assert isinstance(shape, ListShape)
        inner = _list(shape, rules, body)
    elif kind == "map":
        assert isinstance(shape, MapShape)
        inner = _map(shape, rules, body, nulls)
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
    unreadable = rules.wrong_json if body and kind == "string" else {}

    def check(value: Any, path: str, types: list[str], errors: list[str]) -> None:
        wrong = not isinstance(value, accepted) or (rejects_bool and isinstance(value, bool))
        if wrong and unreadable:
            message = unreadable.get(_json_kind(value))
            if message is not None:
                raise ServiceError("SerializationException", message)
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


def _structure(shape: StructureShape, rules: _Rules, body: bool) -> _Check:
    members: dict[str, _Check] = {}
    for name, member in shape.members.items():
        in_body = body and "location" not in member.serialization
        nulls = f"{shape.name}.{name}" in rules.null_entries
        members[name] = _compile(member, rules, in_body, nulls)
    in_uri = frozenset(
        name
        for name, member in shape.members.items()
        if member.serialization.get("location") == "uri"
    )
    order = tuple(shape.members)
    required = tuple(shape.required_members)
    needed = frozenset(required)
    nullable = shape.name in rules.nullable

    def ordered(value: Mapping[str, Any], path: str, errors: list[str]) -> None:
        """The constraint errors again, listed by member in the model's order, those of
        members in the URI last (the service's order, whatever the call's)."""
        last = []
        for name in order:
            item = value.get(name)
            if item is None:
                if name in needed:
                    errors.append(_constraint(None, f"{path}.{name}", "not be null"))
            elif name in in_uri:
                last.append(name)
            else:
                members[name](item, f"{path}.{name}", [], errors)
        for name in last:
            members[name](value[name], name, [], errors)

    def check(value: Mapping[str, Any], path: str, types: list[str], errors: list[str]) -> None:
        base = len(errors)
        for name in required:
            if value.get(name) is None:
                errors.append(_constraint(None, f"{path}.{name}", "not be null"))
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
            elif name in in_uri:  # named bare, but a wrong type in full, as any other
                wrong = len(types)
                member(item, name, types, errors)
                if len(types) > wrong:
                    del types[wrong:]
                    member(item, f"{path}.{name}", types, [])
            else:
                member(item, f"{path}.{name}", types, errors)
        if len(errors) - base > 1:  # rare: only then is their order a question
            del errors[base:]
            ordered(value, path, errors)

    return check


def _list(shape: ListShape, rules: _Rules, body: bool) -> _Check:
    item_check = _compile(shape.member, rules, body)
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


_JSON_KEYS = (bool, int, float, type(None))
"""Map keys JSON writes as text: ``true``, ``1``, ``1.5``, ``null``."""


def _map(shape: MapShape, rules: _Rules, body: bool, nulls: bool) -> _Check:
    key_check = _compile(shape.key, rules, body)
    value_check = _compile(shape.value, rules, body)
    bounds = _bounds_check(shape, len, "length", rules)

    def check(value: Mapping[Any, Any], path: str, types: list[str], errors: list[str]) -> None:
        if bounds is not None:
            bounds(value, path, types, errors)
        for key, item in value.items():
            if body and isinstance(key, _JSON_KEYS):
                key = json.dumps(key)
            key_check(key, f"{path}.key", types, errors)
            if item is not None:
                value_check(item, f"{path}.{key}.value", types, errors)
            elif not nulls:
                errors.append(_constraint(None, f"{path}.{key}.value", "not be null"))

    return check


def _as_sent(value: Any) -> Any:
    """``value`` with every map key JSON writes as text turned into that text; the same
    object where nothing changes."""
    if isinstance(value, Mapping):
        out = {}
        changed = False
        for key, item in value.items():
            sent = _as_sent(item)
            if isinstance(key, _JSON_KEYS):
                key, changed = json.dumps(key), True
            changed = changed or sent is not item
            out[key] = sent
        return out if changed else value
    if isinstance(value, (list, tuple)):
        items = [_as_sent(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _key_finder(shape: Shape, seen: frozenset[str] = frozenset()) -> Callable[[Any], bool] | None:
    """What tells whether a (valid) value of ``shape`` holds a body map with a key that is not
    text; None when it cannot hold a map."""
    if isinstance(shape, MapShape):
        inner = _key_finder(shape.value, seen)

        def in_map(value: Mapping[Any, Any]) -> bool:
            for key, item in value.items():
                if key.__class__ is not str or (
                    inner is not None and item is not None and inner(item)
                ):
                    return True
            return False

        return in_map
    if isinstance(shape, ListShape):
        each = _key_finder(shape.member, seen)
        if each is None:
            return None
        return lambda value: any(item is not None and each(item) for item in value)
    if isinstance(shape, StructureShape) and shape.name not in seen:
        parts = []
        for name, member in shape.members.items():
            finder = _key_finder(member, seen | {shape.name})
            if finder is not None and "location" not in member.serialization:
                parts.append((name, finder))
        if not parts:
            return None

        def in_structure(value: Mapping[str, Any]) -> bool:
            for name, finder in parts:
                item = value.get(name)
                if item is not None and finder(item):
                    return True
            return False

        return in_structure
    return None


def compile_validator(
    operation: OperationModel,
    *,
    type_error_code: str,
    validation_error_code: str,
    enum_order: Mapping[str, Sequence[str]],
    unbounded: frozenset[str] = frozenset(),
    patterns: frozenset[str] = frozenset(),
    nullable: frozenset[str] = frozenset(),
    wrong_json: Mapping[str, str] | None = None,
    null_entries: frozenset[str] = frozenset(),
) -> Validator:
    """The server-side check of ``operation``'s input (see :data:`Validator`)."""
    shape = operation.input_shape
    if shape is None:
        return lambda params: params
    root = operation.name[0].lower() + operation.name[1:] + "Input"
    rules = _Rules(enum_order, unbounded, patterns, nullable, wrong_json or {}, null_entries)
    check = _compile(shape, rules)
    rekeyed = _key_finder(shape)

    def validate(params: dict[str, Any]) -> dict[str, Any]:
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
        if rekeyed is None or not rekeyed(params):
            return params
        sent: dict[str, Any] = _as_sent(params)
        return sent

    return validate
