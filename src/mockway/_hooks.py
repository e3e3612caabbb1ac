"""The two event handlers mockway registers on each client of a mocked service."""

from __future__ import annotations

import inspect
import weakref
from typing import Any, cast

from botocore.client import BaseClient
from botocore.model import OperationModel
from botocore.validate import ParamValidationDecorator

from ._interceptor import CONTROLLER
from ._registry import Service
from ._state import Response, validator_for
from ._wire import ServiceError

__all__ = ["ClientHooks"]

_PARAMS = "mockway.params"
_VALIDATED = "mockway.validated"


class ClientHooks:
    """The two event handlers registered on one client of a mocked service."""

    __slots__ = ("__weakref__", "client", "client_is_async", "client_validates", "service")

    def __init__(self, service: Service[Any], client: BaseClient) -> None:
        self.service = service
        self.client = weakref.ref(client)
        # ``client.meta.config.parameter_validation`` always reads True: botocore resolves the
        # setting (Config or the profile's ``parameter_validation``) into the serializer only.
        self.client_validates = isinstance(
            getattr(client, "_serializer", None), ParamValidationDecorator
        )
        self.client_is_async = inspect.iscoroutinefunction(
            getattr(type(client), "_make_api_call")  # noqa: B009
        )

    def before_parameter_build(
        self, params: dict[str, Any], model: OperationModel, context: dict[str, Any], **_: Any
    ) -> None:
        state = CONTROLLER.serving(self.service)
        if state is None:
            return
        context[_PARAMS] = params
        if self.client_validates:
            return  # botocore validates next; the service's own checks run at before-call
        # Without client validation botocore would serialize whatever it was given and could
        # fail on it; the service's answer comes first, raised as the client's own exception.
        context[_VALIDATED] = True
        if model.name not in self.service.operations:
            return
        try:
            validator_for(self.service, model)(params)
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
        state = CONTROLLER.serving(self.service)
        if state is None:
            return None
        response = state.dispatch(
            self.service,
            model,
            context.pop(_PARAMS, None) or {},
            CONTROLLER.account_id,
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
