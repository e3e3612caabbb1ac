"""Whatever a request holds, API Gateway's answer: never a Python exception, never a request
leaving the process."""

from __future__ import annotations

import string
from typing import Any

import pytest
from dataplane_support import (
    REGION,
    Send,
    assert_answered,
    assert_forbidden,
    assert_no_route,
    assert_ok,
    assert_refused,
    keyed_api,
    via_handle,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mockway
from mockway import MockwayError


def test_odd_paths_are_routed_or_refused(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets/{id}",))
    root = f"https://{api.api_id}.execute-api.{REGION}.amazonaws.com"
    assert_ok(send("GET", f"{root}/dev/pets/%ZZ"))  # not percent-encoding: taken as it is
    assert_ok(send("GET", f"{root}/dev/pets/%E2%9C%93"))
    assert_ok(send("GET", f"{root}/dev/pets/%FF"))  # not UTF-8
    assert_ok(send("GET", f"{root}/d%65v/pets/1"))
    assert_ok(send("GET", f"{root}/dev/pets/1?a=%ZZ&&=&b"))
    assert_no_route(send("GET", f"{root}/dev/pets/{'x/' * 500}"))
    assert_no_route(send("GET", f"{root}/dev//pets/1"))
    assert_forbidden(send("GET", f"{root}//dev/pets/1"))
    assert_forbidden(send("GET", f"{root}/%00/pets/1"))


def test_an_unknown_api_id_of_any_shape_is_forbidden(send: Send, mockway: mockway.Handle) -> None:
    for label in ("a1b2c3d4e5", "x", "not_an-id", "0123456789-vpce-0abc", "-vpce-"):
        assert_forbidden(send("GET", f"https://{label}.execute-api.{REGION}.amazonaws.com/dev"))
    # Any region-shaped name is a region, as for the control plane.
    assert_forbidden(send("GET", "https://a1b2c3d4e5.execute-api.mars-north-9.amazonaws.com/dev"))
    assert_forbidden(send("GET", "https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/d"))


def test_a_method_no_resource_has_is_missing_authentication_token(
    mockway: mockway.Handle, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(methods=("GET",))
    assert_no_route(send("PURGE", api.invoke_url))
    assert_ok(send("get", api.invoke_url))  # the client libraries send methods in capitals


def test_bodies_of_any_bytes_are_taken(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api(methods=("POST",))
    assert_ok(send("POST", api.invoke_url, body=b"\xff\xfe\x00 not utf-8 \x80"))
    assert_ok(send("POST", api.invoke_url, body="ünïcode ✓"))
    assert_ok(send("POST", api.invoke_url, body=b""))


def test_headers_past_api_gateways_limit_are_413(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api()
    assert_ok(send("GET", api.invoke_url, headers={"x-big": "a" * 9000}))
    reply = send("GET", api.invoke_url, headers={"x-big": "a" * 10_300})
    assert_refused(reply, 413, "Request Too Long", "RequestTooLargeException")
    many = {f"x-h{i}": "v" * 100 for i in range(120)}
    assert send("GET", api.invoke_url, headers=many).status == 413


def test_a_payload_past_10_mb_is_413(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api(methods=("POST",))
    assert_ok(send("POST", api.invoke_url, body=b"a" * (10 * 1024 * 1024)))
    reply = send("POST", api.invoke_url, body=b"a" * (10 * 1024 * 1024 + 1))
    assert_answered(reply, 413)
    assert reply.body == b"HTTP content length exceeded 10485760 bytes."
    assert reply.error_type is None


def test_a_refused_request_changes_nothing(mockway: mockway.Handle, apigw: Any, send: Send) -> None:
    keyed = keyed_api(mockway, apigw, quota={"limit": 1, "period": "DAY"})
    assert send("GET", keyed.url(), headers={**keyed.key, "x-big": "a" * 11_000}).status == 413
    assert_no_route(send("GET", keyed.url("/nope"), headers=keyed.key))
    assert_ok(send("GET", keyed.url(), headers=keyed.key))  # the quota was still whole


def test_the_handle_says_what_it_needs(mockway: mockway.Handle) -> None:
    view = mockway.apigateway()
    api = view.create_deployed_api()
    assert view.invoke("GET", "/dev", api_id=api.api_id).status == 200
    with pytest.raises(MockwayError, match="needs the API's id"):
        view.invoke("GET", "/dev")
    with pytest.raises(MockwayError, match="is not an execute-api URL"):
        view.invoke("GET", "https://example.com/dev")
    with pytest.raises(MockwayError, match="is not an execute-api URL"):
        view.invoke("GET", f"https://x.appsync-api.{REGION}.amazonaws.com/graphql")
    with pytest.raises(MockwayError, match=r"use handle.apigateway\('eu-west-1'\)"):
        view.invoke("GET", api.invoke_url.replace(REGION, "eu-west-1"))
    eu = mockway.apigateway("eu-west-1")
    assert eu.invoke("GET", "/dev", api_id=api.api_id).status == 403
    for method in ("", "G ET", "GÉT"):
        with pytest.raises(MockwayError, match="is no HTTP method"):
            view.invoke(method, api.invoke_url)
    for value in (None, 5, b"bytes"):
        with pytest.raises(MockwayError, match="header values are text"):
            view.invoke("GET", api.invoke_url, headers={"x-n": value})  # type: ignore[dict-item]


PRINTABLE = st.text(string.printable, max_size=40)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.text(string.ascii_letters, min_size=1, max_size=8),
    path=st.text(max_size=60),
    headers=st.dictionaries(PRINTABLE, st.text(max_size=40), max_size=5),
    body=st.binary(max_size=64),
)
def test_no_request_makes_a_python_exception(
    method: str, path: str, headers: dict[str, str], body: bytes
) -> None:
    with mockway.mock_aws() as handle:
        keyed = keyed_api(handle, _client(), quota={"limit": 2, "period": "DAY"})
        send = via_handle(handle)
        for url in (keyed.url(path if path.startswith("/") else "/" + path), keyed.url("")):
            reply = send(method, url, headers={**headers, **keyed.key}, body=body)
            assert reply.status in (200, 403, 413, 429)
            assert reply.json() is not None or reply.status == 413


def _client() -> Any:
    import boto3

    return boto3.client("apigateway", region_name=REGION)
