"""Models of a REST API: the lifecycle, checks and messages recorded against AWS, schemas as
API Gateway checks them, references between models, flattening and mapping templates."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from builders import ACCOUNT, body, status

from support import expect_error

MODEL_ID = re.compile(r"[a-z0-9]{6}")
DRAFT_4 = "http://json-schema.org/draft-04/schema#"
# As AWS's developer guide and API reference give it (tabs, trailing newline and all).
CALC_OUTPUT = (
    '{\n\t"title": "Calc output",\n\t"type": "object",\n\t"properties": {\n'
    '\t\t"a": {\n\t\t\t"type": "number"\n\t\t},\n\t\t"b": {\n\t\t\t"type": "number"\n\t\t},\n'
    '\t\t"op": {\n\t\t\t"description": "operation of +, -, * or /",\n'
    '\t\t\t"type": "string"\n\t\t},\n\t\t"c": {\n\t\t    "type": "number"\n\t\t}\n\t},\n'
    '\t"required": ["a", "b", "op"]\n}\n'
)
EMPTY = {
    "name": "Empty",
    "description": "This is a default empty schema model",
    "contentType": "application/json",
    "schema": '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n'
    '  "title" : "Empty Schema",\n  "type" : "object"\n}',
}
ERROR = {
    "name": "Error",
    "description": "This is a default error schema model",
    "contentType": "application/json",
    "schema": '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n'
    '  "title" : "Error Schema",\n  "type" : "object",\n'
    '  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
}
EMPTY_SCHEMA = "Model schema must have at least 1 property or array items defined"
INVALID = "Invalid model specified: Validation Result: warnings : [], errors : [{}]"
NOT_JSON = (
    "Invalid model specified: Validation Result: warnings : [], errors : "
    "Invalid model schema specified"
)
SCHEMA_INVALID = "Invalid model schema specified"
PREFIX = "#set($inputRoot = $input.path('$'))\n"


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="modelled")["id"])


def model(apigw: Any, api_id: str, name: str, schema: Any, **extra: Any) -> dict[str, Any]:
    text = schema if isinstance(schema, str) else json.dumps(schema)
    extra.setdefault("contentType", "application/json")
    return dict(apigw.create_model(restApiId=api_id, name=name, schema=text, **extra))


def ref(api_id: str, name: str) -> dict[str, str]:
    return {"$ref": f"https://apigateway.amazonaws.com/restapis/{api_id}/models/{name}"}


def names(apigw: Any, api_id: str) -> list[str]:
    return sorted(m["name"] for m in apigw.get_models(restApiId=api_id)["items"])


def without_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


# -- the lifecycle -----------------------------------------------------------------------------


def test_every_api_has_the_default_models(apigw: Any, api_id: str) -> None:
    items = apigw.get_models(restApiId=api_id)["items"]
    assert all(MODEL_ID.fullmatch(item["id"]) for item in items)
    assert sorted(without_ids(items), key=lambda item: item["name"]) == [EMPTY, ERROR]
    empty = apigw.get_model(restApiId=api_id, modelName="Empty")
    assert body(empty) == {"id": empty["id"], **EMPTY}


def test_lifecycle(apigw: Any, api_id: str) -> None:
    created = model(apigw, api_id, "CalcOutput", CALC_OUTPUT, description="Calc output model")
    assert status(created) == 201
    assert MODEL_ID.fullmatch(created["id"])
    expected = {
        "id": created["id"],
        "name": "CalcOutput",
        "description": "Calc output model",
        "contentType": "application/json",
        "schema": CALC_OUTPUT,
    }
    assert body(created) == expected
    assert expected in apigw.get_models(restApiId=api_id)["items"]
    assert names(apigw, api_id) == ["CalcOutput", "Empty", "Error"]
    fetched = apigw.get_model(restApiId=api_id, modelName="CalcOutput")
    assert status(fetched) == 200
    assert body(fetched) == expected

    assert status(apigw.delete_model(restApiId=api_id, modelName="CalcOutput")) == 202
    message = "Invalid model name specified: CalcOutput"
    with expect_error(apigw, "NotFoundException", message, 404):
        apigw.get_model(restApiId=api_id, modelName="CalcOutput")
    with expect_error(apigw, "NotFoundException", message, 404):
        apigw.delete_model(restApiId=api_id, modelName="CalcOutput")
    assert names(apigw, api_id) == ["Empty", "Error"]
    # The name is free again; the new model is another.
    again = model(apigw, api_id, "CalcOutput", CALC_OUTPUT)
    assert "description" not in again


def test_default_models_can_be_deleted(apigw: Any, api_id: str) -> None:
    for name in ("Empty", "Error"):
        assert status(apigw.delete_model(restApiId=api_id, modelName=name)) == 202
    assert apigw.get_models(restApiId=api_id)["items"] == []


def test_unknown_api(apigw: Any) -> None:
    unknown = f"Invalid API identifier specified {ACCOUNT}:abcde0"
    with expect_error(apigw, "NotFoundException", unknown, 404):
        apigw.create_model(
            restApiId="abcde0",
            name="MySchema",
            contentType="application/json",
            description="Test model",
            schema=json.dumps({"title": "MySchema", "type": "object"}),
        )
    with expect_error(apigw, "NotFoundException", unknown, 404):
        apigw.get_models(restApiId="abcde0")
    # Naming a model of an unknown API is naming an unknown model.
    missing = "Invalid model name specified: MySchema"
    for call in (apigw.get_model, apigw.delete_model, apigw.get_model_template):
        with expect_error(apigw, "NotFoundException", missing, 404):
            call(restApiId="abcde0", modelName="MySchema")
    with expect_error(apigw, "NotFoundException", "Invalid model name specified: mySchema", 404):
        apigw.update_model(
            restApiId="abcde0",
            modelName="mySchema",
            patchOperations=[{"op": "replace", "path": "/description", "value": "d"}],
        )


def test_create_checks(apigw: Any, api_id: str) -> None:
    schema = {"title": "MySchema", "type": "object"}
    # An empty description is no description.
    created = model(apigw, api_id, "MySchema", schema, description="")
    assert status(created) == 201
    assert "description" not in created
    with expect_error(
        apigw, "ConflictException", "Model name already exists for this REST API", 409
    ):
        model(apigw, api_id, "MySchema", schema, description="")
    with expect_error(apigw, "BadRequestException", "Model name must be non-empty", 400):
        model(apigw, api_id, "", schema)
    with expect_error(apigw, "BadRequestException", EMPTY_SCHEMA, 400):
        model(apigw, api_id, "MyEmptySchema", "")
    for content_type in ("application/json", "application/xml"):
        with expect_error(apigw, "BadRequestException", EMPTY_SCHEMA, 400):
            apigw.create_model(restApiId=api_id, name="MyEmptySchema", contentType=content_type)
    assert names(apigw, api_id) == ["Empty", "Error", "MySchema"]


@pytest.mark.parametrize("name", ["my_model", "my-model", "model.v2", "Pet Store", "Modèle"])
def test_names_are_alphanumeric(apigw: Any, api_id: str, name: str) -> None:
    message = f"Model name must be alphanumeric: {name}"
    with expect_error(apigw, "BadRequestException", message, 400):
        model(apigw, api_id, name, {"type": "object"})
    assert names(apigw, api_id) == ["Empty", "Error"]


def test_content_type_is_required(apigw: Any, api_id: str) -> None:
    with expect_error(apigw, "BadRequestException", "Model content type must be non-empty", 400):
        model(apigw, api_id, "Pet", {"type": "object"}, contentType="")
    xml = model(apigw, api_id, "Pet", {"type": "object"}, contentType="application/xml")
    assert xml["contentType"] == "application/xml"


# -- schemas -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object"},
        {"type": "array", "items": {"type": "string"}},
        {"$schema": DRAFT_4, "title": "t", "type": "string", "enum": ["a", "b"], "default": "a"},
        {"definitions": {"Tag": {"type": "string"}}, "items": {"$ref": "#/definitions/Tag"}},
        {"properties": {"status": {"oneOf": [{"type": "null"}, {"type": "integer"}]}}},
        {"properties": {"example": {"type": "string"}, "$ref": {"type": "string"}}},
        {"type": ["string", "null"], "pattern": "^a", "format": "email", "maxLength": 3},
    ],
)
def test_valid_schemas(apigw: Any, api_id: str, schema: dict[str, Any]) -> None:
    text = json.dumps(schema)
    assert model(apigw, api_id, "Valid", text)["schema"] == text


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("", EMPTY_SCHEMA),
        ("   ", EMPTY_SCHEMA),
        ("{}", EMPTY_SCHEMA),
        ("[]", EMPTY_SCHEMA),
        ("null", EMPTY_SCHEMA),
        ("{bad", NOT_JSON),
        ("{'type': 'object'}", NOT_JSON),
        ('{"type": "object"', NOT_JSON),
        ('{"maximum": NaN}', NOT_JSON),
        ("[" * 100_000, NOT_JSON),
        ('"object"', INVALID.format(SCHEMA_INVALID)),
        ("[1]", INVALID.format(SCHEMA_INVALID)),
        ('{"type": "String"}', INVALID.format(SCHEMA_INVALID)),
        ('{"type": "object", "required": []}', INVALID.format(SCHEMA_INVALID)),
        ('{"enum": ["A", "A"]}', INVALID.format(SCHEMA_INVALID)),
        ('{"$ref": 5}', INVALID.format(SCHEMA_INVALID)),
        (
            '{"properties": {"payee": {"type": "string", "minLength": "1", "maxLength": "35"}}}',
            INVALID.format(f"{SCHEMA_INVALID}, {SCHEMA_INVALID}"),
        ),
        (
            '{"properties": {"updatedOn": {"type": "string", "example": "dd/MM/yyyy"}}}',
            INVALID.format(f'{SCHEMA_INVALID}. Unsupported keyword(s): ["example"]'),
        ),
        (
            '{"type": "object", "nullable": true, "example": {}, "items": {"readOnly": true}}',
            INVALID.format(
                f'{SCHEMA_INVALID}. Unsupported keyword(s): ["example","nullable"], '
                f'{SCHEMA_INVALID}. Unsupported keyword(s): ["readOnly"]'
            ),
        ),
        (
            '{"items": {"$ref": "https://example.com/schemas/pet.json"}}',
            INVALID.format("Model reference must be in canonical form"),
        ),
        (
            '{"items": {"$ref": "https://apigateway.amazonaws.com/restapis/other/models/Pet"}}',
            INVALID.format("Invalid model name specified: Pet"),
        ),
    ],
)
def test_invalid_schemas(apigw: Any, api_id: str, schema: str, message: str) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        model(apigw, api_id, "Bad", schema)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_model(
            restApiId=api_id,
            modelName="Error",
            patchOperations=[{"op": "replace", "path": "/schema", "value": schema}],
        )
    assert names(apigw, api_id) == ["Empty", "Error"]
    assert apigw.get_model(restApiId=api_id, modelName="Error")["schema"] == ERROR["schema"]


def test_schema_size_limit(apigw: Any, api_id: str) -> None:
    padding = 400 * 1024 - len('{"type": "object", "description": ""}')
    fits = json.dumps({"type": "object", "description": "x" * padding})
    assert len(fits) == 400 * 1024
    model(apigw, api_id, "Large", fits)
    too_large = json.dumps({"type": "object", "description": "é" * padding})
    message = "Model schema exceeds the maximum size of 400 KB"
    with expect_error(apigw, "BadRequestException", message, 400):
        model(apigw, api_id, "TooLarge", too_large)


# -- updates -----------------------------------------------------------------------------------


def test_update(apigw: Any, api_id: str) -> None:
    created = model(apigw, api_id, "MySchema", {"title": "MySchema", "type": "object"})
    key = {"restApiId": api_id, "modelName": "MySchema"}
    updated_schema = json.dumps({"title": "Updated schema", "type": "object"})
    updated = apigw.update_model(
        **key,
        patchOperations=[
            {"op": "replace", "path": "/schema", "value": updated_schema},
            {"op": "replace", "path": "/description", "value": ""},
        ],
    )
    assert status(updated) == 200
    expected = {**body(created), "schema": updated_schema}
    assert body(updated) == expected
    described = apigw.update_model(
        **key, patchOperations=[{"op": "replace", "path": "/description", "value": "Pets"}]
    )
    assert body(described) == {**expected, "description": "Pets"}
    assert body(apigw.get_model(**key)) == {**expected, "description": "Pets"}


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "add", "path": "/wrong-path", "value": "not supported op"},
            "Invalid patch path  '/wrong-path' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "remove", "path": "/description"},
            "Invalid patch path  '/description' specified for op 'remove'. "
            "Please choose supported operations",
        ),
        (
            {"op": "replace", "path": "/name", "value": "invalid"},
            "Invalid patch path  '/name' specified for op 'replace'. "
            "Must be one of: [/description, /schema]",
        ),
        ({"op": "replace", "path": "/schema", "value": ""}, EMPTY_SCHEMA),
        ({"op": "replace", "path": "/schema"}, EMPTY_SCHEMA),
    ],
)
def test_refused_updates_change_nothing(
    apigw: Any, api_id: str, operation: dict[str, str], message: str
) -> None:
    created = model(apigw, api_id, "MySchema", {"type": "object"}, description="before")
    key = {"restApiId": api_id, "modelName": "MySchema"}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_model(
            **key,
            patchOperations=[
                {"op": "replace", "path": "/description", "value": "after"},
                operation,
            ],
        )
    assert body(apigw.get_model(**key)) == body(created)


# -- listing -----------------------------------------------------------------------------------


def test_models_are_listed_in_id_order_and_paged(apigw: Any, api_id: str) -> None:
    for index in range(5):
        model(apigw, api_id, f"Model{index}", {"type": "object"})
    everything = apigw.get_models(restApiId=api_id)["items"]
    ids = [item["id"] for item in everything]
    assert ids == sorted(ids)
    assert len(ids) == 7

    seen: list[dict[str, Any]] = []
    page = apigw.get_models(restApiId=api_id, limit=3)
    while True:
        assert len(page["items"]) <= 3
        seen += page["items"]
        if "position" not in page:
            break
        page = apigw.get_models(restApiId=api_id, limit=3, position=page["position"])
    assert seen == everything


def test_positions_are_the_apis_own(apigw: Any, api_id: str) -> None:
    other = apigw.create_rest_api(name="other")["id"]
    position = apigw.get_models(restApiId=other, limit=1)["position"]
    for bad in (position, "nonsense", "bW9kZWxzOg=="):
        with expect_error(
            apigw, "BadRequestException", "Invalid position parameter specified", 400
        ):
            apigw.get_models(restApiId=api_id, position=bad)


# -- references ----------------------------------------------------------------------------------


def test_method_request_references(apigw: Any, api_id: str) -> None:
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    model(apigw, api_id, "MySchema", {"title": "MySchema", "type": "object"})
    method = {"restApiId": api_id, "httpMethod": "ANY", "authorizationType": "NONE"}
    apigw.put_method(resourceId=root, requestModels={"application/json": "MySchema"}, **method)
    conflict = "Cannot delete model 'MySchema', is referenced in method request: {}"
    with expect_error(apigw, "ConflictException", conflict.format("//ANY"), 409):
        apigw.delete_model(restApiId=api_id, modelName="MySchema")
    # Referenced by two methods, AWS names the one on the newer resource.
    test = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
    apigw.put_method(resourceId=test, requestModels={"application/json": "MySchema"}, **method)
    with expect_error(apigw, "ConflictException", conflict.format("/test/ANY"), 409):
        apigw.delete_model(restApiId=api_id, modelName="MySchema")
    apigw.delete_method(restApiId=api_id, resourceId=test, httpMethod="ANY")
    with expect_error(apigw, "ConflictException", conflict.format("//ANY"), 409):
        apigw.delete_model(restApiId=api_id, modelName="MySchema")
    apigw.delete_method(restApiId=api_id, resourceId=root, httpMethod="ANY")
    assert status(apigw.delete_model(restApiId=api_id, modelName="MySchema")) == 202


def test_method_request_references_follow_method_updates(apigw: Any, api_id: str) -> None:
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    for name in ("MySchema", "MySchemaTwo"):
        model(apigw, api_id, name, {"title": name, "type": "object"}, description="")
    method = {"restApiId": api_id, "httpMethod": "ANY"}
    apigw.put_method(
        resourceId=root,
        authorizationType="NONE",
        requestModels={"application/json": "MySchema"},
        **method,
    )
    path = "/requestModels/application~1json"
    apigw.update_method(
        resourceId=root,
        patchOperations=[{"op": "replace", "path": path, "value": "MySchemaTwo"}],
        **method,
    )
    assert status(apigw.delete_model(restApiId=api_id, modelName="MySchema")) == 202
    conflict = "Cannot delete model 'MySchemaTwo', is referenced in method request: //ANY"
    with expect_error(apigw, "ConflictException", conflict, 409):
        apigw.delete_model(restApiId=api_id, modelName="MySchemaTwo")


def test_method_response_references(apigw: Any, api_id: str) -> None:
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    model(apigw, api_id, "Pets", {"type": "array", "items": {"type": "object"}})
    method = {"restApiId": api_id, "resourceId": pets, "httpMethod": "GET"}
    apigw.put_method(authorizationType="NONE", **method)
    apigw.put_method_response(
        statusCode="200", responseModels={"application/json": "Pets"}, **method
    )
    conflict = "Cannot delete model 'Pets', is referenced in method response: /pets/GET"
    with expect_error(apigw, "ConflictException", conflict, 409):
        apigw.delete_model(restApiId=api_id, modelName="Pets")
    apigw.delete_method(**method)
    assert status(apigw.delete_model(restApiId=api_id, modelName="Pets")) == 202


def test_model_references(apigw: Any, api_id: str) -> None:
    missing = INVALID.format("Invalid model name specified: Pet")
    with expect_error(apigw, "BadRequestException", missing, 400):
        model(apigw, api_id, "Pets", {"type": "array", "items": ref(api_id, "Pet")})
    model(apigw, api_id, "Pet", {"type": "object", "properties": {"id": {"type": "integer"}}})
    pets_schema = {"type": "array", "items": ref(api_id, "Pet")}
    model(apigw, api_id, "Pets", pets_schema)

    conflict = "Cannot delete model 'Pet', is referenced in model: Pets"
    with expect_error(apigw, "ConflictException", conflict, 409):
        apigw.delete_model(restApiId=api_id, modelName="Pet")
    apigw.update_model(
        restApiId=api_id,
        modelName="Pets",
        patchOperations=[{"op": "replace", "path": "/schema", "value": '{"type": "array"}'}],
    )
    assert status(apigw.delete_model(restApiId=api_id, modelName="Pet")) == 202
    # A model that refers to itself is no obstacle to its own deletion.
    tree = {"type": "object", "properties": {"children": {"type": "array"}}}
    model(apigw, api_id, "Tree", tree)
    tree["properties"]["children"]["items"] = ref(api_id, "Tree")
    apigw.update_model(
        restApiId=api_id,
        modelName="Tree",
        patchOperations=[{"op": "replace", "path": "/schema", "value": json.dumps(tree)}],
    )
    assert status(apigw.delete_model(restApiId=api_id, modelName="Tree")) == 202


def test_flatten(apigw: Any, api_id: str) -> None:
    test_schema = {
        "$schema": DRAFT_4,
        "title": "testSchema",
        "type": "object",
        "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
        "required": ["a", "b"],
    }
    model(apigw, api_id, "testSchema", test_schema)
    listed = json.dumps({"type": "array", "items": ref(api_id, "testSchema")})
    model(apigw, api_id, "testSchemaList", listed)

    key = {"restApiId": api_id, "modelName": "testSchemaList"}
    assert apigw.get_model(**key)["schema"] == listed
    assert apigw.get_model(**key, flatten=False)["schema"] == listed
    flat = apigw.get_model(**key, flatten=True)
    assert json.loads(flat["schema"]) == {
        "type": "array",
        "items": {"$ref": "#/definitions/testSchema"},
        "definitions": {"testSchema": test_schema},
    }
    assert body(flat) == {**body(apigw.get_model(**key)), "schema": flat["schema"]}
    # A schema that refers to no other model is as it was written.
    plain = apigw.get_model(restApiId=api_id, modelName="Error", flatten=True)
    assert plain["schema"] == ERROR["schema"]


def test_flatten_follows_references_of_references(apigw: Any, api_id: str) -> None:
    model(apigw, api_id, "Tag", {"type": "string"})
    model(apigw, api_id, "Pet", {"type": "object", "properties": {"tag": ref(api_id, "Tag")}})
    owner = {
        "type": "object",
        "definitions": {"Name": {"type": "string"}},
        "properties": {
            "name": {"$ref": "#/definitions/Name"},
            "pets": {"type": "array", "items": ref(api_id, "Pet")},
            "favourite": {"oneOf": [{"type": "null"}, ref(api_id, "Pet")]},
        },
    }
    model(apigw, api_id, "Owner", owner)
    flat = json.loads(apigw.get_model(restApiId=api_id, modelName="Owner", flatten=True)["schema"])
    assert flat["properties"]["pets"]["items"] == {"$ref": "#/definitions/Pet"}
    assert flat["properties"]["favourite"]["oneOf"][1] == {"$ref": "#/definitions/Pet"}
    assert flat["definitions"] == {
        "Name": {"type": "string"},
        "Pet": {"type": "object", "properties": {"tag": {"$ref": "#/definitions/Tag"}}},
        "Tag": {"type": "string"},
    }


def test_flatten_survives_cycles(apigw: Any, api_id: str) -> None:
    model(apigw, api_id, "Child", {"type": "object"})
    model(
        apigw, api_id, "Parent", {"type": "object", "properties": {"child": ref(api_id, "Child")}}
    )
    child = {"type": "object", "properties": {"parent": ref(api_id, "Parent")}}
    apigw.update_model(
        restApiId=api_id,
        modelName="Child",
        patchOperations=[{"op": "replace", "path": "/schema", "value": json.dumps(child)}],
    )
    flat = json.loads(apigw.get_model(restApiId=api_id, modelName="Parent", flatten=True)["schema"])
    assert sorted(flat["definitions"]) == ["Child", "Parent"]
    template = apigw.get_model_template(restApiId=api_id, modelName="Parent")["value"]
    assert template == PREFIX + '{\n  "child" : {\n    "parent" : { }\n  }\n}'


# -- mapping templates ---------------------------------------------------------------------------


def test_templates_of_the_documented_models(apigw: Any, api_id: str) -> None:
    empty = apigw.get_model_template(restApiId=api_id, modelName="Empty")
    assert status(empty) == 200
    assert body(empty) == {"value": "#set($inputRoot = $input.path('$'))\n{ }"}
    model(apigw, api_id, "output", CALC_OUTPUT)
    output = apigw.get_model_template(restApiId=api_id, modelName="output")
    assert output["value"] == (
        "#set($inputRoot = $input.path('$'))\n"
        '{\n  "a" : 3.1415,\n  "b" : 3.1415,\n  "op" : "foo",\n  "c" : 3.1415\n}'
    )


def test_templates_of_arrays_nested_objects_and_references(apigw: Any, api_id: str) -> None:
    model(apigw, api_id, "Tag", {"type": "string", "enum": ["new", "old"]})
    pet = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "price": {"type": "number"},
            "sold": {"type": "boolean"},
            "owner": {"properties": {"name": {"type": ["null", "string"]}}},
            "tags": {"type": "array", "items": ref(api_id, "Tag")},
            "notes": {"type": "array"},
            "size": {"$ref": "#/definitions/Size"},
        },
        "definitions": {"Size": {"type": "integer"}},
    }
    model(apigw, api_id, "Pet", pet)
    model(apigw, api_id, "Pets", {"type": "array", "items": ref(api_id, "Pet")})
    value = apigw.get_model_template(restApiId=api_id, modelName="Pets")["value"]
    assert value == PREFIX + (
        "[ {\n"
        '  "id" : 42,\n'
        '  "price" : 3.1415,\n'
        '  "sold" : true,\n'
        '  "owner" : {\n'
        '    "name" : "foo"\n'
        "  },\n"
        '  "tags" : [ "new" ],\n'
        '  "notes" : [ ],\n'
        '  "size" : 42\n'
        "} ]"
    )


def test_template_of_an_unknown_model(apigw: Any, api_id: str) -> None:
    with expect_error(apigw, "NotFoundException", "Invalid model name specified: Nope", 404):
        apigw.get_model_template(restApiId=api_id, modelName="Nope")
