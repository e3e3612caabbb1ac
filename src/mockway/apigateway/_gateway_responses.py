"""Gateway responses of a REST API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["OPERATIONS", "GatewayResponse"]


@dataclass(slots=True)
class GatewayResponse:
    response_type: str
    status_code: str | None = None
    response_parameters: dict[str, str] | None = None
    response_templates: dict[str, str] | None = None
    default_response: bool = False


OPERATIONS: dict[str, Any] = {}
