"""Async tests as users write them with pytest-asyncio (``@pytest.mark.asyncio``): the
fixtures, ``async with mock_aws()``, aiobotocore clients, and two tasks each in its own
activation. tests/test_async.py runs the same under anyio."""

from __future__ import annotations

import asyncio
from typing import Any

import boto3
import pytest
from aiobotocore.session import get_session
from botocore.exceptions import ClientError

import mockway
from mockway import mock_aws

pytestmark = pytest.mark.asyncio


async def test_the_fixtures_in_an_async_test(mockway: mockway.Handle, apigateway: Any) -> None:
    key = apigateway.create_api_key(name="async", value="a" * 20)
    await asyncio.sleep(0)
    assert mockway.apigateway().api_key(key["id"]).value == "a" * 20


async def test_an_aiobotocore_client_inside_async_with() -> None:
    async with mock_aws() as aws:
        async with get_session().create_client("apigateway", region_name="us-east-1") as client:
            created = await client.create_usage_plan(name="gold", throttle={"rateLimit": 5.0})
            with pytest.raises(ClientError) as refused:
                await client.get_usage_plan(usagePlanId="missing")
        assert aws.apigateway().usage_plan(created["id"]).name == "gold"
    assert refused.value.response["Error"]["Code"] == "NotFoundException"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


async def test_tasks_in_overlapping_activations_share_one_state() -> None:
    client = boto3.client("apigateway", region_name="us-east-1")
    both_in = asyncio.Event()
    seen: dict[str, Any] = {}

    async def task(name: str) -> None:
        async with mock_aws() as aws:
            client.create_api_key(name=name)
            if name == "second":
                both_in.set()
            await both_in.wait()
            await asyncio.sleep(0)
            seen[name] = sorted(k.name for k in aws.apigateway().api_keys())

    await asyncio.gather(task("first"), task("second"))
    assert seen == {"first": ["first", "second"], "second": ["first", "second"]}
    async with mock_aws() as aws:
        assert aws.apigateway().api_keys() == ()
