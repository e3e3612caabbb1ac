"""REST APIs as far as usage plans and API keys need them: resources, methods, stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._clock import to_datetime
from .._paging import OrderedStore
from .._wire import received

__all__ = ["Deployment", "Integration", "Method", "Resource", "RestApi", "Stage"]


def _copy_present(out: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out.update((k, received(v)) for k, v in extra.items() if v is not None)
    return out


@dataclass(slots=True)
class Integration:
    type: str
    http_method: str | None
    uri: str | None
    passthrough_behavior: str
    timeout_in_millis: int
    cache_namespace: str
    cache_key_parameters: list[str]
    extra: dict[str, Any] = field(default_factory=dict)
    """Other members given to PutIntegration, returned as given."""

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.http_method is not None:
            out["httpMethod"] = self.http_method
        if self.uri is not None:
            out["uri"] = self.uri
        if self.type in ("HTTP", "HTTP_PROXY"):
            out["connectionType"] = "INTERNET"
        _copy_present(out, self.extra)
        out["passthroughBehavior"] = self.passthrough_behavior
        out["timeoutInMillis"] = self.timeout_in_millis
        out["cacheNamespace"] = self.cache_namespace
        out["cacheKeyParameters"] = list(self.cache_key_parameters)
        return out


@dataclass(slots=True)
class Method:
    http_method: str
    authorization_type: str
    api_key_required: bool
    extra: dict[str, Any] = field(default_factory=dict)
    integration: Integration | None = None

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "httpMethod": self.http_method,
            "authorizationType": self.authorization_type,
            "apiKeyRequired": self.api_key_required,
        }
        _copy_present(out, self.extra)
        if self.integration is not None:
            out["methodIntegration"] = self.integration.render()
        return out


@dataclass(slots=True)
class Resource:
    id: str
    parent_id: str | None
    path_part: str | None
    path: str
    methods: dict[str, Method] = field(default_factory=dict)

    def render(self, *, embed_methods: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.parent_id is not None:
            out["parentId"] = self.parent_id
        if self.path_part is not None:
            out["pathPart"] = self.path_part
        out["path"] = self.path
        if self.methods:
            out["resourceMethods"] = {
                name: (m.render() if embed_methods else {}) for name, m in self.methods.items()
            }
        return out


@dataclass(slots=True)
class Deployment:
    id: str
    description: str | None
    created: int

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.description is not None:
            out["description"] = self.description
        out["createdDate"] = to_datetime(self.created)
        return out


@dataclass(slots=True)
class Stage:
    name: str
    deployment_id: str
    description: str | None
    created: int
    updated: int
    variables: dict[str, str] = field(default_factory=dict)
    tracing_enabled: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"deploymentId": self.deployment_id, "stageName": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["cacheClusterEnabled"] = False
        out["cacheClusterStatus"] = "NOT_AVAILABLE"
        out["methodSettings"] = {}
        if self.variables:
            out["variables"] = dict(self.variables)
        out["tracingEnabled"] = self.tracing_enabled
        if self.tags:
            out["tags"] = dict(self.tags)
        out["createdDate"] = to_datetime(self.created)
        out["lastUpdatedDate"] = to_datetime(self.updated)
        return out


@dataclass(slots=True)
class RestApi:
    id: str
    name: str
    description: str | None
    created: int
    root_resource_id: str
    api_key_source: str
    endpoint_types: list[str]
    ip_address_type: str
    disable_execute_api_endpoint: bool
    extra: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    resources: OrderedStore[Resource] = field(default_factory=OrderedStore)
    deployments: OrderedStore[Deployment] = field(default_factory=OrderedStore)
    stages: dict[str, Stage] = field(default_factory=dict)

    def render(self, *, tags: bool) -> dict[str, Any]:
        """The RestApi shape; ``tags`` renders an empty map too, as GetRestApi does."""
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["createdDate"] = to_datetime(self.created)
        _copy_present(out, self.extra)
        out["apiKeySource"] = self.api_key_source
        out["endpointConfiguration"] = {
            "types": list(self.endpoint_types),
            "ipAddressType": self.ip_address_type,
        }
        if tags or self.tags:
            out["tags"] = dict(self.tags)
        out["disableExecuteApiEndpoint"] = self.disable_execute_api_endpoint
        out["rootResourceId"] = self.root_resource_id
        out["securityPolicy"] = "TLS_1_0"
        out["apiStatus"] = "AVAILABLE"
        return out

    def resource_at(self, path: str) -> Resource | None:
        for resource in self.resources.values():
            if resource.path == path:
                return resource
        return None
