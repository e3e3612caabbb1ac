"""``Handle.apigateway().create_deployed_api``: a deployed REST API in one call."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

import mockway
from mockway import mock_aws
from support import client


def test_a_deployed_api_in_one_call(mockway: mockway.Handle, apigw: Any) -> None:
    api = mockway.apigateway().create_deployed_api(
        "pets", stage="prod", paths=("/", "/pets/{id}"), methods=("GET", "POST")
    )
    assert api.invoke_url == f"https://{api.api_id}.execute-api.us-east-1.amazonaws.com/prod"
    resources = {r["path"]: r for r in apigw.get_resources(restApiId=api.api_id)["items"]}
    assert set(resources) == {"/", "/pets", "/pets/{id}"}
    assert {path: resources[path]["id"] for path in resources} == dict(api.resource_ids)
    assert api.root_resource_id == resources["/"]["id"]
    assert set(resources["/pets/{id}"]["resourceMethods"]) == {"GET", "POST"}
    assert "resourceMethods" not in resources["/pets"]
    stage = apigw.get_stage(restApiId=api.api_id, stageName="prod")
    assert stage["deploymentId"] == api.deployment_id
    # What a usage plan test needs next works at once.
    plan = apigw.create_usage_plan(name="gold", apiStages=[api.api_stage])
    assert plan["apiStages"] == [{"apiId": api.api_id, "stage": "prod"}]


def test_api_keys_required(mockway: mockway.Handle, apigw: Any) -> None:
    api = mockway.apigateway().create_deployed_api(api_key_required=True)
    method = apigw.get_method(
        restApiId=api.api_id, resourceId=api.root_resource_id, httpMethod="GET"
    )
    assert method["apiKeyRequired"] is True
    assert method["methodIntegration"]["type"] == "MOCK"


def test_in_another_region_and_account() -> None:
    with mock_aws() as aws:
        api = aws.apigateway("eu-west-1", account_id="111122223333").create_deployed_api()
        assert api.region == "eu-west-1"
        assert aws.apigateway("eu-west-1").usage_plans() == ()
        with mock_aws(account_id="111122223333"):
            stages = client("apigateway", region="eu-west-1").get_stages(restApiId=api.api_id)
        assert [s["stageName"] for s in stages["item"]] == ["dev"]


def test_what_aws_refuses_is_a_client_error(mockway: mockway.Handle) -> None:
    with pytest.raises(ClientError) as info:
        mockway.apigateway().create_deployed_api(paths=("/bad path",))
    assert info.value.response["Error"]["Code"] == "BadRequestException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
