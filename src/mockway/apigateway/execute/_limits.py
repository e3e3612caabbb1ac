"""The request's size: AWS's limits on the request line with the header values, and on the
payload."""

from __future__ import annotations

from ..._http import HttpRequest
from ._responses import BODY_TOO_LARGE, REQUEST_TOO_LARGE, GatewayError

__all__ = ["MAX_HEADERS", "MAX_PAYLOAD", "check_size"]

MAX_HEADERS = 10_240
"""Bytes of the request line and header values together."""
MAX_PAYLOAD = 10 * 1024 * 1024


def check_size(request: HttpRequest) -> None:
    if len(request.body) > MAX_PAYLOAD:
        raise GatewayError(BODY_TOO_LARGE)
    size = len(request.method) + len(request.path) + len(request.query) + len(" ?  HTTP/1.1")
    for _, value in request.headers:
        size += len(value)
    if size > MAX_HEADERS:
        raise GatewayError(REQUEST_TOO_LARGE)
