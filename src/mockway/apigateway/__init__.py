"""API Gateway (REST, v1): every operation of botocore's model, from API keys, usage plans,
usage and account settings to the REST APIs, stages and domains they point at."""

from __future__ import annotations

from typing import Any

from .._ids import IdSource
from .._registry import Service
from . import (
    _account,
    _api_keys,
    _authorizers,
    _base_path_mappings,
    _client_certificates,
    _deployments,
    _documentation,
    _documentation_versions,
    _domain_access,
    _domain_names,
    _gateway_responses,
    _import,
    _integration_responses,
    _integrations,
    _method_responses,
    _methods,
    _openapi_export,
    _openapi_import,
    _plan_keys,
    _request_models,
    _request_validators,
    _resources,
    _rest_apis,
    _sdks,
    _stage_settings,
    _stages,
    _tags,
    _test_invoke,
    _usage,
    _usage_plans,
    _vpc_links,
)
from ._models import ApiGatewayBackend

__all__ = ["SERVICE", "ApiGatewayBackend"]


def _headers(ids: IdSource) -> dict[str, str]:
    return {"x-amz-apigw-id": ids.mixed_alnum(14) + "="}


OPERATIONS: dict[str, Any] = {
    **_api_keys.OPERATIONS,
    **_import.OPERATIONS,
    **_tags.OPERATIONS,
    **_usage_plans.OPERATIONS,
    **_plan_keys.OPERATIONS,
    **_usage.OPERATIONS,
    **_account.OPERATIONS,
    **_rest_apis.OPERATIONS,
    **_resources.OPERATIONS,
    **_methods.OPERATIONS,
    **_method_responses.OPERATIONS,
    **_integrations.OPERATIONS,
    **_integration_responses.OPERATIONS,
    **_deployments.OPERATIONS,
    **_stages.OPERATIONS,
    **_stage_settings.OPERATIONS,
    **_request_validators.OPERATIONS,
    **_request_models.OPERATIONS,
    **_authorizers.OPERATIONS,
    **_gateway_responses.OPERATIONS,
    **_documentation.OPERATIONS,
    **_documentation_versions.OPERATIONS,
    **_openapi_import.OPERATIONS,
    **_openapi_export.OPERATIONS,
    **_domain_names.OPERATIONS,
    **_base_path_mappings.OPERATIONS,
    **_domain_access.OPERATIONS,
    **_client_certificates.OPERATIONS,
    **_vpc_links.OPERATIONS,
    **_sdks.OPERATIONS,
    **_test_invoke.OPERATIONS,
}

SERVICE: Service[ApiGatewayBackend] = Service(
    name="apigateway",
    event_id="api-gateway",
    backend=ApiGatewayBackend,
    operations=OPERATIONS,
    type_error_code="BadRequestException",
    validation_error_code="ValidationException",
    error_type_suffix=":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/",
    response_headers=_headers,
    enum_order={
        "Op": ("add", "remove", "move", "test", "replace", "copy"),
        "EndpointType": ("PRIVATE", "EDGE", "REGIONAL"),
        "DocumentationPartType": _documentation.TYPES_IN_AWS_ORDER,
        "GatewayResponseType": _gateway_responses.TYPES_IN_AWS_ORDER,
        "IntegrationType": ("HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS"),
    },
    patterns=frozenset({"StatusCode"}),
    nullable=frozenset({"PatchOperation"}),
    wrong_json={
        "boolean": "class java.lang.Boolean can not be converted to an String",
        "number": "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be"
        " converted to an String",
    },
    null_entries=frozenset(
        {
            "PutIntegrationRequest.requestTemplates",
            "PutIntegrationResponseRequest.responseTemplates",
        }
    ),
)
