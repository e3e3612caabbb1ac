"""GetExport: a REST API of a stage as an OpenAPI 3.0 (``oas30``) or 2.0 (``swagger``)
document, JSON or YAML, as API Gateway writes it.

The document has the API's paths, parameters, request bodies, responses (``<code>
response``), models and security schemes. ``extensions`` adds AWS's own: ``integrations``
the integrations, ``authorizers`` the authorizers, ``validators`` the request validators,
``apigateway`` all of them and the API's settings; documentation parts come along when the
stage has a documentation version. The document is written by :mod:`._openapi_write`.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from typing import Any

from botocore.response import StreamingBody

from .._jackson import jackson
from .._registry import Call
from . import _errors as e
from ._authorizers import Authorizer
from ._model_schemas import referenced_name
from ._models import ApiGatewayBackend
from ._openapi_write import yaml_text
from ._rest_models import Integration, Method, Resource, RestApi, Stage

__all__ = ["OPERATIONS", "export_document"]

EXPORT_TYPES = ("oas30", "swagger")
CONTENT_TYPE = "application/octet-stream"
_METHOD_ORDER = ("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY")
_KEYS = {"ANY": "x-amazon-apigateway-any-method"}
_PLACES = {
    "path": "path",
    "querystring": "query",
    "multivaluequerystring": "query",
    "header": "header",
    "multivalueheader": "header",
}
_PARAMETER = re.compile(r"method\.request\.([a-z]+)\.(.+)", re.DOTALL)
_HEADER_SOURCE = re.compile(r"method\.request\.header\.(.+)", re.DOTALL)
_API_KEY = {"type": "apiKey", "name": "x-api-key", "in": "header"}
_SIGV4 = {
    "type": "apiKey",
    "name": "Authorization",
    "in": "header",
    "x-amazon-apigateway-authtype": "awsSigv4",
}


def _iso(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class _Exporter:
    def __init__(
        self,
        backend: ApiGatewayBackend,
        api: RestApi,
        stage: Stage,
        kind: str,
        extensions: set[str],
    ) -> None:
        self.backend = backend
        self.api = api
        self.stage = stage
        self.oas3 = kind == "oas30"
        self.integrations = bool({"integrations", "apigateway"} & extensions)
        self.authorizers = bool({"authorizers", "apigateway"} & extensions)
        self.validators = bool({"validators", "apigateway"} & extensions)
        self.settings = "apigateway" in extensions
        self.local = "#/components/schemas/" if self.oas3 else "#/definitions/"
        self.used_schemes: dict[str, dict[str, Any]] = {}

    # -- models -----------------------------------------------------------------------------

    def _ref(self, name: str) -> dict[str, str]:
        return {"$ref": self.local + name}

    def _localized(self, node: Any) -> Any:
        """A model's schema with its references to the API's models made local."""
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    name = referenced_name(value, self.api.id)
                    value = value if name is None else self.local + name
                out[key] = self._localized(value)
            return out
        if isinstance(node, list):
            return [self._localized(value) for value in node]
        return node

    def schemas(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for model in self.api.models.values():
            try:
                schema = json.loads(model.schema or "")
            except (ValueError, RecursionError):
                continue
            out[model.name] = self._localized(schema)
        return out

    # -- operations ---------------------------------------------------------------------------

    def _parameters(self, method: Method) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for expression, required in (method.request_parameters or {}).items():
            matched = _PARAMETER.fullmatch(expression)
            place = None if matched is None else _PLACES.get(matched[1])
            if matched is None or place is None:
                continue
            parameter: dict[str, Any] = {"name": matched[2], "in": place}
            if self.oas3:
                if required:
                    parameter["required"] = True
                parameter["schema"] = {"type": "string"}
            else:
                parameter["required"] = bool(required)
                parameter["type"] = "string"
            out.append(parameter)
        models = method.request_models or {}
        if models and not self.oas3:
            name = models.get("application/json") or next(iter(models.values()))
            out.append({"in": "body", "name": name, "required": True, "schema": self._ref(name)})
        return out

    def _responses(self, method: Method) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for code, response in method.method_responses.items():
            headers = [
                name.removeprefix("method.response.header.")
                for name in (response.response_parameters or {})
            ]
            models = response.response_models or {}
            entry: dict[str, Any] = {"description": f"{code} response"}
            if self.oas3:
                if headers:
                    entry["headers"] = {h: {"schema": {"type": "string"}} for h in headers}
                entry["content"] = {ct: {"schema": self._ref(m)} for ct, m in models.items()}
            else:
                if models:
                    entry["schema"] = self._ref(
                        models.get("application/json") or next(iter(models.values()))
                    )
                if headers:
                    entry["headers"] = {h: {"type": "string"} for h in headers}
            out[code] = entry
        return out

    def _media_types(self, method: Method) -> tuple[list[str], list[str]]:
        """What an OpenAPI 2 operation consumes and produces: the content types of its models
        and mapping templates."""
        consumes = list(method.request_models or {})
        produces: list[str] = []
        for response in method.method_responses.values():
            produces += [t for t in response.response_models or {} if t not in produces]
        integration = method.method_integration
        if integration is not None:
            consumes += [t for t in integration.request_templates or {} if t not in consumes]
            for ir in integration.integration_responses.values():
                produces += [t for t in ir.response_templates or {} if t not in produces]
        return consumes, produces

    def _security(self, method: Method) -> list[dict[str, list[str]]]:
        requirement: dict[str, list[str]] = {}
        if method.api_key_required:
            requirement["api_key"] = []
            self.used_schemes["api_key"] = dict(_API_KEY)
        authorizer = self.api.authorizers.get(method.authorizer_id or "")
        if method.authorization_type in ("CUSTOM", "COGNITO_USER_POOLS") and authorizer:
            requirement[authorizer.name or authorizer.id] = list(method.authorization_scopes or [])
        elif method.authorization_type == "AWS_IAM":
            requirement["sigv4"] = []
            self.used_schemes["sigv4"] = dict(_SIGV4)
        return [requirement] if requirement else []

    def operation(self, resource: Resource, method: Method) -> dict[str, Any]:
        op: dict[str, Any] = {}
        if method.operation_name:
            op["operationId"] = method.operation_name
        if not self.oas3:
            consumes, produces = self._media_types(method)
            if consumes:
                op["consumes"] = consumes
            if produces:
                op["produces"] = produces
        parameters = self._parameters(method)
        if parameters:
            op["parameters"] = parameters
        if self.oas3 and method.request_models:
            op["requestBody"] = {
                "content": {
                    ct: {"schema": self._ref(m)} for ct, m in method.request_models.items()
                },
                "required": True,
            }
        op["responses"] = self._responses(method)
        security = self._security(method)
        if security:
            op["security"] = security
        validator = self.api.request_validators.get(method.request_validator_id or "")
        if self.validators and validator is not None and validator.name:
            op["x-amazon-apigateway-request-validator"] = validator.name
        if self.integrations and method.method_integration is not None:
            op["x-amazon-apigateway-integration"] = _integration(
                resource, method.method_integration
            )
        return op

    def _resources(self) -> Iterator[Resource]:
        """Resources with methods: in creation order; an OpenAPI 3 document puts the root
        last."""
        resources = [r for r in self.api.resources.values() if r.methods]
        if self.oas3:
            resources.sort(key=lambda r: r.parent_id is None)
        return iter(resources)

    def paths(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for resource in self._resources():
            item: dict[str, Any] = {}
            for verb in sorted(resource.methods, key=_method_rank):
                key = _KEYS.get(verb, verb.lower())
                item[key] = self.operation(resource, resource.methods[verb])
            out[resource.path] = item
        return out

    # -- security schemes and the API's own settings ------------------------------------------

    def _authorizer_scheme(self, authorizer: Authorizer) -> dict[str, Any]:
        header = _HEADER_SOURCE.fullmatch(authorizer.identity_source or "")
        scheme: dict[str, Any] = {
            "type": "apiKey",
            "name": header[1] if header and "," not in header[1] else "Unused",
            "in": "header",
        }
        if authorizer.auth_type:
            scheme["x-amazon-apigateway-authtype"] = authorizer.auth_type
        if self.authorizers:
            extension: dict[str, Any] = {"type": authorizer.type.lower()}
            for key, value in (
                ("authorizerUri", authorizer.authorizer_uri),
                ("authorizerCredentials", authorizer.authorizer_credentials),
                ("providerARNs", authorizer.provider_arns),
                ("identitySource", authorizer.identity_source),
                ("identityValidationExpression", authorizer.identity_validation_expression),
                ("authorizerResultTtlInSeconds", authorizer.authorizer_result_ttl_in_seconds),
            ):
                if value is not None:
                    extension[key] = value
            scheme["x-amazon-apigateway-authorizer"] = extension
        return scheme

    def security_schemes(self) -> dict[str, Any]:
        schemes = dict(self.used_schemes)
        for authorizer in self.api.authorizers.values():
            schemes[authorizer.name or authorizer.id] = self._authorizer_scheme(authorizer)
        return schemes

    def _policy(self) -> Any:
        if not self.api.policy:
            return None
        try:
            return json.loads(json.loads(f'"{self.api.policy}"'))
        except ValueError:
            return None

    def extensions(self) -> dict[str, Any]:
        """The API's own settings, as AWS's top-level extensions."""
        api = self.api
        out: dict[str, Any] = {}
        documentation = self._documentation()
        if documentation is not None:
            out["x-amazon-apigateway-documentation"] = documentation
        if self.validators and len(api.request_validators):
            out["x-amazon-apigateway-request-validators"] = {
                v.name or v.id: {
                    "validateRequestParameters": v.validate_request_parameters,
                    "validateRequestBody": v.validate_request_body,
                }
                for v in api.request_validators.values()
            }
        if not self.settings:
            return out
        if len(api.gateway_responses):
            out["x-amazon-apigateway-gateway-responses"] = {
                r.response_type: _present(
                    statusCode=r.status_code,
                    responseParameters=r.response_parameters or None,
                    responseTemplates=r.response_templates or None,
                )
                for r in api.gateway_responses.values()
            }
        policy = self._policy()
        if policy is not None:
            out["x-amazon-apigateway-policy"] = policy
        if api.api_key_source != "HEADER":
            out["x-amazon-apigateway-api-key-source"] = api.api_key_source
        if api.binary_media_types:
            out["x-amazon-apigateway-binary-media-types"] = list(api.binary_media_types)
        if api.minimum_compression_size is not None:
            out["x-amazon-apigateway-minimum-compression-size"] = api.minimum_compression_size
        return out

    def endpoint(self) -> dict[str, Any] | None:
        api = self.api
        if not self.settings:
            return None
        found = _present(
            disableExecuteApiEndpoint=api.disable_execute_api_endpoint or None,
            vpcEndpointIds=api.endpoint_configuration.get("vpcEndpointIds"),
        )
        return found or None

    def _documentation(self) -> dict[str, Any] | None:
        name = self.stage.documentation_version
        version = None if name is None else self.api.documentation_versions.get(name)
        if version is None:
            return None
        return {
            "version": version.version,
            "createdDate": _iso(version.created_date),
            "documentationParts": [
                {"location": dict(part.location), "properties": json.loads(part.properties)}
                for part in version.parts
            ],
        }

    # -- the document -------------------------------------------------------------------------

    def version(self) -> str:
        return self.api.version or _iso(self.api.created_date)

    def document(self) -> dict[str, Any]:
        api = self.api
        paths = self.paths()
        schemas = self.schemas()
        schemes = self.security_schemes()
        host = f"{api.id}.execute-api.{self.backend.region}.amazonaws.com"
        if self.oas3:
            info = _present(title=api.name, description=api.description, version=self.version())
            server: dict[str, Any] = {
                "url": f"https://{host}/{{basePath}}",
                "variables": {"basePath": {"default": self.stage.stage_name}},
            }
            endpoint = self.endpoint()
            if endpoint:
                server["x-amazon-apigateway-endpoint-configuration"] = endpoint
            components = _present(schemas=schemas or None, securitySchemes=schemes or None)
            return {
                "openapi": "3.0.1",
                "info": info,
                "servers": [server],
                "paths": paths,
                "components": components,
                **self.extensions(),
            }
        document: dict[str, Any] = {
            "swagger": "2.0",
            "info": _present(description=api.description, version=self.version(), title=api.name),
            "host": host,
            "basePath": "/" + self.stage.stage_name,
            "schemes": ["https"],
            "paths": paths,
        }
        if schemes:
            document["securityDefinitions"] = schemes
        if schemas:
            document["definitions"] = schemas
        endpoint = self.endpoint()
        if endpoint:
            document["x-amazon-apigateway-endpoint-configuration"] = endpoint
        document.update(self.extensions())
        return document


def _method_rank(verb: str) -> int:
    return _METHOD_ORDER.index(verb) if verb in _METHOD_ORDER else len(_METHOD_ORDER)


def _present(**members: Any) -> dict[str, Any]:
    return {key: value for key, value in members.items() if value is not None}


def _integration(resource: Resource, integration: Integration) -> dict[str, Any]:
    """``x-amazon-apigateway-integration`` of a method's integration."""
    responses = {
        response.selection_pattern or "default": _present(
            statusCode=response.status_code,
            responseParameters=response.response_parameters or None,
            responseTemplates=_templates(response.response_templates),
            contentHandling=response.content_handling,
        )
        for response in integration.integration_responses.values()
    }
    return _present(
        type=integration.type.lower(),
        httpMethod=integration.http_method,
        uri=integration.uri,
        credentials=integration.credentials,
        connectionType=integration.connection_type
        if integration.connection_type == "VPC_LINK"
        else None,
        connectionId=integration.connection_id,
        responses=responses or None,
        requestParameters=integration.request_parameters or None,
        requestTemplates=_templates(integration.request_templates),
        passthroughBehavior=integration.passthrough_behavior.lower(),
        contentHandling=integration.content_handling,
        timeoutInMillis=integration.timeout_in_millis
        if integration.timeout_in_millis != 29_000
        else None,
        cacheNamespace=integration.cache_namespace
        if integration.cache_namespace not in (None, resource.id)
        else None,
        cacheKeyParameters=list(integration.cache_key_parameters) or None,
        tlsConfig=integration.tls_config or None,
    )


def _templates(templates: dict[str, str | None] | None) -> dict[str, str] | None:
    """Mapping templates; an empty one (kept as null) is written as an empty string."""
    if not templates:
        return None
    return {content_type: text or "" for content_type, text in templates.items()}


def export_document(
    backend: ApiGatewayBackend, api: RestApi, stage: Stage, kind: str, extensions: set[str]
) -> dict[str, Any]:
    """The document GetExport writes for ``api`` on ``stage``."""
    return _Exporter(backend, api, stage, kind, extensions).document()


def get_export(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    stage = api.stages.get(p["stageName"])
    if stage is None:
        raise e.not_found(e.STAGE_NOT_FOUND)
    kind = p["exportType"]
    if kind not in EXPORT_TYPES:
        raise e.bad_request(e.EXPORT_TYPE_INVALID.format(value=kind))
    accepts = (p.get("accepts") or "application/json").split(";")[0].strip().lower()
    if accepts not in ("application/json", "application/yaml"):
        raise e.bad_request(e.EXPORT_ACCEPTS_INVALID.format(value=p.get("accepts")))
    given = (p.get("parameters") or {}).get("extensions") or ""
    extensions = {part.strip() for part in given.split(",") if part.strip()}
    exporter = _Exporter(backend, api, stage, kind, extensions)
    document = exporter.document()
    yaml_out = accepts == "application/yaml"
    text = yaml_text(document) if yaml_out else jackson(document)
    data = text.encode("utf-8")
    filename = f"{kind}_{exporter.version()}.{'yaml' if yaml_out else 'json'}"
    return {
        "contentType": CONTENT_TYPE,
        "contentDisposition": f'attachment; filename="{filename}"',
        "body": StreamingBody(io.BytesIO(data), len(data)),
    }


OPERATIONS = {"GetExport": get_export}
