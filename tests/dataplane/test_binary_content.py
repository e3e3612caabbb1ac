"""Binary payloads: the API's binaryMediaTypes, the request's Content-Type and Accept, and
contentHandling, as API Gateway converts payloads for proxy and non-proxy integrations."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from dataplane_support import Send, assert_answered
from test_proxy_integrations import FUNCTION, Recorder, integrate, lambda_uri

import mockway
from mockway.apigateway.view import HttpRequest, HttpResponse

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"
PNG_TEXT = base64.b64encode(PNG).decode()
BACKEND = "https://images.example.com"


def binary_api(handle: mockway.Handle, apigw: Any, *types: str) -> Any:
    api = handle.apigateway().create_deployed_api(paths=("/image",))
    apigw.update_rest_api(
        restApiId=api.api_id,
        patchOperations=[
            {"op": "add", "path": "/binaryMediaTypes/" + t.replace("/", "~1")} for t in types
        ],
    )
    return api


# -- Lambda proxy ----------------------------------------------------------------------------


@pytest.fixture
def proxy(mockway: mockway.Handle, apigw: Any) -> tuple[str, Recorder]:
    api = binary_api(mockway, apigw, "image/png", "application/*")
    integrate(apigw, api, "/image", type="AWS_PROXY", uri=lambda_uri())
    function = Recorder(
        {
            "statusCode": 200,
            "headers": {"Content-Type": "image/png"},
            "body": PNG_TEXT,
            "isBase64Encoded": True,
        }
    )
    mockway.apigateway().register_lambda(FUNCTION, function)
    return f"{api.invoke_url}/image", function


@pytest.mark.parametrize(
    ("accept", "binary"),
    [
        ("image/png", True),
        ("image/png,image/*,*/*;q=0.8", True),  # only the first type counts
        ("application/whatever", True),  # under a listed type/*
        ("image/jpg", False),
        ("image/*", False),
        ("*/*", False),
        ("image/webp,image/png", False),
        (None, False),
    ],
)
def test_a_base64_lambda_answer_is_decoded_only_for_a_binary_accept(
    proxy: tuple[str, Recorder], send: Send, accept: str | None, binary: bool
) -> None:
    url, _ = proxy
    reply = send("GET", url, headers=None if accept is None else {"Accept": accept})
    assert reply.status == 200
    assert reply.body == (PNG if binary else PNG_TEXT.encode())


def test_bad_base64_for_a_binary_accept_is_500(proxy: tuple[str, Recorder], send: Send) -> None:
    url, function = proxy
    function.answer = {**function.answer, "body": "èé+à)("}
    reply = send("GET", url, headers={"Accept": "image/png"})
    assert_answered(reply, 500)
    assert reply.json() == {"message": "Internal server error"}
    assert send("GET", url).body == "èé+à)(".encode()  # as it is, for a text Accept


def test_a_binary_request_reaches_the_function_in_base64(
    proxy: tuple[str, Recorder], send: Send
) -> None:
    url, function = proxy
    send("GET", url, headers={"Content-Type": "image/png"}, body=b"plain text")
    send("GET", url, headers={"Content-Type": "text/plain"}, body=b"plain text")
    (binary, _), (text, _) = function.calls
    assert (binary["body"], binary["isBase64Encoded"]) == ("cGxhaW4gdGV4dA==", True)
    assert (text["body"], text["isBase64Encoded"]) == ("plain text", False)


# -- HTTP (non-proxy) ------------------------------------------------------------------------


@pytest.fixture
def images(mockway: mockway.Handle, apigw: Any) -> tuple[Any, list[HttpRequest]]:
    """``GET /image``: an HTTP integration to a back end that answers a PNG, passed through
    (no response template); the API, and the requests the back end saw."""
    api = binary_api(mockway, apigw, "image/png")
    where = {"restApiId": api.api_id, "resourceId": api.resource_ids["/image"], "httpMethod": "GET"}
    apigw.put_integration(**where, type="HTTP", integrationHttpMethod="POST", uri=BACKEND)
    apigw.put_integration_response(**where, statusCode="200")
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    seen: list[HttpRequest] = []

    def backend(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        return HttpResponse(200, {"Content-Type": "image/png"}, PNG)

    mockway.apigateway().register_http(BACKEND, backend)
    return api, seen


def _handling(
    apigw: Any, api: Any, response: str | None = None, request: str | None = None
) -> None:
    where = {"restApiId": api.api_id, "resourceId": api.resource_ids["/image"], "httpMethod": "GET"}
    if response is not None:
        apigw.update_integration_response(
            **where,
            statusCode="200",
            patchOperations=[{"op": "replace", "path": "/contentHandling", "value": response}],
        )
    if request is not None:
        apigw.update_integration(
            **where,
            patchOperations=[{"op": "replace", "path": "/contentHandling", "value": request}],
        )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)


def test_a_binary_answer_passes_through_for_a_binary_accept_else_in_base64(
    images: tuple[Any, list[HttpRequest]], apigw: Any, send: Send
) -> None:
    api, _ = images
    url = f"{api.invoke_url}/image"
    assert send("GET", url, headers={"Accept": "image/png"}).body == PNG
    assert send("GET", url, headers={"Accept": "application/json"}).body == PNG_TEXT.encode()
    _handling(apigw, api, response="CONVERT_TO_TEXT")
    assert send("GET", url, headers={"Accept": "image/png"}).body == PNG_TEXT.encode()
    _handling(apigw, api, response="CONVERT_TO_BINARY")
    assert send("GET", url, headers={"Accept": "application/json"}).body == PNG


def test_a_request_body_is_converted_as_content_handling_says(
    images: tuple[Any, list[HttpRequest]], apigw: Any, send: Send
) -> None:
    api, seen = images
    url = f"{api.invoke_url}/image"
    send("GET", url, headers={"Content-Type": "image/png"}, body=PNG)
    _handling(apigw, api, request="CONVERT_TO_TEXT")
    send("GET", url, headers={"Content-Type": "image/png"}, body=PNG)
    _handling(apigw, api, request="CONVERT_TO_BINARY")
    send("GET", url, headers={"Content-Type": "text/plain"}, body=PNG_TEXT)
    assert [r.body for r in seen] == [PNG, PNG_TEXT.encode(), PNG]
    reply = send("GET", url, headers={"Content-Type": "text/plain"}, body="not base64!")
    assert_answered(reply, 500)
    assert reply.json() == {"message": "Internal server error"}
    assert len(seen) == 3  # never reached the back end


def test_a_template_in_base64_becomes_binary_with_convert_to_binary(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = binary_api(mockway, apigw)
    where = {"restApiId": api.api_id, "resourceId": api.resource_ids["/image"], "httpMethod": "GET"}
    apigw.put_integration_response(
        **where,
        statusCode="200",
        responseTemplates={"application/json": PNG_TEXT},
        contentHandling="CONVERT_TO_BINARY",
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    assert send("GET", f"{api.invoke_url}/image").body == PNG


def test_a_mock_integration_converts_each_requests_body_again(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    apigw.update_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_BINARY"}
        ],
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    url = f"{api.invoke_url}/pets"
    json_ = {"Content-Type": "application/json"}
    assert_answered(send("GET", url, json_, "aGVsbG8="), 200)  # "hello" in Base64
    reply = send("GET", url, json_, "not base64!")
    assert_answered(reply, 500)
    assert reply.json() == {"message": "Internal server error"}
