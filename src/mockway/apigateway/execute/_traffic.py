"""What the data plane keeps per backend beside the backend's own state: token buckets,
routing trees, and the Python callables a test registered as Lambda functions and HTTP back
ends. Kept as long as the backend is (the outermost activation)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from .._models import ApiGatewayBackend

__all__ = ["Bucket", "Traffic", "traffic_of"]


@dataclass(slots=True)
class Bucket:
    """A token bucket: ``capacity`` tokens at most, ``rate`` more each second."""

    tokens: float
    stamp: float
    capacity: float
    rate: float

    def refill(self, now: float, capacity: float, rate: float) -> None:
        """Bring the bucket to ``now`` under limits that may have changed since."""
        if capacity != self.capacity or rate != self.rate:
            self.capacity, self.rate = capacity, rate
            self.tokens = min(self.tokens, capacity)
        elapsed = now - self.stamp
        if elapsed > 0:
            self.tokens = min(capacity, self.tokens + elapsed * rate)
        self.stamp = now  # a clock moved back starts counting from where it is


@dataclass(slots=True)
class Traffic:
    buckets: dict[tuple[str, ...], Bucket] = field(default_factory=dict)
    trees: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Routing trees by deployment id, each with the deployment it was made from."""
    functions: dict[str, Any] = field(default_factory=dict)
    """Lambda handlers by function ARN or name, as registered."""
    back_ends: dict[str, Any] = field(default_factory=dict)
    """HTTP back ends by URL prefix (scheme, host and path), as registered."""


_traffic: weakref.WeakKeyDictionary[ApiGatewayBackend, Traffic] = weakref.WeakKeyDictionary()


def traffic_of(backend: ApiGatewayBackend) -> Traffic:
    """The backend's traffic state (call under the backend's lock)."""
    traffic = _traffic.get(backend)
    if traffic is None:
        traffic = _traffic.setdefault(backend, Traffic())
    return traffic
