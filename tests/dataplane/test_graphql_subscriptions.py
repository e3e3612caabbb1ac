"""Subscriptions started through the handle (``subscribe``), delivered by mutations sent
through each HTTP client library (and the handle)."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

import pytest
from graphql_support import NONE_REQUEST, REGION, Api, Ask, assert_data, graphql_api

import mockway
from mockway.appsync.view import Subscription, SubscriptionError

SCHEMA = """
type Post { id: ID! title: String author: String! votes: Int tags: [String] }
type Query { post: Post }
type Mutation {
  createPost(id: ID!, title: String, author: String!, votes: Int, tags: [String]): Post
  removeAuthor(author: String!): String
}
type Subscription {
  onCreatePost(author: String, id: ID): Post @aws_subscribe(mutations: ["createPost"])
  onPostByTag: Post @aws_subscribe(mutations: ["createPost"])
  onIam: Post @aws_subscribe(mutations: ["createPost"]) @aws_iam
}
"""
CREATE = (
    "mutation M($id: ID!, $author: String!, $title: String, $votes: Int, $tags: [String]) {"
    " createPost(id: $id, author: $author, title: $title, votes: $votes, tags: $tags)"
    " { id author title votes tags } }"
)
ON_CREATE = "subscription { onCreatePost { id title __typename } }"


def posts_api() -> Api:
    api = graphql_api(SCHEMA)
    api.resolve("Mutation", "createPost", NONE_REQUEST)
    return api


def subscribe(handle: mockway.Handle, api: Api, query: str, **kwargs: Any) -> Subscription:
    kwargs.setdefault("api_key", api.key)
    return handle.appsync(REGION).subscribe(api.api_id, query, **kwargs)


def create(handle: mockway.Handle, api: Api, **post: Any) -> None:
    answer = handle.appsync(REGION).graphql(api.api_id, CREATE, post, api_key=api.key)
    assert "errors" not in answer.json(), answer.json()


def refusal(handle: mockway.Handle, api: Api, query: str, **kwargs: Any) -> SubscriptionError:
    with pytest.raises(SubscriptionError) as raised:
        subscribe(handle, api, query, **kwargs)
    return raised.value


def test_a_mutation_from_any_client_delivers_its_result(mockway: mockway.Handle, ask: Ask) -> None:
    api = posts_api()
    subscription = subscribe(mockway, api, ON_CREATE)
    reply = ask(api, 'mutation { createPost(id: "1", author: "ada") { id author } }')
    assert_data(reply, {"createPost": {"id": "1", "author": "ada"}})
    # title was not selected by the mutation: null; __typename is the field's type
    assert subscription.events == [
        {"data": {"onCreatePost": {"id": "1", "title": None, "__typename": "Post"}}}
    ]
    assert not subscription.closed


def test_the_payload_is_read_by_field_name_through_aliases_and_fragments(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = posts_api()
    subscription = subscribe(
        mockway,
        api,
        "subscription S { post: onCreatePost { ...Parts name: title } }"
        " fragment Parts on Post { key: id votes tags }",
    )
    ask(
        api,
        'mutation { made: createPost(id: "7", author: "ada", title: "Hi", votes: 3, tags: ["a"])'
        " { ident: id ... on Post { title } votes tags } }",
    )
    assert subscription.events == [
        {"data": {"post": {"key": "7", "votes": 3, "tags": ["a"], "name": "Hi"}}}
    ]


def test_each_mutation_field_delivers_once_in_order(mockway: mockway.Handle) -> None:
    api = posts_api()
    subscription = subscribe(mockway, api, "subscription { onCreatePost { id } }")
    mockway.appsync(REGION).graphql(
        api.api_id,
        'mutation { a: createPost(id: "1", author: "x") { id }'
        ' b: createPost(id: "2", author: "y") { id } }',
        api_key=api.key,
    )
    assert subscription.next() == {"data": {"onCreatePost": {"id": "1"}}}
    assert list(subscription) == [{"data": {"onCreatePost": {"id": "2"}}}]
    assert subscription.next() is None
    assert len(subscription.events) == 2


def test_a_non_null_field_the_mutation_did_not_select_is_an_error(
    mockway: mockway.Handle,
) -> None:
    api = posts_api()
    subscription = subscribe(mockway, api, "subscription { onCreatePost { id author title } }")
    mockway.appsync(REGION).graphql(
        api.api_id, 'mutation { createPost(id: "1", author: "ada") { title } }', api_key=api.key
    )
    assert subscription.events == [
        {
            "data": {"onCreatePost": None},
            "errors": [
                {
                    "message": "Cannot return null for non-nullable type: 'ID' within parent "
                    "'Post' (/onCreatePost/id)",
                    "path": ["onCreatePost", "id"],
                },
                {
                    "message": "Cannot return null for non-nullable type: 'String' within "
                    "parent 'Post' (/onCreatePost/author)",
                    "path": ["onCreatePost", "author"],
                },
            ],
        }
    ]


def test_arguments_must_equal_the_results_fields(mockway: mockway.Handle, ask: Ask) -> None:
    api = posts_api()
    ada = subscribe(mockway, api, 'subscription { onCreatePost(author: "ada") { id } }')
    by_variable = subscribe(
        mockway,
        api,
        "subscription S($who: String, $id: ID) { onCreatePost(author: $who, id: $id) { id } }",
        variables={"who": "bob", "id": 2},
    )
    anyone = subscribe(mockway, api, "subscription { onCreatePost(author: null) { id } }")
    ask(api, 'mutation { createPost(id: "1", author: "ada") { id author } }')
    ask(api, 'mutation { createPost(id: "2", author: "bob") { id author } }')
    ask(api, 'mutation { createPost(id: "3", author: "bob") { id author } }')
    ask(api, 'mutation { createPost(id: "4", author: "ada") { id } }')  # author not selected
    assert ada.events == [{"data": {"onCreatePost": {"id": "1"}}}]
    assert by_variable.events == [{"data": {"onCreatePost": {"id": "2"}}}]
    assert [e["data"]["onCreatePost"]["id"] for e in anyone.events] == ["1", "2", "3", "4"]


def test_variables_left_out_are_arguments_not_given_and_defaults_apply(
    mockway: mockway.Handle,
) -> None:
    api = posts_api()
    query = "subscription S($who: String, $id: ID) { onCreatePost(author: $who, id: $id) { id } }"
    anyone = subscribe(mockway, api, query)
    defaulted = subscribe(
        mockway,
        api,
        'subscription S($who: String = "ada") { onCreatePost(author: $who) { id } }',
    )
    create(mockway, api, id="1", author="ada")
    create(mockway, api, id="2", author="bob")
    assert [e["data"]["onCreatePost"]["id"] for e in anyone.events] == ["1", "2"]
    assert defaulted.events == [{"data": {"onCreatePost": {"id": "1"}}}]


def test_skip_and_include_leave_fields_out_of_the_payload(mockway: mockway.Handle) -> None:
    api = posts_api()
    subscription = subscribe(
        mockway,
        api,
        "subscription S($no: Boolean!) { onCreatePost { id title @skip(if: true)"
        " named: author @include(if: $no) ... @include(if: $no) { votes } } }",
        variables={"no": False},
    )
    create(mockway, api, id="1", author="ada", title="hi", votes=2)
    assert subscription.events == [{"data": {"onCreatePost": {"id": "1"}}}]


def test_a_subscription_field_not_named_by_aws_subscribe_gets_nothing(
    mockway: mockway.Handle,
) -> None:
    api = graphql_api(
        "type Query { a: String } type Mutation { make: String other: String }"
        ' type Subscription { made: String @aws_subscribe(mutations: ["make"]) }'
    )
    api.resolve("Mutation", "make", '{"version": "2018-05-29", "payload": "m"}')
    api.resolve("Mutation", "other", '{"version": "2018-05-29", "payload": "o"}')
    subscription = subscribe(mockway, api, "subscription { made }")
    mockway.appsync(REGION).graphql(api.api_id, "mutation { other make }", api_key=api.key)
    assert subscription.events == [{"data": {"made": "m"}}]


FILTER = (
    '{"version": "2018-05-29", "payload": {}}',
    "$extensions.setSubscriptionFilter({FILTER})$util.toJson(null)",
)


def filtered(handle: mockway.Handle, filter_json: str) -> tuple[Api, Subscription]:
    api = posts_api()
    request, response = FILTER
    api.resolve("Subscription", "onPostByTag", request, response.replace("{FILTER}", filter_json))
    return api, subscribe(handle, api, "subscription { onPostByTag { id } }")


def group(*filters: tuple[str, str, Any]) -> str:
    import json

    return json.dumps(
        {
            "filters": [
                {"fieldName": name, "operator": operator, "value": value}
                for name, operator, value in filters
            ]
        }
    )


POST = {"id": "1", "author": "ada", "title": "Hello world", "votes": 5, "tags": ["a", "b"]}


@pytest.mark.parametrize(
    ("condition", "delivered"),
    [
        (("author", "eq", "ada"), True),
        (("author", "eq", "bob"), False),
        (("author", "ne", "bob"), True),
        (("votes", "ne", 5), False),
        (("votes", "le", 5), True),
        (("votes", "lt", 5), False),
        (("votes", "ge", 5), True),
        (("votes", "gt", 5), False),
        (("votes", "gt", "4"), False),  # a number and a string do not compare
        (("title", "contains", "world"), True),
        (("tags", "contains", "b"), True),
        (("tags", "contains", "c"), False),
        (("title", "notContains", "world"), False),
        (("tags", "notContains", "c"), True),
        (("title", "beginsWith", "Hello"), True),
        (("title", "beginsWith", "world"), False),
        (("author", "in", ["bob", "ada"]), True),
        (("author", "in", ["bob"]), False),
        (("author", "notIn", ["bob"]), True),
        (("votes", "between", [1, 5]), True),
        (("votes", "between", [6, 9]), False),
        (("tags", "containsAny", ["x", "a"]), True),
        (("tags", "containsAny", ["x", "y"]), False),
        (("missing", "eq", "x"), False),
        (("missing", "ne", "x"), True),
    ],
)
def test_an_enhanced_filter_decides_delivery(
    mockway: mockway.Handle, condition: tuple[str, str, Any], delivered: bool
) -> None:
    api, subscription = filtered(mockway, '{"filterGroup": [' + group(condition) + "]}")
    create(mockway, api, **POST)
    assert subscription.events == ([{"data": {"onPostByTag": {"id": "1"}}}] if delivered else [])


def test_filters_of_an_entry_are_all_needed_and_any_entry_will_do(
    mockway: mockway.Handle, ask: Ask
) -> None:
    both = group(("author", "eq", "ada"), ("votes", "gt", 3))
    other = group(("author", "eq", "cy"))
    api, subscription = filtered(mockway, '{"filterGroup": [' + both + ", " + other + "]}")
    for post_id, author, votes in (
        ("1", "ada", 5),
        ("2", "ada", 1),
        ("3", "bob", 9),
        ("4", "cy", 0),
    ):
        ask(
            api,
            f'mutation {{ createPost(id: "{post_id}", author: "{author}", votes: {votes})'
            " { id author votes } }",
        )
    assert [e["data"]["onPostByTag"]["id"] for e in subscription.events] == ["1", "4"]


INVALIDATE = (
    '$extensions.invalidateSubscriptions({"subscriptionField": "onCreatePost", '
    '"payload": {"author": $util.toJson($ctx.args.author)}})$util.toJson($ctx.result)'
)


def test_a_mutation_invalidates_the_subscriptions_its_payload_matches(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = posts_api()
    api.resolve(
        "Mutation", "removeAuthor", '{"version": "2018-05-29", "payload": "gone"}', INVALIDATE
    )
    api.resolve(
        "Subscription",
        "onCreatePost",
        '{"version": "2018-05-29", "payload": {}}',
        '$extensions.setSubscriptionInvalidationFilter({"filterGroup": [{"filters": ['
        '{"fieldName": "author", "operator": "eq", "value": $util.toJson($ctx.args.author)}'
        "]}]})$util.toJson(null)",
    )
    ada = subscribe(mockway, api, 'subscription { onCreatePost(author: "ada") { id } }')
    bob = subscribe(mockway, api, 'subscription { onCreatePost(author: "bob") { id } }')
    assert_data(ask(api, 'mutation { removeAuthor(author: "ada") }'), {"removeAuthor": "gone"})
    assert ada.closed
    assert ada.ended == "invalidated"
    assert not bob.closed
    create(mockway, api, id="1", author="ada")
    create(mockway, api, id="2", author="bob")
    assert ada.events == []
    assert bob.events == [{"data": {"onCreatePost": {"id": "2"}}}]


def test_without_an_invalidation_filter_nothing_is_invalidated(mockway: mockway.Handle) -> None:
    api = posts_api()
    api.resolve(
        "Mutation", "removeAuthor", '{"version": "2018-05-29", "payload": "gone"}', INVALIDATE
    )
    subscription = subscribe(mockway, api, 'subscription { onCreatePost(author: "ada") { id } }')
    mockway.appsync(REGION).graphql(
        api.api_id, 'mutation { removeAuthor(author: "ada") }', api_key=api.key
    )
    assert not subscription.closed


UNAUTHORIZED = "You are not authorized to make this call."


def test_credentials_are_refused_as_the_connection_is(mockway: mockway.Handle) -> None:
    api = posts_api()
    refused = refusal(mockway, api, ON_CREATE, api_key="da2-unknown")
    assert refused.kind == "connection_error"
    assert refused.errors == [
        {"errorType": "UnauthorizedException", "message": UNAUTHORIZED, "errorCode": 401}
    ]
    missing = refusal(mockway, api, ON_CREATE, api_key=None)
    assert missing.errors == [
        {
            "errorType": "UnauthorizedException",
            "message": "Missing authorization header",
            "errorCode": 401,
        }
    ]
    other = refusal(mockway, api, "{ post { id } }", api_key="da2-unknown")
    assert other.kind == "connection_error"


def test_a_field_the_caller_may_not_read_is_refused(mockway: mockway.Handle) -> None:
    api = posts_api()
    refused = refusal(mockway, api, "subscription { onIam { id } }")
    assert refused.kind == "error"
    assert refused.errors == [
        {
            "errorType": "Unauthorized",
            "message": "Not Authorized to access onIam on type Subscription",
        }
    ]


@pytest.mark.parametrize(
    ("template", "error"),
    [
        (
            "$util.unauthorized()",
            {
                "errorType": "Unauthorized",
                "message": "Not Authorized to access onCreatePost on type Subscription",
            },
        ),
        (
            '$util.error("Not yours", "Forbidden")',
            {"errorType": "Forbidden", "message": "Not yours"},
        ),
        (
            '$extensions.setSubscriptionFilter({"filterGroup": []})',
            {
                "errorType": "MappingTemplate",
                "message": "$extensions.setSubscriptionFilter: filterGroup can't be empty.",
            },
        ),
    ],
)
def test_the_subscription_resolver_may_refuse_it(
    mockway: mockway.Handle, template: str, error: dict[str, Any]
) -> None:
    api = posts_api()
    api.resolve(
        "Subscription", "onCreatePost", '{"version": "2018-05-29", "payload": {}}', template
    )
    refused = refusal(mockway, api, ON_CREATE)
    assert (refused.kind, refused.errors) == ("error", [error])
    create(mockway, api, id="1", author="ada")  # no subscription was started


def test_documents_that_are_no_subscription_are_refused(mockway: mockway.Handle) -> None:
    api = posts_api()
    query = refusal(mockway, api, "{ post { id } }")
    assert query.errors == [
        {
            "errorType": "UnsupportedOperation",
            "message": "query not supported through the realtime channel",
        }
    ]
    mutation = refusal(mockway, api, 'mutation { createPost(id: "1", author: "a") { id } }')
    assert mutation.errors == [
        {
            "errorType": "UnsupportedOperation",
            "message": "mutation not supported through the realtime channel",
        }
    ]
    invalid = refusal(mockway, api, "subscription { onCreatePost { nope } }")
    assert invalid.errors == [
        {
            "message": "Validation error of type FieldUndefined: Field 'nope' in type 'Post' is "
            "undefined @ 'onCreatePost/nope'"
        }
    ]
    with pytest.raises(mockway.MockwayError, match="no GraphQL API 'nope'"):
        mockway.appsync(REGION).subscribe("nope", ON_CREATE)


def test_closing_ends_delivery(mockway: mockway.Handle) -> None:
    api = posts_api()
    with subscribe(mockway, api, ON_CREATE) as subscription:
        create(mockway, api, id="1", author="ada")
    assert subscription.closed
    assert subscription.ended == "closed"
    create(mockway, api, id="2", author="ada")
    assert len(subscription.events) == 1
    subscription.close()  # again: nothing
    assert subscription.ended == "closed"


def test_deleting_the_api_ends_its_subscriptions(mockway: mockway.Handle) -> None:
    api = posts_api()
    subscription = subscribe(mockway, api, ON_CREATE)
    other = posts_api()
    elsewhere = subscribe(mockway, other, ON_CREATE)
    api.client.delete_graphql_api(apiId=api.api_id)
    assert subscription.ended == "deleted"
    create(mockway, other, id="1", author="ada")
    assert subscription.events == []
    assert len(elsewhere.events) == 1


def test_a_deleted_apis_subscriptions_stay_ended_after_a_restore(
    mockway: mockway.Handle,
) -> None:
    api = posts_api()
    snapshot = mockway.snapshot()
    subscription = subscribe(mockway, api, ON_CREATE)
    api.client.delete_graphql_api(apiId=api.api_id)
    mockway.restore(snapshot)
    create(mockway, api, id="1", author="ada")
    assert subscription.events == []
    assert subscription.ended == "deleted"


def test_stopping_the_mock_ends_its_subscriptions() -> None:
    with mockway.mock_aws() as handle:
        api = posts_api()
        subscription = subscribe(handle, api, ON_CREATE)
        assert not subscription.closed
    assert subscription.ended == "stopped"


def test_concurrent_mutations_all_deliver(mockway: mockway.Handle) -> None:
    api = posts_api()
    subscription = subscribe(mockway, api, "subscription { onCreatePost { id } }")

    def post(worker: int) -> None:
        for n in range(10):
            create(mockway, api, id=f"{worker}-{n}", author="ada")

    threads = [threading.Thread(target=post, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = sorted(e["data"]["onCreatePost"]["id"] for e in subscription.events)
    assert ids == sorted(f"{w}-{n}" for w in range(6) for n in range(10))


def test_import_mockway_does_not_load_subscriptions() -> None:
    code = (
        "import sys, mockway\n"
        "assert 'mockway.appsync.execute._subscriptions' not in sys.modules\n"
        "with mockway.mock_aws() as aws:\n"
        "    aws.appsync()\n"
        "assert 'mockway.appsync.execute._subscriptions' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
