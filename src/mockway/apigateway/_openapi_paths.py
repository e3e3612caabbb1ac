"""The paths of an OpenAPI document as a REST API's resources and methods: each operation a
method with its request parameters and models, method responses, authorization and
``x-amazon-apigateway-integration``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .._wire import ServiceError
from . import _errors as e
from ._methods import check_references
from ._openapi_integrations import integration_of
from ._openapi_schemas import ImportContext, inline_model, security_schemes, text_of
from ._resources import check_path_part, child_path
from ._rest_models import (
    Method,
    MethodResponse,
    Resource,
)

__all__ = ["add_paths", "base_path_parts"]

RESOURCE_ID_LENGTH = 6
OPERATIONS = {
    "get": "GET",
    "put": "PUT",
    "post": "POST",
    "delete": "DELETE",
    "options": "OPTIONS",
    "head": "HEAD",
    "patch": "PATCH",
    "x-amazon-apigateway-any-method": "ANY",
}
_STATUS_CODE = re.compile(r"[1-5]\d\d", re.ASCII)
_PATH_VARIABLE = re.compile(r"\{([^{}]+?)\+?\}")
_PARAMETER_PLACES = {"path": "path", "query": "querystring", "header": "header"}


# -- base paths --------------------------------------------------------------------------------


def _document_base_path(ctx: ImportContext) -> str:
    """``basePath`` (OpenAPI 2), or else the first server's ``basePath`` variable or the path
    of its URL (OpenAPI 3)."""
    document = ctx.document
    if ctx.version == 2:
        return text_of(document.get("basePath")) or ""
    servers = [s for s in ctx.listing(document.get("servers"), "servers") if isinstance(s, dict)]
    for server in servers:
        variables = server.get("variables")
        variable = variables.get("basePath") if isinstance(variables, dict) else None
        if isinstance(variable, dict):
            return text_of(variable.get("default")) or ""
    for server in servers:
        url = text_of(server.get("url")) or ""
        try:
            return urlsplit(url).path
        except ValueError:
            return ""
    return ""


def base_path_parts(ctx: ImportContext, mode: str) -> list[str]:
    """The path parts the ``basepath`` mode puts before every path: none (``ignore``), the
    base path's (``prepend``), or those after its first (``split``)."""
    if mode == "ignore":
        return []
    parts = [part for part in _document_base_path(ctx).split("/") if part]
    return parts if mode == "prepend" else parts[1:]


# -- resources ---------------------------------------------------------------------------------


class _Resources:
    """The API's resources by path, made on demand; an overwrite keeps the id a path had."""

    def __init__(self, ctx: ImportContext, kept_ids: dict[str, str]) -> None:
        self.ctx = ctx
        self.kept_ids = kept_ids
        self.by_path = {resource.path: resource for resource in ctx.api.resources.values()}
        self.children: dict[str, list[Resource]] = {}
        for resource in ctx.api.resources.values():
            if resource.parent_id is not None:
                self.children.setdefault(resource.parent_id, []).append(resource)

    def at(self, parts: list[str]) -> Resource | None:
        path = "/" + "/".join(parts)
        found = self.by_path.get(path)
        if found is not None:
            return found
        parent = self.at(parts[:-1])
        if parent is None:
            return None
        api = self.ctx.api
        siblings = self.children.setdefault(parent.id, [])
        try:
            check_path_part(_Siblings(siblings), parent, parts[-1], None)  # type: ignore[arg-type]
        except ServiceError as error:
            self.ctx.failed(e.OPENAPI_CREATE_RESOURCE.format(path=path), error)
            return None
        resource_id = self.kept_ids.get(path)
        if resource_id is None or resource_id in api.resources:
            resource_id = self.ctx.new_id(RESOURCE_ID_LENGTH, _Taken(api.resources, self.kept_ids))
        resource = Resource(resource_id, parent.id, parts[-1], child_path(parent, parts[-1]))
        api.resources.add(resource.id, resource)
        self.by_path[path] = resource
        siblings.append(resource)
        return resource


class _Siblings:
    """What :func:`check_path_part` reads of an API: here, only the parent's children, so a
    check costs what the parent has, not what the API has."""

    def __init__(self, children: list[Resource]) -> None:
        self.resources = self
        self._children = children

    def values(self) -> list[Resource]:
        return self._children


class _Taken:
    """Ids in use, or kept for a path the import may still make."""

    def __init__(self, store: Any, kept: dict[str, str]) -> None:
        self.store = store
        self.kept = set(kept.values())

    def __contains__(self, item: object) -> bool:
        return item in self.store or item in self.kept


# -- parameters and bodies ---------------------------------------------------------------------


def _resolved(ctx: ImportContext, value: Any, where: str) -> Any:
    """``value``, or what its local ``$ref`` points at (one step)."""
    if not isinstance(value, dict) or not isinstance(value.get("$ref"), str):
        return value
    ref: str = value["$ref"]
    if not ref.startswith("#/"):
        return value
    target: Any = ctx.document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        target = target.get(part) if isinstance(target, dict) else None
    if target is None:
        ctx.warnings.append(e.OPENAPI_MISSING.format(where=f"{where}.{ref}"))
    return target


def _media_types(ctx: ImportContext, operation: dict[str, Any], member: str) -> list[str]:
    """``consumes`` or ``produces`` of an OpenAPI 2 operation, else of the document."""
    given = operation.get(member, ctx.document.get(member))
    types = [t for t in ctx.listing(given, member) if isinstance(t, str)]
    return types or ["application/json"]


def _parameters(
    ctx: ImportContext, path_item: dict[str, Any], operation: dict[str, Any], where: str
) -> tuple[dict[str, bool], dict[str, str]]:
    """The method's request parameters and, for an OpenAPI 2 body parameter, models."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [
        *ctx.listing(path_item.get("parameters"), f"{where}.parameters"),
        *ctx.listing(operation.get("parameters"), f"{where}.parameters"),
    ]:
        parameter = _resolved(ctx, raw, f"{where}.parameters")
        if isinstance(parameter, dict):
            name, place = text_of(parameter.get("name")), text_of(parameter.get("in"))
            if name and place:
                found[(place, name)] = parameter
    parameters: dict[str, bool] = {}
    models: dict[str, str] = {}
    for (place, name), parameter in found.items():
        if place == "body" and ctx.version == 2:
            for content_type in _media_types(ctx, operation, "consumes"):
                model = inline_model(ctx, content_type, parameter.get("schema"), where)
                if model is not None:
                    models[content_type] = model
        elif place in _PARAMETER_PLACES:
            required = place == "path" or parameter.get("required") is True
            parameters[f"method.request.{_PARAMETER_PLACES[place]}.{name}"] = required
    return parameters, models


def _request_body_models(
    ctx: ImportContext, operation: dict[str, Any], where: str
) -> dict[str, str]:
    body = _resolved(ctx, operation.get("requestBody"), f"{where}.requestBody")
    content = ctx.mapping(body.get("content") if isinstance(body, dict) else None, where)
    models: dict[str, str] = {}
    for content_type, media in content.items():
        schema = media.get("schema") if isinstance(media, dict) else None
        model = inline_model(ctx, content_type, schema, f"{where}.requestBody")
        if model is not None:
            models[content_type] = model
    return models


def _method_responses(
    ctx: ImportContext, operation: dict[str, Any], where: str, method: str, path: str
) -> dict[str, MethodResponse]:
    responses: dict[str, MethodResponse] = {}
    raw_responses = ctx.mapping(operation.get("responses"), f"{where}.responses")
    for code, raw in raw_responses.items():
        if code == "default":
            continue
        if _STATUS_CODE.fullmatch(code) is None:
            ctx.warnings.append(e.OPENAPI_BAD_STATUS.format(status=code, method=method, path=path))
            continue
        response = _resolved(ctx, raw, f"{where}.responses.{code}")
        if not isinstance(response, dict):
            continue
        headers = ctx.mapping(response.get("headers"), f"{where}.responses.{code}.headers")
        parameters = {
            f"method.response.header.{name}": isinstance(h, dict) and h.get("required") is True
            for name, h in headers.items()
        }
        models: dict[str, str] = {}
        if ctx.version == 2:
            if response.get("schema") is not None:
                for content_type in _media_types(ctx, operation, "produces"):
                    name = inline_model(ctx, content_type, response["schema"], where)
                    if name is not None:
                        models[content_type] = name
        else:
            content = ctx.mapping(response.get("content"), f"{where}.responses.{code}.content")
            for content_type, media in content.items():
                schema = media.get("schema") if isinstance(media, dict) else None
                name = inline_model(ctx, content_type, schema, where)
                if name is not None:
                    models[content_type] = name
        responses[code] = MethodResponse(code, parameters or None, models or None)
    return responses


# -- authorization -----------------------------------------------------------------------------


def _authorize(
    ctx: ImportContext,
    method: Method,
    operation: dict[str, Any],
    authorizers: dict[str, str],
    path: str,
) -> None:
    """Authorization from the operation's security requirements (or the document's): a
    scheme with an authorizer makes the method CUSTOM or COGNITO_USER_POOLS (a Cognito one
    takes the requirement's scopes), the ``x-api-key`` header scheme requires an API key,
    an ``awsSigv4`` scheme makes it AWS_IAM; ``x-amazon-apigateway-auth`` says the type."""
    security = operation.get("security", ctx.document.get("security"))
    schemes = security_schemes(ctx)
    for requirement in ctx.listing(security, "security"):
        if not isinstance(requirement, dict):
            continue
        for name, scopes in requirement.items():
            scheme = schemes.get(name)
            if not isinstance(scheme, dict):
                ctx.warnings.append(
                    e.OPENAPI_UNKNOWN_SECURITY.format(
                        name=name, method=method.http_method, path=path
                    )
                )
                continue
            authorizer_id = authorizers.get(name)
            if authorizer_id is not None:
                if method.authorizer_id is None:
                    authorizer = ctx.api.authorizers.get(authorizer_id)
                    assert authorizer is not None
                    cognito = authorizer.type == "COGNITO_USER_POOLS"
                    method.authorization_type = "COGNITO_USER_POOLS" if cognito else "CUSTOM"
                    method.authorizer_id = authorizer_id
                    given = (
                        [s for s in scopes if isinstance(s, str)]
                        if isinstance(scopes, list)
                        else []
                    )
                    method.authorization_scopes = (given or None) if cognito else None
                continue
            kind = str(scheme.get("x-amazon-apigateway-authtype", "")).lower()
            if kind == "awssigv4":
                if method.authorizer_id is None:
                    method.authorization_type = "AWS_IAM"
            elif (
                scheme.get("type") == "apiKey"
                and scheme.get("in") == "header"
                and str(scheme.get("name", "")).lower() == "x-api-key"
            ):
                method.api_key_required = True
    auth = operation.get("x-amazon-apigateway-auth")
    if isinstance(auth, dict) and isinstance(auth.get("type"), str):
        kind = auth["type"].upper()
        if kind in ("NONE", "AWS_IAM"):
            method.authorization_type, method.authorizer_id = kind, None
            method.authorization_scopes = None


# -- operations --------------------------------------------------------------------------------


def _method(
    ctx: ImportContext,
    resource: Resource,
    verb: str,
    path_item: dict[str, Any],
    operation: dict[str, Any],
    refs: tuple[dict[str, str], dict[str, str], str | None],
    where: str,
) -> Method | None:
    authorizers, validators, default_validator = refs
    path = resource.path
    parameters, models = _parameters(ctx, path_item, operation, where)
    for variable in _PATH_VARIABLE.findall(path):
        parameters.setdefault(f"method.request.path.{variable}", True)
    if ctx.version == 3:
        models.update(_request_body_models(ctx, operation, where))
    method = Method(
        verb,
        "NONE",
        operation_name=text_of(operation.get("operationId")) or None,
        request_parameters=parameters or None,
        request_models=models or None,
        method_responses=_method_responses(ctx, operation, where, verb, path),
    )
    _authorize(ctx, method, operation, authorizers, path)
    validator = operation.get("x-amazon-apigateway-request-validator", default_validator)
    prefix = e.OPENAPI_PUT_METHOD.format(method=verb, path=path)
    if validator is not None:
        validator_id = validators.get(str(validator))
        if validator_id is None:
            ctx.failed(prefix, e.bad_request(e.OPENAPI_UNKNOWN_VALIDATOR.format(name=validator)))
            return None
        method.request_validator_id = validator_id
    try:
        check_references(ctx.api, method)
    except ServiceError as error:
        ctx.failed(prefix, error)
        return None
    raw = operation.get("x-amazon-apigateway-integration")
    if raw is not None:
        raw = ctx.mapping(raw, f"{where}.x-amazon-apigateway-integration")
        method.method_integration = integration_of(ctx, raw, resource, method)
    return method


def add_paths(
    ctx: ImportContext,
    prefix: list[str],
    kept_ids: dict[str, str],
    refs: tuple[dict[str, str], dict[str, str], str | None],
) -> None:
    """Every path of the document as resources, each operation as a method in place of the
    one the resource had."""
    resources = _Resources(ctx, kept_ids)
    for path, raw_item in ctx.mapping(ctx.document.get("paths"), "paths").items():
        where = f"paths.'{path}'"
        path_item = ctx.mapping(raw_item, where)
        if not path.startswith("/"):
            ctx.warnings.append(e.OPENAPI_NOT_TYPE.format(where=where, type="path"))
            continue
        parts = [*prefix, *(part for part in path.split("/") if part)]
        operations = [(k, v) for k, v in path_item.items() if k in OPERATIONS]
        resource = resources.at(parts)
        if resource is None:
            continue
        for key, raw in operations:
            operation = ctx.mapping(raw, f"{where}({key})")
            verb = OPERATIONS[key]
            method = _method(ctx, resource, verb, path_item, operation, refs, f"{where}({key})")
            if method is not None:
                resource.methods[verb] = method
