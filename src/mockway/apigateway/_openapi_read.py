"""An OpenAPI document as ImportRestApi and PutRestApi read it: JSON or YAML text, parsed and
brought to plain JSON values, within bounds.

YAML is read with PyYAML's safe loader (imported on first use), as YAML 1.2 reads it where
that differs from YAML 1.1: only ``true`` and ``false`` are booleans, and a date is text. Keys
are text (``200:`` is ``"200"``). A document is refused as AWS refuses it (``Invalid OpenAPI
input.``) when it is no JSON or YAML, is too large, nests too deeply, holds too many values
(as a YAML alias bomb does once expanded) or refers to itself (a YAML alias inside its own
anchor), or is no OpenAPI 2.0 or 3.0 document.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from . import _errors as e

__all__ = ["MAX_BODY_BYTES", "read_document"]

MAX_BODY_BYTES = 6 * 1024 * 1024
"""AWS's limit on an API definition file."""
MAX_DEPTH = 200
"""How deeply values may nest."""
MAX_VALUES = 500_000
"""How many values a document may hold, every use of a YAML alias counted."""

_loader: Any = None


def _yaml_loader() -> Any:
    """PyYAML's safe loader (its C version when there is one), reading as YAML 1.2 does."""
    global _loader
    if _loader is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        dropped = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
        resolvers = {
            first: [(tag, rx) for tag, rx in found if tag not in dropped]
            for first, found in base.yaml_implicit_resolvers.items()
        }
        loader: Any = type("OpenApiLoader", (base,), {"yaml_implicit_resolvers": resolvers})
        loader.add_implicit_resolver(
            "tag:yaml.org,2002:bool",
            re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
            list("tTfF"),
        )
        _loader = loader
    return _loader


def _invalid() -> Exception:
    return e.bad_request(e.OPENAPI_INVALID)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and the infinities are no JSON


def _text(body: Any) -> str:
    if hasattr(body, "read"):
        body = body.read()
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
    if len(raw) > MAX_BODY_BYTES:
        raise e.bad_request(e.OPENAPI_TOO_LARGE)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid() from None


def _scalar(value: Any) -> Any:
    """A YAML scalar as JSON has it."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _invalid()
        return value
    raise _invalid()  # a binary, a set or another value JSON has no place for


def _plain(root: Any) -> Any:
    """``root`` copied into fresh JSON values, or AWS's 400 when it nests too deeply, holds
    too many values or contains itself. Shared parts (YAML aliases) are copied each time,
    counted each time."""
    count = 0

    def fresh(value: Any) -> Any:
        if isinstance(value, dict):
            return {}
        if isinstance(value, list):
            return []
        return _scalar(value)

    top = fresh(root)
    if not isinstance(root, (dict, list)):
        return top
    # (source, copy, depth)
    stack: list[tuple[Any, Any, int]] = [(root, top, 0)]
    while stack:
        source, copy, depth = stack.pop()
        if depth >= MAX_DEPTH:
            raise _invalid()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            count += 1
            if count > MAX_VALUES:
                raise _invalid()
            child = fresh(value)
            if isinstance(copy, dict):
                name = key if isinstance(key, str) else _key(key)
                copy[name] = child
            else:
                copy.append(child)
            if isinstance(value, (dict, list)) and value:
                stack.append((value, child, depth + 1))
    return top


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (int, float, str)):
        return str(key)
    raise _invalid()  # a mapping or sequence as a key


def _parsed(text: str) -> Any:
    """The values ``text`` spells: JSON, as it is (a tree of JSON values, which the parser
    bounds in depth), or YAML, brought to JSON values (:func:`_plain`)."""
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            return json.loads(text, parse_constant=_refuse_constant)
        import yaml

        return _plain(yaml.load(text, Loader=_yaml_loader()))
    except RecursionError:
        raise _invalid() from None
    except Exception as error:
        if isinstance(error, (ValueError, ArithmeticError)) or type(error).__module__.startswith(
            "yaml"
        ):
            raise _invalid() from None
        raise


def spec_version(document: dict[str, Any]) -> int | None:
    """2 for an OpenAPI 2.0 (Swagger) document, 3 for OpenAPI 3.0; None for anything else."""
    swagger, openapi = document.get("swagger"), document.get("openapi")
    if swagger is not None and str(swagger) in ("2.0", "2"):
        return 2
    if openapi is not None and re.fullmatch(r"3\.0(\.\d+)?", str(openapi)):
        return 3
    return None


def read_document(body: Any) -> tuple[dict[str, Any], int]:
    """The OpenAPI document an import's body holds, and its major version (2 or 3); AWS's
    400 when it holds none."""
    document = _parsed(_text(body))
    if not isinstance(document, dict):
        raise _invalid()
    version = spec_version(document)
    if version is None:
        raise _invalid()
    return document, version
