"""``$util.transform`` of AppSync's mapping templates: a filter argument (as Amplify's
``Model...FilterInput``, ``Searchable...FilterInput`` and subscription filters write it) made
into a DynamoDB filter or condition, an OpenSearch query, or an enhanced subscription filter.

The DynamoDB expression follows what AppSync was recorded answering: every field comparison in
parentheses (``(#title = :title_eq)``), a group of more than one member in parentheses, the
top level not; ``#<field>`` names the attribute and a value's placeholder is the path to it
joined with ``_`` (``:and_0_title_eq``). The answer is JSON text: ``expression``,
``expressionNames`` and ``expressionValues`` in that order, the names and values in the order
the filter first uses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._vtl import UtilError, VBool, VList, VMap, to_json
from ._vtl_extensions import FILTERS_MAX

__all__ = ["Transform"]

_COMPARISONS = {"eq": "=", "ne": "<>", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_FUNCTIONS = {"contains": "contains", "notContains": "NOT contains", "beginsWith": "begins_with"}
_ATTRIBUTE_TYPES = {
    "_null": "NULL",
    "string": "S",
    "stringSet": "SS",
    "number": "N",
    "numberSet": "NS",
    "binary": "B",
    "binarySet": "BS",
    "boolean": "BOOL",
    "list": "L",
    "map": "M",
}
"""``attributeType``'s names (Amplify's ``ModelAttributeTypes``) and DynamoDB's type codes."""
_SEARCH_TERMS = {
    "match": "match",
    "matchPhrase": "match_phrase",
    "matchPhrasePrefix": "match_phrase_prefix",
    "multiMatch": "multi_match",
    "wildcard": "wildcard",
    "regexp": "regexp",
}
_SEARCH_RANGES = frozenset({"gt", "gte", "lt", "lte"})
_ABSENT: Any = object()


def _kind(value: Any) -> str:
    """``value``'s type as ``$util.typeOf`` names it."""
    if value is None:
        return "Null"
    if isinstance(value, (bool, VBool)):
        return "Boolean"
    if isinstance(value, (int, float)):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "List"
    return "Map" if isinstance(value, Mapping) else "Object"


def _map(value: Any, what: str) -> Mapping[str, Any]:
    """``value``, a map, its keys as texts (a template's map literal may have others)."""
    if not isinstance(value, Mapping):
        raise UtilError(f"{what} must be a Map, not {_kind(value)}.")
    if all(type(key) is str for key in value):
        return value
    return {str(key): item for key, item in value.items()}


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise UtilError(f"{what} must be a List, not {_kind(value)}.")
    return value


class _Expression:
    """A DynamoDB expression being built: its text, names and values."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    @classmethod
    def joined(cls, parts: list[_Expression], joiner: str, grouped: bool) -> _Expression:
        """``parts`` joined with ``AND`` or ``OR``, in parentheses when ``grouped`` and more
        than one. A part with no text is joined all the same, as AppSync joins it."""
        text = f" {joiner} ".join(part.text for part in parts)
        joined = cls(f"({text})" if grouped and len(parts) > 1 else text)
        for part in parts:
            joined.names.update(part.names)
            joined.values.update(part.values)
        return joined


def _dynamodb_filter(filter: Any, path: list[str], grouped: bool) -> _Expression:
    """A filter map: its fields and its ``and``, ``or`` and ``not``, all to hold."""
    parts = []
    for key, value in _map(filter, "A DynamoDB filter").items():
        if key in ("and", "or"):
            members = _list(value, f"The filter's {key}")
            parts.append(
                _Expression.joined(
                    [
                        _dynamodb_filter(member, [*path, key, str(index)], False)
                        for index, member in enumerate(members)
                    ],
                    key.upper(),
                    True,
                )
            )
        elif key == "not":
            negated = _dynamodb_filter(value, [*path, "not"], True)
            negated.text = f"(NOT {negated.text})"
            parts.append(negated)
        else:
            parts.append(_dynamodb_field(key, value, [*path, key], False))
    return _Expression.joined(parts, "AND", grouped)


def _dynamodb_field(field: str, operators: Any, path: list[str], sized: bool) -> _Expression:
    """A field's operators, all to hold; ``size`` compares the attribute's size instead."""
    name = f"#{field}"
    target = f"size({name})" if sized else name
    parts = []
    for operator, operand in _map(operators, f"The filter of field {field}").items():
        if operator == "size":
            parts.append(_dynamodb_field(field, operand, [*path, "size"], True))
        else:
            placeholder = ":" + "_".join([*path, operator])
            parts.append(_dynamodb_condition(field, target, operator, operand, placeholder))
    expression = _Expression.joined(parts, "AND", True)
    expression.names = {name: field, **expression.names}
    return expression


def _dynamodb_condition(
    field: str, target: str, operator: str, operand: Any, placeholder: str
) -> _Expression:
    """One operator of a field, its value as a DynamoDB attribute value."""
    from ._vtl_util import _attribute  # _vtl_util imports this module

    values: dict[str, Any] = {placeholder: operand}
    if operator in _COMPARISONS:
        text = f"{target} {_COMPARISONS[operator]} {placeholder}"
    elif operator in _FUNCTIONS:
        text = f"{_FUNCTIONS[operator]}({target},{placeholder})"
    elif operator == "between":
        bounds = _list(operand, f"between of field {field}")
        if len(bounds) < 2:
            raise UtilError(f"between of field {field} needs two values.")
        start, end = f"{placeholder}_start", f"{placeholder}_end"
        text = f"{target} BETWEEN {start} AND {end}"
        values = {start: bounds[0], end: bounds[1]}
    elif operator == "in":
        listed = _list(operand, f"in of field {field}")
        names = [f"{placeholder}_{index}" for index in range(len(listed))]
        text = f"{target} IN ({', '.join(names)})" if names else "null"
        values = dict(zip(names, listed, strict=True))
    elif operator == "attributeExists":
        if not isinstance(operand, (bool, VBool)):
            raise UtilError(f"attributeExists of field {field} must be a Boolean.")
        text = f"{'attribute_exists' if operand else 'attribute_not_exists'}({target})"
        values = {}
    elif operator == "attributeType":
        if not isinstance(operand, str) or operand not in _ATTRIBUTE_TYPES:
            raise UtilError(
                f"attributeType of field {field} must be one of {', '.join(_ATTRIBUTE_TYPES)}."
            )
        text = f"attribute_type({target},{placeholder})"
        values = {placeholder: _ATTRIBUTE_TYPES[operand]}
    else:
        raise UtilError(f"Unsupported operator {operator} on field {field}.")
    expression = _Expression(f"({text})")
    expression.values = {key: _attribute(value) for key, value in values.items()}
    return expression


def _dynamodb_json(filter: Any) -> str:
    """The filter as AppSync answers it: a JSON object of the expression, its names and its
    values."""
    expression = _dynamodb_filter(filter, [], False)
    return to_json(
        {
            "expression": expression.text,
            "expressionNames": expression.names,
            "expressionValues": expression.values,
        }
    )


def _search_query(filter: Any) -> Any:
    """A filter map as one OpenSearch query: its clauses, under ``bool.must`` when more than
    one (``null`` when none)."""
    return _all_of(_search_clauses(_map(filter, "An OpenSearch filter")))


def _all_of(clauses: list[Any]) -> Any:
    if len(clauses) == 1:
        return clauses[0]
    return VMap(bool=VMap(must=VList(clauses))) if clauses else None


def _search_clauses(filter: Mapping[str, Any]) -> list[Any]:
    clauses: list[Any] = []
    for key, value in filter.items():
        lowered = key.lower()
        if lowered in ("and", "or"):
            members = VList(_search_query(member) for member in _list(value, f"The filter's {key}"))
            if not members:
                clauses.append(None)
            elif lowered == "or":
                clauses.append(VMap(bool=VMap(should=members, minimum_should_match=1)))
            else:
                clauses.append(VMap(bool=VMap(must=members)))
        elif lowered == "not":
            clauses.append(VMap(bool=VMap(must_not=_search_query(value))))
        else:
            conditions = _map(value, f"The filter of field {key}")
            clauses.append(_all_of([_search_term(key, op, v) for op, v in conditions.items()]))
    return clauses


def _not(clause: VMap) -> VMap:
    return VMap(bool=VMap(must_not=clause))


def _search_term(field: str, operator: str, value: Any) -> VMap:
    """One operator of a field as an OpenSearch query."""
    if operator == "eq":
        return VMap(term=VMap({field: value}))
    if operator == "ne":
        return _not(VMap(term=VMap({field: value})))
    if operator in _SEARCH_TERMS:
        return VMap({_SEARCH_TERMS[operator]: VMap({field: value})})
    if operator in _SEARCH_RANGES:
        return VMap(range=VMap({field: VMap({operator: value})}))
    if operator == "range":
        bounds = _list(value, f"range of field {field}")
        if len(bounds) < 2:
            raise UtilError(f"range of field {field} needs two values.")
        return VMap(range=VMap({field: VMap(gte=bounds[0], lte=bounds[1])}))
    if operator == "exists" and isinstance(value, (bool, VBool)):
        exists = VMap(exists=VMap(field=field))
        return exists if value else _not(exists)
    shown = "null" if value is None else value
    raise UtilError(f"Could not construct an Elasticsearch Query DSL from {operator} and {shown}")


Groups = list[list[VMap]]


def _crossed(groups: Groups, alternatives: Groups) -> Groups:
    """Each group with each alternative added: one of the alternatives is to hold. More groups
    than a subscription filter may hold filters (each holds one at least) fail the template,
    before they are made."""
    if len(groups) * len(alternatives) > FILTERS_MAX:
        raise UtilError(
            f"The subscription filter makes more than {FILTERS_MAX} filter groups; a "
            f"subscription filter holds {FILTERS_MAX} filters at most."
        )
    return [[*group, *alternative] for group in groups for alternative in alternatives]


def _conditions(field: str, operators: Any) -> Groups:
    """A field's operators as alternatives, one filter each: any of them may hold."""
    return [
        [VMap(fieldName=field, operator=operator, value=value)]
        for operator, value in _map(operators, f"The filter of field {field}").items()
    ]


def _subscription_groups(filter: Any, ignored: list[Any]) -> Groups:
    """A filter map as groups of filters, any group to hold, every filter of a group to hold
    (the form ``filterGroup`` takes). ``ignored`` fields are left out, in ``and`` and ``or``
    too."""
    groups: Groups = [[]]
    for key, value in _map(filter, "A subscription filter").items():
        if key == "and":
            for member in _list(value, "The filter's and"):
                groups = _crossed(groups, _subscription_groups(member, ignored))
        elif key == "or":
            members = _list(value, "The filter's or")
            alternatives = [
                group for member in members for group in _subscription_groups(member, ignored)
            ]
            alternatives = [group for group in alternatives if group]
            if alternatives:
                groups = _crossed(groups, alternatives)
        elif key not in ignored:
            groups = _crossed(groups, _conditions(key, value))
    return groups


class Transform:
    """``$util.transform``."""

    def toDynamoDBFilterExpression(self, filter: Any) -> str:
        """The filter as a DynamoDB ``filter`` (JSON text): ``expression``,
        ``expressionNames``, ``expressionValues``."""
        return _dynamodb_json(filter)

    def toDynamoDBConditionExpression(self, condition: Any) -> str:
        """The condition as a DynamoDB ``condition`` (JSON text), written as a filter is."""
        return _dynamodb_json(condition)

    def toElasticsearchQueryDSL(self, filter: Any) -> str:
        """The filter as an OpenSearch query (JSON text); a field's operators and the
        filter's members all to hold."""
        return to_json(_search_query(filter))

    def toSubscriptionFilter(
        self, filter: Any, ignored: Any = _ABSENT, rules: Any = _ABSENT
    ) -> VMap:
        """The filter as ``$extensions.setSubscriptionFilter`` takes it (``filterGroup``),
        leaving out the ``ignored`` fields; with ``rules``, each group once per rule, so that
        one of the rules is to hold too. Operators are passed on as written."""
        left_out = [] if ignored is _ABSENT else _list(ignored, "The fields to leave out")
        groups = _subscription_groups(filter, left_out)
        if rules is not _ABSENT:
            alternatives = [
                condition
                for field, operators in _map(rules, "The rules").items()
                for condition in _conditions(field, operators)
            ]
            if alternatives:
                groups = _crossed(groups, alternatives)
        return VMap(filterGroup=VList(VMap(filters=VList(group)) for group in groups if group))
