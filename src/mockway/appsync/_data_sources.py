"""CreateDataSource, GetDataSource, ListDataSources, UpdateDataSource, DeleteDataSource."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from botocore import xform_name

from .._registry import Call
from .._wire import received
from . import _errors as e
from ._family import Family, Params
from ._models import GraphqlApi

__all__ = ["FAMILY", "OPERATIONS", "DataSource", "check_data_source_name"]

_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
# Each type's configuration member; NONE and AMAZON_BEDROCK_RUNTIME have none.
CONFIG_OF = {
    "AWS_LAMBDA": "lambdaConfig",
    "AMAZON_DYNAMODB": "dynamodbConfig",
    "AMAZON_ELASTICSEARCH": "elasticsearchConfig",
    "AMAZON_OPENSEARCH_SERVICE": "openSearchServiceConfig",
    "HTTP": "httpConfig",
    "RELATIONAL_DATABASE": "relationalDatabaseConfig",
    "AMAZON_EVENTBRIDGE": "eventBridgeConfig",
}
# Types AppSync reaches with a role it assumes.
NEEDS_ROLE = frozenset(CONFIG_OF) - {"HTTP"} | {"AMAZON_BEDROCK_RUNTIME"}
_LAMBDA_ARN = re.compile(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[\w$-]+)?"
)


@dataclass(slots=True)
class DataSource:
    data_source_arn: str
    name: str
    type: str
    description: str | None = None
    service_role_arn: str | None = None
    dynamodb_config: dict[str, Any] | None = None
    lambda_config: dict[str, Any] | None = None
    elasticsearch_config: dict[str, Any] | None = None
    open_search_service_config: dict[str, Any] | None = None
    http_config: dict[str, Any] | None = None
    relational_database_config: dict[str, Any] | None = None
    event_bridge_config: dict[str, Any] | None = None
    metrics_config: str | None = None


def check_data_source_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise e.bad_request(e.DATA_SOURCE_NAME_INVALID)


def _config(params: Params, kind: str) -> dict[str, Any] | None:
    """The configuration of a data source of type ``kind``, as AppSync keeps it."""
    member = CONFIG_OF.get(kind)
    if member is None:
        return None
    config: dict[str, Any] | None = received(params.get(member))
    if config is None:
        raise e.bad_request(e.DATA_SOURCE_CONFIG_MISSING.format(member=member, type=kind))
    if kind == "AWS_LAMBDA" and not _LAMBDA_ARN.fullmatch(config["lambdaFunctionArn"]):
        raise e.bad_request(e.LAMBDA_ARN_INVALID.format(arn=config["lambdaFunctionArn"]))
    if kind == "AMAZON_DYNAMODB":
        config = {"useCallerCredentials": False, "versioned": False, **config}
    return config


def build(call: Call, api: GraphqlApi, existing: DataSource | None) -> DataSource:
    p = call.params
    name = p["name"]
    check_data_source_name(name)
    kind = p["type"]
    config = _config(p, kind)
    role = p.get("serviceRoleArn") or None
    if kind in NEEDS_ROLE and role is None:
        raise e.bad_request(e.SERVICE_ROLE_MISSING)
    source = DataSource(
        f"{api.arn}/datasources/{name}",
        name,
        kind,
        description=p.get("description"),
        service_role_arn=role,
        metrics_config=p.get("metricsConfig"),
    )
    member = CONFIG_OF.get(kind)
    if member is not None:
        setattr(source, xform_name(member), config)
    return source


FAMILY: Family[DataSource] = Family(
    items=lambda api: api.data_sources,
    key=lambda p: p["name"],
    not_found=lambda api, p: e.not_found(e.DATA_SOURCE_NOT_FOUND),
    build=build,
    exists=lambda p: e.bad_request(e.DATA_SOURCE_EXISTS.format(name=p["name"])),
    plural="dataSources",
)

OPERATIONS = FAMILY.operations(
    create="CreateDataSource",
    get="GetDataSource",
    list="ListDataSources",
    update="UpdateDataSource",
    delete="DeleteDataSource",
)
