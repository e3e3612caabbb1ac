"""An API's queryDepthLimit and resolverCountLimit, as AppSync applies them: fields past the
limit are null with the limit's error, the rest of the query is answered; and queries of any
size or depth without limits are answered, never a Python exception."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from graphql_support import REGION, Ask, assert_answered, graphql_api

import mockway

SCHEMA = """
type Query { nextLayer: Layer resolver: String items: [Item] }
type Layer { nextLayer: Layer value: String must: Layer! }
type Item { name: String }
"""
LAYERS = (
    '{"version": "2018-05-29", "payload": {"value": "1", "nextLayer": {"value": "2", '
    '"nextLayer": {"value": "3", "nextLayer": {"value": "4"}, "must": {"value": "m"}}}}}'
)
FIELD = "arn:aws:lambda:us-east-1:123456789012:function:names"


def layered(**settings: Any) -> Any:
    api = graphql_api(SCHEMA, **settings)
    api.resolve("Query", "nextLayer", LAYERS)
    api.resolve("Query", "resolver", '{"version": "2018-05-29", "payload": "ran"}')
    return api


def limit_error(path: list[Any], line: int, column: int, kind: str, message: str) -> Any:
    return {
        "path": path,
        "data": None,
        "errorType": kind,
        "errorInfo": None,
        "locations": [{"line": line, "column": column, "sourceName": None}],
        "message": message,
    }


def test_fields_past_the_depth_limit_are_null_with_an_error(
    mockway: mockway.Handle, ask: Ask
) -> None:
    # AppSync's guide: with a limit of 2, L3 and what is below it go past the limit
    api = layered(queryDepthLimit=2)
    reply = ask(api, "{ L1: nextLayer { L2: nextLayer { L3: nextLayer { L4: value } } } }")
    assert_answered(reply)
    assert reply.error_type is None
    assert reply.json() == {
        "data": {"L1": {"L2": {"L3": None}}},
        "errors": [
            limit_error(
                ["L1", "L2", "L3"],
                1,
                35,
                "QueryDepthLimitReached",
                "Query depth limit of 2 reached",
            )
        ],
    }


def test_a_query_within_the_depth_limit_is_answered_whole(mockway: mockway.Handle) -> None:
    api = layered(queryDepthLimit=3)
    answer = mockway.appsync(REGION).graphql(
        api.api_id, "{ nextLayer { value nextLayer { value } } }", api_key=api.key
    )
    assert answer.json() == {"data": {"nextLayer": {"value": "1", "nextLayer": {"value": "2"}}}}


def test_a_non_null_field_past_the_limit_nulls_its_nullable_parent(
    mockway: mockway.Handle,
) -> None:
    api = layered(queryDepthLimit=2)
    answer = mockway.appsync(REGION).graphql(
        api.api_id, "{ nextLayer { value nextLayer { must { value } } } }", api_key=api.key
    )
    body = answer.json()
    assert body["data"] == {"nextLayer": {"value": "1", "nextLayer": None}}
    assert [(e["path"], e["errorType"]) for e in body["errors"]] == [
        (["nextLayer", "nextLayer", "must"], "QueryDepthLimitReached")
    ]


def test_update_graphql_api_sets_and_lifts_the_depth_limit(mockway: mockway.Handle) -> None:
    api = layered()
    query = "{ nextLayer { nextLayer { value } } }"
    full = {"data": {"nextLayer": {"nextLayer": {"value": "2"}}}}
    assert mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key).json() == full
    api.client.update_graphql_api(
        apiId=api.api_id, name="api", authenticationType="API_KEY", queryDepthLimit=1
    )
    limited = mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key).json()
    assert limited["data"] == {"nextLayer": {"nextLayer": None}}
    assert limited["errors"][0]["message"] == "Query depth limit of 1 reached"
    api.client.update_graphql_api(apiId=api.api_id, name="api", authenticationType="API_KEY")
    assert mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key).json() == full


def test_resolvers_past_the_count_limit_do_not_run(mockway: mockway.Handle, ask: Ask) -> None:
    # AppSync's guide: with a limit of 2, the third resolver throws an error and does not run
    api = layered(resolverCountLimit=2)
    reply = ask(api, "{ resolver1: resolver resolver2: resolver resolver3: resolver }")
    assert_answered(reply)
    assert reply.json() == {
        "data": {"resolver1": "ran", "resolver2": "ran", "resolver3": None},
        "errors": [
            limit_error(
                ["resolver3"],
                1,
                43,
                "ResolverExecutionLimitReached",
                "Resolver execution limit of 2 reached",
            )
        ],
    }


def test_fields_without_resolvers_are_not_counted(mockway: mockway.Handle) -> None:
    api = layered(resolverCountLimit=1)
    answer = mockway.appsync(REGION).graphql(
        api.api_id, "{ nextLayer { value nextLayer { value } } }", api_key=api.key
    )
    assert answer.json() == {"data": {"nextLayer": {"value": "1", "nextLayer": {"value": "2"}}}}


def _items_api(mockway: mockway.Handle, count: int, **settings: Any) -> Any:
    api = graphql_api(SCHEMA, **settings)
    api.resolve(
        "Query",
        "items",
        '{"version": "2018-05-29", "payload": [#foreach($i in [1..'
        + str(count)
        + ']){"n": $i}#if($foreach.hasNext),#end#end]}',
    )
    api.client.create_data_source(
        apiId=api.api_id,
        name="names",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        lambdaConfig={"lambdaFunctionArn": FIELD},
    )
    api.client.create_resolver(
        apiId=api.api_id, typeName="Item", fieldName="name", dataSourceName="names"
    )
    mockway.appsync(REGION).register_lambda(FIELD, lambda event, _: f"n{event['source']['n']}")
    return api


def test_each_resolver_run_counts_once_per_list_item(mockway: mockway.Handle) -> None:
    api = _items_api(mockway, 4, resolverCountLimit=3)
    body = mockway.appsync(REGION).graphql(api.api_id, "{ items { name } }", api_key=api.key)
    assert body.json()["data"] == {
        "items": [{"name": "n1"}, {"name": "n2"}, {"name": None}, {"name": None}]
    }
    assert [e["path"] for e in body.json()["errors"]] == [
        ["items", 2, "name"],
        ["items", 3, "name"],
    ]


@pytest.mark.parametrize("limit", [None, 0])
def test_without_a_count_limit_ten_thousand_resolvers_run(
    mockway: mockway.Handle, limit: int | None
) -> None:
    settings = {} if limit is None else {"resolverCountLimit": limit}
    api = _items_api(mockway, 10_000, **settings)
    body = mockway.appsync(REGION).graphql(api.api_id, "{ items { name } }", api_key=api.key)
    items = body.json()["data"]["items"]
    assert items[9_998] == {"name": "n9999"}  # the root resolver and 9,999 more
    assert items[9_999] == {"name": None}
    (error,) = body.json()["errors"]
    assert error["errorType"] == "ResolverExecutionLimitReached"
    assert error["message"] == "Resolver execution limit of 10000 reached"


DEEP = """
type Query { a(x: In, l: [[String]]): String b: Node }
type Node { a: String b: Node }
input In { a: In s: String }
"""
TOO_DEEP = (
    "Invalid Syntax : More than 500 deep 'grammar' rules have been entered. To prevent Denial "
    "Of Service attacks, parsing has been cancelled."
)


def nested(levels: int) -> str:
    return "{" + " b {" * levels + " a" + " }" * levels + " }"


def assert_too_deep(reply: Any) -> None:
    assert_answered(reply)
    assert reply.json() == {
        "data": None,
        "errors": [{"path": None, "locations": [], "message": TOO_DEEP}],
    }


@pytest.mark.parametrize(
    "query",
    [
        nested(165),  # 3 grammar rules a level: graphql-java's parser stops past 500
        nested(7_000),  # 14,000 tokens: under the token limit
        "{ a(x: " + "{a: " * 5_000 + "{s: null}" + "}" * 5_000 + ") }",
        "{ a(l: " + "[" * 7_000 + "]" * 7_000 + ") }",
        "{ a(l: " + "[" * 14_000,
        "query {" + " ... on Query {" * 200 + " a" + " }" * 200 + " }",
    ],
    ids=["165-levels", "7000-levels", "input-objects", "lists", "unclosed-lists", "fragments"],
)
def test_queries_nested_past_the_parser_are_refused_without_a_limit(
    mockway: mockway.Handle, ask: Ask, query: str
) -> None:
    assert_too_deep(ask(graphql_api(DEEP), query))


def test_the_deepest_query_the_parser_reads_is_answered(mockway: mockway.Handle) -> None:
    api = graphql_api(DEEP)
    payload = '{"a": "leaf"}'
    for _ in range(163):  # the root field's value holds the other 163 levels
        payload = '{"b": ' + payload + "}"
    api.resolve("Query", "b", '{"version": "2018-05-29", "payload": ' + payload + "}")
    data = mockway.appsync(REGION).graphql(api.api_id, nested(164), api_key=api.key).json()
    assert "errors" not in data
    for _ in range(165):
        data = data["data" if "data" in data else "b"]
    assert data == {"a": "leaf"}


def test_ten_thousand_braces_are_a_syntax_error(mockway: mockway.Handle, ask: Ask) -> None:
    # graphql-java stops at the first token it cannot read, long before the nesting limit
    reply = ask(graphql_api(DEEP), "{" * 10_000)
    assert_answered(reply)
    assert reply.json() == {
        "data": None,
        "errors": [
            {
                "path": None,
                "locations": [{"line": 1, "column": 2, "sourceName": None}],
                "message": "Invalid Syntax : offending token '{' at line 1 column 2",
            }
        ],
    }


def test_brackets_in_strings_and_comments_are_not_nesting(mockway: mockway.Handle) -> None:
    api = graphql_api(DEEP)
    query = '{ a(x: {s: "' + "{" * 1_000 + '"}) # ' + "[" * 1_000 + "\n b { a } }"
    answer = mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key)
    assert answer.json() == {"data": {"a": None, "b": None}}
    block = '{ a(x: {s: """' + "(" * 1_000 + '"""}) }'
    answer = mockway.appsync(REGION).graphql(api.api_id, block, api_key=api.key)
    assert answer.json() == {"data": {"a": None}}


def test_the_parser_refuses_before_the_depth_limit_applies(mockway: mockway.Handle) -> None:
    api = graphql_api(DEEP, queryDepthLimit=75)
    answer = mockway.appsync(REGION).graphql(api.api_id, nested(300), api_key=api.key)
    assert answer.json() == {
        "data": None,
        "errors": [{"path": None, "locations": [], "message": TOO_DEEP}],
    }


def test_a_resolver_may_send_a_query_with_many_braces_while_one_runs(
    mockway: mockway.Handle,
) -> None:
    """Deep queries get room on Python's stack without waiting on each other: a Lambda
    resolver of one may send another."""
    function = "arn:aws:lambda:us-east-1:123456789012:function:names"
    pad = " #" + "{" * 70  # braces in a comment count toward the guard, not the depth
    api = graphql_api("type Query { items: [Item] } type Item { name: String }")
    api.resolve("Query", "items", '{"version": "2018-05-29", "payload": [{"n": 1}]}')
    api.client.create_data_source(
        apiId=api.api_id,
        name="names",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        lambdaConfig={"lambdaFunctionArn": function},
    )
    api.client.create_resolver(
        apiId=api.api_id, typeName="Item", fieldName="name", dataSourceName="names"
    )
    view = mockway.appsync(REGION)

    def names(event: Any, context: Any) -> str:
        inner = view.graphql(api.api_id, "{ __typename }" + pad, api_key=api.key)
        return str(inner.json()["data"]["__typename"])

    view.register_lambda(function, names)
    limit = sys.getrecursionlimit()
    reply = view.graphql(api.api_id, "{ items { name } }" + pad, api_key=api.key)
    assert reply.json() == {"data": {"items": [{"name": "Query"}]}}
    assert sys.getrecursionlimit() == limit


INTROSPECTION_DISABLED = "Introspection has been disabled for this request"


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("{ resolver __schema { queryType { name } } }", 1, 12),
        ('query Q {\n  __type(name: "Layer") { name }\n}', 2, 3),
        ("{ ...Root }\nfragment Root on Query { ... on Query { __schema { __typename } } }", 2, 41),
    ],
)
def test_introspection_disabled_refuses_the_whole_operation(
    mockway: mockway.Handle, ask: Ask, query: str, line: int, column: int
) -> None:
    api = layered(introspectionConfig="DISABLED")
    reply = ask(api, query)
    assert_answered(reply)
    assert reply.json() == {
        "data": None,
        "errors": [
            {
                "path": None,
                "locations": [{"line": line, "column": column, "sourceName": None}],
                "message": INTROSPECTION_DISABLED,
            }
        ],
    }


def test_introspection_disabled_still_answers_typename_and_other_operations(
    mockway: mockway.Handle,
) -> None:
    api = layered(introspectionConfig="DISABLED")
    view = mockway.appsync(REGION)
    typename = view.graphql(api.api_id, "{ __typename resolver }", api_key=api.key)
    assert typename.json() == {"data": {"__typename": "Query", "resolver": "ran"}}
    document = "query A { resolver } query B { __schema { queryType { name } } }"
    chosen = view.graphql(api.api_id, document, operation_name="A", api_key=api.key)
    assert chosen.json() == {"data": {"resolver": "ran"}}


def test_update_graphql_api_turns_introspection_off_and_on(mockway: mockway.Handle) -> None:
    api = layered()
    view = mockway.appsync(REGION)
    query = "{ __schema { queryType { name } } }"
    answered = {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert view.graphql(api.api_id, query, api_key=api.key).json() == answered
    api.client.update_graphql_api(
        apiId=api.api_id, name="api", authenticationType="API_KEY", introspectionConfig="DISABLED"
    )
    refused = view.graphql(api.api_id, query, api_key=api.key).json()
    assert refused["data"] is None
    assert refused["errors"][0]["message"] == INTROSPECTION_DISABLED
    api.client.update_graphql_api(apiId=api.api_id, name="api", authenticationType="API_KEY")
    assert view.graphql(api.api_id, query, api_key=api.key).json() == answered
