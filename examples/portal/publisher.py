"""Deploy an API from its OpenAPI file, publish what partners see of it, and issue their keys.

The API's own file is the source of truth: `deploy` imports it (or puts it over the API it
deployed before) and deploys a stage; `published_spec` exports the stage as partners should
see it (OpenAPI 3, no AWS extensions); `onboard` gives a partner a key in the stage's plan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPEC = Path(__file__).with_name("openapi.yaml")


@dataclass(frozen=True)
class Deployment:
    api_id: str
    stage: str
    plan_id: str


class Publisher:
    def __init__(self, apigateway: Any) -> None:
        self._client = apigateway

    def deploy(self, stage: str = "v1", *, api_id: str | None = None) -> Deployment:
        body = SPEC.read_bytes()
        if api_id is None:
            api_id = self._client.import_rest_api(body=body, failOnWarnings=True)["id"]
        else:
            self._client.put_rest_api(restApiId=api_id, body=body, mode="overwrite")
        self._client.create_deployment(restApiId=api_id, stageName=stage)
        plan = self._plan_of(api_id, stage) or self._client.create_usage_plan(
            name=f"partners-{stage}",
            apiStages=[{"apiId": api_id, "stage": stage}],
            throttle={"rateLimit": 10.0, "burstLimit": 20},
            quota={"limit": 10_000, "period": "MONTH"},
        )
        return Deployment(api_id, stage, plan["id"])

    def _plan_of(self, api_id: str, stage: str) -> dict[str, Any] | None:
        for plan in self._client.get_usage_plans()["items"]:
            if {"apiId": api_id, "stage": stage} in [
                {"apiId": s["apiId"], "stage": s["stage"]} for s in plan["apiStages"]
            ]:
                return dict(plan)
        return None

    def published_spec(self, deployment: Deployment) -> dict[str, Any]:
        exported = self._client.get_export(
            restApiId=deployment.api_id,
            stageName=deployment.stage,
            exportType="oas30",
            accepts="application/json",
        )
        spec: dict[str, Any] = json.loads(exported["body"].read())
        return spec

    def onboard(self, deployment: Deployment, partner: str) -> str:
        """A new, enabled key for ``partner`` in the stage's plan; its value."""
        key = self._client.create_api_key(name=partner, enabled=True, customerId=partner)
        self._client.create_usage_plan_key(
            usagePlanId=deployment.plan_id, keyId=key["id"], keyType="API_KEY"
        )
        return str(key["value"])
