"""Data sources of a GraphQL API: create, get, list, update (by the whole), delete."""

from __future__ import annotations

from typing import Any

import pytest

from support import expect_error

ROLE = "arn:aws:iam::123456789012:role/appsync-service"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:orders"


@pytest.fixture
def api(appsync: Any) -> dict[str, Any]:
    created: dict[str, Any] = appsync.create_graphql_api(
        name="orders", authenticationType="API_KEY"
    )["graphqlApi"]
    return created


def test_lifecycle(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_data_source(
        apiId=api["apiId"],
        name="orders_fn",
        type="AWS_LAMBDA",
        serviceRoleArn=ROLE,
        lambdaConfig={"lambdaFunctionArn": LAMBDA},
    )
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    expected = {
        "dataSourceArn": f"{api['arn']}/datasources/orders_fn",
        "name": "orders_fn",
        "type": "AWS_LAMBDA",
        "serviceRoleArn": ROLE,
        "lambdaConfig": {"lambdaFunctionArn": LAMBDA},
    }
    assert created["dataSource"] == expected
    key = {"apiId": api["apiId"], "name": "orders_fn"}
    assert appsync.get_data_source(**key)["dataSource"] == expected
    assert appsync.list_data_sources(apiId=api["apiId"])["dataSources"] == [expected]

    # An update takes the whole data source again: what it leaves out is gone.
    updated = appsync.update_data_source(**key, type="NONE", description="now local")
    assert updated["dataSource"] == {
        "dataSourceArn": expected["dataSourceArn"],
        "name": "orders_fn",
        "type": "NONE",
        "description": "now local",
    }
    assert appsync.get_data_source(**key)["dataSource"] == updated["dataSource"]

    assert set(appsync.delete_data_source(**key)) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", "Data source not found.", 404):
        appsync.get_data_source(**key)
    assert appsync.list_data_sources(apiId=api["apiId"])["dataSources"] == []


def test_dynamodb_source_reads_back_its_flags(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_data_source(
        apiId=api["apiId"],
        name="orders_table",
        type="AMAZON_DYNAMODB",
        serviceRoleArn=ROLE,
        dynamodbConfig={"tableName": "orders", "awsRegion": "us-east-1"},
    )["dataSource"]
    assert created["dynamodbConfig"] == {
        "tableName": "orders",
        "awsRegion": "us-east-1",
        "useCallerCredentials": False,
        "versioned": False,
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"name": "with-hyphen", "type": "NONE"},
            "Invalid data source name given, must match pattern [_A-Za-z][_0-9A-Za-z]*",
        ),
        (
            {
                "name": "table",
                "type": "AMAZON_DYNAMODB",
                "dynamodbConfig": {"tableName": "t", "awsRegion": "us-east-1"},
            },
            "Service role arn not specified.",
        ),
        (
            {"name": "fn", "type": "AWS_LAMBDA", "serviceRoleArn": ROLE},
            "lambdaConfig must be provided for a data source of type AWS_LAMBDA.",
        ),
        (
            {
                "name": "fn",
                "type": "AWS_LAMBDA",
                "serviceRoleArn": ROLE,
                "lambdaConfig": {"lambdaFunctionArn": "not-an-arn"},
            },
            "Invalid Lambda function ARN specified: not-an-arn",
        ),
    ],
)
def test_refused_creates_store_nothing(
    appsync: Any, api: dict[str, Any], params: dict[str, Any], message: str
) -> None:
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_data_source(apiId=api["apiId"], **params)
    assert appsync.list_data_sources(apiId=api["apiId"])["dataSources"] == []


def test_names_are_unique_in_an_api(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    with expect_error(
        appsync, "BadRequestException", "Data source with name local already exists", 400
    ):
        appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    other = appsync.create_graphql_api(name="other", authenticationType="API_KEY")["graphqlApi"]
    appsync.create_data_source(apiId=other["apiId"], name="local", type="NONE")


def test_unknown_api_and_source(appsync: Any, api: dict[str, Any]) -> None:
    with expect_error(appsync, "NotFoundException", "GraphQL API missing not found.", 404):
        appsync.list_data_sources(apiId="missing")
    for call in (appsync.get_data_source, appsync.delete_data_source):
        with expect_error(appsync, "NotFoundException", "Data source not found.", 404):
            call(apiId=api["apiId"], name="absent")
    with expect_error(appsync, "NotFoundException", "Data source not found.", 404):
        appsync.update_data_source(apiId=api["apiId"], name="absent", type="NONE")


def test_list_pages_oldest_first(appsync: Any, api: dict[str, Any]) -> None:
    for index in range(3):
        appsync.create_data_source(apiId=api["apiId"], name=f"s{index}", type="NONE")
    first = appsync.list_data_sources(apiId=api["apiId"], maxResults=2)
    rest = appsync.list_data_sources(apiId=api["apiId"], nextToken=first["nextToken"])
    names = [s["name"] for s in first["dataSources"] + rest["dataSources"]]
    assert names == ["s0", "s1", "s2"]
    assert "nextToken" not in rest


def test_deleting_the_api_takes_its_sources(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    appsync.delete_graphql_api(apiId=api["apiId"])
    with expect_error(appsync, "NotFoundException", f"GraphQL API {api['apiId']} not found.", 404):
        appsync.get_data_source(apiId=api["apiId"], name="local")
