"""ImportRestApi and PutRestApi: the scenarios recorded against AWS, every extension, errors
and warnings, and hostile documents."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError
from builders import ACCOUNT, body, status
from openapi_documents import LAMBDA_URI, USER_POOL, every_extension, shop_swagger, text

from support import expect_error

INVALID = "Invalid OpenAPI input."
MODEL_URL = "https://apigateway.amazonaws.com/restapis/{api}/models/{name}"


def imported(apigw: Any, document: dict[str, Any] | str | bytes, **extra: Any) -> dict[str, Any]:
    given = text(document) if isinstance(document, dict) else document
    return dict(apigw.import_rest_api(body=given, **extra))


def resources(apigw: Any, api_id: str) -> dict[str, dict[str, Any]]:
    items = apigw.get_resources(restApiId=api_id, embed=["methods"])["items"]
    return {item["path"]: item for item in items}


def method(apigw: Any, api_id: str, resource_id: str, verb: str) -> dict[str, Any]:
    return body(apigw.get_method(restApiId=api_id, resourceId=resource_id, httpMethod=verb))


def models(apigw: Any, api_id: str) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in apigw.get_models(restApiId=api_id)["items"]}


def minimal(title: str = "tiny", **paths: Any) -> dict[str, Any]:
    return {"openapi": "3.0.1", "info": {"title": title, "version": "1"}, "paths": paths}


def mock_get(**extra: Any) -> dict[str, Any]:
    return {
        "get": {
            "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {
                "type": "mock",
                "responses": {"default": {"statusCode": "200"}},
                **extra,
            },
        }
    }


# -- the API and its parts ---------------------------------------------------------------------


def test_import_swagger_builds_every_part(apigw: Any) -> None:
    created = imported(apigw, shop_swagger(), failOnWarnings=True)
    assert status(created) == 201
    api_id = created["id"]
    assert re.fullmatch(r"[a-z0-9]{10}", api_id)
    shown = body(created)
    assert shown["name"] == "Shop"
    assert shown["description"] == "Things to buy"
    assert shown["version"] == "1.0"
    assert shown["apiKeySource"] == "HEADER"
    assert shown["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert shown["disableExecuteApiEndpoint"] is False
    # Like CreateRestApi, the import shows no tags and no warnings when there are none.
    assert "tags" not in shown
    assert "warnings" not in shown

    found = resources(apigw, api_id)
    assert sorted(found) == ["/", "/items", "/items/{itemId}"]
    root, items, item = found["/"], found["/items"], found["/items/{itemId}"]
    assert root["id"] == created["rootResourceId"]
    assert items["parentId"] == root["id"]
    assert item["parentId"] == items["id"]
    assert item["pathPart"] == "{itemId}"

    authorizers = {a["name"]: a for a in apigw.get_authorizers(restApiId=api_id)["items"]}
    gatekeeper = authorizers["gatekeeper"]
    assert gatekeeper == {
        "id": gatekeeper["id"],
        "name": "gatekeeper",
        "type": "TOKEN",
        "authType": "oauth2",
        "authorizerUri": LAMBDA_URI,
        "identitySource": "method.request.header.Authorization",
        "identityValidationExpression": "^Bearer .+",
        "authorizerResultTtlInSeconds": 60,
    }
    # An authorizer no method uses is created all the same; without a TTL it shows none.
    assert "authorizerResultTtlInSeconds" not in authorizers["spare"]

    listed = models(apigw, api_id)
    # Only the document's models: an imported API has no Empty and Error of its own.
    assert sorted(listed) == ["Item", "Items", "Kind", "NewItem"]
    assert {m["contentType"] for m in listed.values()} == {"application/json"}
    assert json.loads(listed["Items"]["schema"]) == {
        "type": "array",
        "items": {"$ref": MODEL_URL.format(api=api_id, name="Item")},
    }
    assert json.loads(listed["Kind"]["schema"]) == {"type": "string", "enum": ["book", "game"]}

    get_root = method(apigw, api_id, root["id"], "GET")
    assert get_root["authorizationType"] == "CUSTOM"
    assert get_root["authorizerId"] == gatekeeper["id"]
    assert get_root["apiKeyRequired"] is False
    assert get_root["methodResponses"] == {
        "200": {
            "statusCode": "200",
            "responseParameters": {"method.response.header.Content-Type": False},
        }
    }
    assert get_root["methodIntegration"] == {
        "type": "MOCK",
        "requestTemplates": {"application/json": '{"statusCode": 200}'},
        "passthroughBehavior": "WHEN_NO_MATCH",
        "timeoutInMillis": 29000,
        "cacheNamespace": root["id"],
        "cacheKeyParameters": [],
        "integrationResponses": {
            "200": {
                "statusCode": "200",
                "responseParameters": {"method.response.header.Content-Type": "'text/html'"},
                "responseTemplates": {"text/html": "<p>shop</p>"},
            }
        },
    }

    list_items = method(apigw, api_id, items["id"], "GET")
    assert "operationName" not in list_items  # a summary is no operation name
    assert list_items["requestParameters"] == {
        "method.request.querystring.kind": False,
        "method.request.querystring.page": False,
    }
    assert list_items["methodResponses"]["200"] == {
        "statusCode": "200",
        "responseParameters": {"method.response.header.Access-Control-Allow-Origin": False},
        "responseModels": {"application/json": "Items"},
    }
    integration = list_items["methodIntegration"]
    assert integration["type"] == "HTTP"
    assert integration["connectionType"] == "INTERNET"
    assert integration["httpMethod"] == "GET"
    assert integration["uri"] == "https://backend.example.com/items"

    add_item = method(apigw, api_id, items["id"], "POST")
    assert add_item["operationName"] == "AddItem"
    assert add_item["authorizationType"] == "NONE"
    assert "authorizerId" not in add_item
    assert add_item["requestModels"] == {"application/json": "NewItem"}
    assert "requestParameters" not in add_item  # a body parameter is a model
    assert add_item["methodResponses"]["200"]["responseModels"] == {"application/json": "Item"}

    get_item = method(apigw, api_id, item["id"], "GET")
    assert get_item["requestParameters"] == {"method.request.path.itemId": True}
    assert get_item["methodIntegration"]["cacheNamespace"] == item["id"]


def test_yaml_with_whole_number_status_codes(apigw: Any) -> None:
    document = """
openapi: 3.0.1
info:
  title: numbers
  version: 2.0
paths:
  /test:
    get:
      responses:
        200:
          description: ok
          headers:
            Access-Control-Allow-Origin:
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Empty'
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: when_no_match
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: 200
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
components:
  schemas:
    Empty:
      title: Empty Schema
      type: object
"""
    created = imported(apigw, document, failOnWarnings=True)
    assert created["version"] == "2.0"
    test = resources(apigw, created["id"])["/test"]
    got = method(apigw, created["id"], test["id"], "GET")
    assert got["methodResponses"] == {
        "200": {
            "statusCode": "200",
            "responseModels": {"application/json": "Empty"},
            "responseParameters": {"method.response.header.Access-Control-Allow-Origin": False},
        }
    }
    assert got["methodIntegration"]["integrationResponses"] == {
        "200": {
            "statusCode": "200",
            "responseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"},
        }
    }


def test_a_number_is_text_where_text_belongs(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["info"]["version"] = 1
    assert imported(apigw, document)["version"] == "1"


def test_path_variables_are_required_parameters_of_every_method(apigw: Any) -> None:
    document = minimal(
        **{
            "/product/{productId}": {
                **mock_get(),
                "options": mock_get()["get"],
            },
            "/files/{proxy+}": {"x-amazon-apigateway-any-method": mock_get()["get"]},
        }
    )
    api_id = imported(apigw, document)["id"]
    found = resources(apigw, api_id)
    product = found["/product/{productId}"]["id"]
    for verb in ("GET", "OPTIONS"):
        got = method(apigw, api_id, product, verb)
        assert got["requestParameters"] == {"method.request.path.productId": True}
    files = method(apigw, api_id, found["/files/{proxy+}"]["id"], "ANY")
    assert files["httpMethod"] == "ANY"
    assert files["requestParameters"] == {"method.request.path.proxy": True}
    # Resources no path names (/product, /files) are made, without methods.
    assert "resourceMethods" not in found["/product"]


def test_no_responses_no_method_responses(apigw: Any) -> None:
    document = minimal(
        **{
            "/proxy": {
                "get": {
                    "responses": {},
                    "x-amazon-apigateway-integration": {
                        "type": "aws_proxy",
                        "httpMethod": "POST",
                        "uri": LAMBDA_URI,
                    },
                }
            }
        }
    )
    api_id = imported(apigw, document, failOnWarnings=True)["id"]
    got = method(apigw, api_id, resources(apigw, api_id)["/proxy"]["id"], "GET")
    assert "methodResponses" not in got
    assert got["methodIntegration"] == {
        "type": "AWS_PROXY",
        "httpMethod": "POST",
        "uri": LAMBDA_URI,
        "passthroughBehavior": "WHEN_NO_MATCH",
        "timeoutInMillis": 29000,
        "cacheNamespace": resources(apigw, api_id)["/proxy"]["id"],
        "cacheKeyParameters": [],
    }


def test_mock_integration_takes_no_http_method(apigw: Any) -> None:
    api_id = imported(apigw, minimal(**{"/": mock_get(httpMethod="POST")}))["id"]
    root = resources(apigw, api_id)["/"]["id"]
    assert "httpMethod" not in method(apigw, api_id, root, "GET")["methodIntegration"]


def test_every_extension(apigw: Any) -> None:
    created = imported(
        apigw, every_extension(), parameters={"endpointConfigurationTypes": "REGIONAL"}
    )
    api_id = created["id"]
    shown = body(created)
    assert shown["endpointConfiguration"] == {"types": ["REGIONAL"], "ipAddressType": "ipv4"}
    assert shown["apiKeySource"] == "AUTHORIZER"
    assert shown["binaryMediaTypes"] == ["image/png", "application/octet-stream"]
    assert shown["minimumCompressionSize"] == 1024
    assert shown["disableExecuteApiEndpoint"] is True
    arn = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/*"
    assert json.loads(json.loads(f'"{shown["policy"]}"'))["Statement"][0]["Resource"] == arn

    validators = {v["name"]: v for v in apigw.get_request_validators(restApiId=api_id)["items"]}
    assert validators["all"]["validateRequestBody"] is True
    assert validators["params"] == {
        "id": validators["params"]["id"],
        "name": "params",
        "validateRequestBody": False,
        "validateRequestParameters": True,
    }
    teapot = apigw.get_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")
    assert teapot["statusCode"] == "418"
    assert teapot["defaultResponse"] is False
    assert teapot["responseParameters"] == {"gatewayresponse.header.x-teapot": "'yes'"}

    listed = models(apigw, api_id)
    order = listed["Order"]
    assert order["description"] == "An order"
    # AWS writes an OpenAPI 3 schema's keywords in its own order; OpenAPI's "example" is
    # no JSON schema draft 4 keyword and is left out.
    schema = json.loads(order["schema"])
    assert list(schema) == ["required", "type", "properties", "description"]
    assert schema["properties"]["item"] == {"type": "string"}
    assert schema["properties"]["lines"]["items"] == {
        "$ref": MODEL_URL.format(api=api_id, name="Line")
    }

    found = resources(apigw, api_id)
    authorizers = {a["name"]: a for a in apigw.get_authorizers(restApiId=api_id)["items"]}
    place = method(apigw, api_id, found["/orders"]["id"], "POST")
    assert place["operationName"] == "PlaceOrder"
    assert place["apiKeyRequired"] is True
    assert place["authorizationType"] == "CUSTOM"
    assert place["authorizerId"] == authorizers["lambda"]["id"]
    assert place["requestValidatorId"] == validators["all"]["id"]
    assert place["requestModels"] == {"application/json": "Order"}
    assert place["requestParameters"] == {
        "method.request.header.X-Trace": True,
        "method.request.querystring.dry": False,
    }
    assert place["methodResponses"] == {
        "201": {
            "statusCode": "201",
            "responseParameters": {"method.response.header.Location": False},
            "responseModels": {"application/json": "Order"},
        },
        "400": {"statusCode": "400"},
    }
    assert place["methodIntegration"] == {
        "type": "AWS",
        "httpMethod": "POST",
        "uri": "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
        "credentials": "arn:aws:iam::123456789012:role/apigw",
        "requestParameters": {"integration.request.header.Content-Type": "'application/json'"},
        "requestTemplates": {"application/json": "Action=SendMessage"},
        "passthroughBehavior": "NEVER",
        "contentHandling": "CONVERT_TO_TEXT",
        "timeoutInMillis": 5000,
        "cacheNamespace": "orders",
        "cacheKeyParameters": ["method.request.querystring.dry"],
        "integrationResponses": {
            "201": {
                "statusCode": "201",
                "selectionPattern": "2\\d{2}",
                "responseParameters": {"method.response.header.Location": "'/orders/1'"},
                "responseTemplates": {"application/json": '{"placed":true}'},
            },
            "400": {"statusCode": "400", "contentHandling": "CONVERT_TO_TEXT"},
        },
    }
    order_id = found["/orders/{orderId}"]["id"]
    any_method = method(apigw, api_id, order_id, "ANY")
    assert any_method["authorizationType"] == "COGNITO_USER_POOLS"
    assert any_method["authorizerId"] == authorizers["pool"]["id"]
    assert any_method["authorizationScopes"] == ["orders/read"]
    # The document's default validator applies where the operation names none.
    assert any_method["requestValidatorId"] == validators["params"]["id"]
    assert authorizers["pool"]["providerARNs"] == [USER_POOL]
    assert authorizers["pool"]["identitySource"] == "method.request.header.Authorization"
    get_order = method(apigw, api_id, order_id, "GET")
    assert get_order["authorizationType"] == "AWS_IAM"
    assert get_order["methodIntegration"]["connectionType"] == "VPC_LINK"
    assert get_order["methodIntegration"]["connectionId"] == "abc123"
    assert get_order["methodIntegration"]["tlsConfig"] == {"insecureSkipVerification": True}

    parts = apigw.get_documentation_parts(restApiId=api_id)["items"]
    assert [p["location"]["type"] for p in parts] == ["API", "METHOD"]


def test_ignore_documentation(apigw: Any) -> None:
    created = imported(apigw, every_extension(), parameters={"ignore": "documentation"})
    assert apigw.get_documentation_parts(restApiId=created["id"])["items"] == []


def test_put_keeps_documentation_it_ignores(apigw: Any) -> None:
    api_id = imported(apigw, every_extension())["id"]
    overwrite = {
        "restApiId": api_id,
        "mode": "overwrite",
        "body": text(minimal(**{"/": mock_get()})),
    }
    apigw.put_rest_api(**overwrite, parameters={"ignore": "documentation"})
    assert len(apigw.get_documentation_parts(restApiId=api_id)["items"]) == 2
    apigw.put_rest_api(**overwrite)
    assert apigw.get_documentation_parts(restApiId=api_id)["items"] == []


def test_global_security_and_api_key(apigw: Any) -> None:
    document = minimal(**{"/a": mock_get(), "/b": mock_get()})
    document["paths"]["/b"]["get"]["security"] = [{"key": []}]
    document["security"] = [{"pool": ["email"]}]
    document["components"] = {
        "securitySchemes": {
            "key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
            "pool": {
                "type": "apiKey",
                "name": "TokenHeader",
                "in": "header",
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": {
                    "type": "cognito_user_pools",
                    "providerARNs": [USER_POOL],
                },
            },
        }
    }
    api_id = imported(apigw, document, failOnWarnings=True)["id"]
    found = resources(apigw, api_id)
    pool = apigw.get_authorizers(restApiId=api_id)["items"][0]
    assert pool["identitySource"] == "method.request.header.TokenHeader"
    a = method(apigw, api_id, found["/a"]["id"], "GET")
    assert (a["authorizationType"], a["authorizerId"], a["apiKeyRequired"]) == (
        "COGNITO_USER_POOLS",
        pool["id"],
        False,
    )
    assert a["authorizationScopes"] == ["email"]
    # An operation's own security is in place of the document's.
    b = method(apigw, api_id, found["/b"]["id"], "GET")
    assert (b["authorizationType"], b["apiKeyRequired"]) == ("NONE", True)


def test_inline_schemas_become_models(apigw: Any) -> None:
    inline = {"type": "object", "properties": {"n": {"type": "integer"}}}
    document = minimal(**{"/a": mock_get(), "/b": mock_get()})
    for path in ("/a", "/b"):
        document["paths"][path]["get"]["responses"]["200"]["content"] = {
            "application/json": {"schema": inline}
        }
    api_id = imported(apigw, document, failOnWarnings=True)["id"]
    listed = models(apigw, api_id)
    (name,) = listed
    assert re.fullmatch(r"MODEL[0-9a-f]{6}", name)
    assert json.loads(listed[name]["schema"]) == inline
    found = resources(apigw, api_id)
    for path in ("/a", "/b"):
        got = method(apigw, api_id, found[path]["id"], "GET")
        assert got["methodResponses"]["200"]["responseModels"] == {"application/json": name}


def test_models_may_refer_to_each_other_in_a_cycle(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["components"] = {
        "schemas": {
            "Person": {
                "type": "object",
                "properties": {"home": {"$ref": "#/components/schemas/House"}},
            },
            "House": {
                "type": "object",
                "properties": {
                    "people": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}}
                },
            },
        }
    }
    api_id = imported(apigw, document, failOnWarnings=True)["id"]
    with expect_error(
        apigw,
        "ConflictException",
        "Cannot delete model 'House', is referenced in model: Person",
        409,
    ):
        apigw.delete_model(restApiId=api_id, modelName="House")


# -- base paths --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "paths"),
    [
        ("ignore", ["/", "/test"]),
        ("prepend", ["/", "/base", "/base/part", "/base/part/test"]),
        ("split", ["/", "/part", "/part/test"]),
    ],
)
def test_base_path_of_openapi_2(apigw: Any, mode: str, paths: list[str]) -> None:
    document = {
        "swagger": "2.0",
        "info": {"title": "based", "version": "1"},
        "basePath": "/base/part",
        "paths": {"/test": mock_get()},
    }
    api_id = imported(apigw, text(document), parameters={"basepath": mode})["id"]
    found = resources(apigw, api_id)
    assert sorted(found) == paths
    assert list(found[paths[-1]]["resourceMethods"]) == ["GET"]


VARIABLE = {"url": "https://example.com", "variables": {"basePath": {"default": "/v"}}}


@pytest.mark.parametrize(
    ("mode", "server", "last"),
    [
        ("prepend", VARIABLE, "/v/test"),
        ("split", VARIABLE, "/test"),
        ("prepend", {"url": "https://example.com/base-url/part/"}, "/base-url/part/test"),
        ("split", {"url": "https://example.com/base-url/part/"}, "/part/test"),
        ("ignore", {"url": "https://example.com/base-url/part/"}, "/test"),
    ],
)  # fmt: skip
def test_base_path_of_openapi_3(apigw: Any, mode: str, server: dict[str, Any], last: str) -> None:
    document = minimal(**{"/test": mock_get()})
    document["servers"] = [server]
    api_id = imported(apigw, document, parameters={"basepath": mode})["id"]
    assert max(resources(apigw, api_id)) == last


def test_unknown_base_path_mode(apigw: Any) -> None:
    message = "Invalid basepath specified: up. Valid options are ignore,prepend,split"
    with expect_error(apigw, "BadRequestException", message, 400):
        imported(apigw, minimal(**{"/": mock_get()}), parameters={"basepath": "up"})


# -- PutRestApi --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "types"), [("merge", ["image/heif", "image/png"]), ("overwrite", ["image/png"])]
)
def test_put_binary_media_types(apigw: Any, mode: str, types: list[str]) -> None:
    api = apigw.create_rest_api(name="before", binaryMediaTypes=["image/heif"])
    document = minimal("after", **{"/": mock_get()})
    document["x-amazon-apigateway-binary-media-types"] = ["image/png"]
    put = apigw.put_rest_api(restApiId=api["id"], mode=mode, body=text(document))
    assert status(put) == 200
    shown = body(put)
    assert shown["binaryMediaTypes"] == types
    assert shown["name"] == "after"
    assert shown["version"] == "1"
    assert shown["tags"] == {}  # as GetRestApi shows it
    assert shown["id"] == api["id"]
    assert shown["rootResourceId"] == api["rootResourceId"]
    assert shown["createdDate"] == api["createdDate"]
    assert body(apigw.get_rest_api(restApiId=api["id"])) == shown


def test_put_overwrite_replaces_everything_and_keeps_ids_of_paths(apigw: Any) -> None:
    api_id = imported(apigw, shop_swagger())["id"]
    before = resources(apigw, api_id)
    document = minimal("Shop 2", **{"/items": mock_get(), "/other": mock_get()})
    put = apigw.put_rest_api(restApiId=api_id, mode="overwrite", body=text(document))
    assert put["name"] == "Shop 2"
    assert "description" not in put
    after = resources(apigw, api_id)
    assert sorted(after) == ["/", "/items", "/other"]
    assert after["/"]["id"] == before["/"]["id"]
    assert after["/items"]["id"] == before["/items"]["id"]
    assert list(after["/items"]["resourceMethods"]) == ["GET"]
    assert models(apigw, api_id) == {}
    assert apigw.get_authorizers(restApiId=api_id)["items"] == []


def test_put_merge_replaces_methods_it_names_and_keeps_the_rest(apigw: Any) -> None:
    api_id = imported(apigw, shop_swagger())["id"]
    before = resources(apigw, api_id)
    items = before["/items"]["id"]
    document = minimal(**{"/items": mock_get(), "/new": mock_get()})
    apigw.put_rest_api(restApiId=api_id, body=text(document))  # merge unless told
    after = resources(apigw, api_id)
    assert sorted(after) == ["/", "/items", "/items/{itemId}", "/new"]
    assert after["/items"]["id"] == items
    replaced = method(apigw, api_id, items, "GET")
    assert replaced["methodIntegration"]["type"] == "MOCK"
    assert replaced["authorizationType"] == "NONE"
    assert "requestParameters" not in replaced
    assert method(apigw, api_id, items, "POST")["operationName"] == "AddItem"
    assert sorted(models(apigw, api_id)) == ["Item", "Items", "Kind", "NewItem"]
    assert len(apigw.get_authorizers(restApiId=api_id)["items"]) == 2
    # Not named again, the description stays.
    assert apigw.get_rest_api(restApiId=api_id)["description"] == "Things to buy"


def test_put_keeps_stages_and_deployments(apigw: Any) -> None:
    api_id = imported(apigw, shop_swagger())["id"]
    deployment = apigw.create_deployment(restApiId=api_id, stageName="dev")
    apigw.put_rest_api(restApiId=api_id, mode="overwrite", body=text(minimal(**{"/": mock_get()})))
    assert apigw.get_stage(restApiId=api_id, stageName="dev")["deploymentId"] == deployment["id"]


def test_put_unknown_api(apigw: Any) -> None:
    message = f"Invalid API identifier specified {ACCOUNT}:nosuchapi0"
    with expect_error(apigw, "NotFoundException", message, 404):
        apigw.put_rest_api(restApiId="nosuchapi0", body=text(minimal(**{"/": mock_get()})))


# -- warnings and errors -----------------------------------------------------------------------


def _with_bad_parameter() -> dict[str, Any]:
    document = minimal(**{"/test": mock_get()})
    document["servers"] = [{"url": "https://example.com/base/part/"}]
    document["paths"]["/test"]["get"]["x-amazon-apigateway-integration"]["requestParameters"] = {
        "integration.request.header.ok": "'fine'",
        "integration.request.header.nothing": True,
    }
    return document


WARNING = (
    "Invalid format for 'requestParameters'. Expected type string for property"
    " 'integration.request.header.nothing' of resource '/part/test' and method 'GET' but got"
    " 'true'"
)


def test_a_warning_leaves_the_part_out(apigw: Any) -> None:
    api = apigw.create_rest_api(name="warned")
    put = apigw.put_rest_api(
        restApiId=api["id"],
        mode="overwrite",
        parameters={"basepath": "split"},
        body=text(_with_bad_parameter()),
    )
    assert put["warnings"] == [WARNING]
    test = resources(apigw, api["id"])["/part/test"]["id"]
    integration = method(apigw, api["id"], test, "GET")["methodIntegration"]
    assert integration["requestParameters"] == {"integration.request.header.ok": "'fine'"}


def test_fail_on_warnings_creates_nothing(apigw: Any) -> None:
    message = "Warnings found during import:\n\t" + WARNING
    with expect_error(apigw, "BadRequestException", message, 400):
        imported(
            apigw, _with_bad_parameter(), failOnWarnings=True, parameters={"basepath": "split"}
        )
    assert apigw.get_rest_apis()["items"] == []


def test_fail_on_warnings_changes_nothing(apigw: Any) -> None:
    api_id = imported(apigw, shop_swagger())["id"]
    before = apigw.get_resources(restApiId=api_id)["items"]
    with pytest.raises(ClientError):
        apigw.put_rest_api(
            restApiId=api_id,
            mode="overwrite",
            failOnWarnings=True,
            parameters={"basepath": "split"},
            body=text(_with_bad_parameter()),
        )
    assert apigw.get_resources(restApiId=api_id)["items"] == before
    assert apigw.get_rest_api(restApiId=api_id)["name"] == "Shop"


def test_errors_are_listed_and_nothing_is_created(apigw: Any) -> None:
    document = minimal(
        **{
            "/a": {
                "get": {
                    "responses": {},
                    "x-amazon-apigateway-integration": {
                        "type": "http",
                        "httpMethod": "GET",
                        "uri": "not a url",
                    },
                }
            },
            "/b": {
                "get": {
                    "responses": {},
                    "x-amazon-apigateway-integration": {"type": "aws", "httpMethod": "POST"},
                }
            },
        }
    )
    message = (
        "Errors found during import:\n"
        "\tUnable to put integration on 'GET' for resource at path '/a': Invalid HTTP endpoint"
        " specified for URI\n"
        "\tUnable to put integration on 'GET' for resource at path '/b': Invalid ARN specified in"
        " the request"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        imported(apigw, document)
    assert apigw.get_rest_apis()["items"] == []


def test_invalid_model_is_an_error(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["components"] = {"schemas": {"Bad": {"type": "object", "minProperties": -1}}}
    with pytest.raises(ClientError) as info:
        imported(apigw, document)
    message = info.value.response["Error"]["Message"]
    assert message.startswith("Errors found during import:\n\tUnable to create model 'Bad': ")
    assert "Invalid model schema specified" in message


def test_model_names_are_alphanumeric(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["components"] = {"schemas": {"Not-Ok": {"type": "object"}}}
    message = (
        "Errors found during import:\n\tUnable to create model 'Not-Ok': Model name must be"
        " alphanumeric: Not-Ok"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        imported(apigw, document)


def test_bad_authorizer_is_an_error(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["components"] = {
        "securitySchemes": {
            "auth": {
                "type": "apiKey",
                "name": "Authorization",
                "in": "header",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": "nope"},
            }
        }
    }
    with pytest.raises(ClientError) as info:
        imported(apigw, document)
    message = info.value.response["Error"]["Message"]
    assert message.startswith("Errors found during import:\n\tUnable to create authorizer 'auth': ")


def test_bad_path_part_is_an_error(apigw: Any) -> None:
    document = minimal(**{"/a b": mock_get()})
    with pytest.raises(ClientError) as info:
        imported(apigw, document)
    assert "Unable to create resource at path '/a b'" in info.value.response["Error"]["Message"]


@pytest.mark.parametrize(
    "document",
    [
        'test:\n    value:\n        - "value ... \\"escaped\\": $var, \\"dt\\": $(var +"%a")}\\"\n',
        "{'key:value}",
        "",
        "[1, 2]",
        "just text",
        '{"info": {"title": "no version field"}, "paths": {}}',
        '{"openapi": "1.0", "info": {"title": "x"}, "paths": {}}',
        '{"swagger": "3.0", "info": {"title": "x"}, "paths": {}}',
        '{"openapi": "3.0.1", "info": {"title": "x"}, "paths": {}, "n": NaN}',
    ],
)
def test_bad_files(apigw: Any, document: str) -> None:
    with expect_error(apigw, "BadRequestException", INVALID, 400):
        apigw.import_rest_api(body=document)
    # The document is read before the API is looked for.
    with expect_error(apigw, "BadRequestException", INVALID, 400):
        apigw.put_rest_api(restApiId="nosuchapi0", body=document)
    assert apigw.get_rest_apis()["items"] == []


def test_body_as_bytes_with_a_byte_order_mark(apigw: Any) -> None:
    document = "\ufeff" + text(minimal(**{"/": mock_get()}))
    assert imported(apigw, document.encode("utf-8"))["name"] == "tiny"
    with expect_error(apigw, "BadRequestException", INVALID, 400):
        apigw.import_rest_api(body=b"\xff\xfe{not utf-8")


# -- hostile documents -------------------------------------------------------------------------


def _bomb(levels: int = 12) -> str:
    lines = [
        'openapi: "3.0.1"',
        "info: {title: bomb, version: '1'}",
        'a0: &a0 ["x","x","x","x","x","x","x","x","x"]',
    ]
    for level in range(1, levels):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(
        f"paths: {{'/': {{get: {{responses: {{'200': {{description: *a{levels - 1}}}}}}}}}}}"
    )
    return "\n".join(lines)


HOSTILE = {
    "deep json": '{"openapi": "3.0.1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "deep json below the parser's limit": '{"openapi":"3.0.1","x":' + "[" * 900 + "]" * 900 + "}",
    "deep yaml flow": "openapi: 3.0.1\nx: " + "[" * 5_000 + "]" * 5_000,
    "deep yaml block": "openapi: 3.0.1\n" + "".join(" " * i + "a:\n" for i in range(3_000)),
    "yaml alias bomb": _bomb(),
    "yaml alias to itself": "openapi: 3.0.1\ninfo: {title: t}\npaths: &p {'/': *p}\n",
    "too large": '{"openapi": "3.0.1", "info": {"title": "' + "x" * (7 * 1024 * 1024) + '"}}',
    "yaml binary": "openapi: 3.0.1\ninfo: {title: !!binary aGk=, version: '1'}\npaths: {}",
    "yaml set": "openapi: 3.0.1\ninfo: {title: t, version: !!set {a}}\npaths: {}",
    "yaml mapping as a key": "openapi: 3.0.1\n? [a, b]\n: c\n",
    "yaml infinity": "openapi: 3.0.1\nx: .inf\n",
}

WRONG_TYPES = {
    "paths a list": {"paths": [1, 2]},
    "info a string": {"info": "title"},
    "path item a string": {"paths": {"/a": "get"}},
    "operation a list": {"paths": {"/a": {"get": [1]}}},
    "responses a list": {"paths": {"/a": {"get": {"responses": [200]}}}},
    "integration a string": {"paths": {"/a": {"get": {"x-amazon-apigateway-integration": "mock"}}}},
    "integration responses a list": {
        "paths": {
            "/a": {"get": {"x-amazon-apigateway-integration": {"type": "mock", "responses": [1]}}}
        }
    },
    "parameters an object": {"paths": {"/a": {"get": {"parameters": {"a": 1}}}}},
    "parameter without a name": {"paths": {"/a": {"get": {"parameters": [{"in": "query"}]}}}},
    "security a string": {"security": "all", "paths": {"/a": {"get": {}}}},
    "security schemes a list": {"components": {"securitySchemes": [1]}, "paths": {}},
    "schemas a list": {"components": {"schemas": ["a"]}},
    "schema a string": {"components": {"schemas": {"A": "object"}}},
    "authorizer a list": {
        "components": {"securitySchemes": {"a": {"x-amazon-apigateway-authorizer": [1]}}}
    },
    "validators a list": {"x-amazon-apigateway-request-validators": ["a"]},
    "gateway responses a string": {"x-amazon-apigateway-gateway-responses": "x"},
    "gateway response of no type": {"x-amazon-apigateway-gateway-responses": {"NOPE": {}}},
    "binary media types an object": {"x-amazon-apigateway-binary-media-types": {"a": 1}},
    "compression size a string": {"x-amazon-apigateway-minimum-compression-size": "big"},
    "policy a number": {"x-amazon-apigateway-policy": 5},
    "api key source a list": {"x-amazon-apigateway-api-key-source": ["HEADER"]},
    "documentation a list": {"x-amazon-apigateway-documentation": [1]},
    "servers an object": {"servers": {"url": "x"}},
    "timeout a string": {
        "paths": {
            "/a": {
                "get": {"x-amazon-apigateway-integration": {"type": "mock", "timeoutInMillis": "x"}}
            }
        }
    },
    "status code an object": {
        "paths": {
            "/a": {
                "get": {
                    "x-amazon-apigateway-integration": {
                        "type": "mock",
                        "responses": {"default": {"statusCode": {"a": 1}}},
                    }
                }
            }
        }
    },
    "reference to nothing": {
        "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}
    },
    "reference into a list": {
        "paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}]}}}
    },
}


HANG = 10.0
"""Seconds past which an import counts as hung: a blow-up (an alias bomb expanded, a cycle
followed) takes far longer; the import's speed is a benchmark's matter
(benchmarks/openapi_import.py), not a test's."""


def _answers_without_hanging(apigw: Any, document: str | bytes) -> None:
    started = time.perf_counter()
    answer: Any = None
    try:
        apigw.import_rest_api(body=document)
    except ClientError as error:
        answer = error.response
    assert time.perf_counter() - started < HANG
    if answer is not None:
        assert answer["Error"]["Code"] == "BadRequestException"
        assert answer["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_documents_are_refused_without_hanging(apigw: Any, name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ClientError) as info:
        apigw.import_rest_api(body=HOSTILE[name])
    assert time.perf_counter() - started < HANG
    response = info.value.response
    assert response["Error"]["Code"] == "BadRequestException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert apigw.get_rest_apis()["items"] == []


@pytest.mark.parametrize("name", sorted(WRONG_TYPES))
def test_wrong_types_give_aws_answers(apigw: Any, name: str) -> None:
    document = {"openapi": "3.0.1", "info": {"title": "typed", "version": "1"}, "paths": {}}
    document.update(WRONG_TYPES[name])
    _answers_without_hanging(apigw, json.dumps(document))
    _answers_without_hanging(apigw, json.dumps({**document, "openapi": None, "swagger": "2.0"}))


def test_wrong_types_are_warnings(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    document["x-amazon-apigateway-binary-media-types"] = {"a": 1}
    created = imported(apigw, document)
    assert created["warnings"] == [
        "Parse issue: attribute x-amazon-apigateway-binary-media-types is not of type `array`"
    ]


def test_missing_title_is_an_error(apigw: Any) -> None:
    document = minimal(**{"/": mock_get()})
    del document["info"]["title"]
    message = "Errors found during import:\n\tParse issue: attribute info.title is missing"
    with expect_error(apigw, "BadRequestException", message, 400):
        imported(apigw, document)


def test_many_paths_import(apigw: Any) -> None:
    paths = {f"/r{n}/{{id}}": mock_get() for n in range(200)}
    api_id = imported(apigw, text(minimal("big", **paths)))["id"]
    assert len(apigw.get_resources(restApiId=api_id, limit=500)["items"]) == 401
