"""AppSync through an aiobotocore client."""

from __future__ import annotations

import asyncio
from typing import Any

import aiobotocore.session
import pytest
from appsync_support import DAY, REGION, T0, T0_EPOCH, error_of, floor_hour
from freezegun import freeze_time

import mockway


def test_aiobotocore_client(mockway: mockway.Handle) -> None:
    async def scenario() -> dict[str, Any]:
        session = aiobotocore.session.get_session()
        async with session.create_client(
            "appsync", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y"
        ) as client:
            api = (await client.create_graphql_api(name="async_api", authenticationType="API_KEY"))[
                "graphqlApi"
            ]
            keys = [(await client.create_api_key(apiId=api["apiId"]))["apiKey"] for _ in range(3)]
            paginator = client.get_paginator("list_api_keys")
            listed = [
                key["id"]
                async for page in paginator.paginate(
                    apiId=api["apiId"], PaginationConfig={"PageSize": 2}
                )
                for key in page["apiKeys"]
            ]
            with pytest.raises(client.exceptions.NotFoundException) as excinfo:
                await client.get_graphql_api(apiId="missing")
            fetched = (await client.get_graphql_api(apiId=api["apiId"]))["graphqlApi"]
            return {
                "api": api,
                "fetched": fetched,
                "keys": keys,
                "listed": listed,
                "error": error_of(excinfo),
            }

    with freeze_time(T0):
        result = asyncio.run(scenario())
    assert result["fetched"] == result["api"]
    assert result["listed"] == [k["id"] for k in result["keys"]]
    assert {k["expires"] for k in result["keys"]} == {floor_hour(T0_EPOCH + 7 * DAY)}
    assert result["error"] == ("NotFoundException", "GraphQL API missing not found.", 404)
    view = mockway.appsync(REGION)
    assert [a.api_id for a in view.graphql_apis()] == [result["api"]["apiId"]]
