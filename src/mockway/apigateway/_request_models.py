"""Models of a REST API: the JSON schemas of request and response payloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._ids import IdSource
    from ._rest_models import RestApi

__all__ = ["OPERATIONS", "Model", "add_default_models"]

MODEL_ID_LENGTH = 6
_DRAFT_4 = "http://json-schema.org/draft-04/schema#"
# Every new REST API has these two, as AWS creates them.
DEFAULT_MODELS = (
    (
        "Empty",
        "This is a default empty schema model",
        '{\n  "$schema" : "' + _DRAFT_4 + '",\n  "title" : "Empty Schema",\n  "type" : "object"\n}',
    ),
    (
        "Error",
        "This is a default error schema model",
        '{\n  "$schema" : "' + _DRAFT_4 + '",\n  "title" : "Error Schema",\n'
        '  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
    ),
)


@dataclass(slots=True)
class Model:
    id: str
    name: str
    content_type: str
    schema: str | None = None
    description: str | None = None


def add_default_models(api: RestApi, ids: IdSource) -> None:
    for name, description, schema in DEFAULT_MODELS:
        model_id = ids.lower_alnum(MODEL_ID_LENGTH)
        api.models.add(name, Model(model_id, name, "application/json", schema, description))


OPERATIONS: dict[str, Any] = {}
