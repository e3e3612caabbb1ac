"""StartDataSourceIntrospection and GetDataSourceIntrospection: reading the tables of an
Aurora database through the RDS Data API, to model them as GraphQL types.

No database can be reached from mockway: an introspection starts (``PROCESSING`` in its own
answer) and has failed by the next call, with the reason in ``introspectionStatusDetail``, as
AppSync reports an introspection it could not run. Introspections belong to the account and
region, not to an API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._registry import Call
from . import _errors as e
from ._apis import check_next_token
from ._models import AppSyncBackend

__all__ = ["OPERATIONS", "Introspection"]

PROCESSING = "PROCESSING"
FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class Introspection:
    introspection_id: str
    status: str
    detail: str | None


def start_data_source_introspection(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    config = call.params.get("rdsDataApiConfig")
    if config is None:
        raise e.bad_request(e.INTROSPECTION_CONFIG_MISSING)
    introspection_id = call.ids.request_id()
    detail = e.INTROSPECTION_UNREACHABLE.format(
        database=config["databaseName"], cluster=config["resourceArn"]
    )
    backend.introspections[introspection_id] = Introspection(introspection_id, FAILED, detail)
    return {"introspectionId": introspection_id, "introspectionStatus": PROCESSING}


def get_data_source_introspection(backend: AppSyncBackend, call: Call) -> dict[str, Any]:
    p = call.params
    check_next_token(p.get("nextToken"))
    introspection_id = p["introspectionId"]
    introspection = backend.introspections.get(introspection_id)
    if introspection is None:
        raise e.not_found(e.INTROSPECTION_NOT_FOUND.format(introspection_id=introspection_id))
    out: dict[str, Any] = {
        "introspectionId": introspection.introspection_id,
        "introspectionStatus": introspection.status,
    }
    if introspection.detail is not None:
        out["introspectionStatusDetail"] = introspection.detail
    return out


OPERATIONS = {
    "StartDataSourceIntrospection": start_data_source_introspection,
    "GetDataSourceIntrospection": get_data_source_introspection,
}
