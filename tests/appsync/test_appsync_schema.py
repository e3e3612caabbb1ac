"""Schemas: StartSchemaCreation, GetSchemaCreationStatus, GetIntrospectionSchema."""

from __future__ import annotations

import asyncio
import datetime
import json
import subprocess
import sys
from collections import OrderedDict
from typing import Any

import aiobotocore.session
import pytest
import time_machine
from appsync_support import REGION
from botocore.response import StreamingBody

import mockway
from support import expect_error

POSTS = """type Mutation {
    putPost(id: ID!, title: String!): Post
}

"My custom post type"
type Post {
    id: ID!
    title: String!
    createdAt: AWSDateTime!
}

type Query {
    singlePost(id: ID!): Post @aws_api_key
}

schema {
    query: Query
    mutation: Mutation
    subscription: Subscription
}

type Subscription {
    onPostCreated(id: ID!): Post @aws_subscribe(mutations: ["putPost"])
}
"""

POSTS_SDL = """schema {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

type Mutation {
  putPost(id: ID!, title: String!): Post
}

"My custom post type"
type Post {
  id: ID!
  title: String!
  createdAt: AWSDateTime!
}

type Query {
  singlePost(id: ID!): Post @aws_api_key
}

type Subscription {
  onPostCreated(id: ID!): Post @aws_subscribe(mutations: ["putPost"])
}
"""

PARSE_FAILED = "Failed to parse schema document - ensure it's a valid SDL-formatted document."
DUPLICATES = "Schema has the following errors:\n   - Schema contains duplicate type names.."


@pytest.fixture
def api_id(appsync: Any) -> str:
    created = appsync.create_graphql_api(name="posts", authenticationType="API_KEY")
    return str(created["graphqlApi"]["apiId"])


def status(appsync: Any, api_id: str) -> dict[str, Any]:
    response = appsync.get_schema_creation_status(apiId=api_id)
    del response["ResponseMetadata"]
    return dict(response)


def create(appsync: Any, api_id: str, definition: str | bytes) -> dict[str, Any]:
    appsync.start_schema_creation(apiId=api_id, definition=definition)
    return status(appsync, api_id)


def introspect(appsync: Any, api_id: str, **params: Any) -> str:
    body = appsync.get_introspection_schema(apiId=api_id, **params)["schema"]
    assert isinstance(body, StreamingBody)
    return str(body.read().decode())


def test_creation_answers_processing_then_success(appsync: Any, api_id: str) -> None:
    started = appsync.start_schema_creation(apiId=api_id, definition=POSTS.encode())
    assert started["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert {k: v for k, v in started.items() if k != "ResponseMetadata"} == {"status": "PROCESSING"}
    assert status(appsync, api_id) == {
        "status": "SUCCESS",
        "details": "Successfully created schema with 4 types.",
    }
    names = [t["name"] for t in appsync.list_types(apiId=api_id, format="SDL")["types"]]
    assert names == ["Mutation", "Post", "Query", "Subscription"]


def test_status_before_any_schema(appsync: Any, api_id: str) -> None:
    assert status(appsync, api_id) == {"status": "NOT_APPLICABLE"}


def test_a_poll_under_frozen_time_sees_the_outcome(appsync: Any, api_id: str) -> None:
    moment = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.timezone.utc)
    with time_machine.travel(moment, tick=False):
        assert appsync.start_schema_creation(apiId=api_id, definition=POSTS)["status"] == (
            "PROCESSING"
        )
        polls = 0
        while status(appsync, api_id)["status"] == "PROCESSING":  # pragma: no cover
            polls += 1
        assert polls == 0
        assert status(appsync, api_id)["status"] == "SUCCESS"


def test_appsync_scalars_and_directives_need_no_declaration(appsync: Any, api_id: str) -> None:
    scalars = ["AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp", "AWSEmail", "AWSJSON"]
    scalars += ["AWSURL", "AWSPhone", "AWSIPAddress"]
    fields = "\n".join(f"  f{i}: {name}" for i, name in enumerate(scalars))
    definition = f"""
type Query @aws_api_key @aws_iam {{
{fields}
  groups: String @aws_cognito_user_pools(cognito_groups: ["admins"]) @aws_oidc @aws_lambda
  old: String @aws_auth(cognito_groups: ["admins"]) @deprecated(reason: "use groups")
}}
type Mutation {{ put: Int @aws_publish(subscriptions: ["onPut"]) }}
type Subscription {{ onPut: Int @aws_subscribe(mutations: ["put"]) }}
"""
    assert create(appsync, api_id, definition)["status"] == "SUCCESS"
    # The predefined ones are not the schema's types.
    names = [t["name"] for t in appsync.list_types(apiId=api_id, format="SDL")["types"]]
    assert names == ["Query", "Mutation", "Subscription"]


@pytest.mark.parametrize(
    ("definition", "details"),
    [
        ("sth", PARSE_FAILED),
        ("", PARSE_FAILED),
        ("type Icon {\n}\ntype Query { icons: [Icon] }", PARSE_FAILED),
        ("query { posts }", PARSE_FAILED),
        (b"type Query { a: Int }\xff", PARSE_FAILED),
        ("type Mutation { put: Int }", "There is no top level schema object defined."),
        ("scalar AWSJSON\ntype Query { a: AWSJSON }", DUPLICATES),
        ("directive @aws_iam on FIELD_DEFINITION\ntype Query { a: Int }", DUPLICATES),
        ("type Query { a: Int }\ntype Query { b: Int }", DUPLICATES),
        (
            "schema { mutation: Mutation }\ntype Mutation { a: Int }",
            "Found 1 problem(s) with the schema:\nA schema MUST have a 'query' operation defined.",
        ),
        (
            "schema {\n  query: Root\n}\ntype Query { a: Int }",
            "Found 1 problem(s) with the schema:\n"
            "The operation type 'Root' is not present when resolving type 'query' [@2:3].",
        ),
        (
            "type Query {\n  today: Date\n  posts(after: Cursor, on: Date): [Post]\n}",
            "Found 4 problem(s) with the schema:\n"
            "The field type 'Date' is not present when resolving type 'Query' [@1:1].\n"
            "The field type 'Post' is not present when resolving type 'Query' [@1:1].\n"
            "The field input type 'Cursor' is not present when resolving type 'Query' [@1:1].\n"
            "The field input type 'Date' is not present when resolving type 'Query' [@1:1].",
        ),
        (
            "type Query { a: Int }\n\ninput PostInput { tags: [TagInput!] }",
            "Found 1 problem(s) with the schema:\n"
            "The input value type 'TagInput' is not present when resolving type 'PostInput' "
            "[@3:1].",
        ),
        (
            "type Query implements Node { a: Int }",
            "Found 1 problem(s) with the schema:\n"
            "The interface type 'Node' is not present when resolving type 'Query' [@1:1].",
        ),
        (
            "type Query { a: Found }\nunion Found = Post | Comment\ntype Post { id: ID }",
            "Found 1 problem(s) with the schema:\n"
            "The union member type 'Comment' is not present when resolving type 'Found' [@2:1].",
        ),
        (
            "type Query { a: Int }\nextend type Post { b: Int }",
            "Found 1 problem(s) with the schema:\n"
            "The extension 'Post' type [@2:1] is missing its base underlying type.",
        ),
    ],
)
def test_a_schema_aws_refuses_fails_with_its_details(
    appsync: Any, api_id: str, definition: str | bytes, details: str
) -> None:
    assert create(appsync, api_id, definition) == {"status": "FAILED", "details": details}


def test_other_schema_rules_are_reported_the_same_way(appsync: Any, api_id: str) -> None:
    result = create(appsync, api_id, "type Query { a: Int a: String }")
    assert result == {
        "status": "FAILED",
        "details": "Found 1 problem(s) with the schema:\n"
        "Field 'Query.a' can only be defined once [@1:14].",
    }


def test_what_appsync_accepts_beyond_the_graphql_rules(appsync: Any, api_id: str) -> None:
    # A type with no fields yet, and directives AppSync does not know.
    definition = 'type Query\ntype Post { id: ID @model @searchable(name: "x") }'
    assert create(appsync, api_id, definition)["status"] == "SUCCESS"
    schema = json.loads(introspect(appsync, api_id, format="JSON"))["data"]["__schema"]
    assert schema["types"][0] == {
        "kind": "OBJECT",
        "name": "Query",
        "description": None,
        "fields": [],
        "inputFields": None,
        "interfaces": [],
        "enumValues": None,
        "possibleTypes": None,
        "directives": [],
    }


@pytest.mark.parametrize(
    "definition",
    [
        "type Query { a: Int }\nunion U = Query\ninput In { id: U = 1 }",
        "type Query { a: Int }\nenum E { RED @deprecated(reason: 1) }",
        "type Query { a: Int }\ninput In { id: Query }",
    ],
)
def test_problems_met_while_building_fail_the_creation(
    appsync: Any, api_id: str, definition: str
) -> None:
    # graphql-core words these (its versions differ); none raises out of mockway.
    result = create(appsync, api_id, definition)
    assert result["status"] == "FAILED"
    assert result["details"].startswith("Found 1 problem(s) with the schema:\n")
    assert "GraphQL request" not in result["details"]


def test_a_failed_creation_keeps_the_schema(appsync: Any, api_id: str) -> None:
    create(appsync, api_id, POSTS)
    assert create(appsync, api_id, "type Query { broken: Missing }")["status"] == "FAILED"
    names = [t["name"] for t in appsync.list_types(apiId=api_id, format="SDL")["types"]]
    assert names == ["Mutation", "Post", "Query", "Subscription"]
    assert introspect(appsync, api_id, format="SDL") == POSTS_SDL


def test_a_new_schema_replaces_every_type(appsync: Any, api_id: str) -> None:
    create(appsync, api_id, POSTS)
    appsync.create_type(apiId=api_id, definition="type Comment { id: ID! }", format="SDL")
    assert create(appsync, api_id, "type Query { version: String }") == {
        "status": "SUCCESS",
        "details": "Successfully created schema with 1 types.",
    }
    assert [t["name"] for t in appsync.list_types(apiId=api_id, format="SDL")["types"]] == ["Query"]
    with expect_error(appsync, "NotFoundException", "Type Post not found", 404):
        appsync.get_type(apiId=api_id, typeName="Post", format="SDL")


def test_definition_as_text_or_bytes(appsync: Any, api_id: str) -> None:
    assert create(appsync, api_id, "type Query { a: Int }")["status"] == "SUCCESS"
    appsync.start_schema_creation(apiId=api_id, definition=bytearray(b"type Query { b: Int }"))
    assert introspect(appsync, api_id, format="SDL") == "type Query {\n  b: Int\n}\n"


def test_introspection_sdl_with_and_without_directives(appsync: Any, api_id: str) -> None:
    create(appsync, api_id, POSTS)
    assert introspect(appsync, api_id, format="SDL") == POSTS_SDL
    assert introspect(appsync, api_id, format="SDL", includeDirectives=True) == POSTS_SDL
    bare = introspect(appsync, api_id, format="SDL", includeDirectives=False)
    assert bare == POSTS_SDL.replace(" @aws_api_key", "").replace(
        ' @aws_subscribe(mutations: ["putPost"])', ""
    )


def test_introspection_json(appsync: Any, api_id: str) -> None:
    create(appsync, api_id, POSTS)
    text = introspect(appsync, api_id, format="JSON")
    assert text.startswith('{\n  "data" : {\n    "__schema" : {\n      "queryType" : {\n')
    schema = json.loads(text)["data"]["__schema"]
    assert schema["queryType"] == {"name": "Query"}
    assert schema["mutationType"] == {"name": "Mutation"}
    assert schema["subscriptionType"] == {"name": "Subscription"}
    # From the root types on, in the order a walk from them meets them; introspection last.
    assert [t["name"] for t in schema["types"]] == [
        "Query", "Post", "ID", "String", "AWSDateTime", "Mutation", "Subscription", "Boolean",
        "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
        "__Directive", "__DirectiveLocation",
    ]  # fmt: skip
    assert [d["name"] for d in schema["directives"]] == [
        "include", "skip", "defer", "aws_cognito_user_pools", "deprecated", "aws_oidc",
        "aws_publish", "aws_subscribe", "aws_api_key", "aws_auth", "aws_iam", "aws_lambda",
    ]  # fmt: skip
    subscribe = next(d for d in schema["directives"] if d["name"] == "aws_subscribe")
    assert subscribe == {
        "name": "aws_subscribe",
        "description": "Tells the service which mutation triggers this subscription.",
        "locations": ["FIELD_DEFINITION"],
        "args": [
            {
                "name": "mutations",
                "description": "List of mutations which will trigger this subscription when "
                "they are called.",
                "type": {
                    "kind": "LIST",
                    "name": None,
                    "ofType": {"kind": "SCALAR", "name": "String", "ofType": None},
                },
                "defaultValue": None,
            }
        ],
        "onOperation": False,
        "onFragment": False,
        "onField": False,
    }
    types = {t["name"]: t for t in schema["types"]}
    assert types["Post"]["description"] == "My custom post type"
    assert types["AWSDateTime"]["description"].startswith(
        "The `AWSDateTime` scalar type provided by AWS AppSync, represents a valid"
    )
    # Directives applied to the schema's own types and fields; null for AppSync's types.
    assert types["Subscription"]["directives"] == []
    assert types["Subscription"]["fields"][0]["directives"] == [
        {"name": "aws_subscribe", "args": [{"name": "mutations", "value": '["putPost"]'}]}
    ]
    assert types["Query"]["fields"][0]["directives"] == [{"name": "aws_api_key", "args": []}]
    assert types["__Type"]["directives"] is None

    bare = json.loads(introspect(appsync, api_id, format="JSON", includeDirectives=False))
    bare_types = {t["name"]: t for t in bare["data"]["__schema"]["types"]}
    assert "directives" not in bare_types["Query"]
    assert "directives" not in bare_types["Query"]["fields"][0]


def test_no_schema_yet(appsync: Any, api_id: str) -> None:
    for kind in ("SDL", "JSON"):
        with expect_error(appsync, "GraphQLSchemaException", "InvalidSyntaxError", 400):
            appsync.get_introspection_schema(apiId=api_id, format=kind)
    # A failed first creation leaves none either.
    create(appsync, api_id, "sth")
    with expect_error(appsync, "GraphQLSchemaException", "InvalidSyntaxError", 400):
        appsync.get_introspection_schema(apiId=api_id, format="SDL")


def test_unknown_or_deleted_api(appsync: Any, api_id: str) -> None:
    create(appsync, api_id, POSTS)
    appsync.delete_graphql_api(apiId=api_id)
    message = f"GraphQL API {api_id} not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.start_schema_creation(apiId=api_id, definition=POSTS)
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_schema_creation_status(apiId=api_id)
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_introspection_schema(apiId=api_id, format="SDL")


def test_the_api_keeps_its_built_schema(mockway: mockway.Handle, appsync: Any, api_id: str) -> None:
    from graphql import GraphQLSchema

    backend = mockway._state._backends["appsync", "123456789012", REGION]
    api = backend.api(api_id)
    assert api.graphql_schema is None
    create(appsync, api_id, POSTS)
    schema = api.graphql_schema
    assert isinstance(schema, GraphQLSchema)
    assert schema.query_type is not None
    assert schema.query_type.name == "Query"
    assert api.graphql_schema is schema  # built once per change
    appsync.create_type(apiId=api_id, definition="type Comment { id: ID! }", format="SDL")
    rebuilt = api.graphql_schema
    assert rebuilt is not schema
    assert rebuilt is not None
    assert rebuilt.get_type("Comment") is not None


def test_a_text_checked_before_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from mockway.appsync import _sdl

    checked: list[str] = []
    parsed: list[str] = []

    def counted(function: Any, into: list[str]) -> Any:
        def call(text: Any) -> Any:
            into.append(text if isinstance(text, str) else "\n\n".join(text))
            return function(text)

        return call

    monkeypatch.setattr(_sdl, "quick", counted(_sdl.quick, checked))
    monkeypatch.setattr(_sdl, "_check", counted(_sdl._check, checked))
    monkeypatch.setattr(_sdl, "parse_sdl", counted(_sdl.parse_sdl, parsed))
    monkeypatch.setattr(_sdl, "_outcomes", OrderedDict())
    text = POSTS + "\n# checked once"
    first, again = _sdl.check(text), _sdl.check(text)
    assert checked == [text]  # a plain text, read without graphql-core
    assert parsed == []
    assert again.types == first.types
    assert again.extras == first.extras
    # Each gets a schema of its own, built when first read, from one parse of the text.
    assert again.schema is not first.schema
    assert again.schema.query_type is not None
    assert again.schema.query_type.name == "Query"
    assert parsed == [text]
    broken = "type Query { broken: Missing } # checked once"
    found = []
    for _ in range(2):
        with pytest.raises(_sdl.SchemaProblem) as problem:
            _sdl.check(broken)
        found.append(problem.value.details)
    assert checked == [text, broken, broken]  # read quickly, then in full, once
    assert found[0] == found[1]
    assert found[0].startswith("Found 1 problem(s) with the schema:")


def test_apis_with_the_same_schema_each_build_their_own(
    mockway: mockway.Handle, appsync: Any
) -> None:
    ids = []
    for mode in ("API_KEY", "AWS_IAM"):
        api_id = appsync.create_graphql_api(name=mode, authenticationType=mode)["graphqlApi"]
        assert create(appsync, api_id["apiId"], POSTS)["status"] == "SUCCESS"
        ids.append(api_id["apiId"])
    backend = mockway._state._backends["appsync", "123456789012", REGION]
    apis = [backend.api(api_id) for api_id in ids]
    one, other = (api.graphql_schema for api in apis)
    assert one is not None
    assert other is not None
    assert one is not other
    assert introspect(appsync, apis[1].api_id, format="SDL") == POSTS_SDL


def test_importing_mockway_does_not_import_graphql() -> None:
    code = "import sys, mockway, mockway.appsync; print('graphql' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_aiobotocore_reads_the_schema_by_awaiting(mockway: mockway.Handle) -> None:
    async def scenario() -> bytes:
        session = aiobotocore.session.get_session()
        async with session.create_client(
            "appsync", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y"
        ) as client:
            api = (await client.create_graphql_api(name="a", authenticationType="API_KEY"))[
                "graphqlApi"
            ]
            await client.start_schema_creation(apiId=api["apiId"], definition=POSTS.encode())
            response = await client.get_introspection_schema(apiId=api["apiId"], format="SDL")
            async with response["schema"] as body:
                data: bytes = await body.read()
            return data

    assert asyncio.run(scenario()) == POSTS_SDL.encode()


RULE_BREAKERS = [
    "schema { query: Query }\nschema { query: Query }\ntype Query { a: Int }",
    "schema { query: Query query: Query }\ntype Query { a: Int }",
    "type Query { a: Int }\ntype Query { b: Int }\nscalar Query",
    "enum E { A B A }\nextend enum E { B }\ntype Query { a: E }",
    "type Query { a: Int a: String }\nextend type Query { a: Int }\ninput I { x: Int x: Int }",
    "interface N { id(a: Int, a: Int): ID }\ntype Query { a(x: Int, y: Int, x: Int): Int }",
    "directive @d(x: Int, x: Int) on FIELD\ndirective @d on FIELD\ntype Query { a: Int }",
    "type Query @aws_iam @aws_iam { a: Int @deprecated @deprecated }",
    "directive @d on OBJECT | FIELD_DEFINITION\ntype Query @d @d { a: Int @d }\n"
    "extend type Query @d",
    "directive @r repeatable on FIELD_DEFINITION\n"
    "type Query { a: Int @r @r @deprecated @deprecated }",
    "scalar S\nextend type S { a: Int }\ntype Query { a: S }\nextend union Query = S",
    'type Query { a: Int @deprecated(why: "x", reason: "y", reason: "z") }',
    "input In { a: Int b: [In] }\ndirective @d(x: In) on FIELD_DEFINITION\n"
    "type Query { a(i: In = {a: 1, a: 2, b: [{a: 3, a: 4}]}): Int @d(x: {a: 1, a: 1}) }",
    "directive @d(x: Int!, y: Int) on FIELD_DEFINITION | OBJECT\n"
    "type Query @d(y: 1) { a: Int @d b: Int @d(x: 1) }",
    '"described"\ntype Query { "a" a("x" x: Int): [[Int!]!] @model(x: {a: 1, a: 2}) }',
]


@pytest.mark.parametrize("definition", RULE_BREAKERS)
def test_the_sdl_rules_find_what_graphql_cores_validation_finds(definition: str) -> None:
    from graphql import parse
    from graphql.validation.rules.known_directives import KnownDirectivesRule
    from graphql.validation.rules.known_type_names import KnownTypeNamesRule
    from graphql.validation.specified_rules import specified_sdl_rules
    from graphql.validation.validate import validate_sdl

    from mockway.appsync._sdl import _message, _sdl_problems

    document = parse(definition)
    skipped = (KnownDirectivesRule, KnownTypeNamesRule)
    rules = [rule for rule in specified_sdl_rules if rule not in skipped]
    expected = [_message(error) for error in validate_sdl(document, rules=rules)]
    assert expected
    assert _sdl_problems(document) == expected
