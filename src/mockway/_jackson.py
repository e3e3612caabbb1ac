"""JSON as AWS's Java services print it with Jackson's default pretty printer: two-space
indents, ``"key" : value``, objects on indented lines, arrays on the line they open on. API
Gateway's exported OpenAPI documents and AppSync's JSON introspections and 401 bodies are
laid out this way."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["jackson"]


def jackson(value: Any, level: int = 0) -> str:
    """``value`` as Jackson's default pretty printer writes it, nested ``level`` deep."""
    if isinstance(value, dict):
        if not value:
            return "{ }"
        pad = "  " * (level + 1)
        members = ",\n".join(
            f"{pad}{json.dumps(key, ensure_ascii=False)} : {jackson(item, level + 1)}"
            for key, item in value.items()
        )
        return "{\n" + members + "\n" + "  " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(jackson(item, level) for item in value) + " ]"
    return json.dumps(value, ensure_ascii=False)
