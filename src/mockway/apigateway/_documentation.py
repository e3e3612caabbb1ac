"""Documentation parts and versions of a REST API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["OPERATIONS", "DocumentationPart", "DocumentationVersion"]


@dataclass(slots=True)
class DocumentationPart:
    id: str
    location: dict[str, Any]
    properties: str | None = None


@dataclass(slots=True)
class DocumentationVersion:
    version: str
    created_date: int
    description: str | None = None


OPERATIONS: dict[str, Any] = {}
