"""Server-side API caching (CreateApiCache) in GraphQL requests: per-resolver, full request and
operation level caching, their keys and TTLs by mockway's clock, FlushApiCache,
UpdateApiCache and DeleteApiCache, and ``$extensions.evictFromApiCache``."""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from graphql_support import REGION, Api, Ask, assert_answered, assert_data, graphql_api

import mockway

SCHEMA = """
type Query { post(id: ID!): Post  plain(id: ID!): Post  posts: [Post] }
type Post { id: ID! title: String tags: [String] author(style: String): String }
type Mutation { updatePost(id: ID!, title: String): Post }
"""
FUNCTION = f"arn:aws:lambda:{REGION}:123456789012:function:posts"
START = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone.utc)
POST = "query P($id: ID!) { post(id: $id) { id title } }"
EVICT = (
    '#set($keys = {})$util.qr($keys.put("context.arguments.id", $ctx.args.id))'
    '$extensions.evictFromApiCache("Query", "post", $keys)'
    '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
)


class Calls:
    """The Lambda function behind the resolvers: each call answers a new title."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        self.events.append(event)
        field = event["info"]["fieldName"]
        if field == "posts":
            return [{"id": "1", "title": "a"}, {"id": "2", "title": "b"}]
        if field == "author":
            return f"author of {event['source']['id']} #{len(self.events)}"
        return {"id": event["arguments"]["id"], "title": f"v{len(self.events)}", "tags": ["t"]}

    @property
    def fields(self) -> list[str]:
        return [e["info"]["fieldName"] for e in self.events]


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def calls(mockway: mockway.Handle) -> Calls:
    handler = Calls()
    mockway.appsync(REGION).register_lambda(FUNCTION, handler)
    return handler


def cached_api(behavior: str, ttl: int = 300, **settings: Any) -> Api:
    """An API with a cache and a Lambda data source; resolvers are added by each test."""
    api = graphql_api(SCHEMA, **settings)
    api.client.create_data_source(
        apiId=api.api_id,
        name="fn",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync",
        lambdaConfig={"lambdaFunctionArn": FUNCTION},
    )
    api.client.create_api_cache(
        apiId=api.api_id, ttl=ttl, apiCachingBehavior=behavior, type="SMALL"
    )
    return api


def direct(api: Api, type_name: str, field_name: str, **caching: Any) -> None:
    """A direct Lambda resolver, with a ``cachingConfig`` when ``caching`` says one."""
    extra = {"cachingConfig": caching} if caching else {}
    api.client.create_resolver(
        apiId=api.api_id, typeName=type_name, fieldName=field_name, dataSourceName="fn", **extra
    )


def post(mockway: mockway.Handle, api: Api, post_id: str = "1", **kwargs: Any) -> Any:
    answer = mockway.appsync(REGION).graphql(
        api.api_id, POST, {"id": post_id}, api_key=kwargs.pop("key", api.key), **kwargs
    )
    assert answer.status == 200, answer.body
    return answer.json()


def jwt(**claims: Any) -> str:
    def part(value: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2lnbmF0dXJl"


# -- per-resolver caching -------------------------------------------------------------------


def test_a_resolver_with_caching_config_keeps_its_result_for_its_ttl(
    mockway: mockway.Handle, ask: Ask, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("PER_RESOLVER_CACHING", ttl=3600)
    direct(api, "Query", "post", ttl=60, cachingKeys=["$context.arguments.id"])

    def title(post_id: str) -> Any:
        reply = ask(api, POST, {"id": post_id})
        assert_answered(reply)
        return reply.json()["data"]["post"]["title"]

    assert title("1") == "v1"
    assert title("1") == "v1"  # from the cache: the function is not called
    assert title("2") == "v2"  # another key
    assert len(calls.events) == 2
    clock.shift(59)
    assert title("1") == "v1"
    clock.shift(1)  # 60 seconds: the resolver's ttl, not the cache's
    assert title("1") == "v3"
    assert title("2") == "v4"
    assert len(calls.events) == 4


def test_a_resolver_without_caching_config_runs_every_time(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "plain")
    direct(api, "Query", "post", ttl=60)
    query = '{ plain(id: "1") { title } post(id: "1") { title } }'
    answers = [
        mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key).json() for _ in "ab"
    ]
    assert answers == [
        {"data": {"plain": {"title": "v1"}, "post": {"title": "v2"}}},
        {"data": {"plain": {"title": "v3"}, "post": {"title": "v2"}}},
    ]


def test_without_caching_keys_the_key_is_the_arguments_source_and_identity(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "posts")
    direct(api, "Post", "author", ttl=30)  # keyed by its source too: one entry per post
    query = "query A($style: String) { posts { id author(style: $style) } }"

    def authors(**variables: Any) -> Any:
        answer = mockway.appsync(REGION).graphql(api.api_id, query, variables, api_key=api.key)
        return [p["author"] for p in answer.json()["data"]["posts"]]

    assert authors() == ["author of 1 #2", "author of 2 #3"]
    assert authors() == ["author of 1 #2", "author of 2 #3"]
    assert calls.fields == ["posts", "author", "author", "posts"]
    assert authors(style="long") == ["author of 1 #6", "author of 2 #7"]  # other arguments


def test_a_caching_key_of_the_identity_keeps_one_entry_per_caller(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    issuer = "https://login.example.com"
    api = cached_api(
        "PER_RESOLVER_CACHING",
        authentication_type="OPENID_CONNECT",
        openIDConnectConfig={"issuer": issuer},
    )
    direct(api, "Query", "post", ttl=60, cachingKeys=["$context.identity.sub", "$ctx.args.id"])
    expires = int(START.timestamp()) + 3600

    def title(sub: str, **claims: Any) -> Any:
        token = jwt(iss=issuer, sub=sub, exp=expires, **claims)
        answer = post(mockway, api, key=None, headers={"Authorization": token})
        return answer["data"]["post"]["title"]

    assert title("ada") == "v1"
    assert title("bob") == "v2"
    assert title("ada", email="ada@example.com") == "v1"  # only the sub is a key
    assert len(calls.events) == 2


def test_a_mutation_is_never_served_from_the_cache(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("FULL_REQUEST_CACHING")
    direct(api, "Mutation", "updatePost", ttl=60)
    mutation = 'mutation { updatePost(id: "1", title: "x") { title } }'
    answers = [
        mockway.appsync(REGION).graphql(api.api_id, mutation, api_key=api.key).json() for _ in "ab"
    ]
    assert [a["data"]["updatePost"]["title"] for a in answers] == ["v1", "v2"]
    direct(api, "Query", "post")  # a query's resolver is kept
    assert [post(mockway, api)["data"]["post"]["title"] for _ in "ab"] == ["v3", "v3"]


def test_a_failed_resolver_is_not_kept(
    mockway: mockway.Handle, clock: time_machine.Coordinates
) -> None:
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "post", ttl=60)
    outcomes: list[Any] = [RuntimeError("down"), {"id": "1", "title": "up"}]

    def flaky(event: dict[str, Any], context: Any) -> Any:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    mockway.appsync(REGION).register_lambda(FUNCTION, flaky)
    failed = post(mockway, api)
    assert failed["data"] == {"post": None}
    assert failed["errors"][0]["errorType"] == "Lambda:Unhandled"
    assert post(mockway, api) == {"data": {"post": {"id": "1", "title": "up"}}}
    assert post(mockway, api) == {"data": {"post": {"id": "1", "title": "up"}}}  # now kept
    assert outcomes == []


def test_a_kept_result_is_a_copy(mockway: mockway.Handle, clock: time_machine.Coordinates) -> None:
    """A nested resolver that changes its source changes neither the kept entry nor a later
    answer."""
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "post", ttl=60)
    direct(api, "Post", "title")

    fields: list[str] = []

    def handler(event: dict[str, Any], context: Any) -> Any:
        fields.append(event["info"]["fieldName"])
        if event["info"]["fieldName"] == "post":
            return {"id": "1", "tags": ["a"]}
        event["source"]["tags"].append("x")
        return "t"

    mockway.appsync(REGION).register_lambda(FUNCTION, handler)
    query = '{ post(id: "1") { title tags } }'
    for _ in range(3):
        answer = mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key)
        assert answer.json() == {"data": {"post": {"title": "t", "tags": ["a", "x"]}}}
    assert fields == ["post", "title", "title", "title"]


# -- full request caching -------------------------------------------------------------------


def test_full_request_caching_keeps_every_resolver_by_arguments_and_identity(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("FULL_REQUEST_CACHING", ttl=120)
    direct(api, "Query", "post")  # no cachingConfig: cached all the same
    direct(api, "Query", "posts")
    direct(api, "Post", "author")
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    query = "{ posts { id author } }"
    answer = mockway.appsync(REGION).graphql(api.api_id, query, api_key=api.key)
    # the key is the arguments and the identity, not the source: both posts share one entry
    assert answer.json() == {
        "data": {
            "posts": [
                {"id": "1", "author": "author of 1 #3"},
                {"id": "2", "author": "author of 1 #3"},
            ]
        }
    }
    assert calls.fields == ["post", "posts", "author"]
    clock.shift(119)
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    clock.shift(1)  # the cache's ttl
    assert post(mockway, api)["data"]["post"]["title"] == "v4"


# -- operation level caching ----------------------------------------------------------------


def test_operation_level_caching_keeps_a_whole_answer(
    mockway: mockway.Handle, ask: Ask, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("OPERATION_LEVEL_CACHING", ttl=60)
    direct(api, "Query", "post")
    direct(api, "Post", "author")
    query = "query P($id: ID!) { post(id: $id) { title author } }"
    first = {"post": {"title": "v1", "author": "author of 1 #2"}}
    assert_data(ask(api, query, {"id": "1"}), first)
    assert_data(ask(api, query, {"id": "1"}), first)  # no resolver runs
    assert len(calls.events) == 2
    assert ask(api, query, {"id": "2"}).json()["data"]["post"]["title"] == "v3"  # variables
    other = ask(api, query, {"id": "1"}, headers={"x-tenant": "b"})  # another header
    assert other.json()["data"]["post"]["title"] == "v5"
    again = ask(api, query, {"id": "1"}, headers={"x-amzn-trace-id": "Root=1-abc"})  # reserved
    assert_data(again, first)
    clock.shift(60)
    assert ask(api, query, {"id": "1"}).json()["data"]["post"]["title"] == "v7"


def test_operation_level_caching_keeps_no_answer_with_errors_nor_a_mutation(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("OPERATION_LEVEL_CACHING", ttl=60)
    direct(api, "Query", "post")
    direct(api, "Mutation", "updatePost")
    api.resolve("Post", "author", "$util.error('no author')")
    with_error = '{ post(id: "1") { title author } }'
    mutation = 'mutation { updatePost(id: "1") { title } }'
    for query, field in [(with_error, "post"), (mutation, "updatePost")]:
        titles = [
            mockway.appsync(REGION)
            .graphql(api.api_id, query, api_key=api.key)
            .json()["data"][field]["title"]
            for _ in "ab"
        ]
        assert titles[0] != titles[1]
    kept = [post(mockway, api)["data"]["post"]["title"] for _ in "ab"]  # without errors
    assert kept[0] == kept[1]


# -- flush, update, delete ------------------------------------------------------------------


@pytest.mark.parametrize("change", ["flush", "update", "delete"])
def test_flush_update_and_delete_forget_the_entries(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates, change: str
) -> None:
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "post", ttl=600)
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    if change == "flush":
        api.client.flush_api_cache(apiId=api.api_id)
    elif change == "update":
        api.client.update_api_cache(
            apiId=api.api_id, ttl=300, apiCachingBehavior="PER_RESOLVER_CACHING", type="SMALL"
        )
    else:
        api.client.delete_api_cache(apiId=api.api_id)
    assert post(mockway, api)["data"]["post"]["title"] == "v2"
    kept = "v2" if change != "delete" else "v3"  # without a cache, nothing is kept
    assert post(mockway, api)["data"]["post"]["title"] == kept


# -- evictFromApiCache ----------------------------------------------------------------------


def test_a_mutation_evicts_an_entry_by_its_caching_keys(
    mockway: mockway.Handle, ask: Ask, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("PER_RESOLVER_CACHING")
    direct(api, "Query", "post", ttl=600, cachingKeys=["$context.arguments.id"])
    api.resolve("Mutation", "updatePost", EVICT)
    assert post(mockway, api, "1")["data"]["post"]["title"] == "v1"
    assert post(mockway, api, "2")["data"]["post"]["title"] == "v2"

    update = "mutation U($id: ID!) { updatePost(id: $id) { id } }"
    evicted = ask(api, update, {"id": "1"})
    assert_answered(evicted)
    assert evicted.json() == {
        "data": {"updatePost": {"id": "1"}},
        "extensions": {"apiCacheEntriesDeleted": 1},
    }
    assert post(mockway, api, "1")["data"]["post"]["title"] == "v3"  # run again
    assert post(mockway, api, "2")["data"]["post"]["title"] == "v2"  # still kept
    clock.shift(600)
    nothing = ask(api, update, {"id": "2"})  # expired: nothing to evict
    assert nothing.json() == {"data": {"updatePost": {"id": "2"}}}


@pytest.mark.parametrize(
    "keys",
    [
        '{"ctx.args.id": "1", "ctx.identity.sub": "ada"}',  # the resolver's order reversed
        '{"context.arguments.name": "1", "context.identity.sub": "ada"}',  # another key
        '{"context.identity.sub": "ada"}',  # not every key
    ],
)
def test_eviction_names_the_caching_keys_in_their_order(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates, keys: str
) -> None:
    issuer = "https://login.example.com"
    api = cached_api(
        "PER_RESOLVER_CACHING",
        authentication_type="OPENID_CONNECT",
        openIDConnectConfig={"issuer": issuer},
    )
    direct(api, "Query", "post", ttl=600, cachingKeys=["$context.identity.sub", "$ctx.args.id"])
    evict = '$extensions.evictFromApiCache("Query", "post", {})'
    api.resolve("Mutation", "updatePost", evict.replace("{}", keys) + '{"payload": null}')
    token = jwt(iss=issuer, sub="ada", exp=int(START.timestamp()) + 3600)
    headers = {"Authorization": token}
    assert post(mockway, api, key=None, headers=headers)["data"]["post"]["title"] == "v1"
    mutation = 'mutation { updatePost(id: "1") { id } }'
    answer = mockway.appsync(REGION).graphql(api.api_id, mutation, headers=headers)
    assert answer.json() == {"data": {"updatePost": None}}  # nothing evicted
    assert post(mockway, api, key=None, headers=headers)["data"]["post"]["title"] == "v1"
    right = evict.replace("{}", '{"ctx.identity.sub": "ada", "ctx.args.id": "1"}')
    api.client.update_resolver(
        apiId=api.api_id,
        typeName="Mutation",
        fieldName="updatePost",
        dataSourceName="local",
        requestMappingTemplate=right + '{"payload": null}',
        responseMappingTemplate="$util.toJson($ctx.result)",
    )
    answer = mockway.appsync(REGION).graphql(api.api_id, mutation, headers=headers)
    assert answer.json()["extensions"] == {"apiCacheEntriesDeleted": 1}
    assert post(mockway, api, key=None, headers=headers)["data"]["post"]["title"] == "v2"


def test_full_request_entries_are_evicted_by_arguments_and_identity(
    mockway: mockway.Handle, calls: Calls, clock: time_machine.Coordinates
) -> None:
    api = cached_api("FULL_REQUEST_CACHING")
    direct(api, "Query", "post")
    evict = (
        '#set($keys = {})$util.qr($keys.put("context.arguments", $ctx.args))'
        '$util.qr($keys.put("context.identity", $ctx.identity))'
        '$extensions.evictFromApiCache("Query", "post", $keys)'
        '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
    )
    api.resolve("Mutation", "updatePost", evict)
    assert post(mockway, api)["data"]["post"]["title"] == "v1"
    mutation = 'mutation { updatePost(id: "1") { id } }'
    answer = mockway.appsync(REGION).graphql(api.api_id, mutation, api_key=api.key)
    assert answer.json()["extensions"] == {"apiCacheEntriesDeleted": 1}
    assert post(mockway, api)["data"]["post"]["title"] == "v2"
