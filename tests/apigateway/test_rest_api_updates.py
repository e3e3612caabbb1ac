"""UpdateRestApi and UpdateResource: the paths AWS takes, its messages, and what moves."""

from __future__ import annotations

import json
from typing import Any

import pytest
from builders import ACCOUNT, REGION, body

from support import expect_error

BAD = "BadRequestException"


def update(apigw: Any, api_id: str, *operations: dict[str, str]) -> dict[str, Any]:
    return dict(apigw.update_rest_api(restApiId=api_id, patchOperations=list(operations)))


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="pets", description="this is my api")["id"])


# -- UpdateRestApi ----------------------------------------------------------------------------


def test_binary_media_types_are_added_replaced_and_removed_by_name(apigw: Any, api_id: str) -> None:
    added = update(
        apigw,
        api_id,
        {"op": "add", "path": "/binaryMediaTypes/image~1png"},
        {"op": "add", "path": "/binaryMediaTypes/image~1jpeg"},
    )
    assert added["binaryMediaTypes"] == ["image/png", "image/jpeg"]
    assert added["description"] == "this is my api"
    assert added["tags"] == {}
    replaced = update(
        apigw,
        api_id,
        {"op": "replace", "path": "/binaryMediaTypes/image~1png", "value": "image/gif"},
    )
    assert replaced["binaryMediaTypes"] == ["image/jpeg", "image/gif"]
    removed = update(
        apigw,
        api_id,
        {"op": "remove", "path": "/binaryMediaTypes/image~1gif"},
        {"op": "remove", "path": "/description"},
    )
    assert removed["binaryMediaTypes"] == ["image/jpeg"]
    assert "description" not in removed
    assert body(apigw.get_rest_api(restApiId=api_id)) == body(removed)
    emptied = update(apigw, api_id, {"op": "remove", "path": "/binaryMediaTypes/image~1jpeg"})
    assert "binaryMediaTypes" not in emptied


def test_binary_media_types_take_the_last_part_as_it_is(apigw: Any, api_id: str) -> None:
    assert update(
        apigw, api_id, {"op": "add", "path": "/binaryMediaTypes/-", "value": "image/png"}
    )["binaryMediaTypes"] == ["-"]


@pytest.mark.parametrize("op", ["add", "replace", "remove"])
def test_the_binary_media_types_list_itself_is_no_path(apigw: Any, api_id: str, op: str) -> None:
    with expect_error(apigw, BAD, "Invalid patch path /binaryMediaTypes", 400):
        update(apigw, api_id, {"op": op, "path": "/binaryMediaTypes", "value": "image/gif"})


def test_unknown_path(apigw: Any, api_id: str) -> None:
    with expect_error(apigw, BAD, "Invalid patch path /id", 400):
        update(apigw, api_id, {"op": "replace", "path": "/id", "value": "x"})


def test_minimum_compression_size(apigw: Any, api_id: str) -> None:
    path = "/minimumCompressionSize"
    assert (
        update(apigw, api_id, {"op": "replace", "path": path, "value": "10"})[
            "minimumCompressionSize"
        ]
        == 10
    )
    assert "minimumCompressionSize" not in update(
        apigw, api_id, {"op": "replace", "path": path, "value": ""}
    )
    assert (
        update(apigw, api_id, {"op": "replace", "path": path, "value": "0"})[
            "minimumCompressionSize"
        ]
        == 0
    )
    assert "minimumCompressionSize" not in update(apigw, api_id, {"op": "replace", "path": path})
    message = "Invalid minimum compression size, must be between 0 and 10485760"
    for value in ("-1", "test", "10485761"):
        with expect_error(apigw, BAD, message, 400):
            update(apigw, api_id, {"op": "replace", "path": path, "value": value})
    with expect_error(
        apigw, BAD, "Invalid patch operation specified. Must be one of: [replace]", 400
    ):
        update(apigw, api_id, {"op": "add", "path": path, "value": "10"})


def test_endpoint_type_and_ip_address_type(apigw: Any) -> None:
    api_id = apigw.create_rest_api(name="private")["id"]
    changed = update(
        apigw,
        api_id,
        {"op": "replace", "path": "/endpointConfiguration/types/0", "value": "EDGE"},
        {"op": "replace", "path": "/endpointConfiguration/types/0", "value": "REGIONAL"},
        {"op": "replace", "path": "/endpointConfiguration/types/0", "value": "PRIVATE"},
    )
    assert changed["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}
    cases = [
        (
            {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "ipv4"},
            "Only dualstack ipAddressType is supported for Private APIs.",
        ),
        (
            {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "wrong"},
            "ipAddressType must be either ipv4 or dualstack.",
        ),
        (
            {"op": "replace", "path": "/endpointConfiguration/types/0", "value": "wrong"},
            "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE",
        ),
        (
            {"op": "remove", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"},
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
        (
            {"op": "remove", "path": "/endpointConfiguration/types/0", "value": "EDGE"},
            "Invalid patch operation specified. Must be 'add'|'remove'|'replace'",
        ),
    ]
    for operation, message in cases:
        with expect_error(apigw, BAD, message, 400):
            update(apigw, api_id, operation)
    same = update(
        apigw,
        api_id,
        {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"},
    )
    assert same["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}


def test_vpc_endpoints_of_a_private_api(apigw: Any) -> None:
    api_id = apigw.create_rest_api(name="p", endpointConfiguration={"types": ["PRIVATE"]})["id"]
    path = "/endpointConfiguration/vpcEndpointIds"
    added = update(
        apigw,
        api_id,
        {"op": "add", "path": path, "value": "vpce-1"},
        {"op": "add", "path": path, "value": "vpce-2"},
    )
    assert added["endpointConfiguration"]["vpcEndpointIds"] == ["vpce-1", "vpce-2"]
    removed = update(apigw, api_id, {"op": "remove", "path": path, "value": "vpce-1"})
    assert removed["endpointConfiguration"]["vpcEndpointIds"] == ["vpce-2"]
    regional = apigw.create_rest_api(name="r", endpointConfiguration={"types": ["REGIONAL"]})
    with expect_error(apigw, BAD, "VPC endpoint ids can only be set on PRIVATE APIs", 400):
        update(apigw, regional["id"], {"op": "add", "path": path, "value": "vpce-1"})


def test_scalar_members(apigw: Any, api_id: str) -> None:
    updated = update(
        apigw,
        api_id,
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
        {"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"},
        {"op": "replace", "path": "/description", "value": "new"},
    )
    assert (
        updated["name"],
        updated["apiKeySource"],
        updated["disableExecuteApiEndpoint"],
        updated["description"],
    ) == ("renamed", "AUTHORIZER", True, "new")


def test_policy_is_kept_as_aws_keeps_it(apigw: Any, api_id: str) -> None:
    statement = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke",
                "Resource": ["execute-api:/*"],
            }
        ],
    }
    updated = update(
        apigw, api_id, {"op": "replace", "path": "/policy", "value": json.dumps(statement)}
    )
    arn = f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*"
    assert updated["policy"] == (
        '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",'
        '\\"Principal\\":\\"*\\",\\"Action\\":\\"execute-api:Invoke\\",'
        '\\"Resource\\":\\"' + arn.replace("/", "\\/") + '\\"}]}'
    )
    # Unescaped once, it is the policy JSON, the resource spelt out.
    kept = json.loads(json.loads('"' + updated["policy"] + '"'))
    assert kept["Statement"][0]["Resource"] == arn
    assert apigw.get_rest_api(restApiId=api_id)["policy"] == updated["policy"]
    assert "policy" not in update(apigw, api_id, {"op": "remove", "path": "/policy"})
    with expect_error(
        apigw,
        BAD,
        "Invalid policy document. Please check the policy syntax and ensure that Principals"
        " are valid.",
        400,
    ):
        update(apigw, api_id, {"op": "replace", "path": "/policy", "value": "{not json"})


def test_create_keeps_the_policy_the_same_way(apigw: Any) -> None:
    created = apigw.create_rest_api(name="p", policy='{"Version": "2012-10-17", "Statement": []}')
    assert created["policy"] == '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}'


def test_a_failed_update_changes_nothing(apigw: Any, api_id: str) -> None:
    before = body(apigw.get_rest_api(restApiId=api_id))
    with expect_error(apigw, BAD, "ipAddressType must be either ipv4 or dualstack.", 400):
        update(
            apigw,
            api_id,
            {"op": "replace", "path": "/name", "value": "renamed"},
            {"op": "add", "path": "/binaryMediaTypes/image~1png"},
            {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "x"},
        )
    assert body(apigw.get_rest_api(restApiId=api_id)) == before


def test_unknown_api(apigw: Any) -> None:
    with expect_error(
        apigw, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:api_id", 404
    ):
        update(apigw, "api_id", {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"})


def test_several_bad_ops_are_one_validation_error(apigw: Any, api_id: str) -> None:
    enum = "Member must satisfy enum value set: [add, remove, move, test, replace, copy]"
    message = "3 validation errors detected: " + "; ".join(
        f"Value 'wrong' at 'updateRestApiInput.patchOperations.{i}.member.op' failed to satisfy"
        f" constraint: {enum}"
        for i in (1, 2, 3)
    )
    with expect_error(apigw, "ValidationException", message, 400):
        update(
            apigw,
            api_id,
            {"op": "wrong", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"},
            {"op": "wrong", "path": "/endpointConfiguration/types/0", "value": "EDGE"},
            {"op": "wrong", "path": "/binaryMediaTypes", "value": "image/gif"},
        )


# -- UpdateResource ---------------------------------------------------------------------------


def resource(apigw: Any, api_id: str, parent_id: str, path_part: str) -> str:
    return str(
        apigw.create_resource(restApiId=api_id, parentId=parent_id, pathPart=path_part)["id"]
    )


def move(apigw: Any, api_id: str, resource_id: str, path: str, value: str) -> dict[str, Any]:
    return dict(
        apigw.update_resource(
            restApiId=api_id,
            resourceId=resource_id,
            patchOperations=[{"op": "replace", "path": path, "value": value}],
        )
    )


def paths(apigw: Any, api_id: str) -> dict[str, str]:
    return {r["id"]: r["path"] for r in apigw.get_resources(restApiId=api_id)["items"]}


def test_update_resource_as_recorded(apigw: Any) -> None:
    api = apigw.create_rest_api(name="tree")
    api_id, root = api["id"], api["rootResourceId"]
    pets = resource(apigw, api_id, root, "pets")
    with expect_error(apigw, "NotFoundException", "Invalid Resource identifier specified", 404):
        move(apigw, api_id, "fake-resource", "/pathPart", "dogs")
    with expect_error(
        apigw,
        BAD,
        "Invalid patch path  '/invalid' specified for op 'replace'. "
        "Must be one of: [/parentId, /pathPart]",
        400,
    ):
        move(apigw, api_id, pets, "/invalid", "dogs")
    with expect_error(apigw, "NotFoundException", "Invalid Resource identifier specified", 404):
        move(apigw, api_id, pets, "/parentId", "fake-parent-id")
    subpets = resource(apigw, api_id, pets, "subpets")
    child = resource(apigw, api_id, subpets, "pets")
    with expect_error(
        apigw,
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
        409,
    ):
        move(apigw, api_id, child, "/parentId", root)
    apigw.delete_resource(restApiId=api_id, resourceId=child)
    with expect_error(apigw, BAD, "Resources cannot be cyclical.", 400):
        move(apigw, api_id, pets, "/parentId", subpets)
    moved = move(apigw, api_id, subpets, "/parentId", root)
    assert body(moved) == {
        "id": subpets,
        "parentId": root,
        "pathPart": "subpets",
        "path": "/subpets",
    }
    with expect_error(
        apigw,
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
        409,
    ):
        move(apigw, api_id, subpets, "/pathPart", "pets")
    apigw.delete_resource(restApiId=api_id, resourceId=pets)
    assert paths(apigw, api_id) == {root: "/", subpets: "/subpets"}
    for op in ("remove", "add"):
        with expect_error(
            apigw,
            BAD,
            f"Invalid patch path  '/pathPart' specified for op '{op}'. "
            "Please choose supported operations",
            400,
        ):
            apigw.update_resource(
                restApiId=api_id,
                resourceId=subpets,
                patchOperations=[{"op": op, "path": "/pathPart", "value": "x"}],
            )


def test_the_root_cannot_move_or_be_renamed(apigw: Any) -> None:
    api = apigw.create_rest_api(name="tree")
    for path, message in (
        ("/pathPart", "Root resource cannot update its pathPart."),
        ("/parentId", "Root resource cannot update its parentId."),
    ):
        with expect_error(apigw, BAD, message, 400):
            move(apigw, api["id"], api["rootResourceId"], path, api["rootResourceId"])


def test_renaming_and_moving_carry_the_subtree(apigw: Any) -> None:
    api = apigw.create_rest_api(name="tree")
    api_id, root = api["id"], api["rootResourceId"]
    a = resource(apigw, api_id, root, "a")
    b = resource(apigw, api_id, a, "b")
    c = resource(apigw, api_id, b, "{id}")
    other = resource(apigw, api_id, root, "other")
    assert move(apigw, api_id, a, "/pathPart", "alpha")["path"] == "/alpha"
    assert paths(apigw, api_id)[c] == "/alpha/b/{id}"
    assert move(apigw, api_id, b, "/parentId", other)["path"] == "/other/b"
    assert paths(apigw, api_id) == {
        root: "/",
        a: "/alpha",
        b: "/other/b",
        c: "/other/b/{id}",
        other: "/other",
    }
    bad = (
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the"
        " end."
    )
    with expect_error(apigw, BAD, bad, 400):
        move(apigw, api_id, b, "/pathPart", "b c")


def test_deleting_a_resource_takes_subtrees_moved_under_it(apigw: Any) -> None:
    """A resource moved under a newer one is still deleted with it."""
    api = apigw.create_rest_api(name="tree")
    api_id, root = api["id"], api["rootResourceId"]
    old = resource(apigw, api_id, root, "old")
    middle = resource(apigw, api_id, root, "middle")
    top = resource(apigw, api_id, root, "top")
    move(apigw, api_id, old, "/parentId", middle)
    move(apigw, api_id, middle, "/parentId", top)
    assert paths(apigw, api_id)[old] == "/top/middle/old"
    apigw.delete_resource(restApiId=api_id, resourceId=top)
    assert paths(apigw, api_id) == {root: "/"}
