"""The one table from (service, operation) to handler, built explicitly, published read-only."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from botocore.model import OperationModel

    from ._ids import IdSource

__all__ = [
    "Call",
    "Handler",
    "Service",
    "service_for_event",
    "services",
    "supported_operations",
]

B = TypeVar("B")


class Call:
    """One request as a handler sees it: the operation and its parameters, who asks, where,
    and when."""

    __slots__ = ("account_id", "ids", "now", "operation", "params", "region")

    def __init__(
        self,
        operation: OperationModel,
        params: Mapping[str, Any],
        account_id: str,
        region: str,
        now: float,
        ids: IdSource,
    ) -> None:
        self.operation = operation
        self.params = params
        self.account_id = account_id
        self.region = region
        self.now = now
        self.ids = ids


Handler = Callable[[Any, Call], dict[str, Any]]


@dataclass(frozen=True)
class Service(Generic[B]):
    """A mocked service: its identity in botocore, its backend, and its operations."""

    name: str
    """botocore's service name, as in ``boto3.client(name)``."""
    event_id: str
    """The hyphenized service id botocore names its events with."""
    backend: Callable[[str, str], B]
    """Builds the empty backend for (account id, region)."""
    operations: Mapping[str, Handler]
    type_error_code: str
    validation_error_code: str
    error_type_suffix: str = ""
    """Appended to the code in the ``x-amzn-errortype`` header, as the service does."""
    response_headers: Callable[[Any], Mapping[str, str]] = field(default=lambda ids: {})
    enum_order: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Enum value lists in the order the service prints them, where it differs from the model."""
    unbounded: frozenset[str] = frozenset()
    """Shapes whose maximum in the model the service does not hold to (its own ARNs in some
    partitions are longer than the model allows)."""
    patterns: frozenset[str] = frozenset()
    """Shapes whose pattern in the model the service enforces."""
    nullable: frozenset[str] = frozenset()
    """Structures whose null members the service reads as absent."""
    wrong_json: Mapping[str, str] = field(default_factory=dict)
    """What the service's JSON reader says, as a ``SerializationException``, of a JSON
    ``boolean`` or ``number`` in the body where the model reads a string; without an entry
    such a value is a wrong type (``type_error_code``)."""
    null_entries: frozenset[str] = frozenset()
    """Map members (``<InputShape>.<member>``) that take a JSON null as an entry's value."""


@functools.cache
def services() -> Mapping[str, Service[Any]]:
    """Every mocked service by botocore service name; loaded on first use, not at import."""
    from .apigateway import SERVICE as APIGATEWAY
    from .appsync import SERVICE as APPSYNC

    return MappingProxyType({s.name: s for s in (APIGATEWAY, APPSYNC)})


@functools.cache
def _by_event_id() -> Mapping[str, Service[Any]]:
    return MappingProxyType({s.event_id: s for s in services().values()})


def service_for_event(event_id: str) -> Service[Any] | None:
    """The service whose botocore events carry ``event_id``, if mockway mocks it."""
    return _by_event_id().get(event_id)


def supported_operations() -> dict[str, tuple[str, ...]]:
    """The operations mockway answers, by botocore service name, sorted."""
    return {name: tuple(sorted(s.operations)) for name, s in services().items()}
