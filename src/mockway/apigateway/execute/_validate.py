"""Validate: the method's request validator, on the request's parameters and body.

* ``validateRequestParameters``: every parameter the method marks required
  (``method.request.querystring.*``, ``.header.*``, ``.multivaluequerystring.*``,
  ``.multivalueheader.*``) must be there, else 400 ``Missing required request parameters:
  [a, b]``.
* ``validateRequestBody``: the body must be JSON valid against the model the method names for
  the request's ``Content-Type`` (``application/json`` when it has none; else the
  ``$default`` model), the model's references to other models followed; else 400 ``Invalid
  request body``.

The method, the validator and the models are the deployment's: changes reach a stage when it
is deployed again.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from ..._http import HttpRequest
from .._model_schemas import flattened
from ._responses import GatewayError, Refusal
from ._route import Route
from ._target import Target

__all__ = ["validate"]

INVALID_BODY = Refusal("BAD_REQUEST_BODY", 400, "Invalid request body", "BadRequestException")


def _missing(names: list[str]) -> Refusal:
    return Refusal(
        "BAD_REQUEST_PARAMETERS",
        400,
        f"Missing required request parameters: [{', '.join(names)}]",
        "BadRequestException",
    )


def _present(source: str, request: HttpRequest, query: dict[str, str]) -> bool:
    where, _, name = source.removeprefix("method.request.").partition(".")
    if where in ("querystring", "multivaluequerystring"):
        return name in query
    if where in ("header", "multivalueheader"):
        return request.header(name) is not None
    return True  # a path parameter is there once the request is routed


@functools.lru_cache(maxsize=256)
def _validator(schema: str) -> Any:
    return _draft4()(json.loads(schema))


@functools.cache
def _draft4() -> Any:
    """JSON Schema draft 4, as API Gateway applies it, with Java's regular expressions: a
    ``pattern`` Python's cannot read (``\\p{L}``) checks nothing."""
    import jsonschema

    def pattern(validator: Any, expression: str, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "string"):
            return
        try:
            found = re.search(expression, instance)
        except (re.error, TypeError):
            return
        if found is None:
            yield jsonschema.ValidationError(f"{instance!r} does not match {expression!r}")

    return jsonschema.validators.extend(jsonschema.Draft4Validator, {"pattern": pattern})


def validate(target: Target, route: Route, request: HttpRequest) -> None:
    method = target.deployment.methods.get((route.path, route.method))
    validator_id = None if method is None else method.request_validator_id
    validator = target.deployed.request_validators.get(validator_id or "")
    if method is None or validator is None:
        return
    if validator.validate_request_parameters and method.request_parameters:
        from urllib.parse import parse_qsl

        query = dict(parse_qsl(request.query, keep_blank_values=True))
        missing = [
            source.rpartition(".")[2]
            for source, required in method.request_parameters.items()
            if required and not _present(source, request, query)
        ]
        if missing:
            raise GatewayError(_missing(missing))
    if validator.validate_request_body and method.request_models:
        content_type = (request.header("content-type") or "application/json").split(";")[0]
        models = method.request_models
        name = models.get(content_type.strip().lower()) or models.get("$default")
        model = None if name is None else target.deployed.models.get(name)
        if model is None or model.schema is None:
            return
        try:
            document = json.loads(request.body)
            schema = flattened(target.deployed, model.schema)
            valid = _validator(schema).is_valid(document)
        except (ValueError, RecursionError):
            valid = False
        except Exception:  # a schema jsonschema cannot apply (a $ref to nothing) checks nothing
            valid = True
        if not valid:
            raise GatewayError(INVALID_BODY)
