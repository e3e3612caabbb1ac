"""How every botocore client is reached, and how its calls reach the backends.

botocore gives each client a private copy of its session's event emitter, so handlers
registered on a session never reach clients that already exist. The one object all clients
share is their class: while a mock is active, ``BaseClient.__init__`` and
``BaseClient._make_api_call`` (and aiobotocore's ``AioBaseClient._make_api_call``) are
wrapped. The wrapper registers two handlers on a client of a mocked service, once per
activation, then lets botocore run as usual:

* ``before-parameter-build`` keeps the caller's parameters for the backend;
* ``before-call`` answers with ``(AWSResponse, parsed)``, so botocore skips signing and the
  network, emits ``after-call`` and raises the client's own modeled exception for an error.

When the outermost activation stops, every handler is unregistered by its ``unique_id`` and the
classes get their original methods back: an inactive mockway changes nothing.
"""

from __future__ import annotations

import inspect
import sys
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from ._registry import Service, service_for_event

if TYPE_CHECKING:
    from botocore.client import BaseClient
    from botocore.model import OperationModel

    from ._state import MockState, Observer, Response

__all__ = ["CONTROLLER", "Controller"]

_EPOCH_ATTR = "_mockway_epoch"
_UID_PARAMS = "mockway.before-parameter-build"
_UID_CALL = "mockway.before-call"


class Controller:
    """The process-wide switch: which mocks are active, and the state they share."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.state: MockState | None = None
        self.services: frozenset[str] = frozenset()
        self.account_id = ""
        self.epoch = 0
        self.observers: list[Observer] = []
        self._active: list[Any] = []
        self._attached: list[tuple[weakref.ref[Any], str]] = []
        self._originals: dict[tuple[type, str], Callable[..., Any]] = {}

    # -- activation ---------------------------------------------------------------------------

    def push(self, activation: Any, seed: int | None) -> MockState:
        with self.lock:
            if not self._active:
                from ._state import MockState  # botocore's heavier modules load on first use

                self.state = MockState(seed)
                self.epoch += 1
                self._install()
            self._active.append(activation)
            self._recompute()
            assert self.state is not None
            return self.state

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
                self._recompute()
            else:
                self._uninstall()
                self.state = None
                self.services = frozenset()
            return True

    def _recompute(self) -> None:
        self.services = frozenset().union(*(a.services for a in self._active))
        self.account_id = self._active[-1].account_id

    def serving(self, service: Service[Any]) -> MockState | None:
        """The state answering ``service`` now, or None when its calls go to AWS."""
        state = self.state
        if state is None or service.name not in self.services:
            return None
        return state

    def observe(self, model: OperationModel, response: Response) -> None:
        for observer in self.observers:
            observer(model, response)

    # -- reaching clients ---------------------------------------------------------------------

    def attach(self, client: BaseClient) -> None:
        """Register this activation's handlers on ``client`` (once per activation)."""
        with self.lock:
            if self.state is None or client.__dict__.get(_EPOCH_ATTR) == self.epoch:
                return
            client.__dict__[_EPOCH_ATTR] = self.epoch
            if inspect.iscoroutinefunction(getattr(type(client), "_make_api_call")):  # noqa: B009
                self._wrap_async_client_class(type(client))
            event_id = client.meta.service_model.service_id.hyphenize()
            service = service_for_event(event_id)
            if service is None:
                return
            from ._hooks import ClientHooks

            hooks = ClientHooks(service, client)
            events = client.meta.events
            events.register(
                f"before-parameter-build.{event_id}",
                hooks.before_parameter_build,
                unique_id=_UID_PARAMS,
            )
            # botocore-stubs expects handlers to return None; before-call handlers may answer.
            answer: Callable[..., Any] = hooks.before_call
            events.register(f"before-call.{event_id}", cast(Any, answer), unique_id=_UID_CALL)
            self._attached.append((weakref.ref(events), event_id))

    def _replace(self, cls: type, name: str, wrapper: Callable[..., Any]) -> None:
        if (cls, name) not in self._originals:
            self._originals[(cls, name)] = cls.__dict__[name]
            setattr(cls, name, wrapper)

    def _install(self) -> None:
        from botocore.client import BaseClient

        original_init = BaseClient.__dict__["__init__"]
        original_call = BaseClient.__dict__["_make_api_call"]
        controller = self

        def __init__(client: BaseClient, *args: Any, **kwargs: Any) -> None:
            original_init(client, *args, **kwargs)
            controller.attach(client)

        def _make_api_call(client: BaseClient, operation_name: str, api_params: Any) -> Any:
            if client.__dict__.get(_EPOCH_ATTR) != controller.epoch:
                controller.attach(client)
            return original_call(client, operation_name, api_params)

        self._replace(BaseClient, "__init__", __init__)
        self._replace(BaseClient, "_make_api_call", _make_api_call)
        aio = sys.modules.get("aiobotocore.client")
        if aio is not None:
            self._wrap_async_client_class(aio.AioBaseClient)

    def _wrap_async_client_class(self, cls: type) -> None:
        owner = next(c for c in cls.__mro__ if "_make_api_call" in c.__dict__)
        if (owner, "_make_api_call") in self._originals:
            return
        original_call = owner.__dict__["_make_api_call"]
        controller = self

        async def _make_api_call(client: BaseClient, operation_name: str, api_params: Any) -> Any:
            if client.__dict__.get(_EPOCH_ATTR) != controller.epoch:
                controller.attach(client)
            return await original_call(client, operation_name, api_params)

        self._replace(owner, "_make_api_call", _make_api_call)

    def _uninstall(self) -> None:
        for (cls, name), original in self._originals.items():
            setattr(cls, name, original)
        self._originals.clear()
        for events_ref, event_id in self._attached:
            events = events_ref()
            if events is not None:
                events.unregister(f"before-parameter-build.{event_id}", unique_id=_UID_PARAMS)
                events.unregister(f"before-call.{event_id}", unique_id=_UID_CALL)
        self._attached.clear()


CONTROLLER = Controller()
