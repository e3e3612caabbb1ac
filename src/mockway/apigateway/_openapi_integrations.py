"""An operation's ``x-amazon-apigateway-integration`` as a method's integration and its
integration responses."""

from __future__ import annotations

import json
from typing import Any

from .._wire import ServiceError
from . import _errors as e
from ._integrations import check_integration
from ._openapi_schemas import ImportContext, text_of, whole_of
from ._rest_models import DEFAULT_TIMEOUT_MILLIS, Integration, IntegrationResponse, Method, Resource

__all__ = ["integration_of", "integration_problem"]

INTEGRATION_TYPES = frozenset({"HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK"})


def integration_problem(method: Method, integration: Integration) -> ServiceError | None:
    """What PutIntegration refuses about an integration, if anything."""
    try:
        check_integration(method, integration)
    except ServiceError as error:
        return error
    return None


def _shown(value: Any) -> str:
    """A JSON value as AWS's reader prints it in a warning."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"))


def _strings(
    ctx: ImportContext, raw: Any, field: str, path: str, method: str
) -> dict[str, str] | None:
    """A map of strings; an entry of another type is a warning and left out."""
    entries = ctx.mapping(raw, field)
    out: dict[str, str] = {}
    for name, value in entries.items():
        if isinstance(value, str):
            out[name] = value
        else:
            ctx.warnings.append(
                e.OPENAPI_PARAMETER_NOT_STRING.format(
                    field=field, name=name, path=path, method=method, value=_shown(value)
                )
            )
    return out if raw is not None else None


def _templates(given: dict[str, str] | None) -> dict[str, str | None] | None:
    """Mapping templates as AWS keeps them: an empty one is none (null)."""
    return None if given is None else {key: text or None for key, text in given.items()}


def _upper(value: Any) -> str | None:
    text = text_of(value)
    return text.upper() if text else None


def integration_of(
    ctx: ImportContext, raw: dict[str, Any], resource: Resource, method: Method
) -> Integration | None:
    path, verb = resource.path, method.http_method
    prefix = e.OPENAPI_PUT_INTEGRATION.format(method=verb, path=path)
    kind = _upper(raw.get("type")) or ""
    if kind not in INTEGRATION_TYPES:
        ctx.failed(prefix, e.bad_request(e.OPENAPI_INTEGRATION_TYPE.format(value=kind)))
        return None
    timeout = raw.get("timeoutInMillis")
    millis = DEFAULT_TIMEOUT_MILLIS if timeout is None else whole_of(timeout)
    if millis is None or not 50 <= millis <= DEFAULT_TIMEOUT_MILLIS:
        ctx.failed(prefix, e.bad_request(e.OPENAPI_TIMEOUT.format(value=_shown(timeout))))
        return None
    connection_type = _upper(raw.get("connectionType"))
    if connection_type is None and kind in ("HTTP", "HTTP_PROXY"):
        connection_type = "INTERNET"
    tls = raw.get("tlsConfig")
    integration = Integration(
        kind,
        http_method=None if kind == "MOCK" else _upper(raw.get("httpMethod")),
        uri=text_of(raw.get("uri")) or None,
        connection_type=connection_type,
        connection_id=text_of(raw.get("connectionId")) or None,
        credentials=text_of(raw.get("credentials")) or None,
        request_parameters=_strings(
            ctx, raw.get("requestParameters"), "requestParameters", path, verb
        ),
        request_templates=_templates(
            _strings(ctx, raw.get("requestTemplates"), "requestTemplates", path, verb)
        ),
        passthrough_behavior=_upper(raw.get("passthroughBehavior")) or "WHEN_NO_MATCH",
        content_handling=_upper(raw.get("contentHandling")),
        timeout_in_millis=millis,
        cache_namespace=text_of(raw.get("cacheNamespace")) or resource.id,
        cache_key_parameters=[
            p
            for p in ctx.listing(raw.get("cacheKeyParameters"), "cacheKeyParameters")
            if isinstance(p, str)
        ],
        tls_config=dict(tls) if isinstance(tls, dict) else None,
    )
    problem = integration_problem(method, integration)
    if problem is not None:
        ctx.failed(prefix, problem)
        return None
    where = f"paths.'{path}'({verb.lower()}).x-amazon-apigateway-integration.responses"
    for pattern, raw_response in ctx.mapping(raw.get("responses"), where).items():
        settings = ctx.mapping(raw_response, where)
        status = text_of(settings.get("statusCode"))
        if status is None:
            ctx.warnings.append(e.OPENAPI_MISSING.format(where=f"{where}.{pattern}.statusCode"))
            continue
        integration.integration_responses[status] = IntegrationResponse(
            status,
            selection_pattern=None if pattern == "default" else pattern,
            response_parameters=_strings(
                ctx, settings.get("responseParameters"), "responseParameters", path, verb
            ),
            response_templates=_templates(
                _strings(ctx, settings.get("responseTemplates"), "responseTemplates", path, verb)
            ),
            content_handling=_upper(settings.get("contentHandling")),
        )
    return integration
