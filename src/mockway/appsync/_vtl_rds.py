"""``$util.rds`` of AppSync's mapping templates: the result of an RDS (Aurora) data source, as
AppSync hands it to the response template in ``$ctx.result``, made concise.

That result is JSON text: ``{"sqlStatementResults": [...]}``, one entry per statement of the
request template, each with the RDS Data API's ``records`` (a list of fields per row) and
``columnMetadata``. The helpers turn it into a list per statement of its rows, each row a map
from column label (the name the query gives the column, ``AS`` aliases included) to the
field's value; a statement without records (an ``INSERT``, ``UPDATE``, ``DELETE``) gives an
empty list. So ``$util.rds.toJsonObject($ctx.result)[1][0]`` is the first row of the second
statement.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._vtl import UtilError, VBool, VList, java, to_json

__all__ = ["Rds"]

MAPPING_TEMPLATE = "MappingTemplate"
_SCALARS = ("stringValue", "longValue", "doubleValue", "booleanValue", "blobValue")
"""A field's typed members: exactly one of them (or ``isNull``, ``arrayValue``) is set."""


class _NotAResult(Exception):
    """The text is JSON, but not an RDS Data API result."""


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _NotAResult(f"{what} is not a list")
    return value


def _map(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _NotAResult(f"{what} is not an object")
    return value


def _array(array: Any) -> Any:
    """An ``arrayValue`` as a list: its ``stringValues``, ``longValues``, ``doubleValues``,
    ``booleanValues``, or ``arrayValues`` (lists of lists)."""
    for name, values in _map(array, "an arrayValue").items():
        if values is None:
            continue
        if name == "arrayValues":
            return [_array(inner) for inner in _list(values, "arrayValues")]
        return _list(values, name)
    return []


def _value(field: Any) -> Any:
    """A field's value: the member that is set; null when ``isNull`` is."""
    field = _map(field, "a field of a record")
    if field.get("isNull") is True or field.get("null") is True:
        return None
    for name in _SCALARS:
        value = field.get(name)
        if value is not None:
            return value
    array = field.get("arrayValue")
    return None if array is None else _array(array)


def _label(column: Any) -> Any:
    column = _map(column, "a column's metadata")
    label = column.get("label")
    label = column.get("name") if label is None else label
    return label if isinstance(label, str) or label is None else to_json(label)


def _rows(statement: Any) -> list[dict[Any, Any]]:
    statement = _map(statement, "a statement's result")
    labels = [_label(c) for c in _list(statement.get("columnMetadata"), "columnMetadata")]
    rows = []
    for record in _list(statement.get("records"), "records"):
        fields = _list(record, "a record")
        rows.append({label: _value(f) for label, f in zip(labels, fields, strict=False)})
    return rows


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "a Map"
    if isinstance(value, list):
        return "a List"
    if isinstance(value, (bool, VBool)):
        return "a Boolean"
    return "a Number" if isinstance(value, (int, float)) else "an Object"


def concise(serialized: Any, method: str) -> list[list[dict[Any, Any]]]:
    """The rows of each statement of an RDS data source's serialized result; what cannot be
    read fails the template with a ``MappingTemplate`` error naming ``method``."""
    where = f"$util.rds.{method}"
    if not isinstance(serialized, str):
        raise UtilError(
            f"{where} expects the serialized SQL result as a String, not {_kind(serialized)}.",
            MAPPING_TEMPLATE,
        )
    try:
        result = json.loads(serialized)
    except (ValueError, RecursionError):
        raise UtilError(
            f"{where} could not parse the serialized SQL result as JSON: {serialized}",
            MAPPING_TEMPLATE,
        ) from None
    try:
        statements = _list(
            _map(result, "the result").get("sqlStatementResults"), "sqlStatementResults"
        )
        return [_rows(statement) for statement in statements]
    except _NotAResult as error:
        raise UtilError(
            f"{where}: the serialized SQL result is not an RDS Data API result: {error}.",
            MAPPING_TEMPLATE,
        ) from None


class Rds:
    """``$util.rds``."""

    def toJsonString(self, serialized: Any) -> str:
        """The rows of each statement, as compact JSON text."""
        return to_json(concise(serialized, "toJsonString"))

    def toJsonObject(self, serialized: Any) -> VList:
        """The rows of each statement, as a list of lists of maps."""
        return java(concise(serialized, "toJsonObject"))  # type: ignore[no-any-return]
