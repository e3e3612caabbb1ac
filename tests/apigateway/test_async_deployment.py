"""A realistic deployment script, run through an aiobotocore client: every family answers."""

from __future__ import annotations

import asyncio
from typing import Any

import aiobotocore.session

import mockway

REGION = "us-east-1"
LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"
)


async def deploy() -> dict[str, Any]:
    session = aiobotocore.session.get_session()
    async with session.create_client(
        "apigateway", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y"
    ) as aws:
        api = await aws.create_rest_api(name="pets", description="the pet store")
        api_id = api["id"]
        await aws.update_rest_api(
            restApiId=api_id,
            patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}],
        )
        pets = await aws.create_resource(
            restApiId=api_id, parentId=api["rootResourceId"], pathPart="pets"
        )
        authorizer = await aws.create_authorizer(
            restApiId=api_id,
            name="token",
            type="TOKEN",
            authorizerUri=LAMBDA_URI,
            identitySource="method.request.header.Authorization",
        )
        validator = await aws.create_request_validator(
            restApiId=api_id, name="body", validateRequestBody=True
        )
        await aws.create_model(
            restApiId=api_id,
            name="Pet",
            contentType="application/json",
            schema='{"type": "object", "properties": {"name": {"type": "string"}}}',
        )
        where = {"restApiId": api_id, "resourceId": pets["id"], "httpMethod": "POST"}
        await aws.put_method(
            **where,
            authorizationType="CUSTOM",
            authorizerId=authorizer["id"],
            requestValidatorId=validator["id"],
            requestModels={"application/json": "Pet"},
            apiKeyRequired=True,
        )
        await aws.put_method_response(**where, statusCode="200")
        await aws.put_integration(
            **where,
            type="MOCK",
            requestTemplates={"application/json": '{"statusCode": 200}'},
        )
        await aws.put_integration_response(
            **where, statusCode="200", responseTemplates={"application/json": "{}"}
        )
        await aws.update_method(
            **where,
            patchOperations=[{"op": "replace", "path": "/operationName", "value": "AddPet"}],
        )
        await aws.put_gateway_response(restApiId=api_id, responseType="THROTTLED", statusCode="429")
        await aws.create_documentation_part(
            restApiId=api_id, location={"type": "API"}, properties='{"info": "pets"}'
        )
        deployment = await aws.create_deployment(restApiId=api_id, stageName="prod")
        stage = await aws.update_stage(
            restApiId=api_id,
            stageName="prod",
            patchOperations=[
                {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "10"},
                {"op": "replace", "path": "/variables/env", "value": "prod"},
            ],
        )
        summary = await aws.get_deployment(
            restApiId=api_id, deploymentId=deployment["id"], embed=["apisummary"]
        )
        method = await aws.get_method(**where)
        responses = await aws.get_gateway_responses(restApiId=api_id)
        return {
            "stage": stage,
            "summary": summary,
            "method": method,
            "throttled": [r for r in responses["items"] if r["responseType"] == "THROTTLED"],
        }


def test_a_deployment_script_through_aiobotocore(mockway: mockway.Handle) -> None:
    result = asyncio.run(deploy())
    assert result["stage"]["variables"] == {"env": "prod"}
    assert result["stage"]["methodSettings"]["*/*"]["throttlingRateLimit"] == 10.0
    assert result["summary"]["apiSummary"]["/pets"]["POST"] == {
        "authorizationType": "CUSTOM",
        "apiKeyRequired": True,
    }
    method = result["method"]
    assert method["operationName"] == "AddPet"
    assert set(method["methodResponses"]) == {"200"}
    assert set(method["methodIntegration"]["integrationResponses"]) == {"200"}
    assert result["throttled"][0]["statusCode"] == "429"
    assert result["throttled"][0]["defaultResponse"] is False
