"""TestInvokeMethod and TestInvokeAuthorizer: a method or an authorizer run as the console's
test runs them (the scenario AWS's recorded responses come from)."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
import time_machine

import mockway
from support import expect_error

REGION = "us-east-1"
NOW = datetime.datetime(2026, 3, 10, 12, 30, 5, tzinfo=datetime.timezone.utc)
STAMP = "Tue Mar 10 12:30:05 UTC 2026"


@pytest.fixture
def pets(apigw: Any) -> dict[str, str]:
    """/pets (GET) and /pets/{petId} (GET, POST), MOCK integrations answering with templates."""
    api = apigw.create_rest_api(name="pets")
    root = api["rootResourceId"]
    pets_id = apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="pets")["id"]
    one = apigw.create_resource(restApiId=api["id"], parentId=pets_id, pathPart="{petId}")["id"]
    for resource, method, template in (
        (pets_id, "GET", json.dumps({"pets": "all the pets"})),
        (one, "GET", json.dumps({"petId": "$input.params('petId')"})),
        (one, "POST", json.dumps({"petId": "$input.params('petId')"})),
    ):
        where = {"restApiId": api["id"], "resourceId": resource, "httpMethod": method}
        params = {} if resource == pets_id else {"method.request.path.petId": True}
        apigw.put_method(**where, authorizationType="NONE", requestParameters=params)
        apigw.put_method_response(**where, statusCode="200")
        apigw.put_integration(
            **where,
            type="MOCK",
            requestTemplates={"application/json": json.dumps({"statusCode": 200})},
        )
        apigw.put_integration_response(
            **where, statusCode="200", responseTemplates={"application/json": template}
        )
    return {"api": api["id"], "pets": pets_id, "one": one}


def invoke(
    apigw: Any, pets: dict[str, str], resource: str, method: str = "GET", **more: Any
) -> Any:
    return apigw.test_invoke_method(
        restApiId=pets["api"], resourceId=pets[resource], httpMethod=method, body="", **more
    )


def log_lines(response: dict[str, Any]) -> list[str]:
    """The log with its request id and time stamp put in words, as the recording has them."""
    text = re.sub(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", response["log"]
    )
    return text.replace(STAMP, "<stamp>").split("\n")


def expected_log(
    path: str, params: str, query: str, answer: str, method: str = "GET", body: str = ""
) -> list[str]:
    return [
        "Execution log for request <id>",
        "<stamp> : Starting execution for request: <id>",
        f"<stamp> : HTTP Method: {method}, Resource Path: {path}",
        f"<stamp> : Method request path: {params}",
        f"<stamp> : Method request query string: {query}",
        "<stamp> : Method request headers: {}",
        f"<stamp> : Method request body before transformations: {body}",
        f"<stamp> : Method response body after transformations: {answer}",
        "<stamp> : Method response headers: {Content-Type=application/json}",
        "<stamp> : Successfully completed execution",
        "<stamp> : Method completed with status: 200",
        "",
    ]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("resource", "path", "params", "query", "answer"),
    [
        ("pets", None, "{}", "{}", '{"pets": "all the pets"}'),
        ("pets", "/random/test", "{}", "{}", '{"pets": "all the pets"}'),
        ("one", "/pets/123", "{petId=123}", "{}", '{"petId": "123"}'),
        ("one", None, "{petId={petId}}", "{}", '{"petId": "{petId}"}'),
        ("one", "/random/test", "{}", "{}", '{"petId": ""}'),
        ("one", "/pets/123?foo=bar", "{petId=123}", "{foo=bar}", '{"petId": "123"}'),
    ],
    ids=["pets", "pets bad path", "pet", "pet no path", "pet bad path", "query string"],
)
def test_a_method_runs_as_the_console_test_runs_it(
    apigw: Any,
    pets: dict[str, str],
    resource: str,
    path: str | None,
    params: str,
    query: str,
    answer: str,
) -> None:
    more = {} if path is None else {"pathWithQueryString": path}
    response = invoke(apigw, pets, resource, **more)
    shown = path.partition("?")[0] if path else ("/pets" if resource == "pets" else "/pets/{petId}")
    assert response["status"] == 200
    assert response["body"] == answer
    assert response["headers"] == {"Content-Type": "application/json"}
    assert response["multiValueHeaders"] == {"Content-Type": ["application/json"]}
    assert isinstance(response["latency"], int)
    assert log_lines(response) == expected_log(shown, params, query, answer)


@time_machine.travel(NOW, tick=False)
def test_a_post_body_is_logged_before_its_transformations(apigw: Any, pets: dict[str, str]) -> None:
    response = apigw.test_invoke_method(
        restApiId=pets["api"],
        resourceId=pets["one"],
        httpMethod="POST",
        pathWithQueryString="/pets/123",
        body='{"foo": "bar"}',
    )
    assert response["body"] == '{"petId": "123"}'
    assert log_lines(response) == expected_log(
        "/pets/123", "{petId=123}", "{}", '{"petId": "123"}', "POST", '{"foo": "bar"}'
    )


def test_unknown_api_resource_or_method_is_404(apigw: Any, pets: dict[str, str]) -> None:
    resource = "Invalid Resource identifier specified"
    with expect_error(apigw, "NotFoundException", resource, 404):
        apigw.test_invoke_method(restApiId="nope000000", resourceId=pets["one"], httpMethod="GET")
    with expect_error(apigw, "NotFoundException", resource, 404):
        apigw.test_invoke_method(restApiId=pets["api"], resourceId="nope00", httpMethod="GET")
    with expect_error(apigw, "NotFoundException", "Invalid Method identifier specified", 404):
        apigw.test_invoke_method(restApiId=pets["api"], resourceId=pets["one"], httpMethod="PUT")


def test_test_invocations_skip_keys_and_meter_nothing(mockway: mockway.Handle, apigw: Any) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",), api_key_required=True)
    response = apigw.test_invoke_method(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="GET",
        stageVariables={"color": "blue"},
    )
    assert (response["status"], response["body"]) == (200, "{}")


def test_a_lambda_proxy_sees_the_test_stage_and_stage_variables(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    function = f"arn:aws:lambda:{REGION}:123456789012:function:pets"
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations",
    )
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        return {"statusCode": 201, "headers": {"X-Pet": "rex"}, "body": "made"}

    mockway.apigateway().register_lambda(function, handler)
    response = apigw.test_invoke_method(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="GET",
        pathWithQueryString="/pets?kind=dog",
        headers={"Accept": "text/plain"},
        stageVariables={"color": "blue"},
    )
    assert (response["status"], response["body"]) == (201, "made")
    assert response["headers"]["X-Pet"] == "rex"
    (event,) = events
    assert event["stageVariables"] == {"color": "blue"}
    assert event["queryStringParameters"] == {"kind": "dog"}
    assert event["headers"] == {"Accept": "text/plain"}
    assert event["requestContext"]["stage"] == "test-invoke-stage"
    assert event["requestContext"]["domainName"] == "testPrefix.testDomainName"


def test_an_authorizer_runs_as_the_console_test_runs_it(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = apigw.create_rest_api(name="secured")
    function = f"arn:aws:lambda:{REGION}:123456789012:function:auth"
    authorizer = apigw.create_authorizer(
        restApiId=api["id"],
        name="auth",
        type="TOKEN",
        identitySource="method.request.header.Authorization",
        authorizerUri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations",
    )
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}],
    }

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event["authorizationToken"] != "good":
            raise Exception("Unauthorized")
        return {"principalId": "user-7", "policyDocument": document}

    mockway.apigateway().register_lambda(function, handler)
    where = {"restApiId": api["id"], "authorizerId": authorizer["id"]}
    allowed = apigw.test_invoke_authorizer(**where, headers={"Authorization": "good"})
    assert allowed["clientStatus"] == 200
    assert allowed["principalId"] == "user-7"
    assert json.loads(allowed["policy"]) == document
    assert isinstance(allowed["latency"], int)
    assert "user-7" in allowed["log"]
    refused = apigw.test_invoke_authorizer(**where, headers={"Authorization": "bad"})
    assert refused["clientStatus"] == 401
    assert "principalId" not in refused
    assert "policy" not in refused
    missing = apigw.test_invoke_authorizer(**where)
    assert missing["clientStatus"] == 401
    with expect_error(apigw, "NotFoundException", "Invalid Authorizer identifier specified", 404):
        apigw.test_invoke_authorizer(restApiId=api["id"], authorizerId="nope00")
