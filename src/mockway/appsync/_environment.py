"""PutGraphqlApiEnvironmentVariables, GetGraphqlApiEnvironmentVariables.

A put replaces the API's whole map. AppSync's rules (keys of 2 to 64 characters, a letter then
letters, digits and underscores; values up to 512 characters; at most 50 pairs) are the model's
and are checked with the rest of the input (``SERVICE.patterns`` holds the key pattern).
"""

from __future__ import annotations

from typing import Any

from .._registry import Call
from .._wire import received
from ._models import AppSyncBackend

__all__ = ["OPERATIONS"]


def put_environment_variables(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    api.environment_variables = received(call.params["environmentVariables"])
    return {"environmentVariables": dict(api.environment_variables)}


def get_environment_variables(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return {"environmentVariables": dict(backend.api(call.params["apiId"]).environment_variables)}


OPERATIONS = {
    "PutGraphqlApiEnvironmentVariables": put_environment_variables,
    "GetGraphqlApiEnvironmentVariables": get_environment_variables,
}
