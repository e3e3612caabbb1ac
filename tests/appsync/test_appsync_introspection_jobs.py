"""Data source introspections: StartDataSourceIntrospection, GetDataSourceIntrospection."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support import expect_error

CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:orders"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-AbCdEf"
CONFIG = {"resourceArn": CLUSTER, "secretArn": SECRET, "databaseName": "shop"}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def test_an_introspection_fails_where_no_database_is_reached(appsync: Any) -> None:
    started = appsync.start_data_source_introspection(rdsDataApiConfig=CONFIG)
    introspection_id = started["introspectionId"]
    assert re.fullmatch(UUID, introspection_id)
    assert started["introspectionStatus"] == "PROCESSING"
    assert "introspectionStatusDetail" not in started
    got = appsync.get_data_source_introspection(introspectionId=introspection_id)
    got.pop("ResponseMetadata")
    assert got == {
        "introspectionId": introspection_id,
        "introspectionStatus": "FAILED",
        "introspectionStatusDetail": (
            f"Unable to introspect database shop of cluster {CLUSTER}: the RDS Data API could"
            " not reach it."
        ),
    }
    again = appsync.get_data_source_introspection(
        introspectionId=introspection_id, includeModelsSDL=True, maxResults=5
    )
    assert again["introspectionStatus"] == "FAILED"
    assert "introspectionResult" not in again


def test_an_unknown_introspection(appsync: Any) -> None:
    with expect_error(appsync, "NotFoundException", "Introspection nope not found.", 404):
        appsync.get_data_source_introspection(introspectionId="nope")


def test_introspections_stay_in_their_region(mockway: Any) -> None:
    import boto3

    here = boto3.client("appsync", region_name="us-east-1")
    there = boto3.client("appsync", region_name="eu-west-1")
    introspection_id = here.start_data_source_introspection(rdsDataApiConfig=CONFIG)[
        "introspectionId"
    ]
    message = f"Introspection {introspection_id} not found."
    with expect_error(there, "NotFoundException", message, 404):
        there.get_data_source_introspection(introspectionId=introspection_id)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "rdsDataApiConfig must be provided."),
        (
            {"rdsDataApiConfig": {**CONFIG, "resourceArn": "arn:aws:rds:us-east-1:1:db:orders"}},
            "1 validation error detected: Value 'arn:aws:rds:us-east-1:1:db:orders' at"
            " 'startDataSourceIntrospectionInput.rdsDataApiConfig.resourceArn' failed to satisfy"
            " constraint: Member must satisfy regular expression pattern:"
            " ^arn:[a-z-]*:rds:[a-z0-9-]*:\\d{12}:cluster:[0-9A-Za-z_/-]*$",
        ),
    ],
)
def test_what_start_refuses(appsync: Any, params: dict[str, Any], message: str) -> None:
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.start_data_source_introspection(**params)
