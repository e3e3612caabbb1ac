"""Deployments and stages: the ``{apiId, stage}`` pairs usage plans and API keys point at."""

from __future__ import annotations

import re
from typing import Any

from .._registry import Call
from . import _errors as e
from ._listing import page, requested
from ._models import ApiGatewayBackend
from ._rest_models import Deployment, RestApi, Stage
from ._tags import check_tags

__all__ = ["OPERATIONS"]

DEPLOYMENT_ID_LENGTH = 6
_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


def _check_deployable(api: RestApi) -> None:
    methods = [m for r in api.resources.values() for m in r.methods.values()]
    if not methods:
        raise e.bad_request(e.NO_METHODS)
    if any(m.integration is None for m in methods):
        raise e.bad_request(e.NO_INTEGRATION)


def _check_stage_name(name: str) -> None:
    if not _STAGE_NAME.fullmatch(name):
        raise e.bad_request(e.INVALID_STAGE_NAME)


def create_deployment(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    _check_deployable(api)
    stage_name = p.get("stageName") or None
    if stage_name is not None:
        _check_stage_name(stage_name)
    now = int(call.now)
    deployment = Deployment(
        backend.new_id(DEPLOYMENT_ID_LENGTH, call.ids, api.deployments),
        p.get("description") or None,
        now,
    )
    api.deployments.add(deployment.id, deployment)
    if stage_name is not None:
        stage = api.stages.get(stage_name)
        if stage is None:
            api.stages[stage_name] = Stage(
                stage_name,
                deployment.id,
                p.get("stageDescription") or None,
                now,
                now,
                dict(p.get("variables") or {}),
                bool(p.get("tracingEnabled", False)),
            )
        else:
            stage.deployment_id = deployment.id
            stage.updated = now
    return deployment.render()


def get_deployments(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    return page(api.deployments, requested(call), lambda found: [d.render() for d in found])


def create_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    name = p["stageName"]
    _check_stage_name(name)
    if p["deploymentId"] not in api.deployments:
        raise e.bad_request(e.DEPLOYMENT_NOT_FOUND)
    if name in api.stages:
        raise e.conflict(e.STAGE_EXISTS)
    now = int(call.now)
    stage = Stage(
        name,
        p["deploymentId"],
        p.get("description") or None,
        now,
        now,
        dict(p.get("variables") or {}),
        bool(p.get("tracingEnabled", False)),
        check_tags(p.get("tags") or {}),
    )
    api.stages[name] = stage
    return stage.render()


def get_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return backend.stage(call.params["restApiId"], call.params["stageName"]).render()


def get_stages(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    deployment_id = call.params.get("deploymentId") or None
    return {
        "item": [
            s.render()
            for s in api.stages.values()
            if deployment_id is None or s.deployment_id == deployment_id
        ]
    }


def delete_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    stage = backend.stage(api.id, call.params["stageName"])
    backend.forget_stages(api.id, stage.name)
    del api.stages[stage.name]
    return {}


OPERATIONS = {
    "CreateDeployment": create_deployment,
    "GetDeployments": get_deployments,
    "CreateStage": create_stage,
    "GetStage": get_stage,
    "GetStages": get_stages,
    "DeleteStage": delete_stage,
}
