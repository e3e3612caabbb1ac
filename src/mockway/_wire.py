"""Responses and errors in the form botocore's parser gives them.

A handler returns the output shape's members as botocore would parse them from the real
service's JSON; this module adds what the transport would have added (status, headers,
``ResponseMetadata``), and turns a :class:`ServiceError` into the parsed error botocore builds
for a modeled (or unmodeled) error code. Nothing is serialized and parsed back on the call path.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from typing import Any, cast

from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.model import OperationModel, ServiceModel, StructureShape

__all__ = [
    "Parsed",
    "ServiceError",
    "bad_request",
    "failure",
    "header_members",
    "not_found",
    "received",
    "success",
]

Parsed = dict[str, Any]


class ServiceError(Exception):
    """A failure the mocked service reports: becomes an HTTP error response.

    ``fields`` are extra members of the error's body (AppSync's ``reason`` and ``detail``).
    """

    def __init__(self, code: str, message: str, status: int = 400, **fields: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.fields = fields


def bad_request(message: str) -> ServiceError:
    """The 400 both mocked services answer with for a request they refuse."""
    return ServiceError("BadRequestException", message, 400)


def not_found(message: str) -> ServiceError:
    """The 404 both mocked services answer with for something that is not there."""
    return ServiceError("NotFoundException", message, 404)


def received(value: Any) -> Any:
    """``value`` as the service gets it off the wire, and as a response hands it back: lists
    and maps are new ones (a tuple arrives as a list), so what a backend keeps is shared
    neither with the caller's parameters nor with any response."""
    if isinstance(value, Mapping):
        return {key: received(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [received(item) for item in value]
    return value


class _EmptyBody:
    """The raw body of a mocked response: read as empty, never a socket."""

    __slots__ = ()

    def stream(self, **_: object) -> list[bytes]:
        return []

    def read(self, *_: object) -> bytes:
        return b""


_EMPTY = _EmptyBody()


class _Response(AWSResponse):
    """botocore's ``AWSResponse``, its case-insensitive ``headers`` built when first read.

    For a response given at ``before-call`` botocore reads only ``status_code``; building the
    ``HeadersDict`` (an object per header) on every call cost more than most handlers. Code
    that reads ``headers`` (an ``after-call`` hook, the test suite's strict mode) gets the
    same ``HeadersDict`` ``AWSResponse`` builds, from its own copy of the headers.
    """

    def __init__(self, url: str, status_code: int, headers: dict[str, str]) -> None:
        # What ``AWSResponse.__init__`` sets, but for an empty ``HeadersDict`` built only to be
        # replaced: it costs more than all the rest of this.
        self.url = url
        self.status_code = status_code
        self.raw = _EMPTY
        self._content = None
        self._mockway_headers: dict[str, str] | None = headers

    @property
    def headers(self) -> HeadersDict:
        pending = self._mockway_headers
        if pending is not None:
            self._mockway_built = HeadersDict(pending)
            self._mockway_headers = None
        return self._mockway_built

    @headers.setter
    def headers(self, value: HeadersDict) -> None:
        self._mockway_built = value
        self._mockway_headers = None


_modeled: dict[tuple[str, str], tuple[str, ...] | None] = {}


_date_header: tuple[float, str] = (0.0, email.utils.formatdate(0.0, usegmt=True))


def _http_date(now: float) -> str:
    """The ``date`` header for ``now``; it names whole seconds, so one second's text is kept."""
    global _date_header
    second = now // 1
    kept_second, text = _date_header
    if second != kept_second:
        text = email.utils.formatdate(second, usegmt=True)
        _date_header = (second, text)
    return text


def _headers(
    request_id: str, now: float, error_type: str | None, extra: Mapping[str, str]
) -> dict[str, str]:
    headers = {
        "date": _http_date(now),
        "content-type": "application/json",
        "connection": "keep-alive",
        "x-amzn-requestid": request_id,
        **extra,
    }
    if error_type is not None:
        headers["x-amzn-errortype"] = error_type
    return headers


def _finish(
    url: str, status: int, parsed: Parsed, request_id: str, headers: dict[str, str]
) -> tuple[AWSResponse, Parsed]:
    parsed["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    return _Response(url, status, dict(headers)), parsed


def success(
    url: str,
    status: int,
    parsed: Parsed,
    request_id: str,
    now: float,
    extra_headers: Mapping[str, str],
) -> tuple[AWSResponse, Parsed]:
    return _finish(url, status, parsed, request_id, _headers(request_id, now, None, extra_headers))


_header_members: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}


def header_members(operation: OperationModel, parsed: Parsed) -> dict[str, str]:
    """The output members a response carries in HTTP headers (``Content-Type`` of an
    export), by header name, as the service sends them."""
    key = (operation.service_model.service_name, operation.name)
    members = _header_members.get(key)
    if members is None:
        shape = operation.output_shape
        members = _header_members[key] = (
            ()
            if shape is None
            else tuple(
                (name, member.serialization.get("name", name).lower())
                for name, member in shape.members.items()
                if member.serialization.get("location") == "header"
            )
        )
    return {header: str(parsed[name]) for name, header in members if name in parsed}


def _modeled_members(service_model: ServiceModel, code: str) -> tuple[str, ...] | None:
    """The body members of the modeled error ``code``, or None when the model lacks it."""
    key = (service_model.service_name, code)
    if key not in _modeled:
        # botocore-stubs types the code as int; botocore compares it with the shapes' names.
        shape = service_model.shape_for_error_code(cast(Any, code))
        _modeled[key] = (
            tuple(n for n, m in shape.members.items() if "location" not in m.serialization)
            if isinstance(shape, StructureShape)
            else None
        )
    return _modeled[key]


def failure(
    url: str,
    operation: OperationModel,
    error: ServiceError,
    request_id: str,
    now: float,
    error_type_suffix: str,
    extra_headers: Mapping[str, str],
) -> tuple[AWSResponse, Parsed]:
    """The parsed form of an error response, as botocore's rest-json parser builds it."""
    parsed: Parsed = {"Error": {"Message": error.message, "Code": error.code}}
    members = _modeled_members(operation.service_model, error.code)
    if members is not None:
        body = {"message": error.message, **error.fields}
        for name in members:
            if name in body:
                parsed[name] = body[name]
    headers = _headers(request_id, now, error.code + error_type_suffix, extra_headers)
    return _finish(url, error.status, parsed, request_id, headers)
