"""Parse: the GraphQL request an HTTP request carries.

A POST carries a JSON object with ``query`` (a string), and optionally ``variables`` (an
object) and ``operationName`` (a string); a GET carries them as query parameters, the
variables as JSON text. An empty body is 400 ``Request body is empty.``; anything else that is
not such a request is 400 ``Unable to parse GraphQL query.`` (both
``MalformedHttpRequestException``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from ..._http import HttpRequest, body_bytes
from ._answers import BODY_EMPTY, UNPARSABLE, RequestRefused, compact

__all__ = ["GraphqlRequest", "graphql_post", "graphql_request"]


@dataclass(frozen=True, slots=True)
class GraphqlRequest:
    query: str
    variables: dict[str, Any]
    operation_name: str | None


def _checked(query: Any, variables: Any, operation_name: Any) -> GraphqlRequest:
    if not isinstance(query, str) or not query.strip():
        raise RequestRefused(UNPARSABLE)
    if variables is not None and not isinstance(variables, dict):
        raise RequestRefused(UNPARSABLE)
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestRefused(UNPARSABLE)
    return GraphqlRequest(query, variables or {}, operation_name or None)


def _json(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise RequestRefused(UNPARSABLE) from None


def graphql_request(request: HttpRequest) -> GraphqlRequest:
    if request.method == "GET":
        params = {k: v[-1] for k, v in parse_qs(request.query).items()}
        variables = params.get("variables")
        return _checked(
            params.get("query"),
            None if variables is None else _json(variables),
            params.get("operationName"),
        )
    if not request.body.strip():
        raise RequestRefused(BODY_EMPTY)
    data = _json(request.body)
    if not isinstance(data, dict):
        raise RequestRefused(UNPARSABLE)
    return _checked(data.get("query"), data.get("variables"), data.get("operationName"))


def graphql_post(
    host: str,
    path: str,
    query: str,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    api_key: str | None,
    headers: Mapping[str, str] | None,
) -> HttpRequest:
    """The POST a client sends for a GraphQL request made through the handle: JSON, with the
    API key as ``x-api-key``."""
    sent = dict(headers or {})
    sent.setdefault("content-type", "application/json")
    if api_key is not None:
        sent["x-api-key"] = api_key
    payload: dict[str, Any] = {"query": query}
    if variables is not None:
        payload["variables"] = dict(variables)
    if operation_name is not None:
        payload["operationName"] = operation_name
    return HttpRequest("POST", host, path, "", tuple(sent.items()), body_bytes(compact(payload)))
