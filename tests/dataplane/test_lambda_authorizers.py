"""Lambda authorizers on real traffic: TOKEN and REQUEST, policies, caching, the context
passed on, and API keys named by the authorizer."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from dataplane_support import REGION, Send, assert_ok, assert_refused, usage_today

import mockway
from mockway import MockwayError

ACCOUNT = "123456789012"
AUTH_FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:auth"
APP_FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:app"
T0 = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.timezone.utc)


def uri(function: str) -> str:
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def policy(effect: str, resource: str, **extra: Any) -> dict[str, Any]:
    return {
        "principalId": "user-1",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}],
        },
        **extra,
    }


class Authorizer:
    """A Lambda authorizer handler: answers ``answer(event)`` and keeps the events."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        self.events.append(event)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer(event) if callable(self.answer) else self.answer


def allow_all(event: dict[str, Any]) -> dict[str, Any]:
    return policy("Allow", event["methodArn"], context={"tier": "gold", "n": 3, "ok": True})


def secured(
    handle: mockway.Handle,
    apigw: Any,
    *,
    paths: tuple[str, ...] = ("/pets",),
    api_key_required: bool = False,
    **authorizer: Any,
) -> Any:
    """A deployed API whose GET methods run a Lambda authorizer."""
    api = handle.apigateway().create_deployed_api(paths=paths, api_key_required=api_key_required)
    settings = {
        "type": "TOKEN",
        "identitySource": "method.request.header.Authorization",
        **authorizer,
    }
    created = apigw.create_authorizer(
        restApiId=api.api_id, name="auth", authorizerUri=uri(AUTH_FUNCTION), **settings
    )
    for path in paths:
        apigw.update_method(
            restApiId=api.api_id,
            resourceId=api.resource_ids[path],
            httpMethod="GET",
            patchOperations=[
                {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
                {"op": "replace", "path": "/authorizerId", "value": created["id"]},
            ],
        )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    return api


def arn_of(api: Any, path: str, method: str = "GET") -> str:
    return f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api.api_id}/{api.stage}/{method}{path}"


def assert_unauthorized(reply: Any) -> None:
    assert_refused(reply, 401, "Unauthorized", "UnauthorizedException")


def assert_denied(reply: Any, explicit: bool = False) -> None:
    message = "User is not authorized to access this resource"
    if explicit:
        message += " with an explicit deny"
    assert reply.status == 403
    assert reply.json() == {"Message": message}
    assert reply.error_type == "AccessDeniedException"


def test_a_token_authorizer_allows_and_passes_its_context_on(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any
) -> None:
    api = secured(mockway, apigw)
    apigw.put_integration(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=uri(APP_FUNCTION),
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    authorizer = Authorizer(allow_all)
    seen: list[dict[str, Any]] = []

    def app(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(event)
        return {"statusCode": 200, "body": "ok"}

    mockway.apigateway().register_lambda(AUTH_FUNCTION, authorizer)
    mockway.apigateway().register_lambda(APP_FUNCTION, app)
    reply = send("GET", f"{api.invoke_url}/pets", {"Authorization": "Bearer abc"})
    assert (reply.status, reply.body) == (200, b"ok")
    assert authorizer.events == [
        {"type": "TOKEN", "authorizationToken": "Bearer abc", "methodArn": arn_of(api, "/pets")}
    ]
    assert seen[0]["requestContext"]["authorizer"] == {
        "principalId": "user-1",
        "tier": "gold",
        "n": "3",
        "ok": "true",
        "integrationLatency": 0,
    }


def test_no_token_or_one_the_expression_refuses_is_401_without_a_call(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = secured(mockway, apigw, identityValidationExpression="Bearer [a-z]+")
    authorizer = Authorizer(allow_all)
    mockway.apigateway().register_lambda(AUTH_FUNCTION, authorizer)
    assert_unauthorized(send("GET", f"{api.invoke_url}/pets"))
    assert_unauthorized(send("GET", f"{api.invoke_url}/pets", {"Authorization": "Basic xyz"}))
    assert authorizer.events == []
    assert_ok(send("GET", f"{api.invoke_url}/pets", {"Authorization": "Bearer abc"}))


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (Exception("Unauthorized"), 401),
        (RuntimeError("database down"), 500),
        ({"policyDocument": {"Statement": []}}, 500),
        ({"principalId": "p"}, 500),
        ("Allow", 500),
    ],
    ids=["Unauthorized", "raises", "no principal", "no policy", "text"],
)
def test_what_the_authorizer_function_does_wrong_is_401_or_500(
    mockway: mockway.Handle, apigw: Any, send: Send, answer: Any, status: int
) -> None:
    api = secured(mockway, apigw)
    mockway.apigateway().register_lambda(AUTH_FUNCTION, Authorizer(answer))
    reply = send("GET", f"{api.invoke_url}/pets", {"Authorization": "t"})
    if status == 401:
        assert_unauthorized(reply)
    else:
        assert reply.status == 500
        assert reply.json() == {"message": None}
        assert reply.error_type == "AuthorizerConfigurationException"


def test_a_policy_that_does_not_allow_the_method_is_403(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = secured(mockway, apigw, authorizerResultTtlInSeconds=0)
    url = f"{api.invoke_url}/pets"
    tokens = {
        "deny": policy("Deny", arn_of(api, "/pets")),
        "elsewhere": policy("Allow", arn_of(api, "/owners")),
        "wildcard": policy("Allow", f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api.api_id}/*"),
        "both": {
            "principalId": "p",
            "policyDocument": {
                "Statement": [
                    {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"},
                    {
                        "Action": "execute-api:*",
                        "Effect": "Deny",
                        "Resource": [arn_of(api, "/pets")],
                    },
                ]
            },
        },
    }
    answer = Authorizer(lambda event: tokens[event["authorizationToken"]])
    mockway.apigateway().register_lambda(AUTH_FUNCTION, answer)
    assert_denied(send("GET", url, {"Authorization": "deny"}), explicit=True)
    assert_denied(send("GET", url, {"Authorization": "elsewhere"}))
    assert_ok(send("GET", url, {"Authorization": "wildcard"}))
    assert_denied(send("GET", url, {"Authorization": "both"}), explicit=True)


def test_answers_are_cached_for_the_ttl_and_held_to_each_methods_arn(
    mockway: mockway.Handle, apigw: Any, clock: time_machine.Traveller
) -> None:
    api = secured(mockway, apigw, paths=("/pets", "/owners"))
    only_this = Authorizer(lambda event: policy("Allow", event["methodArn"]))
    mockway.apigateway().register_lambda(AUTH_FUNCTION, only_this)
    invoke = mockway.apigateway().invoke
    token = {"Authorization": "abc"}
    assert invoke("GET", f"{api.invoke_url}/pets", headers=token).status == 200
    assert invoke("GET", f"{api.invoke_url}/pets", headers=token).status == 200
    assert len(only_this.events) == 1
    # The cached policy names /pets only: AWS holds it to /owners too, and refuses.
    assert invoke("GET", f"{api.invoke_url}/owners", headers=token).status == 403
    assert len(only_this.events) == 1
    assert invoke("GET", f"{api.invoke_url}/pets", headers={"Authorization": "other"}).status == 200
    assert len(only_this.events) == 2
    clock.shift(301)
    assert invoke("GET", f"{api.invoke_url}/owners", headers=token).status == 200
    assert len(only_this.events) == 3
    apigw.flush_stage_authorizers_cache(restApiId=api.api_id, stageName=api.stage)
    assert invoke("GET", f"{api.invoke_url}/owners", headers=token).status == 200
    assert len(only_this.events) == 4


def test_a_policy_that_denies_is_cached_too(mockway: mockway.Handle, apigw: Any) -> None:
    api = secured(mockway, apigw, paths=("/pets", "/owners"))
    owners_only = Authorizer(lambda event: policy("Allow", arn_of(api, "/owners")))
    mockway.apigateway().register_lambda(AUTH_FUNCTION, owners_only)
    invoke = mockway.apigateway().invoke
    token = {"Authorization": "abc"}
    assert invoke("GET", f"{api.invoke_url}/pets", headers=token).status == 403
    assert invoke("GET", f"{api.invoke_url}/pets", headers=token).status == 403
    assert invoke("GET", f"{api.invoke_url}/owners", headers=token).status == 200
    assert len(owners_only.events) == 1


def test_a_ttl_of_zero_calls_the_function_every_time(mockway: mockway.Handle, apigw: Any) -> None:
    api = secured(mockway, apigw, authorizerResultTtlInSeconds=0)
    authorizer = Authorizer(allow_all)
    mockway.apigateway().register_lambda(AUTH_FUNCTION, authorizer)
    for _ in range(3):
        reply = mockway.apigateway().invoke(
            "GET", f"{api.invoke_url}/pets", headers={"Authorization": "abc"}
        )
        assert reply.status == 200
    assert len(authorizer.events) == 3


def test_a_request_authorizer_needs_every_identity_source_and_sees_the_request(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = secured(
        mockway,
        apigw,
        type="REQUEST",
        identitySource="method.request.header.X-Tenant, method.request.querystring.token",
    )
    authorizer = Authorizer(allow_all)
    mockway.apigateway().register_lambda(AUTH_FUNCTION, authorizer)
    url = f"{api.invoke_url}/pets"
    assert_unauthorized(send("GET", url, {"X-Tenant": "acme"}))
    assert_unauthorized(send("GET", f"{url}?token=t1"))
    assert authorizer.events == []
    assert_ok(send("GET", f"{url}?token=t1", {"X-Tenant": "acme"}))
    (event,) = authorizer.events
    assert event["type"] == "REQUEST"
    assert event["methodArn"] == arn_of(api, "/pets")
    assert event["resource"] == "/pets"
    assert event["httpMethod"] == "GET"
    assert event["queryStringParameters"] == {"token": "t1"}
    assert {k.lower(): v for k, v in event["headers"].items()}["x-tenant"] == "acme"
    assert event["requestContext"]["stage"] == api.stage
    assert "body" not in event


def test_with_the_key_source_authorizer_the_authorizers_key_is_checked_and_metered(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any
) -> None:
    api = secured(mockway, apigw, api_key_required=True)
    apigw.update_rest_api(
        restApiId=api.api_id,
        patchOperations=[{"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"}],
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    plan = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])
    key = apigw.create_api_key(name="k", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    stray = apigw.create_api_key(name="stray", enabled=True)
    keys = {"good": key["value"], "stray": stray["value"]}
    authorizer = Authorizer(
        lambda event: policy(
            "Allow", event["methodArn"], usageIdentifierKey=keys[event["authorizationToken"]]
        )
    )
    mockway.apigateway().register_lambda(AUTH_FUNCTION, authorizer)
    url = f"{api.invoke_url}/pets"
    assert_ok(send("GET", url, {"Authorization": "good", "x-api-key": stray["value"]}))
    assert_refused(
        send("GET", url, {"Authorization": "stray", "x-api-key": key["value"]}),
        403,
        "Forbidden",
        "ForbiddenException",
    )

    class Keyed:
        plan_id = plan["id"]
        key_id = key["id"]

    assert usage_today(apigw, Keyed, "2026-03-10") == [[1, 0]]  # type: ignore[arg-type]


def test_an_unregistered_authorizer_function_stops_the_request(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = secured(mockway, apigw)
    with pytest.raises(MockwayError, match="register_lambda"):
        mockway.apigateway().invoke("GET", f"{api.invoke_url}/pets", headers={"Authorization": "t"})


def test_authorizer_changes_reach_a_stage_when_it_is_deployed_again(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = secured(mockway, apigw, identityValidationExpression="yes")
    (authorizer,) = apigw.get_authorizers(restApiId=api.api_id)["items"]
    mockway.apigateway().register_lambda(AUTH_FUNCTION, Authorizer(allow_all))
    apigw.update_authorizer(
        restApiId=api.api_id,
        authorizerId=authorizer["id"],
        patchOperations=[{"op": "replace", "path": "/identityValidationExpression", "value": "no"}],
    )
    invoke = mockway.apigateway().invoke
    assert invoke("GET", f"{api.invoke_url}/pets", headers={"Authorization": "yes"}).status == 200
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    assert invoke("GET", f"{api.invoke_url}/pets", headers={"Authorization": "yes"}).status == 401
