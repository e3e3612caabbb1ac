"""How an AppSync API resolves a query: VTL resolvers on NONE data sources, Python callables
for Lambda data sources, pipelines, default resolvers, and AppSync's error entries."""

from __future__ import annotations

import decimal
from typing import Any

import pytest
from graphql_support import RESULT, Ask, assert_answered, assert_data, graphql_api

import mockway
from mockway import MockwayError

SCHEMA = """
type Query {
  post(id: ID!): Post
  posts: [Post]
  echo(text: String): String
  fails: String
  code: String
}
type Mutation { addPost(title: String!): Post }
type Post { id: ID! title: String author: Author }
type Author { name: String }
"""
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:posts"
ROLE = "arn:aws:iam::123456789012:role/appsync"


def lambda_source(api: Any) -> None:
    api.client.create_data_source(
        apiId=api.api_id,
        name="posts",
        type="AWS_LAMBDA",
        serviceRoleArn=ROLE,
        lambdaConfig={"lambdaFunctionArn": FUNCTION},
    )


def test_a_none_resolver_and_default_resolvers(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve(
        "Query",
        "post",
        '#set($post = {"id": $ctx.args.id, "title": "On VTL", "author": {"name": "Ada"}})\n'
        '{"version": "2018-05-29", "payload": $util.toJson($post)}',
    )
    reply = ask(
        api, "query Q($id: ID!) { post(id: $id) { id title author { name } } }", {"id": "7"}
    )
    assert_data(reply, {"post": {"id": "7", "title": "On VTL", "author": {"name": "Ada"}}})
    assert reply.body == b'{"data":{"post":{"id":"7","title":"On VTL","author":{"name":"Ada"}}}}'


def test_a_field_without_a_resolver_is_null(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    assert_data(ask(api, '{ echo(text: "x") posts { id } }'), {"echo": None, "posts": None})


def test_a_lambda_data_source_gets_appsyncs_event(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    api.client.create_resolver(
        apiId=api.api_id, typeName="Mutation", fieldName="addPost", dataSourceName="posts"
    )
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        assert context.function_name == "posts"
        assert context.invoked_function_arn == FUNCTION
        return {"id": "p1", "title": event["arguments"]["title"]}

    mockway.appsync().register_lambda(FUNCTION, handler)
    reply = ask(
        api,
        "mutation Add($t: String!) { addPost(title: $t) { id title ...A } }"
        " fragment A on Post { author { name } }",
        {"t": "Hello"},
        headers={"x-trace": "abc"},
    )
    assert_data(reply, {"addPost": {"id": "p1", "title": "Hello", "author": None}})
    (event,) = events
    assert event["arguments"] == {"title": "Hello"}
    assert event["identity"] is None
    assert event["source"] is None
    assert event["prev"] is None
    assert event["stash"] == {}
    assert event["request"]["headers"]["x-trace"] == "abc"
    assert event["request"]["headers"]["x-api-key"] == api.key
    assert event["info"] == {
        "fieldName": "addPost",
        "parentTypeName": "Mutation",
        "variables": {"t": "Hello"},
        "selectionSetList": ["id", "title", "author", "author/name"],
        "selectionSetGraphQL": "{\n  id\n  title\n  ...A\n}",
    }


def test_a_failing_lambda_is_a_field_error(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName="fails", dataSourceName="posts"
    )

    def handler(event: dict[str, Any], context: Any) -> Any:
        raise ValueError("database unavailable")

    mockway.appsync().register_lambda("posts", handler)
    reply = ask(api, "{ fails }")
    assert_answered(reply)
    assert reply.json() == {
        "data": {"fails": None},
        "errors": [
            {
                "path": ["fails"],
                "data": None,
                "errorType": "Lambda:Unhandled",
                "errorInfo": None,
                "locations": [{"line": 1, "column": 3, "sourceName": None}],
                "message": "database unavailable",
            }
        ],
    }


def test_what_json_cannot_hold_is_the_lambda_runtimes_marshal_error(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName="fails", dataSourceName="posts"
    )
    mockway.appsync().register_lambda("posts", lambda event, context: decimal.Decimal("9.99"))
    reply = ask(api, "{ fails }")
    assert_answered(reply)
    assert reply.json()["data"] == {"fails": None}
    (error,) = reply.json()["errors"]
    assert (error["errorType"], error["message"]) == (
        "Lambda:Unhandled",
        "Unable to marshal response: Object of type Decimal is not JSON serializable",
    )


def test_an_awsjson_value_is_answered_as_json_text(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api("type Query { item: AWSJSON text: AWSJSON }")
    lambda_source(api)
    for field in ("item", "text"):
        api.client.create_resolver(
            apiId=api.api_id, typeName="Query", fieldName=field, dataSourceName="posts"
        )
    answers = {"item": {"price": 1, "tags": ["a", "é"]}, "text": '{"already": "text"}'}
    mockway.appsync().register_lambda(
        "posts", lambda event, context: answers[event["info"]["fieldName"]]
    )
    reply = ask(api, "{ item text }")
    assert_answered(reply)
    assert reply.json() == {
        "data": {"item": '{"price":1,"tags":["a","é"]}', "text": '{"already": "text"}'}
    }


def test_an_awsjson_argument_reaches_the_resolver_read_as_json(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api("type Query { first(x: AWSJSON): String }")
    api.resolve(
        "Query", "first", '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.x.a)}'
    )
    reply = ask(api, "query($x: AWSJSON) { first(x: $x) }", {"x": '{"a": "yes"}'})
    assert reply.json() == {"data": {"first": "yes"}}
    reply = ask(api, '{ first(x: "{\\"a\\": \\"literal\\"}") }')
    assert reply.json() == {"data": {"first": "literal"}}
    for query, variables in (
        ("query($x: AWSJSON) { first(x: $x) }", {"x": "{a: 1}"}),
        ('{ first(x: "{a: 1}") }', None),
    ):
        refused = ask(api, query, variables).json()
        assert refused["data"] is None
        (error,) = refused["errors"]
        assert "AWSJSON" in error["message"]
        assert "Unable to parse '{a: 1}' as valid JSON." in error["message"]


def test_an_unregistered_function_stops_the_request(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName="fails", dataSourceName="posts"
    )
    with pytest.raises(MockwayError, match="register_lambda"):
        ask(api, "{ fails }")


@pytest.mark.parametrize(
    ("version", "answer"),
    [
        # 2018-05-29: the response template has the error, and decides.
        ("2018-05-29", {"data": {"fails": "fallback: database unavailable (Lambda:Unhandled)"}}),
        # 2017-02-28: the error is the field's, the response template is not run.
        ("2017-02-28", None),
    ],
)
def test_a_lambda_error_reaches_a_2018_response_template(
    mockway: mockway.Handle, ask: Ask, version: str, answer: Any
) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    api.client.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="fails",
        dataSourceName="posts",
        requestMappingTemplate=f'{{"version": "{version}", "payload": {{}}}}',
        responseMappingTemplate=(
            '#if($ctx.error)"fallback: $ctx.error.message ($ctx.error.type)"'
            "#{else}$util.toJson($ctx.result)#end"
        ),
    )

    def handler(event: Any, context: Any) -> Any:
        raise ValueError("database unavailable")

    mockway.appsync().register_lambda(FUNCTION, handler)
    reply = ask(api, "{ fails }")
    assert_answered(reply)
    if answer is not None:
        assert reply.json() == answer
    else:
        assert reply.json()["errors"][0]["errorType"] == "Lambda:Unhandled"
        assert reply.json()["data"] == {"fails": None}


def test_return_in_a_request_template_skips_the_data_source(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    lambda_source(api)
    called: list[Any] = []
    mockway.appsync().register_lambda(FUNCTION, lambda event, context: called.append(event))
    for field, request in [
        (
            "echo",
            '#if($ctx.args.text == "cached")#return("from cache")#end'
            '{"version": "2018-05-29", "operation": "Invoke", "payload": {}}',
        ),
        ("post", '#return({"id": $ctx.args.id, "title": "early"})'),
        ("fails", "#return"),
    ]:
        api.client.create_resolver(
            apiId=api.api_id,
            typeName="Query",
            fieldName=field,
            dataSourceName="posts",
            requestMappingTemplate=request,
            responseMappingTemplate='"from the function"',
        )
    reply = ask(api, '{ echo(text: "cached") post(id: "7") { id title } fails }')
    assert reply.json() == {
        "data": {"echo": "from cache", "post": {"id": "7", "title": "early"}, "fails": None}
    }
    assert called == []


def test_return_in_a_pipeline_ends_a_function_or_the_resolver(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    ids = [
        api.client.create_function(
            apiId=api.api_id,
            name=name,
            dataSourceName="local",
            functionVersion="2018-05-29",
            requestMappingTemplate=request,
            responseMappingTemplate='$util.toJson("${ctx.prev.result}+response")',
        )["functionConfiguration"]["functionId"]
        for name, request in [
            ("early", '#return("${ctx.prev.result}+early")'),
            ("late", '{"version": "2018-05-29", "payload": "${ctx.prev.result}+late"}'),
        ]
    ]
    for field, before in [("echo", '"go"'), ("code", '#return("before")')]:
        api.client.create_resolver(
            apiId=api.api_id,
            typeName="Query",
            fieldName=field,
            kind="PIPELINE",
            pipelineConfig={"functions": ids},
            requestMappingTemplate=before,
            responseMappingTemplate="$util.toJson($ctx.prev.result)",
        )
    assert_data(ask(api, "{ echo code }"), {"echo": "go+early+response", "code": "before"})


def test_break_leaves_the_innermost_foreach(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    flat = "#foreach($x in [1,2,3,4])#if($x == 3)#break#end$x,#end"
    nested = "#foreach($x in [1,2])#foreach($y in [1,2,3])#if($y == 2)#break#end$x$y,#end;#end"
    for field, payload in [("echo", flat), ("code", nested)]:
        api.resolve("Query", field, f'{{"version": "2018-05-29", "payload": "{payload}"}}')
    # outside any #foreach, #break ends the template with what it wrote
    api.resolve(
        "Query",
        "fails",
        '{"version": "2018-05-29"}',
        '$util.toJson("kept")#break$util.error("never")',
    )
    assert_data(
        ask(api, "{ echo code fails }"), {"echo": "1,2,", "code": "11,;21,;", "fails": "kept"}
    )


def test_a_blank_response_template_output_is_a_mapping_template_error(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    api.resolve(
        "Query",
        "echo",
        '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.text)}',
        '#if($ctx.result == "found")$util.toJson($ctx.result)#end\n  \n',
    )
    # a pipeline's before template that only stashes writes nothing either
    api.client.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="code",
        kind="PIPELINE",
        pipelineConfig={"functions": []},
        requestMappingTemplate='$util.qr($ctx.stash.put("person", {}))\n',
        responseMappingTemplate="$util.toJson($ctx.prev.result)",
    )
    # #return without a value is null, not an empty response
    api.resolve("Query", "fails", '{"version": "2018-05-29"}', "#return")
    reply = ask(api, '{ echo(text: "lost") code fails }')
    assert_answered(reply)
    assert reply.json() == {
        "data": {"echo": None, "code": None, "fails": None},
        "errors": [
            {
                "path": [field],
                "data": None,
                "errorType": "MappingTemplate",
                "errorInfo": None,
                "locations": [{"line": 1, "column": column, "sourceName": None}],
                "message": "Template transformation yielded an empty response.",
            }
            for field, column in [("echo", 3), ("code", 22)]
        ],
    }
    assert_data(ask(api, '{ echo(text: "found") }'), {"echo": "found"})


def test_a_pipeline_runs_its_functions_in_order(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    ids = []
    for step in ("first", "second"):
        ids.append(
            api.client.create_function(
                apiId=api.api_id,
                name=step,
                dataSourceName="local",
                functionVersion="2018-05-29",
                requestMappingTemplate=(
                    f'$util.qr($ctx.stash.put("{step}", true))'
                    '{"version": "2018-05-29", "payload": "$!{ctx.prev.result}' + step + '"}'
                ),
                responseMappingTemplate=RESULT,
            )["functionConfiguration"]["functionId"]
        )
    api.client.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="echo",
        kind="PIPELINE",
        pipelineConfig={"functions": ids},
        requestMappingTemplate='$util.qr($ctx.stash.put("text", $ctx.args.text))"go-"',
        responseMappingTemplate=(
            '$util.toJson("${ctx.stash.text}:${ctx.prev.result}:${ctx.stash.first}")'
        ),
    )
    assert_data(ask(api, '{ echo(text: "x") }'), {"echo": "x:go-firstsecond:true"})


def test_util_error_and_append_error(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve(
        "Query",
        "fails",
        '$util.error("Post missing", "NotFound", {"id": 1}){}',
    )
    api.resolve(
        "Query",
        "echo",
        '$util.appendError("partial", "Warning"){"version": "2018-05-29", "payload": "ok"}',
    )
    reply = ask(api, "{ fails echo }")
    assert_answered(reply)
    location = [{"line": 1, "column": 3, "sourceName": None}]
    assert reply.json() == {
        "data": {"fails": None, "echo": "ok"},
        "errors": [
            {
                "path": ["fails"],
                "data": {"id": 1},
                "errorType": "NotFound",
                "errorInfo": None,
                "locations": location,
                "message": "Post missing",
            },
            {
                "path": ["echo"],
                "data": None,
                "errorType": "Warning",
                "errorInfo": None,
                "locations": [{"line": 1, "column": 9, "sourceName": None}],
                "message": "partial",
            },
        ],
    }


def test_util_error_info_and_unauthorized(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve("Query", "fails", '$util.error("No", "Custom", null, {"code": 42}){}')
    api.resolve("Query", "echo", "$util.unauthorized(){}")
    reply = ask(api, "{ fails echo }")
    assert_answered(reply)
    assert reply.json()["errors"] == [
        {
            "path": ["fails"],
            "data": None,
            "errorType": "Custom",
            "errorInfo": {"code": 42},
            "locations": [{"line": 1, "column": 3, "sourceName": None}],
            "message": "No",
        },
        {
            "path": ["echo"],
            "data": None,
            "errorType": "Unauthorized",
            "errorInfo": None,
            "locations": [{"line": 1, "column": 9, "sourceName": None}],
            "message": "Not Authorized to access echo on type Query",
        },
    ]


def test_appsync_js_code_is_not_run(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.client.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="code",
        dataSourceName="local",
        runtime={"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"},
        code="export function request(ctx) { return {}; }\n"
        "export function response(ctx) { return 'x'; }",
    )
    reply = ask(api, "{ code }")
    assert_answered(reply)
    (error,) = reply.json()["errors"]
    assert reply.json()["data"] == {"code": None}
    assert error["errorType"] == "Code"
    assert error["message"].startswith("mockway does not run APPSYNC_JS code")


def test_a_null_in_a_non_null_field(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve("Query", "posts", '{"version": "2018-05-29", "payload": [{"title": "t"}]}')
    reply = ask(api, "{ posts { id title } }")
    assert_answered(reply)
    assert reply.json() == {
        "data": {"posts": [None]},
        "errors": [
            {
                "path": ["posts", 0, "id"],
                "locations": None,
                "message": "Cannot return null for non-nullable type: 'ID' within parent "
                "'Post' (/posts[0]/id)",
            }
        ],
    }


def test_validation_and_variable_errors(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    reply = ask(api, "{ post(id: 1) { nope } }")
    assert_answered(reply)
    assert reply.body == (
        b'{"data":null,"errors":[{"path":null,"locations":[{"line":1,"column":17,'
        b'"sourceName":null}],"message":"Validation error of type FieldUndefined: Field '
        b"'nope' in type 'Post' is undefined @ 'post/nope'\"}]}"
    )
    reply = ask(api, "query Q($id: ID!) { post(id: $id) { id } }")
    assert reply.json() == {
        "data": None,
        "errors": [
            {
                "path": None,
                "locations": [{"line": 1, "column": 9, "sourceName": None}],
                "message": "Variable 'id' has coerced Null value for NonNull type 'ID!'",
            }
        ],
    }


def test_a_syntax_error(mockway: mockway.Handle, ask: Ask) -> None:
    reply = ask(graphql_api(SCHEMA), "{ posts { id }")
    assert_answered(reply)
    assert reply.json() == {
        "data": None,
        "errors": [
            {
                "path": None,
                "locations": [{"line": 1, "column": 15, "sourceName": None}],
                "message": "Invalid Syntax : offending token '<EOF>' at line 1 column 15",
            }
        ],
    }
