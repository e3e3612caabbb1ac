"""Integration responses: PutIntegrationResponse, GetIntegrationResponse,
UpdateIntegrationResponse, DeleteIntegrationResponse, as recorded against AWS."""

from __future__ import annotations

from typing import Any

import pytest
from builders import body, status

from support import client, expect_error

NO_RESOURCE = "Invalid Resource identifier specified"
NO_METHOD = "Invalid Method identifier specified"
NO_INTEGRATION = "Invalid Integration identifier specified"
NOT_FOUND = "Invalid Response status code specified"
BAD_STATUS = (
    "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: "
    "Member must satisfy regular expression pattern: [1-5]\\d\\d"
)
HEADER = "method.response.header.Location"


def mapping(problem: str) -> str:
    return (
        "Invalid mapping expression specified: Validation Result: warnings : [], "
        f"errors : [{problem}]"
    )


@pytest.fixture
def method(apigw: Any) -> dict[str, str]:
    """``GET /`` with a MOCK integration (and no method response)."""
    api = apigw.create_rest_api(name="integration-responses")
    key = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigw.put_method(**key, authorizationType="NONE")
    apigw.put_integration(
        **key, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    return key


def created(apigw: Any, method: dict[str, str]) -> dict[str, Any]:
    return dict(
        apigw.put_integration_response(
            **method,
            statusCode="200",
            responseTemplates={"application/json": '"created"'},
            selectionPattern="",
        )
    )


def update(apigw: Any, method: dict[str, str], *ops: dict[str, str]) -> Any:
    return apigw.update_integration_response(**method, statusCode="200", patchOperations=list(ops))


def op(kind: str, path: str, value: str | None = None) -> dict[str, str]:
    return (
        {"op": kind, "path": path} if value is None else {"op": kind, "path": path, "value": value}
    )


def test_lifecycle(apigw: Any, method: dict[str, str]) -> None:
    put = created(apigw, method)
    first = {
        "statusCode": "200",
        "selectionPattern": "",
        "responseTemplates": {"application/json": '"created"'},
    }
    assert status(put) == 201
    assert body(put) == first
    got = apigw.get_integration_response(**method, statusCode="200")
    assert status(got) == 200
    assert body(got) == first

    updated = update(apigw, method, op("replace", "/selectionPattern", "updated-pattern"))
    assert status(updated) == 200
    assert body(updated) == {**first, "selectionPattern": "updated-pattern"}

    overwritten = apigw.put_integration_response(
        **method,
        statusCode="200",
        responseTemplates={"application/json": "overwrite"},
        selectionPattern="overwrite-pattern",
    )
    last = {
        "statusCode": "200",
        "selectionPattern": "overwrite-pattern",
        "responseTemplates": {"application/json": "overwrite"},
    }
    assert status(overwritten) == 201
    assert body(overwritten) == last
    assert body(apigw.get_method(**method)) == {
        "httpMethod": "GET",
        "authorizationType": "NONE",
        "apiKeyRequired": False,
        "methodIntegration": {
            "type": "MOCK",
            "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "passthroughBehavior": "WHEN_NO_MATCH",
            "timeoutInMillis": 29000,
            "cacheNamespace": method["resourceId"],
            "cacheKeyParameters": [],
            "integrationResponses": {"200": last},
        },
    }
    assert status(apigw.delete_integration_response(**method, statusCode="200")) == 204
    assert "integrationResponses" not in apigw.get_method(**method)["methodIntegration"]
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration_response(**method, statusCode="200")


def test_templates_as_aws_keeps_them(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    for given in (None, ""):
        put = loose.put_integration_response(
            **method,
            statusCode="200",
            selectionPattern="",
            responseTemplates={"application/json": given},
        )
        assert body(put) == {
            "statusCode": "200",
            "selectionPattern": "",
            "responseTemplates": {"application/json": None},
        }
    put = loose.put_integration_response(**method, statusCode="200", selectionPattern="")
    assert body(put) == {"statusCode": "200", "selectionPattern": ""}
    empty = apigw.put_integration_response(
        **method, statusCode="200", selectionPattern="2\\d{2}", responseTemplates={}
    )
    assert body(empty) == {
        "statusCode": "200",
        "selectionPattern": "2\\d{2}",
        "responseTemplates": {},
    }
    assert apigw.get_method(**method)["methodIntegration"]["integrationResponses"] == {
        "200": body(empty)
    }


def test_content_handling(apigw: Any, method: dict[str, str]) -> None:
    put = apigw.put_integration_response(
        **method, statusCode="200", selectionPattern="2\\d{2}", contentHandling="CONVERT_TO_BINARY"
    )
    expected = {
        "statusCode": "200",
        "selectionPattern": "2\\d{2}",
        "contentHandling": "CONVERT_TO_BINARY",
    }
    assert body(put) == expected
    assert body(apigw.get_integration_response(**method, statusCode="200")) == expected
    cleared = update(apigw, method, op("replace", "/contentHandling", ""))
    assert body(cleared) == {"statusCode": "200", "selectionPattern": "2\\d{2}"}


def test_json_the_service_cannot_read(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    with expect_error(
        apigw,
        "SerializationException",
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to "
        "an String",
        400,
    ):
        loose.put_integration_response(
            **method,
            statusCode="200",
            selectionPattern="",
            responseTemplates={"application/json": 123},
        )
    with expect_error(
        apigw,
        "BadRequestException",
        "Validation Result: warnings : [], errors : [Invalid content type specified: 123]",
        400,
    ):
        loose.put_integration_response(
            **method,
            statusCode="200",
            selectionPattern="",
            responseTemplates={123: '{"statusCode": 200}'},
        )
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration_response(**method, statusCode="200")


def test_status_code_is_checked_first(apigw: Any, method: dict[str, str]) -> None:
    for call in (apigw.put_integration_response, apigw.get_integration_response):
        with expect_error(apigw, "ValidationException", BAD_STATUS, 400):
            call(**method, statusCode="wrong")


def test_put_and_get_find_the_method_first(apigw: Any, method: dict[str, str]) -> None:
    cases = [
        ({"restApiId": "wrong-api", "resourceId": "dummy-value"}, NO_RESOURCE),
        ({"resourceId": "wrong-resource"}, NO_RESOURCE),
        ({"httpMethod": "wrong-method"}, NO_METHOD),
    ]
    for change, message in cases:
        for call in (apigw.put_integration_response, apigw.get_integration_response):
            with expect_error(apigw, "NotFoundException", message, 404):
                call(**{**method, **change}, statusCode="200")


def test_a_method_without_an_integration(apigw: Any, method: dict[str, str]) -> None:
    key = {**method, "httpMethod": "POST"}
    apigw.put_method(**key, authorizationType="NONE")
    for call in (
        apigw.get_integration_response,
        apigw.put_integration_response,
        apigw.delete_integration_response,
    ):
        with expect_error(apigw, "NotFoundException", NO_INTEGRATION, 404):
            call(**key, statusCode="200")
    with expect_error(apigw, "NotFoundException", NO_INTEGRATION, 404):
        apigw.update_integration_response(**key, statusCode="200", patchOperations=[])
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration_response(**method, statusCode="201")


def test_delete_and_update_find_the_integration_by_its_method(
    apigw: Any, method: dict[str, str]
) -> None:
    loose = client("apigateway", validate=False)
    put = created(apigw, method)
    cases = [
        ({"resourceId": "bad-resource"}, NO_RESOURCE),
        ({"restApiId": "bad-api-id"}, NO_RESOURCE),
        ({"httpMethod": "POST"}, NO_INTEGRATION),
        ({"statusCode": "201"}, NOT_FOUND),
        ({"httpMethod": "WRONG", "statusCode": "201"}, NO_INTEGRATION),
    ]
    for change, message in cases:
        where = {**method, "statusCode": "200", **change}
        with expect_error(apigw, "NotFoundException", message, 404):
            loose.delete_integration_response(**where)
        with expect_error(apigw, "NotFoundException", message, 404):
            loose.update_integration_response(**where, patchOperations=[])
    assert body(apigw.get_integration_response(**method, statusCode="200")) == body(put)


def test_update_every_path(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_method_response(**method, statusCode="200", responseParameters={HEADER: True})
    created(apigw, method)
    updated = update(
        apigw,
        method,
        op("replace", "/selectionPattern", "2\\d{2}"),
        op("replace", "/contentHandling", "CONVERT_TO_TEXT"),
        op("add", f"/responseParameters/{HEADER}", "integration.response.header.Location"),
        op("add", "/responseTemplates/text~1plain", ""),
        op("replace", "/responseTemplates/application~1json", "ok"),
    )
    assert body(updated) == {
        "statusCode": "200",
        "selectionPattern": "2\\d{2}",
        "contentHandling": "CONVERT_TO_TEXT",
        "responseParameters": {HEADER: "integration.response.header.Location"},
        "responseTemplates": {"application/json": "ok", "text/plain": None},
    }
    undone = update(
        apigw,
        method,
        op("remove", f"/responseParameters/{HEADER}"),
        op("remove", "/responseTemplates/text~1plain"),
        op("remove", "/responseTemplates/application~1json"),
    )
    assert body(undone) == {
        "statusCode": "200",
        "selectionPattern": "2\\d{2}",
        "contentHandling": "CONVERT_TO_TEXT",
    }


def test_parameters_map_to_headers_the_method_response_declares(
    apigw: Any, method: dict[str, str]
) -> None:
    parameters = {HEADER: "integration.response.body.errorMessage"}
    with expect_error(
        apigw, "BadRequestException", mapping("No method response exists for method."), 400
    ):
        apigw.put_integration_response(**method, statusCode="302", responseParameters=parameters)
    apigw.put_method_response(**method, statusCode="302")
    with expect_error(
        apigw,
        "BadRequestException",
        mapping(f"Invalid mapping expression parameter specified: {HEADER}"),
        400,
    ):
        apigw.put_integration_response(**method, statusCode="302", responseParameters=parameters)
    with expect_error(
        apigw,
        "BadRequestException",
        mapping("Invalid mapping expression specified: integration.response.header.h"),
        400,
    ):
        apigw.put_integration_response(
            **method,
            statusCode="302",
            responseParameters={"integration.response.header.h": "'static'"},
        )
    apigw.update_method_response(
        **method,
        statusCode="302",
        patchOperations=[op("add", f"/responseParameters/{HEADER}", "false")],
    )
    put = apigw.put_integration_response(
        **method, statusCode="302", selectionPattern="https://.*", responseParameters=parameters
    )
    assert body(put) == {
        "statusCode": "302",
        "selectionPattern": "https://.*",
        "responseParameters": parameters,
    }


@pytest.mark.parametrize(
    ("operation", "code", "message"),
    [
        (
            op("replace", "/statusCode", "201"),
            "BadRequestException",
            "Invalid patch path /statusCode",
        ),
        (
            op("add", "/selectionPattern", "x"),
            "BadRequestException",
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
        (
            op("replace", "/contentHandling", "CONVERT"),
            "BadRequestException",
            "Invalid content handling specified: CONVERT. Valid options are "
            "CONVERT_TO_BINARY,CONVERT_TO_TEXT",
        ),
        (
            op("add", "/responseTemplates/json", "{}"),
            "BadRequestException",
            "Validation Result: warnings : [], errors : [Invalid content type specified: json]",
        ),
        (
            op("add", f"/responseParameters/{HEADER}", "'here'"),
            "BadRequestException",
            mapping("No method response exists for method."),
        ),
        (
            op("remove", f"/responseParameters/{HEADER}"),
            "NotFoundException",
            "Invalid parameter name specified",
        ),
        (
            op("replace", "/responseTemplates/text~1plain", "x"),
            "NotFoundException",
            "Content-Type specified was not found",
        ),
    ],
)
def test_refused_updates_change_nothing(
    apigw: Any, method: dict[str, str], operation: dict[str, str], code: str, message: str
) -> None:
    put = created(apigw, method)
    status_code = 404 if code == "NotFoundException" else 400
    with expect_error(apigw, code, message, status_code):
        update(apigw, method, op("replace", "/selectionPattern", "changed"), operation)
    assert body(apigw.get_integration_response(**method, statusCode="200")) == body(put)


def test_one_response_per_selection_pattern(apigw: Any, method: dict[str, str]) -> None:
    """No pattern (or an empty one) is the default response; there is one of those."""
    created(apigw, method)
    for given in ({}, {"selectionPattern": ""}):
        with expect_error(
            apigw,
            "ConflictException",
            "Integration response with selection pattern default already exists",
            409,
        ):
            apigw.put_integration_response(**method, statusCode="500", **given)
    apigw.put_integration_response(**method, statusCode="400", selectionPattern=".*error.*")
    with expect_error(
        apigw,
        "ConflictException",
        "Integration response with selection pattern .*error.* already exists",
        409,
    ):
        apigw.put_integration_response(**method, statusCode="500", selectionPattern=".*error.*")
    with expect_error(
        apigw,
        "ConflictException",
        "Integration response with selection pattern default already exists",
        409,
    ):
        apigw.update_integration_response(
            **method,
            statusCode="400",
            patchOperations=[op("replace", "/selectionPattern", "")],
        )
    # A response may keep its own pattern when it is put again.
    again = apigw.put_integration_response(**method, statusCode="400", selectionPattern=".*error.*")
    assert body(again) == {"statusCode": "400", "selectionPattern": ".*error.*"}
    codes = apigw.get_method(**method)["methodIntegration"]["integrationResponses"]
    assert sorted(codes) == ["200", "400"]
