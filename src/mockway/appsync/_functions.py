"""CreateFunction, GetFunction, ListFunctions, UpdateFunction, DeleteFunction.

A function is one step of a pipeline resolver: a data source and what to do with it, written
either as VTL mapping templates (``functionVersion`` 2018-05-29) or as APPSYNC_JS ``code``
with its ``runtime``. The code rules here serve resolvers too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import Family, Params, wrapped
from ._models import AppSyncBackend, GraphqlApi, new_ident

__all__ = [
    "FAMILY",
    "OPERATIONS",
    "FunctionConfiguration",
    "code_settings",
    "data_source_named",
]

VTL_VERSION = "2018-05-29"
JS_RUNTIME_VERSION = "1.0.0"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
TEMPLATES = ("requestMappingTemplate", "responseMappingTemplate")


@dataclass(slots=True)
class FunctionConfiguration:
    function_id: str
    function_arn: str
    name: str
    data_source_name: str
    max_batch_size: int = 0
    description: str | None = None
    request_mapping_template: str | None = None
    response_mapping_template: str | None = None
    function_version: str | None = None
    """2018-05-29 for a VTL function; None for APPSYNC_JS."""
    sync_config: dict[str, Any] | None = None
    runtime: dict[str, str] | None = None
    """``{"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}`` beside ``code``; None for VTL."""
    code: str | None = None


def data_source_named(api: GraphqlApi, name: str) -> str:
    """``name``, once the API is known to have a data source of that name."""
    if name not in api.data_sources:
        raise e.not_found(e.NO_DATA_SOURCE_NAMED.format(name=name))
    return name


def code_settings(params: Params) -> tuple[dict[str, str] | None, str | None]:
    """``(runtime, code)`` of a function or resolver: both or neither, and APPSYNC_JS code
    instead of mapping templates."""
    runtime: dict[str, str] | None = received(params.get("runtime"))
    code = params.get("code")
    if runtime is None:
        if code is not None:
            raise e.bad_request(e.RUNTIME_MISSING)
        return None, None
    if code is None:
        raise e.bad_request(e.CODE_MISSING)
    if runtime["runtimeVersion"] != JS_RUNTIME_VERSION:
        raise e.bad_request(
            e.RUNTIME_VERSION_UNSUPPORTED.format(
                version=runtime["runtimeVersion"], runtime=runtime["name"]
            )
        )
    if any(params.get(member) is not None for member in TEMPLATES):
        raise e.bad_request(e.TEMPLATES_WITH_CODE)
    return runtime, code


def _function_version(params: Params, runtime: dict[str, str] | None) -> str | None:
    version = params.get("functionVersion") or None
    if runtime is not None:
        if version is not None:
            raise e.bad_request(e.FUNCTION_VERSION_WITH_RUNTIME)
        return None
    if version is None:
        raise e.bad_request(e.FUNCTION_VERSION_MISSING)
    if version != VTL_VERSION:
        raise e.bad_request(e.FUNCTION_VERSION_UNSUPPORTED.format(version=version))
    return str(version)


def build(
    call: Call, api: GraphqlApi, existing: FunctionConfiguration | None
) -> FunctionConfiguration:
    p = call.params
    if not _NAME.fullmatch(p["name"]):
        raise e.bad_request(e.FUNCTION_NAME_INVALID)
    runtime, code = code_settings(p)
    version = _function_version(p, runtime)
    source = data_source_named(api, p["dataSourceName"])
    if existing is None:
        function_id = new_ident(call.ids)
        while function_id in api.functions:
            function_id = new_ident(call.ids)
        arn = f"{api.arn}/functions/{function_id}"
    else:
        function_id, arn = existing.function_id, existing.function_arn
    return FunctionConfiguration(
        function_id,
        arn,
        p["name"],
        source,
        max_batch_size=p.get("maxBatchSize") or 0,
        description=p.get("description"),
        request_mapping_template=p.get("requestMappingTemplate"),
        response_mapping_template=p.get("responseMappingTemplate"),
        function_version=version,
        sync_config=received(p.get("syncConfig")),
        runtime=runtime,
        code=code,
    )


def _check_unused(api: GraphqlApi, function: FunctionConfiguration) -> None:
    """A function a pipeline resolver runs cannot be deleted."""
    if any(function.function_id in r.functions for r in api.resolvers.values()):
        raise e.bad_request(e.FUNCTION_IN_USE)


FAMILY: Family[FunctionConfiguration] = Family(
    items=lambda api: api.functions,
    key=lambda p: p["functionId"],
    not_found=lambda api, p: e.not_found(e.FUNCTION_NOT_FOUND),
    build=build,
    # Unused: CreateFunction draws a fresh id (create_function), so no create meets a taken key.
    exists=lambda p: e.bad_request(e.FUNCTION_NOT_FOUND),
    plural="functions",
    on_delete=_check_unused,
)


def create_function(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    api = backend.api(call.params["apiId"])
    function = build(call, api, None)
    api.functions.add(function.function_id, function)
    return wrapped(function, call)


OPERATIONS = {
    "CreateFunction": create_function,
    "GetFunction": FAMILY.get,
    "ListFunctions": FAMILY.list,
    "UpdateFunction": FAMILY.update,
    "DeleteFunction": FAMILY.delete,
}
