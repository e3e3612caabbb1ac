"""``$util.http.addResponseHeader(s)``: custom headers on a GraphQL request's HTTP answer,
through each HTTP client library (and the handle)."""

from __future__ import annotations

from graphql_support import RESULT, Ask, assert_answered, graphql_api

import mockway

SCHEMA = "type Query { first: String second: String }"


def test_templates_add_headers_to_the_answer(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve(
        "Query",
        "first",
        '$util.http.addResponseHeader("itemsCount", 7)'
        '$util.http.addResponseHeader("render", true)'
        '{"version": "2018-05-29", "payload": "one"}',
    )
    api.resolve(
        "Query",
        "second",
        '{"version": "2018-05-29", "payload": "two"}',
        '$util.http.addResponseHeaders({"headerInt": 12, "headerObject": {"field1": 7}, '
        '"itemsCount": 8})' + RESULT,
    )
    reply = ask(api, "{ first second }")
    assert_answered(reply)
    assert reply.json() == {"data": {"first": "one", "second": "two"}}
    assert reply.headers["itemscount"] == "8"  # the latest definition
    assert reply.headers["render"] == "true"
    assert reply.headers["headerint"] == "12"
    assert reply.headers["headerobject"] == '{"field1":7}'


def test_a_restricted_header_is_a_response_header_error(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    api.resolve(
        "Query",
        "first",
        '$util.http.addResponseHeader("Content-Type", "text/plain")'
        '$util.http.addResponseHeader("x-amzn-RequestId", "mine")'
        '{"version": "2018-05-29", "payload": "one"}',
    )
    reply = ask(api, "{ first }")
    assert_answered(reply)
    assert reply.headers["x-amzn-requestid"] != "mine"
    location = [{"line": 1, "column": 3, "sourceName": None}]
    assert reply.json() == {
        "data": {"first": "one"},
        "errors": [
            {
                "path": ["first"],
                "data": None,
                "errorType": "ResponseHeaderError",
                "errorInfo": None,
                "locations": location,
                "message": f"The response header {name} is restricted.",
            }
            for name in ("Content-Type", "x-amzn-RequestId")
        ],
    }


def test_a_template_evaluated_during_a_request_adds_nothing_to_its_answer(
    mockway: mockway.Handle, ask: Ask
) -> None:
    """A Lambda resolver that evaluates a template of its own (EvaluateMappingTemplate) while
    the request runs: the headers that template adds are not the request's."""
    function = "arn:aws:lambda:us-east-1:123456789012:function:evaluates"
    api = graphql_api(SCHEMA)
    api.client.create_data_source(
        apiId=api.api_id,
        name="fn",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        lambdaConfig={"lambdaFunctionArn": function},
    )
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName="first", dataSourceName="fn"
    )
    api.resolve(
        "Query",
        "second",
        '$util.http.addResponseHeader("mine", "kept"){"version": "2018-05-29", "payload": "two"}',
    )

    def handler(event: object, context: object) -> str:
        evaluated = api.client.evaluate_mapping_template(
            template='$util.http.addResponseHeader("elsewhere", "x")done', context="{}"
        )
        return str(evaluated["evaluationResult"])

    mockway.appsync().register_lambda(function, handler)
    reply = ask(api, "{ first second }")
    assert_answered(reply)
    assert reply.json() == {"data": {"first": "done", "second": "two"}}
    assert reply.headers["mine"] == "kept"
    assert "elsewhere" not in reply.headers
