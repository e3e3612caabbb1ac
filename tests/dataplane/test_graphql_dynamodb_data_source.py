"""AMAZON_DYNAMODB data sources: the DynamoDB request a resolver's template describes, made by
the DynamoDB client the test registers (here moto's), and ``$ctx.result`` as AppSync builds it."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import boto3
import moto
import pytest
from graphql_support import REGION, Api, Ask, assert_data, graphql_api

import mockway
from mockway import MockwayError

SCHEMA = (
    "type Post { id: ID! title: String votes: Int score: Float version: Int } "
    "type Page { items: [Post] nextToken: String scannedCount: Int } "
    "type Query { post(id: ID!): Post posts(limit: Int, nextToken: String): Page raw: AWSJSON } "
    "type Mutation { put(id: ID!, title: String, votes: Int): Post "
    "putIf(id: ID!, title: String, version: Int): Post "
    "vote(id: ID!): Post remove(id: ID!): Post raw: AWSJSON }"
)
RESULT = "$util.toJson($ctx.result)"
RAISES = "#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type, $ctx.result)#end" + RESULT
LOCATION = [{"line": 1, "column": 12, "sourceName": None}]
REFUSED = r"{} \(Service: DynamoDb, Status Code: 400, Request ID: [0-9A-Za-z]+\)"
GET = """{"version": "2018-05-29", "operation": "GetItem",
          "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}"""
PUT = """{"version": "2018-05-29", "operation": "PutItem",
          "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)},
          "attributeValues": {"title": $util.dynamodb.toDynamoDBJson($ctx.args.title),
                              "votes": $util.dynamodb.toDynamoDBJson($ctx.args.votes),
                              "score": {"N": "2.5"}}}"""


@pytest.fixture
def handle(mockway: mockway.Handle) -> mockway.Handle:
    return mockway


@pytest.fixture
def dynamodb(handle: mockway.Handle) -> Iterator[Any]:
    """moto's DynamoDB with a table ``posts`` (key ``id``), registered with mockway."""
    with moto.mock_aws():
        # a session of its own, so the default session keeps no credentials of this test's
        client = boto3.session.Session().client("dynamodb", region_name=REGION)
        client.create_table(
            TableName="posts",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        handle.appsync(REGION).use_dynamodb(client)
        yield client


def posts_api(*resolvers: tuple[str, str, str, str]) -> Api:
    """An API whose ``posts`` data source is the table, with ``(type, field, request,
    response)`` resolvers on it."""
    api = graphql_api(SCHEMA)
    api.client.create_data_source(
        apiId=api.api_id,
        name="posts",
        type="AMAZON_DYNAMODB",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        dynamodbConfig={"tableName": "posts", "awsRegion": REGION},
    )
    for type_name, field, request, response in resolvers:
        api.client.create_resolver(
            apiId=api.api_id,
            typeName=type_name,
            fieldName=field,
            dataSourceName="posts",
            requestMappingTemplate=request,
            responseMappingTemplate=response,
        )
    return api


def graphql(
    handle: mockway.Handle, api: Api, query: str, variables: dict[str, Any] | None = None
) -> Any:
    return handle.appsync(REGION).graphql(api.api_id, query, variables, api_key=api.key).json()


def seed(client: Any, *ids: str) -> None:
    for number, post in enumerate(ids):
        item = {"id": {"S": post}, "title": {"S": f"t{post}"}, "votes": {"N": str(number)}}
        client.put_item(TableName="posts", Item=item)


def raw(
    handle: mockway.Handle, api: Api, request: str, response: str = RESULT, mutation: bool = False
) -> Any:
    """The ``raw`` field's value (``$ctx.result`` as JSON) for a request template."""
    type_name = "Mutation" if mutation else "Query"
    api.client.create_resolver(
        apiId=api.api_id,
        typeName=type_name,
        fieldName="raw",
        dataSourceName="posts",
        requestMappingTemplate=request,
        responseMappingTemplate=response,
    )
    answer = graphql(handle, api, "mutation { raw }" if mutation else "{ raw }")
    return answer if "errors" in answer else json.loads(answer["data"]["raw"])


def test_a_put_item_is_read_back_with_numbers_as_numbers(dynamodb: Any, ask: Ask) -> None:
    api = posts_api(("Mutation", "put", PUT, RESULT), ("Query", "post", GET, RESULT))

    put = ask(api, 'mutation { put(id: "1", title: "Hi", votes: 3) { id title votes score } }')
    assert_data(put, {"put": {"id": "1", "title": "Hi", "votes": 3, "score": 2.5}})
    got = ask(api, '{ post(id: "1") { title votes score } missing: post(id: "2") { id } }')
    assert_data(got, {"post": {"title": "Hi", "votes": 3, "score": 2.5}, "missing": None})
    stored = dynamodb.get_item(TableName="posts", Key={"id": {"S": "1"}})["Item"]
    assert stored == {
        "id": {"S": "1"},
        "title": {"S": "Hi"},
        "votes": {"N": "3"},
        "score": {"N": "2.5"},
    }


def test_update_and_delete_answer_the_new_and_the_old_item(
    dynamodb: Any, handle: mockway.Handle
) -> None:
    seed(dynamodb, "a")
    vote = """{"version": "2018-05-29", "operation": "UpdateItem",
               "key": {"id": {"S": "$ctx.args.id"}},
               "update": {"expression": "ADD #v :one", "expressionNames": {"#v": "votes"},
                          "expressionValues": {":one": {"N": 1}}}}"""
    remove = """{"version": "2018-05-29", "operation": "DeleteItem",
                 "key": {"id": {"S": "$ctx.args.id"}}}"""
    api = posts_api(("Mutation", "vote", vote, RESULT), ("Mutation", "remove", remove, RESULT))

    answer = graphql(
        handle, api, 'mutation { vote(id: "a") { votes } remove(id: "a") { id votes } }'
    )
    assert answer == {"data": {"vote": {"votes": 1}, "remove": {"id": "a", "votes": 1}}}
    assert "Item" not in dynamodb.get_item(TableName="posts", Key={"id": {"S": "a"}})
    again = graphql(handle, api, 'mutation { remove(id: "a") { id } }')
    assert again == {"data": {"remove": None}}


def test_a_query_pages_with_an_opaque_next_token(dynamodb: Any, handle: mockway.Handle) -> None:
    seed(dynamodb, "a", "b", "c")
    scan = """{"version": "2018-05-29", "operation": "Scan", "limit": $ctx.args.limit,
               "nextToken": $util.toJson($ctx.args.nextToken)}"""
    api = posts_api(("Query", "posts", scan, RESULT))
    query = (
        "query P($t: String) "
        "{ posts(limit: 2, nextToken: $t) { items { id } nextToken scannedCount } }"
    )

    first = graphql(handle, api, query)["data"]["posts"]
    token = first["nextToken"]
    assert [i["id"] for i in first["items"]] == ["a", "b"]
    assert first["scannedCount"] == 2
    assert json.loads(base64.b64decode(token))["version"] == 2
    second = graphql(handle, api, query, {"t": token})["data"]["posts"]
    assert second == {"items": [{"id": "c"}], "nextToken": None, "scannedCount": 1}


def test_query_and_scan_results_have_appsyncs_shape(dynamodb: Any, handle: mockway.Handle) -> None:
    seed(dynamodb, "a", "b")
    query = """{"version": "2018-05-29", "operation": "Query",
                "query": {"expression": "id = :id", "expressionValues": {":id": {"S": "b"}}},
                "filter": {"expression": "#t <> :no", "expressionNames": {"#t": "title"},
                           "expressionValues": {":no": {"S": "x"}}},
                "consistentRead": true, "scanIndexForward": false}"""
    api = posts_api()

    assert raw(handle, api, query) == {
        "items": [{"id": "b", "title": "tb", "votes": 1}],
        "nextToken": None,
        "scannedCount": 1,
    }


def test_a_failed_condition_is_the_templates_error_with_the_current_item(
    dynamodb: Any, handle: mockway.Handle
) -> None:
    dynamodb.put_item(TableName="posts", Item={"id": {"S": "1"}, "version": {"N": "8"}})
    put_if = """{"version": "2018-05-29", "operation": "PutItem",
                 "key": {"id": {"S": "$ctx.args.id"}},
                 "attributeValues": {"title": {"S": "$ctx.args.title"},
                                     "version": {"N": $util.toJson($ctx.args.version)}},
                 "condition": {"expression": "version = :v",
                               "expressionValues": {":v": {"N": $ctx.args.version}}}}"""
    api = posts_api(("Mutation", "putIf", put_if, RAISES))

    answer = graphql(handle, api, 'mutation { putIf(id: "1", title: "T", version: 1) { version } }')
    assert answer["data"] == {"putIf": None}
    (error,) = answer["errors"]
    assert error["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    assert re.fullmatch(REFUSED.format("The conditional request failed"), error["message"])
    assert error["data"] == {"id": "1", "version": 8}
    assert error["path"] == ["putIf"]


def test_under_2017_02_28_the_response_template_makes_the_errors_data(
    dynamodb: Any, handle: mockway.Handle
) -> None:
    dynamodb.put_item(TableName="posts", Item={"id": {"S": "1"}, "version": {"N": "8"}})
    put_if = """{"version": "2017-02-28", "operation": "PutItem", "key": {"id": {"S": "1"}},
                 "condition": {"expression": "attribute_not_exists(id)"}}"""
    renamed = '$util.toJson({"title": "now $ctx.result.version"})'
    api = posts_api(("Mutation", "putIf", put_if, renamed))

    answer = graphql(handle, api, 'mutation { putIf(id: "1") { title } }')
    (error,) = answer["errors"]
    assert error["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    assert error["data"] == {"title": "now 8"}


def test_a_put_that_finds_its_own_item_succeeds(dynamodb: Any, handle: mockway.Handle) -> None:
    dynamodb.put_item(
        TableName="posts",
        Item={"id": {"S": "1"}, "title": {"S": "T"}, "version": {"N": "8"}},
    )
    put_if = """{"version": "2018-05-29", "operation": "PutItem", "key": {"id": {"S": "1"}},
                 "attributeValues": {"title": {"S": "T"}, "version": {"N": 9}},
                 "condition": {"expression": "version = :v", "expressionValues": {":v": {"N": 1}},
                               "equalsIgnore": ["version"]}}"""
    api = posts_api(("Mutation", "putIf", put_if, RAISES))

    answer = graphql(handle, api, 'mutation { putIf(id: "1") { title version } }')
    assert answer == {"data": {"putIf": {"title": "T", "version": 8}}}


def test_a_custom_handler_may_discard_the_failure(dynamodb: Any, handle: mockway.Handle) -> None:
    function = "arn:aws:lambda:us-east-1:123456789012:function:conflicts"
    dynamodb.put_item(TableName="posts", Item={"id": {"S": "1"}, "title": {"S": "old"}})
    put_if = (
        '{"version": "2018-05-29", "operation": "PutItem", "key": {"id": {"S": "1"}},'
        '"attributeValues": {"title": {"S": "new"}},'
        '"condition": {"expression": "attribute_not_exists(id)",'
        f'"conditionalCheckFailedHandler": {{"strategy": "Custom", "lambdaArn": "{function}"}}}}}}'
    )
    api = posts_api(("Mutation", "putIf", put_if, RAISES))
    events: list[dict[str, Any]] = []

    def decide(event: dict[str, Any], context: Any) -> dict[str, str]:
        events.append(event)
        return {"action": "discard"}

    handle.appsync(REGION).register_lambda(function, decide)
    answer = graphql(handle, api, 'mutation { putIf(id: "1") { title } }')
    assert answer == {"data": {"putIf": {"title": "old"}}}
    assert events[0]["currentValue"] == {"id": {"S": "1"}, "title": {"S": "old"}}
    assert events[0]["resolver"] == {
        "tableName": "posts",
        "awsRegion": REGION,
        "parentType": "Mutation",
        "field": "putIf",
        "outputType": "Post",
    }


def test_other_refusals_are_dynamodbs_errors(dynamodb: Any, handle: mockway.Handle) -> None:
    api = graphql_api(SCHEMA)
    api.client.create_data_source(
        apiId=api.api_id,
        name="posts",
        type="AMAZON_DYNAMODB",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        dynamodbConfig={"tableName": "gone", "awsRegion": REGION},
    )
    answer = raw(handle, api, GET.replace("$ctx.args.id", "'1'"), RAISES)
    (error,) = answer["errors"]
    assert error["errorType"] == "DynamoDB:ResourceNotFoundException"
    assert re.fullmatch(REFUSED.format("Requested resource not found"), error["message"])


def forged(key: dict[str, Any]) -> str:
    """A token in the shape of the ones mockway gives, made by hand."""
    inner = base64.b64encode(json.dumps(key).encode()).decode()
    return base64.b64encode(json.dumps({"version": 2, "token": inner}).encode()).decode()


@pytest.mark.parametrize(
    "token",
    ["bm90IGEgdG9rZW4=", forged({"id": {"S": "b"}}), forged({"other": {"S": "b"}}), forged({})],
)
def test_a_next_token_mockway_did_not_give_is_refused(
    dynamodb: Any, handle: mockway.Handle, token: str
) -> None:
    scan = json.dumps({"version": "2018-05-29", "operation": "Scan", "nextToken": token})
    answer = raw(handle, posts_api(), scan, RAISES)
    assert answer["errors"][0]["errorType"] == "DynamoDB:UserIllegalArgumentException"
    assert answer["errors"][0]["message"] == (
        "com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: "
        "Invalid pagination token given."
    )


def test_an_element_appsync_does_not_know_is_a_mapping_template_error(
    dynamodb: Any, handle: mockway.Handle
) -> None:
    get = '{"version": "2018-05-29", "operation": "GetItem", "key": {}, "returnValues": "ALL"}'
    answer = raw(handle, posts_api(), get, RAISES)
    assert answer == {
        "data": {"raw": None},
        "errors": [
            {
                "path": ["raw"],
                "data": None,
                "errorType": "MappingTemplate",
                "errorInfo": None,
                "locations": [{"line": 1, "column": 3, "sourceName": None}],
                "message": "Unsupported element '$[returnValues]'.",
            }
        ],
    }


def test_batches_answer_per_table_in_the_order_asked(dynamodb: Any, handle: mockway.Handle) -> None:
    seed(dynamodb, "a", "b")
    get = """{"version": "2018-05-29", "operation": "BatchGetItem", "tables": {"posts": {
              "keys": [{"id": {"S": "b"}}, {"id": {"S": "zz"}}, {"id": {"S": "a"}}]}}}"""
    put = """{"version": "2018-05-29", "operation": "BatchPutItem",
              "tables": {"posts": [{"id": {"S": "c"}, "votes": {"N": "7"}}]}}"""
    delete = """{"version": "2018-05-29", "operation": "BatchDeleteItem",
                 "tables": {"posts": [{"id": {"S": "a"}}]}}"""

    assert raw(handle, posts_api(), get) == {
        "data": {
            "posts": [
                {"id": "b", "title": "tb", "votes": 1},
                None,
                {"id": "a", "title": "ta", "votes": 0},
            ]
        },
        "unprocessedKeys": {"posts": []},
    }
    assert raw(handle, posts_api(), put, mutation=True) == {
        "data": {"posts": [{"id": "c", "votes": 7}]},
        "unprocessedItems": {"posts": []},
    }
    assert raw(handle, posts_api(), delete, mutation=True) == {
        "data": {"posts": [{"id": "a"}]},
        "unprocessedKeys": {"posts": []},
    }
    left = dynamodb.scan(TableName="posts")["Items"]
    assert sorted(item["id"]["S"] for item in left) == ["b", "c"]


def test_transactions_answer_keys_items_and_cancellation_reasons(
    dynamodb: Any, handle: mockway.Handle
) -> None:
    seed(dynamodb, "a")
    write = """{"version": "2018-05-29", "operation": "TransactWriteItems", "transactItems": [
        {"table": "posts", "operation": "PutItem", "key": {"id": {"S": "n"}},
         "attributeValues": {"votes": {"N": 1}}},
        {"table": "posts", "operation": "UpdateItem", "key": {"id": {"S": "a"}},
         "update": {"expression": "SET votes = :v", "expressionValues": {":v": {"N": 5}}}}]}"""
    get = """{"version": "2018-05-29", "operation": "TransactGetItems", "transactItems": [
        {"table": "posts", "key": {"id": {"S": "a"}}},
        {"table": "posts", "key": {"id": {"S": "none"}}}]}"""
    clash = """{"version": "2018-05-29", "operation": "TransactWriteItems", "transactItems": [
        {"table": "posts", "operation": "ConditionCheck", "key": {"id": {"S": "a"}},
         "condition": {"expression": "votes = :v", "expressionValues": {":v": {"N": 0}},
                       "returnValuesOnConditionCheckFailure": true}},
        {"table": "posts", "operation": "DeleteItem", "key": {"id": {"S": "n"}}}]}"""

    written = raw(handle, posts_api(), write, mutation=True)
    assert written == {"keys": [{"id": "n"}, {"id": "a"}], "cancellationReasons": None}
    assert raw(handle, posts_api(), get) == {
        "items": [{"id": "a", "title": "ta", "votes": 5}, None],
        "cancellationReasons": None,
    }
    failed = raw(handle, posts_api(), clash, RAISES, mutation=True)
    (error,) = failed["errors"]
    assert error["errorType"] == "DynamoDB:TransactionCanceledException"
    assert error["data"]["keys"] is None
    reasons = error["data"]["cancellationReasons"]
    assert [r["type"] for r in reasons] == ["ConditionalCheckFailed", "None"]
    assert reasons[0]["item"] == {"id": "a", "title": "ta", "votes": 5}


def test_without_a_client_the_caller_is_told_to_register_one(handle: mockway.Handle) -> None:
    api = posts_api(("Query", "post", GET, RESULT))

    with pytest.raises(MockwayError, match=r"use_dynamodb\(boto3\.client\('dynamodb'"):
        graphql(handle, api, '{ post(id: "1") { id } }')


def test_use_dynamodb_takes_a_dynamodb_client(handle: mockway.Handle) -> None:
    with pytest.raises(MockwayError, match="boto3 DynamoDB low-level client"):
        handle.appsync(REGION).use_dynamodb(boto3.client("s3", region_name=REGION))


@pytest.mark.parametrize(
    ("request_template", "message"),
    [
        (
            {"operation": ["GetItem"], "key": {"id": {"S": "a"}}},
            """Unsupported operation '["GetItem"]'.""",
        ),
        (
            {"operation": "BatchGetItem", "tables": {"posts": {"keys": 5}}},
            "The BatchGetItem request has an element of the wrong type or shape.",
        ),
        (
            {
                "operation": "PutItem",
                "key": {"id": {"S": "a"}},
                "condition": {
                    "expression": "attribute_not_exists(id)",
                    "conditionalCheckFailedHandler": "Reject",
                },
            },
            "The PutItem request has an element of the wrong type or shape.",
        ),
    ],
)
def test_a_malformed_element_is_a_mapping_template_error(
    dynamodb: Any, handle: mockway.Handle, request_template: dict[str, Any], message: str
) -> None:
    seed(dynamodb, "a")
    request = json.dumps({"version": "2018-05-29", **request_template})
    answer = raw(handle, posts_api(), request, RAISES, mutation=True)
    assert [(e["errorType"], e["message"]) for e in answer["errors"]] == [
        ("MappingTemplate", message)
    ]
