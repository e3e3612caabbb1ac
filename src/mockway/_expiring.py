"""Answers kept until a time: the Lambda authorizer caches of both services' data planes."""

from __future__ import annotations

from typing import Any

__all__ = ["KEPT", "keep", "kept"]

KEPT = 1024
"""Kept answers past which the expired ones are forgotten before another is kept."""


def keep(
    cache: dict[Any, tuple[float, Any]], key: Any, until: float, answer: Any, now: float
) -> None:
    """Keep ``answer`` under ``key`` until ``until``; a full cache forgets what has expired
    first, so a run that sends fresh tokens does not grow it without end."""
    if len(cache) >= KEPT:
        for old in [k for k, (expires, _) in cache.items() if expires <= now]:
            del cache[old]
    cache[key] = (until, answer)


def kept(cache: dict[Any, tuple[float, Any]], key: Any, now: float) -> Any:
    """The answer kept under ``key``, if it has not expired by ``now``; else None."""
    found = cache.get(key)
    return found[1] if found is not None and found[0] > now else None
