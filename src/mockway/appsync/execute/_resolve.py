"""Resolve: each field of a query, as AppSync resolves it.

A field nested past the API's depth limit, or with a resolver past its resolver count limit,
is null with the limit's error (:mod:`._limits`). A field the caller's mode may not read is
null with an ``Unauthorized`` error. A field with a resolver runs it: a UNIT resolver one data
source between its request and response mapping templates, a PIPELINE resolver its before
template, its functions in order (each a data source between its own templates,
``$ctx.prev.result`` the previous step's result) and its after template, sharing one
``$ctx.stash``; a result the API's cache keeps is the field's value without running either
(:mod:`._caching`). A field without a resolver takes its value from
the parent's (the default resolver): a root field without one is null. A response template (or
a pipeline's before template) whose output is blank is AppSync's ``MappingTemplate`` error.

Data sources, one function each in ``_SOURCES``: NONE passes the request template's
``payload`` to the response template as ``$ctx.result``; AWS_LAMBDA calls the registered
handler (:mod:`._lambda`) with the request template's ``payload``, or, without a request
template, with AppSync's direct Lambda event; HTTP sends the request the template describes
to the data source's endpoint (:mod:`._http_source`); AMAZON_DYNAMODB makes the request the
template describes with the DynamoDB client the test registered (:mod:`._dynamodb_source`).
Other data sources are not run yet.
APPSYNC_JS code cannot be run (no JavaScript engine is embedded, see docs/appsync.md): such a
field is null with an error of type ``Code``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._ids import IdSource
from ...errors import MockwayError
from .._data_sources import DataSource
from .._functions import FunctionConfiguration
from .._resolvers import PIPELINE, Resolver, resolver_key
from .._vtl import Evaluation, Placement, evaluate
from .._vtl_http import ResponseHeaders
from .._vtl_util import Util
from ._answers import FieldError, locations
from ._auth import Caller, UnsupportedExecution, allowed, field_modes
from ._http_source import HttpHandler
from ._lambda import LambdaHandler, invoke
from ._limits import DEFAULT_RESOLVER_LIMIT, depth, past_depth, past_resolvers

if TYPE_CHECKING:
    from graphql.language import SelectionSetNode

    from ._caching import RequestCache
    from ._subscriptions import Realtime

__all__ = ["Run", "resolve_field"]

Info = Any
"""graphql-core's ``GraphQLResolveInfo``: generic in 3.3, not in 3.2, so named loosely."""

MAPPING_TEMPLATE = "MappingTemplate"
LATEST = "2018-05-29"
"""The mapping template version whose response template handles a data source's error."""
CODE = "Code"
JS_NOT_RUN = (
    "mockway does not run APPSYNC_JS code: the resolver or function {name} is written in "
    "APPSYNC_JS, and no JavaScript engine is embedded. Write it as VTL mapping templates or "
    "serve it with an AWS_LAMBDA data source for tests, and test the code itself with a "
    "JavaScript test runner."
)
NOT_AUTHORIZED = "Not Authorized to access {field} on type {type}"
EMPTY = "Template transformation yielded an empty response."
"""AppSync's error for a response (or pipeline before) template whose output is blank."""


def _not_authorized(info: Info) -> FieldError:
    """AppSync's error for a field the caller may not read (its modes, a Lambda authorizer's
    ``deniedFields``, a resolver's ``$util.unauthorized()``)."""
    message = NOT_AUTHORIZED.format(field=info.field_name, type=info.parent_type.name)
    return FieldError(message, "Unauthorized")


@dataclass(slots=True)
class Run:
    """One request's execution: what it may read, and what it collects beside the data."""

    caller: Caller
    default_mode: str
    resolvers: dict[str, Resolver]
    functions: dict[str, FunctionConfiguration]
    data_sources: dict[str, DataSource]
    handlers: dict[str, LambdaHandler]
    back_ends: dict[str, HttpHandler]
    """The HTTP endpoints registered for the account and region (:mod:`._http_source`)."""
    headers: dict[str, str]
    variables: dict[str, Any]
    ids: IdSource
    now: float
    modes: dict[tuple[str, str, str], frozenset[str]]
    """Each field's allowed modes by type, field and default mode, kept per schema."""
    depth_limit: int = 0
    """The API's ``queryDepthLimit``: 0 for none."""
    resolver_limit: int = DEFAULT_RESOLVER_LIMIT
    """The API's ``resolverCountLimit``."""
    introspection: bool = True
    """The API's ``introspectionConfig`` is ENABLED."""
    resolvers_run: int = 0
    domain: str | None = None
    """The custom domain name the request was sent to, if it was."""
    out_errors: list[dict[str, Any]] = field(default_factory=list)
    response_headers: ResponseHeaders = field(default_factory=ResponseHeaders)
    """The headers the request's templates add to its answer (``$util.http``)."""
    stopped: MockwayError | None = None
    """What stopped the request: raised in the caller once the query has run."""
    cache: RequestCache | None = None
    """The API's cache (CreateApiCache), if it has one (:mod:`._caching`)."""
    dynamodb: dict[str, Any] = field(default_factory=dict)
    """The DynamoDB clients registered for the account and region, by the region they reach
    (:mod:`._dynamodb_source`)."""
    realtime: Realtime | None = None
    """The subscriptions the request reaches, or starts (:mod:`._subscriptions`); None when
    it reaches none."""


def resolve_field(source: Any, info: Info, **arguments: Any) -> Any:
    """graphql-core's resolver for every field of an AppSync schema."""
    run: Run = info.context
    if run.depth_limit and depth(info.path) > run.depth_limit:
        raise past_depth(run.depth_limit)
    parent = info.parent_type
    where = (parent.name, info.field_name, run.default_mode)  # a field without directives
    modes = run.modes.get(where)  # takes the API's default mode, which UpdateGraphqlApi changes
    if modes is None:
        modes = run.modes[where] = field_modes(parent, info.field_name, run.default_mode)
    if not allowed(run.caller, modes) or (
        run.caller.denied and f"{parent.name}.{info.field_name}" in run.caller.denied
    ):
        raise _not_authorized(info)
    resolver = run.resolvers.get(resolver_key(parent.name, info.field_name))
    if resolver is None:
        if isinstance(source, Mapping):
            return source.get(info.field_name)
        return getattr(source, info.field_name, None)
    if run.stopped is not None:
        return None
    run.resolvers_run += 1
    if run.resolvers_run > run.resolver_limit:
        raise past_resolvers(run.resolver_limit)
    try:
        running = _Field(run, resolver, source, arguments, info)
        return running.resolve() if run.cache is None else run.cache.resolve(running)
    except MockwayError as error:
        run.stopped = error
        return None


def _selection_list(
    selections: SelectionSetNode | None, fragments: Mapping[str, Any], prefix: str
) -> list[str]:
    from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

    out: list[str] = []
    for node in () if selections is None else selections.selections:
        if isinstance(node, FieldNode):
            name = prefix + node.name.value
            out.append(name)
            out.extend(_selection_list(node.selection_set, fragments, name + "/"))
        elif isinstance(node, InlineFragmentNode):
            out.extend(_selection_list(node.selection_set, fragments, prefix))
        elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments:
            spread = fragments[node.name.value].selection_set
            out.extend(_selection_list(spread, fragments, prefix))
    return out


def _json_value(text: str | None, *, strict: bool) -> Any:
    """A template's output as a value: JSON, else (a response template) the text itself."""
    if text is None or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError as error:
        if strict:
            raise FieldError(
                f"Unable to parse the JSON document: {error}", MAPPING_TEMPLATE
            ) from None
        return text.strip()


def _output(outcome: Evaluation) -> Any:
    """What a response template, or a pipeline's before template, made: its value, the value
    it returned, or AppSync's error for an output that is empty or only whitespace."""
    if not outcome.returned and not (outcome.result or "").strip():
        raise FieldError(EMPTY, MAPPING_TEMPLATE)
    return _json_value(outcome.result, strict=False)


class _Field:
    """One field's resolver at work."""

    __slots__ = ("_info_data", "arguments", "info", "resolver", "run", "source", "stash")

    def __init__(
        self,
        run: Run,
        resolver: Resolver,
        source: Any,
        arguments: dict[str, Any],
        info: Info,
    ) -> None:
        self.run = run
        self.resolver = resolver
        self.source = source
        self.arguments = arguments
        self.info = info
        self.stash: dict[str, Any] = {}
        self._info_data: dict[str, Any] | None = None

    def resolve(self) -> Any:
        resolver = self.resolver
        if resolver.runtime is not None:
            raise FieldError(
                JS_NOT_RUN.format(name=f"{resolver.type_name}.{resolver.field_name}"), CODE
            )
        if resolver.kind != PIPELINE:
            return self._step(
                resolver.data_source_name or "",
                resolver.request_mapping_template,
                resolver.response_mapping_template,
                None,
            )
        before = resolver.request_mapping_template
        result = None
        if before is not None:
            outcome = self._evaluate(before, None, None)
            result = _output(outcome)
            if outcome.returned:  # from the resolver: no function runs
                return result
        for function_id in resolver.functions:
            function = self.run.functions.get(function_id)
            if function is None:
                continue
            if function.runtime is not None:
                raise FieldError(JS_NOT_RUN.format(name=function.name), CODE)
            result = self._step(
                function.data_source_name,
                function.request_mapping_template,
                function.response_mapping_template,
                {"result": result},
            )
        after = resolver.response_mapping_template
        if after is None:
            return result
        outcome = self._evaluate(after, {"result": result}, result, response=True)
        return _output(outcome)

    def _step(self, source_name: str, request: str | None, response: str | None, prev: Any) -> Any:
        """One data source between its templates; what the response template makes."""
        data_source = self.run.data_sources.get(source_name)
        if data_source is None:
            raise FieldError(f"No data source found named {source_name}", MAPPING_TEMPLATE)
        serve = _SOURCES.get(data_source.type)
        if serve is None:
            raise UnsupportedExecution(f"{data_source.type} data sources")
        document = None
        if request is not None:
            outcome = self._evaluate(request, prev, None)
            if outcome.returned:  # from the resolver or function: no data source, no response
                return _json_value(outcome.result, strict=False)
            document = _json_value(outcome.result, strict=True)
            if not isinstance(document, dict):
                raise FieldError(
                    "The request mapping template is not a JSON object.", MAPPING_TEMPLATE
                )
        error = None
        try:
            result = serve(self, data_source, document, prev)
        except FieldError as failed:
            # 2018-05-29's response template handles the data source's error itself
            # ($ctx.error); a request template the data source cannot read is not its error
            version = None if document is None else document.get("version")
            if (
                failed.error_type == MAPPING_TEMPLATE
                or response is None
                or (version != LATEST and prev is None and failed.data is None)
            ):
                raise
            # a data source's failed call may carry a result (DynamoDB's current item)
            result, error = failed.data, {"message": failed.message, "type": failed.error_type}
            if version != LATEST and prev is None:  # 2017-02-28: the template makes its data
                outcome = self._evaluate(response, prev, result, error, response=True)
                raise FieldError(failed.message, failed.error_type, _output(outcome)) from None
        if response is None:
            return result
        outcome = self._evaluate(response, prev, result, error, response=True)
        return _output(outcome)

    def _info(self) -> dict[str, Any]:
        if self._info_data is None:
            self._info_data = self._describe()
        return self._info_data

    def _describe(self) -> dict[str, Any]:
        from graphql import print_ast

        info = self.info
        selections = info.field_nodes[0].selection_set
        return {
            "fieldName": info.field_name,
            "parentTypeName": info.parent_type.name,
            "variables": self.run.variables,
            "selectionSetList": _selection_list(selections, info.fragments, ""),
            "selectionSetGraphQL": "" if selections is None else print_ast(selections),
        }

    def _event(self, prev: Any) -> dict[str, Any]:
        """AppSync's direct Lambda event."""
        return {
            "arguments": self.arguments,
            "identity": self.run.caller.identity,
            "source": self.source,
            "request": {"headers": self.run.headers, "domainName": self.run.domain},
            "prev": prev,
            "info": self._info(),
            "stash": self.stash,
        }

    def _evaluate(
        self,
        template: str,
        prev: Any,
        result: Any,
        error: dict[str, Any] | None = None,
        *,
        response: bool = False,
    ) -> Evaluation:
        """Run ``template`` (a response mapping template when ``response``) for the field."""
        run = self.run
        context = {**self._event(prev), "result": result, "error": error}

        def util(outcome: Evaluation) -> Util:
            return Util(
                outcome,
                now=run.now,
                new_id=run.ids.request_id,
                response_headers=run.response_headers,
            )

        placement = Placement(self.info.operation.operation.value, response)
        evict = None if run.cache is None else run.cache.evict
        outcome = evaluate(
            template, context, util=util, placement=placement, evict=evict, realtime=run.realtime
        )
        self.stash = outcome.stash
        path = list(self.info.path.as_list())
        where = locations(self.info.field_nodes)
        for entry in outcome.out_errors:
            run.out_errors.append(
                {
                    "path": path,
                    "data": entry.get("data"),
                    "errorType": entry.get("errorType"),
                    "errorInfo": entry.get("errorInfo"),
                    "locations": where,
                    "message": entry.get("message"),
                }
            )
        message = outcome.error
        if message is not None:
            if outcome.unauthorized:
                raise _not_authorized(self.info)
            if outcome.error_raised:
                info = outcome.error_info
                raise FieldError(message, outcome.error_type, outcome.error_data, info)
            raise FieldError(message, MAPPING_TEMPLATE)
        return outcome


Source = Callable[[_Field, DataSource, "dict[str, Any] | None", Any], Any]
"""A data source at work: the field being resolved, the data source, the rendered request
template (None without one) and ``$ctx.prev``; it answers ``$ctx.result``, or raises
:class:`FieldError`."""


def _serve_none(
    running: _Field, source: DataSource, document: dict[str, Any] | None, prev: Any
) -> Any:
    """NONE: the request template's ``payload``."""
    return None if document is None else document.get("payload")


def _serve_lambda(
    running: _Field, source: DataSource, document: dict[str, Any] | None, prev: Any
) -> Any:
    """AWS_LAMBDA: the function's answer to the ``payload``, or, without a request template,
    to AppSync's direct Lambda event."""
    payload: Any
    if document is None:
        payload = running._event(prev)
    else:
        if document.get("operation", "Invoke") != "Invoke":
            raise UnsupportedExecution(f"{document.get('operation')} Lambda operations")
        payload = document.get("payload")
    arn = (source.lambda_config or {}).get("lambdaFunctionArn", "")
    run = running.run
    return invoke(run.handlers, arn, payload, run.ids, run.now)


def _serve_http(
    running: _Field, source: DataSource, document: dict[str, Any] | None, prev: Any
) -> Any:
    """HTTP: the endpoint's answer to the request the template describes."""
    from ._http_source import call

    return call(source, document, running.run.back_ends, running.run.now)


def _serve_dynamodb(
    running: _Field, source: DataSource, document: dict[str, Any] | None, prev: Any
) -> Any:
    """AMAZON_DYNAMODB: the table's answer to the request the template describes, made by the
    DynamoDB client the test registered (:mod:`._dynamodb_source`)."""
    from ._dynamodb_source import operate

    run, info = running.run, running.info
    event = {
        "arguments": running.arguments,
        "identity": run.caller.identity,
        "resolver": {
            "parentType": info.parent_type.name,
            "field": info.field_name,
            "outputType": str(info.return_type),
        },
    }

    def custom(arn: str, payload: Any) -> Any:
        return invoke(run.handlers, arn, payload, run.ids, run.now)

    return operate(source, document, run.dynamodb, event, custom)


_SOURCES: dict[str, Source] = {
    "NONE": _serve_none,
    "AWS_LAMBDA": _serve_lambda,
    "HTTP": _serve_http,
    "AMAZON_DYNAMODB": _serve_dynamodb,
}
"""The data sources served, by type."""
