"""CreateStage, GetStage, GetStages, DeleteStage, FlushStageCache, FlushStageAuthorizersCache,
and the rules stage members follow wherever they are set (CreateDeployment, UpdateStage).

A stage is the ``{apiId, stage}`` pair usage plans and API keys point at. UpdateStage, whose
paths AWS reads in a way of its own, is in :mod:`._stage_settings`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._registry import Call
from .._render import render_items
from . import _errors as e
from ._family import IN_REST_API, Family, render_output
from ._models import ApiGatewayBackend
from ._rest_models import RestApi, Stage
from ._tags import check_tags

__all__ = [
    "CACHE_SIZES",
    "DEFAULT_CACHE_SIZE",
    "FAMILY",
    "OPERATIONS",
    "canary_settings",
    "check_documentation_version",
    "check_percent",
    "check_stage_name",
    "check_variable",
    "check_variables",
]

_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")
# Stage variables: names of word characters, values of the characters AWS's reference and its
# error message name (AWS's quotas: names up to 64 characters, values up to 512).
_VARIABLE_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_VARIABLE_VALUE = re.compile(r"[A-Za-z0-9 \-._~:/?#&=,]{1,512}")
CACHE_SIZES = ("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237")
DEFAULT_CACHE_SIZE = "0.5"


def check_stage_name(name: str) -> None:
    if not _STAGE_NAME.fullmatch(name):
        raise e.bad_request(e.INVALID_STAGE_NAME)


def check_variable(name: str, value: Any) -> str:
    """A stage variable's value, once its name and value pass AWS's rules."""
    if not _VARIABLE_NAME.fullmatch(name):
        raise e.bad_request(e.VARIABLE_NAME_INVALID.format(name=name))
    if not isinstance(value, str) or not _VARIABLE_VALUE.fullmatch(value):
        shown = "null" if value is None else value
        raise e.bad_request(e.VARIABLE_VALUE_INVALID.format(value=shown))
    return value


def check_variables(variables: Mapping[str, Any] | None) -> dict[str, str]:
    """Stage variables (or a canary's overrides) as stored, each checked."""
    return {name: check_variable(name, value) for name, value in (variables or {}).items()}


def check_percent(value: float | None, shown: Any = None) -> float:
    """A canary's share of the traffic, 0 to 100 percent (``shown``: as the caller wrote it)."""
    if value is None or not 0.0 <= value <= 100.0:
        shown = value if shown is None else shown
        raise e.bad_request(e.INVALID_PERCENT_TRAFFIC.format(value=shown))
    return float(value)


def check_documentation_version(api: RestApi, version: str | None) -> str | None:
    """The documentation version a stage may publish: one of the API's, or none."""
    if not version:
        return None
    if version not in api.documentation_versions:
        raise e.not_found(e.DOC_VERSION_NOT_FOUND)
    return version


def canary_settings(given: Mapping[str, Any], deployment_id: str) -> dict[str, Any]:
    """A stage's ``canarySettings`` as AWS completes them: the canary's deployment, 0 % of the
    traffic and no stage cache unless given; overrides only when there are some."""
    settings: dict[str, Any] = {
        "deploymentId": deployment_id,
        "percentTraffic": check_percent(given.get("percentTraffic", 0.0)),
        "useStageCache": bool(given.get("useStageCache", False)),
    }
    overrides = check_variables(given.get("stageVariableOverrides"))
    if overrides:
        settings["stageVariableOverrides"] = overrides
    return settings


def stage_of(backend: ApiGatewayBackend, call: Call) -> tuple[RestApi, Stage]:
    """The API and the stage a call names: the API's 404 first, then the stage's."""
    api = backend.rest_api(call.params["restApiId"])
    stage = api.stages.get(call.params["stageName"])
    if stage is None:
        raise e.not_found(e.STAGE_NOT_FOUND)
    return api, stage


def _delete(backend: ApiGatewayBackend, call: Call, api: RestApi, stage: Stage) -> None:
    backend.forget_stages(api.id, stage.stage_name)


FAMILY: Family[Stage] = Family(
    IN_REST_API,
    lambda api: api.stages,
    "stageName",
    e.STAGE_NOT_FOUND,
    on_delete=_delete,
    key="stage_name",
)


def create_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    name = p["stageName"]
    check_stage_name(name)
    deployment_id = p["deploymentId"]
    if deployment_id not in api.deployments:
        raise e.bad_request(e.DEPLOYMENT_NOT_FOUND)
    if name in api.stages:
        raise e.conflict(e.STAGE_EXISTS)
    canary = None
    if p.get("canarySettings") is not None:
        given = p["canarySettings"]
        canary_deployment = given.get("deploymentId") or deployment_id
        if canary_deployment not in api.deployments:
            raise e.bad_request(e.DEPLOYMENT_NOT_FOUND)
        canary = canary_settings(given, canary_deployment)
    enabled = bool(p.get("cacheClusterEnabled", False))
    now = int(call.now)
    stage = Stage(
        name,
        deployment_id,
        now,
        now,
        description=p.get("description") or None,
        cache_cluster_enabled=enabled,
        cache_cluster_size=p.get("cacheClusterSize") or (DEFAULT_CACHE_SIZE if enabled else None),
        variables=check_variables(p.get("variables")),
        documentation_version=check_documentation_version(api, p.get("documentationVersion")),
        canary_settings=canary,
        tracing_enabled=bool(p.get("tracingEnabled", False)),
        tags=check_tags(p.get("tags") or {}),
    )
    api.stages.add(name, stage)
    return render_output(stage, call)


def get_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_output(stage_of(backend, call)[1], call)


def get_stages(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    deployment_id = call.params.get("deploymentId") or None
    shape = call.operation.output_shape
    assert shape is not None
    stages = [
        s for s in api.stages.values() if deployment_id is None or s.deployment_id == deployment_id
    ]
    return {
        "item": render_items(
            stages, shape.members["item"], call.operation.service_model.service_name
        )
    }


def flush_stage_cache(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """No integration response is cached in mockway: flushing names a stage and is done at
    once."""
    stage_of(backend, call)
    return {}


def flush_stage_authorizers_cache(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """The stage's cached Lambda authorizer answers are forgotten."""
    api, stage = stage_of(backend, call)
    if backend.traffic is not None:
        from .execute._authorizers import flush

        flush(backend.traffic, api.id, stage.stage_name)
    return {}


OPERATIONS = {
    "CreateStage": create_stage,
    "GetStage": get_stage,
    "GetStages": get_stages,
    "FlushStageCache": flush_stage_cache,
    "FlushStageAuthorizersCache": flush_stage_authorizers_cache,
    **FAMILY.operations(delete="DeleteStage"),
}
