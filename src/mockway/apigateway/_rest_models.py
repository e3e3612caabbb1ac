"""REST APIs and what they hold, as the backend stores them.

Attributes are the output shapes' members in ``snake_case``; responses are rendered from the
shapes (:mod:`mockway._render`). ``None`` is a member AWS omits; nested settings AWS takes
as a whole (``endpointConfiguration``, ``accessLogSettings``, a method's settings) are kept
as maps of wire names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .._paging import OrderedStore
from .._render import Rendering

if TYPE_CHECKING:
    from ._authorizers import Authorizer
    from ._documentation import DocumentationPart, DocumentationVersion
    from ._gateway_responses import GatewayResponse
    from ._request_models import Model
    from ._request_validators import RequestValidator

__all__ = [
    "Deployment",
    "Integration",
    "IntegrationResponse",
    "Method",
    "MethodResponse",
    "Resource",
    "RestApi",
    "Stage",
]

DEFAULT_TIMEOUT_MILLIS = 29_000


@dataclass(slots=True)
class MethodResponse:
    status_code: str
    response_parameters: dict[str, bool] | None = None
    response_models: dict[str, str] | None = None

    # A map given empty is kept, and shown, empty; one never given, or emptied by an update,
    # is left out (as AWS does).
    RENDER: ClassVar[Rendering] = Rendering(
        always=frozenset({"responseParameters", "responseModels"})
    )


@dataclass(slots=True)
class IntegrationResponse:
    status_code: str
    selection_pattern: str | None = None
    response_parameters: dict[str, str] | None = None
    response_templates: dict[str, str | None] | None = None
    """A template given empty or null is kept as null."""
    content_handling: str | None = None

    RENDER: ClassVar[Rendering] = Rendering(
        always=frozenset({"responseParameters", "responseTemplates"})
    )


@dataclass(slots=True)
class Integration:
    type: str
    http_method: str | None = None
    uri: str | None = None
    connection_type: str | None = None
    connection_id: str | None = None
    credentials: str | None = None
    request_parameters: dict[str, str] | None = None
    request_templates: dict[str, str | None] | None = None
    passthrough_behavior: str = "WHEN_NO_MATCH"
    content_handling: str | None = None
    timeout_in_millis: int = DEFAULT_TIMEOUT_MILLIS
    cache_namespace: str | None = None
    cache_key_parameters: list[str] = field(default_factory=list)
    integration_responses: dict[str, IntegrationResponse] = field(default_factory=dict)
    """By status code."""
    tls_config: dict[str, Any] | None = None
    response_transfer_mode: str | None = None
    integration_target: str | None = None

    RENDER: ClassVar[Rendering] = Rendering(
        always=frozenset({"cacheKeyParameters", "requestParameters", "requestTemplates"})
    )


@dataclass(slots=True)
class Method:
    http_method: str
    authorization_type: str
    api_key_required: bool = False
    authorizer_id: str | None = None
    request_validator_id: str | None = None
    operation_name: str | None = None
    request_parameters: dict[str, bool] | None = None
    request_models: dict[str, str] | None = None
    method_responses: dict[str, MethodResponse] = field(default_factory=dict)
    """By status code."""
    method_integration: Integration | None = None
    authorization_scopes: list[str] | None = None

    RENDER: ClassVar[Rendering] = Rendering(
        always=frozenset({"requestParameters", "requestModels", "authorizationScopes"})
    )


@dataclass(slots=True)
class Resource:
    id: str
    parent_id: str | None
    path_part: str | None
    path: str
    methods: dict[str, Method] = field(default_factory=dict)

    @property
    def resource_methods(self) -> dict[str, dict[str, Any]]:
        """The methods as a resource lists them unless asked to embed them: names only."""
        return {name: {} for name in self.methods}


MethodSnapshot = dict[str, Any]
"""``{authorizationType, apiKeyRequired}``: a method as a deployment's summary holds it."""


@dataclass(slots=True)
class Deployment:
    id: str
    description: str | None
    created_date: int
    api_summary: dict[str, dict[str, MethodSnapshot]] = field(default_factory=dict)
    """``{path: {method: {authorizationType, apiKeyRequired}}}`` as the API was when deployed;
    only GetDeployment with ``embed=apisummary`` renders it."""
    methods: dict[tuple[str, str], Method] = field(default_factory=dict)
    """Each method as it was when deployed (a copy, with its integration and responses), by
    resource path and HTTP method: what the stages serving the deployment run."""
    authorizers: dict[str, Authorizer] = field(default_factory=dict)
    """The API's authorizers as they were when deployed (copies), by id."""
    api: RestApi | None = None
    """The API's settings as they were when deployed: a copy with its own request validators,
    models and gateway responses, binary media types and key source, and without resources,
    deployments, stages or documentation. What the stages serving the deployment read."""
    resource_ids: dict[str, str] = field(default_factory=dict)
    """The resources' ids by path, as deployed."""

    RENDER: ClassVar[Rendering] = Rendering(hidden=frozenset({"apiSummary"}))


@dataclass(slots=True)
class Stage:
    """A stage; nested settings are maps of wire names, as AWS renders them.

    ``method_settings`` is keyed as AWS keys it: ``*/*`` for the whole stage, else the patch
    path's resource part as written (``pets/GET``, ``~1pets~1{id}/GET``) and the method; each
    value a ``MethodSetting`` map with every member AWS fills in. ``canary_settings`` is a
    ``CanarySettings`` map (``deploymentId``, ``percentTraffic``, ``useStageCache`` and, when
    there are any, ``stageVariableOverrides``).
    """

    stage_name: str
    deployment_id: str
    created_date: int
    last_updated_date: int
    description: str | None = None
    client_certificate_id: str | None = None
    cache_cluster_enabled: bool = False
    cache_cluster_size: str | None = None
    method_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    documentation_version: str | None = None
    access_log_settings: dict[str, str] | None = None
    canary_settings: dict[str, Any] | None = None
    tracing_enabled: bool = False
    web_acl_arn: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    RENDER: ClassVar[Rendering] = Rendering(always=frozenset({"methodSettings"}))

    @property
    def cache_cluster_status(self) -> str:
        """A cache cluster is there as soon as it is enabled, gone as soon as it is not."""
        return "AVAILABLE" if self.cache_cluster_enabled else "NOT_AVAILABLE"


@dataclass(slots=True)
class RestApi:
    id: str
    name: str
    created_date: int
    root_resource_id: str
    endpoint_configuration: dict[str, Any]
    description: str | None = None
    version: str | None = None
    binary_media_types: list[str] | None = None
    minimum_compression_size: int | None = None
    api_key_source: str = "HEADER"
    policy: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    disable_execute_api_endpoint: bool = False
    security_policy: str = "TLS_1_0"
    api_status: str = "AVAILABLE"

    resources: OrderedStore[Resource] = field(default_factory=OrderedStore)
    deployments: OrderedStore[Deployment] = field(default_factory=OrderedStore)
    stages: OrderedStore[Stage] = field(default_factory=OrderedStore)
    authorizers: OrderedStore[Authorizer] = field(default_factory=OrderedStore)
    request_validators: OrderedStore[RequestValidator] = field(default_factory=OrderedStore)
    models: OrderedStore[Model] = field(default_factory=OrderedStore)
    """By name, as AWS names a model in every call."""
    gateway_responses: OrderedStore[GatewayResponse] = field(default_factory=OrderedStore)
    """The responses put on this API, by type; the others are AWS's defaults."""
    documentation_parts: OrderedStore[DocumentationPart] = field(default_factory=OrderedStore)
    documentation_versions: OrderedStore[DocumentationVersion] = field(default_factory=OrderedStore)

    def resource_at(self, path: str) -> Resource | None:
        for resource in self.resources.values():
            if resource.path == path:
                return resource
        return None

    def methods(self) -> list[tuple[Resource, Method]]:
        """Every method of the API, with its resource, resources in creation order."""
        return [(r, m) for r in self.resources.values() for m in r.methods.values()]
