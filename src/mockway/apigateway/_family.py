"""Resource families: one declaration of a stored resource gives its Get, list, Update and
Delete handlers.

A family says where its items live (a parent, and the collection in it), what names one in a
call, what AWS answers when it is not there, and how a PATCH changes it: the accepted paths
(:class:`PatchRules`) and, per path template, a setter. The handlers it gives are the same
for every family: an update works on a copy and stores it only when every operation and the
final check passed, so a failed PATCH changes nothing; responses are rendered from the
operation's output shape (:mod:`mockway._render`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Generic, Protocol, TypeVar

from .._paging import OrderedStore
from .._patch import PatchOp, PatchRules, PathTable, whole_value
from .._registry import Call, Handler
from .._render import render, render_items
from .._wire import ServiceError
from . import _errors as e
from ._listing import page, requested
from ._models import ApiGatewayBackend

__all__ = [
    "IN_BACKEND",
    "IN_REST_API",
    "Edit",
    "Entries",
    "Family",
    "Items",
    "Parent",
    "as_flag",
    "clone",
    "render_output",
    "set_flag",
    "set_map_entry",
    "set_text",
    "set_whole",
]

M = TypeVar("M")


@dataclass(frozen=True)
class Parent:
    """Where a family's items live: ``find`` the parent a call names (None when there is no
    such parent), and what a list call gets when there is ``none``."""

    find: Callable[[ApiGatewayBackend, Call], Any | None]
    none: Callable[[ApiGatewayBackend, Call], ServiceError] | None = None


IN_BACKEND = Parent(lambda backend, call: backend)
"""Items of the account and region: API keys, usage plans, REST APIs."""


def _rest_api_missing(backend: ApiGatewayBackend, call: Call) -> ServiceError:
    return e.not_found(
        e.REST_API_NOT_FOUND.format(account=backend.account_id, api=call.params["restApiId"])
    )


IN_REST_API = Parent(
    lambda backend, call: backend.rest_apis.get(call.params["restApiId"]), _rest_api_missing
)
"""Items of a REST API: an unknown API lists as itself, but is an unknown item otherwise."""


class Edit(Generic[M]):
    """One patch operation on a copy of an item, with what its setter may need."""

    __slots__ = ("backend", "call", "item", "op", "parent")

    def __init__(
        self, backend: ApiGatewayBackend, call: Call, parent: Any, item: M, op: PatchOp
    ) -> None:
        self.backend = backend
        self.call = call
        self.parent = parent
        self.item = item
        self.op = op

    @property
    def value(self) -> str | None:
        return self.op.value


Setter = Callable[[Edit[Any]], None]
Check = Callable[[ApiGatewayBackend, Call, Any, Any], None]


_ATOMS = frozenset({str, int, float, bool, type(None), bytes, tuple, frozenset})
"""What is never changed in place, so never copied (a tuple held is a snapshot)."""
_COPIERS: dict[type, Callable[[Any], Any] | None] = {}
"""Per type met by :func:`clone`: the function that copies a dataclass of it, written once
(as :mod:`dataclasses` writes ``__init__``); None for a value kept as it is."""


def _copier(kind: type) -> Callable[[Any], Any] | None:
    if not is_dataclass(kind) or kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return None
    lines = ["def copy(value):", "    new = new_object(kind)"]
    for f in fields(kind):
        lines.append(f"    v = value.{f.name}")
        lines.append(f"    new.{f.name} = v if type(v) in atoms else clone(v)")
    lines.append("    return new")
    env: dict[str, Any] = {"new_object": object.__new__, "kind": kind, "atoms": _ATOMS}
    env["clone"] = clone
    exec("\n".join(lines), env)  # built from a dataclass's field names, never from a request
    copy: Callable[[Any], Any] = env["copy"]
    return copy


def clone(value: Any) -> Any:
    """A copy of a stored item deep enough to patch: its dataclasses, lists and maps are new;
    child collections (:class:`OrderedStore`) and immutable values are shared."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is dict:
        return {k: v if type(v) in _ATOMS else clone(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _ATOMS else clone(v) for v in value]
    try:
        copy = _COPIERS[kind]
    except KeyError:
        copy = _COPIERS[kind] = _copier(kind)
    return value if copy is None else copy(value)


def render_output(item: Any, call: Call) -> dict[str, Any]:
    """``item`` rendered in the output shape of the call's operation."""
    operation = call.operation
    shape = operation.output_shape
    assert shape is not None
    return render(item, shape, operation.service_model.service_name)


@dataclass(frozen=True)
class Family(Generic[M]):
    parent: Parent
    items: Callable[[Any], Items[M]]
    """The collection in the parent: an :class:`OrderedStore` (which lists), or a parent's
    own map (:class:`Entries`)."""
    id_param: str
    """The request member naming an item."""
    not_found: str | Callable[[ApiGatewayBackend, Call], str]
    """The 404 message for an item that is not there (or whose parent is not)."""
    patch: PatchRules | PathTable | None = None
    setters: Mapping[str, Setter] = field(default_factory=dict)
    """Per accepted path template, what sets it on the copy being patched."""
    check: Check | None = None
    """What must hold of a patched item: ``check(backend, call, parent, item)``."""
    on_delete: Check | None = None
    """What a delete checks first and takes along with the item."""
    newest_first: bool = True
    key: str = "id"
    """The item attribute its collection is keyed by."""
    filled: tuple[str, ...] = ()
    """Members Get and Update render even when empty (AWS's ``tags: {}``)."""

    def locate(self, backend: ApiGatewayBackend, call: Call) -> tuple[Any, M]:
        """The parent and the item a call names, or the family's 404."""
        parent = self.parent.find(backend, call)
        item = None if parent is None else self.items(parent).get(call.params[self.id_param])
        if item is None:
            message = self.not_found
            raise e.not_found(message if isinstance(message, str) else message(backend, call))
        return parent, item

    def render(self, item: M, call: Call) -> dict[str, Any]:
        """``item`` as Get and Update answer with it."""
        out = render_output(item, call)
        for member in self.filled:
            out.setdefault(member, {})
        return out

    def get(self, backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
        return self.render(self.locate(backend, call)[1], call)

    def list(self, backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
        parent = self.parent.find(backend, call)
        if parent is None:
            assert self.parent.none is not None
            raise self.parent.none(backend, call)
        shape = call.operation.output_shape
        assert shape is not None
        items_shape = shape.members["items"]
        service = call.operation.service_model.service_name
        store = self.items(parent)
        assert isinstance(store, OrderedStore)
        return page(
            store,
            requested(call),
            lambda found: render_items(found, items_shape, service),
            newest_first=self.newest_first,
        )

    def patched(self, backend: ApiGatewayBackend, call: Call) -> tuple[Any, M]:
        """The parent, and a patched copy of the item the call names, not yet stored."""
        assert self.patch is not None
        parent, item = self.locate(backend, call)
        item = clone(item)
        for op in self.patch.parse(call.params.get("patchOperations")):
            self.setters[op.template](Edit(backend, call, parent, item, op))
        if self.check is not None:
            self.check(backend, call, parent, item)
        return parent, item

    def store(self, parent: Any, item: M) -> None:
        self.items(parent).add(getattr(item, self.key), item)

    def update(self, backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
        parent, item = self.patched(backend, call)
        self.store(parent, item)
        return self.render(item, call)

    def delete(self, backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
        parent, item = self.locate(backend, call)
        if self.on_delete is not None:
            self.on_delete(backend, call, parent, item)
        self.items(parent).remove(getattr(item, self.key))
        return {}

    def operations(
        self,
        *,
        get: str | None = None,
        list: str | None = None,
        update: str | None = None,
        delete: str | None = None,
    ) -> dict[str, Handler]:
        """The registry entries for the generic operations, by operation name."""
        handlers = {get: self.get, list: self.list, update: self.update, delete: self.delete}
        return {name: handler for name, handler in handlers.items() if name is not None}


# -- setters for the paths most families have ----------------------------------------------


def set_text(attribute: str, *, blank: str | None = None) -> Setter:
    """A string member; a missing or empty value clears it, or is AWS's 400 ``blank``."""

    def setter(edit: Edit[Any]) -> None:
        value = None if edit.op.op == "remove" else edit.value or None
        if value is None and blank is not None:
            raise e.bad_request(blank)
        setattr(edit.item, attribute, value)

    return setter


def as_flag(value: str | None) -> bool:
    """A patch value as AWS reads a boolean: true only for ``"true"``, in any case."""
    return (value or "").lower() == "true"


def set_flag(attribute: str) -> Setter:
    """A boolean member: true only for ``"true"``, in any case, as AWS reads it."""

    def setter(edit: Edit[Any]) -> None:
        setattr(edit.item, attribute, as_flag(edit.value))

    return setter


def set_whole(attribute: str, invalid: str, *, bits: int = 32) -> Setter:
    """A whole number member; a value that spells none is AWS's 400 ``invalid``, formatted
    with the ``value`` and the ``path``."""

    def setter(edit: Edit[Any]) -> None:
        number = whole_value(edit.value, bits)
        if number is None:
            raise e.bad_request(invalid.format(value=edit.value, path=edit.op.path))
        setattr(edit.item, attribute, number)

    return setter


def set_map_entry(attribute: str, *, missing: str | None = None) -> Setter:
    """One entry of a map member, named by the path's placeholder: add and replace set it,
    remove drops it (or is AWS's 404 ``missing`` when it is not there)."""

    def setter(edit: Edit[Any]) -> None:
        entries: dict[str, Any] = getattr(edit.item, attribute)
        name = edit.op.args[-1]
        if edit.op.op != "remove":
            entries[name] = edit.value
        elif name in entries:
            del entries[name]
        elif missing is not None:
            raise e.not_found(missing.format(name=name))

    return setter


# -- collections ---------------------------------------------------------------------------


class Items(Protocol[M]):
    """What a family needs of its collection: an item by key, stored, removed."""

    def get(self, key: str) -> M | None: ...

    def add(self, key: str, item: M) -> None: ...

    def remove(self, key: str) -> M | None: ...


class Entries(Generic[M]):
    """A parent's plain map as a family's collection: a resource's methods by HTTP method, a
    method's responses by status code."""

    __slots__ = ("_entries",)

    def __init__(self, entries: dict[str, M]) -> None:
        self._entries = entries

    def get(self, key: str) -> M | None:
        return self._entries.get(key)

    def add(self, key: str, item: M) -> None:
        self._entries[key] = item

    def remove(self, key: str) -> M | None:
        return self._entries.pop(key, None)
