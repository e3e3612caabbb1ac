"""CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment.

A deployment keeps a summary of the API's methods as they were when it was made. Made with a
stage name, it creates that stage or points it at the deployment; made with canary settings, it
becomes the canary of an existing stage, whose own deployment stays.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from typing import Any

from .._paging import OrderedStore
from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._family import IN_REST_API, Family, render_output, set_text
from ._models import ApiGatewayBackend
from ._rest_models import Deployment, Method, MethodSnapshot, RestApi, Stage
from ._stages import (
    DEFAULT_CACHE_SIZE,
    canary_settings,
    check_stage_name,
    check_variables,
)

__all__ = ["FAMILY", "OPERATIONS"]

DEPLOYMENT_ID_LENGTH = 6
API_SUMMARY = "apisummary"


def _delete(backend: ApiGatewayBackend, call: Call, api: RestApi, deployment: Deployment) -> None:
    for stage in api.stages.values():
        canary = stage.canary_settings or {}
        if deployment.id in (stage.deployment_id, canary.get("deploymentId")):
            raise e.bad_request(e.DEPLOYMENT_IN_USE)


FAMILY: Family[Deployment] = Family(
    IN_REST_API,
    lambda api: api.deployments,
    "deploymentId",
    e.DEPLOYMENT_NOT_FOUND_404,
    patch=PatchRules({"replace": ["/description"]}),
    setters={"/description": set_text("description")},
    on_delete=_delete,
)


def _check_deployable(api: RestApi) -> None:
    methods = api.methods()
    if not methods:
        raise e.bad_request(e.NO_METHODS)
    if any(m.method_integration is None for _, m in methods):
        raise e.bad_request(e.NO_INTEGRATION)


def _summary(api: RestApi) -> dict[str, dict[str, MethodSnapshot]]:
    """Each method of the API by path and HTTP method, as a deployment's summary holds it."""
    summary: dict[str, dict[str, MethodSnapshot]] = {}
    for resource, method in api.methods():
        summary.setdefault(resource.path, {})[method.http_method] = {
            "authorizationType": method.authorization_type,
            "apiKeyRequired": method.api_key_required,
        }
    return summary


def _frozen(api: RestApi) -> dict[tuple[str, str], Method]:
    """Each method of the API, copied as it is now, by path and HTTP method."""
    return {
        (resource.path, method.http_method): copy.deepcopy(method)
        for resource, method in api.methods()
    }


def _settings(api: RestApi) -> RestApi:
    """The API's settings a deployment keeps (:attr:`Deployment.api`)."""
    return dataclasses.replace(
        api,
        endpoint_configuration=copy.deepcopy(api.endpoint_configuration),
        binary_media_types=None if api.binary_media_types is None else [*api.binary_media_types],
        tags={},
        resources=OrderedStore(),
        deployments=OrderedStore(),
        stages=OrderedStore(),
        authorizers=OrderedStore(),
        request_validators=copy.deepcopy(api.request_validators),
        models=copy.deepcopy(api.models),
        gateway_responses=copy.deepcopy(api.gateway_responses),
        documentation_parts=OrderedStore(),
        documentation_versions=OrderedStore(),
    )


def _canary_stage(api: RestApi, stage_name: str | None) -> None:
    """A canary deployment goes to a stage: it must be named, and be there already."""
    if not stage_name:
        shown = "null" if stage_name is None else stage_name
        raise e.bad_request(e.CANARY_WITHOUT_STAGE.format(value=shown))
    if stage_name not in api.stages:
        raise e.bad_request(e.CANARY_STAGE_MISSING.format(stage=stage_name))


def _settle(stage: Stage, p: Mapping[str, Any], variables: dict[str, str] | None) -> None:
    """What CreateDeployment's stage members set on a stage it creates or redeploys."""
    if p.get("stageDescription"):
        stage.description = p["stageDescription"]
    if variables is not None:
        stage.variables = variables
    if p.get("cacheClusterEnabled") is not None:
        stage.cache_cluster_enabled = bool(p["cacheClusterEnabled"])
    if p.get("cacheClusterSize"):
        stage.cache_cluster_size = p["cacheClusterSize"]
    if stage.cache_cluster_enabled and stage.cache_cluster_size is None:
        stage.cache_cluster_size = DEFAULT_CACHE_SIZE
    if p.get("tracingEnabled") is not None:
        stage.tracing_enabled = bool(p["tracingEnabled"])


def create_deployment(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    stage_name = p.get("stageName")
    canary = None
    if p.get("canarySettings") is not None:
        _canary_stage(api, stage_name)
        canary = canary_settings(p["canarySettings"], "")  # its deployment is drawn below
    elif stage_name:
        check_stage_name(stage_name)
    variables = check_variables(p["variables"]) if p.get("variables") is not None else None
    _check_deployable(api)
    now = int(call.now)
    deployment = Deployment(
        backend.new_id(DEPLOYMENT_ID_LENGTH, call.ids, api.deployments),
        p.get("description") or None,
        now,
        _summary(api),
        _frozen(api),
        {a.id: copy.deepcopy(a) for a in api.authorizers.values()},
        _settings(api),
        {resource.path: resource.id for resource in api.resources.values()},
    )
    api.deployments.add(deployment.id, deployment)
    if stage_name:
        stage = api.stages.get(stage_name)
        if stage is None:
            stage = Stage(stage_name, deployment.id, now, now)
            api.stages.add(stage_name, stage)
        elif canary is not None:
            stage.canary_settings = {**canary, "deploymentId": deployment.id}
        else:
            stage.deployment_id = deployment.id
        stage.last_updated_date = now
        _settle(stage, p, variables)
    return render_output(deployment, call)


def get_deployment(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    deployment = FAMILY.locate(backend, call)[1]
    out = render_output(deployment, call)
    if API_SUMMARY in (call.params.get("embed") or ()):
        out["apiSummary"] = {
            path: {verb: dict(snapshot) for verb, snapshot in methods.items()}
            for path, methods in deployment.api_summary.items()
        }
    return out


OPERATIONS = {
    "CreateDeployment": create_deployment,
    "GetDeployment": get_deployment,
    **FAMILY.operations(
        list="GetDeployments", update="UpdateDeployment", delete="DeleteDeployment"
    ),
}
