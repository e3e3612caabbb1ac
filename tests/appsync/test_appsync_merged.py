"""Merged APIs: source API associations, merges, and the merged schema."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import time_machine
from appsync_support import T0

from support import expect_error

ROLE = "arn:aws:iam::123456789012:role/merged-api"
POSTS = b"type Post { id: ID! title: String }\ntype Query { getPost(id: ID!): Post }"
REVIEWS = (
    b"type Post { id: ID! reviews: [Review] }\ntype Review { id: ID! stars: Int }\n"
    b"type Query { getReview(id: ID!): Review }"
)


def merged_api(appsync: Any, role: str | None = ROLE) -> dict[str, Any]:
    extra = {} if role is None else {"mergedApiExecutionRoleArn": role}
    created = appsync.create_graphql_api(
        name="merged", authenticationType="API_KEY", apiType="MERGED", **extra
    )
    return dict(created["graphqlApi"])


def source_api(appsync: Any, schema: bytes | None, name: str = "source") -> dict[str, Any]:
    api = dict(appsync.create_graphql_api(name=name, authenticationType="API_KEY")["graphqlApi"])
    if schema is not None:
        appsync.start_schema_creation(apiId=api["apiId"], definition=schema)
    return api


def sdl(appsync: Any, api_id: str) -> str:
    return str(
        appsync.get_introspection_schema(apiId=api_id, format="SDL")["schema"].read().decode()
    )


def associate(appsync: Any, merged: dict[str, Any], source: dict[str, Any], **kw: Any) -> str:
    answer = appsync.associate_source_graphql_api(
        mergedApiIdentifier=merged["apiId"], sourceApiIdentifier=source["apiId"], **kw
    )
    return str(answer["sourceApiAssociation"]["associationId"])


def status(appsync: Any, merged: dict[str, Any], association_id: str) -> dict[str, Any]:
    got = appsync.get_source_api_association(
        mergedApiIdentifier=merged["apiId"], associationId=association_id
    )
    return dict(got["sourceApiAssociation"])


def test_an_association_merges_its_source(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    with time_machine.travel(T0, tick=False):
        answer = appsync.associate_source_graphql_api(
            mergedApiIdentifier=merged["apiId"],
            sourceApiIdentifier=source["apiId"],
            description="posts",
        )
    association = answer["sourceApiAssociation"]
    association_id = association["associationId"]
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", association_id
    )
    expected = {
        "associationId": association_id,
        "associationArn": f"{merged['arn']}/sourceApiAssociations/{association_id}",
        "sourceApiId": source["apiId"],
        "sourceApiArn": source["arn"],
        "mergedApiId": merged["apiId"],
        "mergedApiArn": merged["arn"],
        "description": "posts",
        "sourceApiAssociationConfig": {"mergeType": "MANUAL_MERGE"},
    }
    # The call that schedules the merge answers MERGE_SCHEDULED; the next call, the outcome.
    assert association == {**expected, "sourceApiAssociationStatus": "MERGE_SCHEDULED"}
    assert status(appsync, merged, association_id) == {
        **expected,
        "sourceApiAssociationStatus": "MERGE_SUCCESS",
        "lastSuccessfulMergeDate": T0,
    }
    assert sdl(appsync, merged["apiId"]).startswith("type Post {\n  id: ID!\n  title: String\n}")
    names = [t["name"] for t in appsync.list_types(apiId=merged["apiId"], format="SDL")["types"]]
    assert names == ["Post", "Query"]
    assert appsync.get_type(apiId=merged["apiId"], typeName="Post", format="SDL")["type"] == {
        "name": "Post",
        "arn": f"{merged['arn']}/types/Post",
        "definition": "type Post {\n  id: ID!\n  title: String\n}",
        "format": "SDL",
    }


def test_types_of_the_same_name_merge_field_by_field(appsync: Any) -> None:
    merged = merged_api(appsync)
    associate(appsync, merged, source_api(appsync, POSTS, "posts"))
    associate(appsync, merged, source_api(appsync, REVIEWS, "reviews"))
    assert sdl(appsync, merged["apiId"]) == (
        "type Post {\n  id: ID!\n  title: String\n  reviews: [Review]\n}\n\n"
        "type Query {\n  getPost(id: ID!): Post\n  getReview(id: ID!): Review\n}\n\n"
        "type Review {\n  id: ID!\n  stars: Int\n}\n"
    )
    schema = appsync.get_introspection_schema(apiId=merged["apiId"], format="JSON")["schema"]
    types = {t["name"] for t in json.loads(schema.read())["data"]["__schema"]["types"]}
    assert {"Post", "Query", "Review"} <= types


def test_identifiers_are_ids_or_arns(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    answer = appsync.associate_merged_graphql_api(
        sourceApiIdentifier=source["arn"], mergedApiIdentifier=merged["arn"]
    )
    association_id = answer["sourceApiAssociation"]["associationId"]
    got = appsync.get_source_api_association(
        mergedApiIdentifier=merged["arn"], associationId=association_id
    )
    assert got["sourceApiAssociation"]["sourceApiId"] == source["apiId"]
    elsewhere = merged["arn"].replace("us-east-1", "eu-west-1")
    with expect_error(
        appsync, "NotFoundException", f"GraphQL API {merged['apiId']} not found.", 404
    ):
        appsync.get_source_api_association(
            mergedApiIdentifier=elsewhere, associationId=association_id
        )
    with expect_error(appsync, "BadRequestException", "Invalid resource ARN: arn:aws:nope", 400):
        appsync.get_source_api_association(mergedApiIdentifier="arn:aws:nope", associationId="x")


def test_both_sides_list_the_association(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    association_id = associate(appsync, merged, source)
    summary = {
        "associationId": association_id,
        "associationArn": f"{merged['arn']}/sourceApiAssociations/{association_id}",
        "sourceApiId": source["apiId"],
        "sourceApiArn": source["arn"],
        "mergedApiId": merged["apiId"],
        "mergedApiArn": merged["arn"],
    }
    for api in (merged, source):
        listed = appsync.list_source_api_associations(apiId=api["apiId"])
        assert listed["sourceApiAssociationSummaries"] == [summary]
        assert "nextToken" not in listed
    with expect_error(appsync, "NotFoundException", "GraphQL API nope not found.", 404):
        appsync.list_source_api_associations(apiId="nope")


def test_update_changes_only_what_it_is_given(appsync: Any) -> None:
    merged = merged_api(appsync)
    association_id = associate(appsync, merged, source_api(appsync, POSTS), description="first")
    key = {"mergedApiIdentifier": merged["apiId"], "associationId": association_id}
    updated = appsync.update_source_api_association(
        **key, sourceApiAssociationConfig={"mergeType": "AUTO_MERGE"}
    )["sourceApiAssociation"]
    assert updated["description"] == "first"
    assert updated["sourceApiAssociationConfig"] == {"mergeType": "AUTO_MERGE"}
    assert updated["sourceApiAssociationStatus"] == "MERGE_SUCCESS"
    updated = appsync.update_source_api_association(**key, description="second")
    assert updated["sourceApiAssociation"]["sourceApiAssociationConfig"] == {
        "mergeType": "AUTO_MERGE"
    }
    assert status(appsync, merged, association_id)["description"] == "second"


def test_disassociation_takes_the_sources_types_away(appsync: Any) -> None:
    merged = merged_api(appsync)
    posts = associate(appsync, merged, source_api(appsync, POSTS, "posts"))
    reviews_api = source_api(appsync, REVIEWS, "reviews")
    reviews = associate(appsync, merged, reviews_api)
    answer = appsync.disassociate_source_graphql_api(
        mergedApiIdentifier=merged["apiId"], associationId=posts
    )
    assert answer["sourceApiAssociationStatus"] == "DELETION_SCHEDULED"
    message = f"Source API association {posts} not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        status(appsync, merged, posts)
    assert "title" not in sdl(appsync, merged["apiId"])
    assert "getReview" in sdl(appsync, merged["apiId"])
    # The source side may end it too.
    answer = appsync.disassociate_merged_graphql_api(
        sourceApiIdentifier=reviews_api["apiId"], associationId=reviews
    )
    assert answer["sourceApiAssociationStatus"] == "DELETION_SCHEDULED"
    assert (
        appsync.list_source_api_associations(apiId=merged["apiId"])["sourceApiAssociationSummaries"]
        == []
    )
    assert appsync.list_types(apiId=merged["apiId"], format="SDL")["types"] == []
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.disassociate_source_graphql_api(
            mergedApiIdentifier=merged["apiId"], associationId=posts
        )


def test_a_conflict_fails_the_merge_and_keeps_the_schema(appsync: Any) -> None:
    merged = merged_api(appsync)
    associate(appsync, merged, source_api(appsync, POSTS, "posts"))
    before = sdl(appsync, merged["apiId"])
    clash = source_api(appsync, b"type Post { id: ID! title: Int }\ntype Query { one: Post }")
    association_id = associate(appsync, merged, clash)
    got = status(appsync, merged, association_id)
    assert got["sourceApiAssociationStatus"] == "MERGE_FAILED"
    assert got["sourceApiAssociationStatusDetail"] == (
        "Field title of type Post is defined differently in the source APIs; mark one @canonical."
    )
    assert "lastSuccessfulMergeDate" not in got
    assert sdl(appsync, merged["apiId"]) == before
    assert (
        appsync.list_types_by_association(
            mergedApiIdentifier=merged["apiId"], associationId=association_id, format="SDL"
        )["types"]
        == []
    )


def test_canonical_hidden_and_renamed(appsync: Any) -> None:
    merged = merged_api(appsync)
    associate(appsync, merged, source_api(appsync, POSTS, "posts"))
    other = (
        b"type Post { id: ID! title: Int @canonical secret: String @hidden }\n"
        b"type Internal @hidden { x: Int }\n"
        b'type Comment @renamed(to: "Remark") { id: ID! }\n'
        b"type Query { comments: [Comment] }"
    )
    association_id = associate(appsync, merged, source_api(appsync, other, "other"))
    assert status(appsync, merged, association_id)["sourceApiAssociationStatus"] == "MERGE_SUCCESS"
    merged_sdl = sdl(appsync, merged["apiId"])
    assert "type Post {\n  id: ID!\n  title: Int\n}" in merged_sdl
    assert "Internal" not in merged_sdl
    assert "secret" not in merged_sdl
    assert "type Remark {\n  id: ID!\n}" in merged_sdl
    assert "comments: [Remark]" in merged_sdl
    assert "@canonical" not in merged_sdl
    assert "@renamed" not in merged_sdl
    types = appsync.list_types_by_association(
        mergedApiIdentifier=merged["apiId"], associationId=association_id, format="SDL"
    )["types"]
    assert [t["name"] for t in types] == ["Post", "Remark", "Query"]


def test_a_source_without_schema_fails_to_merge(appsync: Any) -> None:
    merged = merged_api(appsync)
    association_id = associate(appsync, merged, source_api(appsync, None))
    got = status(appsync, merged, association_id)
    assert got["sourceApiAssociationStatus"] == "MERGE_FAILED"
    assert got["sourceApiAssociationStatusDetail"] == "There's no types found in this API"


def test_manual_merges_wait_for_start_schema_merge(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    association_id = associate(appsync, merged, source)
    appsync.start_schema_creation(apiId=source["apiId"], definition=b"type Query { hello: String }")
    assert "getPost" in sdl(appsync, merged["apiId"])
    answer = appsync.start_schema_merge(
        mergedApiIdentifier=merged["apiId"], associationId=association_id
    )
    assert answer["sourceApiAssociationStatus"] == "MERGE_SCHEDULED"
    assert sdl(appsync, merged["apiId"]) == "type Query {\n  hello: String\n}\n"
    assert status(appsync, merged, association_id)["sourceApiAssociationStatus"] == "MERGE_SUCCESS"


def test_auto_merges_follow_the_source(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    association_id = associate(
        appsync, merged, source, sourceApiAssociationConfig={"mergeType": "AUTO_MERGE"}
    )
    appsync.create_type(apiId=source["apiId"], definition="type Tag { name: String }", format="SDL")
    assert "type Tag" in sdl(appsync, merged["apiId"])
    appsync.start_schema_creation(apiId=source["apiId"], definition=b"type Query { hello: String }")
    assert sdl(appsync, merged["apiId"]) == "type Query {\n  hello: String\n}\n"
    assert status(appsync, merged, association_id)["sourceApiAssociationStatus"] == "MERGE_SUCCESS"


def test_an_auto_merge_needs_the_execution_role(appsync: Any) -> None:
    merged = merged_api(appsync, role=None)
    source = source_api(appsync, POSTS)
    association_id = associate(
        appsync, merged, source, sourceApiAssociationConfig={"mergeType": "AUTO_MERGE"}
    )
    appsync.start_schema_creation(apiId=source["apiId"], definition=b"type Query { hello: String }")
    got = status(appsync, merged, association_id)
    assert got["sourceApiAssociationStatus"] == "AUTO_MERGE_SCHEDULE_FAILED"
    assert got["sourceApiAssociationStatusDetail"] == (
        "The Merged API has no mergedApiExecutionRoleArn to merge with."
    )
    assert "getPost" in sdl(appsync, merged["apiId"])


def test_deleting_a_source_api_ends_its_associations(appsync: Any) -> None:
    merged = merged_api(appsync)
    source = source_api(appsync, POSTS)
    association_id = associate(appsync, merged, source)
    appsync.delete_graphql_api(apiId=source["apiId"])
    with expect_error(
        appsync, "NotFoundException", f"Source API association {association_id} not found.", 404
    ):
        status(appsync, merged, association_id)
    assert appsync.list_types(apiId=merged["apiId"], format="SDL")["types"] == []


def test_list_types_by_association_pages_and_formats(appsync: Any) -> None:
    merged = merged_api(appsync)
    association_id = associate(appsync, merged, source_api(appsync, REVIEWS))
    key = {"mergedApiIdentifier": merged["apiId"], "associationId": association_id}
    first = appsync.list_types_by_association(**key, format="SDL", maxResults=2)
    assert [t["name"] for t in first["types"]] == ["Post", "Review"]
    second = appsync.list_types_by_association(
        **key, format="JSON", maxResults=2, nextToken=first["nextToken"]
    )
    assert [t["name"] for t in second["types"]] == ["Query"]
    assert "nextToken" not in second
    query = json.loads(second["types"][0]["definition"])
    assert query["kind"] == "OBJECT"
    assert [f["name"] for f in query["fields"]] == ["getReview"]
    with expect_error(appsync, "BadRequestException", "Invalid pagination token given.", 400):
        appsync.list_types_by_association(**key, format="SDL", nextToken="made-up")


@pytest.mark.parametrize(
    ("case", "code", "message", "status_code"),
    [
        ("not merged", "BadRequestException", "The GraphQL API {plain} is not a Merged API.", 400),
        (
            "merged source",
            "BadRequestException",
            "A Merged API cannot be associated as a source API: {other}.",
            400,
        ),
        (
            "twice",
            "BadRequestException",
            "The source API {source} is already associated with the Merged API {merged}.",
            400,
        ),
        ("unknown", "NotFoundException", "GraphQL API nope not found.", 404),
    ],
)
def test_associations_appsync_refuses(
    appsync: Any, case: str, code: str, message: str, status_code: int
) -> None:
    merged = merged_api(appsync)
    other = merged_api(appsync)
    source = source_api(appsync, POSTS)
    plain = source_api(appsync, POSTS, "plain")
    merged_id, source_id = merged["apiId"], source["apiId"]
    if case == "not merged":
        merged_id = plain["apiId"]
    elif case == "merged source":
        source_id = other["apiId"]
    elif case == "twice":
        associate(appsync, merged, source)
    else:
        source_id = "nope"
    text = message.format(
        plain=plain["apiId"], other=other["apiId"], source=source["apiId"], merged=merged["apiId"]
    )
    before = appsync.list_source_api_associations(apiId=merged["apiId"])
    with expect_error(appsync, code, text, status_code):
        appsync.associate_source_graphql_api(
            mergedApiIdentifier=merged_id, sourceApiIdentifier=source_id
        )
    after = appsync.list_source_api_associations(apiId=merged["apiId"])
    assert after["sourceApiAssociationSummaries"] == before["sourceApiAssociationSummaries"]


def test_a_merged_api_takes_ten_sources(appsync: Any) -> None:
    merged = merged_api(appsync)
    for n in range(10):
        associate(appsync, merged, source_api(appsync, b"type Query { f%d: Int }" % n, f"s{n}"))
    eleventh = source_api(appsync, POSTS, "eleventh")
    message = "A Merged API can have at most 10 source APIs."
    with expect_error(appsync, "LimitExceededException", message, 429):
        associate(appsync, merged, eleventh)


def test_an_association_of_another_merged_api_is_not_found(appsync: Any) -> None:
    merged = merged_api(appsync)
    other = merged_api(appsync)
    association_id = associate(appsync, merged, source_api(appsync, POSTS))
    message = f"Source API association {association_id} not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.start_schema_merge(mergedApiIdentifier=other["apiId"], associationId=association_id)
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.update_source_api_association(
            mergedApiIdentifier=other["apiId"], associationId=association_id, description="x"
        )
