"""Resolvers of a GraphQL API: UNIT and PIPELINE, create, get, list by type and by function,
update (by the whole), delete."""

from __future__ import annotations

from typing import Any

import pytest

from support import expect_error

JS = {"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}
CODE = (
    "export function request(ctx) { return {}; }\n"
    "export function response(ctx) { return ctx.prev.result; }"
)
REQUEST = '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
RESPONSE = "$util.toJson($ctx.result)"


SCHEMA = b"""
type Order { id: ID! order: Order }
type Query { order: Order a: Int c: Int d: Int unit: Int pipeline: Int }
type Mutation { placeOrder: Order b: Int }
type Subscription { placed: Order }
"""


@pytest.fixture
def api(appsync: Any) -> dict[str, Any]:
    created: dict[str, Any] = appsync.create_graphql_api(
        name="orders", authenticationType="API_KEY"
    )["graphqlApi"]
    appsync.start_schema_creation(apiId=created["apiId"], definition=SCHEMA)
    assert appsync.get_schema_creation_status(apiId=created["apiId"])["status"] == "SUCCESS"
    appsync.create_data_source(apiId=created["apiId"], name="local", type="NONE")
    return created


def new_function(appsync: Any, api: dict[str, Any], name: str = "step") -> str:
    function_id: str = appsync.create_function(
        apiId=api["apiId"], name=name, dataSourceName="local", runtime=JS, code=CODE
    )["functionConfiguration"]["functionId"]
    return function_id


def test_unit_lifecycle(appsync: Any, api: dict[str, Any]) -> None:
    created = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="order",
        dataSourceName="local",
        requestMappingTemplate=REQUEST,
        responseMappingTemplate=RESPONSE,
    )
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    expected = {
        "typeName": "Query",
        "fieldName": "order",
        "dataSourceName": "local",
        "resolverArn": f"{api['arn']}/types/Query/resolvers/order",
        "requestMappingTemplate": REQUEST,
        "responseMappingTemplate": RESPONSE,
        "kind": "UNIT",
        "maxBatchSize": 0,
    }
    assert created["resolver"] == expected
    key = {"apiId": api["apiId"], "typeName": "Query", "fieldName": "order"}
    assert appsync.get_resolver(**key)["resolver"] == expected
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"] == [expected]

    assert set(appsync.delete_resolver(**key)) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", "No resolver found.", 404):
        appsync.get_resolver(**key)
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"] == []


def test_pipeline_resolver(appsync: Any, api: dict[str, Any]) -> None:
    first, second = new_function(appsync, api, "first"), new_function(appsync, api, "second")
    resolver = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Mutation",
        fieldName="placeOrder",
        kind="PIPELINE",
        pipelineConfig={"functions": [second, first]},
        runtime=JS,
        code=CODE,
    )["resolver"]
    assert resolver == {
        "typeName": "Mutation",
        "fieldName": "placeOrder",
        "resolverArn": f"{api['arn']}/types/Mutation/resolvers/placeOrder",
        "kind": "PIPELINE",
        "pipelineConfig": {"functions": [second, first]},
        "maxBatchSize": 0,
        "runtime": JS,
        "code": CODE,
    }


def test_a_pipeline_may_start_empty(appsync: Any, api: dict[str, Any]) -> None:
    resolver = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="order",
        kind="PIPELINE",
        requestMappingTemplate="{}",
        responseMappingTemplate=RESPONSE,
    )["resolver"]
    assert resolver["pipelineConfig"] == {"functions": []}


def test_settings_are_kept(appsync: Any, api: dict[str, Any]) -> None:
    sync = {"conflictDetection": "VERSION", "conflictHandler": "OPTIMISTIC_CONCURRENCY"}
    caching = {"ttl": 60, "cachingKeys": ["$context.identity.sub", "$context.arguments.id"]}
    resolver = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="order",
        kind="UNIT",
        dataSourceName="local",
        syncConfig=sync,
        cachingConfig=caching,
        maxBatchSize=25,
        metricsConfig="ENABLED",
    )["resolver"]
    assert resolver["syncConfig"] == sync
    assert resolver["cachingConfig"] == caching
    assert resolver["maxBatchSize"] == 25
    if "metricsConfig" in appsync.meta.service_model.shape_for("Resolver").members:
        assert resolver["metricsConfig"] == "ENABLED"


def test_one_resolver_per_field(appsync: Any, api: dict[str, Any]) -> None:
    key = {"apiId": api["apiId"], "typeName": "Query", "fieldName": "order"}
    original = appsync.create_resolver(**key, dataSourceName="local")["resolver"]
    with expect_error(
        appsync, "BadRequestException", "Only one resolver is allowed per field.", 400
    ):
        appsync.create_resolver(**key, dataSourceName="local", maxBatchSize=3)
    assert appsync.get_resolver(**key)["resolver"] == original
    # The same field name on another type is another field.
    appsync.create_resolver(**{**key, "typeName": "Order"}, dataSourceName="local")


def test_update_replaces_the_whole_resolver(appsync: Any, api: dict[str, Any]) -> None:
    key = {"apiId": api["apiId"], "typeName": "Query", "fieldName": "order"}
    appsync.create_resolver(
        **key,
        dataSourceName="local",
        requestMappingTemplate=REQUEST,
        responseMappingTemplate=RESPONSE,
        maxBatchSize=5,
    )
    function_id = new_function(appsync, api)
    # No kind: back to UNIT, which needs its data source again.
    with expect_error(
        appsync, "BadRequestException", "DataSourceName is required for UNIT resolver", 400
    ):
        appsync.update_resolver(**key, runtime=JS, code=CODE)
    updated = appsync.update_resolver(
        **key, kind="PIPELINE", pipelineConfig={"functions": [function_id]}, runtime=JS, code=CODE
    )["resolver"]
    assert updated == {
        "typeName": "Query",
        "fieldName": "order",
        "resolverArn": f"{api['arn']}/types/Query/resolvers/order",
        "kind": "PIPELINE",
        "pipelineConfig": {"functions": [function_id]},
        "maxBatchSize": 0,
        "runtime": JS,
        "code": CODE,
    }
    assert appsync.get_resolver(**key)["resolver"] == updated
    with expect_error(appsync, "NotFoundException", "No resolver found.", 404):
        appsync.update_resolver(**{**key, "fieldName": "absent"}, dataSourceName="local")


def test_kinds_keep_only_what_they_use(appsync: Any, api: dict[str, Any]) -> None:
    function_id = new_function(appsync, api)
    unit = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="unit",
        dataSourceName="local",
        pipelineConfig={"functions": [function_id]},
    )["resolver"]
    assert "pipelineConfig" not in unit
    pipeline = appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="pipeline",
        kind="PIPELINE",
        dataSourceName="local",
        pipelineConfig={"functions": [function_id]},
    )["resolver"]
    assert "dataSourceName" not in pipeline


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "DataSourceName is required for UNIT resolver"),
        (
            {"kind": "UNIT", "runtime": JS, "code": CODE},
            "DataSourceName is required for UNIT resolver",
        ),
        ({"dataSourceName": "local", "runtime": JS}, "code must be provided with a runtime."),
        ({"dataSourceName": "local", "code": CODE}, "runtime must be provided with code."),
        (
            {
                "dataSourceName": "local",
                "runtime": JS,
                "code": CODE,
                "responseMappingTemplate": RESPONSE,
            },
            "Mapping templates cannot be used with a runtime; use code instead.",
        ),
        (
            {"dataSourceName": "local", "cachingConfig": {"ttl": 3601}},
            "Caching TTL must be between 1 and 3600 seconds.",
        ),
        (
            {"dataSourceName": "local", "cachingConfig": {"ttl": 0}},
            "Caching TTL must be between 1 and 3600 seconds.",
        ),
    ],
)
def test_refused_creates_store_nothing(
    appsync: Any, api: dict[str, Any], params: dict[str, Any], message: str
) -> None:
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_resolver(apiId=api["apiId"], typeName="Query", fieldName="order", **params)
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"] == []


def test_references_must_exist(appsync: Any, api: dict[str, Any]) -> None:
    key = {"apiId": api["apiId"], "typeName": "Query", "fieldName": "order"}
    with expect_error(appsync, "NotFoundException", "No data source found named absent", 404):
        appsync.create_resolver(**key, dataSourceName="absent")
    function_id = new_function(appsync, api)
    with expect_error(
        appsync,
        "NotFoundException",
        "The specified functions [gone,lost] must exist before referencing them from a resolver.",
        404,
    ):
        appsync.create_resolver(
            **key, kind="PIPELINE", pipelineConfig={"functions": ["gone", function_id, "lost"]}
        )
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"] == []


def test_lists_by_type_and_by_function(appsync: Any, api: dict[str, Any]) -> None:
    used, unused = new_function(appsync, api, "used"), new_function(appsync, api, "unused")
    pipeline = {"kind": "PIPELINE", "pipelineConfig": {"functions": [used]}}
    for type_name, field_name in [
        ("Query", "a"),
        ("Mutation", "b"),
        ("Query", "c"),
        ("Query", "d"),
    ]:
        params = pipeline if field_name != "d" else {"dataSourceName": "local"}
        appsync.create_resolver(
            apiId=api["apiId"], typeName=type_name, fieldName=field_name, **params
        )
    queries = appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"]
    assert [r["fieldName"] for r in queries] == ["a", "c", "d"]
    first = appsync.list_resolvers(apiId=api["apiId"], typeName="Query", maxResults=2)
    rest = appsync.list_resolvers(
        apiId=api["apiId"], typeName="Query", nextToken=first["nextToken"]
    )
    assert [r["fieldName"] for r in first["resolvers"] + rest["resolvers"]] == ["a", "c", "d"]
    assert "nextToken" not in rest
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Subscription")["resolvers"] == []

    by_function = appsync.list_resolvers_by_function(apiId=api["apiId"], functionId=used)
    assert [(r["typeName"], r["fieldName"]) for r in by_function["resolvers"]] == [
        ("Query", "a"),
        ("Mutation", "b"),
        ("Query", "c"),
    ]
    assert (
        by_function["resolvers"][0]
        == appsync.get_resolver(apiId=api["apiId"], typeName="Query", fieldName="a")["resolver"]
    )
    page = appsync.list_resolvers_by_function(apiId=api["apiId"], functionId=used, maxResults=1)
    assert [r["fieldName"] for r in page["resolvers"]] == ["a"]
    more = appsync.list_resolvers_by_function(
        apiId=api["apiId"], functionId=used, nextToken=page["nextToken"]
    )
    assert [r["fieldName"] for r in more["resolvers"]] == ["b", "c"]
    assert (
        appsync.list_resolvers_by_function(apiId=api["apiId"], functionId=unused)["resolvers"] == []
    )
    with expect_error(appsync, "NotFoundException", "Function not found.", 404):
        appsync.list_resolvers_by_function(apiId=api["apiId"], functionId="absent")
    with expect_error(appsync, "BadRequestException", "Invalid pagination token given.", 400):
        appsync.list_resolvers(apiId=api["apiId"], typeName="Query", nextToken="made-up")


def test_unknown_api(appsync: Any) -> None:
    message = "GraphQL API missing not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.list_resolvers(apiId="missing", typeName="Query")
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.create_resolver(
            apiId="missing", typeName="Query", fieldName="order", dataSourceName="local"
        )
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.list_resolvers_by_function(apiId="missing", functionId="any")
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.delete_resolver(apiId="missing", typeName="Query", fieldName="order")


def test_deleting_the_api_takes_its_resolvers(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_resolver(
        apiId=api["apiId"], typeName="Query", fieldName="order", dataSourceName="local"
    )
    appsync.delete_graphql_api(apiId=api["apiId"])
    with expect_error(appsync, "NotFoundException", f"GraphQL API {api['apiId']} not found.", 404):
        appsync.get_resolver(apiId=api["apiId"], typeName="Query", fieldName="order")


def test_type_and_field_must_be_in_the_schema(appsync: Any, api: dict[str, Any]) -> None:
    where = {"apiId": api["apiId"], "dataSourceName": "local"}
    with expect_error(appsync, "NotFoundException", "Type Absent not found", 404):
        appsync.create_resolver(**where, typeName="Absent", fieldName="x")
    with expect_error(
        appsync, "NotFoundException", "No field named missing found on type Query", 404
    ):
        appsync.create_resolver(**where, typeName="Query", fieldName="missing")
    with expect_error(appsync, "NotFoundException", "Type Absent not found", 404):
        appsync.delete_resolver(apiId=api["apiId"], typeName="Absent", fieldName="x")
    with expect_error(appsync, "NotFoundException", "No resolver found.", 404):
        appsync.get_resolver(apiId=api["apiId"], typeName="Query", fieldName="a")
    assert appsync.list_resolvers(apiId=api["apiId"], typeName="Query")["resolvers"] == []


def test_an_api_without_a_schema_has_no_types(appsync: Any) -> None:
    bare = appsync.create_graphql_api(name="bare", authenticationType="API_KEY")["graphqlApi"]
    appsync.create_data_source(apiId=bare["apiId"], name="local", type="NONE")
    with expect_error(appsync, "NotFoundException", "Type Query not found", 404):
        appsync.create_resolver(
            apiId=bare["apiId"], typeName="Query", fieldName="a", dataSourceName="local"
        )
