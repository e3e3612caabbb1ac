"""How API Gateway's Get* collections page: ``limit`` and an opaque ``position``.

A ``limit`` below 1 means the default of 25 and one above 500 means 500; a ``position`` the
service did not hand out is a 400. The last page has no ``position``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .._paging import OrderedStore, clamp_limit, decode_token
from .._registry import Call
from . import _errors as e

__all__ = ["PAGE_DEFAULT", "PAGE_MAX", "page", "requested"]

T = TypeVar("T")
PAGE_DEFAULT, PAGE_MAX = 25, 500


def requested(call: Call) -> tuple[int, str | None]:
    """The page size and position a call asks for; an unknown position is AWS's 400."""
    position = call.params.get("position") or None
    if position is not None and decode_token(position) is None:
        raise e.bad_request(e.INVALID_POSITION)
    return clamp_limit(call.params.get("limit"), PAGE_DEFAULT, PAGE_MAX), position


def page(
    store: OrderedStore[T],
    wanted: tuple[int, str | None],
    render: Callable[[list[T]], list[dict[str, Any]]],
    *,
    newest_first: bool = True,
    keep: Callable[[T], bool] | None = None,
) -> dict[str, Any]:
    """``{"items": [...], "position"?: ...}``: one page of ``store``, rendered."""
    limit, position = wanted
    found = store.page(limit, position, newest_first=newest_first, keep=keep)
    if found is None:
        raise e.bad_request(e.INVALID_POSITION)
    out: dict[str, Any] = {"items": render(found.items)}
    if found.next_token is not None:
        out["position"] = found.next_token
    return out
