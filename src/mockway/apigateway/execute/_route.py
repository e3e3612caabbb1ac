"""Route: the resource and method of the deployed API a request's path and method name.

Routing reads the stage's deployment: the methods as they were deployed, not as they are now.
Of the resources a path could match, a part that is a resource's own path part comes before a
``{param}``, which comes before a greedy ``{proxy+}``; the method is the request's, else the
resource's ``ANY``. No resource, or no such method on it: 403 ``Missing Authentication Token``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._responses import MISSING_AUTHENTICATION_TOKEN, GatewayError
from ._target import Target
from ._traffic import Trees

__all__ = ["Route", "route"]


@dataclass(frozen=True, slots=True)
class Route:
    path: str
    """The resource's path, as it was deployed (``/pets/{id}``)."""
    method: str
    """The method as it was deployed: the request's, or ``ANY``."""
    deployed: Mapping[str, Any]
    """``{authorizationType, apiKeyRequired}`` as the deployment holds them."""
    parameters: Mapping[str, str]
    """The path parameters, decoded."""


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    param: tuple[str, _Node] | None = None
    greedy: tuple[str, _Node] | None = None
    path: str | None = None
    """The resource's path when one ends here."""


def _tree(summary: Mapping[str, Mapping[str, Any]]) -> _Node:
    root = _Node()
    for path in summary:
        node = root
        for part in [p for p in path.split("/") if p]:
            if part.startswith("{") and part.endswith("+}"):
                if node.greedy is None:
                    node.greedy = (part[1:-2], _Node())
                node = node.greedy[1]
            elif part.startswith("{") and part.endswith("}"):
                if node.param is None:
                    node.param = (part[1:-1], _Node())
                node = node.param[1]
            else:
                node = node.children.setdefault(part, _Node())
        node.path = path
    return root


def _match(node: _Node, segments: tuple[str, ...], at: int, found: dict[str, str]) -> str | None:
    if at == len(segments):
        return node.path
    segment = segments[at]
    child = node.children.get(segment)
    if child is not None:
        path = _match(child, segments, at + 1, found)
        if path is not None:
            return path
    if node.param is not None and segment:
        name, child = node.param
        path = _match(child, segments, at + 1, found)
        if path is not None:
            found[name] = segment
            return path
    if node.greedy is not None:
        name, child = node.greedy
        if child.path is not None:
            found[name] = "/".join(segments[at:])
            return child.path
    return None


def _tree_of(trees: Trees, target: Target) -> _Node:
    """The deployment's routing tree, made once: a deployment's summary never changes."""
    deployment = target.deployment
    key = f"{target.api.id}/{deployment.id}"
    kept = trees.get(key)
    if kept is not None and kept[0] is deployment:
        tree: _Node = kept[1]
        return tree
    tree = _tree(deployment.api_summary)
    trees[key] = (deployment, tree)
    return tree


def route(trees: Trees, target: Target, method: str) -> Route:
    parameters: dict[str, str] = {}
    path = _match(_tree_of(trees, target), target.segments, 0, parameters)
    methods = None if path is None else target.deployment.api_summary.get(path)
    if path is None or not methods:
        raise GatewayError(MISSING_AUTHENTICATION_TOKEN)
    deployed = methods.get(method)
    matched = method
    if deployed is None:
        deployed, matched = methods.get("ANY"), "ANY"
    if deployed is None:
        raise GatewayError(MISSING_AUTHENTICATION_TOKEN)
    return Route(path, matched, deployed, parameters)
