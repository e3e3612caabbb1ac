"""HTTP data sources: the request a resolver's template describes, sent to a registered
endpoint or to mockway's own data planes, and ``$ctx.result`` read back, through each HTTP
client library (and the handle)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import boto3
import pytest
from graphql_support import REGION, Api, Ask, assert_answered, graphql_api

import mockway
from mockway import MockwayError
from mockway.appsync.view import HttpRequest, HttpResponse

SCHEMA = "type Query { raw(city: String): AWSJSON weather(city: String): String }"
ENDPOINT = "https://weather.example.com"
RAW = "$util.toJson($ctx.result)"
HANDLES_ERRORS = (
    "#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end"
    "#if($ctx.result.statusCode == 200)$ctx.result.body"
    '#else$util.error($ctx.result.body, "HTTP $ctx.result.statusCode")#end'
)
"""The response template AppSync's HTTP reference suggests, raising instead of appending."""
LOCATION = [{"line": 1, "column": 3, "sourceName": None}]
SIGNATURE = re.compile(
    r"AWS4-HMAC-SHA256 Credential=ASIA[0-9A-F]{16}/\d{8}/us-west-2/execute-api/aws4_request, "
    r"SignedHeaders=accept;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}"
)


def http_source(api: Api, name: str = "weather", endpoint: str = ENDPOINT, **config: Any) -> None:
    api.client.create_data_source(
        apiId=api.api_id, name=name, type="HTTP", httpConfig={"endpoint": endpoint, **config}
    )


def resolve(
    api: Api, field: str, request: str, response: str | None = RAW, source: str = "weather"
) -> None:
    templates = {"requestMappingTemplate": request}
    if response is not None:
        templates["responseMappingTemplate"] = response
    api.client.create_resolver(
        apiId=api.api_id, typeName="Query", fieldName=field, dataSourceName=source, **templates
    )


class Endpoint:
    """A registered endpoint that keeps the requests it gets and answers with ``response``."""

    def __init__(self, response: Any = None) -> None:
        self.requests: list[HttpRequest] = []
        self.response = response or HttpResponse(
            200, {"Content-Type": "application/json", "X-Trace": "a"}, b'{"temp":21}'
        )

    def __call__(self, request: HttpRequest) -> Any:
        self.requests.append(request)
        if isinstance(self.response, Exception):
            raise self.response
        return self.response


def field_error(field: str, message: str, error_type: str) -> dict[str, Any]:
    return {
        "data": {field: None},
        "errors": [
            {
                "path": [field],
                "data": None,
                "errorType": error_type,
                "errorInfo": None,
                "locations": LOCATION,
                "message": message,
            }
        ],
    }


def test_a_get_reaches_the_endpoint_and_its_answer_is_the_result(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(
        api,
        "raw",
        '{"version": "2018-05-29", "method": "GET", "resourcePath": "/v1/today",'
        ' "params": {"query": {"city": $util.toJson($ctx.args.city), "units": "metric",'
        ' "days": [1, 2]}, "headers": {"Accept": "application/json"}}}',
    )
    endpoint = Endpoint()
    mockway.appsync().register_http(ENDPOINT, endpoint)

    reply = ask(api, '{ raw(city: "São Paulo") }')
    assert_answered(reply)
    assert json.loads(reply.json()["data"]["raw"]) == {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json", "X-Trace": "a"},
        "body": '{"temp":21}',
    }
    (sent,) = endpoint.requests
    assert sent == HttpRequest(
        "GET",
        "weather.example.com",
        "/v1/today",
        "city=S%C3%A3o%20Paulo&units=metric&days=1&days=2",
        (("Accept", "application/json"), ("Host", "weather.example.com")),
        b"",
    )


def test_a_post_sends_the_body_as_text(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    http_source(api, endpoint=ENDPOINT + "/")
    resolve(
        api,
        "raw",
        '{"version": "2018-05-29", "method": "POST", "resourcePath": "/reports",'
        ' "params": {"headers": {"Content-Type": "application/json", "User-Agent": "mine",'
        ' "Host": "elsewhere"}, "body": {"city": "$ctx.args.city", "n": 1}}}',
    )
    resolve(
        api,
        "weather",
        '{"version": "2018-05-29", "method": "PUT", "resourcePath": "/notes/1",'
        ' "params": {"headers": {"Content-Type": "text/plain"}, "body": "é, as text"}}',
        "$ctx.result.statusCode",
    )
    endpoint = Endpoint(HttpResponse(201, {}, b""))
    mockway.appsync().register_http(ENDPOINT, endpoint)

    reply = ask(api, '{ raw(city: "Oslo") weather }')
    assert_answered(reply)
    assert json.loads(reply.json()["data"]["raw"]) == {
        "statusCode": 201,
        "headers": {},
        "body": "",
    }
    assert reply.json()["data"]["weather"] == "201"
    posted, put = endpoint.requests
    assert (posted.method, posted.path, posted.query) == ("POST", "/reports", "")
    assert posted.headers == (
        ("Content-Type", "application/json"),
        ("Host", "weather.example.com"),
    )
    assert posted.body == b'{"city":"Oslo","n":1}'
    assert (put.method, put.path, put.body) == ("PUT", "/notes/1", "é, as text".encode())


def test_a_status_that_is_no_success_is_the_templates_to_handle(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    request = '{"version": "2018-05-29", "method": "GET", "resourcePath": "/v1/$ctx.args.city"}'
    resolve(api, "weather", request, HANDLES_ERRORS)
    endpoint = Endpoint(HttpResponse(404, {"Content-Type": "text/plain"}, b"no such city"))
    mockway.appsync().register_http(ENDPOINT, endpoint)

    reply = ask(api, '{ weather(city: "Atlantis") }')
    assert_answered(reply)
    assert reply.json() == field_error("weather", "no such city", "HTTP 404")

    endpoint.response = HttpResponse(200, {}, b"sunny")
    assert ask(api, '{ weather(city: "Oslo") }').json() == {"data": {"weather": "sunny"}}
    assert [r.path for r in endpoint.requests] == ["/v1/Atlantis", "/v1/Oslo"]


@pytest.mark.parametrize(
    ("request_template", "message"),
    [
        ('{"method": "GET", "resourcePath": "/"}', "Value for field '$[version]' not found."),
        (
            '{"version": "2018-05-29", "resourcePath": "/"}',
            "Value for field '$[method]' not found.",
        ),
        (
            '{"version": "2018-05-29", "method": "GET"}',
            "Value for field '$[resourcePath]' not found.",
        ),
        (
            '{"version": "2018-05-29", "method": "get", "resourcePath": "/"}',
            "Value for field '$[method]' must be one of GET, POST, PUT, PATCH, DELETE; got 'get'.",
        ),
        (
            '{"version": "2018-05-29", "method": "GET", "resourcePath": "/", "params": []}',
            "Value for field '$[params]' must be an object.",
        ),
        (
            '{"version": "2018-05-29", "method": "GET", "resourcePath": "/",'
            ' "params": {"headers": "Accept: */*"}}',
            "Value for field '$[params][headers]' must be an object.",
        ),
        ('"GET /"', "The request mapping template is not a JSON object."),
    ],
)
def test_a_template_that_is_no_http_request_is_a_mapping_template_error(
    mockway: mockway.Handle, ask: Ask, request_template: str, message: str
) -> None:
    """Even a response template that handles ``$ctx.error`` does not see it: the request was
    never sent."""
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(api, "weather", request_template, HANDLES_ERRORS)
    endpoint = Endpoint()
    mockway.appsync().register_http(ENDPOINT, endpoint)

    reply = ask(api, "{ weather }")
    assert_answered(reply)
    assert reply.json() == field_error("weather", message, "MappingTemplate")
    assert endpoint.requests == []


@pytest.mark.parametrize("response", [HANDLES_ERRORS, None])
def test_a_failed_call_is_the_fields_error(
    mockway: mockway.Handle, ask: Ask, response: str | None
) -> None:
    """With a 2018-05-29 response template, the template has the error (``$ctx.error``);
    without one, the field has it."""
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(
        api,
        "weather",
        '{"version": "2018-05-29", "method": "GET", "resourcePath": "/"}',
        response,
    )
    failing = Endpoint(ConnectionError("connection timed out: weather.example.com:443"))
    mockway.appsync().register_http(ENDPOINT, failing)

    reply = ask(api, "{ weather }")
    assert_answered(reply)
    assert reply.json() == field_error(
        "weather", "connection timed out: weather.example.com:443", "HttpRequestException"
    )


def test_the_response_template_reads_the_error(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(
        api,
        "weather",
        '{"version": "2018-05-29", "method": "GET", "resourcePath": "/"}',
        '#if($ctx.error)"fallback: $ctx.error.type, result $util.isNull($ctx.result)"'
        "#else$ctx.result.body#end",
    )
    mockway.appsync().register_http(ENDPOINT, Endpoint(OSError()))
    reply = ask(api, "{ weather }")
    assert reply.json() == {"data": {"weather": "fallback: HttpRequestException, result true"}}


def test_the_longest_prefix_wins_and_a_later_registration_replaces(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(
        api,
        "weather",
        '{"version": "2018-05-29", "method": "GET", "resourcePath": "/v2/$ctx.args.city"}',
        "$ctx.result.body",
    )
    view = mockway.appsync()
    view.register_http(ENDPOINT, lambda request: HttpResponse(200, {}, b"any path"))
    view.register_http(ENDPOINT + "/v2", lambda request: HttpResponse(200, {}, b"v2"))
    view.register_http("https://weather.example.co", lambda r: HttpResponse(200, {}, b"co"))
    assert ask(api, '{ weather(city: "Oslo") }').json() == {"data": {"weather": "v2"}}

    view.register_http(ENDPOINT + "/v2", lambda request: HttpResponse(200, {}, b"replaced"))
    assert ask(api, '{ weather(city: "Oslo") }').json() == {"data": {"weather": "replaced"}}


def test_a_pipeline_function_on_an_http_data_source(mockway: mockway.Handle, ask: Ask) -> None:
    """Its result is the next step's ``$ctx.prev.result``; ``#return`` in its request template
    ends it without a call."""
    api = graphql_api(SCHEMA)
    http_source(api)
    function = api.client.create_function(
        apiId=api.api_id,
        name="forecast",
        dataSourceName="weather",
        functionVersion="2018-05-29",
        requestMappingTemplate=(
            '#if($ctx.args.city == "nowhere")#return("cached")#end'
            '{"version": "2018-05-29", "method": "GET", "resourcePath": "/v1/$ctx.args.city"}'
        ),
        responseMappingTemplate="$util.toJson($util.parseJson($ctx.result.body).temp)",
    )["functionConfiguration"]
    api.client.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="weather",
        kind="PIPELINE",
        pipelineConfig={"functions": [function["functionId"]]},
        requestMappingTemplate="{}",
        responseMappingTemplate='"$ctx.args.city: $ctx.prev.result"',
    )
    endpoint = Endpoint()
    mockway.appsync().register_http(ENDPOINT, endpoint)

    reply = ask(api, '{ weather(city: "Oslo") }')
    assert reply.json() == {"data": {"weather": "Oslo: 21"}}
    reply = ask(api, '{ weather(city: "nowhere") }')
    assert reply.json() == {"data": {"weather": "nowhere: cached"}}
    assert [r.path for r in endpoint.requests] == ["/v1/Oslo"]


def test_a_request_returned_before_the_call_sends_nothing(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(
        api,
        "weather",
        '#return("early"){"version": "2018-05-29", "method": "GET", "resourcePath": "/"}',
    )
    endpoint = Endpoint()
    mockway.appsync().register_http(ENDPOINT, endpoint)
    assert ask(api, "{ weather }").json() == {"data": {"weather": "early"}}
    assert endpoint.requests == []


def _rest_api(authorization: str) -> tuple[str, str]:
    """A REST API with ``GET /pets`` (MOCK, echoing ``city`` and the caller's access key),
    deployed to ``prod``; its id and its endpoint."""
    apigw = boto3.client("apigateway", region_name="us-west-2")
    api = apigw.create_rest_api(name="pets")
    pets = apigw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
    )
    where = {"restApiId": api["id"], "resourceId": pets["id"], "httpMethod": "GET"}
    apigw.put_method(**where, authorizationType=authorization)
    apigw.put_integration(
        **where, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    apigw.put_method_response(**where, statusCode="200")
    apigw.put_integration_response(
        **where,
        statusCode="200",
        responseTemplates={
            "application/json": '{"city": "$input.params(\'city\')",'
            ' "key": "$context.identity.accessKey"}'
        },
    )
    apigw.create_deployment(restApiId=api["id"], stageName="prod")
    return api["id"], f"https://{api['id']}.execute-api.us-west-2.amazonaws.com"


PETS = (
    '{"version": "2018-05-29", "method": "GET", "resourcePath": "/prod/pets",'
    ' "params": {"query": {"city": "$ctx.args.city"}, "headers": {"Accept": "application/json"}}}'
)


def test_an_execute_api_endpoint_is_answered_in_process(mockway: mockway.Handle, ask: Ask) -> None:
    _, endpoint = _rest_api("NONE")
    api = graphql_api(SCHEMA)
    http_source(api, "pets", endpoint)
    resolve(api, "raw", PETS, source="pets")
    reply = ask(api, '{ raw(city: "Oslo") }')
    assert_answered(reply)
    result = json.loads(reply.json()["data"]["raw"])
    assert result["statusCode"] == 200
    assert result["headers"]["Content-Type"] == "application/json"
    assert re.fullmatch(r"[0-9a-f-]{36}", result["headers"]["x-amzn-RequestId"])
    assert json.loads(result["body"]) == {"city": "Oslo", "key": ""}


def test_an_aws_iam_data_source_signs_its_request(mockway: mockway.Handle, ask: Ask) -> None:
    """Signed with the service role's credentials for ``awsIamConfig``: an ``AWS_IAM``
    method of API Gateway accepts the request, and a registered endpoint sees the
    signature."""
    _, endpoint = _rest_api("AWS_IAM")
    api = graphql_api(SCHEMA)
    iam = {
        "authorizationType": "AWS_IAM",
        "awsIamConfig": {"signingRegion": "us-west-2", "signingServiceName": "execute-api"},
    }
    api.client.create_data_source(
        apiId=api.api_id,
        name="pets",
        type="HTTP",
        serviceRoleArn="arn:aws:iam::123456789012:role/appsync-pets",
        httpConfig={"endpoint": endpoint, "authorizationConfig": iam},
    )
    resolve(api, "raw", PETS, source="pets")
    reply = ask(api, '{ raw(city: "Oslo") }')
    result = json.loads(reply.json()["data"]["raw"])
    assert result["statusCode"] == 200
    body = json.loads(result["body"])
    assert body["city"] == "Oslo"
    assert re.fullmatch(r"ASIA[0-9A-F]{16}", body["key"])

    seen = Endpoint()
    mockway.appsync().register_http(endpoint, seen)
    ask(api, '{ raw(city: "Oslo") }')
    (sent,) = seen.requests
    assert SIGNATURE.fullmatch(sent.header("Authorization") or "")
    assert f"Credential={body['key']}/" in (sent.header("Authorization") or "")
    assert re.fullmatch(r"\d{8}T\d{6}Z", sent.header("X-Amz-Date") or "")
    assert sent.header("X-Amz-Security-Token")


def test_another_appsync_api_is_answered_in_process(mockway: mockway.Handle, ask: Ask) -> None:
    upstream = graphql_api("type Query { greeting: String }")
    upstream.resolve("Query", "greeting", '{"version": "2018-05-29", "payload": "hello"}')
    api = graphql_api(SCHEMA)
    http_source(api, "upstream", upstream.url.removesuffix("/graphql"))
    resolve(
        api,
        "weather",
        '{"version": "2018-05-29", "method": "POST", "resourcePath": "/graphql",'
        ' "params": {"headers": {"Content-Type": "application/json",'
        f' "x-api-key": "{upstream.key}"}},'
        ' "body": {"query": "{ greeting }"}}}',
        "$util.toJson($util.parseJson($ctx.result.body).data.greeting)",
        source="upstream",
    )
    reply = ask(api, "{ weather }")
    assert reply.json() == {"data": {"weather": "hello"}}


def test_an_endpoint_nothing_answers_stops_the_request(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(api, "weather", '{"version": "2018-05-29", "method": "GET", "resourcePath": "/v1"}')
    with pytest.raises(MockwayError) as raised:
        ask(api, "{ weather }")
    assert str(raised.value) == (
        "no Python callable is registered for the HTTP endpoint "
        "https://weather.example.com/v1 (data source weather): "
        "handle.appsync(region).register_http(url_prefix, handler); an execute-api stage, a "
        "custom domain name or an AppSync API is answered in-process while mockway mocks its "
        "service"
    )


def test_a_handler_answering_no_http_response_stops_the_request(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(api, "weather", '{"version": "2018-05-29", "method": "GET", "resourcePath": "/"}')
    mockway.appsync().register_http(ENDPOINT, Endpoint({"statusCode": 200}))
    with pytest.raises(MockwayError) as raised:
        ask(api, "{ weather }")
    assert str(raised.value) == (
        "an HTTP back end registered with register_http must return "
        "mockway.appsync.view.HttpResponse(status, headers, body), not dict"
    )


@pytest.mark.parametrize(
    ("answered", "problem"),
    [
        (HttpResponse(200, {}, "text"), "with a bytes body, not str (encode a text first)"),
        (HttpResponse(200, None, b""), "with headers as a map of texts, not None"),  # type: ignore[arg-type]
        (HttpResponse(200, {"n": 1}, b""), "with headers as a map of texts, not {'n': 1}"),  # type: ignore[dict-item]
        (HttpResponse(99, {}, b""), "with a status from 100 to 599, not 99"),
    ],
)
def test_a_handler_answering_a_malformed_http_response_stops_the_request(
    mockway: mockway.Handle, answered: HttpResponse, problem: str
) -> None:
    api = graphql_api(SCHEMA)
    http_source(api)
    resolve(api, "weather", '{"version": "2018-05-29", "method": "GET", "resourcePath": "/"}')
    mockway.appsync().register_http(ENDPOINT, lambda request: answered)
    with pytest.raises(MockwayError) as raised:
        mockway.appsync(REGION).graphql(api.api_id, "{ weather }", api_key=api.key)
    assert str(raised.value) == (
        "an HTTP back end registered with register_http must return "
        f"mockway.appsync.view.HttpResponse(status, headers, body), {problem}"
    )


def test_registering_checks_the_handler_and_the_prefix(mockway: mockway.Handle) -> None:
    view = mockway.appsync(REGION)
    with pytest.raises(MockwayError, match="is not callable"):
        view.register_http(ENDPOINT, "not a function")  # type: ignore[arg-type]
    with pytest.raises(MockwayError) as raised:
        view.register_http("weather.example.com", Endpoint())
    assert str(raised.value) == (
        "an HTTP endpoint's URL prefix begins with http:// or https://, not 'weather.example.com'"
    )


def test_importing_mockway_does_not_load_the_http_data_source() -> None:
    code = "import sys, mockway; print('mockway.appsync.execute._http_source' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_a_data_source_that_reaches_its_own_api_is_stopped(mockway: mockway.Handle) -> None:
    api = graphql_api(SCHEMA)
    http_source(api, endpoint=api.url.rsplit("/graphql", 1)[0])
    request = {
        "version": "2018-05-29",
        "method": "POST",
        "resourcePath": "/graphql",
        "params": {"headers": {"x-api-key": api.key}, "body": {"query": "{ raw }"}},
    }
    resolve(api, "raw", json.dumps(request))
    with pytest.raises(MockwayError) as raised:
        mockway.appsync(REGION).graphql(api.api_id, "{ raw }", api_key=api.key)
    assert str(raised.value).startswith(
        "calls from HTTP data sources to mockway's own endpoints nest 10 deep (the last to "
        f"{api.url})"
    )
