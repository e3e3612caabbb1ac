"""CreateResource, GetResource, GetResources, UpdateResource, DeleteResource."""

from __future__ import annotations

import re
from typing import Any

from .._patch import PatchRules
from .._registry import Call
from .._render import render
from . import _errors as e
from ._family import IN_REST_API, Edit, Family, render_output
from ._listing import page, requested
from ._models import ApiGatewayBackend
from ._rest_models import Resource, RestApi

__all__ = ["FAMILY", "OPERATIONS", "resource_of"]

RESOURCE_ID_LENGTH = 6
_PATH_PART = re.compile(r"[A-Za-z0-9._:-]+|\{[A-Za-z0-9._-]+\+?\}")


def descendants(api: RestApi, resource: Resource) -> list[Resource]:
    """The resources under ``resource``, each after its parent (a moved resource may be
    older than its new parent, so creation order does not tell)."""
    children: dict[str, list[Resource]] = {}
    for other in api.resources.values():
        if other.parent_id is not None:
            children.setdefault(other.parent_id, []).append(other)
    found: list[Resource] = []
    pending = [resource]
    while pending:
        below = children.get(pending.pop().id, [])
        found.extend(below)
        pending.extend(below)
    return found


def _delete(backend: ApiGatewayBackend, call: Call, api: RestApi, resource: Resource) -> None:
    if resource.parent_id is None:
        raise e.bad_request(e.ROOT_NOT_DELETABLE)
    for below in descendants(api, resource):  # the family removes the resource itself
        api.resources.remove(below.id)


def _set_path_part(edit: Edit[Resource]) -> None:
    if edit.item.parent_id is None:
        raise e.bad_request(e.ROOT_PATH_PART)
    edit.item.path_part = edit.value or ""


def _set_parent(edit: Edit[Resource]) -> None:
    resource, api = edit.item, edit.parent
    if resource.parent_id is None:
        raise e.bad_request(e.ROOT_PARENT)
    parent = api.resources.get(edit.value or "")
    if parent is None:
        raise e.not_found(e.RESOURCE_NOT_FOUND)
    ancestor: Resource | None = parent
    while ancestor is not None:
        if ancestor.id == resource.id:
            raise e.bad_request(e.RESOURCE_CYCLE)
        ancestor = None if ancestor.parent_id is None else api.resources.get(ancestor.parent_id)
    resource.parent_id = parent.id


def _check(backend: ApiGatewayBackend, call: Call, api: RestApi, resource: Resource) -> None:
    """A moved or renamed resource takes a name its new siblings allow, and a new path."""
    if resource.parent_id is None or resource.path_part is None:
        return
    parent = api.resources.get(resource.parent_id)
    assert parent is not None
    check_path_part(api, parent, resource.path_part, resource.id)
    resource.path = child_path(parent, resource.path_part)


FAMILY: Family[Resource] = Family(
    IN_REST_API,
    lambda api: api.resources,
    "resourceId",
    e.RESOURCE_NOT_FOUND,
    patch=PatchRules({"replace": ["/parentId", "/pathPart"]}),
    setters={"/parentId": _set_parent, "/pathPart": _set_path_part},
    check=_check,
    on_delete=_delete,
    newest_first=False,
)


def update_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, resource = FAMILY.patched(backend, call)
    FAMILY.store(api, resource)
    for below in descendants(api, resource):  # each after its parent
        parent = api.resources.get(below.parent_id or "")
        assert parent is not None
        assert below.path_part is not None
        below.path = child_path(parent, below.path_part)
    return FAMILY.render(resource, call)


def resource_of(
    backend: ApiGatewayBackend, call: Call, member: str = "resourceId"
) -> tuple[RestApi, Resource]:
    """The resource a call names; an unknown API is reported as an unknown resource."""
    api = backend.rest_apis.get(call.params["restApiId"])
    resource = None if api is None else api.resources.get(call.params[member])
    if api is None or resource is None:
        raise e.not_found(e.RESOURCE_NOT_FOUND)
    return api, resource


def _rendered(resource: Resource, call: Call, item_shape: Any) -> dict[str, Any]:
    """A resource, its methods embedded in full when the call asks for them."""
    service = call.operation.service_model.service_name
    out = render(resource, item_shape, service)
    if resource.methods and "methods" in (call.params.get("embed") or ()):
        method_shape = item_shape.members["resourceMethods"].value
        out["resourceMethods"] = {
            name: render(method, method_shape, service) for name, method in resource.methods.items()
        }
    return out


def get_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    return _rendered(resource_of(backend, call)[1], call, call.operation.output_shape)


def get_resources(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    shape = call.operation.output_shape
    assert shape is not None
    item_shape = shape.members["items"].member  # type: ignore[attr-defined]
    return page(
        api.resources,
        requested(call),
        lambda found: [_rendered(resource, call, item_shape) for resource in found],
        newest_first=False,
    )


def check_path_part(api: RestApi, parent: Resource, path_part: str, moving: str | None) -> None:
    """Whether ``path_part`` may name a child of ``parent`` (``moving``: the resource that
    would take it, already a child or not)."""
    if not _PATH_PART.fullmatch(path_part):
        raise e.bad_request(e.INVALID_PATH_PART)
    if parent.path_part is not None and parent.path_part.endswith("+}"):
        raise e.bad_request(e.GREEDY_PARENT.format(parent=parent.path_part))
    siblings = [r for r in api.resources.values() if r.parent_id == parent.id and r.id != moving]
    if any(r.path_part == path_part for r in siblings):
        raise e.conflict(e.RESOURCE_EXISTS.format(path_part=path_part))
    if path_part.startswith("{"):
        for sibling in siblings:
            if sibling.path_part is not None and sibling.path_part.startswith("{"):
                raise e.bad_request(e.VARIABLE_SIBLING.format(sibling=sibling.path_part))


def child_path(parent: Resource, path_part: str) -> str:
    return ("" if parent.path == "/" else parent.path) + "/" + path_part


def create_resource(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api, parent = resource_of(backend, call, "parentId")
    path_part = call.params["pathPart"]
    check_path_part(api, parent, path_part, None)
    resource = Resource(
        backend.new_id(RESOURCE_ID_LENGTH, call.ids, api.resources),
        parent.id,
        path_part,
        child_path(parent, path_part),
    )
    api.resources.add(resource.id, resource)
    return render_output(resource, call)


OPERATIONS = {
    "CreateResource": create_resource,
    "GetResource": get_resource,
    "GetResources": get_resources,
    "UpdateResource": update_resource,
    **FAMILY.operations(delete="DeleteResource"),
}
