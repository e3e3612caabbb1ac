"""Integration: what the method's integration answers.

A MOCK integration answers 200 with an empty JSON object; its templates are not applied yet.
Every other integration type stops the request with :class:`UnsupportedExecution`, before
anything is counted. The integration is read from the API as it is now, the deployment keeping
only each method's authorization and key requirement.
"""

from __future__ import annotations

from collections.abc import Callable

from ..._http import HttpRequest, HttpResponse
from ._authorize import UnsupportedExecution
from ._route import Route
from ._target import Target

__all__ = ["Integration", "integration_of"]

Integration = Callable[[HttpRequest], HttpResponse]


def _mock(request: HttpRequest) -> HttpResponse:
    return HttpResponse(200, {}, b"{}")


def integration_of(target: Target, route: Route) -> Integration:
    resource = target.api.resource_at(route.path)
    method = None if resource is None else resource.methods.get(route.method)
    integration = None if method is None else method.method_integration
    kind = "MOCK" if integration is None else integration.type
    if kind != "MOCK":
        raise UnsupportedExecution(f"{kind} integrations")
    return _mock
