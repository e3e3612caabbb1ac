"""AWS_LAMBDA data sources: the Python callables a test registers for Lambda functions
(:meth:`AppSyncView.register_lambda`), and the call AppSync makes of one.

A handler is found by the data source's function ARN, then that ARN without its qualifier,
then the function's name. It is called as the Lambda runtime calls a handler,
``handler(event, context)``; what it returns is the field's value (or, through a response
mapping template, ``$ctx.result``). A handler that raises makes the field null with an error
of type ``Lambda:Unhandled`` whose message is the exception's.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from ..._ids import IdSource
from ...errors import MockwayError
from .._models import AppSyncBackend
from ._answers import FieldError
from ._registered import Registered

__all__ = ["LambdaHandler", "handlers_of", "invoke", "register"]

LambdaHandler = Callable[[dict[str, Any], Any], Any]
_FUNCTION_ARN = re.compile(r"arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?")
UNHANDLED = "Lambda:Unhandled"
_AS_THEY_ARE = frozenset((str, int, bool, type(None)))
"""Return values JSON carries unchanged: no need to write and read them again."""
TIMEOUT_MS = 30_000

_handlers: Registered[LambdaHandler] = Registered()
handlers_of = _handlers.of
"""The handlers registered for a backend's account and region, by function."""


def register(backend: AppSyncBackend, function: str, handler: LambdaHandler) -> None:
    if not callable(handler):
        raise MockwayError(f"the handler for {function!r} is not callable: {handler!r}")
    _handlers.put(backend, function, handler)


@functools.lru_cache(maxsize=256)
def _names(arn: str) -> tuple[str, str]:
    """A function ARN's function name, and the ARN without its qualifier (the ARN itself
    when it is a name)."""
    match = _FUNCTION_ARN.fullmatch(arn)
    return (arn, arn) if match is None else (match[1], arn[: match.end(1)])


def invoke(
    handlers: dict[str, LambdaHandler], arn: str, event: Any, ids: IdSource, now: float
) -> Any:
    """What the function ``arn`` answers to ``event``."""
    from ...apigateway.execute._proxy import LambdaContext, MarshalError, marshalled

    name, unqualified = _names(arn)
    handler = next((handlers[k] for k in (arn, unqualified, name) if k in handlers), None)
    if handler is None:
        raise MockwayError(
            f"no Python callable is registered for the Lambda function {arn}: "
            "handle.appsync(region).register_lambda(function, handler)"
        )
    context = LambdaContext(
        function_name=name,
        invoked_function_arn=arn,
        aws_request_id=ids.request_id(),
        deadline_ms=int(now * 1000) + TIMEOUT_MS,
    )
    try:
        result = handler(event, context)
        if type(result) in _AS_THEY_ARE:
            return result
        # as the Lambda runtime sends it: JSON, or its error for what JSON cannot hold
        return json.loads(marshalled(result))
    except MarshalError as error:
        raise FieldError(str(error), UNHANDLED) from None
    except Exception as error:  # a failed function is a field error, not the caller's
        raise FieldError(str(error), UNHANDLED) from error
