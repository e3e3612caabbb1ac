"""Checked by mypy --strict (not run): the public API used as users use it keeps its types."""

from __future__ import annotations

import unittest

from typing_extensions import assert_type

import mockway
from mockway import Handle, mock_apigateway, mock_appsync, mock_aws
from mockway import NotActiveError as NotActive
from mockway import UnsupportedOperation as Unsupported
from mockway.apigateway.view import ApiKeyRecord


@mock_apigateway
def decorated(x: int) -> str:
    return str(x)


@mock_aws(account_id="111122223333", seed=1)
async def decorated_coroutine() -> int:
    return 1


@mock_appsync
class Case(unittest.TestCase):
    def test_it(self) -> None:
        pass


def uses() -> None:
    assert_type(decorated(1), str)
    assert_type(Case, type[Case])
    assert_type(mock_aws(), mockway.Mock)
    text: str = decorated(1)
    with mock_aws() as aws:
        handle: mockway.Handle = aws
        keys = handle.apigateway("eu-west-1").api_keys()
        names: list[str | None] = [k.name for k in keys]
        plans = handle.apigateway().usage_plans()
        assert names is not None
        assert plans is not None
    mock: mockway.Mock = mock_appsync(seed=3)
    started: mockway.Handle = mock.start()
    mock.stop()
    assert text
    assert started


async def uses_async() -> None:
    async with mock_aws() as aws:
        assert aws.account_id
    assert_type(await decorated_coroutine(), int)


def fixture_user(mockway: mockway.Handle) -> None:
    assert mockway.appsync().region


def outlived(call: object) -> str:
    try:
        assert callable(call)
        call()
    except mockway.ClientOutlivedMockError as error:
        assert_type(error, mockway.ClientOutlivedMockError)
        stopped: mockway.NotActiveError = error
        assert stopped
        return f"{error.service}.{error.operation}"
    return ""


def fixture_exceptions(mockway: Handle) -> str:
    """In a test that takes the fixture, ``mockway`` is the handle: its exceptions keep types."""
    try:
        mockway.apigateway().api_keys()
    except mockway.UnsupportedOperation as error:
        assert_type(error, Unsupported)
        return error.operation
    except mockway.NotActiveError as stopped:
        assert_type(stopped, NotActive)
    keys: tuple[ApiKeyRecord, ...] = mockway.apigateway().api_keys()
    return str(keys)
