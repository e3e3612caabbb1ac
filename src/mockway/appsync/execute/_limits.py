"""Limits: an API's ``queryDepthLimit`` and ``resolverCountLimit``, applied field by field.

As AppSync's developer guide describes them ("Configuring GraphQL run complexity, query
depth, and introspection"): a field nested past ``queryDepthLimit`` levels (1 to 75; 0, the
default, is no limit) is null with an error of type ``QueryDepthLimitReached``, and a
non-nullable one makes its first nullable parent null; once ``resolverCountLimit`` resolvers
(1 to 10,000; 0, the default, is 10,000) have run in a request, each further field with a
resolver is null with an error of type ``ResolverExecutionLimitReached`` and its resolver does
not run. A query's root fields are at depth 1, and leaf fields count as a level.

The error types are AWS's; the messages are not on public record and are assumed here
(docs/fidelity.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._answers import FieldError

__all__ = ["DEFAULT_RESOLVER_LIMIT", "depth", "limits", "past_depth", "past_resolvers"]

DEFAULT_RESOLVER_LIMIT = 10_000
DEPTH_REACHED = "QueryDepthLimitReached"
RESOLVERS_REACHED = "ResolverExecutionLimitReached"
DEPTH_MESSAGE = "Query depth limit of {limit} reached"
RESOLVERS_MESSAGE = "Resolver execution limit of {limit} reached"


def limits(settings: Mapping[str, Any]) -> tuple[int, int]:
    """``(depth limit or 0 for none, resolver limit)`` of an API's settings."""
    depth_limit = settings.get("queryDepthLimit") or 0
    resolver_limit = settings.get("resolverCountLimit") or DEFAULT_RESOLVER_LIMIT
    return int(depth_limit), int(resolver_limit)


def depth(path: Any) -> int:
    """How deep the field at graphql-core's ``path`` is: its field names, list indexes left
    out."""
    found = 0
    while path is not None:
        if isinstance(path.key, str):
            found += 1
        path = path.prev
    return found


def past_depth(limit: int) -> FieldError:
    return FieldError(DEPTH_MESSAGE.format(limit=limit), DEPTH_REACHED)


def past_resolvers(limit: int) -> FieldError:
    return FieldError(RESOLVERS_MESSAGE.format(limit=limit), RESOLVERS_REACHED)
