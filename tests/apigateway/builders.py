"""What API Gateway tests build again and again, through the client as users do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REGION = "us-east-1"
ACCOUNT = "123456789012"


@dataclass(frozen=True)
class PetsApi:
    """A REST API with ``GET /`` and ``GET /pets`` (MOCK integrations), deployed to ``dev``."""

    api_id: str
    root_id: str
    pets_id: str
    deployment_id: str
    stage: str = "dev"

    @property
    def ref(self) -> str:
        """The ``apiId:stage`` form usage plan patches use."""
        return f"{self.api_id}:{self.stage}"

    @property
    def api_stage(self) -> dict[str, str]:
        """The ``apiStages`` entry of a usage plan."""
        return {"apiId": self.api_id, "stage": self.stage}


def add_method(aws: Any, api_id: str, resource_id: str, http_method: str = "GET") -> None:
    aws.put_method(
        restApiId=api_id, resourceId=resource_id, httpMethod=http_method, authorizationType="NONE"
    )
    aws.put_integration(
        restApiId=api_id, resourceId=resource_id, httpMethod=http_method, type="MOCK"
    )


def pets_api(aws: Any, name: str = "pets", stage: str = "dev") -> PetsApi:
    api = aws.create_rest_api(name=name)
    pets = aws.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets")
    add_method(aws, api["id"], api["rootResourceId"])
    add_method(aws, api["id"], pets["id"])
    deployment = aws.create_deployment(restApiId=api["id"], stageName=stage)
    return PetsApi(api["id"], api["rootResourceId"], pets["id"], deployment["id"], stage)


def add_stage(aws: Any, api: PetsApi, stage: str) -> PetsApi:
    """Another stage of the same API, on the same deployment."""
    aws.create_stage(restApiId=api.api_id, stageName=stage, deploymentId=api.deployment_id)
    return PetsApi(api.api_id, api.root_id, api.pets_id, api.deployment_id, stage)


def api_key(aws: Any, name: str = "key", **extra: Any) -> dict[str, Any]:
    return dict(aws.create_api_key(name=name, **extra))


def plan_with_key(aws: Any, key_id: str, **plan: Any) -> str:
    """A usage plan (named ``plan`` unless given) holding the API key ``key_id``; its id."""
    plan.setdefault("name", "plan")
    plan_id = str(aws.create_usage_plan(**plan)["id"])
    aws.create_usage_plan_key(usagePlanId=plan_id, keyId=key_id, keyType="API_KEY")
    return plan_id


def body(response: dict[str, Any]) -> dict[str, Any]:
    """A response without its ``ResponseMetadata``: what the service sent."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def status(response: dict[str, Any]) -> int:
    return int(response["ResponseMetadata"]["HTTPStatusCode"])
