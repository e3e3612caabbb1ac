"""mockway beside aioboto3, on the botocore its release pins (the oldest mockway supports).

Run on its own (``pytest tests_aioboto3``) in an environment with aioboto3 installed; CI and
tox's ``oldest`` environment do.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aioboto3
import botocore
import pytest

from mockway import mock_aws

REGION = "us-east-1"


async def _scenario() -> dict[str, Any]:
    session = aioboto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    async with session.client("apigateway") as apigw, session.client("appsync") as appsync:
        key = await apigw.create_api_key(name="partner", enabled=True)
        plan = await apigw.create_usage_plan(
            name="gold", throttle={"rateLimit": 5, "burstLimit": 2}
        )
        await apigw.create_usage_plan_key(
            usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY"
        )
        listed = await apigw.get_usage_plan_keys(usagePlanId=plan["id"])
        try:
            await apigw.get_api_key(apiKey="missing")
        except apigw.exceptions.NotFoundException as error:
            missing = error.response["Error"]["Message"]
        api = (await appsync.create_graphql_api(name="g", authenticationType="API_KEY"))[
            "graphqlApi"
        ]
        appsync_key = (await appsync.create_api_key(apiId=api["apiId"]))["apiKey"]
        return {
            "plan": plan,
            "listed": [item["id"] for item in listed["items"]],
            "key": key,
            "missing": missing,
            "appsync_key": appsync_key,
        }


def test_aioboto3_clients_are_answered_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with mock_aws():
        result = asyncio.run(_scenario())
    assert result["listed"] == [result["key"]["id"]]
    assert result["plan"]["throttle"] == {"burstLimit": 2, "rateLimit": 5.0}
    assert result["missing"] == "Invalid API Key identifier specified"
    assert result["appsync_key"]["id"].startswith("da2-")
    # The botocore aioboto3's release pins: the floor mockway supports.
    assert tuple(int(p) for p in botocore.__version__.split(".")[:2]) >= (1, 40)
