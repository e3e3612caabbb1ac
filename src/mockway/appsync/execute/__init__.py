"""The AppSync GraphQL data plane: requests to a GraphQL API's endpoint, answered in-process.

One function per stage, each in its own module::

    route (here: the endpoint host, or a custom domain name, names the API)
      -> authorize (_auth)
      -> parse the HTTP request (_request) -> parse and validate the query (_document)
      -> execute, field by field (_resolve, _lambda), through the API's cache (_caching)
      -> answer (_answers)

Routing and authorization run under the backend's lock, against the same state and clock as
the control plane: a key deleted by DeleteApiKey, or past its ``expires``, is refused on the
next request, and one extended by UpdateApiKey works again. The resolvers, functions and data
sources are read there too; the query runs outside the lock (a Lambda handler may call
AppSync's control plane).

graphql-core is imported on first use, so ``import mockway`` stays cheap.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import weakref
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ... import _clock
from ..._http import HttpRequest, HttpResponse, domain_named, split_url
from ..._wire import _http_date
from ...errors import MockwayError
from .._models import AppSyncBackend, GraphqlApi
from ._answers import (
    FieldError,
    RequestRefused,
    compact,
    document_error,
    execution_error,
    field_error,
    finish,
    refusal,
)
from ._auth import Caller, UnsupportedExecution, authorize
from ._caching import cache_for
from ._document import TOO_DEEP, kept, prepared, translate
from ._dynamodb_source import clients_of
from ._http_source import back_ends_of
from ._lambda import handlers_of
from ._limits import INTROSPECTION_DISABLED, introspected, limits
from ._providers import LAMBDA, PendingLambda, cached, keep, run_lambda
from ._request import GraphqlRequest, graphql_post, graphql_request
from ._resolve import Run, resolve_field
from ._subscriptions import realtime_for

if TYPE_CHECKING:
    from graphql import ExecutionResult, GraphQLSchema

    from ..._state import MockState

__all__ = ["UnsupportedExecution", "answer", "answer_domain", "send"]

GRAPHQL_PATH = "/graphql"
NO_SCHEMA = "No schema has been created for this API."


def _api(backend: AppSyncBackend, label: str, host: str) -> GraphqlApi:
    """The API whose GraphQL endpoint has the host label ``label``."""
    for api in backend.apis.values():
        graphql_host = api.dns.get("GRAPHQL", "")
        if graphql_host.partition(".")[0] == label:
            return api
    for event_api in backend.event_apis.values():
        if event_api.dns.get("HTTP", "").partition(".")[0] == label:
            raise UnsupportedExecution("Event API requests")
    raise MockwayError(
        f"no GraphQL API in account {backend.account_id}, {backend.region}, has the endpoint "
        f"{host}; AWS would not resolve the host. The endpoint is the API's uris['GRAPHQL'] "
        "(its host is not the apiId)."
    )


def _non_null(error: Any, schema: GraphQLSchema) -> dict[str, Any] | None:
    """graphql-core's non-null violation, as graphql-java reports it."""
    import re

    matched = re.fullmatch(
        r"Cannot return null for non-nullable field (\w+)\.(\w+)\.", error.message
    )
    if matched is None:
        return None
    from graphql import get_named_type

    parent = schema.get_type(matched[1])
    field = getattr(parent, "fields", {}).get(matched[2])
    named = None if field is None else get_named_type(field.type)
    where = ""
    for step in error.path or ():
        where += f"[{step}]" if isinstance(step, int) else f"/{step}"
    message = (
        f"Cannot return null for non-nullable type: '{getattr(named, 'name', '')}' within "
        f"parent '{matched[1]}' ({where})"
    )
    return {"path": error.path, "locations": None, "message": message}


def _errors(result: ExecutionResult, run: Run, schema: GraphQLSchema) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for error in result.errors or ():
        original = error.original_error
        if isinstance(original, FieldError):
            out.append(field_error(list(error.path or ()), error.nodes, original))
        elif error.path is None:
            out.append(document_error(translate(error), error.nodes))
        else:
            out.append(_non_null(error, schema) or execution_error(error))
    out.extend(run.out_errors)
    return out


_EXPERIMENTAL = frozenset({"defer", "stream"})
_executable: weakref.WeakKeyDictionary[GraphQLSchema, GraphQLSchema] = weakref.WeakKeyDictionary()


def _executable_schema(schema: GraphQLSchema) -> GraphQLSchema:
    """``schema`` without ``@defer`` and ``@stream``, which AppSync declares and which
    graphql-core 3.3 refuses to execute a schema with; the same schema under graphql-core 3.2."""
    found = _executable.get(schema)
    if found is None:
        if not any(d.name in _EXPERIMENTAL for d in schema.directives):
            found = schema
        else:
            from graphql import GraphQLSchema

            kwargs = schema.to_kwargs()
            kwargs["directives"] = tuple(
                d for d in schema.directives if d.name not in _EXPERIMENTAL
            )
            kwargs["assume_valid"] = True
            found = GraphQLSchema(**kwargs)
        _executable[schema] = found
    return found


_deep = threading.Lock()
_deep_runs: list[int] = [0, 0]
"""Deep queries running now, and the recursion limit from before the first of them."""
FRAMES_PER_LEVEL = 12
"""Python frames graphql-core's execution takes for each level of a query, at most."""
MAX_LEVELS = 200
"""More levels than the parser lets through (about 165)."""


@contextlib.contextmanager
def _stack_for(query: str) -> Iterator[None]:
    """Room on Python's stack for the deepest query the parser lets through: while any query
    with many braces runs, the recursion limit is raised (never lowered under another one
    still running), and put back when the last of them ends. Nothing waits: a resolver may
    send such a query itself."""
    if query.count("{") < 64:
        yield
        return
    with _deep:
        if _deep_runs[0] == 0:
            _deep_runs[1] = sys.getrecursionlimit()
        _deep_runs[0] += 1
        wanted = _deep_runs[1] + MAX_LEVELS * FRAMES_PER_LEVEL
        if sys.getrecursionlimit() < wanted:
            sys.setrecursionlimit(wanted)
    try:
        yield
    finally:
        with _deep:
            _deep_runs[0] -= 1
            if _deep_runs[0] == 0:
                sys.setrecursionlimit(_deep_runs[1])


def _run(schema: GraphQLSchema, query: GraphqlRequest, run: Run) -> bytes:
    from graphql import execute

    document, problems = prepared(schema, query.query)
    if document is None:
        return compact({"data": None, "errors": problems})
    if not run.introspection:
        asked = introspected(document, query.operation_name)
        if asked is not None:
            return compact(
                {"data": None, "errors": [document_error(INTROSPECTION_DISABLED, [asked])]}
            )
    try:
        with _stack_for(query.query):
            result = execute(
                _executable_schema(schema),
                document,
                context_value=run,
                variable_values=query.variables,
                operation_name=query.operation_name,
                field_resolver=resolve_field,
            )
    except RecursionError:
        return compact({"data": None, "errors": [document_error(TOO_DEEP)]})
    if run.stopped is not None:
        raise run.stopped
    assert not hasattr(result, "__await__")
    if any(isinstance(e.original_error, RecursionError) for e in result.errors or ()):
        # nested deeper than Python's stack lets it run: refused as the parser refuses
        return compact({"data": None, "errors": [document_error(TOO_DEEP)]})
    errors = _errors(result, run, schema)
    if run.realtime is not None:  # a mutation reaches the API's subscriptions
        run.realtime.ran(schema, document, query.operation_name, result.data)
    body: dict[str, Any] = {"data": result.data}
    if errors:
        body["errors"] = errors
    if run.cache is not None and run.cache.deleted:
        body["extensions"] = {"apiCacheEntriesDeleted": run.cache.deleted}
    return compact(body)


def _domain_api(backend: AppSyncBackend, domain: str) -> GraphqlApi:
    """The API the custom domain name ``domain`` is associated with."""
    found = domain_named(backend.domain_names, domain.lower())
    association = None if found is None else found.association
    if association is None:
        raise MockwayError(
            f"the AppSync custom domain name {domain} (account {backend.account_id}, "
            f"{backend.region}) is associated with no API: what AWS answers then is not on "
            "record, so mockway does not make it up. Associate an API first (AssociateApi)."
        )
    api = backend.apis.get(association.api_id)
    if api is None:
        raise UnsupportedExecution("Event API requests")
    return api


def execute_request(
    backend: AppSyncBackend,
    label: str,
    request: HttpRequest,
    state: MockState,
    *,
    domain: str | None = None,
) -> tuple[HttpResponse, float]:
    """The answer to ``request`` for the API whose endpoint host has the label ``label`` (or
    that the custom domain name ``domain`` is associated with), and the time it was answered
    at."""
    if request.path.rstrip("/") != GRAPHQL_PATH:
        raise UnsupportedExecution(f"requests to {request.path} (only {GRAPHQL_PATH} is served)")
    now = _clock.now()
    try:
        with backend.lock:
            now = _clock.now()
            api = (
                _api(backend, label, request.host)
                if domain is None
                else _domain_api(backend, domain)
            )
            caller = authorize(api, request, now)
            if isinstance(caller, PendingLambda):
                answered = cached(backend.authorizer_answers, caller, now)
                if answered is not None:
                    caller = Caller(LAMBDA, answered.identity, denied=answered.denied)
            schema = api.graphql_schema
            depth_limit, resolver_limit = limits(api.settings)
            run = Run(
                caller=caller if isinstance(caller, Caller) else Caller(LAMBDA),
                default_mode=api.authentication_type,
                resolvers=api.resolvers.copy(),  # by resolver_key
                functions=api.functions.copy(),
                data_sources=api.data_sources.copy(),
                handlers=dict(handlers_of(backend)),
                back_ends=back_ends_of(backend),
                dynamodb=clients_of(backend),
                headers={k.lower(): v for k, v in request.headers},
                variables={},
                ids=state.ids,
                now=now,
                modes={},
                depth_limit=depth_limit,
                resolver_limit=resolver_limit,
                introspection=api.settings.get("introspectionConfig") != "DISABLED",
                domain=domain,
                cache=None if api.cache is None else cache_for(backend, api, now),
                realtime=realtime_for(backend, api.api_id),
            )
        query = graphql_request(request)
        if isinstance(caller, PendingLambda):  # outside the lock: it may call AppSync
            authorized = run_lambda(caller, request, query, run.handlers, state.ids, now)
            with backend.lock:
                keep(backend.authorizer_answers, caller, authorized, now)
            run.caller = Caller(LAMBDA, authorized.identity, denied=authorized.denied)
    except RequestRefused as refused:
        return refusal(refused.refusal), now
    if schema is None:
        body = compact({"data": None, "errors": [document_error(NO_SCHEMA)]})
        return HttpResponse(200, {}, body), now
    run.variables = query.variables
    run.modes = kept(schema).modes
    if run.cache is not None and run.cache.whole_operations:
        body, added = run.cache.answer(schema, query, run, lambda: _run(schema, query, run))
        return HttpResponse(200, added, body), now
    body = _run(schema, query, run)
    return HttpResponse(200, dict(run.response_headers.items()), body), now


def answer(
    state: MockState, account_id: str, region: str, label: str, request: HttpRequest
) -> HttpResponse:
    """The answer AppSync in (account, region) gives to ``request``."""
    from .. import SERVICE

    backend = state.backend(SERVICE, account_id, region)
    response, now = execute_request(backend, label, request, state)
    return finish(response, state.ids, _http_date(now))


def answer_domain(
    state: MockState, account_id: str, region: str, domain: str, request: HttpRequest
) -> HttpResponse:
    """The answer AppSync in (account, region) gives to ``request`` sent to its custom domain
    name ``domain``."""
    from .. import SERVICE

    backend = state.backend(SERVICE, account_id, region)
    response, now = execute_request(backend, "", request, state, domain=domain)
    return finish(response, state.ids, _http_date(now))


def send(
    state: MockState,
    backend: AppSyncBackend,
    api_id: str,
    query: str,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    api_key: str | None,
    headers: Mapping[str, str] | None,
) -> HttpResponse:
    """A GraphQL request made through the handle, as a client would POST it to the API's
    endpoint."""
    _, request = handle_request(backend, api_id, query, variables, operation_name, api_key, headers)
    response, now = execute_request(backend, request.host.partition(".")[0], request, state)
    return finish(response, state.ids, _http_date(now))


def handle_request(
    backend: AppSyncBackend,
    api_id: str,
    query: str,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    api_key: str | None,
    headers: Mapping[str, str] | None,
) -> tuple[GraphqlApi, HttpRequest]:
    """The API ``api_id`` and the POST a client sends to its endpoint for a request made
    through the handle; :class:`~mockway.MockwayError` when there is no such API."""
    with backend.lock:
        api = backend.apis.get(api_id)
    if api is None:
        raise MockwayError(
            f"no GraphQL API {api_id!r} in account {backend.account_id}, {backend.region}"
        )
    host, path, _ = split_url(api.uris["GRAPHQL"])
    return api, graphql_post(host, path, query, variables, operation_name, api_key, headers)
