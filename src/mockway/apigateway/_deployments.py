"""CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment."""

from __future__ import annotations

from typing import Any

from .._registry import Call
from . import _errors as e
from ._family import IN_REST_API, Family, render_output
from ._models import ApiGatewayBackend
from ._rest_models import Deployment, RestApi, Stage
from ._stages import check_stage_name

__all__ = ["FAMILY", "OPERATIONS"]

DEPLOYMENT_ID_LENGTH = 6

FAMILY: Family[Deployment] = Family(
    IN_REST_API, lambda api: api.deployments, "deploymentId", e.DEPLOYMENT_NOT_FOUND_404
)


def _check_deployable(api: RestApi) -> None:
    methods = api.methods()
    if not methods:
        raise e.bad_request(e.NO_METHODS)
    if any(m.method_integration is None for _, m in methods):
        raise e.bad_request(e.NO_INTEGRATION)


def create_deployment(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    _check_deployable(api)
    stage_name = p.get("stageName") or None
    if stage_name is not None:
        check_stage_name(stage_name)
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
            stage = Stage(
                stage_name,
                deployment.id,
                now,
                now,
                description=p.get("stageDescription") or None,
                variables=dict(p.get("variables") or {}),
                tracing_enabled=bool(p.get("tracingEnabled", False)),
            )
            api.stages.add(stage_name, stage)
        else:
            stage.deployment_id = deployment.id
            stage.last_updated_date = now
    return render_output(deployment, call)


OPERATIONS = {
    "CreateDeployment": create_deployment,
    **FAMILY.operations(list="GetDeployments"),
}
