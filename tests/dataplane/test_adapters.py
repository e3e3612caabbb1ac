"""The HTTP client adapters: what they claim, what they leave alone, and when they are there."""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import os
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import boto3
import httpx
import pytest
import requests
import urllib3
from dataplane_support import REGION, SENDERS, Send, assert_ok, via_handle

import mockway
from mockway import UnsupportedOperation, mock_apigateway, mock_appsync, mock_aws

WRAPPED = (
    (requests.sessions.Session, "get_adapter"),
    (requests.sessions.Session, "merge_environment_settings"),
    (requests.sessions, "get_netrc_auth"),
    (urllib3.connectionpool.HTTPConnectionPool, "urlopen"),
    (httpx.Client, "_transport_for_url"),
    (httpx.AsyncClient, "_transport_for_url"),
    (aiohttp.ClientSession, "_request"),
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=list(SENDERS))
def http(request: pytest.FixtureRequest) -> Send:
    """One HTTP client library (not the handle)."""
    return SENDERS[request.param]


def assert_goes_out(call: Callable[[], Any]) -> None:
    """``call`` tried to reach the network, and the root conftest's guard stopped it."""
    with pytest.raises(BaseException) as info:  # noqa: PT011 - each library wraps it its way
        call()
    error: BaseException | None = info.value
    seen = []
    while error is not None:
        seen.append(repr(error))
        if "a test tried to connect" in str(error):
            return
        error = error.__cause__ or error.__context__
    pytest.fail(f"not stopped by the network guard: {seen}")


def test_other_hosts_go_where_they_would_without_mockway(
    mockway: mockway.Handle, http: Send
) -> None:
    api = mockway.apigateway().create_deployed_api()
    for url in (
        "https://example.com/dev",
        f"https://{api.api_id}.execute-api.{REGION}.amazonaws.com.example.com/dev",
        f"https://execute-api.{REGION}.amazonaws.com/dev",
        f"https://apigateway.{REGION}.amazonaws.com/restapis",
    ):
        assert_goes_out(lambda url=url: http("GET", url))  # type: ignore[misc]
    assert_ok(http("GET", api.invoke_url))


def test_execute_api_is_left_alone_when_api_gateway_is_not_mocked(http: Send) -> None:
    with mock_aws() as aws:
        api = aws.apigateway().create_deployed_api()
        with mock_appsync():
            assert_ok(http("GET", api.invoke_url))  # API Gateway is still mocked by the outer
    with mock_appsync():
        assert_goes_out(lambda: http("GET", api.invoke_url))
    assert_goes_out(lambda: http("GET", api.invoke_url))


def test_hosts_are_matched_whatever_their_case_port_or_scheme(
    mockway: mockway.Handle, http: Send
) -> None:
    api = mockway.apigateway().create_deployed_api()
    host = f"{api.api_id}.execute-api.{REGION}.amazonaws.com"
    assert_ok(http("GET", f"https://{host.upper()}/dev"))
    assert_ok(http("GET", f"https://{host}:443/dev"))
    assert_ok(http("GET", f"http://{host}/dev"))


def test_appsync_requests_are_answered_only_while_appsync_is_mocked(http: Send) -> None:
    with mock_appsync():
        client = boto3.client("appsync", region_name=REGION)
        api = client.create_graphql_api(name="a", authenticationType="API_KEY")["graphqlApi"]
        url = api["uris"]["GRAPHQL"]
        reply = http("POST", url, body='{"query": "{ a }"}')
        assert reply.status == 401
        assert reply.error_type == "UnauthorizedException"
        with pytest.raises(mockway.MockwayError, match="would not resolve"):
            http("POST", url.replace(url.split("//")[1].split(".")[0], "a" * 26), body="{}")
    with mock_apigateway():
        assert_goes_out(lambda: http("POST", url, body='{"query": "{ a }"}'))


def test_methods_mockway_cannot_answer_yet_are_stopped_not_sent(
    mockway: mockway.Handle, apigw: Any, http: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/http",))
    where = {"restApiId": api.api_id, "httpMethod": "GET"}
    apigw.put_integration(
        **where,
        resourceId=api.resource_ids["/http"],
        type="AWS",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:dynamodb:action/PutItem",
        credentials="arn:aws:iam::123456789012:role/apigateway",
    )
    apigw.create_deployment(restApiId=api.api_id, stageName="dev")
    with pytest.raises(UnsupportedOperation, match="AWS integrations"):
        http("GET", f"{api.invoke_url}/http")
    with pytest.raises(UnsupportedOperation, match="AWS integrations"):
        via_handle(mockway)("GET", f"{api.invoke_url}/http")


def test_the_libraries_get_their_own_methods_back_when_the_mock_stops() -> None:
    originals = [cls.__dict__[name] for cls, name in WRAPPED]
    watchers = list(sys.meta_path)
    with mock_aws():
        assert [cls.__dict__[name] for cls, name in WRAPPED] != originals
        with mock_apigateway():
            pass
        assert all(
            cls.__dict__[name] is not original
            for (cls, name), original in zip(WRAPPED, originals, strict=True)
        )
    assert [cls.__dict__[name] for cls, name in WRAPPED] == originals
    assert sys.meta_path == watchers


def test_requests_streams_and_sessions_work_as_usual(mockway: mockway.Handle) -> None:
    api = mockway.apigateway().create_deployed_api()
    with requests.Session() as session:
        response = session.get(api.invoke_url, stream=True)
        assert b"".join(response.iter_content(1)) == b"{}"
        assert response.reason == "OK"
        assert response.url == api.invoke_url
        forbidden = session.get(api.invoke_url.replace("/dev", "/nope"))
        assert forbidden.reason == "Forbidden"
        with pytest.raises(requests.HTTPError):
            forbidden.raise_for_status()
    raw = urllib3.PoolManager().request("GET", api.invoke_url, preload_content=False)
    assert raw.read() == b"{}"
    with httpx.stream("GET", api.invoke_url) as streamed:
        assert streamed.read() == b"{}"
        assert streamed.reason_phrase == "OK"


def test_requests_reads_no_environment_for_mockways_hosts_and_merges_as_it_does(
    mockway: mockway.Handle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The environment's proxies, certificate bundle and ``.netrc`` do not apply to an answer
    made in the process; the session's and the request's settings merge as ``requests`` merges
    them, and a response reads (and is left consumed) as one read from a connection."""
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nowhere/bundle.pem")
    netrc = tmp_path / "netrc"
    netrc.write_text("default login someone password secret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    api = mockway.apigateway().create_deployed_api(methods=("GET", "HEAD"))
    seen: list[dict[str, Any]] = []
    with requests.Session() as session:
        session.proxies = {"https": "http://session.invalid:1", "http": "http://plain.invalid:2"}
        asked = {"http": None, "ftp": "http://ftp.invalid:3"}
        response = session.get(
            api.invoke_url,
            proxies=asked,
            hooks={"response": lambda r, **kwargs: seen.append(kwargs)},
        )
        assert response.content == b"{}"
        assert response.raw.read() == b""
        assert response.raw.closed
        assert response.raw.tell() == 2
        assert seen[0]["proxies"] == requests.sessions.merge_setting(asked, session.proxies)
        assert seen[0]["proxies"] == {"https": "http://session.invalid:1", "ftp": asked["ftp"]}
        assert seen[0]["verify"] is True
        assert seen[0]["stream"] is False
        assert "Authorization" not in response.request.headers
        assert requests.utils.get_netrc_auth("https://example.com/") == ("someone", "secret")
        head = session.head(api.invoke_url)
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["Content-Length"] == "2"


def test_requests_hooks_and_raw_reads_see_the_body_as_a_connection_gives_it(
    mockway: mockway.Handle,
) -> None:
    """A response hook reads the body from ``raw`` before ``requests`` does; a streamed
    ``raw`` gives the bytes as sent, a gzip body still compressed."""
    packed = gzip.compress(b'{"hello":"world"}')

    def function(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event["path"] == "/gz":
            return {
                "statusCode": 200,
                "headers": {"Content-Type": "application/json", "Content-Encoding": "gzip"},
                "body": base64.b64encode(packed).decode(),
                "isBase64Encoded": True,
            }
        return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "plain"}

    apigw = boto3.client("apigateway", region_name=REGION)
    api = apigw.create_rest_api(name="raw", binaryMediaTypes=["*/*"])["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    proxy = apigw.create_resource(restApiId=api, parentId=root, pathPart="{p+}")["id"]
    apigw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType="NONE")
    arn = "arn:aws:lambda:us-east-1:123456789012:function:raw"
    apigw.put_integration(
        restApiId=api,
        resourceId=proxy,
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{arn}/invocations",
    )
    apigw.create_deployment(restApiId=api, stageName="prod")
    mockway.apigateway(REGION).register_lambda(arn, function)
    url = f"https://{api}.execute-api.{REGION}.amazonaws.com/prod"

    seen: list[bytes] = []
    hooked = requests.get(
        f"{url}/plain", hooks={"response": lambda r, **kw: seen.append(r.raw.read())}
    )
    assert seen == [b"plain"]
    assert hooked.content == b""  # the hook took the body, as off a connection
    streamed = requests.get(f"{url}/gz", stream=True)
    assert streamed.raw.read() == packed
    assert requests.get(f"{url}/gz").content == b'{"hello":"world"}'


def test_aiohttp_responses_read_as_aiohttps_own(mockway: mockway.Handle) -> None:
    api = mockway.apigateway().create_deployed_api(methods=("POST",))

    async def scenario() -> None:
        async with aiohttp.ClientSession(raise_for_status=True) as session:
            async with session.post(api.invoke_url, json={"a": 1}) as response:
                assert isinstance(response, aiohttp.ClientResponse)
                assert await response.json() == {}
                assert await response.content.read() == b"{}"
                assert response.ok
            with pytest.raises(aiohttp.ClientResponseError) as info:
                await session.get(api.invoke_url)
            assert (info.value.status, info.value.message) == (403, "Forbidden")

    asyncio.run(scenario())


def cookie_api(handle: mockway.Handle) -> str:
    """``GET /`` whose Lambda sets a cookie and answers with the request's ``Cookie`` and
    ``Authorization`` headers."""
    api = handle.apigateway().create_deployed_api()
    function = f"arn:aws:lambda:{REGION}:123456789012:function:cookies"
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations"
    apigw = boto3.client("apigateway", region_name=REGION)
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=uri,
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        sent = {name.lower(): value for name, value in (event["headers"] or {}).items()}
        seen = {k: sent.get(k.lower()) for k in ("Cookie", "Authorization")}
        headers = {"Set-Cookie": "session=abc; Path=/"}
        return {"statusCode": 200, "headers": headers, "body": json.dumps(seen)}

    handle.apigateway().register_lambda(function, handler)
    return api.invoke_url


def test_cookies_and_auth_reach_and_leave_as_each_library_handles_them(
    mockway: mockway.Handle,
) -> None:
    url = cookie_api(mockway)
    with requests.Session() as session:
        first = session.get(url, cookies={"given": "1"}, auth=("u", "p"))
        assert first.json() == {"Cookie": "given=1", "Authorization": "Basic dTpw"}
        assert first.cookies.get_dict() == {"session": "abc"}
        assert session.get(url).json() == {"Cookie": "session=abc", "Authorization": None}
    with httpx.Client() as client:
        assert client.get(url, auth=("u", "p")).cookies.get("session") == "abc"
        assert client.get(url).json() == {"Cookie": "session=abc", "Authorization": None}

    async def scenario() -> None:
        async with aiohttp.ClientSession(cookies={"jar": "1"}) as session:
            with warnings.catch_warnings():  # deprecated in aiohttp 3.14, still taken
                warnings.simplefilter("ignore", DeprecationWarning)
                auth = aiohttp.BasicAuth("u", "p")
            async with session.get(url, auth=auth, cookies={"given": "2"}) as first:
                seen = {"Cookie": "jar=1; given=2", "Authorization": "Basic dTpw"}
                assert await first.json() == seen
                assert first.cookies["session"].value == "abc"
            async with session.get(url) as second:
                assert await second.json() == {
                    "Cookie": "jar=1; session=abc",
                    "Authorization": None,
                }
            async with session.get(url.replace("https://", "https://u:p@")) as third:
                assert (await third.json())["Authorization"] == "Basic dTpw"

    asyncio.run(scenario())


def run_fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter with this checkout's mockway."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_no_library_is_imported_and_one_imported_later_is_reached() -> None:
    out = run_fresh(
        """
        import os, sys
        os.environ.update(AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="y")
        LIBRARIES = ("requests", "httpx", "aiohttp")
        import mockway
        print(sorted(n for n in LIBRARIES if n in sys.modules))
        with mockway.mock_aws() as aws:
            print(sorted(n for n in LIBRARIES if n in sys.modules))
            api = aws.apigateway().create_deployed_api()
            import httpx  # imported while the mock is active
            import requests
            print(httpx.get(api.invoke_url).status_code, requests.get(api.invoke_url).text)
        print(any(type(f).__module__.startswith("mockway") for f in sys.meta_path))
        print(httpx.Client._transport_for_url.__module__)
        """
    )
    assert out.splitlines() == ["[]", "[]", "200 {}", "False", "httpx._client"]
