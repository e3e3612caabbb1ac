"""mockway beside responses and respx: each answers its own URLs, in either order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

import httpx
import pytest
import requests
import responses
import respx
from dataplane_support import assert_forbidden, assert_ok, via_handle, via_httpx, via_requests

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
