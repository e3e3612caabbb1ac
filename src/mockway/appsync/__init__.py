"""AppSync: GraphQL APIs, their tags, API keys, data sources, schemas and types, caches and
environment variables; custom domain names; Event APIs and their channel namespaces."""

from __future__ import annotations

from typing import Any

from .._registry import Service
from . import (
    _api_keys,
    _apis,
    _caches,
    _channel_namespaces,
    _data_sources,
    _domain_names,
    _environment,
    _event_apis,
    _functions,
    _resolvers,
    _schema,
    _tags,
    _types,
)
from ._models import AppSyncBackend

__all__ = ["SERVICE", "AppSyncBackend"]

OPERATIONS: dict[str, Any] = {
    **_apis.OPERATIONS,
    **_tags.OPERATIONS,
    **_api_keys.OPERATIONS,
    **_data_sources.OPERATIONS,
    **_functions.OPERATIONS,
    **_resolvers.OPERATIONS,
    **_schema.OPERATIONS,
    **_types.OPERATIONS,
    **_caches.OPERATIONS,
    **_environment.OPERATIONS,
    **_domain_names.OPERATIONS,
    **_event_apis.OPERATIONS,
    **_channel_namespaces.OPERATIONS,
}

SERVICE: Service[AppSyncBackend] = Service(
    name="appsync",
    event_id="appsync",
    backend=AppSyncBackend,
    operations=OPERATIONS,
    type_error_code="BadRequestException",
    validation_error_code="BadRequestException",
    # An API's ARN in aws-cn and aws-us-gov is longer than the model's 75 characters; the
    # service takes back the ARNs it gives.
    unbounded=frozenset({"ResourceArn"}),
    # Names and ARNs AppSync holds to its model's patterns: environment variable keys, custom
    # domain names and their certificates, Event API and channel namespace names.
    patterns=frozenset(
        {"EnvironmentVariableKey", "DomainName", "CertificateArn", "ApiName", "Namespace"}
    ),
)
