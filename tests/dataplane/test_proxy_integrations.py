"""Proxy integrations: Lambda functions (AWS_PROXY) and HTTP back ends (HTTP_PROXY) served by
Python callables the test registers."""

from __future__ import annotations

import base64
import datetime
import json
import re
from typing import Any

import pytest
import time_machine
from dataplane_support import REGION, Send, assert_answered, keyed_api, usage_today

import mockway
from mockway import MockwayError
from mockway.apigateway.view import HttpRequest, HttpResponse

ACCOUNT = "123456789012"
FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:pets"
NOW = datetime.datetime(2026, 3, 10, 12, 30, 5, tzinfo=datetime.timezone.utc)


def lambda_uri(function: str = FUNCTION) -> str:
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations"


def integrate(apigw: Any, api: Any, path: str, **integration: Any) -> None:
    """Replace the MOCK integration of ``GET path`` and deploy the stage again."""
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids[path],
        httpMethod="GET",
        integrationHttpMethod=integration.pop("integrationHttpMethod", "POST"),
        **integration,
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)


def lambda_api(handle: mockway.Handle, apigw: Any, path: str = "/pets/{id}") -> Any:
    api = handle.apigateway().create_deployed_api(paths=(path,))
    integrate(apigw, api, path, type="AWS_PROXY", uri=lambda_uri())
    return api


class Recorder:
    """A Lambda handler that keeps what it was called with and answers ``answer``."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls: list[tuple[dict[str, Any], Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        self.calls.append((event, context))
        return self.answer


OK = {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "hello"}


@time_machine.travel(NOW, tick=False)
def test_a_lambda_proxy_gets_api_gateways_event_and_its_answer_is_the_response(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = lambda_api(mockway, apigw)
    apigw.update_stage(
        restApiId=api.api_id,
        stageName=api.stage,
        patchOperations=[{"op": "replace", "path": "/variables/color", "value": "blue"}],
    )
    function = Recorder(OK)
    mockway.apigateway().register_lambda(FUNCTION, function)

    reply = send(
        "GET",
        f"{api.invoke_url}/pets/42?kind=cat&kind=dog&empty=",
        {"X-Trace": "abc"},
    )
    assert_answered_as(reply, 200, "text/plain", b"hello")

    ((event, context),) = function.calls
    assert event["resource"] == "/pets/{id}"
    assert event["path"] == "/pets/42"
    assert event["httpMethod"] == "GET"
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert headers["x-trace"] == "abc"
    multi = {k.lower(): v for k, v in event["multiValueHeaders"].items()}
    assert multi["x-trace"] == ["abc"]
    assert event["queryStringParameters"] == {"kind": "dog", "empty": ""}
    assert event["multiValueQueryStringParameters"] == {"kind": ["cat", "dog"], "empty": [""]}
    assert event["pathParameters"] == {"id": "42"}
    assert event["stageVariables"] == {"color": "blue"}
    assert event["body"] is None
    assert event["isBase64Encoded"] is False
    context_ = event["requestContext"]
    assert context_["resourceId"] == api.resource_ids["/pets/{id}"]
    assert context_["resourcePath"] == "/pets/{id}"
    assert context_["httpMethod"] == "GET"
    assert context_["path"] == f"/{api.stage}/pets/42"
    assert context_["stage"] == api.stage
    assert context_["accountId"] == ACCOUNT
    assert context_["apiId"] == api.api_id
    assert context_["domainName"] == f"{api.api_id}.execute-api.{REGION}.amazonaws.com"
    assert context_["domainPrefix"] == api.api_id
    assert context_["protocol"] == "HTTP/1.1"
    assert context_["requestTime"] == "10/Mar/2026:12:30:05 +0000"
    assert context_["requestTimeEpoch"] == int(NOW.timestamp() * 1000)
    assert "apiKey" not in context_["identity"]
    assert context_["identity"]["sourceIp"] == "127.0.0.1"
    assert context.function_name == "pets"
    assert context.invoked_function_arn == FUNCTION
    assert context.aws_request_id != context_["requestId"]


def assert_answered_as(reply: Any, status: int, content_type: str, body: bytes) -> None:
    assert (reply.status, reply.body) == (status, body)
    assert reply.headers["content-type"] == content_type
    assert reply.headers["content-length"] == str(len(body))
    assert reply.error_type is None


def test_a_request_body_reaches_the_function_as_text_or_base64(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = lambda_api(mockway, apigw, "/pets")
    apigw.put_method(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="POST",
        authorizationType="NONE",
    )
    integrate_post = {
        "restApiId": api.api_id,
        "resourceId": api.resource_ids["/pets"],
        "httpMethod": "POST",
        "type": "AWS_PROXY",
        "integrationHttpMethod": "POST",
        "uri": lambda_uri(),
    }
    apigw.put_integration(**integrate_post)
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    function = Recorder({"statusCode": 201, "body": ""})
    mockway.apigateway().register_lambda(FUNCTION, function)

    assert send("POST", f"{api.invoke_url}/pets", None, '{"name":"Rex"}').status == 201
    assert send("POST", f"{api.invoke_url}/pets", None, b"\xff\xfe").status == 201
    (text, _), (binary, _) = function.calls
    assert (text["body"], text["isBase64Encoded"]) == ('{"name":"Rex"}', False)
    assert (binary["body"], binary["isBase64Encoded"]) == (
        base64.b64encode(b"\xff\xfe").decode(),
        True,
    )


def test_a_checked_api_key_is_in_the_events_identity(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    integrate(apigw, keyed.api, "/pets", type="AWS_PROXY", uri=lambda_uri())
    function = Recorder(OK)
    mockway.apigateway().register_lambda(FUNCTION, function)

    assert send("GET", keyed.url(), keyed.key).status == 200
    identity = function.calls[0][0]["requestContext"]["identity"]
    assert (identity["apiKey"], identity["apiKeyId"]) == (keyed.key_value, keyed.key_id)


@pytest.mark.parametrize(
    ("answer", "status", "headers", "body"),
    [
        ({"statusCode": 204}, 204, {}, b""),
        ({"statusCode": "202", "body": "{}"}, 202, {}, b"{}"),
        (
            {"statusCode": 200, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "x"},
            200,
            {"set-cookie": "a=1, b=2"},
            b"x",
        ),
        (  # decoded only for an Accept the API's binaryMediaTypes list (test_binary_content)
            {"statusCode": 200, "isBase64Encoded": True, "body": base64.b64encode(b"\x00\x01")},
            200,
            {},
            b"AAE=",
        ),
        (json.dumps({"statusCode": 418, "body": "teapot"}), 418, {}, b"teapot"),
        ({"statusCode": 200, "body": "a\ud800b"}, 200, {}, b"a?b"),
    ],
    ids=[
        "no body",
        "status as text",
        "multi-value headers",
        "base64",
        "as JSON text",
        "a lone surrogate",
    ],
)
def test_what_a_function_returns_is_read_as_api_gateway_reads_it(
    mockway: mockway.Handle,
    apigw: Any,
    answer: Any,
    status: int,
    headers: dict[str, str],
    body: bytes,
) -> None:
    if isinstance(answer, dict) and isinstance(answer.get("body"), bytes):
        answer = {**answer, "body": answer["body"].decode()}
    api = lambda_api(mockway, apigw)
    mockway.apigateway().register_lambda(FUNCTION, Recorder(answer))
    response = mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets/1")
    assert (response.status, response.body) == (status, body)
    for name, value in headers.items():
        assert response.header(name) == value


def fails(event: dict[str, Any], context: Any) -> Any:
    raise RuntimeError("the function failed")


@pytest.mark.parametrize(
    "function",
    [
        fails,
        Recorder({"statusCode": 200, "body": {"not": "a string"}}),
        Recorder({"body": "no status"}),
        Recorder({"statusCode": 200, "headers": ["not", "a", "map"]}),
        Recorder(None),
        Recorder("not json"),
        Recorder({"statusCode": "\u00b2"}),
        Recorder({"statusCode": "2" * 5000}),
        Recorder("[" * 100_000 + "]" * 100_000),
    ],
    ids=[
        "raises",
        "body a map",
        "no status",
        "headers a list",
        "None",
        "text",
        "status a superscript digit",
        "status of 5,000 digits",
        "JSON text nested too deep",
    ],
)
def test_a_failed_or_malformed_function_is_502(
    mockway: mockway.Handle, apigw: Any, send: Send, function: Any
) -> None:
    api = lambda_api(mockway, apigw)
    mockway.apigateway().register_lambda(FUNCTION, function)
    reply = send("GET", f"{api.invoke_url}/pets/1")
    assert_answered(reply, 502)
    assert reply.json() == {"message": "Internal server error"}
    assert reply.error_type == "InternalServerErrorException"


@pytest.mark.parametrize(
    "registered",
    ["pets", FUNCTION, f"{FUNCTION}:live"],
    ids=["name", "arn", "qualified arn"],
)
def test_a_function_is_found_by_its_arn_qualified_arn_or_name(
    mockway: mockway.Handle, apigw: Any, registered: str
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    integrate(apigw, api, "/pets", type="AWS_PROXY", uri=lambda_uri(f"{FUNCTION}:live"))
    mockway.apigateway().register_lambda(registered, Recorder(OK))
    assert mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets").body == b"hello"


def test_stage_variables_pick_the_function(mockway: mockway.Handle, apigw: Any) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    uri = lambda_uri(f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:${{stageVariables.fn}}")
    integrate(apigw, api, "/pets", type="AWS_PROXY", uri=uri)
    apigw.update_stage(
        restApiId=api.api_id,
        stageName=api.stage,
        patchOperations=[{"op": "replace", "path": "/variables/fn", "value": "pets-dev"}],
    )
    mockway.apigateway().register_lambda("pets-dev", Recorder(OK))
    assert mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets").status == 200


@time_machine.travel(NOW, tick=False)
def test_an_unregistered_function_stops_the_request_before_it_counts(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    keyed = keyed_api(mockway, apigw)
    integrate(apigw, keyed.api, "/pets", type="AWS_PROXY", uri=lambda_uri())
    with pytest.raises(MockwayError, match="register_lambda") as info:
        send("GET", keyed.url(), keyed.key)
    assert FUNCTION in str(info.value)
    assert usage_today(apigw, keyed, "2026-03-10") == [[0, 0]]


def test_registering_a_non_callable_is_refused(mockway: mockway.Handle) -> None:
    with pytest.raises(MockwayError, match="not callable"):
        mockway.apigateway().register_lambda(FUNCTION, "handler.main")  # type: ignore[arg-type]


def test_a_function_is_registered_per_region(mockway: mockway.Handle, apigw: Any) -> None:
    api = lambda_api(mockway, apigw)
    mockway.apigateway("eu-west-1").register_lambda(FUNCTION, Recorder(OK))
    with pytest.raises(MockwayError, match="register_lambda"):
        mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets/1")


# -- HTTP_PROXY ------------------------------------------------------------------------------


def test_an_http_proxy_forwards_the_request_and_passes_the_answer_through(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets/{id}",))
    apigw.update_method(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets/{id}"],
        httpMethod="GET",
        patchOperations=[
            {"op": "add", "path": "/requestParameters/method.request.path.id", "value": "true"}
        ],
    )
    integrate(
        apigw,
        api,
        "/pets/{id}",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://backend.example.com/v2/pets/{id}",
        requestParameters={"integration.request.path.id": "method.request.path.id"},
    )
    seen: list[HttpRequest] = []

    def backend(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        return HttpResponse(201, {"Content-Type": "text/csv", "X-From": "backend"}, b"a,b\n")

    mockway.apigateway().register_http("https://backend.example.com/v2", backend)
    mockway.apigateway().register_http("https://backend.example.com", fails_http)

    reply = send(
        "GET", f"{api.invoke_url}/pets/7?full=1", {"X-Trace": "abc", "User-Agent": "app/1"}
    )
    assert (reply.status, reply.body) == (201, b"a,b\n")
    assert reply.headers["content-type"] == "text/csv"
    assert reply.headers["x-from"] == "backend"
    (request,) = seen
    assert (request.method, request.host, request.path, request.query) == (
        "GET",
        "backend.example.com",
        "/v2/pets/7",
        "full=1",
    )
    assert request.header("x-trace") == "abc"
    assert request.header("host") == "backend.example.com"
    # the client's own agent, and what API Gateway adds (as recorded against AWS)
    assert request.header("user-agent") == "app/1"
    assert request.header("x-amzn-apigateway-api-id") == api.api_id
    assert (
        request.header("x-forwarded-for"),
        request.header("x-forwarded-port"),
        request.header("x-forwarded-proto"),
    ) == ("127.0.0.1", "443", "https")
    assert re.fullmatch(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24}", request.header("x-amzn-trace-id") or "")


def fails_http(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the longest registered prefix serves the request")


def test_an_unregistered_back_end_stops_the_request(mockway: mockway.Handle, apigw: Any) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    integrate(
        apigw,
        api,
        "/pets",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://backend.example.com/pets",
    )
    with pytest.raises(MockwayError, match="register_http"):
        mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets")


def test_a_back_end_answering_a_text_body_stops_the_request(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    integrate(
        apigw,
        api,
        "/pets",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://backend.example.com/pets",
    )
    answered = HttpResponse(200, {}, "not bytes")  # type: ignore[arg-type]
    mockway.apigateway().register_http("https://backend.example.com", lambda request: answered)
    with pytest.raises(MockwayError) as raised:
        mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets")
    assert str(raised.value) == (
        "an HTTP back end registered with register_http must return "
        "mockway.apigateway.view.HttpResponse(status, headers, body), with a bytes body, not "
        "str (encode a text first)"
    )


def test_a_restored_snapshot_gives_the_registered_functions_back(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = lambda_api(mockway, apigw)
    mockway.apigateway().register_lambda(FUNCTION, Recorder(OK))
    taken = mockway.snapshot()
    mockway.apigateway().register_lambda(FUNCTION, Recorder({"statusCode": 500}))
    assert mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets/1").status == 500
    mockway.restore(taken)
    assert mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets/1").body == b"hello"
    with pytest.raises(mockway.SnapshotError, match="cannot carry"):
        taken.to_json()


def test_a_function_registered_again_answers_from_the_next_request(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = lambda_api(mockway, apigw)
    mockway.apigateway().register_lambda(FUNCTION, Recorder(OK))
    assert send("GET", f"{api.invoke_url}/pets/1").body == b"hello"
    mockway.apigateway().register_lambda(FUNCTION, Recorder({**OK, "body": "again"}))
    assert send("GET", f"{api.invoke_url}/pets/1").body == b"again"


def test_the_answers_headers_are_merged_in_any_case_and_api_gateways_own_are_remapped(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = lambda_api(mockway, apigw)
    own = {
        "content-length": "99",
        "Date": "yesterday",
        "Server": "lambda",
        "Connection": "close",
        "Authorization": "Bearer t",
        "WWW-Authenticate": "Basic",
        "x-amzn-RequestId": "mine",
    }
    answer = {"statusCode": 200, "headers": {"content-type": "text/html", **own}, "body": "hi!"}
    mockway.apigateway().register_lambda(FUNCTION, Recorder(answer))
    reply = send("GET", f"{api.invoke_url}/pets/1")
    assert (reply.status, reply.body) == (200, b"hi!")
    assert reply.headers["content-type"] == "text/html"
    assert reply.headers["content-length"] == "3"
    assert reply.headers["connection"] == "keep-alive"
    assert reply.headers["x-amzn-requestid"] != "mine"
    remapped = {k: v for k, v in reply.headers.items() if k.startswith("x-amzn-remapped-")}
    assert remapped == {f"x-amzn-remapped-{name.lower()}": value for name, value in own.items()}


@pytest.mark.parametrize(
    ("method", "status"),
    [("HEAD", 200), ("HEAD", 404), ("DELETE", 204), ("POST", 304), ("PUT", 100)],
)
def test_no_body_goes_to_head_or_with_204_and_304(
    mockway: mockway.Handle, apigw: Any, send: Send, method: str, status: int
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    resource = api.resource_ids["/pets"]
    apigw.put_method(
        restApiId=api.api_id, resourceId=resource, httpMethod="ANY", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=resource,
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(),
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    answer = {"statusCode": status, "body": '{"some": "body"}'}
    mockway.apigateway().register_lambda(FUNCTION, Recorder(answer))
    reply = send(method, f"{api.invoke_url}/pets")
    assert (reply.status, reply.body) == (status, b"")
    refused = send("HEAD", f"{api.invoke_url}/nothing")  # API Gateway's own answer
    assert (refused.status, refused.body) == (403, b"")
    assert refused.headers["x-amzn-errortype"] == "MissingAuthenticationTokenException"


def test_a_header_value_that_is_not_ascii_reaches_every_client(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = lambda_api(mockway, apigw)
    disposition = 'attachment; filename="résumé.pdf"'
    answer = {"statusCode": 200, "headers": {"Content-Disposition": disposition}, "body": "pdf"}
    mockway.apigateway().register_lambda(FUNCTION, Recorder(answer))
    reply = send("GET", f"{api.invoke_url}/pets/1")
    assert (reply.status, reply.body) == (200, b"pdf")
    assert reply.headers["content-disposition"] == disposition


def test_multi_value_headers_go_out_as_lines_of_their_own(
    mockway: mockway.Handle, apigw: Any
) -> None:
    import aiohttp
    import httpx
    import requests
    import urllib3

    api = lambda_api(mockway, apigw)
    answer = {
        "statusCode": 200,
        "multiValueHeaders": {"Set-Cookie": ["a=1; Path=/", "b=2; Path=/"], "X-Tag": ["x", "y"]},
        "headers": {"X-Tag": "y", "X-One": "1"},  # the pair already there is not repeated
        "body": "ok",
    }
    mockway.apigateway().register_lambda(FUNCTION, Recorder(answer))
    url = f"{api.invoke_url}/pets/1"
    response = mockway.apigateway().invoke("GET", url)
    assert response.header("x-tag") == "x, y"
    assert response.header("set-cookie") == "a=1; Path=/, b=2; Path=/"
    assert [line for line in response.fields if line[0] in ("Set-Cookie", "X-Tag", "X-One")] == [
        ("Set-Cookie", "a=1; Path=/"),
        ("Set-Cookie", "b=2; Path=/"),
        ("X-Tag", "x"),
        ("X-Tag", "y"),
        ("X-One", "1"),
    ]
    assert requests.get(url).cookies.get_dict() == {"a": "1", "b": "2"}
    assert urllib3.request("GET", url).headers.getlist("Set-Cookie") == [
        "a=1; Path=/",
        "b=2; Path=/",
    ]
    assert dict(httpx.get(url).cookies) == {"a": "1", "b": "2"}

    async def through_aiohttp() -> dict[str, str]:
        async with aiohttp.ClientSession() as session, session.get(url) as reply:
            return {name: morsel.value for name, morsel in reply.cookies.items()}

    import asyncio

    assert asyncio.run(through_aiohttp()) == {"a": "1", "b": "2"}
