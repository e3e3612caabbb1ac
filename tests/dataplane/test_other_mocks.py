"""mockway beside responses, respx, pytest-httpx and aioresponses: each answers its own URLs,
whichever started first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

import aiohttp
import httpx
import pytest
import requests
import responses
import respx
from aioresponses import aioresponses
from dataplane_support import (
    assert_forbidden,
    assert_ok,
    via_aiohttp,
    via_handle,
    via_httpx,
    via_httpx_async,
    via_requests,
)
from pytest_httpx import HTTPXMock

from mockway import mock_aws

OTHER = "https://example.com/things"


@contextmanager
def both(mockway_first: bool, other: AbstractContextManager[Any]) -> Iterator[tuple[Any, Any]]:
    """mockway and another mock, started in the order asked."""
    with ExitStack() as stack:
        if mockway_first:
            handle = stack.enter_context(mock_aws())
            mocked = stack.enter_context(other)
        else:
            mocked = stack.enter_context(other)
            handle = stack.enter_context(mock_aws())
        yield handle, mocked


@pytest.mark.parametrize("mockway_first", [True, False])
def test_responses_keeps_its_urls_and_mockway_answers_execute_api(mockway_first: bool) -> None:
    with both(mockway_first, responses.RequestsMock()) as (handle, mocked):
        mocked.add(responses.GET, OTHER, json={"from": "responses"})
        api = handle.apigateway().create_deployed_api()
        assert requests.get(OTHER, timeout=5).json() == {"from": "responses"}
        assert_ok(via_requests("GET", api.invoke_url))
        assert_forbidden(via_requests("GET", api.invoke_url.replace("/dev", "/prod")))
        with pytest.raises(requests.ConnectionError):  # responses' answer to an unknown URL
            requests.get("https://example.com/unregistered", timeout=5)
        assert len(mocked.calls) == 2  # responses never saw the execute-api requests


@pytest.mark.parametrize("mockway_first", [True, False])
def test_respx_keeps_its_urls_and_mockway_answers_execute_api(mockway_first: bool) -> None:
    with both(mockway_first, respx.mock(assert_all_called=False)) as (handle, mocked):
        route = mocked.get(OTHER).respond(json={"from": "respx"})
        api = handle.apigateway().create_deployed_api()
        assert httpx.get(OTHER).json() == {"from": "respx"}
        assert_ok(via_httpx("GET", api.invoke_url))

        async def from_async() -> tuple[Any, int]:
            async with httpx.AsyncClient() as client:
                other = (await client.get(OTHER)).json()
                return other, (await client.get(api.invoke_url)).status_code

        assert asyncio.run(from_async()) == ({"from": "respx"}, 200)
        assert route.call_count == 2
        assert not any("execute-api" in str(call.request.url) for call in mocked.calls)


def test_the_handle_needs_no_http_library_mock(apigw: Any, mockway: Any) -> None:
    api = mockway.apigateway().create_deployed_api()
    with responses.RequestsMock(), respx.mock:
        assert_ok(via_handle(mockway)("GET", api.invoke_url))


def _httpx_beside(handle: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=OTHER, json={"from": "pytest-httpx"}, is_reusable=True)
    api = handle.apigateway().create_deployed_api()
    assert httpx.get(OTHER).json() == {"from": "pytest-httpx"}
    assert_ok(via_httpx("GET", api.invoke_url))
    assert_ok(via_httpx_async("GET", api.invoke_url))
    assert_forbidden(via_httpx("GET", api.invoke_url.replace("/dev", "/prod")))

    async def from_async() -> Any:
        async with httpx.AsyncClient() as client:
            return (await client.get(OTHER)).json()

    assert asyncio.run(from_async()) == {"from": "pytest-httpx"}
    # pytest-httpx saw only its own URL; it would fail the test at teardown for any request
    # it had no response for.
    assert [str(r.url) for r in httpx_mock.get_requests()] == [OTHER, OTHER]


def test_pytest_httpx_started_after_mockway(mockway: Any, httpx_mock: HTTPXMock) -> None:
    _httpx_beside(mockway, httpx_mock)


def test_pytest_httpx_started_before_mockway(httpx_mock: HTTPXMock, mockway: Any) -> None:
    _httpx_beside(mockway, httpx_mock)


@pytest.mark.parametrize("mockway_first", [True, False])
def test_aioresponses_keeps_its_urls_and_mockway_answers_execute_api(mockway_first: bool) -> None:
    # aioresponses answers its URL with an exception: its canned responses cannot be built on
    # every aiohttp release, and what is shown here is only which mock each request reaches.
    own_request = aiohttp.ClientSession._request
    with both(mockway_first, aioresponses()) as (handle, mocked):
        mocked.get(OTHER, exception=aiohttp.ClientPayloadError("from aioresponses"), repeat=True)
        api = handle.apigateway().create_deployed_api()
        assert_ok(via_aiohttp("GET", api.invoke_url))
        assert_forbidden(via_aiohttp("GET", api.invoke_url.replace("/dev", "/prod")))

        async def others() -> list[str]:
            refusals = []
            async with aiohttp.ClientSession() as session:
                for url in (OTHER, "https://example.com/unregistered"):
                    with pytest.raises(aiohttp.ClientError) as refused:
                        await session.get(url)
                    refusals.append(str(refused.value))
            return refusals

        assert asyncio.run(others()) == [
            "from aioresponses",
            "Connection refused: GET https://example.com/unregistered",
        ]
        assert all("execute-api" not in str(url) for _, url in mocked.requests)
    assert aiohttp.ClientSession._request is own_request
