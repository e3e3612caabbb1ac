"""Subscriptions: AppSync's real-time side, served through the handle.

A subscription is started as a client starts one on AppSync's real-time endpoint: the caller
is authorized as a GraphQL request is (a refused credential is the endpoint's
``connection_error``), the document is validated against the schema, the caller's mode must
be allowed on the subscription field, and the field's resolver runs (its response mapping
template may call ``$extensions.setSubscriptionFilter`` and
``$extensions.setSubscriptionInvalidationFilter``); an error there is the endpoint's ``error``
message, and the subscription is not started.

When a mutation runs, each live subscription of the API whose field's
``@aws_subscribe(mutations: [...])`` names a field of the mutation receives that field's
result, shaped by the subscription's selection set (a field the mutation did not select is
null), if:

- each argument given to the subscription (not null) equals the same-named field of the
  mutation's result, and
- its enhanced filter, if it has one, passes: any of its ``filterGroup`` entries, all of whose
  ``filters`` hold.

A mutation's ``$extensions.invalidateSubscriptions({"subscriptionField", "payload"})`` ends
the subscriptions of that field whose invalidation filter passes on ``payload``.

Subscriptions live per API of a backend while the activation that made them lasts; deleting the
API or stopping the mock ends them. A request to an API with none costs a look-up.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ... import _clock
from ...errors import MockwayError
from ._answers import Refusal, RequestRefused
from ._subscription_payloads import Null, Shaper, by_name, collect, fragments_of, passes

if TYPE_CHECKING:
    from graphql import GraphQLSchema
    from graphql.language import DocumentNode, OperationDefinitionNode

    from ..._state import MockState
    from .._models import AppSyncBackend

__all__ = ["Realtime", "Subscription", "SubscriptionError", "realtime_for", "subscribe"]

CONNECTION_ERROR = "connection_error"
ERROR = "error"
UNSUPPORTED = "{operation} not supported through the realtime channel"
"""The real-time endpoint's ``UnsupportedOperation`` message for an operation that is not a
subscription."""

CLOSED = "closed"
INVALIDATED = "invalidated"
DELETED = "deleted"
STOPPED = "stopped"


class SubscriptionError(MockwayError):
    """AppSync refused to start a subscription: ``kind`` is the real-time endpoint's message
    type (``connection_error`` for a refused credential, ``error`` for a refused subscription)
    and ``errors`` its ``payload.errors``."""

    def __init__(self, kind: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"AppSync refused the subscription ({kind}): {json.dumps(errors)}")
        self.kind = kind
        self.errors = errors


@dataclass(slots=True)
class Realtime:
    """One GraphQL request's side of AppSync's real-time: the live subscriptions of its API
    (None while it starts one), and what its templates ask through ``$extensions``."""

    live: _Live | None = None
    filter: Any = None
    """``setSubscriptionFilter``'s filter."""
    invalidation_filter: Any = None
    """``setSubscriptionInvalidationFilter``'s filter."""
    invalidations: list[dict[str, Any]] = field(default_factory=list)
    """``invalidateSubscriptions``' distinct calls: ``subscriptionField`` and ``payload``."""

    def ran(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation_name: str | None,
        data: dict[str, Any] | None,
    ) -> None:
        """After a request has run: a mutation reaches the live subscriptions."""
        from graphql import get_operation_ast

        live = self.live
        if live is None:
            return
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation.value != "mutation":
            return
        fragments = fragments_of(document)
        for key, nodes in collect([operation.selection_set], fragments).items():
            value = None if data is None else data.get(key)
            if value is not None:
                payload = by_name(value, nodes, fragments)
                for subscription in live.subscriptions:
                    subscription._offer(nodes[0].name.value, payload)
        for invalidation in self.invalidations:
            for subscription in live.subscriptions:
                subscription._invalidate(invalidation)


@dataclass(slots=True)
class _Live:
    """An API's live subscriptions (replaced, never changed in place, so a delivery reads
    them without the lock)."""

    subscriptions: tuple[Subscription, ...] = ()


_lock = threading.Lock()
_live: dict[int, dict[str, _Live]] = {}
"""Live subscriptions by backend (its ``id``, forgotten when the backend is) and API id."""
_starting: ContextVar[Realtime | None] = ContextVar("mockway_appsync_subscribing", default=None)
"""The request a ``subscribe`` call in this context is about to make."""


def api_deleted(backend: AppSyncBackend, api_id: str) -> None:
    """DeleteGraphqlApi: the API's subscriptions end (``deleted``), whatever is restored
    later."""
    apis = _live.get(id(backend))
    live = None if apis is None else apis.get(api_id)
    for subscription in () if live is None else live.subscriptions:
        subscription._end(DELETED)


def _forget(backend_id: int) -> None:
    """A backend is gone: so are its subscriptions."""
    with _lock:
        _live.pop(backend_id, None)


def realtime_for(backend: AppSyncBackend, api_id: str) -> Realtime | None:
    """The real-time side of a request to the API: a subscription's start, or the API's live
    subscriptions; None when there are none."""
    starting = _starting.get()
    if starting is not None:
        _starting.set(None)  # the request the call makes; not those its resolvers make
        return starting
    if not _live:
        return None
    apis = _live.get(id(backend))
    live = None if apis is None else apis.get(api_id)
    return None if live is None else Realtime(live)


class Subscription:
    """A subscription started with
    [`AppSyncView.subscribe()`][mockway.appsync.view.AppSyncView.subscribe]: the payloads
    AppSync delivered to it, as the real-time endpoint's ``data`` messages carry them
    (``{"data": {"<field>": ...}}``, with ``errors`` beside when a non-null field is null).

    Close it with ``close()`` (the ``stop`` message), or use it as a context manager.
    """

    __slots__ = (
        "_arguments",
        "_backend",
        "_ended",
        "_events",
        "_fragments",
        "_invalidation_filter",
        "_mutations",
        "_nodes",
        "_schema",
        "_state",
        "_taken",
        "_variables",
        "api_id",
        "field_name",
        "filter",
    )

    def __init__(
        self,
        state: MockState,
        backend: AppSyncBackend,
        api_id: str,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, Any],
        variables: Mapping[str, Any],
        realtime: Realtime,
    ) -> None:
        self._variables = _with_defaults(operation, variables)
        nodes = collect([operation.selection_set], fragments)
        first = next(iter(nodes.values()))
        self._state = state
        self._backend = backend
        self.api_id: str = api_id
        """The API the subscription is to."""
        self.field_name: str = first[0].name.value
        """The subscription field."""
        self.filter: Any = realtime.filter
        """The enhanced filter the field's resolver set (``setSubscriptionFilter``), if any."""
        self._invalidation_filter = realtime.invalidation_filter
        self._schema = schema
        self._nodes = nodes
        self._fragments = fragments
        definition = _subscription_field(schema, self.field_name)
        self._mutations = _mutations(definition)
        self._arguments = _arguments(definition, first[0], self._variables)
        self._events: list[dict[str, Any]] = []
        self._taken = 0
        self._ended: str | None = None

    # -- what a test reads --------------------------------------------------------------------

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every payload delivered so far, oldest first."""
        with _lock:
            return list(self._events)

    def next(self) -> dict[str, Any] | None:
        """The oldest payload ``next()`` has not returned yet; None when there is none."""
        with _lock:
            if self._taken == len(self._events):
                return None
            self._taken += 1
            return self._events[self._taken - 1]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The payloads ``next()`` has not returned yet, each returned once."""
        while (event := self.next()) is not None:
            yield event

    @property
    def ended(self) -> str | None:
        """Why the subscription ended: ``closed`` (``close()``), ``invalidated``
        (``invalidateSubscriptions``), ``deleted`` (its API was deleted) or ``stopped`` (the
        mock stopped); None while it is live."""
        from ..._interceptor import CONTROLLER

        if self._ended is None:
            if CONTROLLER.state is not self._state:
                self._end(STOPPED)
            else:
                with self._backend.lock:
                    gone = self.api_id not in self._backend.apis
                if gone:
                    self._end(DELETED)
        return self._ended

    @property
    def closed(self) -> bool:
        """Whether the subscription has ended (no payload reaches it any more)."""
        return self.ended is not None

    def close(self) -> None:
        """Stop the subscription (the client's ``stop`` message); closing it again does
        nothing."""
        self._end(CLOSED)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = self._ended or "live"
        return f"<Subscription {self.field_name} of {self.api_id}: {state}>"

    # -- delivery -------------------------------------------------------------------------------

    def _end(self, reason: str) -> None:
        with _lock:
            if self._ended is not None:
                return
            self._ended = reason
            apis = _live.get(id(self._backend))
            live = None if apis is None else apis.get(self.api_id)
            if apis is not None and live is not None:
                kept = tuple(s for s in live.subscriptions if s is not self)
                if kept:
                    live.subscriptions = kept
                else:
                    del apis[self.api_id]

    def _offer(self, mutation: str, payload: Any) -> None:
        """The result of the mutation field ``mutation`` (its fields by name): delivered if it
        triggers this subscription and passes its arguments and filter."""
        if mutation not in self._mutations or self._ended is not None:
            return
        fields = payload if isinstance(payload, dict) else {}
        for name, wanted in self._arguments.items():
            if wanted is not None and fields.get(name) != wanted:
                return
        if self.filter is not None and not passes(self.filter, payload):
            return
        event = self._shape(payload)
        with _lock:
            if self._ended is None:
                self._events.append(event)

    def _invalidate(self, invalidation: Mapping[str, Any]) -> None:
        if (
            invalidation.get("subscriptionField") == self.field_name
            and self._invalidation_filter is not None
            and passes(self._invalidation_filter, invalidation.get("payload"))
        ):
            self._end(INVALIDATED)

    def _shape(self, payload: Any) -> dict[str, Any]:
        """The ``data`` message's payload: the subscription's selection set over
        ``payload``."""
        from graphql import GraphQLNonNull

        definition = _subscription_field(self._schema, self.field_name)
        errors: list[dict[str, Any]] = []
        data: dict[str, Any] | None = {}
        shaper = Shaper(self._schema, self._fragments, errors, self._variables)
        for key, nodes in self._nodes.items():
            try:
                value = shaper.complete(payload, definition.type, nodes, [key], "Subscription")
            except Null:
                value = None
                if isinstance(definition.type, GraphQLNonNull):
                    data = None
            if data is not None:
                data[key] = value
        event: dict[str, Any] = {"data": data}
        if errors:
            event["errors"] = errors
        return event


# -- starting a subscription ----------------------------------------------------------------------


def subscribe(
    state: MockState,
    backend: AppSyncBackend,
    api_id: str,
    query: str,
    variables: Mapping[str, Any] | None,
    api_key: str | None,
    headers: Mapping[str, str] | None,
) -> Subscription:
    """Start a subscription to the API ``api_id`` as a client starts one on its real-time
    endpoint; raises :class:`SubscriptionError` with the endpoint's errors if AppSync refuses
    it."""
    from graphql import get_operation_ast

    from . import execute_request, handle_request
    from ._auth import authorize
    from ._document import prepared

    api, request = handle_request(backend, api_id, query, variables, None, api_key, headers)
    with backend.lock:
        schema = api.graphql_schema
    document = None if schema is None else prepared(schema, query)[0]
    operation = None if document is None else get_operation_ast(document)
    if operation is not None and operation.operation.value != "subscription":
        try:
            with backend.lock:
                authorize(api, request, _clock.now())
        except RequestRefused as refused:
            raise _connection_error(refused.refusal) from None
        message = UNSUPPORTED.format(operation=operation.operation.value)
        raise SubscriptionError(ERROR, [{"errorType": "UnsupportedOperation", "message": message}])
    realtime = Realtime()
    token = _starting.set(realtime)
    try:
        response, _ = execute_request(backend, request.host.partition(".")[0], request, state)
    finally:
        _starting.reset(token)
    answer = json.loads(response.body)
    if response.status != 200:
        raise SubscriptionError(
            CONNECTION_ERROR,
            [{**error, "errorCode": response.status} for error in answer.get("errors") or ()],
        )
    if answer.get("errors"):
        raise SubscriptionError(ERROR, [_start_error(error) for error in answer["errors"]])
    assert schema is not None
    assert document is not None
    assert operation is not None
    subscription = Subscription(
        state,
        backend,
        api_id,
        schema,
        operation,
        fragments_of(document),
        variables or {},
        realtime,
    )
    with _lock:
        apis = _live.get(id(backend))
        if apis is None:
            apis = _live[id(backend)] = {}
            weakref.finalize(backend, _forget, id(backend))
        live = apis.get(api_id)
        if live is None:
            live = apis[api_id] = _Live()
        live.subscriptions = (*live.subscriptions, subscription)
    return subscription


def _connection_error(refusal: Refusal) -> SubscriptionError:
    """The real-time endpoint's ``connection_error`` for a credential AppSync refuses."""
    error = {
        "errorType": refusal.error_type,
        "message": refusal.message,
        "errorCode": refusal.status,
    }
    return SubscriptionError(CONNECTION_ERROR, [error])


def _start_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """An error of the start, as the ``error`` message lists it: its type (if it has one) and
    its message."""
    if "errorType" in error:
        return {"errorType": error["errorType"], "message": error["message"]}
    return {"message": error["message"]}


def _subscription_field(schema: GraphQLSchema, name: str) -> Any:
    subscription_type = schema.subscription_type
    assert subscription_type is not None
    return subscription_type.fields[name]


def _mutations(definition: Any) -> frozenset[str]:
    """The mutation fields the subscription field's ``@aws_subscribe`` names."""
    names: set[str] = set()
    node = definition.ast_node
    for directive in () if node is None else node.directives or ():
        if directive.name.value != "aws_subscribe":
            continue
        for argument in directive.arguments or ():
            if argument.name.value == "mutations":
                values = getattr(argument.value, "values", None) or (argument.value,)
                names.update(v.value for v in values if isinstance(getattr(v, "value", None), str))
    return frozenset(names)


def _with_defaults(operation: OperationDefinitionNode, given: Mapping[str, Any]) -> dict[str, Any]:
    """The operation's variables: those given, then the defaults of those left out."""
    from graphql import value_from_ast_untyped

    variables = dict(given)
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in variables and definition.default_value is not None:
            variables[name] = value_from_ast_untyped(definition.default_value)
    return variables


def _arguments(definition: Any, node: Any, variables: Mapping[str, Any]) -> dict[str, Any]:
    """The subscription field's arguments as given: a variable left out (with no default) is
    an argument not given; an ``ID`` given as a number is its text, as GraphQL coerces it."""
    from graphql import Undefined, value_from_ast_untyped

    arguments = {}
    for argument in node.arguments or ():
        value = value_from_ast_untyped(argument.value, dict(variables))
        if value is Undefined:
            continue
        kind = definition.args[argument.name.value].type
        while hasattr(kind, "of_type"):
            kind = kind.of_type
        if value is not None and getattr(kind, "name", "") == "ID" and not isinstance(value, str):
            value = json.dumps(value)
        arguments[argument.name.value] = value
    return arguments
