"""Functions of a GraphQL API: create, get, list, update (by the whole), delete."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support import expect_error

JS = {"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}
CODE = (
    "export function request(ctx) { return {}; }\n"
    "export function response(ctx) { return ctx.result; }"
)
REQUEST = '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
RESPONSE = "$util.toJson($ctx.result)"


@pytest.fixture
def api(appsync: Any) -> dict[str, Any]:
    created: dict[str, Any] = appsync.create_graphql_api(
        name="orders", authenticationType="API_KEY"
    )["graphqlApi"]
    appsync.create_data_source(apiId=created["apiId"], name="local", type="NONE")
    return created


def vtl(api: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A VTL function's parameters."""
    return {
        "apiId": api["apiId"],
        "name": "stamp",
        "dataSourceName": "local",
        "functionVersion": "2018-05-29",
        "requestMappingTemplate": REQUEST,
        "responseMappingTemplate": RESPONSE,
        **extra,
    }


def js(api: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An APPSYNC_JS function's parameters."""
    return {
        "apiId": api["apiId"],
        "name": "stamp",
        "dataSourceName": "local",
        "runtime": JS,
        "code": CODE,
        **extra,
    }


def test_vtl_lifecycle(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_function(**vtl(api, description="adds a stamp"))
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    function = created["functionConfiguration"]
    function_id = function["functionId"]
    assert re.fullmatch(r"[a-z2-7]{26}", function_id)
    expected = {
        "functionId": function_id,
        "functionArn": f"{api['arn']}/functions/{function_id}",
        "name": "stamp",
        "description": "adds a stamp",
        "dataSourceName": "local",
        "requestMappingTemplate": REQUEST,
        "responseMappingTemplate": RESPONSE,
        "functionVersion": "2018-05-29",
        "maxBatchSize": 0,
    }
    assert function == expected
    key = {"apiId": api["apiId"], "functionId": function_id}
    assert appsync.get_function(**key)["functionConfiguration"] == expected
    assert appsync.list_functions(apiId=api["apiId"])["functions"] == [expected]

    assert set(appsync.delete_function(**key)) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", "Function not found.", 404):
        appsync.get_function(**key)
    assert appsync.list_functions(apiId=api["apiId"])["functions"] == []


def test_js_function_has_no_function_version(appsync: Any, api: dict[str, Any]) -> None:
    function = appsync.create_function(**js(api))["functionConfiguration"]
    assert function == {
        "functionId": function["functionId"],
        "functionArn": f"{api['arn']}/functions/{function['functionId']}",
        "name": "stamp",
        "dataSourceName": "local",
        "maxBatchSize": 0,
        "runtime": JS,
        "code": CODE,
    }
    # An empty functionVersion is no version at all.
    again = appsync.create_function(**js(api, functionVersion=""))["functionConfiguration"]
    assert "functionVersion" not in again


def test_settings_are_kept(appsync: Any, api: dict[str, Any]) -> None:
    sync = {"conflictDetection": "VERSION", "conflictHandler": "OPTIMISTIC_CONCURRENCY"}
    function = appsync.create_function(**vtl(api, maxBatchSize=10, syncConfig=sync))[
        "functionConfiguration"
    ]
    assert function["maxBatchSize"] == 10
    assert function["syncConfig"] == sync


def test_update_replaces_the_whole_function(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_data_source(apiId=api["apiId"], name="other", type="NONE")
    created = appsync.create_function(**vtl(api, description="first", maxBatchSize=5))[
        "functionConfiguration"
    ]
    key = {"apiId": api["apiId"], "functionId": created["functionId"]}
    # What the update leaves out is gone: the templates, the description, the batch size.
    updated = appsync.update_function(
        **key, name="renamed", dataSourceName="other", functionVersion="2018-05-29"
    )["functionConfiguration"]
    assert updated == {
        "functionId": created["functionId"],
        "functionArn": created["functionArn"],
        "name": "renamed",
        "dataSourceName": "other",
        "functionVersion": "2018-05-29",
        "maxBatchSize": 0,
    }
    assert appsync.get_function(**key)["functionConfiguration"] == updated
    # From VTL to APPSYNC_JS: the version goes with the templates.
    as_js = appsync.update_function(
        **key, name="stamp", dataSourceName="local", runtime=JS, code=CODE
    )
    assert "functionVersion" not in as_js["functionConfiguration"]
    assert as_js["functionConfiguration"]["code"] == CODE


def test_names_need_not_be_unique(appsync: Any, api: dict[str, Any]) -> None:
    first = appsync.create_function(**vtl(api))["functionConfiguration"]
    second = appsync.create_function(**vtl(api))["functionConfiguration"]
    assert first["functionId"] != second["functionId"]
    listed = appsync.list_functions(apiId=api["apiId"])["functions"]
    assert [f["functionId"] for f in listed] == [first["functionId"], second["functionId"]]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"functionVersion": "2018-05-29"},
            "Function version not supported with the provided runtime.",
        ),
        (
            {"requestMappingTemplate": REQUEST},
            "Mapping templates cannot be used with a runtime; use code instead.",
        ),
        (
            {"runtime": {"name": "APPSYNC_JS", "runtimeVersion": "2.0.0"}},
            "Unsupported runtime version 2.0.0 for runtime APPSYNC_JS.",
        ),
        ({"code": None}, "code must be provided with a runtime."),
        ({"runtime": None}, "runtime must be provided with code."),
        (
            {"name": "with-hyphen"},
            "Invalid function name given, must match pattern [_A-Za-z][_0-9A-Za-z]*",
        ),
    ],
)
def test_js_rules(appsync: Any, api: dict[str, Any], params: dict[str, Any], message: str) -> None:
    request = {k: v for k, v in js(api, **params).items() if v is not None}
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_function(**request)
    assert appsync.list_functions(apiId=api["apiId"])["functions"] == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"functionVersion": None},
            "functionVersion is required for a function without a runtime.",
        ),
        ({"functionVersion": ""}, "functionVersion is required for a function without a runtime."),
        (
            {"functionVersion": "2017-02-28"},
            "Unsupported function version 2017-02-28: functions support 2018-05-29 only.",
        ),
    ],
)
def test_vtl_rules(appsync: Any, api: dict[str, Any], params: dict[str, Any], message: str) -> None:
    request = {k: v for k, v in vtl(api, **params).items() if v is not None}
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_function(**request)
    assert appsync.list_functions(apiId=api["apiId"])["functions"] == []


def test_a_direct_lambda_function_has_no_templates(appsync: Any, api: dict[str, Any]) -> None:
    function = appsync.create_function(
        apiId=api["apiId"], name="direct", dataSourceName="local", functionVersion="2018-05-29"
    )["functionConfiguration"]
    assert "requestMappingTemplate" not in function
    assert "responseMappingTemplate" not in function


def test_data_source_must_exist(appsync: Any, api: dict[str, Any]) -> None:
    with expect_error(appsync, "NotFoundException", "No data source found named absent", 404):
        appsync.create_function(**vtl(api, dataSourceName="absent"))
    created = appsync.create_function(**vtl(api))["functionConfiguration"]
    with expect_error(appsync, "NotFoundException", "No data source found named absent", 404):
        appsync.update_function(
            **vtl(api, dataSourceName="absent"), functionId=created["functionId"]
        )
    assert (
        appsync.get_function(apiId=api["apiId"], functionId=created["functionId"])[
            "functionConfiguration"
        ]
        == created
    )


def test_unknown_api_and_function(appsync: Any, api: dict[str, Any]) -> None:
    with expect_error(appsync, "NotFoundException", "GraphQL API missing not found.", 404):
        appsync.list_functions(apiId="missing")
    with expect_error(appsync, "NotFoundException", "GraphQL API missing not found.", 404):
        appsync.create_function(**vtl({"apiId": "missing"}))
    for call in (appsync.get_function, appsync.delete_function):
        with expect_error(appsync, "NotFoundException", "Function not found.", 404):
            call(apiId=api["apiId"], functionId="absent")
    with expect_error(appsync, "NotFoundException", "Function not found.", 404):
        appsync.update_function(**vtl(api), functionId="absent")


def test_list_pages_oldest_first(appsync: Any, api: dict[str, Any]) -> None:
    ids = [
        appsync.create_function(**vtl(api, name=f"f{i}"))["functionConfiguration"]["functionId"]
        for i in range(3)
    ]
    first = appsync.list_functions(apiId=api["apiId"], maxResults=2)
    rest = appsync.list_functions(apiId=api["apiId"], nextToken=first["nextToken"])
    assert [f["functionId"] for f in first["functions"] + rest["functions"]] == ids
    assert "nextToken" not in rest
    with expect_error(appsync, "BadRequestException", "Invalid pagination token given.", 400):
        appsync.list_functions(apiId=api["apiId"], nextToken="made-up")


def test_a_function_in_a_pipeline_cannot_be_deleted(appsync: Any, api: dict[str, Any]) -> None:
    function_id = appsync.create_function(**vtl(api))["functionConfiguration"]["functionId"]
    appsync.start_schema_creation(apiId=api["apiId"], definition=b"type Query { order: Int }")
    appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="order",
        kind="PIPELINE",
        pipelineConfig={"functions": [function_id]},
        runtime=JS,
        code=CODE,
    )
    key = {"apiId": api["apiId"], "functionId": function_id}
    with expect_error(
        appsync,
        "BadRequestException",
        "Cannot delete a function which is currently used by a resolver",
        400,
    ):
        appsync.delete_function(**key)
    appsync.get_function(**key)
    appsync.delete_resolver(apiId=api["apiId"], typeName="Query", fieldName="order")
    appsync.delete_function(**key)


def test_deleting_the_api_takes_its_functions(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_function(**vtl(api))
    appsync.delete_graphql_api(apiId=api["apiId"])
    with expect_error(appsync, "NotFoundException", f"GraphQL API {api['apiId']} not found.", 404):
        appsync.list_functions(apiId=api["apiId"])
