"""AppSync's mapping templates (VTL), evaluated with airspeed.

A template sees ``$context`` (``$ctx``), ``$util`` (``$utils``) and ``$extensions``, as AppSync
gives them.
Values are Java-like, as Velocity in AppSync has them: maps and lists have Java's methods
(``$map.put``, ``$list.add``, ``$map.keySet()``...), render as Java prints them
(``{a=1}``, ``[1, 2]``, ``true``), and ``$util.toJson`` writes them as JSON. ``#return`` ends
the template with a value; ``$util.error`` ends it with an error.

The evaluator serves EvaluateMappingTemplate and the GraphQL data plane alike:
:func:`evaluate` takes a template and a context and answers an :class:`Evaluation`.
airspeed is imported on first use, so ``import mockway`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._velocity import (
    Returned,
    ReturnMacro,
    VBool,
    VList,
    VMap,
    cause,
    compiled,
    java,
    plain,
    to_json,
)

if TYPE_CHECKING:
    from ._vtl_extensions import Realtime

__all__ = [
    "Evaluation",
    "Placement",
    "UtilError",
    "VBool",
    "VList",
    "VMap",
    "evaluate",
    "java",
    "plain",
    "to_json",
]


class UtilError(Exception):
    """``$util.error``: the template ends with this error."""

    def __init__(
        self,
        message: str,
        error_type: Any = None,
        data: Any = None,
        info: Any = None,
        unauthorized: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.data = data
        self.info = info
        self.unauthorized = unauthorized
        """``$util.unauthorized()``: the field's error is AppSync's for a field the caller may
        not read."""


@dataclass
class Evaluation:
    """What a template made: its text (or the value it returned), or the error it ended with."""

    result: str | None = None
    error: str | None = None
    error_type: Any = None
    """The type ``$util.error`` gave the error, if any."""
    error_data: Any = None
    """The data ``$util.error`` gave the error, if any."""
    error_info: Any = None
    """The ``errorInfo`` ``$util.error`` gave the error, if any."""
    unauthorized: bool = False
    """The template called ``$util.unauthorized()``."""
    returned: bool = False
    """The template ended with ``#return``."""
    error_raised: bool = False
    """The error is one the template raised (``$util.error``), not a failure to run it."""
    logs: list[str] = field(default_factory=list)
    stash: dict[str, Any] = field(default_factory=dict)
    out_errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a template runs in a GraphQL request: the operation its field belongs to
    (``query``, ``mutation``, ``subscription``) and whether it is a response mapping template
    (a resolver's or a function's)."""

    operation: str
    response: bool


Evict = Callable[[str, str, Mapping[str, Any]], None]
"""Forgets the API cache's entry of a type's field with the given caching keys (in order)."""

_CONTEXT_MEMBERS = ("arguments", "source", "result", "error", "identity", "request", "info", "prev")


def context_of(data: Mapping[str, Any], stash: VMap, out_errors: VList) -> VMap:
    """``$context`` from a context's JSON data."""
    context = java(data)
    assert isinstance(context, VMap)
    context.setdefault("arguments", VMap())
    context["args"] = context["arguments"]
    for member in _CONTEXT_MEMBERS:
        context.setdefault(member, None)
    context["stash"] = stash
    context["outErrors"] = out_errors
    return context


def evaluate(
    template: str,
    data: Mapping[str, Any],
    *,
    util: Callable[[Evaluation], Any],
    placement: Placement | None = None,
    evict: Evict | None = None,
    realtime: Realtime | None = None,
) -> Evaluation:
    """Evaluate ``template`` with the context ``data``; ``util`` makes ``$util`` for the
    evaluation (:mod:`._vtl_util`); ``placement`` says where the template runs, for the
    ``$extensions`` that may be used only in some templates (unknown: not checked);
    ``evict`` forgets an entry of the API's cache (``$extensions.evictFromApiCache``), if
    the template runs in a request to an API with a cache; ``realtime`` keeps what the
    subscription ``$extensions`` ask, if the request reaches subscriptions."""
    import airspeed

    from ._vtl_extensions import Extensions

    outcome = Evaluation()
    stash = java(data.get("stash") or {})
    if not isinstance(stash, VMap):
        stash = VMap()
    out_errors = VList()
    outcome.out_errors = out_errors  # ``$util.appendError`` adds to ``$ctx.outErrors``
    context = context_of(data, stash, out_errors)
    helpers = util(outcome)
    namespace = {"context": context, "ctx": context, "util": helpers, "utils": helpers}
    namespace["extensions"] = Extensions(placement, evict, realtime)
    namespace["#return"] = ReturnMacro()
    try:
        outcome.result = compiled(template).merge(namespace)
    except airspeed.TemplateSyntaxError as error:
        outcome.error = str(error)
    except airspeed.TemplateExecutionError as error:
        inner = cause(error)
        if isinstance(inner, Returned):
            outcome.result = _returned(inner)
            outcome.returned = True
        elif isinstance(inner, UtilError):
            outcome.error = inner.message
            outcome.error_type = plain(inner.error_type)
            outcome.error_data = plain(inner.data)
            outcome.error_info = plain(inner.info)
            outcome.unauthorized = inner.unauthorized
            outcome.error_raised = True
        else:
            outcome.error = f"{type(inner).__name__}: {inner}"
    except RecursionError:
        outcome.error = "The template nests too deeply."
    outcome.stash = plain(stash)
    outcome.out_errors = plain(out_errors)
    return outcome


def _returned(returned: Returned) -> str | None:
    if not returned.has_value:
        return None
    value = returned.value
    return value if isinstance(value, str) else to_json(value)
