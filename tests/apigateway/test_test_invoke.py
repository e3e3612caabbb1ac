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
    assert event["requestContext"]["resourceId"] == api.resource_ids["/pets"]


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


@time_machine.travel(NOW, tick=False)
def test_a_lambda_proxy_call_is_logged_as_aws_records_it(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/employees",))
    function = f"arn:aws:lambda:{REGION}:123456789012:function:get-employees"
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations"
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/employees"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=uri,
    )
    answer = {"statusCode": 200, "body": "x" * 2000}
    mockway.apigateway().register_lambda(function, lambda event, context: answer)
    response = apigw.test_invoke_method(
        restApiId=api.api_id, resourceId=api.resource_ids["/employees"], httpMethod="GET"
    )
    lines = log_lines(response)
    endpoint = f"https://lambda.{REGION}.amazonaws.com/2015-03-31/functions/{function}/invocations"
    assert lines[:7] == [
        "Execution log for request <id>",
        "<stamp> : Starting execution for request: <id>",
        "<stamp> : HTTP Method: GET, Resource Path: /employees",
        "<stamp> : Method request path: {}",
        "<stamp> : Method request query string: {}",
        "<stamp> : Method request headers: {}",
        "<stamp> : Method request body before transformations: ",
    ]
    assert lines[7] == f"<stamp> : Endpoint request URI: {endpoint}"
    headers = re.fullmatch(r"<stamp> : Endpoint request headers: \{(.*)\}", lines[8])
    assert headers is not None
    names = [part.split("=", 1)[0] for part in headers[1].split(", ")]
    assert names == [
        "X-Amz-Date",
        "x-amzn-apigateway-api-id",
        "Accept",
        "User-Agent",
        "Host",
        "X-Amz-Content-Sha256",
        "X-Amzn-Trace-Id",
        "x-amzn-lambda-integration-tag",
        "X-Amz-Source-Arn",
    ]
    assert f"X-Amz-Date=20260310T123005Z, x-amzn-apigateway-api-id={api.api_id}," in lines[8]
    assert (
        f"User-Agent=AmazonAPIGateway_{api.api_id}, Host=lambda.{REGION}.amazonaws.com"
        in (lines[8])
    )
    source = (
        f"arn:aws:execute-api:{REGION}:123456789012:{api.api_id}/test-invoke-stage/GET/employees"
    )
    assert lines[8].endswith(f"X-Amz-Source-Arn={source}}}")
    assert lines[9].startswith('<stamp> : Endpoint request body after transformations: {"resource"')
    assert '"stage":"test-invoke-stage"' in lines[9]
    assert lines[9].endswith(" [TRUNCATED]")  # the event is longer than a log message
    assert lines[10] == f"<stamp> : Sending request to {endpoint}"
    assert re.fullmatch(
        r"<stamp> : Received response\. Status: 200, Integration latency: \d+ ms", lines[11]
    )
    assert lines[12].startswith(
        "<stamp> : Endpoint response headers: {Date=Tue, 10 Mar 2026 12:30:05 GMT, "
        "Content-Type=application/json, Content-Length="
    )
    # A message past 1,024 characters is cut there and marked, as AWS's recorded log shows.
    said = "Endpoint response body before transformations: " + json.dumps(answer)
    assert lines[13] == f"<stamp> : {said[:1024]} [TRUNCATED]"
    said = "Method response body after transformations: " + "x" * 2000
    assert lines[14:] == [
        f"<stamp> : {said[:1024]} [TRUNCATED]",
        "<stamp> : Method response headers: {Content-Type=application/json}",
        "<stamp> : Successfully completed execution",
        "<stamp> : Method completed with status: 200",
        "",
    ]


@time_machine.travel(NOW, tick=False)
def test_an_http_call_is_logged_with_what_went_out_and_came_back(
    mockway: mockway.Handle, apigw: Any
) -> None:
    from mockway.apigateway.view import HttpRequest, HttpResponse

    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    where = {"restApiId": api.api_id, "resourceId": api.resource_ids["/pets"], "httpMethod": "GET"}
    apigw.put_integration(
        **where,
        type="HTTP",
        integrationHttpMethod="POST",
        uri="https://backend.example.com/search?v=2",
        requestTemplates={"application/json": '{"term": "cats"}'},
    )
    apigw.put_integration_response(**where, statusCode="200")

    def backend(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {"X-Found": "3"}, b'{"hits": 3}')

    mockway.apigateway().register_http("https://backend.example.com", backend)
    response = apigw.test_invoke_method(**where)
    assert response["body"] == '{"hits": 3}'
    lines = log_lines(response)[7:13]
    assert lines[0] == "<stamp> : Endpoint request URI: https://backend.example.com/search?v=2"
    assert re.fullmatch(  # as AWS's log of an HTTP integration shows them
        re.escape(
            f"<stamp> : Endpoint request headers: {{x-amzn-apigateway-api-id={api.api_id}, "
            f"Accept=application/json, User-Agent=AmazonAPIGateway_{api.api_id}, "
            "Host=backend.example.com, X-Amzn-Trace-Id=Root=1-"
        )
        + f"{int(NOW.timestamp()):08x}-[0-9a-f]{{24}}}}",
        lines[1],
    )
    assert lines[2] == '<stamp> : Endpoint request body after transformations: {"term": "cats"}'
    assert lines[3] == "<stamp> : Sending request to https://backend.example.com/search?v=2"
    assert re.fullmatch(
        r"<stamp> : Received response\. Status: 200, Integration latency: \d+ ms", lines[4]
    )
    assert lines[5] == "<stamp> : Endpoint response headers: {X-Found=3}"
    assert log_lines(response)[13] == (
        '<stamp> : Endpoint response body before transformations: {"hits": 3}'
    )
