"""mockway: AWS API Gateway API keys and AppSync, mocked in-process for boto3 and botocore."""

from __future__ import annotations

from ._activation import (
    InvalidOptionError,
    Mock,
    MockFactory,
    mock_apigateway,
    mock_appsync,
    mock_aws,
)
from ._handle import Handle
from ._registry import supported_operations
from ._snapshot import Snapshot
from .errors import (
    ClientOutlivedMockError,
    MockwayError,
    NotActiveError,
    SnapshotError,
    UnsupportedOperation,
)

__all__ = [
    "ClientOutlivedMockError",
    "Handle",
    "InvalidOptionError",
    "Mock",
    "MockFactory",
    "MockwayError",
    "NotActiveError",
    "Snapshot",
    "SnapshotError",
    "UnsupportedOperation",
    "mock_apigateway",
    "mock_appsync",
    "mock_aws",
    "supported_operations",
]

__version__ = "0.1.0"
