"""Async tests as users write them: run by anyio's pytest plugin (on asyncio), with the
fixture, with ``async with mock_aws()``, and two tasks each in its own activation."""

from __future__ import annotations

from typing import Any

import anyio
import boto3
import pytest

import mockway
from mockway import mock_aws

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_the_fixture_in_an_async_test(mockway: mockway.Handle, apigateway: Any) -> None:
    key = apigateway.create_api_key(name="async")
    await anyio.sleep(0)
    assert mockway.apigateway().api_key(key["id"]) is not None


async def test_two_tasks_in_two_activations_share_one_state() -> None:
    """Activations are process-wide, not per task: two tasks' overlapping activations share the
    backends; a call is served for the account of the activation started last that is still
    active, whichever task started it; the state is cleared when the last one exits."""
    client = boto3.client("apigateway", region_name="us-east-1")
    seen: dict[str, Any] = {}
    first_in = anyio.Event()
    second_in = anyio.Event()
    first_done = anyio.Event()

    async def first() -> None:
        async with mock_aws(account_id="111111111111") as aws:
            client.create_api_key(name="from-first")
            first_in.set()
            await second_in.wait()
            seen["first sees"] = [k.name for k in aws.apigateway().api_keys()]
            # Served for the account of the activation started last: the second task's.
            client.create_api_key(name="first-while-second-active")
            seen["in 222"] = [k.name for k in aws.apigateway(account_id="222222222222").api_keys()]
        first_done.set()

    async def second() -> None:
        await first_in.wait()
        async with mock_aws(account_id="222222222222") as aws:
            seen["second sees 111"] = [
                k.name for k in aws.apigateway(account_id="111111111111").api_keys()
            ]
            second_in.set()
            await first_done.wait()
            seen["after first exits"] = len(aws.apigateway(account_id="111111111111").api_keys())

    async with anyio.create_task_group() as group:
        group.start_soon(first)
        group.start_soon(second)

    assert seen == {
        "second sees 111": ["from-first"],
        "first sees": ["from-first"],
        "in 222": ["first-while-second-active"],
        "after first exits": 1,
    }
    async with mock_aws() as aws:
        assert aws.apigateway(account_id="111111111111").api_keys() == ()
