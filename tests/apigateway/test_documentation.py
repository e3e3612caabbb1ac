"""Documentation parts: the lifecycle and errors recorded against AWS, locations and their
defaults, filters, and imports from an OpenAPI document."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from builders import ACCOUNT, body, status

from support import client, expect_error

PART_ID = re.compile(r"[a-z0-9]{6}")
NOT_FOUND = "Invalid Documentation part identifier specified"
IMPORTER = "Unable to build importer with provided input."
TYPES_IN_AWS_ORDER = (
    "RESPONSE_BODY, RESPONSE, METHOD, MODEL, AUTHORIZER, RESPONSE_HEADER, RESOURCE, "
    "PATH_PARAMETER, REQUEST_BODY, QUERY_PARAMETER, API, REQUEST_HEADER"
)


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="documented")["id"])


def part(apigw: Any, api_id: str, properties: str = '{"description": "d"}', **location: str):
    location.setdefault("type", "API")
    return dict(
        apigw.create_documentation_part(restApiId=api_id, location=location, properties=properties)
    )


def listed(apigw: Any, api_id: str, **filters: Any) -> list[dict[str, Any]]:
    return list(apigw.get_documentation_parts(restApiId=api_id, **filters)["items"])


def test_lifecycle(apigw: Any, api_id: str) -> None:
    properties = '{ "description": "What the API does" }'
    created = part(apigw, api_id, properties)
    assert status(created) == 201
    assert PART_ID.fullmatch(created["id"])
    # The properties come back as the string they were given, spacing and all.
    expected = {"id": created["id"], "location": {"type": "API"}, "properties": properties}
    assert body(created) == expected
    key = {"restApiId": api_id, "documentationPartId": created["id"]}
    assert body(apigw.get_documentation_part(**key)) == expected
    assert listed(apigw, api_id) == [expected]

    changed = '{ "description": "What the API does now" }'
    updated = apigw.update_documentation_part(
        **key, patchOperations=[{"op": "replace", "path": "/properties", "value": changed}]
    )
    assert status(updated) == 200
    assert body(updated) == {**expected, "properties": changed}
    assert body(apigw.get_documentation_part(**key)) == {**expected, "properties": changed}

    assert status(apigw.delete_documentation_part(**key)) == 202
    for call in (apigw.get_documentation_part, apigw.delete_documentation_part):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            call(**key)
    assert listed(apigw, api_id) == []


def test_unknown_api(apigw: Any, api_id: str) -> None:
    missing = f"Invalid API identifier specified {ACCOUNT}:no-such-api"
    with expect_error(apigw, "NotFoundException", missing, 404):
        part(apigw, "no-such-api")
    with expect_error(apigw, "NotFoundException", missing, 404):
        apigw.get_documentation_parts(restApiId="no-such-api")
    known = part(apigw, api_id)["id"]
    key = {"restApiId": "no-such-api", "documentationPartId": known}
    # Delete names the API; Get and Update answer as for an unknown part.
    with expect_error(apigw, "NotFoundException", missing, 404):
        apigw.delete_documentation_part(**key)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_documentation_part(**key)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.update_documentation_part(
            **key, patchOperations=[{"op": "replace", "path": "/properties", "value": "{}"}]
        )
    assert [p["id"] for p in listed(apigw, api_id)] == [known]


def test_unknown_type_is_a_validation_error(apigw: Any, api_id: str) -> None:
    raw = client("apigateway", validate=False)
    message = (
        "1 validation error detected: Value 'INVALID' at 'createDocumentationPartInput.location"
        f".type' failed to satisfy constraint: Member must satisfy enum value set: "
        f"[{TYPES_IN_AWS_ORDER}]"
    )
    with expect_error(raw, "ValidationException", message, 400):
        part(raw, api_id, type="INVALID")
    assert listed(apigw, api_id) == []


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "add", "path": "/properties", "value": "{}"},
            "Invalid patch path  '/properties' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "replace", "path": "/invalidPath", "value": "{}"},
            "Invalid patch path  '/invalidPath' specified for op 'replace'. "
            "Must be one of: [/properties]",
        ),
        (
            {"op": "replace", "path": "/properties", "value": "{not json"},
            "Documentation part properties must be valid JSON",
        ),
        (
            {"op": "replace", "path": "/properties"},
            "Documentation part properties must be non-empty",
        ),
    ],
)
def test_refused_patches_change_nothing(
    apigw: Any, api_id: str, operation: dict[str, str], message: str
) -> None:
    created = part(apigw, api_id)
    key = {"restApiId": api_id, "documentationPartId": created["id"]}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_documentation_part(
            **key,
            patchOperations=[
                {"op": "replace", "path": "/properties", "value": '{"a": 1}'},
                operation,
            ],
        )
    assert body(apigw.get_documentation_part(**key)) == body(created)


@pytest.mark.parametrize(
    ("location", "stored"),
    [
        ({"type": "API"}, {"type": "API"}),
        ({"type": "RESOURCE"}, {"type": "RESOURCE", "path": "/"}),
        ({"type": "RESOURCE", "path": "/pets"}, {"type": "RESOURCE", "path": "/pets"}),
        ({"type": "METHOD"}, {"type": "METHOD", "path": "/", "method": "*"}),
        ({"type": "METHOD", "method": "GET"}, {"type": "METHOD", "path": "/", "method": "GET"}),
        (
            {"type": "RESPONSE", "statusCode": "200"},
            {"type": "RESPONSE", "path": "/", "method": "*", "statusCode": "200"},
        ),
        (
            {"type": "RESPONSE_BODY", "path": "/pets"},
            {"type": "RESPONSE_BODY", "path": "/pets", "method": "*", "statusCode": "*"},
        ),
        (
            {"type": "RESPONSE_HEADER", "name": "Content-Type"},
            {
                "type": "RESPONSE_HEADER",
                "path": "/",
                "method": "*",
                "statusCode": "*",
                "name": "Content-Type",
            },
        ),
        (
            {"type": "QUERY_PARAMETER", "path": "/pets", "method": "GET", "name": "page"},
            {"type": "QUERY_PARAMETER", "path": "/pets", "method": "GET", "name": "page"},
        ),
        (
            {"type": "PATH_PARAMETER", "path": "/pets/{id}", "name": "id"},
            {"type": "PATH_PARAMETER", "path": "/pets/{id}", "method": "*", "name": "id"},
        ),
        (
            {"type": "REQUEST_HEADER", "name": "x-token"},
            {"type": "REQUEST_HEADER", "path": "/", "method": "*", "name": "x-token"},
        ),
        ({"type": "REQUEST_BODY"}, {"type": "REQUEST_BODY", "path": "/", "method": "*"}),
        ({"type": "MODEL", "name": "Pet"}, {"type": "MODEL", "name": "Pet"}),
        ({"type": "AUTHORIZER", "name": "auth"}, {"type": "AUTHORIZER", "name": "auth"}),
        # What Terraform sends: every field, those it does not set empty.
        (
            {"type": "API", "path": "", "method": "", "statusCode": "", "name": ""},
            {"type": "API"},
        ),
        (
            {"type": "RESPONSE", "statusCode": " "},
            {"type": "RESPONSE", "path": "/", "method": "*", "statusCode": "*"},
        ),
    ],
)
def test_location_defaults(
    apigw: Any, api_id: str, location: dict[str, str], stored: dict[str, str]
) -> None:
    created = part(apigw, api_id, **location)
    assert created["location"] == stored
    got = apigw.get_documentation_part(restApiId=api_id, documentationPartId=created["id"])
    assert got["location"] == stored


@pytest.mark.parametrize(
    ("location", "message"),
    [
        (
            {"type": "API", "method": "GET"},
            "Invalid documentation part location: method is not a valid field for API",
        ),
        (
            {"type": "RESOURCE", "statusCode": "200"},
            "Invalid documentation part location: statusCode is not a valid field for RESOURCE",
        ),
        (
            {"type": "MODEL", "path": "/"},
            "Invalid documentation part location: path is not a valid field for MODEL",
        ),
        (
            {"type": "METHOD", "name": "x"},
            "Invalid documentation part location: name is not a valid field for METHOD",
        ),
        ({"type": "MODEL"}, "Invalid documentation part location: name is required for MODEL"),
        (
            {"type": "QUERY_PARAMETER", "path": "/pets"},
            "Invalid documentation part location: name is required for QUERY_PARAMETER",
        ),
    ],
)
def test_refused_locations(apigw: Any, api_id: str, location: dict[str, str], message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        part(apigw, api_id, **location)
    assert listed(apigw, api_id) == []


def test_status_code_pattern(apigw: Any, api_id: str) -> None:
    message = (
        "1 validation error detected: Value '20x' at 'createDocumentationPartInput.location"
        ".statusCode' failed to satisfy constraint: Member must satisfy regular expression "
        "pattern: ^([1-5]\\d\\d|\\*|\\s*)$"
    )
    with expect_error(apigw, "ValidationException", message, 400):
        part(apigw, api_id, type="RESPONSE", statusCode="20x")
    assert listed(apigw, api_id) == []


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        ("", "Documentation part properties must be non-empty"),
        ("{'single': 'quotes'}", "Documentation part properties must be valid JSON"),
        ('{"n": NaN}', "Documentation part properties must be valid JSON"),
    ],
)
def test_properties_must_be_json(apigw: Any, api_id: str, properties: str, message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        part(apigw, api_id, properties)
    assert listed(apigw, api_id) == []


def test_one_part_per_location(apigw: Any, api_id: str) -> None:
    part(apigw, api_id)
    with expect_error(
        apigw,
        "ConflictException",
        "Documentation part already exists for the specified location: type 'API'.",
        409,
    ):
        part(apigw, api_id, '{"other": true}')
    part(apigw, api_id, type="METHOD", path="/pets")
    # Written out, the defaults name the same location.
    with expect_error(
        apigw,
        "ConflictException",
        "Documentation part already exists for the specified location: "
        "type 'METHOD', path '/pets', method '*'.",
        409,
    ):
        part(apigw, api_id, type="METHOD", path="/pets", method="*")
    part(apigw, api_id, type="METHOD", path="/pets", method="GET")
    part(apigw, api_id, type="RESOURCE", path="/pets")
    assert len(listed(apigw, api_id)) == 4


def test_filters_and_paging(apigw: Any, api_id: str) -> None:
    ids = {
        "api": part(apigw, api_id)["id"],
        "pet": part(apigw, api_id, type="MODEL", name="Pet")["id"],
        "petlist": part(apigw, api_id, type="MODEL", name="PetList")["id"],
        "error": part(apigw, api_id, "{}", type="MODEL", name="Error")["id"],
        "pets": part(apigw, api_id, type="RESOURCE", path="/pets")["id"],
        "get": part(apigw, api_id, type="METHOD", path="/pets", method="GET")["id"],
        "root": part(apigw, api_id, type="METHOD", method="GET")["id"],
    }

    def found(**filters: Any) -> list[str]:
        names = {v: k for k, v in ids.items()}
        return [names[p["id"]] for p in listed(apigw, api_id, **filters)]

    # Listed in the order they were created.
    assert found() == list(ids)
    assert found(type="MODEL") == ["pet", "petlist", "error"]
    assert found(nameQuery="Pet") == ["pet", "petlist"]
    assert found(path="/pets") == ["pets", "get"]
    assert found(path="/") == ["root"]
    assert found(type="METHOD", path="/pets") == ["get"]
    assert found(locationStatus="UNDOCUMENTED") == ["error"]
    assert found(locationStatus="DOCUMENTED", type="MODEL") == ["pet", "petlist"]

    first = apigw.get_documentation_parts(restApiId=api_id, type="MODEL", limit=2)
    assert [p["id"] for p in first["items"]] == [ids["pet"], ids["petlist"]]
    rest = apigw.get_documentation_parts(
        restApiId=api_id, type="MODEL", limit=2, position=first["position"]
    )
    assert [p["id"] for p in rest["items"]] == [ids["error"]]
    assert "position" not in rest


# -- ImportDocumentationParts ------------------------------------------------------------------


def openapi(*parts: dict[str, Any], **extra: Any) -> str:
    """An OpenAPI 3 document of ``GET /`` with ``parts`` as its documentation."""
    document = {
        "openapi": "3.0.1",
        "info": {"title": "shop", "version": "2"},
        "paths": {"/": {"get": {"responses": {"200": {"description": "ok"}}}}},
        "x-amazon-apigateway-documentation": {"version": "7", "documentationParts": list(parts)},
        **extra,
    }
    return json.dumps(document, indent=2)


SHOP_PARTS = (
    {"location": {"type": "API"}, "properties": {"summary": "A shop", "info": {"x-team": "t"}}},
    {"location": {"type": "METHOD", "method": "GET"}, "properties": {"description": "Browse"}},
    {"location": {"type": "MODEL", "name": "Item"}, "properties": {"title": "An item"}},
    {
        "location": {"type": "RESPONSE", "method": "GET", "statusCode": "200"},
        "properties": {"description": "Items"},
    },
)


def imported(items: list[dict[str, Any]]) -> list[tuple[dict[str, str], Any]]:
    """Each part's location and properties, the properties parsed."""
    assert all(isinstance(p["properties"], str) for p in items)
    return [(p["location"], json.loads(p["properties"])) for p in items]


def test_import_overwrite_replaces_every_part(apigw: Any, api_id: str) -> None:
    old = part(apigw, api_id, type="RESOURCE", path="/old")["id"]
    answer = apigw.import_documentation_parts(
        restApiId=api_id, mode="overwrite", body=openapi(*SHOP_PARTS)
    )
    assert status(answer) == 200
    assert set(body(answer)) == {"ids"}
    ids = answer["ids"]
    assert len(ids) == 4
    assert all(PART_ID.fullmatch(i) for i in ids)
    assert old not in ids
    items = listed(apigw, api_id)
    assert [p["id"] for p in items] == ids  # in the document's order
    assert imported(items) == [
        ({"type": "API"}, {"summary": "A shop", "info": {"x-team": "t"}}),
        ({"type": "METHOD", "path": "/", "method": "GET"}, {"description": "Browse"}),
        ({"type": "MODEL", "name": "Item"}, {"title": "An item"}),
        (
            {"type": "RESPONSE", "path": "/", "method": "GET", "statusCode": "200"},
            {"description": "Items"},
        ),
    ]


def test_import_merges_by_default(apigw: Any, api_id: str) -> None:
    kept = part(apigw, api_id, '{"description": "old", "summary": "stays"}', type="METHOD")
    other = part(apigw, api_id, type="RESOURCE", path="/other")
    merge = {"location": {"type": "METHOD", "path": "/"}, "properties": {"description": "new"}}
    added = {"location": {"type": "API"}, "properties": {"description": "api"}}
    answer = apigw.import_documentation_parts(restApiId=api_id, body=openapi(merge, added))
    assert answer["ids"][0] == kept["id"]
    items = {p["id"]: p for p in listed(apigw, api_id)}
    assert list(items) == [kept["id"], other["id"], answer["ids"][1]]
    assert json.loads(items[kept["id"]]["properties"]) == {"description": "new", "summary": "stays"}
    assert items[other["id"]] == body(other)
    assert json.loads(items[answer["ids"][1]]["properties"]) == {"description": "api"}


def test_import_takes_bytes_and_swagger(apigw: Any, api_id: str) -> None:
    document = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "x-amazon-apigateway-documentation": {
            "documentationParts": [{"location": {"type": "API"}, "properties": {"a": 1}}]
        },
    }
    answer = apigw.import_documentation_parts(restApiId=api_id, body=json.dumps(document).encode())
    assert [p["id"] for p in listed(apigw, api_id)] == answer["ids"]


def test_import_without_documentation_imports_nothing(apigw: Any, api_id: str) -> None:
    part(apigw, api_id)
    document = json.dumps({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}})
    assert body(apigw.import_documentation_parts(restApiId=api_id, body=document)) == {"ids": []}
    assert len(listed(apigw, api_id)) == 1
    answer = apigw.import_documentation_parts(restApiId=api_id, body=document, mode="overwrite")
    assert body(answer) == {"ids": []}
    assert listed(apigw, api_id) == []


@pytest.mark.parametrize(
    "document",
    [
        'test:\n    value:\n        - "a \\"quoted\\": $x, \\"y\\": $(z +"%a")}\\"\n',
        "{'key:value}",
        "",
        "[1, 2]",
        '{"info": {"title": "neither swagger nor openapi"}}',
        b"\xff\xfe{}",
        '{"openapi": "3.0.1", "info": {"version": NaN}}',
    ],
)
def test_import_refuses_what_is_no_openapi_json(
    apigw: Any, api_id: str, document: str | bytes
) -> None:
    part(apigw, api_id)
    with expect_error(apigw, "BadRequestException", IMPORTER, 400):
        apigw.import_documentation_parts(restApiId=api_id, mode="overwrite", body=document)
    assert len(listed(apigw, api_id)) == 1


BAD_PARTS = (
    {"location": {"type": "NOT_A_TYPE"}, "properties": {}},
    {"location": {"type": "MODEL"}, "properties": {"title": "no name"}},
    {"properties": {"a": 1}},
)
BAD_PART_WARNINGS = [
    "Unable to import documentation part 2: "
    "Invalid documentation part location type specified: NOT_A_TYPE",
    "Unable to import documentation part 3: "
    "Invalid documentation part location: name is required for MODEL",
    "Unable to import documentation part 4: Documentation part has no location",
]


def test_import_warns_of_parts_it_cannot_import(apigw: Any, api_id: str) -> None:
    good = {"location": {"type": "API"}, "properties": {"ok": True}}
    answer = apigw.import_documentation_parts(restApiId=api_id, body=openapi(good, *BAD_PARTS))
    assert answer["warnings"] == BAD_PART_WARNINGS
    assert [p["id"] for p in listed(apigw, api_id)] == answer["ids"]
    assert len(answer["ids"]) == 1


def test_import_failing_on_warnings_changes_nothing(apigw: Any, api_id: str) -> None:
    before = part(apigw, api_id)
    good = {"location": {"type": "RESOURCE"}, "properties": {"ok": True}}
    message = "Warnings found during import:\n\t" + "\n\t".join(BAD_PART_WARNINGS)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.import_documentation_parts(
            restApiId=api_id,
            mode="overwrite",
            failOnWarnings=True,
            body=openapi(good, *BAD_PARTS),
        )
    assert listed(apigw, api_id) == [body(before)]


def test_import_into_an_unknown_api(apigw: Any) -> None:
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:no-such-api",
        404,
    ):
        apigw.import_documentation_parts(restApiId="no-such-api", body=openapi(*SHOP_PARTS))
