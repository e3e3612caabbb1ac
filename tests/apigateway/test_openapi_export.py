"""GetExport: the exports recorded against AWS, formats and extensions, errors, and the round
trip (an export, imported again, gives the same API)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import yaml
from botocore.response import StreamingBody
from builders import REGION, body
from openapi_documents import every_extension, shop_swagger, text

from support import expect_error


def deployed(apigw: Any, document: dict[str, Any], stage: str = "local") -> str:
    api_id = str(apigw.import_rest_api(body=text(document), failOnWarnings=True)["id"])
    apigw.create_deployment(restApiId=api_id, stageName=stage)
    return api_id


def exported(apigw: Any, api_id: str, kind: str, stage: str = "local", **extra: Any) -> Any:
    response = apigw.get_export(restApiId=api_id, stageName=stage, exportType=kind, **extra)
    assert isinstance(response["body"], StreamingBody)
    data = response["body"].read()
    if extra.get("accepts") == "application/yaml":
        return response, yaml.safe_load(data)
    return response, json.loads(data)


def pets() -> dict[str, Any]:
    """A Swagger 2.0 API with two HTTP methods and binary media types, no models."""
    integration = {
        "type": "http",
        "httpMethod": "GET",
        "uri": "http://backend.example.com/pets",
        "responses": {"default": {"statusCode": "200"}},
        "passthroughBehavior": "when_no_match",
    }
    return {
        "swagger": "2.0",
        "info": {"title": "Pets", "version": "1.0.0"},
        "x-amazon-apigateway-binary-media-types": ["image/png", "image/jpg"],
        "paths": {
            "/pets": {
                "get": {
                    "responses": {"200": {"description": "listed"}},
                    "x-amazon-apigateway-integration": integration,
                }
            },
            "/pets/{petId}": {
                "get": {
                    "parameters": [
                        {"name": "petId", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {"200": {"description": "one"}},
                    "x-amazon-apigateway-integration": {
                        **integration,
                        "uri": "http://backend.example.com/pets/{id}",
                        "requestParameters": {
                            "integration.request.path.id": "method.request.path.petId"
                        },
                    },
                }
            },
        },
    }


def test_swagger_export(apigw: Any) -> None:
    api_id = deployed(apigw, pets())
    response, document = exported(apigw, api_id, "swagger")
    assert response["contentType"] == "application/octet-stream"
    assert response["contentDisposition"] == 'attachment; filename="swagger_1.0.0.json"'
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/octet-stream"
    petid = {"name": "petId", "in": "path", "required": True, "type": "string"}
    assert document == {
        "swagger": "2.0",
        "info": {"version": "1.0.0", "title": "Pets"},
        "host": f"{api_id}.execute-api.{REGION}.amazonaws.com",
        "basePath": "/local",
        "schemes": ["https"],
        "paths": {
            "/pets": {"get": {"responses": {"200": {"description": "200 response"}}}},
            "/pets/{petId}": {
                "get": {
                    "parameters": [petid],
                    "responses": {"200": {"description": "200 response"}},
                }
            },
        },
    }
    # With AWS's extensions: the integrations and the API's binary media types.
    _, extended = exported(apigw, api_id, "swagger", parameters={"extensions": "apigateway"})
    assert extended["paths"]["/pets/{petId}"]["get"]["x-amazon-apigateway-integration"] == {
        "type": "http",
        "httpMethod": "GET",
        "uri": "http://backend.example.com/pets/{id}",
        "responses": {"default": {"statusCode": "200"}},
        "requestParameters": {"integration.request.path.id": "method.request.path.petId"},
        "passthroughBehavior": "when_no_match",
    }
    assert extended["x-amazon-apigateway-binary-media-types"] == ["image/png", "image/jpg"]


def test_oas30_export(apigw: Any) -> None:
    api_id = deployed(apigw, pets())
    response, document = exported(apigw, api_id, "oas30")
    assert response["contentDisposition"] == 'attachment; filename="oas30_1.0.0.json"'
    assert document == {
        "openapi": "3.0.1",
        "info": {"title": "Pets", "version": "1.0.0"},
        "servers": [
            {
                "url": f"https://{api_id}.execute-api.{REGION}.amazonaws.com/{{basePath}}",
                "variables": {"basePath": {"default": "local"}},
            }
        ],
        "paths": {
            "/pets": {
                "get": {"responses": {"200": {"description": "200 response", "content": {}}}}
            },
            "/pets/{petId}": {
                "get": {
                    "parameters": [
                        {
                            "name": "petId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": "200 response", "content": {}}},
                }
            },
        },
        "components": {},
    }


def test_swagger_export_of_models_parameters_and_security(apigw: Any) -> None:
    api_id = deployed(apigw, shop_swagger())
    _, document = exported(apigw, api_id, "swagger")
    paths = document["paths"]
    # AWS's order: the paths as created, the root first.
    assert list(paths) == ["/", "/items", "/items/{itemId}"]
    assert paths["/"]["get"] == {
        "consumes": ["application/json"],
        "produces": ["text/html"],
        "responses": {
            "200": {"description": "200 response", "headers": {"Content-Type": {"type": "string"}}}
        },
        "security": [{"gatekeeper": []}],
    }
    assert list(paths["/items"]) == ["get", "post"]
    assert paths["/items"]["get"]["parameters"] == [
        {"name": "kind", "in": "query", "required": False, "type": "string"},
        {"name": "page", "in": "query", "required": False, "type": "string"},
    ]
    assert paths["/items"]["get"]["responses"]["200"] == {
        "description": "200 response",
        "schema": {"$ref": "#/definitions/Items"},
        "headers": {"Access-Control-Allow-Origin": {"type": "string"}},
    }
    assert paths["/items"]["post"]["operationId"] == "AddItem"
    assert paths["/items"]["post"]["parameters"] == [
        {
            "in": "body",
            "name": "NewItem",
            "required": True,
            "schema": {"$ref": "#/definitions/NewItem"},
        }
    ]
    assert document["definitions"]["Items"] == {
        "type": "array",
        "items": {"$ref": "#/definitions/Item"},
    }
    assert list(document["definitions"]) == ["Items", "Item", "NewItem", "Kind"]
    # Without the authorizers extension, an authorizer is a plain API key scheme.
    assert document["securityDefinitions"]["gatekeeper"] == {
        "type": "apiKey",
        "name": "Authorization",
        "in": "header",
        "x-amazon-apigateway-authtype": "oauth2",
    }
    _, with_authorizers = exported(
        apigw, api_id, "swagger", parameters={"extensions": "authorizers"}
    )
    extension = with_authorizers["securityDefinitions"]["gatekeeper"][
        "x-amazon-apigateway-authorizer"
    ]
    assert extension["type"] == "token"
    assert extension["authorizerResultTtlInSeconds"] == 60
    assert "x-amazon-apigateway-integration" not in with_authorizers["paths"]["/"]["get"]


def test_oas30_puts_the_root_last(apigw: Any) -> None:
    api_id = deployed(apigw, shop_swagger())
    _, document = exported(apigw, api_id, "oas30")
    assert list(document["paths"]) == ["/items", "/items/{itemId}", "/"]
    post = document["paths"]["/items"]["post"]
    assert post["requestBody"] == {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewItem"}}},
        "required": True,
    }
    assert document["paths"]["/items"]["get"]["parameters"][0] == {
        "name": "kind",
        "in": "query",
        "schema": {"type": "string"},
    }
    assert sorted(document["components"]) == ["schemas", "securitySchemes"]


def test_json_is_laid_out_as_aws_writes_it(apigw: Any) -> None:
    api_id = deployed(apigw, pets())
    response = apigw.get_export(restApiId=api_id, stageName="local", exportType="swagger")
    written = response["body"].read().decode()
    assert written.startswith('{\n  "swagger" : "2.0",\n  "info" : {\n    "version" : "1.0.0",')
    assert '  "schemes" : [ "https" ],\n' in written
    assert '"parameters" : [ {\n          "name" : "petId",' in written


def test_yaml_export(apigw: Any) -> None:
    api_id = deployed(apigw, pets())
    response, document = exported(apigw, api_id, "oas30", accepts="application/yaml")
    assert response["contentDisposition"] == 'attachment; filename="oas30_1.0.0.yaml"'
    _, as_json = exported(apigw, api_id, "oas30")
    assert document == as_json


def test_version_of_an_api_without_one_is_its_creation_time(apigw: Any) -> None:
    document = pets()
    del document["info"]["version"]
    api_id = deployed(apigw, document)
    created = apigw.get_rest_api(restApiId=api_id)["createdDate"]
    stamp = created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    response, exported_document = exported(apigw, api_id, "swagger")
    assert exported_document["info"]["version"] == stamp
    assert response["contentDisposition"] == f'attachment; filename="swagger_{stamp}.json"'


def test_errors(apigw: Any) -> None:
    api_id = str(apigw.import_rest_api(body=text(pets()))["id"])
    with expect_error(apigw, "NotFoundException", "Invalid stage identifier specified", 404):
        apigw.get_export(restApiId=api_id, stageName="local", exportType="oas30")
    apigw.create_deployment(restApiId=api_id, stageName="local")
    message = "Invalid export type specified: raml. Valid options are oas30,swagger"
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.get_export(restApiId=api_id, stageName="local", exportType="raml")
    message = (
        "Invalid accepts specified: text/xml. Valid options are application/json,application/yaml"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.get_export(
            restApiId=api_id, stageName="local", exportType="oas30", accepts="text/xml"
        )
    message = "Invalid API identifier specified 123456789012:nosuchapi0"
    with expect_error(apigw, "NotFoundException", message, 404):
        apigw.get_export(restApiId="nosuchapi0", stageName="local", exportType="oas30")


def test_documentation_of_the_stage_comes_along(apigw: Any) -> None:
    api_id = deployed(apigw, every_extension(), stage="v1")
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="1.0", stageName="v1")
    _, document = exported(apigw, api_id, "oas30", stage="v1")
    documentation = document["x-amazon-apigateway-documentation"]
    assert documentation["version"] == "1.0"
    assert [p["location"]["type"] for p in documentation["documentationParts"]] == ["API", "METHOD"]


# -- round trips -------------------------------------------------------------------------------


def _without_ids(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with every id replaced by a stable name, so two APIs compare."""
    if isinstance(value, dict):
        return {k: _without_ids(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_ids(v, ids) for v in value]
    if isinstance(value, str):
        for found, name in ids.items():
            value = value.replace(found, name)
    return value


def snapshot(apigw: Any, api_id: str, exported_from: str = "") -> dict[str, Any]:
    """What an API is, ids aside (``exported_from``: the API an import's document came from,
    whose ARNs its policy keeps). A model's description that is not its schema's is left
    aside: an export has no place for it."""
    api = body(apigw.get_rest_api(restApiId=api_id))
    ids = {api_id: "<api>", **({exported_from: "<api>"} if exported_from else {})}
    resources = apigw.get_resources(restApiId=api_id, embed=["methods"], limit=500)["items"]
    for resource in resources:
        ids[resource["id"]] = "<resource " + resource["path"] + ">"
    authorizers = apigw.get_authorizers(restApiId=api_id)["items"]
    validators = apigw.get_request_validators(restApiId=api_id)["items"]
    models = apigw.get_models(restApiId=api_id)["items"]
    for item in authorizers + validators + models:
        ids[item["id"]] = "<" + item["name"] + ">"
    for item in models:
        item["schema"] = json.loads(item["schema"])
        if "description" not in item["schema"]:
            item.pop("description", None)
    for drop in ("id", "createdDate", "rootResourceId", "name", "endpointConfiguration"):
        api.pop(drop, None)
    responses = [
        r
        for r in apigw.get_gateway_responses(restApiId=api_id)["items"]
        if not r["defaultResponse"]
    ]
    return _without_ids(
        {
            "api": api,
            "resources": sorted(resources, key=lambda r: r["path"]),
            "authorizers": sorted(authorizers, key=lambda a: a["name"]),
            "validators": sorted(validators, key=lambda v: v["name"]),
            "models": sorted(models, key=lambda m: m["name"]),
            "gateway responses": responses,
        },
        ids,
    )


@pytest.mark.parametrize("kind", ["oas30", "swagger"])
@pytest.mark.parametrize("accepts", ["application/json", "application/yaml"])
def test_round_trip_of_every_extension(apigw: Any, kind: str, accepts: str) -> None:
    api_id = deployed(apigw, every_extension(), stage="v1")
    response = apigw.get_export(
        restApiId=api_id,
        stageName="v1",
        exportType=kind,
        accepts=accepts,
        parameters={"extensions": "apigateway"},
    )
    again = apigw.import_rest_api(body=response["body"].read(), failOnWarnings=True)
    assert "warnings" not in again
    assert snapshot(apigw, again["id"], api_id) == snapshot(apigw, api_id)


def test_round_trip_of_the_shop(apigw: Any) -> None:
    api_id = deployed(apigw, shop_swagger())
    response = apigw.get_export(
        restApiId=api_id,
        stageName="local",
        exportType="oas30",
        parameters={"extensions": "apigateway"},
    )
    again = apigw.import_rest_api(body=response["body"].read(), failOnWarnings=True)
    assert snapshot(apigw, again["id"], api_id) == snapshot(apigw, api_id)


def test_round_trip_of_the_examples_api(apigw: Any) -> None:
    """The REST API the examples' tests build, with its default models."""
    api = apigw.create_rest_api(name="orders")
    root = api["rootResourceId"]
    apigw.put_method(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        authorizationType="NONE",
        apiKeyRequired=True,
    )
    apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    response = apigw.get_export(
        restApiId=api["id"],
        stageName="dev",
        exportType="swagger",
        parameters={"extensions": "apigateway"},
    )
    document = json.loads(response["body"].read())
    assert document["paths"]["/"]["get"]["security"] == [{"api_key": []}]
    assert document["securityDefinitions"] == {
        "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}
    }
    again = apigw.import_rest_api(body=json.dumps(document), failOnWarnings=True)
    # An API without a version is exported with one: its creation time.
    assert again["version"] == document["info"]["version"]
    original = snapshot(apigw, api["id"])
    original["api"]["version"] = document["info"]["version"]
    assert snapshot(apigw, again["id"], api["id"]) == original
