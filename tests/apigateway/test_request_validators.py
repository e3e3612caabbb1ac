"""Request validators: the lifecycle and errors recorded against AWS."""

from __future__ import annotations

import re
from typing import Any

import pytest
from builders import ACCOUNT, body, status

from support import expect_error

VALIDATOR_ID = re.compile(r"[a-z0-9]{6}")
NOT_FOUND = "Invalid Request Validator identifier specified"


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="validated")["id"])


def validator(apigw: Any, api_id: str, **extra: Any) -> dict[str, Any]:
    return dict(apigw.create_request_validator(restApiId=api_id, **extra))


def test_lifecycle(apigw: Any, api_id: str) -> None:
    created = validator(apigw, api_id, name="check")
    assert status(created) == 201
    assert VALIDATOR_ID.fullmatch(created["id"])
    expected = {
        "id": created["id"],
        "name": "check",
        "validateRequestBody": False,
        "validateRequestParameters": False,
    }
    assert body(created) == expected
    key = {"restApiId": api_id, "requestValidatorId": created["id"]}
    assert body(apigw.get_request_validator(**key)) == expected
    assert apigw.get_request_validators(restApiId=api_id)["items"] == [expected]

    updated = apigw.update_request_validator(
        **key, patchOperations=[{"op": "replace", "path": "/validateRequestBody", "value": "true"}]
    )
    assert status(updated) == 200
    assert body(updated) == {**expected, "validateRequestBody": True}
    # Without a value, a flag is false.
    cleared = apigw.update_request_validator(
        **key, patchOperations=[{"op": "replace", "path": "/validateRequestBody"}]
    )
    assert body(cleared) == expected
    assert body(apigw.get_request_validator(**key)) == expected

    assert status(apigw.delete_request_validator(**key)) == 202
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_request_validator(**key)
    assert apigw.get_request_validators(restApiId=api_id)["items"] == []


def test_create_with_flags_and_no_name(apigw: Any, api_id: str) -> None:
    created = validator(apigw, api_id, validateRequestBody=True, validateRequestParameters=True)
    assert body(created) == {
        "id": created["id"],
        "validateRequestBody": True,
        "validateRequestParameters": True,
    }


def test_unknown_api(apigw: Any) -> None:
    with expect_error(apigw, "BadRequestException", "Invalid REST API identifier specified", 400):
        apigw.create_request_validator(restApiId="test-fake-rest-id", name="v")
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id",
        404,
    ):
        apigw.get_request_validators(restApiId="test-fake-rest-id")


@pytest.mark.parametrize("call", ["get_request_validator", "delete_request_validator"])
def test_unknown_api_or_validator_is_an_unknown_validator(
    apigw: Any, api_id: str, call: str
) -> None:
    known = validator(apigw, api_id, name="v")["id"]
    for rest_api_id, validator_id in (("api_id", known), (api_id, "validator_id")):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            getattr(apigw, call)(restApiId=rest_api_id, requestValidatorId=validator_id)
    assert [v["id"] for v in apigw.get_request_validators(restApiId=api_id)["items"]] == [known]


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "add", "path": "/validateRequestBody", "value": "true"},
            "Invalid patch path  '/validateRequestBody' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "remove", "path": "/validateRequestBody", "value": "true"},
            "Invalid patch path  '/validateRequestBody' specified for op 'remove'. "
            "Please choose supported operations",
        ),
        (
            {"op": "replace", "path": "/invalidPath", "value": "true"},
            "Invalid patch path  '/invalidPath' specified for op 'replace'. "
            "Must be one of: [/name, /validateRequestParameters, /validateRequestBody]",
        ),
        ({"op": "replace", "path": "/name"}, "Request Validator name cannot be blank"),
        ({"op": "replace", "path": "/name", "value": ""}, "Request Validator name cannot be blank"),
    ],
)
def test_refused_patches_change_nothing(
    apigw: Any, api_id: str, operation: dict[str, str], message: str
) -> None:
    created = validator(apigw, api_id, name="v")
    key = {"restApiId": api_id, "requestValidatorId": created["id"]}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_request_validator(
            **key,
            patchOperations=[
                {"op": "replace", "path": "/validateRequestParameters", "value": "true"},
                operation,
            ],
        )
    assert body(apigw.get_request_validator(**key)) == body(created)


def test_rename_and_paging(apigw: Any, api_id: str) -> None:
    ids = [validator(apigw, api_id, name=f"v{i}")["id"] for i in range(3)]
    renamed = apigw.update_request_validator(
        restApiId=api_id,
        requestValidatorId=ids[0],
        patchOperations=[{"op": "replace", "path": "/name", "value": "first"}],
    )
    assert renamed["name"] == "first"
    first = apigw.get_request_validators(restApiId=api_id, limit=2)
    rest = apigw.get_request_validators(restApiId=api_id, position=first["position"])
    assert [v["id"] for v in first["items"] + rest["items"]] == ids[::-1]
    assert "position" not in rest
