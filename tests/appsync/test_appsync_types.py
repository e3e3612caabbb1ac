"""Types of an API's schema: CreateType, GetType, ListTypes, UpdateType, DeleteType."""

from __future__ import annotations

import json
from typing import Any

import pytest

from support import expect_error

SCHEMA = """\"My custom post type\"
type Post {
    id: ID!
    title: String!
}

type Query {
    singlePost(id: ID!): Post
}
"""


@pytest.fixture
def api(appsync: Any) -> dict[str, Any]:
    created = appsync.create_graphql_api(name="posts", authenticationType="API_KEY")
    return dict(created["graphqlApi"])


def names(appsync: Any, api_id: str) -> list[str]:
    return [t["name"] for t in appsync.list_types(apiId=api_id, format="SDL")["types"]]


def test_a_type_created_on_an_api_without_schema(appsync: Any, api: dict[str, Any]) -> None:
    # As in terraform-provider-aws's acceptance test: the type may name types not defined yet,
    # and its definition reads back exactly as written.
    definition = "type Mutation\n\n{\nputPost(id: ID!,title: String! ): Post\n\n}\n"
    created = appsync.create_type(apiId=api["apiId"], definition=definition, format="SDL")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    expected = {
        "name": "Mutation",
        "arn": f"{api['arn']}/types/Mutation",
        "definition": definition,
        "format": "SDL",
    }
    assert created["type"] == expected
    got = appsync.get_type(apiId=api["apiId"], typeName="Mutation", format="SDL")
    assert got["type"] == expected
    assert appsync.list_types(apiId=api["apiId"], format="SDL")["types"] == [expected]


def test_the_types_of_a_schema(appsync: Any, api: dict[str, Any]) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    post = appsync.get_type(apiId=api["apiId"], typeName="Post", format="SDL")["type"]
    assert post == {
        "name": "Post",
        "description": "My custom post type",
        "arn": f"{api['arn']}/types/Post",
        "definition": '"My custom post type"\ntype Post {\n    id: ID!\n    title: String!\n}',
        "format": "SDL",
    }
    query = appsync.get_type(apiId=api["apiId"], typeName="Query", format="SDL")["type"]
    assert "description" not in query
    assert query["definition"] == "type Query {\n    singlePost(id: ID!): Post\n}"
    assert names(appsync, api["apiId"]) == ["Post", "Query"]


def test_json_format(appsync: Any, api: dict[str, Any]) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    post = appsync.get_type(apiId=api["apiId"], typeName="Post", format="JSON")["type"]
    assert post["format"] == "JSON"
    assert post["definition"].startswith('{\n  "kind" : "OBJECT",\n  "name" : "Post",\n')
    parsed = json.loads(post["definition"])
    assert parsed["description"] == "My custom post type"
    assert [f["name"] for f in parsed["fields"]] == ["id", "title"]
    assert parsed["fields"][0]["type"] == {
        "kind": "NON_NULL",
        "name": None,
        "ofType": {"kind": "SCALAR", "name": "ID", "ofType": None},
    }
    listed = appsync.list_types(apiId=api["apiId"], format="JSON")["types"]
    assert [json.loads(t["definition"])["name"] for t in listed] == ["Post", "Query"]
    assert {t["format"] for t in listed} == {"JSON"}


def test_json_of_a_type_naming_a_missing_one(appsync: Any, api: dict[str, Any]) -> None:
    appsync.create_type(apiId=api["apiId"], definition="type Comment { on: Post }", format="SDL")
    comment = appsync.get_type(apiId=api["apiId"], typeName="Comment", format="JSON")["type"]
    field = json.loads(comment["definition"])["fields"][0]
    assert field["type"] == {"kind": "SCALAR", "name": "Post", "ofType": None}


def test_a_created_type_joins_the_schema(appsync: Any, api: dict[str, Any]) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    appsync.create_type(apiId=api["apiId"], definition="type Comment {\n  id: ID!\n}", format="SDL")
    assert names(appsync, api["apiId"]) == ["Post", "Query", "Comment"]
    sdl = appsync.get_introspection_schema(apiId=api["apiId"], format="SDL")["schema"].read()
    assert sdl.decode().endswith("type Comment {\n  id: ID!\n}\n")

    # A type naming a type the schema lacks leaves no valid schema to introspect.
    appsync.create_type(apiId=api["apiId"], definition="type Like { on: Photo }", format="SDL")
    with expect_error(
        appsync,
        "GraphQLSchemaException",
        "Found 1 problem(s) with the schema:\n"
        "The field type 'Photo' is not present when resolving type 'Like' [@15:1].",
        400,
    ):
        appsync.get_introspection_schema(apiId=api["apiId"], format="SDL")
    appsync.delete_type(apiId=api["apiId"], typeName="Like")
    assert appsync.get_introspection_schema(apiId=api["apiId"], format="SDL")["schema"].read()


def test_update_replaces_the_definition(appsync: Any, api: dict[str, Any]) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    key = {"apiId": api["apiId"], "typeName": "Post"}
    updated = appsync.update_type(**key, definition="type Post { id: ID! }", format="SDL")["type"]
    assert updated == {
        "name": "Post",
        "arn": f"{api['arn']}/types/Post",
        "definition": "type Post { id: ID! }",
        "format": "SDL",
    }
    assert appsync.get_type(**key, format="SDL")["type"] == updated
    # Without a definition, the type stays as it is.
    assert appsync.update_type(**key, format="SDL")["type"] == updated
    assert names(appsync, api["apiId"]) == ["Post", "Query"]
    with expect_error(
        appsync, "BadRequestException", "The definition defines type Comment, not Post.", 400
    ):
        appsync.update_type(**key, definition="type Comment { id: ID! }", format="SDL")
    assert appsync.get_type(**key, format="SDL")["type"] == updated


def test_delete(appsync: Any, api: dict[str, Any]) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    key = {"apiId": api["apiId"], "typeName": "Post"}
    assert set(appsync.delete_type(**key)) == {"ResponseMetadata"}
    assert names(appsync, api["apiId"]) == ["Query"]
    with expect_error(appsync, "NotFoundException", "Type Post not found", 404):
        appsync.get_type(**key, format="SDL")
    with expect_error(appsync, "NotFoundException", "Type Post not found", 404):
        appsync.delete_type(**key)
    with expect_error(appsync, "NotFoundException", "Type Post not found", 404):
        appsync.update_type(**key, definition="type Post { id: ID }", format="SDL")


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        (
            "type Post {",
            "Failed to parse type definition - ensure it's a valid SDL-formatted document.",
        ),
        (
            "query { posts }",
            "A type definition must define exactly one type.",
        ),
        (
            "type A { id: ID }\ntype B { id: ID }",
            "A type definition must define exactly one type.",
        ),
        (
            "extend type Query { more: Int }",
            "A type definition must define exactly one type.",
        ),
        ("type Post { id: ID }", "Type Post already exists"),
        ("scalar AWSDate", "Type AWSDate already exists"),
        ("scalar String", "Type String already exists"),
    ],
)
def test_refused_creates_store_nothing(
    appsync: Any, api: dict[str, Any], definition: str, message: str
) -> None:
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_type(apiId=api["apiId"], definition=definition, format="SDL")
    assert names(appsync, api["apiId"]) == ["Post", "Query"]


def test_list_pages_in_order(appsync: Any, api: dict[str, Any]) -> None:
    for name in ("A", "B", "C"):
        definition = f"type {name} {{ id: ID }}"
        appsync.create_type(apiId=api["apiId"], definition=definition, format="SDL")
    first = appsync.list_types(apiId=api["apiId"], format="SDL", maxResults=2)
    rest = appsync.list_types(apiId=api["apiId"], format="SDL", nextToken=first["nextToken"])
    assert [t["name"] for t in first["types"] + rest["types"]] == ["A", "B", "C"]
    assert "nextToken" not in rest


def test_unknown_api(appsync: Any) -> None:
    message = "GraphQL API missing not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.list_types(apiId="missing", format="SDL")
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.create_type(apiId="missing", definition="type A { id: ID }", format="SDL")
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_type(apiId="missing", typeName="A", format="SDL")
