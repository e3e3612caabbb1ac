"""How every botocore client is reached, and how its calls reach the backends.

botocore gives each client a private copy of its session's event emitter, so handlers
registered on a session never reach clients that already exist. The one object all clients
share is their class: while a mock is active, ``BaseClient.__init__`` and
``BaseClient._make_api_call`` (and aiobotocore's ``AioBaseClient._make_api_call``) are
wrapped. The wrapper registers two handlers on a client of a mocked service, then lets botocore
run as usual:

* ``before-parameter-build`` keeps the caller's parameters for the backend;
* ``before-call`` answers with ``(AWSResponse, parsed)``, so botocore skips signing and the
  network, emits ``after-call`` and raises the client's own modeled exception for an error.

A call belongs to the activation it began in: the wrapper publishes what was active when the
call began (:data:`CALL`) for the handlers to answer from, even when another thread stops the
mock before the call reaches ``before-call``.

Clients come in two kinds:

* a client created while its service is mocked is *owned*. It resolves no credentials:
  ``Session.create_client`` (aiobotocore's ``AioSession._create_client``) is wrapped too, and
  gives it inert ones when the caller gave none to it or its session. Its handlers stay for
  the client's life, so when nothing mocks its service its calls raise
  :class:`~mockway.errors.ClientOutlivedMockError` instead of going to AWS.
* any other client is *borrowed* for an activation: its handlers are removed by their
  ``unique_id`` once the outermost activation has stopped and no call that began inside one is
  still running. Then it is exactly as botocore made it.

When the outermost activation stops the classes get their original methods back (among them
``Session.__init__``, wrapped only to reach aiobotocore's session when aiobotocore is imported
during an activation): with no activation, mockway changes nothing for clients created outside
one.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from ._registry import service_for_event

if TYPE_CHECKING:
    from botocore.client import BaseClient
    from botocore.model import OperationModel
    from botocore.session import Session

    from ._hooks import ClientHooks
    from ._state import MockState, Observer, Response

__all__ = ["CALL", "CONTROLLER", "INERT_CREDENTIALS", "Controller", "Serving"]

HOOKS_ATTR = "_mockway_hooks"
"""A client's :class:`ClientHooks`, or False for a service mockway does not know."""

INERT_CREDENTIALS = {
    "aws_access_key_id": "MOCKWAYINERTKEY00000",
    "aws_secret_access_key": "mockway-inert-secret-never-sent-to-aws",
}
"""What an owned client gets instead of a credential lookup; its requests are never signed."""


class Serving(NamedTuple):
    """What the active activations serve, published as one value so a reader never sees the
    state of one activation with the services or account of another."""

    state: MockState
    services: frozenset[str]
    account_id: str


CALL: contextvars.ContextVar[Serving | None] = contextvars.ContextVar("mockway.call", default=None)
"""What was active when the current call began; None outside a call that began inside."""


class Controller:
    """The process-wide switch: which mocks are active, and the state they share."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.current: Serving | None = None
        self.observers: list[Observer] = []
        self._active: list[Any] = []
        self._running: list[None] = []  # one item per borrowed client's call in flight
        self._borrowed: list[ClientHooks] = []
        self._originals: dict[tuple[type | ModuleType, str], Callable[..., Any]] = {}
        self._wrappers: dict[
            tuple[type | ModuleType, str, Callable[..., Any]], Callable[..., Any]
        ] = {}

    @property
    def state(self) -> MockState | None:
        current = self.current
        return None if current is None else current.state

    # -- activation ---------------------------------------------------------------------------

    def push(self, activation: Any, seed: int | None) -> MockState:
        with self.lock:
            current = self.current
            state = _loaded().MockState(seed) if current is None else current.state
            self._active.append(activation)
            self._publish(state)
            if current is None:
                self._install()
            return state

    def pop(self, activation: Any) -> bool:
        """Deactivate one activation; True when it was active."""
        with self.lock:
            for index in range(len(self._active) - 1, -1, -1):
                if self._active[index] is activation:
                    del self._active[index]
                    break
            else:
                return False
            if self._active:
                assert self.current is not None
                self._publish(self.current.state)
            else:
                self.current = None
                self._uninstall()
                if not self._running:
                    self._release()
            return True

    def _publish(self, state: MockState) -> None:
        self.current = Serving(
            state,
            frozenset().union(*(a.services for a in self._active)),
            self._active[-1].account_id,
        )

    def observe(self, model: OperationModel, response: Response) -> None:
        for observer in self.observers:
            observer(model, response)

    # -- reaching clients ---------------------------------------------------------------------

    def adopt(self, client: BaseClient, *, owned: bool | None = None) -> None:
        """Reach a client at its creation: owned when its service is mocked now (or when
        ``owned`` says so: it was given inert credentials), borrowed otherwise."""
        with self.lock:
            current = self.current
            if owned is None:
                if current is None:
                    return
                owned = client.meta.service_model.service_name in current.services
            hooks = self._hooks(client)
            if hooks is None:
                return
            if owned:
                hooks.owned = True
                hooks.register()
            elif current is not None and not hooks.registered:
                hooks.register()
                self._borrowed.append(hooks)

    def enter(self, client: BaseClient) -> Serving | None:
        """A call of a borrowed (or not yet seen) client begins: what serves it, and the call
        counted as running until :meth:`leave`; None when nothing is active.

        Without a lock: the call is counted before it reads what is active, and a stop reads
        the count after it has cleared what is active, so a stop either sees the call running
        and leaves the handlers to its :meth:`leave`, or the call sees the stop.
        """
        self._running.append(None)
        current = self.current
        if current is None:
            self.leave()
            return None
        hooks = client.__dict__.get(HOOKS_ATTR)
        if hooks is None or (hooks and not hooks.registered):
            with self.lock:
                hooks = self._hooks(client)
                if hooks is not None and not hooks.registered:
                    hooks.register()
                    self._borrowed.append(hooks)
        return current

    def leave(self) -> None:
        self._running.pop()
        if not self._running and self.current is None:
            with self.lock:
                if not self._running and self.current is None:
                    self._release()

    def _hooks(self, client: BaseClient) -> ClientHooks | None:
        """The client's hooks, made on first sight; None for a service mockway does not know."""
        hooks = client.__dict__.get(HOOKS_ATTR)
        if hooks is None:
            if inspect.iscoroutinefunction(getattr(type(client), "_make_api_call")):  # noqa: B009
                self.wrap_async_client_class(type(client))  # aiobotocore imported while active
            service = service_for_event(client.meta.service_model.service_id.hyphenize())
            if service is None:
                client.__dict__[HOOKS_ATTR] = False
                return None
            from ._hooks import ClientHooks

            hooks = client.__dict__[HOOKS_ATTR] = ClientHooks(service, client)
        return hooks or None

    def _release(self) -> None:
        """Give borrowed clients back: no activation, and no call that began in one."""
        for hooks in self._borrowed:
            if not hooks.owned:
                hooks.unregister()
        self._borrowed.clear()

    # -- credentials --------------------------------------------------------------------------

    def creating(
        self,
        session: Any,
        service_name: str,
        names: tuple[str, ...],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> dict[str, Any] | None:
        """The keyword arguments for ``Session.create_client`` with inert credentials, for a
        client of a mocked service when the caller gave no credentials to it or its session,
        in place of the lookup botocore would run (environment, files, SSO, processes,
        container and instance metadata); None to create the client as botocore would."""
        if len(args) > len(names) or any(name in kwargs for name in names[: len(args)]):
            return None  # botocore raises its TypeError
        kwargs = {**kwargs, **dict(zip(names, args, strict=False))}
        current = self.current
        if (
            current is None
            or service_name not in current.services
            or kwargs.get("aws_access_key_id") is not None
            or kwargs.get("aws_secret_access_key") is not None
            or getattr(session, "_credentials", None) is not None
        ):
            return None
        return {**kwargs, **INERT_CREDENTIALS}

    # -- the wrapped classes ------------------------------------------------------------------

    def _wrap(self, cls: type | ModuleType, name: str, make: Wrapper) -> None:
        """Replace ``cls.name`` by ``make``'s wrapper of it, until the outermost stop."""
        if (cls, name) in self._originals:
            return
        original = cls.__dict__[name]
        wrapper = self._wrappers.get((cls, name, original))
        if wrapper is None:  # made once per original: activations stay cheap
            wrapper = self._wrappers[(cls, name, original)] = make(self, original)
        self._originals[(cls, name)] = original
        setattr(cls, name, wrapper)

    def wrap(self, cls: type | ModuleType, name: str, make: Wrapper) -> None:
        """Wrap ``cls.name`` (of a class or a module) until the outermost stop, if a mock is
        active: how the HTTP client libraries are reached (:mod:`mockway._http`)."""
        with self.lock:
            if self.current is not None:
                self._wrap(cls, name, make)

    def _install(self) -> None:
        loaded = _loaded()
        self._wrap(loaded.BaseClient, "__init__", _client_init)
        self._wrap(loaded.BaseClient, "_make_api_call", _call)
        self._wrap(loaded.Session, "__init__", _session_init)
        self._wrap(loaded.Session, "create_client", _create)
        aio = sys.modules.get("aiobotocore.client")
        if aio is not None:
            self._wrap(aio.AioBaseClient, "_make_api_call", _async_call)
        self.wrap_async_session_class()
        loaded.http.install(self)  # data-plane requests of HTTP client libraries

    def wrap_async_client_class(self, cls: type) -> None:
        """aiobotocore's clients make their calls in their own coroutine."""
        owner = next(c for c in cls.__mro__ if "_make_api_call" in c.__dict__)
        with self.lock:
            if self.current is not None:
                self._wrap(owner, "_make_api_call", _async_call)

    def wrap_async_session_class(self) -> None:
        """aiobotocore's session creates clients in its own ``_create_client`` coroutine."""
        aio = sys.modules.get("aiobotocore.session")
        if aio is None or "_create_client" not in aio.AioSession.__dict__:
            return
        with self.lock:
            if self.current is not None:
                self._wrap(aio.AioSession, "_create_client", _async_create)

    def _uninstall(self) -> None:
        _loaded().http.uninstall()
        for (cls, name), original in self._originals.items():
            setattr(cls, name, original)
        self._originals.clear()


class _Loaded(NamedTuple):
    MockState: type[MockState]
    BaseClient: type[BaseClient]
    Session: type[Session]
    http: ModuleType


@functools.cache
def _loaded() -> _Loaded:
    """botocore's heavier modules, loaded on the first activation, not at import; then kept,
    since an import statement costs more than the rest of an activation's bookkeeping."""
    from botocore.client import BaseClient
    from botocore.session import Session

    from . import _http
    from ._state import MockState

    return _Loaded(MockState, BaseClient, Session, _http)


Wrapper = Callable[[Controller, Callable[..., Any]], Callable[..., Any]]


def _client_init(controller: Controller, original_init: Callable[..., Any]) -> Callable[..., Any]:
    def __init__(client: BaseClient, *args: Any, **kwargs: Any) -> None:
        original_init(client, *args, **kwargs)
        controller.adopt(client)

    return __init__


def _call(controller: Controller, original_call: Callable[..., Any]) -> Callable[..., Any]:
    def _make_api_call(client: BaseClient, operation_name: str, api_params: Any) -> Any:
        hooks = client.__dict__.get(HOOKS_ATTR)
        if hooks is False:  # a service mockway does not know
            return original_call(client, operation_name, api_params)
        # An owned client keeps its handlers: nothing to count. A borrowed one is counted in
        # flight, so that its handlers stay until the call ends.
        counted = hooks is None or not hooks.owned
        serving = controller.enter(client) if counted else controller.current
        if serving is None:
            return original_call(client, operation_name, api_params)
        token = CALL.set(serving)
        try:
            return original_call(client, operation_name, api_params)
        finally:
            CALL.reset(token)
            if counted:
                controller.leave()

    return _make_api_call


def _async_call(controller: Controller, original_call: Callable[..., Any]) -> Callable[..., Any]:
    async def _make_api_call(client: BaseClient, operation_name: str, api_params: Any) -> Any:
        hooks = client.__dict__.get(HOOKS_ATTR)
        if hooks is False:
            return await original_call(client, operation_name, api_params)
        counted = hooks is None or not hooks.owned
        serving = controller.enter(client) if counted else controller.current
        if serving is None:
            return await original_call(client, operation_name, api_params)
        token = CALL.set(serving)
        try:
            return await original_call(client, operation_name, api_params)
        finally:
            CALL.reset(token)
            if counted:
                controller.leave()

    return _make_api_call


def _session_init(controller: Controller, original_init: Callable[..., Any]) -> Callable[..., Any]:
    def __init__(session: Any, *args: Any, **kwargs: Any) -> None:
        original_init(session, *args, **kwargs)
        controller.wrap_async_session_class()  # aiobotocore imported after the activation began

    return __init__


def _create(controller: Controller, original_create: Callable[..., Any]) -> Callable[..., Any]:
    names = _argument_names(original_create)

    def create_client(session: Any, service_name: str, *args: Any, **kwargs: Any) -> Any:
        inert = controller.creating(session, service_name, names, args, kwargs)
        if inert is None:
            return original_create(session, service_name, *args, **kwargs)
        client = original_create(session, service_name, **inert)
        controller.adopt(client, owned=True)
        return client

    return create_client


def _async_create(
    controller: Controller, original_create: Callable[..., Any]
) -> Callable[..., Any]:
    names = _argument_names(original_create)

    async def _create_client(session: Any, service_name: str, *args: Any, **kwargs: Any) -> Any:
        inert = controller.creating(session, service_name, names, args, kwargs)
        if inert is None:
            return await original_create(session, service_name, *args, **kwargs)
        client = await original_create(session, service_name, **inert)
        controller.adopt(client, owned=True)
        return client

    return _create_client


def _argument_names(create_client: Callable[..., Any]) -> tuple[str, ...]:
    """The names of ``create_client``'s arguments after ``service_name``, so arguments given
    by position can be read by name."""
    parameters = list(inspect.signature(create_client).parameters)
    return tuple(parameters[parameters.index("service_name") + 1 :])


CONTROLLER = Controller()
