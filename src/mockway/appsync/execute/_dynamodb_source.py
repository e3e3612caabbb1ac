"""AMAZON_DYNAMODB data sources: the DynamoDB request a resolver's template describes, made by
the DynamoDB client a test registers, and ``$ctx.result`` as AppSync builds it.

mockway does not mock DynamoDB. A test gives it a boto3 DynamoDB low-level client (made under
moto's ``mock_aws``, or pointed at DynamoDB Local) with
:meth:`AppSyncView.use_dynamodb`; a data source is served by the client registered for its
``dynamodbConfig.awsRegion`` and reads its ``tableName``. Without one, the request stops with
:class:`~mockway.MockwayError`: nothing is sent anywhere on mockway's own.

The rendered request template is AppSync's DynamoDB request (``GetItem``, ``PutItem``,
``UpdateItem``, ``DeleteItem``, ``Query``, ``Scan``, ``BatchGetItem``, ``BatchPutItem``,
``BatchDeleteItem``, ``TransactGetItems``, ``TransactWriteItems``); its keys, attribute values
and ``expressionValues`` are DynamoDB typed values. ``$ctx.result`` holds items as plain JSON
(numbers as numbers, binary as base64 text). A call DynamoDB refuses is ``$ctx.error`` of
type ``DynamoDB:<code>``, its message worded as AppSync's Java SDK words it. A failed
condition follows the condition's ``conditionalCheckFailedHandler``: the item is read again
(``consistentRead``, true by default); a PutItem whose current item equals the one written
(``equalsIgnore`` left out of the comparison), or a DeleteItem of an item already gone,
succeeds; otherwise ``Reject`` fails with the current item as ``$ctx.result``, and ``Custom``
asks the Lambda function (a handler registered with ``register_lambda``) to ``reject``,
``discard`` or ``retry``.

Typed values and ``nextToken`` are in :mod:`._dynamodb_values`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ...errors import MockwayError
from .._data_sources import DataSource
from .._models import AppSyncBackend
from ._answers import FieldError
from ._auth import UnsupportedExecution
from ._dynamodb_values import decode_token, encode_token, plain_item, same, typed_map, wire
from ._registered import Registered

__all__ = ["Clients", "clients_of", "operate", "register"]

Clients = dict[str, Any]
"""The DynamoDB clients registered for an account and region, by the region they reach."""
Invoke = Callable[[str, Any], Any]
"""Calls the Lambda function with an ARN with a payload (a ``Custom`` condition handler)."""

MAPPING_TEMPLATE = "MappingTemplate"
LATEST = "2018-05-29"
NOT_FOUND = "Value for field '$[{name}]' not found."
MALFORMED = "The {operation} request has an element of the wrong type or shape."
"""A request template's element AppSync cannot read as its reference describes it
(assumed words)."""
UNSUPPORTED = "Unsupported element '$[{name}]'."
CONDITION_FAILED = "ConditionalCheckFailedException"
_READ = ("version", "operation", "index", "limit", "consistentRead", "nextToken", "select")
_MUTATION = ("version", "operation", "key", "condition", "_version", "customPartitionKey")
FIELDS: dict[str, tuple[str, ...]] = {
    "GetItem": ("version", "operation", "key", "consistentRead", "projection"),
    "PutItem": (*_MUTATION, "attributeValues", "populateIndexFields"),
    "UpdateItem": (*_MUTATION, "update", "populateIndexFields"),
    "DeleteItem": (*_MUTATION, "populateIndexFields"),
    "Query": (*_READ, "query", "filter", "scanIndexForward", "projection"),
    "Scan": (*_READ, "totalSegments", "segment", "filter", "projection"),
    "BatchGetItem": ("version", "operation", "tables"),
    "BatchPutItem": ("version", "operation", "tables"),
    "BatchDeleteItem": ("version", "operation", "tables"),
    "TransactGetItems": ("version", "operation", "transactItems"),
    "TransactWriteItems": ("version", "operation", "transactItems"),
}
"""The elements each operation's request may have."""
LATEST_ONLY = frozenset(
    ("BatchGetItem", "BatchPutItem", "BatchDeleteItem", "TransactGetItems", "TransactWriteItems")
)

_clients: Registered[Any] = Registered()
clients_of = _clients.of
"""The DynamoDB clients registered for a backend's account and region, by region."""


def register(backend: AppSyncBackend, client: Any) -> None:
    """Serve the DynamoDB data sources whose ``awsRegion`` is ``client``'s region with it."""
    meta = getattr(client, "meta", None)
    service = getattr(getattr(meta, "service_model", None), "service_name", None)
    if meta is None or service != "dynamodb":
        raise MockwayError(
            "use_dynamodb takes a boto3 DynamoDB low-level client, such as "
            f"boto3.client('dynamodb', region_name=...), not {client!r}"
        )
    _clients.put(backend, str(meta.region_name), client)


# -- the request ----------------------------------------------------------------------------


def _required(document: Mapping[str, Any], name: str, where: str = "") -> Any:
    value = document.get(name)
    if value is None:
        raise FieldError(NOT_FOUND.format(name=f"{where}{name}"), MAPPING_TEMPLATE)
    return value


def _object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(f"Value for field '$[{name}]' must be an object.", MAPPING_TEMPLATE)
    return value


_PAGED = {
    "index": "IndexName",
    "limit": "Limit",
    "consistentRead": "ConsistentRead",
    "select": "Select",
}
"""A Query's and a Scan's elements, and the DynamoDB parameters they become."""
_PAGED_BY = {
    "query": {"scanIndexForward": "ScanIndexForward"},
    "scan": {"segment": "Segment", "totalSegments": "TotalSegments"},
}
"""The elements only a Query, or only a Scan, has."""


class _Expressions:
    """The expressions of one DynamoDB call, their names and values merged as AppSync
    merges them."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def add(self, section: Any, name: str, param: str) -> dict[str, Any] | None:
        """The section ``name`` (``expression``, ``expressionNames``, ``expressionValues``)
        as the call's ``param``; None when absent."""
        if section is None:
            return None
        found = _object(section, name)
        self.params[param] = str(_required(found, "expression", f"{name}]["))
        names = found.get("expressionNames") or {}
        self.names.update({str(k): str(v) for k, v in _object(names, name).items()})
        values = found.get("expressionValues") or {}
        self.values.update(typed_map(values, f"{name}][expressionValues"))
        return found

    def call(self, **params: Any) -> dict[str, Any]:
        """The client's parameters: ``params`` (None left out) and the expressions."""
        out = {k: v for k, v in params.items() if v is not None}
        out.update(self.params)
        if self.names:
            out["ExpressionAttributeNames"] = self.names
        if self.values:
            out["ExpressionAttributeValues"] = self.values
        return out


class _Call:
    """One resolver's DynamoDB request at work."""

    def __init__(
        self,
        client: Any,
        table: str,
        document: dict[str, Any],
        event: dict[str, Any],
        invoke: Invoke,
    ) -> None:
        self.client = client
        self.table = table
        self.document = document
        self.event = event
        self.invoke = invoke

    def send(self, operation: str, **params: Any) -> dict[str, Any]:
        """The client's answer; a refusal as AppSync's error (``DynamoDB:<code>``)."""
        from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

        try:
            answer: dict[str, Any] = getattr(self.client, operation)(**params)
        except ClientError as error:
            raise _refused(error) from None
        except ParamValidationError as error:
            raise FieldError(str(error), MAPPING_TEMPLATE) from None
        except BotoCoreError as error:
            raise MockwayError(
                f"the DynamoDB client registered with use_dynamodb failed: {error}"
            ) from error
        return answer

    # -- single items ----------------------------------------------------------------------

    def get_item(self) -> Any:
        document = self.document
        calling = _Expressions()
        calling.add(document.get("projection"), "projection", "ProjectionExpression")
        params = calling.call(
            TableName=self.table,
            Key=typed_map(_required(document, "key"), "key"),
            ConsistentRead=document.get("consistentRead"),
        )
        return plain_item(self.send("get_item", **params).get("Item"))

    def put_item(self) -> Any:
        document = self.document
        key = typed_map(_required(document, "key"), "key")
        item = {**typed_map(document.get("attributeValues") or {}, "attributeValues"), **key}
        return self._mutate("put_item", key, {"Item": item}, item)

    def update_item(self) -> Any:
        document = self.document
        key = typed_map(_required(document, "key"), "key")
        return self._mutate("update_item", key, {"ReturnValues": "ALL_NEW"}, None)

    def delete_item(self) -> Any:
        key = typed_map(_required(self.document, "key"), "key")
        return self._mutate("delete_item", key, {"ReturnValues": "ALL_OLD"}, None)

    def _mutate(
        self, operation: str, key: dict[str, Any], params: dict[str, Any], item: Any
    ) -> Any:
        document = self.document
        calling = _Expressions()
        if operation == "update_item":
            calling.add(_required(document, "update"), "update", "UpdateExpression")
        condition = calling.add(document.get("condition"), "condition", "ConditionExpression")
        if operation != "put_item":
            params = {"Key": key, **params}
        try:
            answer = self.send(operation, **calling.call(TableName=self.table, **params))
        except FieldError as failed:
            if condition is None or failed.error_type != f"DynamoDB:{CONDITION_FAILED}":
                raise
            return self._condition_failed(operation, key, item, condition, failed)
        if operation == "put_item":
            return plain_item(item)
        return plain_item(answer.get("Attributes"))

    def _condition_failed(
        self,
        operation: str,
        key: dict[str, Any],
        item: Any,
        condition: dict[str, Any],
        failed: FieldError,
    ) -> Any:
        """A failed condition, handled as the condition's handler says."""
        consistent = condition.get("consistentRead")
        read = self.send(
            "get_item", TableName=self.table, Key=key, ConsistentRead=consistent is not False
        )
        current = read.get("Item")
        if operation == "put_item" and current is not None:
            ignored = set(condition.get("equalsIgnore") or ())
            kept = {k: v for k, v in current.items() if k not in ignored}
            if same(kept, {k: v for k, v in item.items() if k not in ignored}):
                return plain_item(current)
        if operation == "delete_item" and current is None:
            return None
        handler = condition.get("conditionalCheckFailedHandler") or {"strategy": "Reject"}
        if handler.get("strategy") == "Custom":
            return self._custom(operation, key, current, handler, failed)
        raise FieldError(failed.message, failed.error_type, plain_item(current))

    def _custom(
        self,
        operation: str,
        key: dict[str, Any],
        current: Any,
        handler: Mapping[str, Any],
        failed: FieldError,
    ) -> Any:
        """A ``Custom`` handler: the Lambda function decides (``reject``, ``discard``,
        ``retry`` once with its ``retryMapping``, rejected if it fails again)."""
        payload = {
            **self.event,
            "requestMapping": self.document,
            "currentValue": None if current is None else wire(current),
        }
        decision = self.invoke(str(handler.get("lambdaArn", "")), payload)
        action = decision.get("action") if isinstance(decision, dict) else None
        if action == "discard":
            return plain_item(current)
        if action == "retry":
            retry = _object(decision.get("retryMapping") or {}, "retryMapping")
            condition = {**(retry.get("condition") or {}), "conditionalCheckFailedHandler": None}
            retried = {**self.document, **retry, "condition": condition}
            again = _Call(self.client, self.table, retried, self.event, self.invoke)
            return getattr(again, operation)()
        raise FieldError(failed.message, failed.error_type, plain_item(current))

    # -- queries and scans -----------------------------------------------------------------

    def query(self) -> Any:
        return self._page("query")

    def scan(self) -> Any:
        return self._page("scan")

    def _page(self, operation: str) -> Any:
        """A Query's or a Scan's page: ``items``, ``nextToken`` and ``scannedCount``."""
        document = self.document
        calling = _Expressions()
        if operation == "query":
            calling.add(_required(document, "query"), "query", "KeyConditionExpression")
        calling.add(document.get("filter"), "filter", "FilterExpression")
        calling.add(document.get("projection"), "projection", "ProjectionExpression")
        members = {**_PAGED, **_PAGED_BY[operation]}
        params = calling.call(
            TableName=self.table,
            ExclusiveStartKey=decode_token(document.get("nextToken")),
            **{name: document.get(element) for element, name in members.items()},
        )
        return _page(self.send(operation, **params))

    # -- batches and transactions ----------------------------------------------------------

    def batch_get_item(self) -> Any:
        tables = _object(_required(self.document, "tables"), "tables")
        requested: dict[str, list[dict[str, Any]]] = {}
        items: dict[str, Any] = {}
        for name, table in tables.items():
            table = _object(table, f"tables][{name}")
            keys = [typed_map(k, f"tables][{name}][keys") for k in _required(table, "keys")]
            requested[name] = keys
            calling = _Expressions()
            calling.add(
                table.get("projection"), f"tables][{name}][projection", "ProjectionExpression"
            )
            items[name] = calling.call(Keys=keys, ConsistentRead=table.get("consistentRead"))
        answer = self.send("batch_get_item", RequestItems=items)
        found, unprocessed = answer.get("Responses", {}), answer.get("UnprocessedKeys", {})
        return {
            "data": {
                name: [_match(key, found.get(name, ())) for key in keys]
                for name, keys in requested.items()
            },
            "unprocessedKeys": {
                name: [plain_item(k) for k in unprocessed.get(name, {}).get("Keys", ())]
                for name in requested
            },
        }

    def batch_put_item(self) -> Any:
        return self._batch_write("PutRequest", "Item", "unprocessedItems")

    def batch_delete_item(self) -> Any:
        return self._batch_write("DeleteRequest", "Key", "unprocessedKeys")

    def _batch_write(self, request: str, member: str, left: str) -> Any:
        tables = _object(_required(self.document, "tables"), "tables")
        written = {
            name: [typed_map(one, f"tables][{name}") for one in entries or ()]
            for name, entries in tables.items()
        }
        answer = self.send(
            "batch_write_item",
            RequestItems={
                name: [{request: {member: one}} for one in entries]
                for name, entries in written.items()
            },
        )
        unprocessed = {
            name: [
                entry[request][member] for entry in answer.get("UnprocessedItems", {}).get(name, ())
            ]
            for name in written
        }
        return {
            "data": {
                name: [
                    None if any(same(one, u) for u in unprocessed[name]) else plain_item(one)
                    for one in entries
                ]
                for name, entries in written.items()
            },
            left: {name: [plain_item(u) for u in entries] for name, entries in unprocessed.items()},
        }

    def transact_get_items(self) -> Any:
        gets = []
        for index, entry in enumerate(_required(self.document, "transactItems")):
            entry = _object(entry, f"transactItems][{index}")
            calling = _Expressions()
            where = f"transactItems][{index}]["
            calling.add(entry.get("projection"), f"{where}projection", "ProjectionExpression")
            get = calling.call(
                TableName=str(_required(entry, "table", where)),
                Key=typed_map(_required(entry, "key", where), f"{where}key"),
            )
            gets.append({"Get": get})
        try:
            answer = self.send("transact_get_items", TransactItems=gets)
        except _Cancelled as cancelled:
            raise cancelled.with_result({"items": None}) from None
        responses = answer.get("Responses", ())
        return {
            "items": [plain_item(r.get("Item")) for r in responses],
            "cancellationReasons": None,
        }

    def transact_write_items(self) -> Any:
        writes, keys = [], []
        for index, entry in enumerate(_required(self.document, "transactItems")):
            entry = _object(entry, f"transactItems][{index}")
            where = f"transactItems][{index}]["
            operation = _required(entry, "operation", where)
            key = typed_map(_required(entry, "key", where), f"{where}key")
            calling = _Expressions()
            call: dict[str, Any] = {"TableName": str(_required(entry, "table", where))}
            if operation == "UpdateItem":
                calling.add(_required(entry, "update", where), f"{where}update", "UpdateExpression")
            condition = calling.add(
                entry.get("condition"), f"{where}condition", "ConditionExpression"
            )
            if condition is not None and condition.get("returnValuesOnConditionCheckFailure"):
                call["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
            if operation == "PutItem":
                values = typed_map(entry.get("attributeValues") or {}, f"{where}attributeValues")
                call["Item"] = {**values, **key}
            else:
                call["Key"] = key
            kinds = {"PutItem": "Put", "UpdateItem": "Update", "DeleteItem": "Delete"}
            kind = kinds.get(operation, "ConditionCheck" if operation == "ConditionCheck" else None)
            if kind is None:
                raise FieldError(f"Unsupported operation '{operation}'.", MAPPING_TEMPLATE)
            writes.append({kind: calling.call(**call)})
            keys.append(plain_item(key))
        try:
            self.send("transact_write_items", TransactItems=writes)
        except _Cancelled as cancelled:
            raise cancelled.with_result({"keys": None}) from None
        return {"keys": keys, "cancellationReasons": None}


class _Cancelled(FieldError):
    """A cancelled transaction: ``$ctx.result`` carries AppSync's ``cancellationReasons``."""

    def __init__(self, message: str, error_type: str, reasons: list[dict[str, Any]]) -> None:
        super().__init__(message, error_type)
        self.reasons = reasons

    def with_result(self, result: dict[str, Any]) -> FieldError:
        return FieldError(
            self.message, self.error_type, {**result, "cancellationReasons": self.reasons}
        )


def _refused(error: Any) -> FieldError:
    """A refusal DynamoDB answered, as AppSync reports it: type ``DynamoDB:<code>``, message
    as AppSync's Java SDK words it."""
    response = error.response
    code = response.get("Error", {}).get("Code", "")
    text = response.get("Error", {}).get("Message", "")
    meta = response.get("ResponseMetadata", {})
    message = (
        f"{text} (Service: DynamoDb, Status Code: {meta.get('HTTPStatusCode', 400)}, "
        f"Request ID: {meta.get('RequestId', '')})"
    )
    reasons = response.get("CancellationReasons")
    if reasons is not None:
        out = []
        for reason in reasons:
            one: dict[str, Any] = {}
            if reason.get("Item") is not None:
                one["item"] = plain_item(reason["Item"])
            one.update(type=reason.get("Code"), message=reason.get("Message"))
            out.append(one)
        return _Cancelled(message, f"DynamoDB:{code}", out)
    return FieldError(message, f"DynamoDB:{code}")


def _page(answer: Mapping[str, Any]) -> dict[str, Any]:
    """A Query's or Scan's ``$ctx.result``."""
    return {
        "items": [plain_item(item) for item in answer.get("Items", ())],
        "nextToken": encode_token(answer.get("LastEvaluatedKey")),
        "scannedCount": answer.get("ScannedCount", 0),
    }


def _match(key: Mapping[str, Any], items: Any) -> Any:
    """The item of ``items`` with the key ``key``, as plain JSON; None when there is none."""
    for item in items:
        if all(name in item and same(item[name], value) for name, value in key.items()):
            return plain_item(item)
    return None


_OPERATIONS: dict[str, Callable[[_Call], Any]] = {
    "GetItem": _Call.get_item,
    "PutItem": _Call.put_item,
    "UpdateItem": _Call.update_item,
    "DeleteItem": _Call.delete_item,
    "Query": _Call.query,
    "Scan": _Call.scan,
    "BatchGetItem": _Call.batch_get_item,
    "BatchPutItem": _Call.batch_put_item,
    "BatchDeleteItem": _Call.batch_delete_item,
    "TransactGetItems": _Call.transact_get_items,
    "TransactWriteItems": _Call.transact_write_items,
}


def operate(
    data_source: DataSource,
    document: Mapping[str, Any] | None,
    clients: Mapping[str, Any],
    event: dict[str, Any],
    invoke: Invoke,
) -> Any:
    """``$ctx.result`` of the DynamoDB request the rendered request template ``document``
    describes, made by the client registered for the data source's region. ``event`` is what
    a ``Custom`` condition handler's Lambda function is told of the resolver (``arguments``,
    ``resolver``, ``identity``). Raises :class:`FieldError` for a template that is not
    AppSync's DynamoDB request (``MappingTemplate``) or a call DynamoDB refuses."""
    document = dict(document or {})
    version = _required(document, "version")
    operation = _required(document, "operation")
    if operation == "Sync":
        raise UnsupportedExecution("Sync operations of AMAZON_DYNAMODB data sources")
    allowed = FIELDS.get(operation) if isinstance(operation, str) else None
    if allowed is None:
        named = operation if isinstance(operation, str) else json.dumps(operation)
        raise FieldError(f"Unsupported operation '{named}'.", MAPPING_TEMPLATE)
    for name in document:
        if name not in allowed:
            raise FieldError(UNSUPPORTED.format(name=name), MAPPING_TEMPLATE)
    if operation in LATEST_ONLY and version != LATEST:
        raise FieldError(
            f"Unsupported operation '{operation}' for version '{version}'.", MAPPING_TEMPLATE
        )
    config = data_source.dynamodb_config or {}
    if config.get("versioned"):
        raise UnsupportedExecution("versioned AMAZON_DYNAMODB data sources (conflict detection)")
    region = str(config.get("awsRegion", ""))
    client = _clients.get(clients, region)
    if client is None:
        raise MockwayError(
            f"no DynamoDB client serves the data source {data_source.name} (table "
            f"{config.get('tableName')}, {region}): mockway does not mock DynamoDB. Register "
            "one for that region, made under moto's mock_aws or pointed at DynamoDB Local: "
            f"handle.appsync(region).use_dynamodb(boto3.client('dynamodb', region_name={region!r}))"
        )
    event = {
        **event,
        "resolver": {
            "tableName": config.get("tableName"),
            "awsRegion": region,
            **event.get("resolver", {}),
        },
    }
    call = _Call(client, str(config.get("tableName", "")), document, event, invoke)
    try:
        return _OPERATIONS[operation](call)
    except (TypeError, AttributeError, ValueError, KeyError, ArithmeticError):
        # an element of the wrong shape (a list where AppSync reads a map, a number set of
        # texts): the template's error, in AppSync's terms rather than Python's
        raise FieldError(MALFORMED.format(operation=operation), MAPPING_TEMPLATE) from None
