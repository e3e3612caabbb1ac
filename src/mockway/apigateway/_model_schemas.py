"""A model's schema as API Gateway checks it: a JSON Schema draft 4 document, with references
to the API's other models in canonical form.

The schema is checked against draft 4's meta-schema by :mod:`jsonschema` (imported on first
use); beyond the meta-schema, API Gateway refuses keywords draft 4 does not define, and
``$ref`` values other than local pointers (``#/definitions/...``) and its canonical model URLs
(``https://apigateway.amazonaws.com/restapis/<api>/models/<name>``), which must name a model
of the same API. ``flatten`` (GetModel) gathers the models a schema refers to into its
``definitions``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import _errors as e

if TYPE_CHECKING:
    from ._rest_models import RestApi

__all__ = ["checked_schema", "flattened", "parsed", "referenced_name"]

MAX_SCHEMA_BYTES = 400 * 1024
CACHED_SCHEMA_LENGTH = 4096
"""Schemas up to this length have their meta-schema check remembered."""
_CANONICAL = re.compile(r"https://apigateway\.amazonaws\.com/restapis/([^/]+)/models/([^/#?]+)")
# The keywords draft 4 defines (core, validation and metadata); API Gateway refuses others.
DRAFT_4_KEYWORDS = frozenset(
    {
        "$schema", "id", "$ref", "title", "description", "default", "format", "definitions",
        "type", "enum", "allOf", "anyOf", "oneOf", "not",
        "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern",
        "items", "additionalItems", "maxItems", "minItems", "uniqueItems",
        "properties", "patternProperties", "additionalProperties", "required",
        "maxProperties", "minProperties", "dependencies",
    }
)  # fmt: skip
_SCHEMA_MAPS = ("properties", "patternProperties", "definitions")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_VALUES = ("additionalItems", "additionalProperties", "not")
_meta_validator: Any = None


class _NotJson(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _NotJson(name)  # NaN and the infinities are not JSON


def parsed(text: str) -> Any:
    """The JSON document ``text`` spells; :class:`ValueError` when it spells none."""
    try:
        return json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise _NotJson("nested too deeply") from None


def schema_nodes(root: Any) -> Iterator[dict[str, Any]]:
    """Every (sub)schema of ``root`` where draft 4 puts one, in document order."""
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node
        children: list[Any] = []
        for key in _SCHEMA_MAPS:
            if isinstance(value := node.get(key), dict):
                children.extend(value.values())
        if isinstance(value := node.get("dependencies"), dict):
            children.extend(v for v in value.values() if isinstance(v, dict))
        if isinstance(value := node.get("items"), (dict, list)):
            children.extend(value if isinstance(value, list) else [value])
        for key in _SCHEMA_VALUES:
            if isinstance(value := node.get(key), dict):
                children.append(value)
        for key in _SCHEMA_LISTS:
            if isinstance(value := node.get(key), list):
                children.extend(value)
        stack.extend(reversed(children))


def referenced_name(ref: str, api_id: str) -> str | None:
    """The model a canonical reference of API ``api_id`` names; None for another form."""
    matched = _CANONICAL.fullmatch(ref)
    if matched is None or matched[1] != api_id:
        return None
    return matched[2]


def _meta_errors(document: Any) -> int:
    """How many ways ``document`` breaks draft 4's meta-schema."""
    global _meta_validator
    if _meta_validator is None:
        from jsonschema import Draft4Validator

        _meta_validator = Draft4Validator(Draft4Validator.META_SCHEMA)
    return sum(1 for _ in _meta_validator.iter_errors(document))


@functools.lru_cache(maxsize=256)
def _meta_errors_of(text: str) -> int:
    """:func:`_meta_errors` of the schema ``text`` spells: tests send the same few schemas
    again and again, and a check costs about a millisecond."""
    return _meta_errors(parsed(text))


def _problems(api: RestApi, text: str, document: Any, references: set[str]) -> list[str]:
    """What API Gateway finds wrong with a schema (``text``, parsed: ``document``), in its
    words; the models it refers to are added to ``references``."""
    short = len(text) <= CACHED_SCHEMA_LENGTH
    count = _meta_errors_of(text) if short else _meta_errors(document)
    problems = [e.MODEL_SCHEMA_INVALID] * count
    unsupported: list[str] = []
    refs: list[str] = []
    for node in schema_nodes(document):
        unknown = sorted(key for key in node if key not in DRAFT_4_KEYWORDS)
        if unknown:
            keywords = ",".join(json.dumps(key, ensure_ascii=False) for key in unknown)
            unsupported.append(e.MODEL_KEYWORDS_UNSUPPORTED.format(keywords=keywords))
        if "$ref" not in node:
            continue
        ref = node["$ref"]
        if not isinstance(ref, str):
            refs.append(e.MODEL_SCHEMA_INVALID)
        elif not ref.startswith("#"):
            name = referenced_name(ref, api.id)
            if _CANONICAL.fullmatch(ref) is None:
                refs.append(e.MODEL_REFERENCE_NOT_CANONICAL)
            elif name is None or name not in api.models:
                refs.append(e.MODEL_REFERENCE_MISSING.format(name=ref.rsplit("/", 1)[-1]))
            else:
                references.add(name)
    return problems + unsupported + refs


def checked_schema(api: RestApi, text: Any) -> frozenset[str]:
    """The names of the models schema ``text`` refers to, once it passed API Gateway's
    checks; otherwise AWS's 400."""
    if not isinstance(text, str) or not text.strip():
        raise e.bad_request(e.MODEL_SCHEMA_EMPTY)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SCHEMA_BYTES:
        raise e.bad_request(e.MODEL_SCHEMA_TOO_LARGE)
    try:
        document = parsed(text)
    except ValueError:
        raise e.bad_request(e.INVALID_MODEL_JSON) from None
    if document in ({}, [], None):
        raise e.bad_request(e.MODEL_SCHEMA_EMPTY)
    references: set[str] = set()
    try:
        problems = _problems(api, text, document, references)
    except RecursionError:
        problems = [e.MODEL_SCHEMA_INVALID]
    if problems:
        raise e.bad_request(e.INVALID_MODEL.format(errors=", ".join(problems)))
    return frozenset(references)


def flattened(api: RestApi, schema: str) -> str:
    """``schema`` with the models it refers to, and those they refer to, in its
    ``definitions``, each reference to one made local (``#/definitions/<name>``); as it is
    when it refers to none."""
    document = parsed(schema)
    definitions: dict[str, Any] = {}
    pending = [document]
    while pending:
        for node in schema_nodes(pending.pop()):
            ref = node.get("$ref")
            name = referenced_name(ref, api.id) if isinstance(ref, str) else None
            model = None if name is None else api.models.get(name)
            if name is None or model is None or model.schema is None:
                continue
            node["$ref"] = f"#/definitions/{name}"
            if name not in definitions:
                definitions[name] = parsed(model.schema)
                pending.append(definitions[name])
    if not definitions or not isinstance(document, dict):
        return schema
    own = document.get("definitions")
    if isinstance(own, dict):
        definitions = {**definitions, **own}
    document["definitions"] = definitions
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
