"""aioresponses: its ``start``, which puts its stand-in in place of ``ClientSession._request``.

Started after mockway, aioresponses would see every request first and refuse the ones it has no
answer for. So when it starts while a mock is active, mockway's aiohttp wrapper goes on top of
its stand-in: a claimed request is answered by mockway, every other one reaches aioresponses.
aioresponses' ``stop`` puts back what it found, taking the extra wrapper with it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._aiohttp import _request

if TYPE_CHECKING:
    from .._interceptor import Controller

__all__ = ["install"]


def install(controller: Controller, aioresponses: ModuleType) -> None:
    controller.wrap(aioresponses.core.aioresponses, "start", _start)


def _start(controller: Controller, original: Callable[..., Any]) -> Callable[..., Any]:
    def start(mock: Any) -> None:
        original(mock)
        from aiohttp import ClientSession

        ClientSession._request = _request(controller, ClientSession._request)  # type: ignore[method-assign]

    return start
