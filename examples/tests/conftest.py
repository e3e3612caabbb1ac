from __future__ import annotations

from typing import Any

import boto3
import pytest

import mockway


@pytest.fixture
def apigateway(mockway: mockway.Handle) -> Any:
    return boto3.client("apigateway", region_name="eu-west-1")


@pytest.fixture
def plan_id(apigateway: Any) -> str:
    """A 'basic' tier: 1000 calls a day on the dev stage of a small REST API."""
    api = apigateway.create_rest_api(name="orders")
    root = api["rootResourceId"]
    apigateway.put_method(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        authorizationType="NONE",
        apiKeyRequired=True,
    )
    apigateway.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    apigateway.create_deployment(restApiId=api["id"], stageName="dev")
    plan = apigateway.create_usage_plan(
        name="basic",
        apiStages=[{"apiId": api["id"], "stage": "dev"}],
        quota={"limit": 1000, "period": "DAY"},
        throttle={"burstLimit": 10, "rateLimit": 5},
    )
    return str(plan["id"])
