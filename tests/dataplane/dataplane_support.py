"""Requests to execute-api sent through each HTTP client library (and the handle), and the
REST APIs, usage plans and keys they go to, made through the client as users make them."""

from __future__ import annotations

import asyncio
import io
import json
import re
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx
import requests
import urllib3

import mockway
from mockway._http import split_url

REGION = "us-east-1"
REQUEST_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
APIGW_ID = re.compile(r"[A-Za-z0-9]{14}=")


@dataclass(frozen=True)
class Reply:
    """What a client library gave back: status, headers (names lower case), body."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error_type(self) -> str | None:
        return self.headers.get("x-amzn-errortype")


Headers = Mapping[str, str] | None
Body = bytes | str | None
Send = Callable[..., Reply]


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in headers.items()}


def via_requests(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
    response = requests.request(method, url, headers=headers, data=body, timeout=5)
    return Reply(response.status_code, _lower(response.headers), response.content)


def via_urllib3(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
    response = urllib3.PoolManager().request(method, url, headers=headers, body=body)
    return Reply(response.status, _lower(response.headers), response.data)


# A client loads the system's certificates when it is made: one context for all of them.
_TLS = ssl.create_default_context()


def via_httpx(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
    with httpx.Client(verify=_TLS) as client:
        response = client.request(method, url, headers=headers, content=body)
    return Reply(response.status_code, _lower(response.headers), response.content)


def via_httpx_async(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
    async def send() -> Reply:
        async with httpx.AsyncClient(verify=_TLS) as client:
            response = await client.request(method, url, headers=headers, content=body)
            return Reply(response.status_code, _lower(response.headers), response.content)

    return asyncio.run(send())


def via_aiohttp(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
    # aiohttp warns of large bytes bodies and asks for a file
    data = io.BytesIO(body) if isinstance(body, bytes) else body

    async def send() -> Reply:
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, url, headers=headers, data=data) as response,
        ):
            return Reply(response.status, _lower(response.headers), await response.read())

    return asyncio.run(send())


def via_handle(handle: mockway.Handle) -> Send:
    def send(method: str, url: str, headers: Headers = None, body: Body = None) -> Reply:
        labels = split_url(url)[0].split(".")
        aws = len(labels) > 3 and labels[1] in ("execute-api", "appsync-api")
        region = labels[2] if aws else REGION  # a custom domain name: the tests' region
        response = handle.apigateway(region).invoke(method, url, headers=headers, body=body)
        return Reply(response.status, _lower(response.headers), response.body)

    return send


SENDERS: dict[str, Send] = {
    "requests": via_requests,
    "urllib3": via_urllib3,
    "httpx": via_httpx,
    "httpx-async": via_httpx_async,
    "aiohttp": via_aiohttp,
}
"""Every HTTP client library mockway reaches, by name (the handle is the sixth way)."""

TRANSPORTS = (*SENDERS, "handle")


def sender(name: str, handle: mockway.Handle) -> Send:
    return via_handle(handle) if name == "handle" else SENDERS[name]


def assert_answered(reply: Reply, status: int = 200) -> None:
    """An answer with the headers API Gateway puts on every answer."""
    assert reply.status == status, (reply.status, reply.body)
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers["content-length"] == str(len(reply.body))
    assert REQUEST_ID.fullmatch(reply.headers["x-amzn-requestid"])
    assert APIGW_ID.fullmatch(reply.headers["x-amz-apigw-id"])


def assert_refused(reply: Reply, status: int, message: str, error_type: str) -> None:
    assert_answered(reply, status)
    assert reply.json() == {"message": message}
    assert reply.body == json.dumps({"message": message}, separators=(",", ":")).encode()
    assert reply.error_type == error_type


def assert_forbidden(reply: Reply) -> None:
    assert_refused(reply, 403, "Forbidden", "ForbiddenException")


def assert_no_route(reply: Reply) -> None:
    assert_refused(
        reply, 403, "Missing Authentication Token", "MissingAuthenticationTokenException"
    )


def assert_throttled(reply: Reply) -> None:
    assert_refused(reply, 429, "Too Many Requests", "TooManyRequestsException")


def assert_over_quota(reply: Reply) -> None:
    assert_refused(reply, 429, "Limit Exceeded", "LimitExceededException")


def assert_ok(reply: Reply) -> None:
    assert_answered(reply, 200)
    assert reply.json() == {}
    assert reply.error_type is None


def mock_method(apigw: Any, api_id: str, resource_id: str, http_method: str) -> None:
    """A method whose MOCK integration answers 200 with ``{}``, as ``create_deployed_api``
    makes them."""
    where = {"restApiId": api_id, "resourceId": resource_id, "httpMethod": http_method}
    apigw.put_method(**where, authorizationType="NONE")
    apigw.put_integration(
        **where, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    apigw.put_method_response(**where, statusCode="200")
    apigw.put_integration_response(
        **where, statusCode="200", responseTemplates={"application/json": "{}"}
    )


@dataclass(frozen=True)
class KeyedApi:
    """A deployed API whose methods require an API key, a usage plan on its stage, and a key
    in the plan."""

    api: Any  # mockway.apigateway.view.DeployedApi
    plan_id: str
    key_id: str
    key_value: str

    def url(self, path: str = "/pets") -> str:
        return f"{self.api.invoke_url}{path}"

    @property
    def key(self) -> dict[str, str]:
        return {"x-api-key": self.key_value}


def keyed_api(
    handle: mockway.Handle,
    apigw: Any,
    *,
    paths: tuple[str, ...] = ("/pets",),
    methods: tuple[str, ...] = ("GET",),
    **plan: Any,
) -> KeyedApi:
    api = handle.apigateway().create_deployed_api(
        paths=paths, methods=methods, api_key_required=True
    )
    created = apigw.create_usage_plan(name="plan", apiStages=[api.api_stage], **plan)
    key = apigw.create_api_key(name="caller", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=created["id"], keyId=key["id"], keyType="API_KEY")
    return KeyedApi(api, created["id"], key["id"], key["value"])


def usage_today(apigw: Any, keyed: KeyedApi, day: str) -> list[list[int]]:
    usage = apigw.get_usage(usagePlanId=keyed.plan_id, startDate=day, endDate=day)
    series: list[list[int]] = usage["items"].get(keyed.key_id, [])
    return series
