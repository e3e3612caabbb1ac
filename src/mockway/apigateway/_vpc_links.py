"""CreateVpcLink, GetVpcLink(s), UpdateVpcLink, DeleteVpcLink: the links private
integrations reach a network load balancer through.

AWS takes minutes to make a link; mockway's is ready at once: CreateVpcLink answers it
PENDING, as AWS does, and every later call finds it AVAILABLE, so a loop waiting for
AVAILABLE ends at its first poll, under frozen time too. A link is refused deletion while a
deployed integration (an integration of an API that has a stage) names it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._patch import PatchOp, PatchRules
from .._registry import Call
from . import _errors as e
from ._family import IN_BACKEND, Family, render_output, set_text
from ._models import ApiGatewayBackend
from ._tags import check_tags

__all__ = ["FAMILY", "OPERATIONS", "VpcLink"]

VPC_LINK_ID_LENGTH = 6
MAX_VPC_LINKS = 20
READY = "Your vpc link is ready for use"
_ARN = re.compile(r"arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+")
"""A well-formed ARN: ``arn:<partition>:<service>:<region>:<account>:<resource>``."""


@dataclass(slots=True)
class VpcLink:
    id: str
    name: str
    target_arns: list[str]
    description: str | None = None
    status: str = "AVAILABLE"
    status_message: str | None = READY
    tags: dict[str, str] = field(default_factory=dict)


class _LinkPatch(PatchRules):
    """A link's patch paths; its targets are fixed, whatever the operation."""

    def parse(self, operations: Sequence[Mapping[str, Any]] | None) -> list[PatchOp]:
        for operation in operations or ():
            path = operation.get("path")
            if isinstance(path, str) and path.split("/")[1:2] == ["targetArns"]:
                raise e.bad_request(e.VPC_LINK_TARGETS_FIXED)
        return super().parse(operations)


def _references(backend: ApiGatewayBackend, link_id: str) -> list[str]:
    """Where a link is in use, as AWS lists it: ``<api>:<method>:<resource>:<stage>``."""
    found = []
    for api in backend.rest_apis.values():
        if not api.stages:
            continue
        using = [
            (resource.id, method.http_method)
            for resource, method in api.methods()
            if (integration := method.method_integration) is not None
            and integration.connection_type == "VPC_LINK"
            and integration.connection_id == link_id
        ]
        for stage in api.stages.values():
            found += [f"{api.id}:{verb}:{resource}:{stage.stage_name}" for resource, verb in using]
    return found


def _refuse_if_used(backend: ApiGatewayBackend, call: Call, parent: Any, link: VpcLink) -> None:
    references = _references(backend, link.id)
    if references:
        raise e.bad_request(e.VPC_LINK_IN_USE.format(id=link.id, references=", ".join(references)))


FAMILY: Family[VpcLink] = Family(
    IN_BACKEND,
    lambda backend: backend.vpc_links,
    "vpcLinkId",
    e.VPC_LINK_NOT_FOUND,
    patch=_LinkPatch({"replace": ["/name", "/description"]}),
    setters={
        "/name": set_text("name", blank=e.VPC_LINK_NAME_EMPTY),
        "/description": set_text("description"),
    },
    on_delete=_refuse_if_used,
    filled=("tags",),
)


def create_vpc_link(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    if not p["name"]:
        raise e.bad_request(e.VPC_LINK_NAME_EMPTY)
    targets: list[str] = p["targetArns"]
    if not targets:
        raise e.bad_request(e.VPC_LINK_TARGETS_NONE)
    if len(targets) > 1:
        raise e.bad_request(e.VPC_LINK_TARGETS_MANY)
    if not _ARN.fullmatch(targets[0]):
        raise e.bad_request(e.VPC_LINK_ARN_INVALID.format(arn=targets[0]))
    tags = check_tags(p.get("tags") or {})
    if len(backend.vpc_links) >= MAX_VPC_LINKS:
        raise e.limit_exceeded(e.VPC_LINK_LIMIT)
    link = VpcLink(
        backend.new_id(VPC_LINK_ID_LENGTH, call.ids, backend.vpc_links),
        p["name"],
        list(targets),
        description=p.get("description") or None,
        tags=tags,
    )
    backend.vpc_links.add(link.id, link)
    return render_output(dataclasses.replace(link, status="PENDING", status_message=None), call)


OPERATIONS = {
    "CreateVpcLink": create_vpc_link,
    **FAMILY.operations(
        get="GetVpcLink", list="GetVpcLinks", update="UpdateVpcLink", delete="DeleteVpcLink"
    ),
}
