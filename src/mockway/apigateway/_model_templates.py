"""GetModelTemplate: a sample mapping template for a model, as API Gateway generates it.

AWS answers with a Velocity template that sets ``$inputRoot`` and then writes a sample
document of the model's shape, printed as Jackson's default pretty printer prints JSON:
two spaces a level, ``"name" : value``, ``{ }`` for an object without properties, arrays on
one line (``[ {`` ... ``} ]``). Sample values: ``"foo"`` for strings and ``3.1415`` for
numbers (both seen in AWS's own example), ``42`` for integers, ``true`` for booleans,
``null`` for null, the first value of an ``enum``; an array holds one sample item. References
to other models and local ``#/...`` pointers are followed; a reference back into a schema
being sampled is an empty object.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._model_schemas import parsed, referenced_name

if TYPE_CHECKING:
    from ._rest_models import RestApi

__all__ = ["model_template"]

PREFIX = "#set($inputRoot = $input.path('$'))\n"
SAMPLES: dict[str, Any] = {
    "string": "foo",
    "number": 3.1415,
    "integer": 42,
    "boolean": True,
    "null": None,
}
MAX_DEPTH = 64
"""Deeper than this, a schema's sample is an empty object."""


class _Sampler:
    def __init__(self, api: RestApi) -> None:
        self.api = api
        self.documents: dict[str, Any] = {}
        self.path: set[tuple[str, str]] = set()
        """(model, pointer) of every reference being followed."""

    def document(self, name: str) -> Any:
        if name not in self.documents:
            model = self.api.models.get(name)
            self.documents[name] = None if model is None else parsed(model.schema or "null")
        return self.documents[name]

    def follow(self, ref: str, model: str, depth: int) -> Any:
        """The sample of what ``ref`` (in a schema of ``model``) points at."""
        name = referenced_name(ref, self.api.id)
        if name is not None:
            model, pointer = name, ""
        elif ref.startswith("#"):
            pointer = ref[1:]
        else:
            return {}
        target = resolve(self.document(model), pointer)
        if (model, pointer) in self.path or target is None:
            return {}
        self.path.add((model, pointer))
        try:
            return self.sample(target, model, depth + 1)
        finally:
            self.path.discard((model, pointer))

    def sample(self, schema: Any, model: str, depth: int = 0) -> Any:
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return {}
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self.follow(ref, model, depth)
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return enum[0]
        kind = _kind(schema)
        if kind == "object":
            properties = schema.get("properties")
            if not isinstance(properties, dict):
                return {}
            return {k: self.sample(v, model, depth + 1) for k, v in properties.items()}
        if kind == "array":
            items = schema.get("items")
            if isinstance(items, list):
                return [self.sample(item, model, depth + 1) for item in items]
            return [] if items is None else [self.sample(items, model, depth + 1)]
        if kind in SAMPLES:
            return SAMPLES[kind]
        for key in ("allOf", "anyOf", "oneOf"):
            choices = schema.get(key)
            if isinstance(choices, list) and choices:
                return self.sample(choices[0], model, depth + 1)
        return {}


def _kind(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        named = [k for k in kind if k != "null"] or kind
        kind = named[0] if named else None
    if isinstance(kind, str):
        return kind
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def resolve(document: Any, pointer: str) -> Any:
    """What the JSON pointer ``pointer`` names in ``document``; None when nothing."""
    node = document
    for part in pointer.split("/")[1:] if pointer else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def pretty(value: Any, level: int = 0) -> str:
    """``value`` as Jackson's default pretty printer writes it."""
    if isinstance(value, dict):
        if not value:
            return "{ }"
        indent = "  " * (level + 1)
        members = [
            f"{indent}{json.dumps(k, ensure_ascii=False)} : {pretty(v, level + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(members) + "\n" + "  " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(pretty(v, level) for v in value) + " ]"
    return json.dumps(value, ensure_ascii=False)


def model_template(api: RestApi, name: str) -> str:
    """The mapping template GetModelTemplate answers with for the model ``name``."""
    sampler = _Sampler(api)
    sampler.path.add((name, ""))
    try:
        return PREFIX + pretty(sampler.sample(sampler.document(name), name))
    except RecursionError:  # an enum value nested past what Python can print
        return PREFIX + "{ }"
