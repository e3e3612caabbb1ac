"""Helpers shared by the test modules: clients as users build them, and the network check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, HTTPClientError

REGION = "us-east-1"
NO_VALIDATION = Config(parameter_validation=False)
# Inner pytest runs (pytester) stand for users' projects, which set pytest-asyncio's loop scope
# as its deprecation warning asks.
INNER_INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"


def client(
    service: str, *, validate: bool = True, region: str = REGION, endpoint_url: str | None = None
) -> Any:
    """A boto3 client with the suite's fake credentials (set by the autouse fixture)."""
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        config=None if validate else NO_VALIDATION,
    )


def assert_goes_to_network(aws: Any, call: Callable[[], Any]) -> None:
    """``call`` on the client ``aws`` tried to reach the service's real endpoint, and the root
    conftest's guard stopped it at the socket layer."""
    endpoint = urlsplit(aws.meta.endpoint_url)
    with pytest.raises(HTTPClientError) as info:
        call()
    error = info.value.kwargs["error"]
    assert type(error).__name__ == "NetworkAccessError"
    assert isinstance(error, AssertionError)
    if endpoint.hostname == "localhost" or re.fullmatch(r"[\d.]+", endpoint.hostname or ""):
        # Resolved without a query: stopped at the socket's connect.
        assert re.fullmatch(
            rf"a test tried to connect to \('[\d.:a-f]+', {endpoint.port}(, 0, 0)?\)", str(error)
        ), str(error)
    else:
        assert str(error) == f"a test tried to connect to {endpoint.hostname!r} (DNS lookup)"


def error_of(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    """(code, message, HTTP status) of a ClientError."""
    response = info.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def known_members(aws: Any, shape: str, members: dict[str, Any]) -> dict[str, Any]:
    """``members`` less those the installed botocore's model of ``shape`` does not have: a
    member a model does not know is never in a parsed response (older botocore)."""
    known = aws.meta.service_model.shape_for(shape).members
    return {name: value for name, value in members.items() if name in known}


def without_metadata(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


@contextmanager
def expect_error(aws: Any, code: str, message: str, status: int) -> Iterator[None]:
    """The block raises the client's exception for ``code``, with AWS's parsed error shape:
    a modeled error also carries ``message`` at the top level, an unmodeled one does not."""
    with pytest.raises(ClientError) as info:
        yield
    assert error_of(info) == (code, message, status)
    modeled = aws.exceptions.from_code(code)
    if modeled is ClientError:
        assert type(info.value) is ClientError
        assert "message" not in info.value.response
    else:
        assert isinstance(info.value, modeled)
        assert info.value.response["message"] == message
