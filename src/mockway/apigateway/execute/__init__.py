"""The execute-api data plane: requests to a deployed REST API stage, answered in-process.

One function per stage of the pipeline, each in its own module::

    parse (_target) -> size (_limits) -> route (_route) -> IAM signature or Cognito token
      (_credentials) -> Lambda authorizer (_authorizers) -> API key (_authorize)
      -> throttle (_throttle) -> quota and meter (_quota)
      -> validate (_validate) -> integration (_integration) -> gateway response (_responses)

Everything but the Lambda authorizer and the integration, which run the test's code, runs under
the backend's lock, against the same state and clock as the control plane: a key disabled by
UpdateApiKey is refused on the next request, and a request is refused, throttled and counted
atomically. What the stages up to the integration find from the control plane's state alone is
kept in a plan per path and method until that state changes (:mod:`._plan`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ... import _clock
from ..._http import HttpRequest, HttpResponse, body_bytes, on_the_wire, parse_host, split_url
from ..._ids import IdSource
from ...errors import MockwayError
from .._models import ApiGatewayBackend
from .._rest_models import RestApi
from ._authorize import UnsupportedExecution, presented
from ._authorizers import authorizer_context, authorizer_of, grant, remember, run
from ._credentials import check_credentials
from ._plan import Admission, Plan, admission, plan_of
from ._quota import meter
from ._responses import GatewayError, finish, refusal
from ._throttle import take
from ._traffic import Traffic, traffic_of
from ._validate import validate

if TYPE_CHECKING:
    from ..._state import MockState

__all__ = ["UnsupportedExecution", "answer", "answer_domain", "execute", "invoke"]

_METHOD = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
"""An HTTP method: a token (RFC 9110), what an HTTP client can send."""


def execute(
    backend: ApiGatewayBackend,
    api_label: str,
    request: HttpRequest,
    ids: IdSource,
    custom_domain: bool = False,
) -> tuple[HttpResponse, float]:
    """The answer to ``request`` for the API the host's first label names (or, with
    ``custom_domain``, that the custom domain name ``api_label`` maps the path to), without the
    headers every answer carries, and the time it was answered at.

    The request is routed, then authorized by a Lambda authorizer outside the lock (it runs
    the test's code), then checked for its key, throttled and metered. The clock is read again
    under the lock that throttles, so that the requests the lock orders see time in the same
    order: a bucket is never refilled twice for the same moment.
    """
    api: RestApi | None = None
    now = 0.0
    account, region = backend.account_id, backend.region
    try:
        with backend.lock:
            now = _clock.now()
            plan = plan_of(backend, api_label, request, custom_domain)
            target, found = plan.target, plan.route
            api = target.deployed
            traffic = traffic_of(backend)
            credentials = pending = None
            if plan.authorized:
                credentials = check_credentials(target, found, request, account, region, now)
                pending = authorizer_of(traffic, target, found, request, account, region, now)
            if pending is None:
                admitted = _admit(backend, traffic, plan, request, None, now)
        granted = None
        if pending is not None:
            granted = pending.cached or run(pending, request, target, found, account, ids, now)
            denied = None
            try:
                grant(pending, granted)
            except GatewayError as error:  # a policy that denies is kept as one that allows
                denied = error
            with backend.lock:
                remember(traffic, pending, granted, now)
                if denied is not None:
                    raise denied
                now = _clock.now()  # the buckets see time in the order the lock gives them
                admitted = _admit(backend, traffic, plan, request, granted.usage_key, now)
        identity = admitted.identity
        signer = None if credentials is None else credentials.identity
        if granted is not None:
            context = authorizer_context(granted)
            identity = dataclasses.replace(identity, authorizer=context, signer=signer)
        elif credentials is not None:
            claims = credentials.authorizer
            identity = dataclasses.replace(identity, authorizer=claims, signer=signer)
        return plan.integration(request, identity, ids, now), now
    except GatewayError as error:
        return refusal(api, error.refusal), now


def _admit(
    backend: ApiGatewayBackend,
    traffic: Traffic,
    plan: Plan,
    request: HttpRequest,
    usage_key: str | None,
    now: float,
) -> Admission:
    """Admit the request, or refuse it: its API key, a token from every bucket, its quota,
    and its validation; counted in the key's usage once admitted (under the lock)."""
    key = presented(plan.key_source, request, usage_key)
    admitted = admission(backend, traffic, plan, key, now)
    take(admitted.buckets, now)
    meter(backend, admitted.caller, now)
    if plan.validates:
        validate(plan.target, plan.route, request)
    return admitted


_service: Any = None


def _backend(state: MockState, account_id: str, region: str) -> ApiGatewayBackend:
    global _service
    if _service is None:
        from .. import SERVICE  # not at the top: the package imports this module

        _service = SERVICE
    backend: ApiGatewayBackend = state.backend(_service, account_id, region)
    return backend


def answer(
    state: MockState, account_id: str, region: str, api_label: str, request: HttpRequest
) -> HttpResponse:
    """The answer API Gateway in (account, region) gives to ``request``."""
    return _answered(state, _backend(state, account_id, region), api_label, request, False)


def answer_domain(
    state: MockState, account_id: str, region: str, domain: str, request: HttpRequest
) -> HttpResponse:
    """The answer API Gateway in (account, region) gives to ``request`` sent to its custom
    domain name ``domain``."""
    return _answered(state, _backend(state, account_id, region), domain, request, True)


def _answered(
    state: MockState,
    backend: ApiGatewayBackend,
    label: str,
    request: HttpRequest,
    custom_domain: bool,
) -> HttpResponse:
    """The answer, with the headers every answer carries."""
    response, now = execute(backend, label, request, state.ids, custom_domain)
    return finish(response, state.ids, now)


def invoke(
    state: MockState,
    backend: ApiGatewayBackend,
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    body: bytes | str | None,
    api_id: str | None,
) -> HttpResponse:
    """A request made through the handle to API Gateway in ``backend``'s account and region:
    ``url`` an invoke URL in that region, or its path with ``api_id``."""
    region = backend.region
    if url.startswith("/"):
        if not api_id:
            raise MockwayError(f"a path ({url!r}) needs the API's id: invoke(..., api_id=...)")
        url = f"https://{api_id}.execute-api.{region}.amazonaws.com{url}"
    host, path, query = split_url(url)
    if not _METHOD.fullmatch(method):
        raise MockwayError(f"{method!r} is no HTTP method: GET, POST, ...")
    lines = tuple(headers.items()) if headers else ()
    for _, value in lines:
        if not isinstance(value, str):
            raise MockwayError(f"header values are text: {dict(lines)!r}")
    request = HttpRequest(method.upper(), host, path, query, lines, body_bytes(body))
    parsed = parse_host(host)
    if parsed is not None and parsed[0] == "execute-api" and parsed[2] == region:
        label, custom_domain = parsed[1], False
    elif (
        "://" in url and parsed is None and state.custom_domain(host, backend.account_id) == region
    ):
        label, custom_domain = host, True
    elif parsed is None or parsed[0] != "execute-api":
        raise MockwayError(
            f"{url!r} is not an execute-api URL: https://{{api_id}}.execute-api.{region}"
            ".amazonaws.com/{stage}/{path}, a custom domain name of this view's region, "
            "or a path /{stage}/{path} with api_id="
        )
    else:
        raise MockwayError(
            f"{url!r} is in {parsed[2]}; this view is API Gateway in {region}: "
            f"use handle.apigateway({parsed[2]!r})"
        )
    answered = _answered(state, backend, label, request, custom_domain)
    return on_the_wire(request.method, answered)
