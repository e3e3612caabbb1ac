"""What an OpenAPI document gives its REST API beside the paths: models from its schemas,
authorizers from its security schemes, request validators and gateway responses from AWS's
extensions; and the small readers of OpenAPI values the import shares.

A value of the wrong type is a warning (``Parse issue: attribute ... is not of type``) and
is left out; what the API's own checks refuse is an error of the import, named as AWS names
the part (``Unable to create model 'Pet': ...``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._registry import Call
from .._wire import ServiceError
from . import _errors as e
from ._authorizers import DEFAULT_AUTH_TYPE, MAX_AUTHORIZERS, Authorizer, check_fields
from ._gateway_responses import DEFAULT_STATUS, DEFAULT_TEMPLATES, GatewayResponse
from ._model_schemas import checked_schema
from ._request_models import Model
from ._request_validators import RequestValidator

if TYPE_CHECKING:
    from ._models import ApiGatewayBackend
    from ._rest_models import RestApi

__all__ = [
    "CANONICAL_MODEL",
    "ImportContext",
    "add_authorizers",
    "add_gateway_responses",
    "add_models",
    "add_validators",
    "inline_model",
    "text_of",
]

CANONICAL_MODEL = "https://apigateway.amazonaws.com/restapis/{api}/models/{name}"
MODEL_ID_LENGTH = 6
AUTHORIZER_ID_LENGTH = 6
VALIDATOR_ID_LENGTH = 6
_MODEL_NAME = re.compile(r"[A-Za-z0-9]+", re.ASCII)
_STATUS_CODE = re.compile(r"[1-5]\d\d", re.ASCII)
_LOCAL_SCHEMA = {2: "#/definitions/", 3: "#/components/schemas/"}
# OpenAPI keywords a JSON Schema draft 4 model has no place for: AWS leaves them out.
_OPENAPI_ONLY = frozenset(
    {"nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example",
     "deprecated"}
)  # fmt: skip
_SCHEMA_MAPS = ("properties", "patternProperties", "definitions")
_SCHEMA_VALUES = ("additionalItems", "additionalProperties", "not")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
# The order AWS writes an OpenAPI 3 schema's keywords in (others follow, as given).
_OAS3_ORDER = {
    key: index
    for index, key in enumerate(
        (
            "default", "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
            "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
            "uniqueItems", "maxProperties", "minProperties", "required", "type", "not",
            "properties", "additionalProperties", "description", "format", "$ref", "enum",
        )
    )
}  # fmt: skip


@dataclass
class ImportContext:
    """One import: the API being built (stored only when the import succeeds), what the
    document is, and what went wrong so far."""

    backend: ApiGatewayBackend
    call: Call
    document: dict[str, Any]
    version: int
    api: RestApi
    merge: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inline_models: dict[str, str] = field(default_factory=dict)
    """Models made of schemas given in place, by their text: their names."""

    def failed(self, prefix: str, error: ServiceError) -> None:
        self.errors.append(f"{prefix}: {error.message}")

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        """``value`` when it is an object; a warning and nothing otherwise."""
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.warnings.append(e.OPENAPI_NOT_TYPE.format(where=where, type="object"))
        return {}

    def listing(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.warnings.append(e.OPENAPI_NOT_TYPE.format(where=where, type="array"))
        return []

    def text(self, value: Any, where: str) -> str | None:
        """A string member as AWS reads it: a number or boolean is its text."""
        found = text_of(value)
        if found is None and value is not None:
            self.warnings.append(e.OPENAPI_NOT_TYPE.format(where=where, type="string"))
        return found

    def new_id(self, length: int, taken: Any) -> str:
        return self.backend.new_id(length, self.call.ids, taken)


def text_of(value: Any) -> str | None:
    """A scalar as text, as AWS's reader takes it where a string belongs; None for a
    mapping, a list or null."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return None


def whole_of(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,10}", value.strip()):
        return int(value)
    return None


# -- models ------------------------------------------------------------------------------------


def _model_schema(ctx: ImportContext, schema: Any) -> Any:
    """``schema`` as a model keeps it: references to the document's schemas in canonical
    form, OpenAPI's own keywords and extensions left out, and an OpenAPI 3 schema's keywords
    in AWS's order. The document nests boundedly (:mod:`._openapi_read`)."""
    if not isinstance(schema, dict):
        return schema
    local = _LOCAL_SCHEMA[ctx.version]
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _OPENAPI_ONLY or key.startswith("x-"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(local):
            value = CANONICAL_MODEL.format(api=ctx.api.id, name=value[len(local) :])
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            value = {name: _model_schema(ctx, sub) for name, sub in value.items()}
        elif key in _SCHEMA_VALUES or (key == "items" and isinstance(value, dict)):
            value = _model_schema(ctx, value)
        elif (key in _SCHEMA_LISTS or key == "items") and isinstance(value, list):
            value = [_model_schema(ctx, sub) for sub in value]
        elif key == "dependencies" and isinstance(value, dict):
            value = {name: _model_schema(ctx, sub) for name, sub in value.items()}
        out[key] = value
    if ctx.version == 3:
        last = len(_OAS3_ORDER)
        out = dict(sorted(out.items(), key=lambda item: _OAS3_ORDER.get(item[0], last)))
    return out


def _schema_text(ctx: ImportContext, schema: Any) -> str:
    return json.dumps(_model_schema(ctx, schema), ensure_ascii=False, separators=(",", ":"))


def _new_model(ctx: ImportContext, name: str, content_type: str, schema: Any) -> Model:
    old = ctx.api.models.get(name)
    taken = {model.id for model in ctx.api.models.values()}
    model_id = old.id if old is not None else ctx.new_id(MODEL_ID_LENGTH, taken)
    description = schema.get("description") if isinstance(schema, dict) else None
    return Model(
        model_id,
        name,
        content_type,
        _schema_text(ctx, schema),
        description if isinstance(description, str) else None,
    )


def add_models(ctx: ImportContext) -> list[Model]:
    """The document's schemas as models of the API (each checked once every one is there,
    since they may refer to each other)."""
    if ctx.version == 2:
        where = "definitions"
        schemas = ctx.mapping(ctx.document.get("definitions"), where)
    else:
        where = "components.schemas"
        components = ctx.mapping(ctx.document.get("components"), "components")
        schemas = ctx.mapping(components.get("schemas"), where)
    added: list[Model] = []
    for name, schema in schemas.items():
        if _MODEL_NAME.fullmatch(name) is None:
            problem = e.bad_request(e.MODEL_NAME_NOT_ALPHANUMERIC.format(name=name))
            ctx.failed(e.OPENAPI_CREATE_MODEL.format(name=name), problem)
            continue
        model = _new_model(ctx, name, "application/json", schema)
        ctx.api.models.add(name, model)
        added.append(model)
    return added


def check_models(ctx: ImportContext, models: list[Model]) -> None:
    for model in models:
        try:
            model.references = checked_schema(ctx.api, model.schema)
        except ServiceError as error:
            ctx.failed(e.OPENAPI_CREATE_MODEL.format(name=model.name), error)


def schema_ref_name(ctx: ImportContext, schema: Any) -> str | None:
    """The document schema ``schema`` is a reference to, if it is one."""
    if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
        return None
    ref: str = schema["$ref"]
    local = _LOCAL_SCHEMA[ctx.version]
    return ref[len(local) :] if ref.startswith(local) else None


def inline_model(ctx: ImportContext, content_type: str, schema: Any, where: str) -> str | None:
    """The model a request or response body of ``content_type`` names: the document's
    schema it refers to, or one AWS makes of a schema given in place (named ``MODEL`` and six
    hexadecimal digits of its content, made once per content)."""
    name = schema_ref_name(ctx, schema)
    if name is not None:
        if name not in ctx.api.models:
            ctx.warnings.append(e.OPENAPI_MISSING.format(where=f"{where}.{schema['$ref']}"))
            return None
        return name
    if not isinstance(schema, dict) or not schema:
        return None
    text = _schema_text(ctx, schema)
    name = ctx.inline_models.get(text)
    if name is None:
        name = "MODEL" + hashlib.sha1(text.encode()).hexdigest()[:6]
        model = _new_model(ctx, name, content_type, schema)
        ctx.api.models.add(name, model)
        ctx.inline_models[text] = name
        check_models(ctx, [model])
    return name


# -- authorizers -------------------------------------------------------------------------------

_AUTHORIZER_TYPES = {
    "token": "TOKEN",
    "request": "REQUEST",
    "cognito_user_pools": "COGNITO_USER_POOLS",
}


def security_schemes(ctx: ImportContext) -> dict[str, Any]:
    if ctx.version == 2:
        return ctx.mapping(ctx.document.get("securityDefinitions"), "securityDefinitions")
    components = ctx.mapping(ctx.document.get("components"), "components")
    return ctx.mapping(components.get("securitySchemes"), "components.securitySchemes")


def _identity_source(scheme: dict[str, Any], given: str | None, kind: str) -> str | None:
    """The identity source given, or the header (or query string parameter, for a REQUEST
    authorizer) the security scheme names."""
    if given:
        return given
    name = text_of(scheme.get("name"))
    if not name:
        return None
    where = "querystring" if kind == "REQUEST" and scheme.get("in") == "query" else "header"
    return f"method.request.{where}.{name}"


def _authorizer(ctx: ImportContext, name: str, scheme: dict[str, Any]) -> Authorizer | None:
    where = f"securityDefinitions.{name}.x-amazon-apigateway-authorizer"
    raw = ctx.mapping(scheme.get("x-amazon-apigateway-authorizer"), where)
    prefix = e.OPENAPI_CREATE_AUTHORIZER.format(name=name)
    given_type = text_of(raw.get("type")) or ""
    kind = _AUTHORIZER_TYPES.get(given_type.lower())
    if kind is None:
        ctx.failed(prefix, e.bad_request(e.OPENAPI_AUTHORIZER_TYPE.format(value=given_type)))
        return None
    lambda_type = kind != "COGNITO_USER_POOLS"
    arns = [text_of(arn) or "" for arn in ctx.listing(raw.get("providerARNs"), where)]
    ttl = raw.get("authorizerResultTtlInSeconds")
    old = next((a for a in ctx.api.authorizers.values() if a.name == name), None)
    authorizer = Authorizer(
        old.id if old is not None else "",
        name,
        kind,
        provider_arns=None if lambda_type else (arns or None),
        auth_type=text_of(scheme.get("x-amazon-apigateway-authtype")) or DEFAULT_AUTH_TYPE[kind],
        authorizer_uri=(text_of(raw.get("authorizerUri")) or None) if lambda_type else None,
        authorizer_credentials=(text_of(raw.get("authorizerCredentials")) or None)
        if lambda_type
        else None,
        identity_source=_identity_source(scheme, text_of(raw.get("identitySource")), kind),
        identity_validation_expression=text_of(raw.get("identityValidationExpression")) or None,
        authorizer_result_ttl_in_seconds=None if ttl is None else whole_of(ttl),
    )
    if ttl is not None and authorizer.authorizer_result_ttl_in_seconds is None:
        ctx.failed(prefix, e.bad_request(e.AUTHORIZER_TTL_RANGE))
        return None
    try:
        check_fields(authorizer)
    except ServiceError as error:
        ctx.failed(prefix, error)
        return None
    if old is None:
        authorizer.id = ctx.new_id(AUTHORIZER_ID_LENGTH, ctx.api.authorizers)
    return authorizer


def add_authorizers(ctx: ImportContext) -> dict[str, str]:
    """The document's Lambda and Cognito authorizers on the API; their ids by scheme name."""
    ids: dict[str, str] = {}
    for name, scheme in security_schemes(ctx).items():
        if not isinstance(scheme, dict) or "x-amazon-apigateway-authorizer" not in scheme:
            continue
        authorizer = _authorizer(ctx, name, scheme)
        if authorizer is None:
            continue
        if authorizer.id not in ctx.api.authorizers and len(ctx.api.authorizers) >= MAX_AUTHORIZERS:
            ctx.failed(
                e.OPENAPI_CREATE_AUTHORIZER.format(name=name), e.limit_exceeded(e.AUTHORIZER_LIMIT)
            )
            continue
        ctx.api.authorizers.add(authorizer.id, authorizer)
        ids[name] = authorizer.id
    return ids


# -- request validators and gateway responses -------------------------------------------------


def add_validators(ctx: ImportContext) -> dict[str, str]:
    """The document's request validators on the API; their ids by name."""
    where = "x-amazon-apigateway-request-validators"
    ids: dict[str, str] = {}
    for name, raw in ctx.mapping(ctx.document.get(where), where).items():
        settings = ctx.mapping(raw, f"{where}.{name}")
        old = next((v for v in ctx.api.request_validators.values() if v.name == name), None)
        validator = RequestValidator(
            old.id
            if old is not None
            else ctx.new_id(VALIDATOR_ID_LENGTH, ctx.api.request_validators),
            name,
            settings.get("validateRequestBody") is True,
            settings.get("validateRequestParameters") is True,
        )
        ctx.api.request_validators.add(validator.id, validator)
        ids[name] = validator.id
    return ids


def add_gateway_responses(ctx: ImportContext) -> None:
    where = "x-amazon-apigateway-gateway-responses"
    for kind, raw in ctx.mapping(ctx.document.get(where), where).items():
        prefix = e.OPENAPI_PUT_GATEWAY_RESPONSE.format(type=kind)
        if kind not in DEFAULT_STATUS:
            ctx.failed(prefix, e.bad_request(e.OPENAPI_GATEWAY_RESPONSE_TYPE.format(value=kind)))
            continue
        settings = ctx.mapping(raw, f"{where}.{kind}")
        status = text_of(settings.get("statusCode"))
        if status is not None and _STATUS_CODE.fullmatch(status) is None:
            ctx.failed(
                prefix, e.bad_request(e.GATEWAY_RESPONSE_STATUS_INVALID.format(value=status))
            )
            continue
        parameters = ctx.mapping(settings.get("responseParameters"), f"{where}.{kind}")
        templates = settings.get("responseTemplates")
        templates = ctx.mapping(templates, f"{where}.{kind}") if templates is not None else None
        ctx.api.gateway_responses.add(
            kind,
            GatewayResponse(
                kind,
                status or DEFAULT_STATUS[kind],
                {k: text_of(v) or "" for k, v in parameters.items()},
                dict(DEFAULT_TEMPLATES)
                if templates is None
                else {k: text_of(v) or "" for k, v in templates.items()},
            ),
        )
