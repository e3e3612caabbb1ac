"""UpdateStage: the patch paths of a stage, read as AWS reads them.

AWS checks a stage's patch operations one by one, each on the stage as the operations before
it left it, and answers each kind of path with messages of its own:

* ``/accessLogSettings/...`` takes ``destinationArn`` and ``format`` only;
* ``/canarySettings/...`` takes ``replace`` only, on ``percentTraffic``, ``deploymentId``,
  ``useStageCache`` and ``stageVariableOverrides/<name>``; the first of them makes a canary
  on a stage that has none (of the stage's deployment, with no traffic);
* ``copy`` promotes a canary: its deployment to ``/deploymentId``, its overrides into
  ``/variables``;
* ``remove`` of any path it does not know names a method setting to delete: the path without
  its leading slash (``/*/*`` deletes ``*/*``);
* a method setting path is ``/<key>/<category>/<setting>``, the key being the text between as
  written (``*/*``, ``pets/GET``, ``~1pets~1{id}/GET``). A key's first setting makes its entry:
  a copy of the stage's ``*/*`` entry when there is one, else AWS's defaults.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from .._patch import PatchOp, decimal_value, whole_value
from .._registry import Call
from . import _errors as e
from ._account import BURST_LIMIT, RATE_LIMIT
from ._family import Edit, as_flag, clone, set_flag, set_text
from ._models import ApiGatewayBackend
from ._rest_models import Stage
from ._stages import (
    CACHE_SIZES,
    DEFAULT_CACHE_SIZE,
    FAMILY,
    check_documentation_version,
    check_percent,
    check_variable,
    stage_of,
)

__all__ = ["DEFAULT_METHOD_SETTING", "OPERATIONS"]

Setter = Callable[[Edit[Stage]], None]

WILDCARD = "*/*"
DEFAULT_METHOD_SETTING: Mapping[str, Any] = {
    "metricsEnabled": False,
    "dataTraceEnabled": False,
    "throttlingBurstLimit": BURST_LIMIT,
    "throttlingRateLimit": RATE_LIMIT,
    "cachingEnabled": False,
    "cacheTtlInSeconds": 300,
    "cacheDataEncrypted": False,
    "requireAuthorizationForCacheControl": True,
    "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER",
}
"""A new method setting as AWS fills it in (the account's throttle; no ``loggingLevel``)."""

LOG_LEVELS = ("OFF", "ERROR", "INFO")
CACHE_CONTROL_STRATEGIES = (
    "FAIL_WITH_403",
    "SUCCEED_WITH_RESPONSE_HEADER",
    "SUCCEED_WITHOUT_RESPONSE_HEADER",
)
MAX_CACHE_TTL = 3600
ACCESS_LOG_PATHS = ("/accessLogSettings/destinationArn", "/accessLogSettings/format")
COPIES = {
    "/deploymentId": "/canarySettings/deploymentId",
    "/variables": "/canarySettings/stageVariableOverrides",
}
"""Where a canary may be promoted to, and from what."""


# -- method settings ---------------------------------------------------------------------------

Reader = Callable[[Edit[Stage]], Any]


def _flag(edit: Edit[Stage]) -> bool:
    return as_flag(edit.value)


def _whole(edit: Edit[Stage]) -> int:
    number = whole_value(edit.value, 32)
    if number is None:
        raise e.bad_request(e.INVALID_NUMBER.format(value=edit.value, path=edit.op.path))
    return number


def _rate(edit: Edit[Stage]) -> float:
    number = decimal_value(edit.value)
    if number is None:
        raise e.bad_request(e.INVALID_NUMBER.format(value=edit.value, path=edit.op.path))
    return number


def _ttl(edit: Edit[Stage]) -> int:
    seconds = _whole(edit)
    if not 0 <= seconds <= MAX_CACHE_TTL:
        raise e.bad_request(e.INVALID_CACHE_TTL.format(value=edit.value))
    return seconds


def _log_level(edit: Edit[Stage]) -> str:
    if edit.value not in LOG_LEVELS:
        raise e.bad_request(e.INVALID_LOG_LEVEL.format(value=edit.value))
    if edit.value != "OFF" and edit.backend.account.cloudwatch_role_arn is None:
        raise e.bad_request(e.LOGGING_NEEDS_ROLE)
    return edit.value


def _strategy(edit: Edit[Stage]) -> str:
    if edit.value not in CACHE_CONTROL_STRATEGIES:
        raise e.bad_request(e.INVALID_CACHE_CONTROL_STRATEGY.format(value=edit.value))
    return edit.value


METHOD_SETTINGS: Mapping[str, tuple[str, Reader]] = {
    "metrics/enabled": ("metricsEnabled", _flag),
    "logging/dataTrace": ("dataTraceEnabled", _flag),
    "logging/loglevel": ("loggingLevel", _log_level),
    "throttling/burstLimit": ("throttlingBurstLimit", _whole),
    "throttling/rateLimit": ("throttlingRateLimit", _rate),
    "caching/ttlInSeconds": ("cacheTtlInSeconds", _ttl),
    "caching/enabled": ("cachingEnabled", _flag),
    "caching/dataEncrypted": ("cacheDataEncrypted", _flag),
    "caching/requireAuthorizationForCacheControl": ("requireAuthorizationForCacheControl", _flag),
    "caching/unauthorizedCacheControlHeaderStrategy": (
        "unauthorizedCacheControlHeaderStrategy",
        _strategy,
    ),
}
"""Per ``<category>/<setting>`` of a method setting path, its member and how it is read."""


def _method_setting_of(path: str) -> tuple[str, str] | None:
    """The key and the ``<category>/<setting>`` a method setting path names, if it is one."""
    if not path.startswith("/"):
        return None
    pieces = path[1:].rsplit("/", 2)
    if len(pieces) != 3 or f"{pieces[1]}/{pieces[2]}" not in METHOD_SETTINGS:
        return None
    key = pieces[0]
    if "/" not in key or not key.rpartition("/")[2]:
        return None
    return key, f"{pieces[1]}/{pieces[2]}"


def _set_method_setting(edit: Edit[Stage]) -> None:
    key, setting = edit.op.args
    member, read = METHOD_SETTINGS[setting]
    value = read(edit)
    settings = edit.item.method_settings
    if key not in settings:
        settings[key] = dict(settings.get(WILDCARD) or DEFAULT_METHOD_SETTING)
    settings[key][member] = value


def _remove_method_setting(edit: Edit[Stage]) -> None:
    key = edit.op.args[0]
    if key not in edit.item.method_settings:
        raise e.bad_request(e.NO_METHOD_SETTING.format(key=key))
    del edit.item.method_settings[key]


# -- the stage's own members -------------------------------------------------------------------


def _deployment(edit: Edit[Stage]) -> str:
    """The deployment a value names: one of the API's."""
    if edit.value is None or edit.value not in edit.parent.deployments:
        raise e.bad_request(e.DEPLOYMENT_NOT_FOUND)
    return edit.value


def _set_deployment(edit: Edit[Stage]) -> None:
    edit.item.deployment_id = _deployment(edit)


def _set_cache_enabled(edit: Edit[Stage]) -> None:
    stage = edit.item
    stage.cache_cluster_enabled = _flag(edit)
    if stage.cache_cluster_enabled and stage.cache_cluster_size is None:
        stage.cache_cluster_size = DEFAULT_CACHE_SIZE


def _set_cache_size(edit: Edit[Stage]) -> None:
    if edit.value not in CACHE_SIZES:
        sizes = ", ".join(CACHE_SIZES)
        raise e.bad_request(e.INVALID_CACHE_SIZE.format(value=edit.value, sizes=sizes))
    edit.item.cache_cluster_size = edit.value


def _set_client_certificate(edit: Edit[Stage]) -> None:
    """A client certificate of the account and region; an empty value takes it off."""
    if edit.value and edit.value not in edit.backend.client_certificates:
        raise e.not_found(e.CLIENT_CERTIFICATE_NOT_FOUND)
    edit.item.client_certificate_id = edit.value or None


def _set_documentation_version(edit: Edit[Stage]) -> None:
    edit.item.documentation_version = check_documentation_version(edit.parent, edit.value)


def _set_variable(edit: Edit[Stage]) -> None:
    name = edit.op.args[0]
    edit.item.variables[name] = check_variable(name, edit.value)


def _remove_variable(edit: Edit[Stage]) -> None:
    edit.item.variables.pop(edit.op.args[0], None)


def _set_access_log(edit: Edit[Stage]) -> None:
    if not edit.value:
        raise e.bad_request(e.ACCESS_LOG_EMPTY)
    member = edit.op.path.rpartition("/")[2]
    edit.item.access_log_settings = {**(edit.item.access_log_settings or {}), member: edit.value}


def _remove_access_log(edit: Edit[Stage]) -> None:
    edit.item.access_log_settings = None


# -- canary ------------------------------------------------------------------------------------


def _canary(edit: Edit[Stage]) -> dict[str, Any]:
    """The stage's canary, made (on the stage's deployment, with no traffic) if it has none."""
    stage = edit.item
    if stage.canary_settings is None:
        stage.canary_settings = {
            "deploymentId": stage.deployment_id,
            "percentTraffic": 0.0,
            "useStageCache": False,
        }
    return stage.canary_settings


def _set_canary_percent(edit: Edit[Stage]) -> None:
    percent = check_percent(decimal_value(edit.value), edit.value)
    _canary(edit)["percentTraffic"] = percent


def _set_canary_deployment(edit: Edit[Stage]) -> None:
    deployment_id = _deployment(edit)
    _canary(edit)["deploymentId"] = deployment_id


def _set_canary_cache(edit: Edit[Stage]) -> None:
    _canary(edit)["useStageCache"] = _flag(edit)


def _set_override(edit: Edit[Stage]) -> None:
    name = edit.op.args[0]
    value = check_variable(name, edit.value)
    _canary(edit).setdefault("stageVariableOverrides", {})[name] = value


def _remove_override(edit: Edit[Stage]) -> None:
    canary = edit.item.canary_settings or {}
    overrides = canary.get("stageVariableOverrides") or {}
    overrides.pop(edit.op.args[0], None)
    if not overrides:
        canary.pop("stageVariableOverrides", None)


def _remove_canary(edit: Edit[Stage]) -> None:
    edit.item.canary_settings = None


def _promote(edit: Edit[Stage]) -> None:
    canary = edit.item.canary_settings
    if canary is None:
        raise e.bad_request(e.NO_CANARY_TO_PROMOTE)
    if edit.op.path == "/deploymentId":
        edit.item.deployment_id = canary["deploymentId"]
    else:
        edit.item.variables.update(canary.get("stageVariableOverrides") or {})


# -- reading a patch operation -----------------------------------------------------------------

REPLACED: Mapping[str, Setter] = {
    "/deploymentId": _set_deployment,
    "/description": set_text("description"),
    "/cacheClusterEnabled": _set_cache_enabled,
    "/cacheClusterSize": _set_cache_size,
    "/clientCertificateId": _set_client_certificate,
    "/tracingEnabled": set_flag("tracing_enabled"),
    "/documentationVersion": _set_documentation_version,
}
CANARY_REPLACED: Mapping[str, Setter] = {
    "/canarySettings/percentTraffic": _set_canary_percent,
    "/canarySettings/deploymentId": _set_canary_deployment,
    "/canarySettings/useStageCache": _set_canary_cache,
}
REMOVED: Mapping[str, Setter] = {
    "/accessLogSettings": _remove_access_log,
    "/canarySettings": _remove_canary,
}


def _pointer(path: str) -> list[str]:
    """A path's parts, unescaped as JSON Pointer parts (``~1`` is ``/``)."""
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]


@functools.lru_cache(maxsize=1024)  # the same few paths come again and again
def _read(op: str, path: str, source: Any) -> tuple[Setter, tuple[str, ...]]:
    """What an operation does, and the names its path gives; AWS's 400 for one it refuses."""
    parts = _pointer(path) if path.startswith("/") else []
    head = parts[0] if parts else None
    if op == "copy":
        if COPIES.get(path) != source:
            shown = "null" if source is None else source
            raise e.bad_request(e.COPY_INVALID.format(path=path, source=shown))
        return _promote, ()
    if op == "remove":
        if path in REMOVED:
            return REMOVED[path], ()
        if head == "variables" and len(parts) == 2:
            return _remove_variable, (parts[1],)
        if parts[:2] == ["canarySettings", "stageVariableOverrides"] and len(parts) == 3:
            return _remove_override, (parts[2],)
        return _remove_method_setting, (path.removeprefix("/"),)
    if op not in ("add", "replace"):
        raise e.bad_request(e.STAGE_OP_INVALID.format(op=op, path=path))
    if head == "accessLogSettings":
        if path not in ACCESS_LOG_PATHS:
            raise e.bad_request(e.ACCESS_LOG_PATH_INVALID)
        return _set_access_log, ()
    if head == "variables" and len(parts) == 2:
        return _set_variable, (parts[1],)
    found: tuple[Setter, tuple[str, ...]] | None = None
    if head == "canarySettings":
        if path in CANARY_REPLACED:
            found = CANARY_REPLACED[path], ()
        elif parts[1:2] == ["stageVariableOverrides"] and len(parts) == 3:
            found = _set_override, (parts[2],)
    elif path in REPLACED:
        found = REPLACED[path], ()
    elif (setting := _method_setting_of(path)) is not None:
        found = _set_method_setting, setting
    if found is None:
        raise e.bad_request(e.STAGE_PATH_INVALID.format(path=path))
    if op == "add":
        raise e.bad_request(e.STAGE_OP_INVALID.format(op=op, path=path))
    return found


def update_stage(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, stored = stage_of(backend, call)
    stage = clone(stored)
    for operation in call.params.get("patchOperations") or ():
        op, path = operation.get("op"), operation.get("path")
        shown_op = "null" if op is None else op
        shown_path = "null" if path is None else path
        source = operation.get("from")
        setter, args = _read(shown_op, shown_path, source)
        patch = PatchOp(shown_op, shown_path, "", args, operation.get("value"), source)
        setter(Edit(backend, call, api, stage, patch))
    stage.last_updated_date = int(call.now)
    FAMILY.store(api, stage)
    return FAMILY.render(stage, call)


OPERATIONS = {"UpdateStage": update_stage}
