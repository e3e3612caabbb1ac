from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

import mockway
from mockway._interceptor import CONTROLLER
from strict import check_response
from support import INNER_INI

pytest_plugins = ["pytester"]

# Every mockway module imported now: pytester forgets the modules an inner run imported first,
# and one imported again would make classes that are not the ones live objects have (which
# a snapshot's pickling refuses).
for _module in pkgutil.walk_packages(mockway.__path__, "mockway."):
    importlib.import_module(_module.name)
# graphql-core too: AppSync keeps the documents of the schema texts it checked, and a graphql
# imported again after an inner run would not take them for its own.
importlib.import_module("graphql")

REGION = "us-east-1"


@pytest.fixture(autouse=True, scope="session")
def _strict_responses() -> Iterator[None]:
    """Every response mockway gives in this suite is checked against botocore's parser."""
    CONTROLLER.observers.append(check_response)
    yield
    CONTROLLER.observers.remove(check_response)


@pytest.fixture(autouse=True)
def _fake_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever sees the developer's real credentials, profile or config files."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(autouse=True)
def _no_activation_leaks() -> Iterator[None]:
    """A test that leaves mockway active would make every later test pass for bad reasons."""
    yield
    leaked = list(CONTROLLER._active)
    for activation in reversed(leaked):
        CONTROLLER.pop(activation)
    assert not leaked, f"a test left mockway activations running: {leaked}"


@pytest.fixture
def pytester(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(INNER_INI)
    return pytester


@pytest.fixture
def apigw(mockway: mockway.Handle) -> Any:
    return boto3.client("apigateway", region_name=REGION)


@pytest.fixture
def appsync(mockway: mockway.Handle) -> Any:
    return boto3.client("appsync", region_name=REGION)
