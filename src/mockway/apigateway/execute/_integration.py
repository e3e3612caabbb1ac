"""Integration: what the method's integration answers.

The integration is resolved under the lock, before anything is counted, so that a request
mockway cannot serve is stopped without a trace; it runs outside the lock.

* ``MOCK`` runs its request template; the ``statusCode`` it writes selects the integration
  response, whose template makes the answer (:mod:`._mapping`).
* ``AWS`` to a Lambda function calls the handler registered for the function with the request
  template's JSON (or the body); its answer, or its error message, selects the integration
  response.
* ``HTTP`` calls the HTTP back end registered for the URI with the request template's text
  (or the body) and the mapped parameters; its status code selects the integration response.
* ``AWS_PROXY`` and ``HTTP_PROXY`` hand the request over as it is (:mod:`._proxy`).

``AWS`` integrations to other services stop the request with :class:`UnsupportedExecution`.
The integration is the one the stage's deployment holds: changes to the API reach a stage
when it is deployed again.
"""

from __future__ import annotations

import json
import re
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from ..._http import HttpRequest, HttpResponse
from ..._ids import IdSource
from ...errors import MockwayError
from .._rest_models import Integration
from ._authorize import UnsupportedExecution
from ._content import is_binary, request_body
from ._endpoint import Invoked, Trace, invoking, method_arn, trace_id
from ._mapping import (
    parameter,
    render_request,
    request_independent,
    request_template,
    respond,
    select,
)
from ._proxy import (
    SOURCE_IP,
    Identity,
    LambdaContext,
    MarshalError,
    http_response,
    lambda_response,
    marshalled,
    proxy_event,
    request_context,
)
from ._responses import BAD_LAMBDA_RESPONSE, INTERNAL_ERROR, GatewayError, refusal
from ._route import Route
from ._target import Target
from ._templates import Overrides
from ._traffic import Traffic

__all__ = ["Run", "function_arn", "integration_of", "lambda_handler"]


class Run(Protocol):
    """An integration ready to run: the request, who sent it, ids, the time it came, and what
    to tell of the call to its endpoint (TestInvokeMethod's log)."""

    def __call__(
        self,
        request: HttpRequest,
        identity: Identity,
        ids: IdSource,
        now: float,
        trace: Trace | None = None,
    ) -> HttpResponse: ...


_LAMBDA_URI = re.compile(r"arn:[^:]+:apigateway:[^:]*:lambda:path/[^/]+/functions/(.+)/invocations")
_FUNCTION_ARN = re.compile(r"arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?")
_STATUS = re.compile(r'"statusCode"\s*:\s*"?(\d+)')


def function_arn(uri: str | None) -> str | None:
    """The Lambda function an integration URI invokes (its ARN, with a qualifier if any)."""
    match = None if uri is None else _LAMBDA_URI.fullmatch(uri)
    return None if match is None else match[1]


@dataclass(frozen=True, slots=True)
class _Call:
    """What every integration of one request shares: where it goes and how to map it."""

    target: Target
    route: Route
    integration: Integration
    account_id: str
    region: str

    def context(
        self, request: HttpRequest, identity: Identity, ids: IdSource, now: float
    ) -> Callable[[], dict[str, Any]]:
        """The request's context, made the first time a template or an event asks for it."""
        made: list[dict[str, Any]] = []

        def context() -> dict[str, Any]:
            if not made:
                made.append(
                    request_context(
                        request, self.target, self.route, identity, self.account_id, ids, now
                    )
                )
            return made[0]

        return context

    def uri(self, overridden: Mapping[str, Any] | None = None) -> str:
        """The integration's URI, ``${stageVariables.x}`` and ``{param}`` filled in: a value
        the request template overrode (``$context.requestOverride.path.x``), else a parameter
        from ``requestParameters`` (``integration.request.path.x``), else the request's path
        parameter of the same name."""
        text = self.integration.uri or ""
        variables = self.target.stage.variables
        for name, value in variables.items():
            text = text.replace(f"${{stageVariables.{name}}}", value)
        values = dict(self.route.parameters)
        fixed = overridden or {}
        return re.sub(r"\{([^{}]+?)(\+?)\}", lambda m: self._fill(m, values, fixed), text)

    def _fill(
        self, match: re.Match[str], values: dict[str, str], overridden: Mapping[str, Any]
    ) -> str:
        name, greedy = match[1], match[2]
        source = (self.integration.request_parameters or {}).get(f"integration.request.path.{name}")
        value = values.get(name) if source is None else values.get(source.rpartition(".")[2])
        if overridden.get(name) is not None:
            value = str(overridden[name])
        if value is None:
            return match[0]
        return quote(value, safe="/" if greedy else "")

    def mapped(self, request: HttpRequest, where: str) -> list[tuple[str, str]]:
        """The ``integration.request.<where>.X`` parameters the method maps, with values."""
        found = []
        prefix = f"integration.request.{where}."
        variables = self.target.stage.variables
        for name, source in (self.integration.request_parameters or {}).items():
            if name.startswith(prefix):
                value = parameter(source, request, self.route.parameters, variables)
                if value is not None:
                    found.append((name.removeprefix(prefix), value))
        return found

    def invoking(
        self,
        arn: str,
        request: HttpRequest,
        ids: IdSource,
        now: float,
        trace: Trace | None,
        payload: Any,
    ) -> Invoked:
        """Tell ``trace`` of the call to Lambda's Invoke with ``payload`` (the event, or the
        request template's bytes) about to be made."""
        if trace is None:
            return Invoked(None, "", "", now, 0.0)
        below = "/".join(self.target.segments)
        stage = self.target.stage.stage_name
        api = self.target.api.id
        source = method_arn(api, stage, request.method, below, self.account_id, self.region)
        return invoking(trace, arn, api, source, ids, now, payload)

    def request_body(self, request: HttpRequest) -> bytes | str:
        """The request's body as the integration takes it: text, or a binary blob."""
        return request_body(
            request.body,
            request.header("content-type"),
            self.target.deployed.binary_media_types,
            self.integration.content_handling,
        )

    def render(self, template: str, request: HttpRequest, context: Any) -> tuple[str, Overrides]:
        """A request template rendered, with the parameters it overrides; a binary body it
        cannot read as text is 500."""
        body = self.request_body(request)
        if isinstance(body, bytes):
            try:
                body = body.decode("utf-8")
            except UnicodeDecodeError:
                raise GatewayError(INTERNAL_ERROR) from None
        variables = self.target.stage.variables
        return render_request(template, body, request, self.route.parameters, context, variables)

    def payload(self, request: HttpRequest, context: Any) -> tuple[bytes, Overrides]:
        """The request template's text, or the body passed through, and the parameters the
        template overrides."""
        template = request_template(self.integration, request)
        if template is not None:
            text, overrides = self.render(template, request, context)
            return text.encode("utf-8"), overrides
        body = self.request_body(request)
        return body if isinstance(body, bytes) else body.encode("utf-8"), {}

    def answer(
        self,
        key: str | None,
        body: bytes,
        headers: dict[str, str],
        request: HttpRequest,
        context: Any,
    ) -> HttpResponse:
        response = select(self.integration, key)
        return respond(
            response,
            body,
            headers,
            request,
            self.route.parameters,
            context,
            self.target.stage.variables,
            self.target.deployed.binary_media_types,
        )


_KEPT_ANSWERS = 64
"""Answers a MOCK integration keeps, by ``Content-Type``, when they depend on nothing else."""


def _mock(call: _Call) -> Run:
    kept: dict[str | None, HttpResponse] | None = None
    if request_independent(call.integration, call.target.deployed.binary_media_types):
        kept = {}

    def run(
        request: HttpRequest,
        identity: Identity,
        ids: IdSource,
        now: float,
        trace: Trace | None = None,
    ) -> HttpResponse:
        content_type = request.header("content-type")
        if kept is not None:
            answer = kept.get(content_type)
            if answer is not None:
                return answer
        context = call.context(request, identity, ids, now)
        template = request_template(call.integration, request)
        key = None
        if template:
            status = _STATUS.search(call.render(template, request, context)[0])
            key = None if status is None else status[1]
        answer = call.answer(key, b"", {}, request, context)
        if kept is not None and len(kept) < _KEPT_ANSWERS:
            kept[content_type] = answer
        return answer

    return run


def lambda_handler(traffic: Traffic, uri: str | None, kind: str) -> tuple[str, Any]:
    """The Lambda function a URI invokes (its ARN) and the handler registered for it: by its
    ARN, the ARN without its qualifier, or its name."""
    arn = function_arn(uri)
    if arn is None:
        raise UnsupportedExecution(f"{kind} integrations to {uri!r}")
    match = _FUNCTION_ARN.fullmatch(arn)
    name = arn if match is None else match[1]
    unqualified = arn if match is None else arn[: match.end(1)]
    for key in (arn, unqualified, name):
        handler = traffic.functions.get(key)
        if handler is not None:
            return arn, handler
    raise MockwayError(
        f"no Python callable is registered for the Lambda function {arn}: "
        "handle.apigateway(region).register_lambda(function, handler)"
    )


def _function(traffic: Traffic, call: _Call, kind: str) -> tuple[str, str, Any]:
    """The function the integration invokes: its ARN, its name, and the registered handler."""
    arn, handler = lambda_handler(traffic, call.uri(), kind)
    match = _FUNCTION_ARN.fullmatch(arn)
    return arn, arn if match is None else match[1], handler


def _lambda_context(arn: str, name: str, call: _Call, ids: IdSource, now: float) -> LambdaContext:
    return LambdaContext(
        function_name=name,
        invoked_function_arn=arn,
        aws_request_id=ids.request_id(),
        deadline_ms=int(now * 1000) + call.integration.timeout_in_millis,
    )


def _lambda_proxy(traffic: Traffic, call: _Call) -> Run:
    arn, name, handler = _function(traffic, call, "AWS_PROXY")

    def run(
        request: HttpRequest,
        identity: Identity,
        ids: IdSource,
        now: float,
        trace: Trace | None = None,
    ) -> HttpResponse:
        context = call.context(request, identity, ids, now)()
        event = proxy_event(request, call.target, call.route, context)
        invoked = call.invoking(arn, request, ids, now, trace, event)
        try:
            answer = handler(event, _lambda_context(arn, name, call, ids, now))
        except Exception:  # a failed function is API Gateway's 502, not the caller's error
            return refusal(None, BAD_LAMBDA_RESPONSE)
        invoked.answered(answer)
        accept = request.header("accept")
        return lambda_response(answer, is_binary(accept, call.target.deployed.binary_media_types))

    return run


def _lambda(traffic: Traffic, call: _Call) -> Run:
    arn, name, handler = _function(traffic, call, "AWS")

    def run(
        request: HttpRequest,
        identity: Identity,
        ids: IdSource,
        now: float,
        trace: Trace | None = None,
    ) -> HttpResponse:
        context = call.context(request, identity, ids, now)
        payload = call.payload(request, context)[0]
        try:
            event = json.loads(payload) if payload.strip() else {}
        except ValueError:
            event = payload.decode("utf-8", "replace")
        invoked = call.invoking(arn, request, ids, now, trace, payload)
        key = None
        try:
            body = marshalled(handler(event, _lambda_context(arn, name, call, ids, now)))
        except Exception as error:  # the function's error selects the integration response
            key = str(error)
            kind = "Runtime.MarshalError" if isinstance(error, MarshalError) else None
            stack = [] if kind else traceback.format_exception(error)
            body = json.dumps(
                {
                    "errorMessage": key,
                    "errorType": kind or type(error).__name__,
                    "stackTrace": stack,
                },
                separators=(",", ":"),
            )
        invoked.answered(body)
        return call.answer(key, body.encode("utf-8"), {}, request, context)

    return run


def _back_end(traffic: Traffic, url: str) -> Any:
    best = None
    for prefix, handler in traffic.back_ends.items():
        if url.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, handler)
    if best is None:
        raise MockwayError(
            f"no Python callable is registered for the HTTP back end {url}: "
            "handle.apigateway(region).register_http(url_prefix, handler)"
        )
    return best[1]


_SET_BY_GATEWAY = frozenset(("host", "x-amzn-apigateway-api-id"))
"""Headers of a request that API Gateway sets itself on the call to an HTTP back end."""


def _gateway_headers(
    api_id: str, host: str, sent: list[tuple[str, str]], proxy: bool, trace: str
) -> list[tuple[str, str]]:
    """What API Gateway's call to an HTTP back end carries besides ``sent`` (the client's
    headers for a proxy, the mapped ones otherwise), in the order of its execution log, as
    recorded against AWS: the API's id; for a proxy, where the client is (``X-Forwarded-*``);
    otherwise ``Accept`` and ``User-Agent`` of its own unless mapped; ``Host``, the back
    end's; an X-Ray trace id unless the request has one."""
    names = {name.lower() for name, _ in sent}
    own = [("x-amzn-apigateway-api-id", api_id)]
    if proxy:
        own += [("X-Forwarded-For", SOURCE_IP), ("X-Forwarded-Port", "443")]
        own.append(("X-Forwarded-Proto", "https"))
    else:
        agent = f"AmazonAPIGateway_{api_id}"
        for name, value in (("Accept", "application/json"), ("User-Agent", agent)):
            if name.lower() not in names:
                own.append((name, value))
    own.append(("Host", host))
    if "x-amzn-trace-id" not in names:
        own.append(("X-Amzn-Trace-Id", f"Root={trace}"))
    return own


def _overridden(
    mapped: list[tuple[str, str]], values: Mapping[str, Any] | None, case: bool
) -> list[tuple[str, str]]:
    """``mapped`` parameters with the values a request template overrode (a name in any
    case, unless ``case``) put in their place."""
    if not values:
        return mapped
    fold: Callable[[str], str] = (lambda name: name) if case else str.lower
    names = {fold(name) for name in values}
    kept = [(name, value) for name, value in mapped if fold(name) not in names]
    return kept + [(str(name), str(value)) for name, value in values.items()]


def _http(traffic: Traffic, call: _Call, proxy: bool) -> Run:
    url = call.uri()
    handler = _back_end(traffic, url)
    method = call.integration.http_method or "ANY"

    def run(
        request: HttpRequest,
        identity: Identity,
        ids: IdSource,
        now: float,
        trace: Trace | None = None,
    ) -> HttpResponse:
        verb = request.method if method == "ANY" else method
        reached, back_end = url, handler
        if proxy:
            query, body = request.query, request.body
            headers = [(k, v) for k, v in request.headers if k.lower() not in _SET_BY_GATEWAY]
        else:
            context = call.context(request, identity, ids, now)
            body, overrides = call.payload(request, context)
            mapped = call.mapped(request, "querystring")
            query = urlencode(_overridden(mapped, overrides.get("querystring"), case=True))
            mapped = call.mapped(request, "header")
            headers = _overridden(mapped, overrides.get("header"), case=False)
            if overrides.get("path"):
                reached = call.uri(overrides["path"])
                back_end = _back_end(traffic, reached)
        host, _, path = reached.partition("://")[2].partition("/")
        path, _, fixed_query = path.partition("?")
        query = "&".join(part for part in (fixed_query, query) if part)
        own = _gateway_headers(call.target.api.id, host, headers, proxy, trace_id(ids, now))
        sent = HttpRequest(verb, host.lower(), "/" + path, query, (*headers, *own), body)
        started = time.perf_counter()
        if trace is not None:
            trace.sent(
                reached.partition("?")[0] + (f"?{query}" if query else ""), dict(sent.headers), body
            )
        answer = http_response(back_end(sent))
        if trace is not None:
            trace.received(answer.status, started, answer.headers, answer.body)
        if proxy:
            return answer
        return call.answer(str(answer.status), answer.body, dict(answer.headers), request, context)

    return run


def integration_of(
    traffic: Traffic, target: Target, route: Route, account_id: str, region: str
) -> Run:
    """The integration the route's method runs, resolved; ``account_id`` and ``region`` are
    the API's."""
    method = target.deployment.methods.get((route.path, route.method))
    integration = None if method is None else method.method_integration
    if integration is None:
        integration = Integration("MOCK")
    call = _Call(target, route, integration, account_id, region)
    kind = integration.type
    if kind == "MOCK":
        return _mock(call)
    if kind == "AWS_PROXY":
        return _lambda_proxy(traffic, call)
    if kind == "AWS":
        return _lambda(traffic, call)
    if kind in ("HTTP", "HTTP_PROXY"):
        return _http(traffic, call, proxy=kind == "HTTP_PROXY")
    raise UnsupportedExecution(f"{kind} integrations")
