"""CreateBasePathMapping, GetBasePathMapping, GetBasePathMappings, UpdateBasePathMapping,
DeleteBasePathMapping: which stage of which REST API answers ``https://<domain>/<basePath>``.

A domain name keeps its mappings by base path; ``(none)`` names the empty one, which must be
the domain name's only mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._patch import PatchRules
from .._registry import Call
from .._wire import ServiceError
from . import _errors as e
from ._domain_names import DomainName, domain_key
from ._family import Edit, Family, Parent, render_output
from ._models import ApiGatewayBackend

__all__ = ["EMPTY", "FAMILY", "OPERATIONS", "BasePathMapping"]

EMPTY = "(none)"
"""The base path of the empty mapping, and how a call names it."""
_BASE_PATH = re.compile(r"[A-Za-z0-9$\-_.+!*'()]+")


@dataclass(slots=True)
class BasePathMapping:
    base_path: str
    rest_api_id: str
    stage: str | None = None


def _base_path(value: str | None) -> str:
    """A base path as AWS keeps it: empty is ``(none)``; one level only."""
    if not value or value == EMPTY:
        return EMPTY
    if "/" in value:
        raise e.bad_request(e.BASE_PATH_SLASH)
    if not _BASE_PATH.fullmatch(value):
        raise e.bad_request(e.BASE_PATH_INVALID.format(base_path=value))
    return value


def _stage(value: str | None) -> str | None:
    """No stage, or ``(none)``: callers name the stage after the base path."""
    return None if not value or value == EMPTY else value


def _check_target(backend: ApiGatewayBackend, mapping: BasePathMapping) -> None:
    api = backend.rest_apis.get(mapping.rest_api_id)
    if api is None:
        raise e.bad_request(e.REST_API_INVALID)
    if mapping.stage is not None and mapping.stage not in api.stages:
        raise e.bad_request(e.STAGE_NOT_FOUND)


def _check_room(domain: DomainName, base_path: str, leaving: str | None = None) -> None:
    """A base path is taken once; the empty one only alone (``leaving`` is the mapping's
    own base path before a rename)."""
    others = {m.base_path for m in domain.mappings.values() if m.base_path != leaving}
    if base_path in others:
        raise e.conflict(e.BASE_PATH_EXISTS)
    if others and (base_path == EMPTY or EMPTY in others):
        raise e.conflict(e.BASE_PATH_EMPTY_ALONE)


def _domain_missing(backend: ApiGatewayBackend, call: Call) -> ServiceError:
    return e.not_found(e.DOMAIN_NAME_NOT_FOUND)


IN_DOMAIN_NAME = Parent(
    lambda backend, call: backend.domain_names.get(domain_key(call.params)), _domain_missing
)
"""Mappings of a domain name: an unknown domain name lists as itself, but is an unknown
mapping otherwise."""


def _set_base_path(edit: Edit[BasePathMapping]) -> None:
    edit.item.base_path = _base_path(edit.value)


def _set_rest_api(edit: Edit[BasePathMapping]) -> None:
    edit.item.rest_api_id = edit.value or ""


def _set_stage(edit: Edit[BasePathMapping]) -> None:
    edit.item.stage = _stage(edit.value)


def _check(
    backend: ApiGatewayBackend, call: Call, domain: DomainName, mapping: BasePathMapping
) -> None:
    _check_target(backend, mapping)
    _check_room(domain, mapping.base_path, leaving=call.params["basePath"])


FAMILY: Family[BasePathMapping] = Family(
    IN_DOMAIN_NAME,
    lambda domain: domain.mappings,
    "basePath",
    e.BASE_PATH_NOT_FOUND,
    patch=PatchRules({"replace": ["/basePath", "/restapiId", "/stage"]}),
    setters={"/basePath": _set_base_path, "/restapiId": _set_rest_api, "/stage": _set_stage},
    check=_check,
    newest_first=False,
    key="base_path",
)


def create_base_path_mapping(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    domain = backend.domain_names.get(domain_key(p))
    if domain is None:
        raise e.not_found(e.DOMAIN_NAME_NOT_FOUND)
    mapping = BasePathMapping(_base_path(p.get("basePath")), p["restApiId"], _stage(p.get("stage")))
    _check_target(backend, mapping)
    _check_room(domain, mapping.base_path)
    domain.mappings.add(mapping.base_path, mapping)
    return render_output(mapping, call)


def update_base_path_mapping(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    """A new base path moves the mapping to it."""
    domain, mapping = FAMILY.patched(backend, call)
    if mapping.base_path != call.params["basePath"]:
        domain.mappings.remove(call.params["basePath"])
    FAMILY.store(domain, mapping)
    return render_output(mapping, call)


OPERATIONS = {
    "CreateBasePathMapping": create_base_path_mapping,
    "UpdateBasePathMapping": update_base_path_mapping,
    **FAMILY.operations(
        get="GetBasePathMapping", list="GetBasePathMappings", delete="DeleteBasePathMapping"
    ),
}
