"""Method responses: PutMethodResponse, GetMethodResponse, UpdateMethodResponse,
DeleteMethodResponse, as recorded against AWS."""

from __future__ import annotations

from typing import Any

import pytest
from builders import body, status

from support import client, expect_error

NOT_FOUND = "Invalid Response status code specified"
HEADER = "method.response.header.my-header"
BAD_OP = (
    "Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.{index}.member.op' failed "
    "to satisfy constraint: Member must satisfy enum value set: "
    "[add, remove, move, test, replace, copy]"
)
BAD_STATUS = (
    "Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular "
    "expression pattern: [1-5]\\d\\d"
)


@pytest.fixture
def method(apigw: Any) -> dict[str, str]:
    """``GET /`` with a MOCK integration."""
    api = apigw.create_rest_api(name="responses")
    key = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigw.put_method(**key, authorizationType="NONE")
    apigw.put_integration(
        **key, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    return key


def with_header_and_model(apigw: Any, method: dict[str, str]) -> dict[str, Any]:
    return dict(
        apigw.put_method_response(
            **method,
            statusCode="200",
            responseParameters={HEADER: False},
            responseModels={"application/json": "Empty"},
        )
    )


def update(apigw: Any, method: dict[str, str], *ops: dict[str, str], code: str = "200") -> Any:
    return apigw.update_method_response(**method, statusCode=code, patchOperations=list(ops))


def op(kind: str, path: str, value: str = "true") -> dict[str, str]:
    return {"op": kind, "path": path, "value": value}


def test_lifecycle(apigw: Any, method: dict[str, str]) -> None:
    put = apigw.put_method_response(
        **method, statusCode="200", responseParameters={}, responseModels={}
    )
    empty = {"statusCode": "200", "responseParameters": {}, "responseModels": {}}
    assert status(put) == 201
    assert body(put) == empty
    got = apigw.get_method_response(**method, statusCode="200")
    assert status(got) == 200
    assert body(got) == empty

    filled = {
        "statusCode": "200",
        "responseParameters": {HEADER: True},
        "responseModels": {"application/json": "Empty"},
    }
    added = update(
        apigw,
        method,
        op("add", f"/responseParameters/{HEADER}"),
        op("add", "/responseModels/application~1json", "Empty"),
    )
    assert status(added) == 201  # as the model says, and as AWS answers
    assert body(added) == filled
    replaced = update(
        apigw,
        method,
        op("replace", f"/responseParameters/{HEADER}"),
        op("replace", "/responseModels/application~1json", "Empty"),
    )
    assert body(replaced) == filled

    got_method = apigw.get_method(**method)
    assert got_method["methodResponses"] == {"200": filled}
    assert got_method["methodIntegration"]["type"] == "MOCK"

    assert status(apigw.delete_method_response(**method, statusCode="200")) == 204
    assert "methodResponses" not in apigw.get_method(**method)
    for call in (apigw.get_method_response, apigw.delete_method_response):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            call(**method, statusCode="200")


def test_put_without_maps_leaves_them_out(apigw: Any, method: dict[str, str]) -> None:
    put = apigw.put_method_response(**method, statusCode="200")
    assert body(put) == {"statusCode": "200"}
    assert apigw.get_method(**method)["methodResponses"] == {"200": {"statusCode": "200"}}


def test_emptied_maps_are_left_out(apigw: Any, method: dict[str, str]) -> None:
    with_header_and_model(apigw, method)
    removed = update(
        apigw,
        method,
        op("remove", f"/responseParameters/{HEADER}"),
        op("remove", "/responseModels/application~1json", "Empty"),
    )
    assert status(removed) == 201
    assert body(removed) == {"statusCode": "200"}
    added = update(
        apigw,
        method,
        op("add", f"/responseParameters/{HEADER}"),
        op("add", "/responseModels/application~1json", "Empty"),
    )
    assert body(added) == {
        "statusCode": "200",
        "responseParameters": {HEADER: True},
        "responseModels": {"application/json": "Empty"},
    }


def test_put_again_replaces_the_response(apigw: Any, method: dict[str, str]) -> None:
    with_header_and_model(apigw, method)
    again = apigw.put_method_response(**method, statusCode="200", responseParameters={HEADER: True})
    assert body(again) == {"statusCode": "200", "responseParameters": {HEADER: True}}
    assert body(apigw.get_method_response(**method, statusCode="200")) == body(again)


def test_several_status_codes(apigw: Any, method: dict[str, str]) -> None:
    for code in ("200", "400", "500"):
        apigw.put_method_response(**method, statusCode=code)
    apigw.delete_method_response(**method, statusCode="400")
    assert set(apigw.get_method(**method)["methodResponses"]) == {"200", "500"}


@pytest.mark.parametrize(
    "operations",
    [
        [op("wrong_op", f"/responseParameters/{HEADER}")],
        [op("wrong_op", "/responseModels/application~1json", "Empty")],
        [
            op("wrong_op", f"/responseParameters/{HEADER}"),
            op("wrong_op", "/responseModels/application~1json", "Empty"),
        ],
        [
            op("wrong_op", f"/responseParameters/{HEADER}"),
            op("wrong_op", "/responseModels/application~1json", "Empty"),
        ]
        * 2,
        [
            op("wrong_op", f"/responseParameters/{HEADER}"),
            op("remove", "/responseModels/application~1json", "Empty"),
            op("wrong_op", "/responseModels/application~1json", "Empty"),
        ],
    ],
)
def test_unknown_ops_are_validation_errors(
    apigw: Any, method: dict[str, str], operations: list[dict[str, str]]
) -> None:
    created = with_header_and_model(apigw, method)
    wrong = [index for index, each in enumerate(operations, 1) if each["op"] == "wrong_op"]
    errors = [BAD_OP.format(index=index) for index in wrong]
    noun = "error" if len(errors) == 1 else "errors"
    message = f"{len(errors)} validation {noun} detected: " + "; ".join(errors)
    with expect_error(apigw, "ValidationException", message, 400):
        update(apigw, method, *operations)
    assert body(apigw.get_method_response(**method, statusCode="200")) == body(created)


def test_what_update_finds_first(apigw: Any, method: dict[str, str]) -> None:
    with_header_and_model(apigw, method)
    replace = op("replace", f"/responseParameters/{HEADER}")
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        update(apigw, method, replace, code="201")
    with expect_error(
        apigw, "ValidationException", f"1 validation error detected: {BAD_STATUS}", 400
    ):
        update(apigw, method, replace, code="wrong")
    # The body's errors come first, then those of the path's status code.
    message = f"2 validation errors detected: {BAD_OP.format(index=1)}; {BAD_STATUS}"
    with expect_error(apigw, "ValidationException", message, 400):
        update(apigw, method, op("wrong_op", f"/responseParameters/{HEADER}"), code="wrong")
    with expect_error(apigw, "NotFoundException", "Invalid Resource identifier specified", 404):
        apigw.update_method_response(
            **{**method, "resourceId": "wrong"}, statusCode="200", patchOperations=[replace]
        )
    with expect_error(apigw, "NotFoundException", "Invalid Method identifier specified", 404):
        apigw.update_method_response(
            **{**method, "httpMethod": "POST"}, statusCode="200", patchOperations=[replace]
        )


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (op("replace", "/responseParameters/wrong"), "Invalid parameter name specified"),
        (op("remove", "/responseParameters/wrong"), "Invalid parameter name specified"),
        (op("replace", "/responseModels/wrong", "Empty"), "Content-Type specified was not found"),
        (op("remove", "/responseModels/wrong", "Empty"), "Content-Type specified was not found"),
    ],
)
def test_an_entry_must_be_there_to_be_replaced_or_removed(
    apigw: Any, method: dict[str, str], operation: dict[str, str], message: str
) -> None:
    created = with_header_and_model(apigw, method)
    with expect_error(apigw, "NotFoundException", message, 404):
        update(apigw, method, op("add", "/responseModels/text~1plain", "Error"), operation)
    assert body(apigw.get_method_response(**method, statusCode="200")) == body(created)


def test_a_response_without_maps_has_no_entries(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_method_response(**method, statusCode="200")
    with expect_error(apigw, "NotFoundException", "Invalid parameter name specified", 404):
        update(apigw, method, op("remove", f"/responseParameters/{HEADER}"))
    with expect_error(apigw, "NotFoundException", "Content-Type specified was not found", 404):
        update(apigw, method, op("remove", "/responseModels/application~1json", "Empty"))
    with expect_error(apigw, "BadRequestException", f"Invalid patch path /wrong/{HEADER}", 400):
        update(apigw, method, op("remove", f"/wrong/{HEADER}"))


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            op("replace", "/statusCode", "201"),
            "Invalid patch path /statusCode",
        ),
        (
            op("copy", "/responseModels/application~1json", "Empty"),
            "Invalid patch operation specified. Must be one of: [add, remove, replace]",
        ),
        (
            op("add", "/responseModels/application~1json", "Missing"),
            "Invalid model identifier specified: Missing",
        ),
        (
            op("add", "/responseParameters/method.response.body"),
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
            "[Invalid mapping expression specified: method.response.body]",
        ),
    ],
)
def test_refused_updates(
    apigw: Any, method: dict[str, str], operation: dict[str, str], message: str
) -> None:
    created = with_header_and_model(apigw, method)
    with expect_error(apigw, "BadRequestException", message, 400):
        update(apigw, method, op("remove", f"/responseParameters/{HEADER}"), operation)
    assert body(apigw.get_method_response(**method, statusCode="200")) == body(created)


def test_put_refuses_unknown_models_and_bad_parameters(apigw: Any, method: dict[str, str]) -> None:
    with expect_error(
        apigw, "BadRequestException", "Invalid model identifier specified: Missing", 400
    ):
        apigw.put_method_response(
            **method, statusCode="200", responseModels={"application/json": "Missing"}
        )
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
        "[Invalid mapping expression specified: method.request.header.h]",
        400,
    ):
        apigw.put_method_response(
            **method, statusCode="200", responseParameters={"method.request.header.h": True}
        )
    assert "methodResponses" not in apigw.get_method(**method)


def test_a_status_code_is_three_digits(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    for call in (
        apigw.put_method_response,
        apigw.get_method_response,
        apigw.delete_method_response,
        loose.put_method_response,
    ):
        with expect_error(
            apigw, "ValidationException", f"1 validation error detected: {BAD_STATUS}", 400
        ):
            call(**method, statusCode="wrong")


def test_unknown_api_resource_or_method(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_method_response(**method, statusCode="200")
    cases = [
        ({"restApiId": "wrong-api"}, "Invalid Resource identifier specified"),
        ({"resourceId": "wrong"}, "Invalid Resource identifier specified"),
        ({"httpMethod": "POST"}, "Invalid Method identifier specified"),
    ]
    for change, message in cases:
        where = {**method, **change}
        for call in (
            apigw.put_method_response,
            apigw.get_method_response,
            apigw.delete_method_response,
        ):
            with expect_error(apigw, "NotFoundException", message, 404):
                call(**where, statusCode="200")
