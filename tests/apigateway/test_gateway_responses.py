"""Gateway responses: AWS's defaults for every type, put, update and delete, and how the
defaults follow a customised DEFAULT_4XX or DEFAULT_5XX, as recorded against AWS."""

from __future__ import annotations

from typing import Any

import pytest
from builders import ACCOUNT, body, status

from support import client, expect_error

MESSAGE_TEMPLATE = {"application/json": '{"message":$context.error.messageString}'}
DETAILED_TEMPLATE = {
    "application/json": '{\n  "message": $context.error.messageString,\n'
    '  "type": "$context.error.responseType",\n  "stage": "$context.stage"\n}'
}
HEADERS = {
    "gatewayresponse.header.x-request-path": "method.request.path.petId",
    "gatewayresponse.header.Access-Control-Allow-Origin": "'a.b.c'",
    "gatewayresponse.header.x-request-query": "method.request.querystring.q",
    "gatewayresponse.header.x-request-header": "method.request.header.Accept",
}
ONE_HEADER = {"gatewayresponse.header.x-request-header": "method.request.header.Accept"}

# Every type with its default status code, in the order GetGatewayResponses lists them.
DEFAULT_STATUS = {
    "INTEGRATION_FAILURE": "504",
    "RESOURCE_NOT_FOUND": "404",
    "REQUEST_TOO_LARGE": "413",
    "THROTTLED": "429",
    "UNSUPPORTED_MEDIA_TYPE": "415",
    "AUTHORIZER_CONFIGURATION_ERROR": "500",
    "DEFAULT_5XX": None,
    "DEFAULT_4XX": None,
    "BAD_REQUEST_PARAMETERS": "400",
    "BAD_REQUEST_BODY": "400",
    "EXPIRED_TOKEN": "403",
    "ACCESS_DENIED": "403",
    "INVALID_API_KEY": "403",
    "UNAUTHORIZED": "401",
    "API_CONFIGURATION_ERROR": "500",
    "QUOTA_EXCEEDED": "429",
    "INTEGRATION_TIMEOUT": "504",
    "MISSING_AUTHENTICATION_TOKEN": "403",
    "INVALID_SIGNATURE": "403",
    "AUTHORIZER_FAILURE": "500",
    "WAF_FILTERED": "403",
}
FIVE_XX = {"API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE"} | {
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
}
FOUR_XX = set(DEFAULT_STATUS) - FIVE_XX - {"DEFAULT_4XX", "DEFAULT_5XX"}
TYPES_IN_ERRORS = (
    "REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, "
    "MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, "
    "BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, "
    "ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, "
    "API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN"
)
NOT_PUT = "Gateway response type not defined on api"


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="responses")["id"])


@pytest.fixture
def raw(apigw: Any) -> Any:
    """A client that leaves validation to the service."""
    return client("apigateway", validate=False)


def default(response_type: str, **changed: Any) -> dict[str, Any]:
    """AWS's default response of a type, with some members changed."""
    response: dict[str, Any] = {
        "responseType": response_type,
        "statusCode": DEFAULT_STATUS[response_type],
        "responseParameters": {},
        "responseTemplates": MESSAGE_TEMPLATE,
        "defaultResponse": True,
        **changed,
    }
    return {k: v for k, v in response.items() if v is not None}


def listed(apigw: Any, api_id: str) -> dict[str, dict[str, Any]]:
    """GetGatewayResponses by type, checking it lists every type once, in AWS's order."""
    response = apigw.get_gateway_responses(restApiId=api_id)
    assert "position" not in response
    assert [item["responseType"] for item in response["items"]] == list(DEFAULT_STATUS)
    return {item["responseType"]: item for item in response["items"]}


def get(apigw: Any, api_id: str, response_type: str) -> dict[str, Any]:
    return body(apigw.get_gateway_response(restApiId=api_id, responseType=response_type))


def test_every_type_of_the_model_has_a_default(apigw: Any) -> None:
    model = apigw.meta.service_model.shape_for("GatewayResponseType").enum
    assert sorted(model) == sorted(DEFAULT_STATUS)


def test_a_new_api_has_aws_defaults_for_every_type(apigw: Any, api_id: str) -> None:
    expected = {kind: default(kind) for kind in DEFAULT_STATUS}
    assert listed(apigw, api_id) == expected
    for kind in DEFAULT_STATUS:
        response = apigw.get_gateway_response(restApiId=api_id, responseType=kind)
        assert status(response) == 200
        assert body(response) == expected[kind]
    # The two fallbacks have no status code of their own.
    assert "statusCode" not in expected["DEFAULT_4XX"]


def test_put_get_list_and_delete(apigw: Any, api_id: str) -> None:
    kind = "MISSING_AUTHENTICATION_TOKEN"
    assert get(apigw, api_id, kind) == default(kind)

    put = apigw.put_gateway_response(
        restApiId=api_id,
        responseType=kind,
        statusCode="404",
        responseParameters=HEADERS,
        responseTemplates=DETAILED_TEMPLATE,
    )
    assert status(put) == 201
    customised = {
        "responseType": kind,
        "statusCode": "404",
        "responseParameters": HEADERS,
        "responseTemplates": DETAILED_TEMPLATE,
        "defaultResponse": False,
    }
    assert body(put) == customised
    assert get(apigw, api_id, kind) == customised
    listing = listed(apigw, api_id)
    assert listing[kind] == customised
    assert listing["ACCESS_DENIED"] == default("ACCESS_DENIED")

    deleted = apigw.delete_gateway_response(restApiId=api_id, responseType=kind)
    assert status(deleted) == 202
    assert body(deleted) == {}
    assert get(apigw, api_id, kind) == default(kind)
    with expect_error(apigw, "NotFoundException", NOT_PUT, 404):
        apigw.delete_gateway_response(restApiId=api_id, responseType=kind)


def test_a_put_takes_what_it_lacks_from_the_type_default(apigw: Any, api_id: str) -> None:
    kind = "MISSING_AUTHENTICATION_TOKEN"

    def put(**members: Any) -> dict[str, Any]:
        response = apigw.put_gateway_response(restApiId=api_id, responseType=kind, **members)
        assert status(response) == 201
        return body(response)

    # Each put replaces the whole response.
    put(statusCode="404", responseParameters=HEADERS, responseTemplates=DETAILED_TEMPLATE)
    assert put(statusCode="404") == default(kind, statusCode="404", defaultResponse=False)
    assert put(responseParameters=ONE_HEADER) == default(
        kind, responseParameters=ONE_HEADER, defaultResponse=False
    )
    assert put(responseTemplates=DETAILED_TEMPLATE) == default(
        kind, responseTemplates=DETAILED_TEMPLATE, defaultResponse=False
    )
    assert get(apigw, api_id, kind) == default(
        kind, responseTemplates=DETAILED_TEMPLATE, defaultResponse=False
    )
    # A fallback put without a status code has none.
    assert put_fallback(apigw, api_id, "DEFAULT_4XX") == default(
        "DEFAULT_4XX", defaultResponse=False
    )


def put_fallback(apigw: Any, api_id: str, kind: str, **members: Any) -> dict[str, Any]:
    return body(apigw.put_gateway_response(restApiId=api_id, responseType=kind, **members))


def test_defaults_follow_a_customised_default_5xx(apigw: Any, api_id: str) -> None:
    fallback = put_fallback(
        apigw,
        api_id,
        "DEFAULT_5XX",
        statusCode="599",
        responseParameters=ONE_HEADER,
        responseTemplates=DETAILED_TEMPLATE,
    )
    assert fallback == {
        "responseType": "DEFAULT_5XX",
        "statusCode": "599",
        "responseParameters": ONE_HEADER,
        "responseTemplates": DETAILED_TEMPLATE,
        "defaultResponse": False,
    }
    # A type put afterwards takes its own defaults, not the fallback's.
    own = put_fallback(
        apigw,
        api_id,
        "AUTHORIZER_FAILURE",
        responseParameters={"gatewayresponse.header.foo": "'bar'"},
    )
    assert own == default(
        "AUTHORIZER_FAILURE",
        responseParameters={"gatewayresponse.header.foo": "'bar'"},
        defaultResponse=False,
    )

    following = {
        "statusCode": "599",
        "responseParameters": ONE_HEADER,
        "responseTemplates": DETAILED_TEMPLATE,
    }
    listing = listed(apigw, api_id)
    for kind in FIVE_XX - {"AUTHORIZER_FAILURE"}:
        expected = default(kind, **following)
        assert listing[kind] == expected
        assert get(apigw, api_id, kind) == expected
    assert listing["AUTHORIZER_FAILURE"] == own
    for kind in FOUR_XX | {"DEFAULT_4XX"}:
        assert listing[kind] == default(kind)

    apigw.delete_gateway_response(restApiId=api_id, responseType="DEFAULT_5XX")
    assert get(apigw, api_id, "INTEGRATION_TIMEOUT") == default("INTEGRATION_TIMEOUT")
    assert get(apigw, api_id, "DEFAULT_5XX") == default("DEFAULT_5XX")


def test_defaults_keep_their_status_under_a_default_4xx_without_one(
    apigw: Any, api_id: str
) -> None:
    put_fallback(apigw, api_id, "DEFAULT_4XX", responseTemplates=DETAILED_TEMPLATE)
    listing = listed(apigw, api_id)
    for kind in FOUR_XX:
        assert listing[kind] == default(kind, responseTemplates=DETAILED_TEMPLATE)
    for kind in FIVE_XX:
        assert listing[kind] == default(kind)

    put_fallback(apigw, api_id, "DEFAULT_4XX", statusCode="418", responseParameters=ONE_HEADER)
    for kind in FOUR_XX:
        assert get(apigw, api_id, kind) == default(
            kind, statusCode="418", responseParameters=ONE_HEADER
        )


def test_update_customises_the_response_get_shows(raw: Any, api_id: str) -> None:
    # Updating a type never put makes it the API's own.
    first = raw.update_gateway_response(
        restApiId=api_id,
        responseType="DEFAULT_4XX",
        patchOperations=[{"op": "replace", "path": "/statusCode", "value": "444"}],
    )
    assert status(first) == 200
    expected = default("DEFAULT_4XX", statusCode="444", defaultResponse=False)
    assert body(first) == expected
    assert get(raw, api_id, "DEFAULT_4XX") == expected

    nested = {
        "application/json": '{"application/json": "{\\"message\\":$context.error.messageString}"}'
    }
    put = put_fallback(
        raw,
        api_id,
        "DEFAULT_4XX",
        statusCode="404",
        responseParameters=HEADERS,
        responseTemplates=nested,
    )
    assert put["statusCode"] == "404"
    xml = "<gatewayResponse><message>$context.error.messageString</message></gatewayResponse>"
    updated = raw.update_gateway_response(
        restApiId=api_id,
        responseType="DEFAULT_4XX",
        patchOperations=[
            {"op": "replace", "path": "/statusCode", "value": "444"},
            {
                "op": "replace",
                "path": "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin",
                "value": "'example.com'",
            },
            {"op": "add", "path": "/responseTemplates/application~1xml", "value": xml},
        ],
    )
    expected = {
        "responseType": "DEFAULT_4XX",
        "statusCode": "444",
        "responseParameters": {
            **HEADERS,
            "gatewayresponse.header.Access-Control-Allow-Origin": "'example.com'",
        },
        "responseTemplates": {**nested, "application/xml": xml},
        "defaultResponse": False,
    }
    assert body(updated) == expected
    assert get(raw, api_id, "DEFAULT_4XX") == expected
    # The 4XX defaults follow it.
    assert get(raw, api_id, "THROTTLED") == {
        **expected,
        "responseType": "THROTTLED",
        "defaultResponse": True,
    }


def test_update_starts_from_a_followed_fallback(apigw: Any, api_id: str) -> None:
    put_fallback(apigw, api_id, "DEFAULT_5XX", statusCode="599", responseParameters=ONE_HEADER)
    updated = apigw.update_gateway_response(
        restApiId=api_id,
        responseType="INTEGRATION_FAILURE",
        patchOperations=[
            {"op": "add", "path": "/responseParameters/gatewayresponse.header.b", "value": "'2'"}
        ],
    )
    assert body(updated) == default(
        "INTEGRATION_FAILURE",
        statusCode="599",
        responseParameters={**ONE_HEADER, "gatewayresponse.header.b": "'2'"},
        defaultResponse=False,
    )
    # It is the API's own now: it no longer follows the fallback.
    put_fallback(apigw, api_id, "DEFAULT_5XX", statusCode="598")
    assert get(apigw, api_id, "INTEGRATION_FAILURE")["statusCode"] == "599"
    assert get(apigw, api_id, "INTEGRATION_TIMEOUT")["statusCode"] == "598"


def test_update_removes_and_adds_entries(apigw: Any, api_id: str) -> None:
    put_fallback(apigw, api_id, "UNAUTHORIZED", responseParameters=HEADERS)
    header = "gatewayresponse.header.x-request-query"
    updated = apigw.update_gateway_response(
        restApiId=api_id,
        responseType="UNAUTHORIZED",
        patchOperations=[
            {"op": "remove", "path": f"/responseParameters/{header}"},
            {"op": "remove", "path": "/responseTemplates/application~1json"},
            {"op": "add", "path": "/responseTemplates/text~1plain", "value": "$context.error"},
            {"op": "add", "path": "/responseTemplates/text~1plain", "value": "again"},
        ],
    )
    assert body(updated) == default(
        "UNAUTHORIZED",
        responseParameters={k: v for k, v in HEADERS.items() if k != header},
        responseTemplates={"text/plain": "again"},
        defaultResponse=False,
    )
    # No templates at all is shown as an empty map.
    emptied = apigw.update_gateway_response(
        restApiId=api_id,
        responseType="UNAUTHORIZED",
        patchOperations=[{"op": "remove", "path": "/responseTemplates/text~1plain"}],
    )
    assert emptied["responseTemplates"] == {}
    assert listed(apigw, api_id)["UNAUTHORIZED"]["responseTemplates"] == {}


PARAMETER = "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin"


@pytest.mark.parametrize(
    ("kind", "operation", "error"),
    [
        (
            "DEFAULT_4XX",
            {"op": "add", "path": "/statusCode", "value": "444"},
            ("BadRequestException", "Invalid patch path /statusCode", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "remove", "path": "/statusCode"},
            ("BadRequestException", "Invalid patch path /statusCode", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "add", "path": "/wrongPath", "value": "'example.com'"},
            ("BadRequestException", "Invalid patch path /wrongPath", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "add", "value": "'example.com'"},
            ("BadRequestException", "Invalid patch path null", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "replace", "path": "/responseParameters"},
            ("BadRequestException", "Invalid patch path /responseParameters", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "copy", "path": PARAMETER, "from": "/statusCode"},
            ("BadRequestException", f"Invalid patch path {PARAMETER}", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "wrong-op", "path": "/statusCode", "value": "'example.com'"},
            (
                "ValidationException",
                "1 validation error detected: Value 'wrong-op' at "
                "'updateGatewayResponseInput.patchOperations.2.member.op' failed to satisfy "
                "constraint: Member must satisfy enum value set: "
                "[add, remove, move, test, replace, copy]",
                400,
            ),
        ),
        (
            "DEFAULT_5XX",
            {"op": "replace", "path": PARAMETER, "value": "'example.com'"},
            ("NotFoundException", "Invalid parameter name specified", 404),
        ),
        (
            "DEFAULT_5XX",
            {"op": "remove", "path": PARAMETER},
            ("NotFoundException", "Invalid parameter name specified", 404),
        ),
        (
            "DEFAULT_4XX",
            {"op": "replace", "path": "/responseTemplates/application~1xml", "value": "x"},
            ("NotFoundException", "Content-Type specified was not found", 404),
        ),
        (
            "DEFAULT_4XX",
            {"op": "replace", "path": "/responseTemplates/application~1json"},
            ("BadRequestException", "Invalid null or empty value in responseTemplates", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "add", "path": "/responseTemplates/application~1xml", "value": ""},
            ("BadRequestException", "Invalid null or empty value in responseTemplates", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "add", "path": PARAMETER},
            ("BadRequestException", "Invalid null or empty value in responseParameters", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "replace", "path": "/statusCode"},
            ("BadRequestException", "Invalid null or empty value in statusCode", 400),
        ),
        (
            "DEFAULT_4XX",
            {"op": "replace", "path": "/statusCode", "value": "600"},
            ("BadRequestException", "Invalid status code specified: 600", 400),
        ),
    ],
)
def test_refused_updates_change_nothing(
    raw: Any, api_id: str, kind: str, operation: dict[str, str], error: tuple[str, str, int]
) -> None:
    before = get(raw, api_id, kind)
    with expect_error(raw, *error):
        raw.update_gateway_response(
            restApiId=api_id,
            responseType=kind,
            patchOperations=[{"op": "replace", "path": "/statusCode", "value": "499"}, operation],
        )
    assert get(raw, api_id, kind) == before
    # Still never put.
    with expect_error(raw, "NotFoundException", NOT_PUT, 404):
        raw.delete_gateway_response(restApiId=api_id, responseType=kind)


def test_refused_values_of_a_put_response(raw: Any, api_id: str) -> None:
    templates = {**MESSAGE_TEMPLATE, "application/xml": "<message/>"}
    put_fallback(
        raw, api_id, "DEFAULT_4XX", responseParameters=HEADERS, responseTemplates=templates
    )
    before = get(raw, api_id, "DEFAULT_4XX")
    paths = {
        "/responseTemplates/application~1xml": "responseTemplates",
        PARAMETER: "responseParameters",
    }
    for path, member in paths.items():
        for value in (None, ""):
            message = f"Invalid null or empty value in {member}"
            with expect_error(raw, "BadRequestException", message, 400):
                raw.update_gateway_response(
                    restApiId=api_id,
                    responseType="DEFAULT_4XX",
                    patchOperations=[{"op": "replace", "path": path, "value": value}],
                )
    assert get(raw, api_id, "DEFAULT_4XX") == before


def test_an_unknown_api(raw: Any) -> None:
    missing = f"Invalid API identifier specified {ACCOUNT}:fake-api-id"
    key = {"restApiId": "fake-api-id", "responseType": "DEFAULT_4XX"}
    calls = [
        lambda: raw.get_gateway_responses(restApiId="fake-api-id"),
        lambda: raw.get_gateway_response(**key),
        lambda: raw.delete_gateway_response(**key),
        lambda: raw.update_gateway_response(**key, patchOperations=[]),
        lambda: raw.put_gateway_response(**key, statusCode="404"),
    ]
    for call in calls:
        with expect_error(raw, "NotFoundException", missing, 404):
            call()


def test_an_unknown_response_type(raw: Any, api_id: str) -> None:
    message = (
        "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to "
        f"satisfy constraint: Member must satisfy enum value set: [{TYPES_IN_ERRORS}]"
    )
    key = {"restApiId": api_id, "responseType": "FAKE_RESPONSE_TYPE"}
    calls = [
        lambda: raw.get_gateway_response(**key),
        lambda: raw.delete_gateway_response(**key),
        lambda: raw.update_gateway_response(**key, patchOperations=[]),
        lambda: raw.put_gateway_response(
            **key, statusCode="404", responseParameters={}, responseTemplates={}
        ),
    ]
    for call in calls:
        with expect_error(raw, "ValidationException", message, 400):
            call()


def test_a_status_code_a_put_refuses(raw: Any, api_id: str) -> None:
    pattern = (
        "Value '{}' at 'putGatewayResponseInput.statusCode' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [1-5]\\d\\d"
    )
    for code in ("wrong", "600", "4000", "40"):
        with expect_error(
            raw, "ValidationException", "1 validation error detected: " + pattern.format(code), 400
        ):
            raw.put_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX", statusCode=code)
    # A bad status code is reported before a bad type in the URI.
    with expect_error(
        raw,
        "ValidationException",
        "2 validation errors detected: "
        + pattern.format("wrong")
        + "; Value 'NOPE' at 'responseType' failed to satisfy constraint: Member must satisfy "
        f"enum value set: [{TYPES_IN_ERRORS}]",
        400,
    ):
        raw.put_gateway_response(restApiId=api_id, responseType="NOPE", statusCode="wrong")
    assert listed(raw, api_id)["DEFAULT_4XX"] == default("DEFAULT_4XX")


def test_the_collection_is_never_paged(apigw: Any, api_id: str) -> None:
    for extra in ({"limit": 1}, {"limit": 500}, {"position": "anything", "limit": 3}):
        response = apigw.get_gateway_responses(restApiId=api_id, **extra)
        assert len(response["items"]) == len(DEFAULT_STATUS)
        assert "position" not in response
    pages = list(
        apigw.get_paginator("get_gateway_responses").paginate(
            restApiId=api_id, PaginationConfig={"PageSize": 5}
        )
    )
    assert len(pages) == 1
    assert len(pages[0]["items"]) == len(DEFAULT_STATUS)


def test_responses_belong_to_their_api(apigw: Any, api_id: str) -> None:
    other = apigw.create_rest_api(name="other")["id"]
    put_fallback(apigw, api_id, "DEFAULT_4XX", statusCode="400")
    assert get(apigw, other, "THROTTLED") == default("THROTTLED")
    assert get(apigw, api_id, "THROTTLED")["statusCode"] == "400"
    apigw.delete_rest_api(restApiId=api_id)
    with expect_error(
        apigw, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:{api_id}", 404
    ):
        apigw.get_gateway_response(restApiId=api_id, responseType="THROTTLED")
