"""EvaluateMappingTemplate and EvaluateCode: a template or code run on a context, as AppSync's
console and SDKs test resolvers.

EvaluateMappingTemplate runs VTL (:mod:`._vtl`): a template that fails (a syntax error,
``$util.error``) is still a 200, with the failure in ``error``. EvaluateCode is refused: no
JavaScript runtime is embedded (docs/appsync.md says why).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._registry import Call
from .._wire import ServiceError
from . import _errors as e
from ._functions import JS_RUNTIME_VERSION
from ._models import AppSyncBackend
from ._vtl import Evaluation, evaluate
from ._vtl_util import Util

__all__ = ["OPERATIONS", "context_data"]


def context_data(text: str) -> Mapping[str, Any]:
    """A call's ``context``: a JSON object."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise e.bad_request(e.CONTEXT_NOT_JSON.format(reason=error)) from None
    if not isinstance(data, dict):
        raise e.bad_request(e.CONTEXT_NOT_JSON.format(reason="not an object"))
    return data


def _answer(outcome: Evaluation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if outcome.error is not None:
        out["error"] = {"message": outcome.error}
    elif outcome.result is not None:
        out["evaluationResult"] = outcome.result
    out["logs"] = list(outcome.logs)
    out["stash"] = json.dumps(outcome.stash, separators=(",", ":"))
    out["outErrors"] = json.dumps(outcome.out_errors, separators=(",", ":"))
    return out


def evaluate_mapping_template(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    data = context_data(call.params["context"])
    now = call.now
    ids = call.ids

    def util(outcome: Evaluation) -> Util:
        return Util(outcome, now=now, new_id=ids.request_id)

    return _answer(evaluate(call.params["template"], data, util=util))


def evaluate_code(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    runtime = p["runtime"]
    if runtime["runtimeVersion"] != JS_RUNTIME_VERSION:
        raise e.bad_request(
            e.RUNTIME_VERSION_UNSUPPORTED.format(
                version=runtime["runtimeVersion"], runtime=runtime["name"]
            )
        )
    function = p.get("function")
    if function is not None and function not in ("request", "response"):
        raise e.bad_request(e.FUNCTION_NOT_REQUEST_OR_RESPONSE.format(function=function))
    context_data(p["context"])
    raise ServiceError("BadRequestException", e.JS_NOT_EVALUATED, 400, reason="CODE_ERROR")


OPERATIONS = {
    "EvaluateMappingTemplate": evaluate_mapping_template,
    "EvaluateCode": evaluate_code,
}
