"""Methods: PutMethod, GetMethod, UpdateMethod, DeleteMethod, as recorded against AWS."""

from __future__ import annotations

import json
from typing import Any

import pytest
from builders import body, status

from support import client, expect_error

NOT_FOUND = "Invalid Method identifier specified"
NO_RESOURCE = "Invalid Resource identifier specified"
BAD_AUTHORIZER = (
    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
    "COGNITO_USER_POOLS requires a valid authorizer."
)
LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations"
)
BASE = {"httpMethod": "ANY", "authorizationType": "NONE", "apiKeyRequired": False}


@pytest.fixture
def api(apigw: Any) -> dict[str, str]:
    created = apigw.create_rest_api(name="methods")
    return {"restApiId": created["id"], "resourceId": created["rootResourceId"]}


def put(apigw: Any, api: dict[str, str], method: str = "ANY", **extra: Any) -> dict[str, Any]:
    extra.setdefault("authorizationType", "NONE")
    return dict(apigw.put_method(**api, httpMethod=method, **extra))


def update(apigw: Any, api: dict[str, str], *ops: dict[str, str], method: str = "ANY") -> Any:
    return apigw.update_method(**api, httpMethod=method, patchOperations=list(ops))


def op(kind: str, path: str, value: str | None = None) -> dict[str, str]:
    return (
        {"op": kind, "path": path} if value is None else {"op": kind, "path": path, "value": value}
    )


def test_lifecycle(apigw: Any, api: dict[str, str]) -> None:
    put_response = put(apigw, api)
    assert status(put_response) == 201
    assert body(put_response) == BASE
    got = apigw.get_method(**api, httpMethod="ANY")
    assert status(got) == 200
    assert body(got) == BASE
    assert status(apigw.delete_method(**api, httpMethod="ANY")) == 204
    for call in (apigw.get_method, apigw.delete_method):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            call(**api, httpMethod="ANY")


def test_request_parameters(apigw: Any, api: dict[str, str]) -> None:
    parameters = {
        "method.request.querystring.q_optional": False,
        "method.request.querystring.q_required": True,
        "method.request.header.h_optional": False,
        "method.request.header.h_required": True,
    }
    assert put(apigw, api, requestParameters=parameters)["requestParameters"] == parameters
    assert apigw.get_method(**api, httpMethod="ANY")["requestParameters"] == parameters
    same_name = {
        "method.request.querystring.optional": False,
        "method.request.header.optional": False,
    }
    with expect_error(
        apigw,
        "BadRequestException",
        "Parameter names must be unique across querystring, header and path",
        400,
    ):
        put(apigw, api, "GET", requestParameters=same_name)


def test_lowercase_authorization_type_is_spelt_as_aws_spells_it(
    apigw: Any, api: dict[str, str]
) -> None:
    assert put(apigw, api, authorizationType="none")["authorizationType"] == "NONE"
    updated = update(apigw, api, op("replace", "/authorizationType", "aws_iam"))
    assert updated["authorizationType"] == "AWS_IAM"


def test_empty_maps_given_are_kept_empty(apigw: Any, api: dict[str, str]) -> None:
    put_response = put(apigw, api, requestParameters={}, requestModels={}, authorizationScopes=[])
    expected = {**BASE, "requestParameters": {}, "requestModels": {}, "authorizationScopes": []}
    assert body(put_response) == expected
    assert body(apigw.get_method(**api, httpMethod="ANY")) == expected


def test_a_boolean_key_is_the_text_json_makes_of_it(apigw: Any, api: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    declared = loose.put_method(
        **api,
        httpMethod="GET",
        authorizationType="NONE",
        requestParameters={"method.request.path.testPath": True},
    )
    assert body(declared)["requestParameters"] == {"method.request.path.testPath": True}
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid mapping expression specified: Validation Result: warnings : [], "
        "errors : [Invalid mapping expression specified: true]",
        400,
    ):
        loose.put_method(
            **api,
            httpMethod="POST",
            authorizationType="NONE",
            requestParameters={"method.request.path.testPath": True, True: True},
        )


@pytest.mark.parametrize(
    "name",
    ["method.request.body", "method.request.cookie.c", "integration.request.header.h", "x"],
)
def test_request_parameters_are_method_request_locations(
    apigw: Any, api: dict[str, str], name: str
) -> None:
    message = (
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
        f"[Invalid mapping expression specified: {name}]"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        put(apigw, api, requestParameters={name: True})
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_method(**api, httpMethod="ANY")


def test_put_checks_the_resource_then_the_verb_then_references(
    apigw: Any, api: dict[str, str]
) -> None:
    for where in ({**api, "restApiId": "fake-api"}, {**api, "resourceId": "fake-resource-id"}):
        with expect_error(apigw, "NotFoundException", NO_RESOURCE, 404):
            put(apigw, where, "WRONG")
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,"
        "HEAD,ANY",
        400,
    ):
        put(apigw, api, "WRONG")
    with expect_error(apigw, "BadRequestException", BAD_AUTHORIZER, 400):
        put(apigw, api, authorizationType="CUSTOM")
    with expect_error(
        apigw, "BadRequestException", "Invalid Request Validator identifier specified", 400
    ):
        put(apigw, api, requestValidatorId="fake-validator")
    with expect_error(
        apigw, "BadRequestException", "Invalid model identifier specified: petModel", 400
    ):
        put(apigw, api, requestModels={"application/json": "petModel"})


def test_an_authorizer_is_kept_only_by_the_types_that_use_one(
    apigw: Any, api: dict[str, str]
) -> None:
    authorizer = token_authorizer(apigw, api)
    assert "authorizerId" not in put(apigw, api, authorizerId=authorizer)
    custom = put(apigw, api, "GET", authorizationType="CUSTOM", authorizerId=authorizer)
    assert custom["authorizerId"] == authorizer
    # Back to NONE, the method has no authorizer.
    updated = update(apigw, api, op("replace", "/authorizationType", "NONE"), method="GET")
    assert "authorizerId" not in updated


def token_authorizer(apigw: Any, api: dict[str, str]) -> str:
    return str(
        apigw.create_authorizer(
            restApiId=api["restApiId"],
            name="authorizer-test",
            type="TOKEN",
            authorizerUri=LAMBDA_URI,
            identitySource="method.request.header.Authorization",
        )["id"]
    )


def test_models_in_use_and_the_methods_that_use_them(apigw: Any, api: dict[str, str]) -> None:
    api_id, root = api["restApiId"], api["resourceId"]
    for name in ("MySchema", "MySchemaTwo"):
        apigw.create_model(
            name=name,
            restApiId=api_id,
            contentType="application/json",
            description="",
            schema=json.dumps({"title": name, "type": "object"}),
        )
    put_response = put(apigw, api, requestModels={"application/json": "MySchema"})
    assert body(put_response) == {**BASE, "requestModels": {"application/json": "MySchema"}}

    def in_use(name: str, path: str) -> Any:
        message = f"Cannot delete model '{name}', is referenced in method request: {path}"
        return expect_error(apigw, "ConflictException", message, 409)

    with in_use("MySchema", "//ANY"):
        apigw.delete_model(restApiId=api_id, modelName="MySchema")
    replaced = update(apigw, api, op("replace", "/requestModels/application~1json", "MySchemaTwo"))
    assert status(replaced) == 200
    assert body(replaced) == {**BASE, "requestModels": {"application/json": "MySchemaTwo"}}
    assert status(apigw.delete_model(restApiId=api_id, modelName="MySchema")) == 202
    with in_use("MySchemaTwo", "//ANY"):
        apigw.delete_model(restApiId=api_id, modelName="MySchemaTwo")

    test = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
    below = {**api, "resourceId": test}
    put(apigw, below, requestModels={"application/json": "MySchemaTwo"})
    with in_use("MySchemaTwo", "/test/ANY"):
        apigw.delete_model(restApiId=api_id, modelName="MySchemaTwo")
    removed = update(apigw, below, op("remove", "/requestModels/application~1json", "MySchemaTwo"))
    assert body(removed) == BASE
    with in_use("MySchemaTwo", "//ANY"):
        apigw.delete_model(restApiId=api_id, modelName="MySchemaTwo")
    assert status(apigw.delete_method(**api, httpMethod="ANY")) == 204
    assert status(apigw.delete_model(restApiId=api_id, modelName="MySchemaTwo")) == 202


def test_update(apigw: Any, api: dict[str, str]) -> None:
    put(apigw, api)
    added = update(
        apigw,
        api,
        op("add", "/requestParameters/method.request.querystring.optional", "true"),
        op("add", "/requestModels/application~1json", "Empty"),
    )
    with_maps = {
        **BASE,
        "requestModels": {"application/json": "Empty"},
        "requestParameters": {"method.request.querystring.optional": True},
    }
    assert status(added) == 200
    assert body(added) == with_maps

    replaced = update(
        apigw,
        api,
        op("replace", "/operationName", "ReplacedOperationName"),
        op("replace", "/apiKeyRequired", "true"),
        op("replace", "/authorizationType", "AWS_IAM"),
        op("replace", "/requestParameters/method.request.querystring.optional", "false"),
    )
    renamed = {
        **with_maps,
        "apiKeyRequired": True,
        "authorizationType": "AWS_IAM",
        "operationName": "ReplacedOperationName",
        "requestParameters": {"method.request.querystring.optional": False},
    }
    assert body(replaced) == renamed

    authorizer = token_authorizer(apigw, api)
    custom = update(
        apigw,
        api,
        op("replace", "/authorizerId", authorizer),
        op("replace", "/authorizationType", "CUSTOM"),
    )
    with_authorizer = {**renamed, "authorizationType": "CUSTOM", "authorizerId": authorizer}
    assert body(custom) == with_authorizer

    removed = update(
        apigw,
        api,
        op("remove", "/requestParameters/method.request.querystring.optional", "true"),
        op("remove", "/requestModels/application~1json", "Empty"),
    )
    without_maps = {
        k: v for k, v in with_authorizer.items() if k not in ("requestModels", "requestParameters")
    }
    assert body(removed) == without_maps
    assert body(apigw.get_method(**api, httpMethod="ANY")) == without_maps


def test_update_finds_the_resource_then_the_method(apigw: Any, api: dict[str, str]) -> None:
    for where in ({**api, "restApiId": "fake-api"}, {**api, "resourceId": "fake-resource-id"}):
        with expect_error(apigw, "NotFoundException", NO_RESOURCE, 404):
            update(apigw, where)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        update(apigw, api, op("replace", "/operationName", "methodDoesNotExist"), method="GET")


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            op("add", "/operationName", "operationName"),
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
        (
            op("add", "/requestValidatorId", "wrong-id"),
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
        (
            op("replace", "/authorizationScopes", "scope"),
            "Invalid patch operation specified. Must be one of: [add, remove]",
        ),
        (
            op("copy", "/requestParameters/method.request.header.h"),
            "Invalid patch operation specified. Must be one of: [add, remove, replace]",
        ),
        (op("add", "/httpMethod", "PUT"), "Invalid patch path /httpMethod"),
        (
            op("replace", "/requestParameters", "method.request.querystring.optional=false"),
            "Invalid patch path /requestParameters",
        ),
        (
            op("add", "/requestModels/application/json", "Empty"),
            "Invalid patch path /requestModels/application/json",
        ),
        (op("replace", "/authorizationType", "CUSTOM"), BAD_AUTHORIZER),
        (
            op("replace", "/requestValidatorId", "fake-id"),
            "Invalid Request Validator identifier specified",
        ),
        (
            op("add", "/requestModels/application~1json", "petModel"),
            "Invalid model identifier specified: petModel",
        ),
        (
            op("add", "/requestParameters/method.request.querystring.name", "true"),
            "Parameter names must be unique across querystring, header and path",
        ),
        (
            op("add", "/requestParameters/method.request.cookie.c", "true"),
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
            "[Invalid mapping expression specified: method.request.cookie.c]",
        ),
    ],
)
def test_refused_updates_change_nothing(
    apigw: Any, api: dict[str, str], operation: dict[str, str], message: str
) -> None:
    created = put(
        apigw, api, apiKeyRequired=True, requestParameters={"method.request.path.name": True}
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        update(apigw, api, op("replace", "/operationName", "changed"), operation)
    assert body(apigw.get_method(**api, httpMethod="ANY")) == body(created)


def test_values_as_aws_reads_them(apigw: Any, api: dict[str, str]) -> None:
    put(apigw, api, apiKeyRequired=True)
    # A flag is true only for "true"; AWS takes anything else as false.
    assert body(update(apigw, api, op("replace", "/apiKeyRequired", "whatever"))) == BASE
    assert update(apigw, api, op("replace", "/apiKeyRequired", "TRUE"))["apiKeyRequired"] is True
    # An authorizer id on a method without an authorizer type is ignored.
    assert (
        body(
            update(
                apigw,
                api,
                op("replace", "/apiKeyRequired", "false"),
                op("replace", "/authorizerId", "abc123"),
            )
        )
        == BASE
    )
    with expect_error(apigw, "BadRequestException", BAD_AUTHORIZER, 400):
        update(
            apigw,
            api,
            op("replace", "/authorizationType", "CUSTOM"),
            op("replace", "/authorizerId", "abc123"),
        )


def test_validator_and_operation_name_are_replaced_and_cleared(
    apigw: Any, api: dict[str, str]
) -> None:
    validator = apigw.create_request_validator(restApiId=api["restApiId"], name="v")["id"]
    put(apigw, api, operationName="Op")
    set_both = update(
        apigw,
        api,
        op("replace", "/requestValidatorId", validator),
        op("replace", "/operationName", "Other"),
    )
    assert body(set_both) == {**BASE, "requestValidatorId": validator, "operationName": "Other"}
    cleared = update(
        apigw, api, op("replace", "/requestValidatorId", ""), op("replace", "/operationName")
    )
    assert body(cleared) == BASE


def test_authorization_scopes_are_added_and_removed_one_at_a_time(
    apigw: Any, api: dict[str, str]
) -> None:
    put(apigw, api, authorizationScopes=["read"])
    added = update(
        apigw,
        api,
        op("add", "/authorizationScopes", "write"),
        op("add", "/authorizationScopes", "read"),
    )
    assert added["authorizationScopes"] == ["read", "write"]
    removed = update(
        apigw,
        api,
        op("remove", "/authorizationScopes", "read"),
        op("remove", "/authorizationScopes", "write"),
    )
    assert "authorizationScopes" not in removed


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (op("replace", "/requestParameters/method.request.header.h", "true"),
         "Invalid parameter name specified"),
        (op("remove", "/requestParameters/method.request.header.h"),
         "Invalid parameter name specified"),
        (op("replace", "/requestModels/text~1plain", "Empty"),
         "Content-Type specified was not found"),
        (op("remove", "/requestModels/text~1plain"), "Content-Type specified was not found"),
    ],
)  # fmt: skip
def test_an_entry_must_be_there_to_be_replaced_or_removed(
    apigw: Any, api: dict[str, str], operation: dict[str, str], message: str
) -> None:
    created = put(apigw, api)
    with expect_error(apigw, "NotFoundException", message, 404):
        update(apigw, api, operation)
    assert body(apigw.get_method(**api, httpMethod="ANY")) == body(created)


def test_update_keeps_the_integration_and_responses(apigw: Any, api: dict[str, str]) -> None:
    put(apigw, api)
    apigw.put_integration(**api, httpMethod="ANY", type="MOCK")
    apigw.put_method_response(**api, httpMethod="ANY", statusCode="200")
    updated = update(apigw, api, op("replace", "/operationName", "Op"))
    assert updated["methodIntegration"]["type"] == "MOCK"
    assert updated["methodResponses"] == {"200": {"statusCode": "200"}}


def test_get_resource_embeds_methods_with_their_responses(apigw: Any, api: dict[str, str]) -> None:
    put(apigw, api, "GET")
    apigw.put_method_response(**api, httpMethod="GET", statusCode="200")
    apigw.put_integration(**api, httpMethod="GET", type="MOCK")
    apigw.put_integration_response(**api, httpMethod="GET", statusCode="200", selectionPattern="")
    method = apigw.get_method(**api, httpMethod="GET")
    embedded = apigw.get_resource(**api, embed=["methods"])["resourceMethods"]["GET"]
    assert embedded == body(method)
    assert embedded["methodResponses"] == {"200": {"statusCode": "200"}}
    assert embedded["methodIntegration"]["integrationResponses"] == {
        "200": {"statusCode": "200", "selectionPattern": ""}
    }
