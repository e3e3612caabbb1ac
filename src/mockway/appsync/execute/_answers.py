"""What AppSync answers: the bodies of refused requests, GraphQL error entries in AppSync's
format, and the headers every answer carries.

AppSync runs graphql-java, and its error entries are graphql-java's: a document error
(syntax, validation, variables) has ``path`` null, ``locations`` with ``sourceName`` null and
no ``errorType``; a field error (a resolver's, an unauthorized field's) has ``path``,
``data``, ``errorType``, ``errorInfo``, ``locations`` and ``message``, in that order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._http import HttpResponse
from ..._ids import IdSource
from ..._jackson import jackson

if TYPE_CHECKING:
    from graphql import GraphQLError
    from graphql.language import Node

__all__ = [
    "BODY_EMPTY",
    "JWT_UNPARSABLE",
    "KEY_REFUSED",
    "NO_CREDENTIALS",
    "TOKEN_EXPIRED",
    "UNPARSABLE",
    "FieldError",
    "Refusal",
    "RequestRefused",
    "compact",
    "document_error",
    "field_error",
    "finish",
    "locations",
    "refusal",
]


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request AppSync refuses before running it: status, error type, message."""

    status: int
    error_type: str
    message: str
    pretty: bool = False
    """Printed by Jackson's pretty printer, ``errorType`` first (AppSync's 401 answers);
    otherwise compact, ``message`` first (its 400 answers)."""


# AppSync's own words, from the AppSync team's description of its HTTP behaviour
# (graphql/graphql-over-http#81) and answers quoted in public issues (docs/fidelity.md).
BODY_EMPTY = Refusal(400, "MalformedHttpRequestException", "Request body is empty.")
UNPARSABLE = Refusal(400, "MalformedHttpRequestException", "Unable to parse GraphQL query.")
KEY_REFUSED = Refusal(
    401, "UnauthorizedException", "You are not authorized to make this call.", pretty=True
)
NO_CREDENTIALS = Refusal(401, "UnauthorizedException", "Missing authorization header", pretty=True)
JWT_UNPARSABLE = Refusal(401, "UnauthorizedException", "Unable to parse JWT token.", pretty=True)
TOKEN_EXPIRED = Refusal(401, "UnauthorizedException", "Token has expired.", pretty=True)


class RequestRefused(Exception):
    """A stage refuses the request as a whole."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


class FieldError(Exception):
    """A field that resolves to null with an error entry: a resolver's ``$util.error``, a
    failed Lambda function, a field the caller may not read."""

    def __init__(
        self, message: str, error_type: Any = None, data: Any = None, info: Any = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.data = data
        self.info = info


def compact(value: Any) -> bytes:
    """``value`` as AppSync writes JSON: compact UTF-8 (a lone surrogate written as ``?``)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "replace")


def refusal(kind: Refusal) -> HttpResponse:
    if kind.pretty:
        body = jackson({"errors": [{"errorType": kind.error_type, "message": kind.message}]})
        data = body.encode()
    else:
        data = compact({"errors": [{"message": kind.message, "errorType": kind.error_type}]})
    return HttpResponse(kind.status, {"x-amzn-ErrorType": kind.error_type}, data)


def locations(nodes: Iterable[Node] | None) -> list[dict[str, Any]] | None:
    """Where ``nodes`` begin in the query, as graphql-java reports them."""
    found = []
    for node in nodes or ():
        loc = node.loc
        if loc is not None:
            where = loc.source.get_location(loc.start)
            found.append({"line": where.line, "column": where.column, "sourceName": None})
    return found or None


def document_error(message: str, nodes: Iterable[Node] | None = None) -> dict[str, Any]:
    return {"path": None, "locations": locations(nodes) or [], "message": message}


def field_error(
    path: list[str | int], nodes: Iterable[Node] | None, error: FieldError
) -> dict[str, Any]:
    return {
        "path": path,
        "data": error.data,
        "errorType": error.error_type,
        "errorInfo": error.info,
        "locations": locations(nodes),
        "message": error.message,
    }


def execution_error(error: GraphQLError) -> dict[str, Any]:
    """An error graphql-core met running the query that no resolver raised (a value the
    field's type cannot hold)."""
    return {
        "path": error.path,
        "locations": locations(error.nodes),
        "message": error.message,
    }


def finish(response: HttpResponse, ids: IdSource, date: str) -> HttpResponse:
    """``response`` with the headers AppSync puts on every answer (a header of ``response``
    replaces one of them in any case: ``$util.http.addResponseHeader``'s ``Date``)."""
    headers = {
        "Date": date,
        "Content-Type": "application/json; charset=UTF-8",
        "Content-Length": str(len(response.body)),
        "Connection": "keep-alive",
        "x-amzn-RequestId": ids.request_id(),
    }
    if response.headers:
        replaced = {name.lower() for name in response.headers}
        headers = {k: v for k, v in headers.items() if k.lower() not in replaced}
        headers.update(response.headers)
    return HttpResponse(response.status, headers, response.body)
