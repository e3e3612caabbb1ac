from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

import mockway
from mockway._interceptor import CONTROLLER
from strict import check_response

pytest_plugins = ["pytester"]

REGION = "us-east-1"


@pytest.fixture(autouse=True, scope="session")
def _strict_responses() -> Iterator[None]:
    """Every response mockway gives in this suite is checked against botocore's parser."""
    CONTROLLER.observers.append(check_response)
    yield
    CONTROLLER.observers.remove(check_response)


@pytest.fixture
def apigw(mockway: mockway.Handle) -> Any:
    return boto3.client("apigateway", region_name=REGION)


@pytest.fixture
def appsync(mockway: mockway.Handle) -> Any:
    return boto3.client("appsync", region_name=REGION)
