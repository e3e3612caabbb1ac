"""What API Gateway answers: gateway responses for the requests it refuses, and the headers
every answer carries."""

from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass

from ..._http import HttpResponse, header_lines
from ..._ids import IdSource
from .._gateway_responses import effective_response
from .._rest_models import RestApi

__all__ = [
    "ACCESS_DENIED",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "BAD_LAMBDA_RESPONSE",
    "EXPLICIT_DENY",
    "FIXED_FORBIDDEN",
    "INTERNAL_ERROR",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "GatewayError",
    "Refusal",
    "finish",
    "refusal",
]


@dataclass(frozen=True, slots=True)
class Refusal:
    """A kind of refusal: the gateway response type that shapes it (None for those no API
    can change), its default status, the message and the ``x-amzn-ErrorType`` header."""

    response_type: str | None
    status: int
    message: str
    error_type: str | None
    plain: bool = False
    """The body is the message itself, not ``{"message": ...}``."""
    key: str = "message"
    """The body's one member: ``message``, or ``Message`` for access denied."""
    null: bool = False
    """The member is null, whatever the message says."""


MISSING_AUTHENTICATION_TOKEN = Refusal(
    "MISSING_AUTHENTICATION_TOKEN",
    403,
    "Missing Authentication Token",
    "MissingAuthenticationTokenException",
)
INVALID_API_KEY = Refusal("INVALID_API_KEY", 403, "Forbidden", "ForbiddenException")
THROTTLED = Refusal("THROTTLED", 429, "Too Many Requests", "TooManyRequestsException")
QUOTA_EXCEEDED = Refusal("QUOTA_EXCEEDED", 429, "Limit Exceeded", "LimitExceededException")
# Assumed: the error type of a request whose request line and headers are too long.
REQUEST_TOO_LARGE = Refusal(
    "REQUEST_TOO_LARGE", 413, "Request Too Long", "RequestTooLargeException"
)
FIXED_FORBIDDEN = Refusal(None, 403, "Forbidden", "ForbiddenException")
UNAUTHORIZED = Refusal("UNAUTHORIZED", 401, "Unauthorized", "UnauthorizedException")
ACCESS_DENIED = Refusal(
    "ACCESS_DENIED",
    403,
    "User is not authorized to access this resource",
    "AccessDeniedException",
    key="Message",
)
EXPLICIT_DENY = Refusal(
    "ACCESS_DENIED",
    403,
    "User is not authorized to access this resource with an explicit deny",
    "AccessDeniedException",
    key="Message",
)
AUTHORIZER_CONFIGURATION_ERROR = Refusal(
    "AUTHORIZER_CONFIGURATION_ERROR",
    500,
    "Authorizer configuration error",
    "AuthorizerConfigurationException",
    null=True,
)
INTERNAL_ERROR = Refusal(
    "API_CONFIGURATION_ERROR", 500, "Internal server error", "InternalServerErrorException"
)
"""An integration API Gateway cannot run as configured: no integration response selected, a
mapping template that does not run."""
UNSUPPORTED_MEDIA_TYPE = Refusal(
    "UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported Media Type", "UnsupportedMediaTypeException"
)
BAD_LAMBDA_RESPONSE = Refusal(None, 502, "Internal server error", "InternalServerErrorException")
"""A Lambda proxy integration whose function failed or answered what API Gateway cannot read."""
"""An API that is not there (or not reachable so), or a stage it does not have."""
# Assumed: no error type header on a payload past the limit.
BODY_TOO_LARGE = Refusal(
    None, 413, "HTTP content length exceeded 10485760 bytes.", None, plain=True
)


class GatewayError(Exception):
    """A stage of the pipeline refuses the request."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def refusal(api: RestApi | None, kind: Refusal) -> HttpResponse:
    """The answer to a refused request: the API's gateway response of the refusal's type
    (its status code and static header values; AWS's default body)."""
    headers: dict[str, str] = {}
    status = kind.status
    if kind.error_type is not None:
        headers["x-amzn-ErrorType"] = kind.error_type
    if api is not None and kind.response_type is not None:
        response = effective_response(api, kind.response_type)
        if response.status_code:
            status = int(response.status_code)
        for name, value in response.response_parameters.items():
            header = name.removeprefix("gatewayresponse.header.")
            if header != name and len(value) >= 2 and value[0] == value[-1] == "'":
                headers[header] = value[1:-1]
    if kind.plain:
        body = kind.message.encode()
    else:
        message = None if kind.null else kind.message
        body = json.dumps({kind.key: message}, separators=(",", ":")).encode()
    return HttpResponse(status, headers, body)


_dates: dict[int, str] = {}


def _http_date(now: float) -> str:
    second = int(now)
    date = _dates.get(second)
    if date is None:
        if len(_dates) > 64:
            _dates.clear()
        date = _dates[second] = email.utils.formatdate(second, usegmt=True)
    return date


REMAPPED = frozenset(
    {"authorization", "connection", "content-length", "date", "server", "www-authenticate"}
    | {"x-amzn-requestid"}
)
"""Headers an answer names (a Lambda proxy's, a method response's) that API Gateway sends on
as ``x-amzn-Remapped-<name>``, keeping its own (docs/fidelity.md)."""


def finish(response: HttpResponse, ids: IdSource, now: float) -> HttpResponse:
    """``response`` with the headers API Gateway puts on every answer: its ``Content-Type``
    is the answer's when the answer names one, in any case; the headers API Gateway sets
    itself are remapped when the answer names them."""
    headers = {
        "Date": _http_date(now),
        "Content-Type": "application/json",
        "Content-Length": str(len(response.body)),
        "Connection": "keep-alive",
        "x-amzn-RequestId": ids.request_id(),
    }
    lines = response.lines
    sent = []
    for name, value in response.headers.items() if lines is None else lines:
        lower = name.lower()
        if lower in REMAPPED:
            name = "x-amzn-Remapped-" + name
        elif lower == "content-type":
            headers.pop("Content-Type", None)
        sent.append((name, value))
    sent.append(("x-amz-apigw-id", ids.mixed_alnum(14) + "="))
    if lines is None:
        headers.update(sent)
        return HttpResponse(response.status, headers, response.body)
    joined, repeated = header_lines([*headers.items(), *sent])  # a name sent more than once
    return HttpResponse(response.status, joined, response.body, repeated)
