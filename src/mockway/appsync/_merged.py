"""Merged APIs: AssociateSourceGraphqlApi, AssociateMergedGraphqlApi, GetSourceApiAssociation,
ListSourceApiAssociations, UpdateSourceApiAssociation, StartSchemaMerge,
DisassociateSourceGraphqlApi, DisassociateMergedGraphqlApi, ListTypesByAssociation.

A source API association links a source API to a MERGED API; both hold it. A merge takes the
source's schema as it is now and the other sources' schemas as they were last merged, and,
if they merge (:mod:`._schema_merge`) into a schema AppSync accepts, makes that the Merged
API's schema. A merge is scheduled by the call that asks for it and is over by the next call:
that call answers ``MERGE_SCHEDULED`` (``DELETION_SCHEDULED`` for a disassociation), and every
later one the outcome: ``MERGE_SUCCESS``, or ``MERGE_FAILED`` with the reason, the Merged API
keeping the schema it had. ``AUTO_MERGE`` associations merge again after each change to their
source's schema (:func:`auto_merging`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from .._paging import OrderedStore
from .._registry import Call, Handler
from .._render import render
from . import _errors as e
from ._apis import check_next_token, listed
from ._family import wrapped
from ._models import AppSyncBackend, GraphqlApi
from ._schema import Built, definitions
from ._schema_merge import Contribution, MergeConflict, merge
from ._sdl import SchemaProblem, check
from ._types import GraphqlType, view

__all__ = ["OPERATIONS", "SourceApiAssociation", "auto_merging", "forgetting"]

MAX_SOURCES = 10
MANUAL_MERGE = "MANUAL_MERGE"
AUTO_MERGE = "AUTO_MERGE"
SCHEDULED = "MERGE_SCHEDULED"
SUCCESS = "MERGE_SUCCESS"
FAILED = "MERGE_FAILED"
AUTO_MERGE_FAILED = "AUTO_MERGE_SCHEDULE_FAILED"
DELETION_SCHEDULED = "DELETION_SCHEDULED"
_ARN = re.compile(r"arn:aws[a-z-]*:appsync:([a-z0-9-]+):(\d{12}):apis/([^/]+)")


@dataclass(slots=True)
class SourceApiAssociation:
    association_id: str
    association_arn: str
    source_api_id: str
    source_api_arn: str
    merged_api_id: str
    merged_api_arn: str
    source_api_association_config: dict[str, str]
    source_api_association_status: str
    description: str | None = None
    source_api_association_status_detail: str | None = None
    last_successful_merge_date: int | None = None
    merged: tuple[str, ...] | None = None
    """The source's definitions as last merged; None before the first successful merge."""
    contributed: tuple[str, ...] = ()
    """The names of the types the last merge took from the source, in the Merged API."""

    @property
    def merge_type(self) -> str:
        return self.source_api_association_config["mergeType"]


def _api(backend: AppSyncBackend, identifier: str) -> GraphqlApi:
    """The API an identifier names: its id, or its ARN in this account and region."""
    if identifier.startswith("arn:"):
        matched = _ARN.fullmatch(identifier)
        if matched is None:
            raise e.bad_request(e.INVALID_ARN.format(arn=identifier))
        region, account, api_id = matched.groups()
        if (region, account) != (backend.region, backend.account_id):
            raise e.not_found(e.API_NOT_FOUND.format(api_id=api_id))
        identifier = api_id
    return backend.api(identifier)


def _association(api: GraphqlApi, association_id: str, *, merged: bool) -> SourceApiAssociation:
    """The association ``association_id`` of ``api`` as the Merged API (or as the source)."""
    association = api.associations.get(association_id)
    side = None if association is None else association.merged_api_id
    if association is not None and not merged:
        side = association.source_api_id
    if association is None or side != api.api_id:
        raise e.not_found(e.ASSOCIATION_NOT_FOUND.format(association_id=association_id))
    return association


def _contributions(
    merged_api: GraphqlApi, replacing: SourceApiAssociation | None, current: tuple[str, ...]
) -> tuple[list[SourceApiAssociation], list[Contribution]]:
    """The associations that take part in a merge, in their order, and what each brings."""
    taking: list[SourceApiAssociation] = []
    brought: list[Contribution] = []
    for association in merged_api.associations.values():
        if association.merged_api_id != merged_api.api_id:
            continue
        snapshot = current if association is replacing else association.merged
        if snapshot is not None:
            taking.append(association)
            brought.append(Contribution(snapshot))
    return taking, brought


def _install(merged_api: GraphqlApi, sdl: str) -> None:
    """Make ``sdl`` (an accepted schema) the Merged API's schema."""
    checked = check(sdl)
    types: OrderedStore[GraphqlType] = OrderedStore()
    for definition in checked.types:
        types.add(definition.name, GraphqlType.of(merged_api, definition))
    merged_api.types = types
    merged_api.schema_extras = checked.extras
    merged_api.built = Built(checked.extras, tuple(types.values()), checked.schema, "")


def _merge(backend: AppSyncBackend, association: SourceApiAssociation, now: float) -> None:
    """Merge the association's source as it is now; the outcome goes in the association."""
    merged_api = backend.apis.get(association.merged_api_id)
    source = backend.apis.get(association.source_api_id)
    current = definitions(source) if source is not None else ()
    if merged_api is None or not current:
        _fail(association, e.MERGE_NO_TYPES)
        return
    taking, brought = _contributions(merged_api, association, current)
    try:
        result = merge(brought)
        _install(merged_api, result.sdl)
    except (MergeConflict, SchemaProblem) as problem:
        _fail(association, problem.details)
        return
    for taken, names in zip(taking, result.names, strict=True):
        taken.contributed = names
    association.merged = current
    association.source_api_association_status = SUCCESS
    association.source_api_association_status_detail = None
    association.last_successful_merge_date = int(now)


def _fail(association: SourceApiAssociation, details: str) -> None:
    association.source_api_association_status = FAILED
    association.source_api_association_status_detail = details


def _remerge(merged_api: GraphqlApi) -> None:
    """The Merged API's schema made again of what its sources last brought (after one left);
    kept as it was when they no longer make a schema."""
    taking, brought = _contributions(merged_api, None, ())
    if not brought:
        merged_api.types = OrderedStore()
        merged_api.schema_extras = ()
        merged_api.built = None
        return
    try:
        result = merge(brought)
        _install(merged_api, result.sdl)
    except (MergeConflict, SchemaProblem):
        return
    for taken, names in zip(taking, result.names, strict=True):
        taken.contributed = names


def _scheduled(association: SourceApiAssociation, call: Call) -> dict[str, Any]:
    """The association as the call that scheduled its merge answers it."""
    shown = dataclasses.replace(
        association,
        source_api_association_status=SCHEDULED,
        source_api_association_status_detail=None,
    )
    return wrapped(shown, call)


def _associate(
    backend: AppSyncBackend, call: Call, merged_api: GraphqlApi, source: GraphqlApi
) -> dict[str, Any]:
    if merged_api.api_type != "MERGED":
        raise e.bad_request(e.NOT_A_MERGED_API.format(api_id=merged_api.api_id))
    if source.api_type == "MERGED":
        raise e.bad_request(e.MERGED_AS_SOURCE.format(api_id=source.api_id))
    own = [a for a in merged_api.associations.values() if a.merged_api_id == merged_api.api_id]
    if any(a.source_api_id == source.api_id for a in own):
        raise e.bad_request(
            e.ALREADY_ASSOCIATED.format(source_id=source.api_id, merged_id=merged_api.api_id)
        )
    if len(own) >= MAX_SOURCES:
        raise e.limit_exceeded(e.SOURCE_LIMIT)
    config = call.params.get("sourceApiAssociationConfig") or {}
    association_id = _uuid(call)
    association = SourceApiAssociation(
        association_id,
        f"{merged_api.arn}/sourceApiAssociations/{association_id}",
        source.api_id,
        source.arn,
        merged_api.api_id,
        merged_api.arn,
        {"mergeType": config.get("mergeType") or MANUAL_MERGE},
        SCHEDULED,
        description=call.params.get("description"),
    )
    merged_api.associations.add(association_id, association)
    source.associations.add(association_id, association)
    answer = _scheduled(association, call)
    _merge(backend, association, call.now)
    return answer


def _uuid(call: Call) -> str:
    """A new association id: a UUID in its usual text form."""
    return call.ids.request_id()


def associate_source_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    merged_api = _api(backend, call.params["mergedApiIdentifier"])
    source = _api(backend, call.params["sourceApiIdentifier"])
    return _associate(backend, call, merged_api, source)


def associate_merged_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    source = _api(backend, call.params["sourceApiIdentifier"])
    merged_api = _api(backend, call.params["mergedApiIdentifier"])
    return _associate(backend, call, merged_api, source)


def _of_merged(backend: AppSyncBackend, call: Call) -> tuple[GraphqlApi, SourceApiAssociation]:
    merged_api = _api(backend, call.params["mergedApiIdentifier"])
    return merged_api, _association(merged_api, call.params["associationId"], merged=True)


def get_source_api_association(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return wrapped(_of_merged(backend, call)[1], call)


def update_source_api_association(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    _, association = _of_merged(backend, call)
    p = call.params
    config = p.get("sourceApiAssociationConfig")
    if config is not None and config.get("mergeType"):
        association.source_api_association_config = {"mergeType": config["mergeType"]}
    if p.get("description") is not None:
        association.description = p["description"]
    return wrapped(association, call)


def start_schema_merge(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    _, association = _of_merged(backend, call)
    _merge(backend, association, call.now)
    return {"sourceApiAssociationStatus": SCHEDULED}


def _disassociate(backend: AppSyncBackend, association: SourceApiAssociation) -> dict[str, Any]:
    for api_id in (association.merged_api_id, association.source_api_id):
        api = backend.apis.get(api_id)
        if api is not None:
            api.associations.remove(association.association_id)
    merged_api = backend.apis.get(association.merged_api_id)
    if merged_api is not None and association.merged is not None:
        _remerge(merged_api)
    return {"sourceApiAssociationStatus": DELETION_SCHEDULED}


def disassociate_source_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    return _disassociate(backend, _of_merged(backend, call)[1])


def disassociate_merged_graphql_api(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    source = _api(backend, call.params["sourceApiIdentifier"])
    association = _association(source, call.params["associationId"], merged=False)
    return _disassociate(backend, association)


def _item_shape(call: Call, member: str) -> Any:
    shape = call.operation.output_shape
    assert shape is not None
    return shape.members[member].member  # type: ignore[attr-defined]


def list_source_api_associations(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    api = backend.api(call.params["apiId"])
    item_shape = _item_shape(call, "sourceApiAssociationSummaries")
    return listed(
        api.associations,
        call.params,
        "sourceApiAssociationSummaries",
        lambda association: render(association, item_shape, "appsync"),
    )


def list_types_by_association(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    check_next_token(call.params.get("nextToken"))
    merged_api, association = _of_merged(backend, call)
    # Built the same way for every page, so the tokens of one page name places in the next.
    store: OrderedStore[GraphqlType] = OrderedStore(association.association_id)
    for name in association.contributed:
        graphql_type = merged_api.types.get(name)
        if graphql_type is not None:
            store.add(name, graphql_type)
    item_shape = _item_shape(call, "types")
    return listed(
        store,
        call.params,
        "types",
        lambda item: render(view(merged_api, item, call), item_shape, "appsync"),
    )


# -- hooks on other operations ---

SCHEMA_CHANGES = ("StartSchemaCreation", "CreateType", "UpdateType", "DeleteType")
"""Operations that change an API's schema: its AUTO_MERGE associations merge again."""


def _source_changed(backend: AppSyncBackend, source: GraphqlApi, now: float) -> None:
    current = definitions(source)
    for association in list(source.associations.values()):
        if association.source_api_id != source.api_id or association.merge_type != AUTO_MERGE:
            continue
        if association.merged == current:
            continue
        merged_api = backend.apis.get(association.merged_api_id)
        if merged_api is not None and not merged_api.settings.get("mergedApiExecutionRoleArn"):
            association.source_api_association_status = AUTO_MERGE_FAILED
            association.source_api_association_status_detail = e.AUTO_MERGE_NO_ROLE
            continue
        _merge(backend, association, now)


def auto_merging(handler: Handler) -> Handler:
    """``handler`` (a change to an API's schema), then the auto merges the change starts."""

    def run(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        answer = handler(backend, call)
        source = backend.apis.get(call.params["apiId"])
        if source is not None and len(source.associations):
            _source_changed(backend, source, call.now)
        return answer

    return run


def forgetting(handler: Handler) -> Handler:
    """``handler`` (DeleteGraphqlApi), then the deleted API's associations go: a Merged API
    that loses a source keeps the schema the others bring."""

    def run(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
        api = backend.apis.get(call.params["apiId"])
        answer = handler(backend, call)
        if api is not None and len(api.associations):
            for association in list(api.associations.values()):
                _disassociate(backend, association)
        return answer

    return run


OPERATIONS: dict[str, Handler] = {
    "AssociateSourceGraphqlApi": associate_source_graphql_api,
    "AssociateMergedGraphqlApi": associate_merged_graphql_api,
    "GetSourceApiAssociation": get_source_api_association,
    "ListSourceApiAssociations": list_source_api_associations,
    "UpdateSourceApiAssociation": update_source_api_association,
    "StartSchemaMerge": start_schema_merge,
    "DisassociateSourceGraphqlApi": disassociate_source_graphql_api,
    "DisassociateMergedGraphqlApi": disassociate_merged_graphql_api,
    "ListTypesByAssociation": list_types_by_association,
}
