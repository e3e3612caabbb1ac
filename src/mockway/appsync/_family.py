"""Resource families of a GraphQL API: one declaration gives Create, Get, List, Update and
Delete.

AppSync creates and updates by the whole (an update takes every member again, and what it
leaves out goes back to its default), so a family gives one ``build`` for both: it makes the
item from the call's parameters, given the item it replaces on an update. Responses wrap the
item in the output shape's member (``{"dataSource": {...}}``), rendered from the shape
(:mod:`mockway._render`); lists page oldest first with ``maxResults`` and ``nextToken``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from botocore.model import StructureShape

from .._paging import OrderedStore
from .._registry import Call, Handler
from .._render import render
from .._wire import ServiceError
from ._apis import check_next_token, listed
from ._models import AppSyncBackend, GraphqlApi

__all__ = ["Family", "wrapped"]

M = TypeVar("M")
Params = Mapping[str, Any]


def wrapped(item: Any, call: Call) -> dict[str, Any]:
    """``{member: item}`` as the call's output shape wraps its one item."""
    shape = call.operation.output_shape
    assert shape is not None
    member, member_shape = next(iter(shape.members.items()))
    assert isinstance(member_shape, StructureShape)
    return {member: render(item, member_shape, "appsync")}


@dataclass(frozen=True)
class Family(Generic[M]):
    items: Callable[[GraphqlApi], OrderedStore[M]]
    """The collection in the API."""
    key: Callable[[Params], str]
    """The key of the item a call names, from its parameters."""
    not_found: Callable[[GraphqlApi, Params], ServiceError]
    """The 404 for an item that is not there."""
    build: Callable[[Call, GraphqlApi, M | None], M]
    """A new item from a create's or an update's parameters (None: a create)."""
    exists: Callable[[Params], ServiceError]
    """What a create answers when its key is taken."""
    plural: str
    """The list's member (``dataSources``)."""
    on_delete: Callable[[GraphqlApi, M], None] | None = None
    """What a delete checks first (and what it takes along)."""
    keep: Callable[[Params], Callable[[M], bool] | None] | None = None
    """A list call's filter, from its parameters."""
    view: Callable[[GraphqlApi, M, Call], Any] | None = None
    """What a call answers for an item, where that is not the item itself (a format the call
    asks for)."""

    def _api(self, backend: AppSyncBackend, call: Call) -> GraphqlApi:
        return backend.api(call.params["apiId"])

    def _shown(self, api: GraphqlApi, item: M, call: Call) -> Any:
        return item if self.view is None else self.view(api, item, call)

    def locate(self, backend: AppSyncBackend, call: Call) -> tuple[GraphqlApi, M]:
        api = self._api(backend, call)
        item = self.items(api).get(self.key(call.params))
        if item is None:
            raise self.not_found(api, call.params)
        return api, item

    def create(self, backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        api = self._api(backend, call)
        key = self.key(call.params)
        if key in self.items(api):
            raise self.exists(call.params)
        item = self.build(call, api, None)
        self.items(api).add(key, item)
        return wrapped(self._shown(api, item, call), call)

    def get(self, backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        api, item = self.locate(backend, call)
        return wrapped(self._shown(api, item, call), call)

    def list(self, backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        check_next_token(call.params.get("nextToken"))
        api = self._api(backend, call)
        shape = call.operation.output_shape
        assert shape is not None
        item_shape = shape.members[self.plural].member  # type: ignore[attr-defined]
        keep = None if self.keep is None else self.keep(call.params)
        return listed(
            self.items(api),
            call.params,
            self.plural,
            lambda item: render(self._shown(api, item, call), item_shape, "appsync"),
            keep,
        )

    def update(self, backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        api, existing = self.locate(backend, call)
        item = self.build(call, api, existing)
        self.items(api).add(self.key(call.params), item)
        return wrapped(self._shown(api, item, call), call)

    def delete(self, backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        api, item = self.locate(backend, call)
        if self.on_delete is not None:
            self.on_delete(api, item)
        self.items(api).remove(self.key(call.params))
        return {}

    def operations(
        self, *, create: str, get: str, list: str, update: str, delete: str
    ) -> dict[str, Handler]:
        """The registry entries, by operation name."""
        return {
            create: self.create,
            get: self.get,
            list: self.list,
            update: self.update,
            delete: self.delete,
        }
