"""Non-proxy integrations: request templates, integration responses selected by status code
or error message, response templates and response parameters."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dataplane_support import REGION, Send, assert_answered, assert_refused

import mockway
from mockway.apigateway.view import HttpRequest, HttpResponse

FUNCTION = f"arn:aws:lambda:{REGION}:123456789012:function:pets"
LAMBDA_URI = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{FUNCTION}/invocations"


class Method:
    """One GET method of a fresh API, built up call by call, then deployed."""

    def __init__(self, handle: mockway.Handle, apigw: Any, path: str = "/pets") -> None:
        self.apigw = apigw
        self.api = handle.apigateway().create_deployed_api(paths=(path,))
        self.where = {
            "restApiId": self.api.api_id,
            "resourceId": self.api.resource_ids[path],
            "httpMethod": "GET",
        }
        apigw.delete_integration(**self.where)
        apigw.delete_method_response(**self.where, statusCode="200")

    def integration(self, **integration: Any) -> Method:
        self.apigw.put_integration(**self.where, **integration)
        return self

    def parameters(self, *names: str) -> Method:
        self.apigw.update_method(
            **self.where,
            patchOperations=[
                {"op": "add", "path": f"/requestParameters/{name}", "value": "false"}
                for name in names
            ],
        )
        return self

    def response(self, status: str, headers: tuple[str, ...] = (), **response: Any) -> Method:
        self.apigw.put_method_response(
            **self.where,
            statusCode=status,
            responseParameters={f"method.response.header.{h}": False for h in headers},
        )
        self.apigw.put_integration_response(**self.where, statusCode=status, **response)
        return self

    def deploy(self) -> str:
        self.apigw.create_deployment(restApiId=self.api.api_id, stageName=self.api.stage)
        return f"{self.api.invoke_url}/pets"


SCOPED = (
    '{ #if( $input.params(\'scope\') == "internal" ) "statusCode": 200 '
    '#else "statusCode": 500 #end }'
)


def test_a_mock_picks_its_response_by_the_status_its_request_template_writes(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = (
        Method(mockway, apigw)
        .integration(type="MOCK", requestTemplates={"application/json": SCOPED})
        .response(
            "200",
            responseTemplates={
                "application/json": '{"statusCode": 200, "message": "Go ahead without me"}'
            },
        )
        .response(
            "500",
            selectionPattern=r"5\d{2}",
            responseTemplates={"application/json": '{"statusCode": 500, "message": "no"}'},
        )
        .deploy()
    )
    inside = send("GET", f"{url}?scope=internal")
    assert_answered(inside, 200)
    assert inside.json() == {"statusCode": 200, "message": "Go ahead without me"}
    outside = send("GET", url)
    assert_answered(outside, 500)
    assert outside.json() == {"statusCode": 500, "message": "no"}
    assert outside.error_type is None


def test_response_templates_see_input_context_stage_variables_and_util(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    method = Method(mockway, apigw, "/pets/{id}")
    method.apigw.update_stage(
        restApiId=method.api.api_id,
        stageName=method.api.stage,
        patchOperations=[{"op": "replace", "path": "/variables/color", "value": "blue"}],
    )
    template = (
        '{"id": "$input.params(\'id\')", '
        '"stage": "$context.stage", "path": "$context.resourcePath", '
        '"color": "$stageVariables.color", '
        '"quoted": "$util.escapeJavaScript($input.params(\'q\'))", '
        '"encoded": "$util.urlEncode(\'a b&c\')"}'
    )
    (
        method.integration(
            type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
        )
        .response("200", responseTemplates={"application/json": template})
        .deploy()
    )
    reply = send("GET", f"{method.api.invoke_url}/pets/7?q=say%20%22hi%22")
    assert_answered(reply, 200)
    assert reply.json() == {
        "id": "7",
        "stage": method.api.stage,
        "path": "/pets/{id}",
        "color": "blue",
        "quoted": 'say "hi"',
        "encoded": "a+b%26c",
    }


def responding(handle: mockway.Handle, apigw: Any, template: str) -> str:
    """A MOCK method whose 200 response renders ``template``; its URL."""
    return (
        Method(handle, apigw)
        .integration(type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
        .response("200", responseTemplates={"application/json": template})
        .deploy()
    )


def test_templates_call_javas_string_methods(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    template = (
        "#if($input.params('status').toString().equals(\"FAILED\"))"
        '{"failed": true, "code": "$input.params(\'code\').trim().toUpperCase()"}'
        '#else{"failed": false, "upper": "$input.params(\'code\').upper()"}#end'
    )
    url = responding(mockway, apigw, template)
    failed = send("GET", f"{url}?status=FAILED&code=%20ab%20")
    assert_answered(failed, 200)
    assert failed.json() == {"failed": True, "code": "AB"}
    # Python's own methods are not Java's: the reference is unresolved, so empty.
    other = send("GET", f"{url}?status=OK&code=ab")
    assert other.json() == {"failed": False, "upper": ""}


def test_break_leaves_the_innermost_foreach_or_ends_the_template(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # Velocity 1.7: #break stops the innermost scope, the template itself outside any loop.
    template = (
        '{"flat": "#foreach($x in [1,2,3,4])#if($x == 3)#break#end$x,#end", '
        '"nested": "#foreach($x in [1,2])#foreach($y in [1,2,3])#if($y == 2)#{break}#end'
        '$x$y,#end;#end"}'
        "#if($input.params('cut') == 'yes')#break#end trailing"
    )
    url = responding(mockway, apigw, template)
    reply = send("GET", f"{url}?cut=yes")
    assert_answered(reply, 200)
    assert reply.body == b'{"flat": "1,2,", "nested": "11,;21,;"}'
    assert send("GET", url).body.endswith(b"} trailing")


def test_a_response_template_overrides_the_status_and_headers(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    template = (
        "#if($input.params('fail') == 'yes')"
        "#set($context.responseOverride.status = 418)"
        '#set($context.responseOverride.header.Retry = "later")#end'
        '{"escaped": "$util.escapeJavaScript($input.params(\'q\'))", '
        '"encoded": "$util.urlEncode(\'~*\')"}'
    )
    url = responding(mockway, apigw, template)
    plain = send("GET", f"{url}?q=%C3%A9%2F")
    assert_answered(plain, 200)
    assert "retry" not in plain.headers
    # Apache Commons' escapes and Java's URLEncoder, as in AppSync's $util
    assert plain.body == b'{"escaped": "\\u00E9\\/", "encoded": "%7E*"}'
    teapot = send("GET", f"{url}?fail=yes")
    assert teapot.status == 418
    assert teapot.headers["retry"] == "later"


def test_a_reference_to_nothing_renders_empty_and_literals_keep_backslashes(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # The console's passthrough template writes null context values as "", and AWS's
    # documented idiom turns escapeJavaScript's \' back into '.
    template = (
        '{"caller": "$context.identity.caller", "missing": "$input.path(\'$.nope\')", '
        '"quoted": "$util.escapeJavaScript($input.params(\'q\')).replaceAll("\\\\\'","\'")"}'
    )
    url = responding(mockway, apigw, template)
    reply = send("GET", f"{url}?q=it%27s")
    assert_answered(reply, 200)
    assert reply.json() == {"caller": "", "missing": "", "quoted": "it's"}


def test_a_hyphen_belongs_to_the_name_before_it(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # Velocity 1.7, as API Gateway runs it: $a-x is the name "a-x", which renders as nothing
    template = (
        '{"key": "$input.params().header.x-api-key", '
        '"joined": "$input.params(\'q\')-x", "braced": "${context.stage}-x", '
        '"bare": "$context.stage-x"}'
    )
    url = responding(mockway, apigw, template)
    reply = send("GET", f"{url}?q=owls", {"x-api-key": "k1"})
    assert_answered(reply, 200)
    assert reply.json() == {"key": "k1", "joined": "owls-x", "braced": "dev-x", "bare": ""}


def test_a_doubled_quote_in_a_literal_is_one_quote(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # as recorded in API Gateway: "1\\""2""3" is 1\\"2"3, and JSON can be written in a literal
    template = (
        '#set($j = "{""stage"": ""$context.stage""}")'
        '#set($d = "1\\\\""2""3")'
        '{"made": $j, "kept": "$util.escapeJavaScript($d)"}'
    )
    url = responding(mockway, apigw, template)
    reply = send("GET", url)
    assert_answered(reply, 200)
    assert reply.json() == {"made": {"stage": "dev"}, "kept": '1\\\\"2"3'}


def test_a_mock_without_integration_responses_is_500(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = Method(mockway, apigw).integration(type="MOCK").deploy()
    assert_refused(send("GET", url), 500, "Internal server error", "InternalServerErrorException")


def test_a_template_that_does_not_parse_is_500(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = (
        Method(mockway, apigw)
        .integration(type="MOCK", requestTemplates={"application/json": "#if($a)"})
        .response("200")
        .deploy()
    )
    assert_refused(send("GET", url), 500, "Internal server error", "InternalServerErrorException")


@pytest.mark.parametrize(
    ("behavior", "content_type", "status"),
    [
        ("NEVER", "text/plain", 415),
        ("NEVER", "application/json", 200),
        ("WHEN_NO_MATCH", "text/plain", 200),
        ("WHEN_NO_TEMPLATES", "text/plain", 415),
    ],
)
def test_passthrough_behavior_decides_a_content_type_without_a_template(
    mockway: mockway.Handle, apigw: Any, behavior: str, content_type: str, status: int
) -> None:
    url = (
        Method(mockway, apigw)
        .integration(
            type="MOCK",
            passthroughBehavior=behavior,
            requestTemplates={"application/json": '{"statusCode": 200}'},
        )
        .response("200")
        .deploy()
    )
    reply = mockway.apigateway().invoke("GET", url, headers={"Content-Type": content_type})
    assert reply.status == status
    if status == 415:
        assert reply.json() == {"message": "Unsupported Media Type"}
        assert reply.header("x-amzn-ErrorType") == "UnsupportedMediaTypeException"


def test_a_lambda_gets_the_request_templates_json_and_its_answer_is_mapped(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = (
        Method(mockway, apigw)
        .integration(
            type="AWS",
            integrationHttpMethod="POST",
            uri=LAMBDA_URI,
            requestTemplates={"application/json": '{"kind": "$input.params(\'kind\')"}'},
        )
        .response(
            "200",
            headers=("X-Kind",),
            responseTemplates={"application/json": '{"name": "$input.path(\'$.pet.name\')"}'},
            responseParameters={"method.response.header.X-Kind": "integration.response.body.kind"},
        )
        .response(
            "404",
            selectionPattern=".*not found.*",
            responseTemplates={"application/json": '{"error": "$input.path(\'$.errorMessage\')"}'},
        )
        .deploy()
    )
    events: list[Any] = []

    def pets(event: Any, context: Any) -> Any:
        events.append(event)
        if event["kind"] == "dragon":
            raise LookupError("dragon not found")
        return {"kind": event["kind"], "pet": {"name": "Rex"}}

    mockway.apigateway().register_lambda(FUNCTION, pets)
    found = send("GET", f"{url}?kind=dog")
    assert_answered(found, 200)
    assert found.json() == {"name": "Rex"}
    assert found.headers["x-kind"] == "dog"
    missing = send("GET", f"{url}?kind=dragon")
    assert_answered(missing, 404)
    assert missing.json() == {"error": "dragon not found"}
    assert events == [{"kind": "dog"}, {"kind": "dragon"}]


def test_a_lambda_error_no_pattern_matches_takes_the_default_response(
    mockway: mockway.Handle, apigw: Any
) -> None:
    url = (
        Method(mockway, apigw)
        .integration(type="AWS", integrationHttpMethod="POST", uri=LAMBDA_URI)
        .response("200")
        .deploy()
    )

    def fails(event: Any, context: Any) -> Any:
        raise ValueError("boom")

    mockway.apigateway().register_lambda(FUNCTION, fails)
    reply = mockway.apigateway().invoke("GET", url)
    assert reply.status == 200
    body = reply.json()
    assert (body["errorMessage"], body["errorType"]) == ("boom", "ValueError")
    # what JSON cannot hold is the Python runtime's error, as a Lambda's own error is
    mockway.apigateway().register_lambda(FUNCTION, lambda event, context: {1.5j: "complex"})
    body = mockway.apigateway().invoke("GET", url).json()
    assert body == {
        "errorMessage": "Unable to marshal response: "
        "keys must be str, int, float, bool or None, not complex",
        "errorType": "Runtime.MarshalError",
        "stackTrace": [],
    }


def test_an_http_back_end_gets_mapped_parameters_and_its_status_selects_the_response(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = (
        Method(mockway, apigw)
        .parameters("method.request.querystring.q", "method.request.header.X-Team")
        .integration(
            type="HTTP",
            integrationHttpMethod="POST",
            uri="https://backend.example.com/search?v=2",
            requestParameters={
                "integration.request.querystring.term": "method.request.querystring.q",
                "integration.request.header.X-Team": "method.request.header.X-Team",
                "integration.request.header.X-Fixed": "'yes'",
            },
            requestTemplates={"application/json": '{"term": "$input.params(\'q\')"}'},
        )
        .response(
            "200",
            headers=("X-Source",),
            responseParameters={
                "method.response.header.X-Source": "integration.response.header.Server"
            },
        )
        .response(
            "404",
            selectionPattern=r"4\d{2}",
            responseTemplates={"application/json": '{"found": false}'},
        )
        .deploy()
    )
    seen: list[HttpRequest] = []

    def backend(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        status = 404 if "missing" in request.query else 200
        return HttpResponse(status, {"Server": "pets/1"}, b'{"hits": 3}')

    mockway.apigateway().register_http("https://backend.example.com", backend)
    reply = send("GET", f"{url}?q=cats&ignored=1", {"X-Team": "blue", "X-Other": "dropped"})
    assert_answered(reply, 200)
    assert reply.json() == {"hits": 3}
    assert reply.headers["x-source"] == "pets/1"
    request = seen[0]
    assert (request.method, request.path, request.query) == ("POST", "/search", "v=2&term=cats")
    assert request.header("x-team") == "blue"
    assert request.header("x-fixed") == "yes"
    assert request.header("x-other") is None
    assert json.loads(request.body) == {"term": "cats"}
    # API Gateway's own headers on a call it makes (as recorded against AWS), not the client's
    url_id = url.split("//")[1].split(".")[0]
    assert request.header("user-agent") == f"AmazonAPIGateway_{url_id}"
    assert request.header("accept") == "application/json"
    assert request.header("x-amzn-apigateway-api-id") == url_id
    missing = send("GET", f"{url}?q=missing")
    assert_answered(missing, 404)
    assert missing.json() == {"found": False}


OVERRIDING = (
    '#set($team = $input.params("Team"))'
    '#set($context.requestOverride.header.team = "${team}-and-red")'
    '#set($context.requestOverride.header.X-Amz-Target = "AWSEvents.PutEvents")'
    '#set($context.requestOverride.header.Extra = "made")'
    '#set($context.requestOverride.querystring.term = "dogs")'
    '#set($context.requestOverride.path.kind = "cats")'
    "{}"
)


def test_a_request_template_overrides_the_back_ends_headers_query_and_path(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    method = (
        Method(mockway, apigw, "/pets/{kind}")
        .parameters(
            "method.request.path.kind", "method.request.querystring.q", "method.request.header.Team"
        )
        .integration(
            type="HTTP",
            integrationHttpMethod="GET",
            uri="https://backend.example.com/animals/{kind}",
            requestParameters={
                "integration.request.path.kind": "method.request.path.kind",
                "integration.request.querystring.term": "method.request.querystring.q",
                "integration.request.header.Team": "method.request.header.Team",
            },
            requestTemplates={"application/json": OVERRIDING},
        )
        .response("200")
    )
    method.deploy()
    seen: list[HttpRequest] = []

    def backend(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        return HttpResponse(200, {}, b"{}")

    mockway.apigateway().register_http("https://backend.example.com", backend)
    reply = send("GET", f"{method.api.invoke_url}/pets/birds?q=owls", {"Team": "blue"})
    assert_answered(reply, 200)
    (request,) = seen
    assert (request.path, request.query) == ("/animals/cats", "term=dogs")
    teams = [value for name, value in request.headers if name.lower() == "team"]
    assert teams == ["blue-and-red"]  # the mapped header replaced, in any case
    assert request.header("extra") == "made"
    assert request.header("x-amz-target") == "AWSEvents.PutEvents"  # a name with hyphens


def test_a_parameter_overridden_twice_is_500(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    twice = '#foreach($i in [1, 2])#set($context.requestOverride.header.Try = "$i")#end{}'
    url = (
        Method(mockway, apigw)
        .integration(
            type="HTTP",
            integrationHttpMethod="GET",
            uri="https://backend.example.com/pets",
            requestTemplates={"application/json": twice},
        )
        .response("200", responseTemplates={"application/json": ONCE_TWICE})
        .deploy()
    )
    calls: list[HttpRequest] = []
    mockway.apigateway().register_http(
        "https://backend.example.com", lambda r: calls.append(r) or HttpResponse(200, {}, b"{}")
    )
    reply = send("GET", url)
    assert_answered(reply, 500)
    assert reply.json() == {"message": "Internal server error"}
    assert calls == []


ONCE_TWICE = (
    "#set($context.responseOverride.status = 201)#set($context.responseOverride.status = 202)"
)


def test_a_status_overridden_twice_is_500(mockway: mockway.Handle, apigw: Any, send: Send) -> None:
    url = (
        Method(mockway, apigw)
        .integration(type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
        .response("200", responseTemplates={"application/json": ONCE_TWICE})
        .deploy()
    )
    reply = send("GET", url)
    assert_answered(reply, 500)
    assert reply.json() == {"message": "Internal server error"}


CATALOG = {
    "items": [
        {"id": "a", "price": 5, "kind": "toy", "sold": True},
        {"id": "b", "price": 12, "kind": "book"},
        {"id": "c", "price": 8.5, "kind": "toy", "sold": False},
    ],
    "owner": {"id": "o", "name": "Ada"},
}
JSONPATHS = (
    "{\"ids\": $input.json('$.items[*].id'), "
    "\"cheap\": $input.json('$.items[?(@.price < 10)].id'), "
    '"toys": $input.json("$.items[?(@.kind == \'toy\')].id"), '
    '"notToys": $input.json(\'$.items[?(@.kind != "toy")].id\'), '
    "\"sold\": $input.json('$.items[?(@.sold == true)].id'), "
    "\"flagged\": $input.json('$.items[?(@.sold)].id'), "
    "\"deep\": $input.json('$..id'), "
    "\"slice\": $input.json('$.items[1:3].id'), "
    "\"last\": $input.json('$.items[-1:].id'), "
    "\"union\": $input.json('$.items[0,2].id'), "
    "\"owner\": $input.json('$.owner.*'), "
    "\"none\": $input.json('$.items[?(@.price > 100)]'), "
    "\"first\": $input.json('$.items[0].id'), "
    "\"count\": $input.path('$.items[*]').size(), "
    '"joined": "#foreach($id in $input.path(\'$..id\'))$id#end"}'
)


def test_jsonpath_wildcards_scans_slices_unions_and_filters_give_lists(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # Jayway's JsonPath (API Gateway's "JSONPath for Java"): an indefinite path is a list
    url = (
        Method(mockway, apigw)
        .integration(
            type="AWS",
            integrationHttpMethod="POST",
            uri=LAMBDA_URI,
            requestTemplates={"application/json": "{}"},
        )
        .response("200", responseTemplates={"application/json": JSONPATHS})
        .deploy()
    )
    mockway.apigateway().register_lambda(FUNCTION, lambda event, context: CATALOG)
    reply = send("GET", url)
    assert_answered(reply, 200)
    assert reply.json() == {
        "ids": ["a", "b", "c"],
        "cheap": ["a", "c"],
        "toys": ["a", "c"],
        "notToys": ["b"],
        "sold": ["a"],
        "flagged": ["a", "c"],
        "deep": ["a", "b", "c", "o"],
        "slice": ["b", "c"],
        "last": ["c"],
        "union": ["a", "c"],
        "owner": ["o", "Ada"],
        "none": [],
        "first": "a",
        "count": 3,
        "joined": "abco",
    }


def test_regex_literals_keep_their_backslashes(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    # Velocity takes a backslash in a literal as written: Java's regex sees \d, \s, \w
    template = (
        r'{"digits": #if($input.params("n").matches("\d+"))true#{else}false#end, '
        r""""dashed": "$input.params('s').replaceAll('\s+', '-')", """
        r'"length": #set($p = "\w*")$p.length()}'
    )
    url = responding(mockway, apigw, template)
    digits = send("GET", f"{url}?n=123&s=a%20%20b")
    assert_answered(digits, 200)
    assert digits.json() == {"digits": True, "dashed": "a-b", "length": 3}
    assert send("GET", f"{url}?n=12a&s=c").json()["digits"] is False
