"""Documentation versions: CreateDocumentationVersion, GetDocumentationVersion(s),
UpdateDocumentationVersion, DeleteDocumentationVersion.

A version is a named snapshot of the API's documentation parts as they were when it was
created; a stage publishes one through its ``documentationVersion``.
"""

from __future__ import annotations

from typing import Any

from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._documentation import DocumentationVersion
from ._family import IN_REST_API, Family, render_output, set_text
from ._models import ApiGatewayBackend
from ._rest_models import RestApi

__all__ = ["FAMILY", "OPERATIONS"]


def _delete(
    backend: ApiGatewayBackend, call: Call, api: RestApi, version: DocumentationVersion
) -> None:
    if any(stage.documentation_version == version.version for stage in api.stages.values()):
        raise e.bad_request(e.DOC_VERSION_IN_USE)


FAMILY: Family[DocumentationVersion] = Family(
    IN_REST_API,
    lambda api: api.documentation_versions,
    "documentationVersion",
    e.DOC_VERSION_NOT_FOUND,
    patch=PatchRules({"replace": ["/description"]}),
    setters={"/description": set_text("description")},
    on_delete=_delete,
    newest_first=False,
    key="version",
)


def create_documentation_version(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    name = p["documentationVersion"]
    if not name:
        raise e.bad_request(e.DOC_VERSION_BLANK)
    if name in api.documentation_versions:
        raise e.conflict(e.DOC_VERSION_EXISTS)
    stage = None
    if p.get("stageName"):
        stage = api.stages.get(p["stageName"])
        if stage is None:
            raise e.bad_request(e.STAGE_NOT_FOUND)
    now = int(call.now)
    version = DocumentationVersion(
        name, now, p.get("description") or None, tuple(api.documentation_parts.values())
    )
    api.documentation_versions.add(name, version)
    if stage is not None:
        stage.documentation_version = name
        stage.last_updated_date = now
    return render_output(version, call)


def delete_documentation_version(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    backend.rest_api(call.params["restApiId"])  # as DeleteDocumentationPart: the API first
    return FAMILY.delete(backend, call)


OPERATIONS = {
    "CreateDocumentationVersion": create_documentation_version,
    "DeleteDocumentationVersion": delete_documentation_version,
    **FAMILY.operations(
        get="GetDocumentationVersion",
        list="GetDocumentationVersions",
        update="UpdateDocumentationVersion",
    ),
}
