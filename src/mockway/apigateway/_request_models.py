"""Models of a REST API, the JSON schemas of request and response payloads: CreateModel,
GetModel, GetModels, UpdateModel, DeleteModel, GetModelTemplate.

A model is named, and found, by its name. Its schema is checked as API Gateway checks it
(:mod:`._model_schemas`); a model another model, a method request or a method response
refers to cannot be deleted.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._paging import clamp_limit
from .._patch import PatchRules
from .._registry import Call
from .._render import render_items
from . import _errors as e
from ._family import IN_REST_API, Edit, Family, render_output, set_text
from ._listing import PAGE_DEFAULT, PAGE_MAX
from ._model_schemas import checked_schema, flattened
from ._model_templates import model_template

if TYPE_CHECKING:
    from .._ids import IdSource
    from ._models import ApiGatewayBackend
    from ._rest_models import RestApi

__all__ = ["FAMILY", "OPERATIONS", "Model", "add_default_models"]

MODEL_ID_LENGTH = 6
_NAME = re.compile(r"[A-Za-z0-9]+", re.ASCII)
# Every new REST API has these two, as AWS creates them (the schemas are AWS's text).
DEFAULT_MODELS = (
    (
        "Empty",
        "This is a default empty schema model",
        '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n'
        '  "title" : "Empty Schema",\n  "type" : "object"\n}',
    ),
    (
        "Error",
        "This is a default error schema model",
        '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n'
        '  "title" : "Error Schema",\n  "type" : "object",\n'
        '  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
    ),
)


@dataclass(slots=True)
class Model:
    id: str
    name: str
    content_type: str
    schema: str | None = None
    description: str | None = None
    references: frozenset[str] = frozenset()
    """The models the schema refers to (not rendered)."""


def add_default_models(api: RestApi, ids: IdSource) -> None:
    for name, description, schema in DEFAULT_MODELS:
        model_id = ids.lower_alnum(MODEL_ID_LENGTH)
        api.models.add(name, Model(model_id, name, "application/json", schema, description))


def _model_missing(backend: ApiGatewayBackend, call: Call) -> str:
    return e.MODEL_NAME_NOT_FOUND.format(name=call.params["modelName"])


def _set_schema(edit: Edit[Model]) -> None:
    edit.item.references = checked_schema(edit.parent, edit.value)
    edit.item.schema = edit.value


def _referrer(api: RestApi, name: str) -> str | None:
    """AWS's 409 message when something in ``api`` refers to the model ``name``."""
    methods = api.methods()[::-1]  # the newest resource's methods first
    for resource, method in methods:
        if name in (method.request_models or {}).values():
            path = f"{resource.path}/{method.http_method}"
            return e.MODEL_IN_METHOD_REQUEST.format(name=name, path=path)
    for resource, method in methods:
        for response in method.method_responses.values():
            if name in (response.response_models or {}).values():
                path = f"{resource.path}/{method.http_method}"
                return e.MODEL_IN_METHOD_RESPONSE.format(name=name, path=path)
    for model in api.models.values():
        if model.name != name and name in model.references:
            return e.MODEL_IN_MODEL.format(name=name, model=model.name)
    return None


def _check_unused(backend: ApiGatewayBackend, call: Call, api: RestApi, model: Model) -> None:
    message = _referrer(api, model.name)
    if message is not None:
        raise e.conflict(message)


FAMILY: Family[Model] = Family(
    IN_REST_API,
    lambda api: api.models,
    "modelName",
    _model_missing,
    patch=PatchRules({"replace": ["/description", "/schema"]}),
    setters={"/description": set_text("description"), "/schema": _set_schema},
    on_delete=_check_unused,
    key="name",
)


def _api(backend: ApiGatewayBackend, call: Call) -> RestApi:
    """The REST API a call names, or AWS's 404."""
    api: RestApi | None = IN_REST_API.find(backend, call)
    if api is None:
        assert IN_REST_API.none is not None
        raise IN_REST_API.none(backend, call)
    return api


def create_model(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = _api(backend, call)
    name = p["name"]
    if not name:
        raise e.bad_request(e.MODEL_NAME_EMPTY)
    if _NAME.fullmatch(name) is None:
        raise e.bad_request(e.MODEL_NAME_NOT_ALPHANUMERIC.format(name=name))
    if name in api.models:
        raise e.conflict(e.MODEL_EXISTS)
    if not p["contentType"]:
        raise e.bad_request(e.MODEL_CONTENT_TYPE_EMPTY)
    references = checked_schema(api, p.get("schema"))
    taken = {model.id for model in api.models.values()}
    model = Model(
        backend.new_id(MODEL_ID_LENGTH, call.ids, taken),
        name,
        p["contentType"],
        p.get("schema"),
        p.get("description") or None,
        references,
    )
    api.models.add(name, model)
    return render_output(model, call)


def get_model(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, model = FAMILY.locate(backend, call)
    if call.params.get("flatten") and model.references and model.schema is not None:
        model = dataclasses.replace(model, schema=flattened(api, model.schema))
    return render_output(model, call)


def _position(api: RestApi, model_id: str) -> str:
    return base64.urlsafe_b64encode(f"models:{api.id}:{model_id}".encode()).decode()


def _start(api: RestApi, position: str) -> str:
    """The id a position of this API's models starts at; AWS's 400 for any other."""
    try:
        text = base64.urlsafe_b64decode(position.encode("ascii")).decode()
    except (UnicodeError, binascii.Error, ValueError):
        text = ""
    kind, _, rest = text.partition(":")
    api_id, _, model_id = rest.partition(":")
    if kind != "models" or api_id != api.id or not model_id:
        raise e.bad_request(e.INVALID_POSITION)
    return model_id


def get_models(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """Models in the order of their ids, as AWS lists them."""
    p = call.params
    api = _api(backend, call)
    limit = clamp_limit(p.get("limit"), PAGE_DEFAULT, PAGE_MAX)
    position = p.get("position") or None
    start = None if position is None else _start(api, position)
    models = sorted(api.models.values(), key=lambda model: model.id)
    if start is not None:
        models = [model for model in models if model.id >= start]
    shape = call.operation.output_shape
    assert shape is not None
    service = call.operation.service_model.service_name
    out: dict[str, Any] = {"items": render_items(models[:limit], shape.members["items"], service)}
    if len(models) > limit:
        out["position"] = _position(api, models[limit].id)
    return out


def get_model_template(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, model = FAMILY.locate(backend, call)
    return {"value": model_template(api, model.name)}


OPERATIONS = {
    "CreateModel": create_model,
    "GetModel": get_model,
    "GetModels": get_models,
    "GetModelTemplate": get_model_template,
    **FAMILY.operations(update="UpdateModel", delete="DeleteModel"),
}
