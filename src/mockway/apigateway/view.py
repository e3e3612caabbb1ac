"""Read-only snapshots of API Gateway's backend, for tests' assertions."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .. import _clock
from .._clock import UTC
from .._handle import BackendView
from .._http import HttpRequest, HttpResponse
from ..errors import MockwayError
from ._models import ApiGatewayBackend, ApiKey
from ._plan_models import UsagePlan
from ._usage import utc_day

if TYPE_CHECKING:
    from .execute._proxy import LambdaContext

__all__ = [
    "ApiGatewayView",
    "ApiKeyRecord",
    "DeployedApi",
    "HttpRequest",
    "HttpResponse",
    "PlanWithKeys",
    "UsagePlanRecord",
]


def _utc(epoch_seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch_seconds, UTC)


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    """An API key as API Gateway holds it (``value`` always included)."""

    id: str
    value: str
    name: str | None
    description: str | None
    enabled: bool
    customer_id: str | None
    created_date: datetime.datetime
    last_updated_date: datetime.datetime
    stage_keys: tuple[str, ...]
    tags: Mapping[str, str]

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyRecord:
        return cls(
            key.id,
            key.value,
            key.name,
            key.description,
            key.enabled,
            key.customer_id,
            _utc(key.created),
            _utc(key.updated),
            tuple(key.stage_keys),
            MappingProxyType(dict(key.tags)),
        )


@dataclass(frozen=True, slots=True)
class UsagePlanRecord:
    """A usage plan as API Gateway holds it, with the ids of its API keys (newest first)."""

    id: str
    name: str
    description: str | None
    api_stages: tuple[tuple[str, str], ...]
    """``(apiId, stage)`` pairs."""
    quota: Mapping[str, int | str] | None
    throttle: Mapping[str, int | float] | None
    product_code: str | None
    tags: Mapping[str, str]
    api_key_ids: tuple[str, ...]

    @classmethod
    def of(cls, plan: UsagePlan) -> UsagePlanRecord:
        return cls(
            plan.id,
            plan.name,
            plan.description,
            tuple((s.api_id, s.stage) for s in plan.api_stages),
            None if plan.quota is None else MappingProxyType(plan.quota.render()),
            None if plan.throttle is None else MappingProxyType(plan.throttle.render()),
            plan.product_code,
            MappingProxyType(dict(plan.tags)),
            tuple(reversed(list(plan.key_ids.values()))),
        )


@dataclass(frozen=True, slots=True)
class DeployedApi:
    """A REST API made by
    [`ApiGatewayView.create_deployed_api()`][mockway.apigateway.view.ApiGatewayView.create_deployed_api].
    """

    api_id: str
    region: str
    stage: str
    deployment_id: str
    resource_ids: Mapping[str, str]
    """Each resource's id by its path, the root ``/`` included."""

    @property
    def root_resource_id(self) -> str:
        """The id of the root resource, ``/``."""
        return self.resource_ids["/"]

    @property
    def api_stage(self) -> dict[str, str]:
        """The stage as a usage plan's ``apiStages`` names it."""
        return {"apiId": self.api_id, "stage": self.stage}

    @property
    def invoke_url(self) -> str:
        """The stage's invoke URL, ``https://{api_id}.execute-api.{region}.amazonaws.com/{stage}``;
        append a resource's path to call it."""
        return f"https://{self.api_id}.execute-api.{self.region}.amazonaws.com/{self.stage}"


@dataclass(frozen=True, slots=True)
class PlanWithKeys:
    """A usage plan and its API keys, made by
    [`ApiGatewayView.create_usage_plan_with_keys()`][mockway.apigateway.view.ApiGatewayView.create_usage_plan_with_keys].
    """

    plan_id: str
    key_ids: tuple[str, ...]
    """The keys' ids, in the order they were made."""
    key_values: tuple[str, ...]
    """The keys' values (what a caller sends in ``x-api-key``), in the same order."""


class ApiGatewayView(BackendView[ApiGatewayBackend]):
    """API Gateway's state for one (account, region); every read is a consistent snapshot."""

    __slots__ = ()

    def api_keys(self) -> tuple[ApiKeyRecord, ...]:
        """Every API key, newest first (the order GetApiKeys lists them in)."""
        with self._backend.lock:
            keys = list(self._backend.api_keys.values())
        return tuple(ApiKeyRecord.of(k) for k in reversed(keys))

    def api_key(self, key_id: str) -> ApiKeyRecord | None:
        """The API key with id ``key_id``, or None when there is none."""
        with self._backend.lock:
            key = self._backend.api_keys.get(key_id)
            return None if key is None else ApiKeyRecord.of(key)

    def usage_plans(self) -> tuple[UsagePlanRecord, ...]:
        """Every usage plan, newest first (the order GetUsagePlans lists them in)."""
        with self._backend.lock:
            return tuple(
                UsagePlanRecord.of(p) for p in reversed(list(self._backend.usage_plans.values()))
            )

    def usage_plan(self, plan_id: str) -> UsagePlanRecord | None:
        """The usage plan with id ``plan_id``, or None when there is none."""
        with self._backend.lock:
            plan = self._backend.usage_plans.get(plan_id)
            return None if plan is None else UsagePlanRecord.of(plan)

    def record_usage(
        self,
        usage_plan_id: str,
        api_key_id: str,
        requests: int = 1,
        *,
        day: datetime.date | None = None,
    ) -> None:
        """Count ``requests`` calls made with an API key of a usage plan, on ``day`` (UTC).

        ``day`` defaults to today by mockway's clock (so freezegun and time-machine apply);
        a ``datetime`` counts on its UTC day (a naive one is taken as UTC).
        GetUsage then reports them, and they count against the plan's quota. Raises
        [`mockway.MockwayError`][mockway.MockwayError] when the key is not in the plan.
        """
        if requests < 0:
            raise MockwayError(f"requests must not be negative; got {requests}")
        with self._backend.lock:
            plan = self._backend.usage_plans.get(usage_plan_id)
            if plan is None or api_key_id not in plan.key_ids:
                raise MockwayError(
                    f"API key {api_key_id!r} is not in usage plan {usage_plan_id!r} in "
                    f"{self._backend.region}; add it with create_usage_plan_key first"
                )
            if day is None:
                when = utc_day(_clock.now())
            elif isinstance(day, datetime.datetime):  # a moment: the UTC day it falls on
                when = day.astimezone(UTC).date() if day.tzinfo else day.date()
            else:
                when = day
            self._backend.usage.record(usage_plan_id, api_key_id, when, requests)

    def create_deployed_api(
        self,
        name: str = "api",
        *,
        stage: str = "dev",
        paths: Sequence[str] = ("/",),
        methods: Sequence[str] = ("GET",),
        api_key_required: bool = False,
    ) -> DeployedApi:
        """A REST API with ``methods`` on each of ``paths``, deployed to ``stage``: what a
        test of API keys or usage plans needs before it starts. Each method has a MOCK
        integration answering 200 with ``{}``.

        Made by the calls a client would make (CreateRestApi, CreateResource, PutMethod,
        PutIntegration, PutMethodResponse, PutIntegrationResponse, CreateDeployment), so it is
        an API AWS could hold; a call AWS would refuse raises the client's ``ClientError``.
        """
        api = self._request("CreateRestApi", name=name)
        resource_ids = {"/": api["rootResourceId"]}
        for path in paths:
            parent = "/"
            for part in [p for p in path.split("/") if p]:
                here = ("" if parent == "/" else parent) + "/" + part
                if here not in resource_ids:
                    resource_ids[here] = self._request(
                        "CreateResource",
                        restApiId=api["id"],
                        parentId=resource_ids[parent],
                        pathPart=part,
                    )["id"]
                parent = here
            for http_method in methods:
                where = {
                    "restApiId": api["id"],
                    "resourceId": resource_ids[parent],
                    "httpMethod": http_method,
                }
                self._request(
                    "PutMethod",
                    **where,
                    authorizationType="NONE",
                    apiKeyRequired=api_key_required,
                )
                self._request(
                    "PutIntegration",
                    **where,
                    type="MOCK",
                    requestTemplates={"application/json": '{"statusCode": 200}'},
                )
                self._request("PutMethodResponse", **where, statusCode="200")
                self._request(
                    "PutIntegrationResponse",
                    **where,
                    statusCode="200",
                    responseTemplates={"application/json": "{}"},
                )
        deployment = self._request("CreateDeployment", restApiId=api["id"], stageName=stage)
        return DeployedApi(
            api["id"], self.region, stage, deployment["id"], MappingProxyType(resource_ids)
        )

    def invoke(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | str | None = None,
        api_id: str | None = None,
    ) -> HttpResponse:
        """Send one request to a deployed stage of a REST API in this view's account and
        region, without HTTP, and return API Gateway's answer.

        ``url`` is an invoke URL,
        ``https://{api_id}.execute-api.{region}.amazonaws.com/{stage}/{path}?{query}``
        (as [`DeployedApi.invoke_url`][mockway.apigateway.view.DeployedApi.invoke_url] begins
        it), a URL of a custom domain name of this view's region, or, with ``api_id``, its
        path (``/{stage}/{path}``). The request goes through the same pipeline as one sent by
        an HTTP client: routing, authorizers, API key, throttles, quota, usage, validation,
        the integration.

        Raises [`mockway.MockwayError`][mockway.MockwayError] for a URL that is none of these,
        a method no HTTP client could send (empty, with spaces), or a header value that is
        not text.
        """
        from .execute import invoke

        return invoke(self._state, self._backend, method, url, headers, body, api_id)

    def register_lambda(
        self, function: str, handler: Callable[[dict[str, Any], LambdaContext], Any]
    ) -> None:
        """Serve the Lambda function ``function`` (its ARN, qualified or not, or its name)
        with ``handler`` for this view's account and region. ``AWS_PROXY`` integrations that
        invoke it call ``handler(event, context)`` with API Gateway's proxy event (payload
        format 1.0) and read what it returns as API Gateway reads a proxy response; ``AWS``
        integrations call it with their request template's JSON and map what it returns (or
        the error it raises) through their integration responses. A later registration for
        the same function replaces the handler."""
        self._register("functions", function, handler)

    def register_http(
        self, url_prefix: str, handler: Callable[[HttpRequest], HttpResponse]
    ) -> None:
        """Serve the HTTP back end at ``url_prefix`` (``https://host/path``) with ``handler``
        for this view's account and region: ``HTTP`` and ``HTTP_PROXY`` integrations whose URI
        starts with it (the longest registered prefix wins) call ``handler(request)`` with the
        request as API Gateway forwards it, and use the ``HttpResponse`` it returns."""
        self._register("back_ends", url_prefix, handler)

    def _register(self, registry: str, key: str, handler: Callable[..., Any]) -> None:
        if not callable(handler):
            raise MockwayError(f"the handler for {key!r} is not callable: {handler!r}")
        from .._state import changed
        from .execute._traffic import traffic_of

        backend = self._backend
        with backend.lock:
            getattr(traffic_of(backend), registry)[key] = handler
            changed(backend)

    def create_usage_plan_with_keys(
        self,
        api: DeployedApi | None = None,
        *,
        keys: int = 1,
        name: str = "plan",
        quota: Mapping[str, int | str] | None = None,
        throttle: Mapping[str, int | float] | None = None,
    ) -> PlanWithKeys:
        """A usage plan for ``api``'s stage (none when ``api`` is None) with ``keys`` new,
        enabled API keys in it: what a test of metering or throttling starts from.

        ``quota`` and ``throttle`` are as CreateUsagePlan takes them
        (``{"limit": 1000, "period": "DAY"}``, ``{"rateLimit": 10.0, "burstLimit": 20}``).
        Made by the calls a client would make (CreateUsagePlan, CreateApiKey,
        CreateUsagePlanKey); a call AWS would refuse raises the client's ``ClientError``.
        """
        plan_params: dict[str, object] = {"name": name}
        if api is not None:
            plan_params["apiStages"] = [api.api_stage]
        if quota is not None:
            plan_params["quota"] = dict(quota)
        if throttle is not None:
            plan_params["throttle"] = dict(throttle)
        plan = self._request("CreateUsagePlan", **plan_params)
        ids: list[str] = []
        values: list[str] = []
        for number in range(1, keys + 1):
            key = self._request("CreateApiKey", name=f"{name}-key-{number}", enabled=True)
            self._request(
                "CreateUsagePlanKey", usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY"
            )
            ids.append(key["id"])
            values.append(key["value"])
        return PlanWithKeys(plan["id"], tuple(ids), tuple(values))
