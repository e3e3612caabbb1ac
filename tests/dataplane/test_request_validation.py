"""Request validators on real traffic: required parameters and bodies against models."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dataplane_support import Send, assert_answered, assert_ok, assert_refused

import mockway

PET = json.dumps(
    {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
    }
)

JSON = {"Content-Type": "application/json"}


def validated(
    handle: mockway.Handle, apigw: Any, *, body: bool, params: bool, **method: Any
) -> Any:
    """POST /pets with a MOCK integration, checked by a validator of its own."""
    api = handle.apigateway().create_deployed_api(paths=("/pets",), methods=("POST",))
    validator = apigw.create_request_validator(
        restApiId=api.api_id,
        name="checks",
        validateRequestBody=body,
        validateRequestParameters=params,
    )
    apigw.create_model(restApiId=api.api_id, name="Pet", contentType="application/json", schema=PET)
    patches = [{"op": "replace", "path": "/requestValidatorId", "value": validator["id"]}]
    for name, required in method.get("parameters", {}).items():
        patches.append(
            {"op": "add", "path": f"/requestParameters/{name}", "value": str(required).lower()}
        )
    for content_type, model in method.get("models", {}).items():
        escaped = content_type.replace("/", "~1")
        patches.append({"op": "add", "path": f"/requestModels/{escaped}", "value": model})
    apigw.update_method(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="POST",
        patchOperations=patches,
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    return f"{api.invoke_url}/pets"


def assert_bad_request(reply: Any, message: str) -> None:
    assert_refused(reply, 400, message, "BadRequestException")


def test_required_parameters_must_be_there(mockway: mockway.Handle, apigw: Any, send: Send) -> None:
    url = validated(
        mockway,
        apigw,
        body=False,
        params=True,
        parameters={
            "method.request.querystring.owner": True,
            "method.request.header.X-Version": True,
            "method.request.querystring.page": False,
        },
    )
    assert_bad_request(send("POST", url), "Missing required request parameters: [owner, X-Version]")
    assert_bad_request(
        send("POST", f"{url}?owner=ada"), "Missing required request parameters: [X-Version]"
    )
    assert_ok(send("POST", f"{url}?owner=ada", {"x-version": "2"}))


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ('{"name": "Rex", "age": 3}', True),
        ('{"name": "Rex"}', True),
        ('{"age": 3}', False),
        ('{"name": "Rex", "age": -1}', False),
        ('{"name": 7}', False),
        ("not json", False),
        ("", False),
        (b"\xff\xfe", False),
    ],
)
def test_a_body_must_match_its_model(
    mockway: mockway.Handle, apigw: Any, body: str | bytes, valid: bool
) -> None:
    url = validated(mockway, apigw, body=True, params=False, models={"application/json": "Pet"})
    reply = mockway.apigateway().invoke(
        "POST", url, headers={"Content-Type": "application/json"}, body=body
    )
    if valid:
        assert reply.status == 200
    else:
        assert reply.status == 400
        assert reply.json() == {"message": "Invalid request body"}
        assert reply.header("x-amzn-ErrorType") == "BadRequestException"


@pytest.mark.parametrize(
    ("schema", "body", "status"),
    [
        (
            {"properties": {"code": {"type": "string", "pattern": "^[A-Z]+$"}}},
            '{"code": "ab"}',
            400,
        ),
        (
            {"properties": {"code": {"type": "string", "pattern": "^[A-Z]+$"}}},
            '{"code": "AB"}',
            200,
        ),
        (
            {"properties": {"name": {"type": "string", "pattern": "^\\p{L}+$"}}},
            '{"name": "Zoë"}',
            200,
        ),
        ({"$ref": "#/definitions/nothing"}, '{"name": "Rex"}', 200),
    ],
    ids=["pattern unmatched", "pattern matched", "a Java-only pattern", "a reference to nothing"],
)
def test_a_model_python_cannot_fully_apply_checks_what_it_can(
    mockway: mockway.Handle, apigw: Any, schema: dict[str, Any], body: str, status: int
) -> None:
    url = validated(mockway, apigw, body=True, params=False, models={"application/json": "Pet"})
    api_id = url.split("//")[1].split(".")[0]
    apigw.update_model(
        restApiId=api_id,
        modelName="Pet",
        patchOperations=[{"op": "replace", "path": "/schema", "value": json.dumps(schema)}],
    )
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    import requests

    reply = requests.post(url, data=body, headers=JSON)
    assert reply.status_code == status


def test_a_validator_checks_only_what_it_is_set_to(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = validated(
        mockway,
        apigw,
        body=False,
        params=True,
        parameters={"method.request.querystring.owner": True},
        models={"application/json": "Pet"},
    )
    assert_ok(send("POST", f"{url}?owner=ada", {"Content-Type": "application/json"}, "{}"))


def test_a_refused_body_can_be_shaped_by_a_gateway_response(
    mockway: mockway.Handle, apigw: Any
) -> None:
    url = validated(mockway, apigw, body=True, params=False, models={"application/json": "Pet"})
    api_id = url.split("//")[1].split(".")[0]
    apigw.put_gateway_response(
        restApiId=api_id,
        responseType="BAD_REQUEST_BODY",
        statusCode="422",
        responseParameters={"gatewayresponse.header.X-Why": "'schema'"},
    )
    assert mockway.apigateway().invoke("POST", url, body="{}").status == 400  # not deployed yet
    apigw.create_deployment(restApiId=api_id, stageName=url.split("/")[3])
    reply = mockway.apigateway().invoke("POST", url, body="{}")
    assert reply.status == 422
    assert reply.header("X-Why") == "schema"


def test_a_stage_validates_with_the_models_and_validator_it_was_deployed_with(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = validated(mockway, apigw, body=True, params=False, models={"application/json": "Pet"})
    api_id, stage = url.split("//")[1].split(".")[0], url.split("/")[3]
    loose = json.dumps({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object"})
    apigw.update_model(
        restApiId=api_id,
        modelName="Pet",
        patchOperations=[{"op": "replace", "path": "/schema", "value": loose}],
    )
    (validator,) = apigw.get_request_validators(restApiId=api_id)["items"]
    assert_bad_request(send("POST", url, JSON, "{}"), "Invalid request body")
    apigw.create_deployment(restApiId=api_id, stageName=stage)
    assert_answered(send("POST", url, JSON, "{}"), 200)
    apigw.update_request_validator(
        restApiId=api_id,
        requestValidatorId=validator["id"],
        patchOperations=[{"op": "replace", "path": "/validateRequestBody", "value": "false"}],
    )
    apigw.update_model(
        restApiId=api_id,
        modelName="Pet",
        patchOperations=[{"op": "replace", "path": "/schema", "value": PET}],
    )
    assert_answered(send("POST", url, JSON, "{}"), 200)  # the loose model, as deployed
    apigw.create_deployment(restApiId=api_id, stageName=stage)
    assert_answered(send("POST", url, JSON, "{}"), 200)  # the validator no longer checks bodies
