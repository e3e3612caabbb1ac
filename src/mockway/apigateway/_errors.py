"""API Gateway's error codes, and every message mockway gives that AWS's recordings do not fix.

Messages marked "assumed" are mockway's choice where no real-AWS recording exists; they are
listed in docs/fidelity.md and live here only, so one edit changes them everywhere.
"""

from __future__ import annotations

from .._wire import ServiceError

__all__ = [
    "bad_request",
    "not_found",
    "conflict",
    "limit_exceeded",
    "API_KEY_NOT_FOUND",
]

# Recorded against real AWS (aws-facts.md sections 2-4).
API_KEY_NOT_FOUND = "Invalid API Key identifier specified"
API_KEY_NAME_TOO_LONG = "Invalid API Key name, can be at most 1024 characters."
API_KEY_DESCRIPTION_TOO_LONG = "Invalid API Key description specified."
API_KEY_VALUE_TOO_SHORT = "API Key value should be at least 20 characters"
API_KEY_VALUE_TOO_LONG = "API Key value exceeds maximum size of 128 characters"
API_KEY_EXISTS = "API Key already exists"

# Assumed.
API_KEY_LIMIT = "Exceeded the maximum number of API keys (10000) for this account and region"
INVALID_POSITION = "Invalid position parameter specified"
INVALID_STAGE_KEY = "Invalid stage key specified: {value}"
STAGE_KEY_NOT_FOUND = "Stage key {value} is not associated with this API key"
INVALID_ARN = "Invalid resource ARN specified: {arn}"
TAG_LIMIT = "A resource can have at most 50 tags"
TAG_KEY_INVALID = (
    "Invalid tag key '{key}': 1 to 128 characters of letters, digits, spaces and . : + = @ _ / -,"
    " not starting with aws:"
)
TAG_VALUE_INVALID = (
    "Invalid value for tag '{key}': at most 256 characters of letters, digits, spaces and"
    " . : + = @ _ / -"
)
IMPORT_NOT_UTF8 = "Invalid API key file: the file is not UTF-8 text"
IMPORT_MISSING_COLUMNS = "Invalid API key file: the header must name the columns Key and Name"
IMPORT_FAILED = "API keys not imported because the file has warnings: {warnings}"
IMPORT_ROW = "Row {row}: {problem}"
IMPORT_BAD_PLAN = "Invalid Usage Plan ID specified: {plan_id}"


def bad_request(message: str) -> ServiceError:
    return ServiceError("BadRequestException", message, 400)


def not_found(message: str) -> ServiceError:
    return ServiceError("NotFoundException", message, 404)


def conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message, 409)


def limit_exceeded(message: str) -> ServiceError:
    return ServiceError("LimitExceededException", message, 429)
