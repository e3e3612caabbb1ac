"""``$extensions`` of AppSync's mapping templates: server-side cache eviction and enhanced
subscription filters and invalidation.

Each method checks its arguments and where it is called as AppSync does (a misused one fails
the template with a ``MappingTemplate`` error), and renders nothing, as AppSync's do.
``evictFromApiCache`` forgets an entry of the API's cache in a GraphQL request
(:mod:`.execute._caching`); in a request that reaches subscriptions, the others keep the
subscription's filters and the mutation's invalidations for it (:mod:`.execute._subscriptions`),
and otherwise act on nothing.

Where a template runs is known in a GraphQL request (:class:`._vtl.Placement`); without it (an
EvaluateMappingTemplate call is told only the template and a context) only the arguments are
checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard

from ._vtl import UtilError, VBool, plain, to_json

if TYPE_CHECKING:
    from ._vtl import Evict, Placement

__all__ = ["Extensions", "Realtime"]

MAPPING_TEMPLATE = "MappingTemplate"
OPERATORS = frozenset(
    {
        "eq",
        "ne",
        "le",
        "lt",
        "ge",
        "gt",
        "contains",
        "notContains",
        "beginsWith",
        "in",
        "notIn",
        "between",
        "containsAny",
    }
)
"""A filter's operators (case sensitive)."""
LIST_LIMITS = {"in": 5, "notIn": 5, "containsAny": 20}
"""The most values the list operators take."""
FILTERS_MAX = 10
"""The most filters a ``filterGroup`` holds, an ``in`` counting once per value."""
FIELDS_MAX = 5
"""The most distinct ``fieldName`` a filter combines (AND)."""
NESTING_MAX = 5
"""The most levels of a nested ``fieldName`` (``a.b.c.d.e``)."""
STRING_MAX = 256
"""The most characters of a string in a filter."""
INVALIDATIONS_MAX = 5
"""The most distinct ``invalidateSubscriptions`` calls a request may make."""


class Realtime(Protocol):
    """Where a request's templates leave what they ask of subscriptions."""

    filter: Any
    invalidation_filter: Any
    invalidations: list[dict[str, Any]]


class _Refused(Exception):
    """What is wrong with an argument."""


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, VBool))


def _check_string(text: Any, what: str) -> TypeGuard[str]:
    """Whether ``text`` is a non-empty string; one that is too long is refused."""
    if not isinstance(text, str) or not text:
        return False
    if len(text) > STRING_MAX:
        raise _Refused(f"{what} is longer than {STRING_MAX} characters")
    return True


def _check_value(operator: str, value: Any, name: str) -> None:
    """A filter's ``value`` as its operator takes it."""
    if operator in LIST_LIMITS or operator == "between":
        if not isinstance(value, list) or not value:
            raise _Refused(f"the value of {name} ({operator}) must be a non-empty list")
        if operator == "between" and len(value) != 2:
            raise _Refused(f"the value of {name} (between) must be a pair")
        limit = LIST_LIMITS.get(operator)
        if limit is not None and len(value) > limit:
            raise _Refused(f"the value of {name} ({operator}) has more than {limit} items")
        items = value
    else:
        items = [value]
    for item in items:
        if isinstance(item, (bool, VBool)) and operator not in ("eq", "ne"):
            raise _Refused(f"the value of {name} ({operator}) can't be a boolean")
        if operator == "beginsWith" and not isinstance(item, str):
            raise _Refused(f"the value of {name} (beginsWith) must be a string")
        if not _is_scalar(item):
            raise _Refused(f"the value of {name} ({operator}) must be a string or a number")
        if isinstance(item, str) and len(item) > STRING_MAX:
            raise _Refused(f"a string of {name} is longer than {STRING_MAX} characters")


def _check_filter(entry: Any) -> int:
    """One filter (its conditions, ANDed); how many filters it counts as (an ``in`` counts
    once per value)."""
    if not isinstance(entry, Mapping) or not isinstance(entry.get("filters"), list):
        raise _Refused("each entry of filterGroup must be an object with a list of filters")
    conditions = entry["filters"]
    if not conditions:
        raise _Refused("filters can't be empty")
    names = set()
    count = 1
    for condition in conditions:
        if not isinstance(condition, Mapping):
            raise _Refused("each filter must be an object with fieldName, operator and value")
        name = condition.get("fieldName")
        if not _check_string(name, "fieldName"):
            raise _Refused("fieldName must be a non-empty string")
        if name.count(".") >= NESTING_MAX:
            raise _Refused(f"fieldName {name} nests more than {NESTING_MAX} levels")
        operator = condition.get("operator")
        if not isinstance(operator, str) or operator not in OPERATORS:
            raise _Refused(f"{operator} is not a filter operator")
        _check_value(operator, condition.get("value"), name)
        names.add(name)
        if operator == "in":
            count *= len(condition["value"])
    if len(names) > FIELDS_MAX:
        raise _Refused(f"a filter combines more than {FIELDS_MAX} fieldName")
    return count


def _check_filter_json(filters: Any) -> None:
    """A ``filterJsonObject``: ``{"filterGroup": [{"filters": [...]}, ...]}``."""
    if not isinstance(filters, Mapping) or not isinstance(filters.get("filterGroup"), list):
        raise _Refused("the filter must be an object with a filterGroup list")
    group = filters["filterGroup"]
    if not group:
        raise _Refused("filterGroup can't be empty")
    if sum(_check_filter(entry) for entry in group) > FILTERS_MAX:
        raise _Refused(f"filterGroup has more than {FILTERS_MAX} filters")


class Extensions:
    """``$extensions`` for one template; ``placement`` says where it runs, if known, and
    ``evict`` forgets an entry of the API's cache, if the template runs in a request to an API
    with one; ``realtime`` keeps what the subscription methods ask, if the request reaches
    subscriptions."""

    def __init__(
        self,
        placement: Placement | None,
        evict: Evict | None = None,
        realtime: Realtime | None = None,
    ) -> None:
        self._placement = placement
        self._evict = evict
        self._realtime = realtime
        self._invalidations: set[str] = set()

    def _refuse(self, method: str, problem: str) -> UtilError:
        return UtilError(f"$extensions.{method}: {problem}.", MAPPING_TEMPLATE)

    def _only_in(self, method: str, operation: str, response: bool) -> None:
        where = self._placement
        if where is None:
            return
        if where.operation != operation or (response and not where.response):
            template = "the response mapping template" if response else "the resolvers"
            raise self._refuse(method, f"can be used only in {template} of {operation} fields")

    def _filter(self, method: str, filters: Any) -> Any:
        """``filters``, checked, as plain values."""
        self._only_in(method, "subscription", response=True)
        try:
            _check_filter_json(filters)
        except _Refused as problem:
            raise self._refuse(method, str(problem)) from None
        return plain(filters)

    def evictFromApiCache(self, type_name: Any, field_name: Any, keys: Any) -> str:
        """Evicts the cached entry of ``type_name.field_name`` whose caching keys are ``keys``,
        in the order of the cached resolver's ``cachingKeys`` (a mutation's resolvers only)."""
        method = "evictFromApiCache"
        self._only_in(method, "mutation", response=False)
        if not isinstance(type_name, str) or not isinstance(field_name, str):
            raise self._refuse(method, "the type name and the field name must be strings")
        if not isinstance(keys, Mapping):
            raise self._refuse(method, "the caching keys must be an object")
        if self._evict is not None:
            self._evict(type_name, field_name, plain(keys))
        return ""

    def setSubscriptionFilter(self, filters: Any) -> str:
        """Sets the subscription's enhanced filter (a subscription's response mapping
        template only): each mutation's result reaches it only if it passes."""
        checked = self._filter("setSubscriptionFilter", filters)
        if self._realtime is not None:
            self._realtime.filter = checked
        return ""

    def setSubscriptionInvalidationFilter(self, filters: Any) -> str:
        """Sets the filter an invalidation is matched against (a subscription's response
        mapping template only): an ``invalidateSubscriptions`` payload it passes ends the
        subscription."""
        checked = self._filter("setSubscriptionInvalidationFilter", filters)
        if self._realtime is not None:
            self._realtime.invalidation_filter = checked
        return ""

    def invalidateSubscriptions(self, invalidation: Any) -> str:
        """Invalidates the subscriptions of ``subscriptionField`` whose invalidation filter
        matches ``payload`` (a mutation's response mapping template only; at most five
        distinct calls)."""
        method = "invalidateSubscriptions"
        self._only_in(method, "mutation", response=True)
        if not isinstance(invalidation, Mapping):
            raise self._refuse(method, "the invalidation must be an object")
        field = invalidation.get("subscriptionField")
        if not isinstance(field, str) or not field:
            raise self._refuse(method, "subscriptionField must be a non-empty string")
        if not isinstance(invalidation.get("payload"), Mapping):
            raise self._refuse(method, "payload must be an object")
        text = to_json(plain(invalidation))
        if text in self._invalidations:
            return ""
        self._invalidations.add(text)
        if len(self._invalidations) > INVALIDATIONS_MAX:
            raise self._refuse(method, f"at most {INVALIDATIONS_MAX} distinct calls in a request")
        if self._realtime is not None:
            self._realtime.invalidations.append(plain(invalidation))
        return ""
