from __future__ import annotations

from typing import Any

import boto3
import pytest
from appsync_support import REGION
from botocore.config import Config

import mockway


@pytest.fixture
def unvalidated(mockway: mockway.Handle) -> Any:
    """A client that sends whatever it is given: the service's own checks answer."""
    return boto3.client("appsync", region_name=REGION, config=Config(parameter_validation=False))


@pytest.fixture
def api_id(appsync: Any) -> str:
    api = appsync.create_graphql_api(name="keys_api", authenticationType="API_KEY")
    return str(api["graphqlApi"]["apiId"])
