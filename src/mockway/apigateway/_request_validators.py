"""CreateRequestValidator, GetRequestValidator(s), UpdateRequestValidator,
DeleteRequestValidator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._family import IN_REST_API, Family, render_output, set_flag, set_text
from ._models import ApiGatewayBackend

__all__ = ["FAMILY", "OPERATIONS", "RequestValidator"]

VALIDATOR_ID_LENGTH = 6


@dataclass(slots=True)
class RequestValidator:
    id: str
    name: str | None
    validate_request_body: bool = False
    validate_request_parameters: bool = False


FAMILY: Family[RequestValidator] = Family(
    IN_REST_API,
    lambda api: api.request_validators,
    "requestValidatorId",
    e.REQUEST_VALIDATOR_NOT_FOUND,
    patch=PatchRules({"replace": ["/name", "/validateRequestParameters", "/validateRequestBody"]}),
    setters={
        "/name": set_text("name", blank=e.VALIDATOR_NAME_BLANK),
        "/validateRequestParameters": set_flag("validate_request_parameters"),
        "/validateRequestBody": set_flag("validate_request_body"),
    },
)


def create_request_validator(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_apis.get(p["restApiId"])
    if api is None:
        raise e.bad_request(e.REST_API_INVALID)
    validator = RequestValidator(
        backend.new_id(VALIDATOR_ID_LENGTH, call.ids, api.request_validators),
        p.get("name"),
        bool(p.get("validateRequestBody", False)),
        bool(p.get("validateRequestParameters", False)),
    )
    api.request_validators.add(validator.id, validator)
    return render_output(validator, call)


OPERATIONS = {
    "CreateRequestValidator": create_request_validator,
    **FAMILY.operations(
        get="GetRequestValidator",
        list="GetRequestValidators",
        update="UpdateRequestValidator",
        delete="DeleteRequestValidator",
    ),
}
