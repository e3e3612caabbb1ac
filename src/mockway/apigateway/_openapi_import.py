"""ImportRestApi and PutRestApi: a REST API from an OpenAPI 2.0 or 3.0 document, JSON or YAML.

The whole API is built apart from the stored one and stored only when the import succeeded:
a failed import (an invalid document, an error in any part, or a warning with
``failOnWarnings``) changes nothing. PutRestApi keeps the API's id, creation date, root
resource, endpoint configuration, tags, deployments and stages; ``overwrite`` replaces every
resource, method, model, authorizer, validator, gateway response and documentation part with
the document's (a resource at a path the API had keeps its id), ``merge`` (the default) puts
the document's over what the API has, method by method.

The document's parts: :mod:`._openapi_schemas` (models, authorizers, validators, gateway
responses), :mod:`._openapi_paths` (resources and methods) and
:mod:`._openapi_integrations` (their integrations); reading it: :mod:`._openapi_read`.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .._paging import OrderedStore
from .._registry import Call
from .._wire import ServiceError
from . import _errors as e
from ._documentation import import_documentation
from ._family import render_output
from ._models import ApiGatewayBackend
from ._openapi_paths import add_paths, base_path_parts
from ._openapi_read import read_document
from ._openapi_schemas import (
    ImportContext,
    add_authorizers,
    add_gateway_responses,
    add_models,
    add_validators,
    check_models,
    text_of,
    whole_of,
)
from ._rest_apis import (
    API_KEY_SOURCES,
    MAX_COMPRESSION_SIZE,
    REST_API_ID_LENGTH,
    ROOT_RESOURCE_ID_LENGTH,
    endpoint_configuration,
    normalized_policy,
)
from ._rest_models import Resource, RestApi

__all__ = ["OPERATIONS"]

BASE_PATH_MODES = ("ignore", "prepend", "split")
_REPLACED = (
    "resources",
    "models",
    "authorizers",
    "request_validators",
    "gateway_responses",
    "documentation_parts",
)
"""The collections an import builds anew (a merge starts them from the API's own)."""


def _parameters(call: Call) -> tuple[str, bool]:
    """The ``basepath`` mode, and whether documentation is imported."""
    given = call.params.get("parameters") or {}
    mode = given.get("basepath") or "ignore"
    if mode not in BASE_PATH_MODES:
        raise e.bad_request(e.OPENAPI_BASEPATH.format(value=mode))
    ignored = {part.strip() for part in str(given.get("ignore") or "").split(",")}
    return mode, "documentation" not in ignored


def _new_api(backend: ApiGatewayBackend, call: Call) -> RestApi:
    """An empty API for ImportRestApi, of the endpoint type the parameters name."""
    given = (call.params.get("parameters") or {}).get("endpointConfigurationTypes")
    types = None if given is None else [t.strip() for t in given.split(",") if t.strip()]
    for kind in types or ():
        if kind not in ("REGIONAL", "EDGE", "PRIVATE"):
            raise e.bad_request(e.INVALID_ENDPOINT_TYPE)
    endpoint = endpoint_configuration(None if types is None else {"types": types})
    api_id = backend.new_id(REST_API_ID_LENGTH, call.ids, backend.rest_apis)
    root = Resource(call.ids.lower_alnum(ROOT_RESOURCE_ID_LENGTH), None, None, "/")
    api = RestApi(api_id, "", int(call.now), root.id, endpoint)
    api.resources.add(root.id, root)
    return api


def _shell(old: RestApi, merge: bool) -> tuple[RestApi, dict[str, str]]:
    """A copy of ``old`` to build on, its collections new (a merge's holding ``old``'s items,
    each resource a copy whose methods may change); and for an overwrite, the ids of
    ``old``'s resources by path, for the paths the document still has."""
    api = dataclasses.replace(old)
    for name in _REPLACED:
        setattr(api, name, OrderedStore())
    root = old.resources.get(old.root_resource_id)
    assert root is not None
    if not merge:
        api.resources.add(root.id, Resource(root.id, None, None, "/"))
        return api, {r.path: r.id for r in old.resources.values() if r.parent_id is not None}
    for resource in old.resources.values():
        copy = Resource(
            resource.id,
            resource.parent_id,
            resource.path_part,
            resource.path,
            dict(resource.methods),
        )
        api.resources.add(copy.id, copy)
    for name in _REPLACED[1:]:
        store: OrderedStore[Any] = getattr(api, name)
        key = (
            "name" if name == "models" else "response_type" if name == "gateway_responses" else "id"
        )
        for item in getattr(old, name).values():
            store.add(getattr(item, key), item)
    return api, {}


# -- what the API itself takes from the document -----------------------------------------------


def _api_settings(ctx: ImportContext) -> None:
    document, api = ctx.document, ctx.api
    info = ctx.mapping(document.get("info"), "info")
    title = ctx.text(info.get("title"), "info.title")
    if title:
        api.name = title
    elif not ctx.merge or not api.name:
        ctx.errors.append(e.OPENAPI_NO_TITLE)
    description = ctx.text(info.get("description"), "info.description") or None
    version = ctx.text(info.get("version"), "info.version")
    if not ctx.merge or description is not None:
        api.description = description
    if not ctx.merge or version is not None:
        api.version = version
    _binary_types(ctx)
    _compression(ctx)
    source = document.get("x-amazon-apigateway-api-key-source")
    if source is not None:
        if source not in API_KEY_SOURCES:
            problem = e.bad_request(e.INVALID_API_KEY_SOURCE.format(value=source))
            ctx.failed(e.OPENAPI_API_SETTING.format(setting="apiKeySource"), problem)
        else:
            api.api_key_source = source
    elif not ctx.merge:
        api.api_key_source = "HEADER"
    policy = document.get("x-amazon-apigateway-policy")
    if policy is not None:
        text = policy if isinstance(policy, str) else json.dumps(policy, ensure_ascii=False)
        try:
            api.policy = normalized_policy(text, ctx.backend, api.id)
        except ServiceError as error:
            ctx.failed(e.OPENAPI_API_SETTING.format(setting="policy"), error)
    elif not ctx.merge:
        api.policy = None
    _endpoint(ctx)


def _binary_types(ctx: ImportContext) -> None:
    where = "x-amazon-apigateway-binary-media-types"
    given = [t for t in ctx.listing(ctx.document.get(where), where) if isinstance(t, str)]
    types = list(ctx.api.binary_media_types or []) if ctx.merge else []
    types += [t for t in given if t not in types]
    ctx.api.binary_media_types = types or None


def _compression(ctx: ImportContext) -> None:
    given = ctx.document.get("x-amazon-apigateway-minimum-compression-size")
    if given is None:
        if not ctx.merge:
            ctx.api.minimum_compression_size = None
        return
    size = whole_of(given)
    if size is None or not 0 <= size <= MAX_COMPRESSION_SIZE:
        problem = e.bad_request(e.INVALID_COMPRESSION)
        ctx.failed(e.OPENAPI_API_SETTING.format(setting="minimumCompressionSize"), problem)
        return
    ctx.api.minimum_compression_size = size


def _endpoint(ctx: ImportContext) -> None:
    """``x-amazon-apigateway-endpoint-configuration``: at the top of an OpenAPI 2 document,
    in the first server of an OpenAPI 3 one."""
    where = "x-amazon-apigateway-endpoint-configuration"
    holder: Any = ctx.document
    if ctx.version == 3:
        servers = ctx.listing(ctx.document.get("servers"), "servers")
        holder = servers[0] if servers and isinstance(servers[0], dict) else {}
    settings = ctx.mapping(holder.get(where), where)
    disabled = settings.get("disableExecuteApiEndpoint")
    if isinstance(disabled, bool):
        ctx.api.disable_execute_api_endpoint = disabled
    ids = [v for v in ctx.listing(settings.get("vpcEndpointIds"), where) if isinstance(v, str)]
    if ids:
        endpoint = dict(ctx.api.endpoint_configuration)
        if endpoint["types"] != ["PRIVATE"]:
            problem = e.bad_request(e.VPC_ENDPOINTS_NOT_PRIVATE)
            ctx.failed(e.OPENAPI_API_SETTING.format(setting="vpcEndpointIds"), problem)
            return
        endpoint["vpcEndpointIds"] = ids
        ctx.api.endpoint_configuration = endpoint


# -- the import --------------------------------------------------------------------------------


def _build(ctx: ImportContext, mode: str, documentation: bool, kept_ids: dict[str, str]) -> None:
    """Every part of the document on ``ctx.api``; errors and warnings gathered."""
    _api_settings(ctx)
    models = add_models(ctx)
    check_models(ctx, models)
    authorizers = add_authorizers(ctx)
    validators = add_validators(ctx)
    default = ctx.document.get("x-amazon-apigateway-request-validator")
    default_name = text_of(default) if default is not None else None
    add_paths(ctx, base_path_parts(ctx, mode), kept_ids, (authorizers, validators, default_name))
    add_gateway_responses(ctx)
    if documentation:
        _ids, warnings = import_documentation(
            ctx.api, ctx.call, ctx.document, overwrite=not ctx.merge, strict=False
        )
        ctx.warnings.extend(warnings)


def _built(ctx: ImportContext, mode: str, documentation: bool, kept_ids: dict[str, str]) -> None:
    """:func:`_build`, then AWS's 400 if the import has errors (or warnings, when it must
    have none). A JSON document nesting deeper than Python follows is no valid input."""
    try:
        _build(ctx, mode, documentation, kept_ids)
    except RecursionError:
        raise e.bad_request(e.OPENAPI_INVALID) from None
    _finish(ctx)


def _finish(ctx: ImportContext) -> None:
    """AWS's 400 for an import with errors, or with warnings when it must have none."""
    if ctx.errors:
        raise e.bad_request(e.OPENAPI_ERRORS.format(errors="\n\t".join(ctx.errors)))
    if ctx.warnings and ctx.call.params.get("failOnWarnings"):
        raise e.bad_request(e.OPENAPI_WARNINGS.format(warnings="\n\t".join(ctx.warnings)))


def _rendered(ctx: ImportContext, *, tags: bool) -> dict[str, Any]:
    out = render_output(ctx.api, ctx.call)
    if tags:
        out.setdefault("tags", {})
    if ctx.warnings:
        out["warnings"] = list(ctx.warnings)
    return out


def import_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    document, version = read_document(call.params["body"])
    mode, documentation = _parameters(call)
    ctx = ImportContext(backend, call, document, version, _new_api(backend, call))
    _built(ctx, mode, documentation, {})
    backend.rest_apis.add(ctx.api.id, ctx.api)
    return _rendered(ctx, tags=False)


def put_rest_api(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    document, version = read_document(call.params["body"])
    old = backend.rest_api(call.params["restApiId"])
    mode, documentation = _parameters(call)
    merge = call.params.get("mode") != "overwrite"
    api, kept_ids = _shell(old, merge)
    ctx = ImportContext(backend, call, document, version, api, merge=merge)
    _built(ctx, mode, documentation, kept_ids)
    if not documentation:  # ignored, the API's documentation stays as it is
        api.documentation_parts = old.documentation_parts
    for f in dataclasses.fields(RestApi):
        setattr(old, f.name, getattr(api, f.name))
    ctx.api = old
    return _rendered(ctx, tags=True)


OPERATIONS = {"ImportRestApi": import_rest_api, "PutRestApi": put_rest_api}
