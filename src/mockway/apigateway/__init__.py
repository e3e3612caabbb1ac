"""API Gateway (REST, v1): API keys, their import and tags."""

from __future__ import annotations

from typing import Any

from .._ids import IdSource
from .._registry import Service
from . import _api_keys, _import, _tags
from ._models import ApiGatewayBackend

__all__ = ["SERVICE", "ApiGatewayBackend"]


def _headers(ids: IdSource) -> dict[str, str]:
    return {"x-amz-apigw-id": ids.mixed_alnum(14) + "="}


OPERATIONS: dict[str, Any] = {
    **_api_keys.OPERATIONS,
    **_import.OPERATIONS,
    **_tags.OPERATIONS,
}

SERVICE: Service[ApiGatewayBackend] = Service(
    name="apigateway",
    event_id="api-gateway",
    backend=ApiGatewayBackend,
    operations=OPERATIONS,
    type_error_code="BadRequestException",
    validation_error_code="ValidationException",
    error_type_suffix=":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/",
    response_headers=_headers,
    enum_order={"Op": ("add", "remove", "move", "test", "replace", "copy")},
)
