"""Responses rendered from stored objects by plans compiled once from the output shape.

A stored object is a slotted dataclass whose attributes are the shape's members in
``snake_case`` (botocore's own ``xform_name``: ``providerARNs`` is ``provider_arns``), or
properties of those names. Rendering walks the shape the installed botocore knows, so a
member the model lacks is never rendered, and converts as botocore's parser would:

* ``None`` is omitted, and so is an empty list or map unless the class names the member in
  its ``RENDER`` (:class:`Rendering`) ``always``;
* a timestamp is stored as epoch seconds and rendered as botocore parses them;
* a double is a ``float``; lists and maps are new ones, their items converted by their shape;
* a nested structure is a dataclass rendered by its own plan, or a map of wire names
  (as received) converted member by member.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape

from ._clock import to_datetime

__all__ = ["Rendering", "render", "render_items"]

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Rendering:
    """How a class renders where its attributes alone do not say."""

    always: frozenset[str] = frozenset()
    """Members rendered even when they are an empty list or map."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Attribute names for members whose ``snake_case`` is not the attribute's name."""
    hidden: frozenset[str] = frozenset()
    """Members never rendered from the attribute (a handler adds them when asked to)."""


_DEFAULT = Rendering()
Plan = Callable[[Any], dict[str, Any]]
# Keyed by service and shape name: botocore builds new shape objects for every client.
_plans: dict[tuple[type, str, str], Plan] = {}
_structures: dict[tuple[str, str], Convert] = {}
_compiling = threading.RLock()


def render(item: Any, shape: StructureShape, service: str) -> dict[str, Any]:
    """``item`` as botocore parses ``service``'s rendering of it in ``shape``."""
    plan = _plans.get((type(item), service, shape.name))
    if plan is None:
        with _compiling:
            plan = _plans.get((type(item), service, shape.name))
            if plan is None:
                plan = _compile(type(item), shape, service)
                _plans[type(item), service, shape.name] = plan
    return plan(item)


def render_items(items: list[Any], list_shape: Shape, service: str) -> list[dict[str, Any]]:
    """Each of ``items`` rendered in the member shape of ``list_shape``."""
    assert isinstance(list_shape, ListShape)
    member = list_shape.member
    assert isinstance(member, StructureShape)
    out: list[dict[str, Any]] = []
    kind: type | None = None
    plan: Plan | None = None
    for item in items:
        if type(item) is not kind:
            kind = type(item)
            render(item, member, service)  # compiles the plan if need be
            plan = _plans[kind, service, member.name]
        assert plan is not None
        out.append(plan(item))
    return out


def _attributes(cls: type) -> set[str]:
    names = {f.name for f in fields(cls)} if is_dataclass(cls) else set()
    return names | {n for n in dir(cls) if isinstance(getattr(cls, n, None), property)}


def _compile(cls: type, shape: StructureShape, service: str) -> Plan:
    """The plan for ``cls`` in ``shape``: a function written for them, read once per member,
    as :mod:`dataclasses` writes ``__init__``."""
    rendering: Rendering = getattr(cls, "RENDER", _DEFAULT)
    known = _attributes(cls)
    lines = ["def plan(item):", "    out = {}"]
    env: dict[str, Any] = {}
    for index, (member, member_shape) in enumerate(shape.members.items()):
        attribute = rendering.names.get(member) or xform_name(member)
        if attribute not in known or member in rendering.hidden:
            continue
        collection = member_shape.type_name in ("list", "map")
        present = "v" if collection and member not in rendering.always else "v is not None"
        value = _call(index, member_shape, service, env)
        lines.append(f"    v = item.{attribute}")
        lines.append(f"    if {present}: out[{member!r}] = {value}")
    lines.append("    return out")
    return _define("\n".join(lines), env)


def _call(index: int, shape: Shape, service: str, env: dict[str, Any]) -> str:
    """The expression that converts ``v`` for ``shape``, its converter put in ``env``."""
    convert = _converter(shape, service)
    if convert is None:
        return "v"
    env[f"c{index}"] = convert
    return f"c{index}(v)"


def _define(source: str, env: dict[str, Any]) -> Callable[[Any], Any]:
    exec(source, env)  # built from model and shape names, never from a request
    defined: Callable[[Any], Any] = env[source[4 : source.index("(")]]
    return defined


def _converter(shape: Shape, service: str) -> Convert | None:
    """What turns a stored value into what botocore parses for ``shape``; None: as it is."""
    kind = shape.type_name
    if kind == "timestamp":
        return to_datetime
    if kind in ("double", "float"):
        return float
    if kind == "list":
        assert isinstance(shape, ListShape)
        item = _converter(shape.member, service)
        if item is None:
            return list
        return lambda value: [item(v) for v in value]
    if kind == "map":
        assert isinstance(shape, MapShape)
        entry = _converter(shape.value, service)
        if entry is None:
            return dict
        return lambda value: {k: entry(v) for k, v in value.items()}
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        return _structure(shape, service)
    return None


def _structure(shape: StructureShape, service: str) -> Convert:
    """A nested structure: a stored object rendered by its own plan, or a map of wire names
    converted member by member."""
    converter = _structures.get((service, shape.name))
    if converter is not None:
        return converter
    env: dict[str, Any] = {"render": render, "shape": shape, "service": service}
    lines = [
        "def convert(value):",
        "    if type(value) is not dict:",
        "        return render(value, shape, service)",
        "    out = {}",
    ]
    # Registered before its members compile: a shape may contain itself.
    _structures[service, shape.name] = lambda value: _structures[service, shape.name](value)
    for index, (member, member_shape) in enumerate(shape.members.items()):
        value = _call(index, member_shape, service, env)
        lines.append(f"    v = value.get({member!r})")
        lines.append(f"    if v is not None: out[{member!r}] = {value}")
    lines.append("    return out")
    converter = _structures[service, shape.name] = _define("\n".join(lines), env)
    return converter
