"""What the data plane keeps per backend: token buckets and the Python callables a test
registered as Lambda functions and HTTP back ends (in the backend's state), and routing trees
(beside it, made again when needed)."""

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
    """The data plane's part of a backend's state, kept on the backend (``traffic``), so
    snapshots and restores take it with the rest."""

    buckets: dict[tuple[str, ...], Bucket] = field(default_factory=dict)
    functions: dict[str, Any] = field(default_factory=dict)
    """Lambda handlers by function ARN or name, as registered."""
    back_ends: dict[str, Any] = field(default_factory=dict)
    """HTTP back ends by URL prefix (scheme, host and path), as registered."""
    authorizer_cache: dict[tuple[str, ...], tuple[float, Any]] = field(default_factory=dict)
    """Lambda authorizers' answers by API, stage, authorizer and identity: when each expires,
    and the answer."""
    plan_of: dict[tuple[str, str, str], str] = field(default_factory=dict)
    """The usage plan each API key was last found in, by key, API and stage."""


Trees = dict[str, tuple[Any, Any]]
"""Routing trees by API and deployment id, each with the deployment it was made from: made
again from a deployment when needed, so kept beside the backend, not in its state."""

_trees: weakref.WeakKeyDictionary[ApiGatewayBackend, Trees] = weakref.WeakKeyDictionary()


def traffic_of(backend: ApiGatewayBackend) -> Traffic:
    """The backend's traffic state (call under the backend's lock)."""
    traffic: Traffic | None = backend.traffic
    if traffic is None:
        traffic = backend.traffic = Traffic()
    return traffic


def trees_of(backend: ApiGatewayBackend) -> Trees:
    """The backend's routing trees (call under the backend's lock)."""
    trees = _trees.get(backend)
    if trees is None:
        trees = _trees.setdefault(backend, {})
    return trees
