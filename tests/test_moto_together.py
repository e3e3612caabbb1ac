"""mockway beside moto: each answers its own services, in either order of activation."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import moto
import pytest

import mockway
from support import client


def _moto_apigateway_keys() -> int:
    from moto.apigateway.models import apigateway_backends

    return len(apigateway_backends["123456789012"]["us-east-1"].keys)


@pytest.mark.parametrize(
    "enter",
    [
        lambda: (moto.mock_aws(), mockway.mock_aws()),
        lambda: (mockway.mock_aws(), moto.mock_aws()),
    ],
    ids=["moto-first", "mockway-first"],
)
def test_each_answers_its_own_services(enter: Callable[[], tuple[Any, Any]]) -> None:
    first, second = enter()
    with contextlib.ExitStack() as stack:
        handles = [stack.enter_context(first), stack.enter_context(second)]
        handle = next(h for h in handles if isinstance(h, mockway.Handle))
        s3 = client("s3")
        s3.create_bucket(Bucket="reports")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["reports"]
        key = client("apigateway").create_api_key(name="partner")
        assert handle.apigateway().api_key(key["id"]) is not None
        assert _moto_apigateway_keys() == 0
