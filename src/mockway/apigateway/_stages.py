"""CreateStage, GetStage, GetStages, UpdateStage, DeleteStage: the ``{apiId, stage}`` pairs
usage plans and API keys point at."""

from __future__ import annotations

import re
from typing import Any

from .._registry import Call
from .._render import render_items
from . import _errors as e
from ._family import IN_REST_API, Family, render_output
from ._models import ApiGatewayBackend
from ._rest_models import RestApi, Stage
from ._tags import check_tags

__all__ = ["FAMILY", "OPERATIONS", "check_stage_name"]

_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


def check_stage_name(name: str) -> None:
    if not _STAGE_NAME.fullmatch(name):
        raise e.bad_request(e.INVALID_STAGE_NAME)


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
    if p["deploymentId"] not in api.deployments:
        raise e.bad_request(e.DEPLOYMENT_NOT_FOUND)
    if name in api.stages:
        raise e.conflict(e.STAGE_EXISTS)
    now = int(call.now)
    stage = Stage(
        name,
        p["deploymentId"],
        now,
        now,
        description=p.get("description") or None,
        variables=dict(p.get("variables") or {}),
        tracing_enabled=bool(p.get("tracingEnabled", False)),
        tags=check_tags(p.get("tags") or {}),
    )
    api.stages.add(name, stage)
    return render_output(stage, call)


def get_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return render_output(backend.stage(call.params["restApiId"], call.params["stageName"]), call)


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


OPERATIONS = {
    "CreateStage": create_stage,
    "GetStage": get_stage,
    "GetStages": get_stages,
    **FAMILY.operations(delete="DeleteStage"),
}
