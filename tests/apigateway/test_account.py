"""GetAccount and UpdateAccount."""

from __future__ import annotations

from typing import Any

import pytest
from builders import body, status

from support import client, error_of

ROLE = "arn:aws:iam::123456789012:role/apigateway-cloudwatch"
DEFAULTS = {
    "throttleSettings": {"burstLimit": 5000, "rateLimit": 10000.0},
    "features": ["UsagePlans"],
    "apiKeyVersion": "4",
}


def update(aws: Any, *ops: dict[str, str]) -> dict[str, Any]:
    return dict(aws.update_account(patchOperations=list(ops)))


def replace_role(value: str) -> dict[str, str]:
    return {"op": "replace", "path": "/cloudwatchRoleArn", "value": value}


def test_fresh_account_defaults(apigw: Any) -> None:
    account = apigw.get_account()
    assert status(account) == 200
    assert body(account) == DEFAULTS
    assert type(account["throttleSettings"]["burstLimit"]) is int
    assert type(account["throttleSettings"]["rateLimit"]) is float
    assert "cloudwatchRoleArn" not in account


@pytest.mark.parametrize(
    "role",
    [
        ROLE,
        "arn:aws:iam::123456789012:role/service-role/api-gateway_logs.v2",
        "arn:aws-cn:iam::123456789012:role/logs",
    ],
)
def test_set_the_cloudwatch_role(apigw: Any, role: str) -> None:
    updated = update(apigw, replace_role(role))
    assert status(updated) == 200
    assert body(updated) == {"cloudwatchRoleArn": role, **DEFAULTS}
    assert body(apigw.get_account()) == body(updated)


@pytest.mark.parametrize(
    "role",
    [
        "not-an-arn",
        "arn:aws:iam::12345:role/short-account",
        "arn:aws:iam::123456789012:user/bob",
        "arn:aws:iam::123456789012:role/",
        "arn:aws:s3:::bucket",
    ],
)
def test_malformed_role(apigw: Any, role: str) -> None:
    update(apigw, replace_role(ROLE))
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, replace_role(role))
    assert error_of(info) == ("BadRequestException", "The role ARN is not well formed", 400)
    assert apigw.get_account()["cloudwatchRoleArn"] == ROLE


@pytest.mark.parametrize(
    "operation", [replace_role(""), {"op": "replace", "path": "/cloudwatchRoleArn"}]
)
def test_an_empty_or_absent_role_resets_it(apigw: Any, operation: dict[str, str]) -> None:
    update(apigw, replace_role(ROLE))
    reset = update(apigw, operation)
    assert "cloudwatchRoleArn" not in reset
    assert body(apigw.get_account()) == DEFAULTS


def test_usage_plans_cannot_be_disabled(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, {"op": "remove", "path": "/features", "value": "UsagePlans"})
    assert error_of(info) == (
        "BadRequestException",
        "Usage Plans cannot be disabled once enabled",
        400,
    )
    assert body(apigw.get_account()) == DEFAULTS


def test_enabling_usage_plans_again_changes_nothing(apigw: Any) -> None:
    updated = update(apigw, {"op": "add", "path": "/features", "value": "UsagePlans"})
    assert body(updated) == DEFAULTS


def test_unknown_feature(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, {"op": "add", "path": "/features", "value": "Teleport"})
    assert error_of(info) == ("BadRequestException", "Invalid feature specified: Teleport", 400)


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (
            {"op": "replace", "path": "/throttleSettings/burstLimit", "value": "10"},
            "Invalid patch path  '/throttleSettings/burstLimit' specified for op 'replace'. "
            "Must be one of: [/cloudwatchRoleArn]",
        ),
        (
            {"op": "replace", "path": "/features", "value": "UsagePlans"},
            "Invalid patch path  '/features' specified for op 'replace'. "
            "Must be one of: [/cloudwatchRoleArn]",
        ),
        (
            {"op": "add", "path": "/cloudwatchRoleArn", "value": ROLE},
            "Invalid patch path  '/cloudwatchRoleArn' specified for op 'add'. "
            "Must be one of: [/features]",
        ),
        (
            {"op": "remove", "path": "/apiKeyVersion"},
            "Invalid patch path  '/apiKeyVersion' specified for op 'remove'. "
            "Must be one of: [/features]",
        ),
        (
            {"op": "move", "path": "/cloudwatchRoleArn", "from": "/features"},
            "Invalid patch path  '/cloudwatchRoleArn' specified for op 'move'. "
            "Please choose supported operations",
        ),
    ],
)
def test_other_paths_are_rejected(apigw: Any, op: dict[str, str], message: str) -> None:
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, op)
    assert error_of(info) == ("BadRequestException", message, 400)
    assert body(apigw.get_account()) == DEFAULTS


def test_bad_op_is_a_validation_error(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.ClientError) as info:
        update(apigw, {"op": "set", "path": "/cloudwatchRoleArn", "value": ROLE})
    assert error_of(info) == (
        "ValidationException",
        "1 validation error detected: Value 'set' at "
        "'updateAccountInput.patchOperations.1.member.op' failed to satisfy constraint: "
        "Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
        400,
    )


def test_a_failing_patch_changes_nothing(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.BadRequestException):
        update(
            apigw,
            replace_role(ROLE),
            {"op": "remove", "path": "/features", "value": "UsagePlans"},
        )
    assert "cloudwatchRoleArn" not in apigw.get_account()


def test_account_is_per_region(apigw: Any) -> None:
    update(apigw, replace_role(ROLE))
    elsewhere = client("apigateway", region="eu-west-1")
    assert body(elsewhere.get_account()) == DEFAULTS
    other_role = "arn:aws:iam::123456789012:role/eu"
    update(elsewhere, replace_role(other_role))
    assert apigw.get_account()["cloudwatchRoleArn"] == ROLE
    assert elsewhere.get_account()["cloudwatchRoleArn"] == other_role
