"""GetAccount and UpdateAccount."""

from __future__ import annotations

import re
from typing import Any

from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._models import ApiGatewayBackend

__all__ = ["OPERATIONS"]

# Defaults asserted by terraform-provider-aws's acceptance test against real accounts.
BURST_LIMIT, RATE_LIMIT = 5000, 10000.0
# Assumed: the value two independent emulators chose; real accounts report some version.
API_KEY_VERSION = "4"
USAGE_PLANS = "UsagePlans"
_ROLE_ARN = re.compile(r"arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role/[\w+=,.@/-]{1,512}")

PATCH = PatchRules(
    {
        "replace": ["/cloudwatchRoleArn"],
        "add": ["/features"],
        "remove": ["/features"],
    }
)


def _render(backend: ApiGatewayBackend) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if backend.account.cloudwatch_role_arn is not None:
        out["cloudwatchRoleArn"] = backend.account.cloudwatch_role_arn
    out["throttleSettings"] = {"burstLimit": BURST_LIMIT, "rateLimit": RATE_LIMIT}
    out["features"] = list(backend.account.features)
    out["apiKeyVersion"] = API_KEY_VERSION
    return out


def get_account(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return _render(backend)


def update_account(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    role_arn = backend.account.cloudwatch_role_arn
    for op in PATCH.parse(call.params.get("patchOperations")):
        if op.template == "/cloudwatchRoleArn":
            # No value, or an empty one, takes the role away (as Terraform's reset relies on).
            if op.value and not _ROLE_ARN.fullmatch(op.value):
                raise e.bad_request(e.ROLE_ARN_MALFORMED)
            role_arn = op.value or None
        elif op.value != USAGE_PLANS:
            raise e.bad_request(e.INVALID_FEATURE.format(value=op.value))
        elif op.op == "remove":
            raise e.bad_request(e.USAGE_PLANS_CANNOT_BE_DISABLED)
    backend.account.cloudwatch_role_arn = role_arn
    return _render(backend)


OPERATIONS = {"GetAccount": get_account, "UpdateAccount": update_account}
