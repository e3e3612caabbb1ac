"""The two event handlers mockway registers on each client of a mocked service."""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import Any, cast

from botocore.client import BaseClient
from botocore.model import OperationModel
from botocore.validate import ParamValidationDecorator

from ._interceptor import CALL, CONTROLLER, Serving
from ._registry import Service
from ._state import Response, validator_for
from ._wire import ServiceError
from .errors import ClientOutlivedMockError

__all__ = ["ClientHooks"]

_PARAMS = "mockway.params"
_VALIDATED = "mockway.validated"
_UID_PARAMS = "mockway.before-parameter-build"
_UID_CALL = "mockway.before-call"


class ClientHooks:
    """The two event handlers registered on one client of a mocked service.

    An owned client (created while its service was mocked) keeps them for its life and has
    its calls refused when nothing mocks its service; a borrowed one has them while
    activations need them, and its calls go where botocore sends them otherwise.
    """

    __slots__ = (
        "__weakref__",
        "client",
        "client_is_async",
        "client_validates",
        "events",
        "owned",
        "registered",
        "service",
    )

    def __init__(self, service: Service[Any], client: BaseClient) -> None:
        self.service = service
        self.client = weakref.ref(client)
        self.events = weakref.ref(client.meta.events)
        self.owned = False
        self.registered = False
        # ``client.meta.config.parameter_validation`` always reads True: botocore resolves the
        # setting (Config or the profile's ``parameter_validation``) into the serializer only.
        self.client_validates = isinstance(
            getattr(client, "_serializer", None), ParamValidationDecorator
        )
        self.client_is_async = inspect.iscoroutinefunction(
            getattr(type(client), "_make_api_call")  # noqa: B009
        )

    def register(self) -> None:
        events = self.events()
        if self.registered or events is None:
            return
        event_id = self.service.event_id
        events.register(
            f"before-parameter-build.{event_id}",
            self.before_parameter_build,
            unique_id=_UID_PARAMS,
        )
        # botocore-stubs expects handlers to return None; before-call handlers may answer.
        answer: Callable[..., Any] = self.before_call
        events.register(f"before-call.{event_id}", cast(Any, answer), unique_id=_UID_CALL)
        self.registered = True

    def unregister(self) -> None:
        events = self.events()
        if not self.registered or events is None:
            return
        event_id = self.service.event_id
        events.unregister(f"before-parameter-build.{event_id}", unique_id=_UID_PARAMS)
        events.unregister(f"before-call.{event_id}", unique_id=_UID_CALL)
        self.registered = False

    def serving(self) -> Serving | None:
        """What answers this client's call now: the activation it began in, or else the active
        ones; None when its service is not mocked by them."""
        serving = CALL.get() or CONTROLLER.current
        if serving is None or self.service.name not in serving.services:
            return None
        return serving

    def before_parameter_build(
        self, params: dict[str, Any], model: OperationModel, context: dict[str, Any], **_: Any
    ) -> None:
        serving = self.serving()
        if serving is None:
            return  # before-call refuses the call of an owned client
        state = serving.state
        context[_PARAMS] = params
        if self.client_validates:
            return  # botocore validates next; the service's own checks run at before-call
        # Without client validation botocore would serialize whatever it was given and could
        # fail on it; the service's answer comes first, raised as the client's own exception.
        context[_VALIDATED] = True
        if model.name not in self.service.operations:
            return
        try:
            context[_PARAMS] = validator_for(self.service, model)(params)
        except ServiceError as error:
            response = state.error_response(self.service, model, error, "")
            CONTROLLER.observe(model, response)
            client = self.client()
            assert client is not None  # it is the one making this call
            # from_code returns the exception class (botocore-stubs says an instance).
            exception = cast(type[Exception], client.exceptions.from_code(error.code))
            raise exception(response[1], model.name) from None

    def before_call(
        self,
        model: OperationModel,
        params: dict[str, Any],
        context: dict[str, Any],
        **_: Any,
    ) -> Response | None:
        serving = self.serving()
        if serving is None:
            if self.owned:
                raise ClientOutlivedMockError(
                    self.service.name, model.name, still_active=CONTROLLER.current is not None
                )
            return None
        response = serving.state.dispatch(
            self.service,
            model,
            context.pop(_PARAMS, None) or {},
            serving.account_id,
            context["client_region"],
            params.get("url", ""),
            validate=not context.pop(_VALIDATED, False),
        )
        CONTROLLER.observe(model, response)
        if self.client_is_async and model.has_streaming_output and response[0].status_code < 300:
            _stream_for_aiobotocore(model, response[1])
        return response


class _AsyncContent:
    """What aiobotocore's streaming body reads: an aiohttp response's ``content``."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    async def read(self, amount: int = -1) -> bytes:
        end = len(self._data) if amount is None or amount < 0 else self._at + amount
        chunk = self._data[self._at : end]
        self._at += len(chunk)
        return chunk

    def at_eof(self) -> bool:
        return self._at >= len(self._data)


class _AsyncRaw:
    """An aiohttp response as aiobotocore's body wraps it (``async with`` on aiobotocore 2
    enters the response itself)."""

    url = ""

    def __init__(self, data: bytes) -> None:
        self.content = _AsyncContent(data)

    async def read(self) -> bytes:
        return await self.content.read()

    async def __aenter__(self) -> _AsyncRaw:
        return self

    async def __aexit__(self, *_: object) -> None:
        pass

    def close(self) -> None:
        pass

    def release(self) -> None:
        pass


def _stream_for_aiobotocore(model: OperationModel, parsed: dict[str, Any]) -> None:
    """The response's streamed payload as aiobotocore hands it over: a body read by awaiting."""
    import aiobotocore.response  # type: ignore[import-untyped, unused-ignore]

    shape = model.output_shape
    assert shape is not None
    payload = shape.serialization["payload"]
    data = parsed[payload].read()
    body = getattr(aiobotocore.response, "AioStreamingBody", None)
    if body is None:  # aiobotocore before 3
        body = aiobotocore.response.StreamingBody
    parsed[payload] = body(_AsyncRaw(data), str(len(data)))
