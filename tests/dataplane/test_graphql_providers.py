"""Requests authorized by AppSync's other providers: Lambda authorizers (registered Python
callables), Cognito user pools and OpenID Connect (JWTs read without their signatures, held to
their issuer, clients and times by mockway's clock), and IAM (SigV4 signatures, by form and
time)."""

from __future__ import annotations

import base64
import datetime
import email.utils
import json
import time
from typing import Any

import boto3
import pytest
import requests
import time_machine
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from graphql_support import (
    REGION,
    UNAUTHORIZED,
    Ask,
    assert_answered,
    assert_data,
    assert_unauthorized,
    graphql_api,
)

import mockway

SCHEMA = "type Query { who: String secret: String }"
WHO = '{"version": "2018-05-29", "payload": $util.toJson($util.toJson($ctx.identity))}'
FUNCTION = f"arn:aws:lambda:{REGION}:123456789012:function:authorizer"
POOL = "us-east-1_AbCdEf123"
POOL_ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL}"
OIDC_ISSUER = "https://login.example.com"
START = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone.utc)


def pretty(message: str) -> bytes:
    return (
        b'{\n  "errors" : [ {\n    "errorType" : "UnauthorizedException",\n'
        b'    "message" : "' + message.encode() + b'"\n  } ]\n}'
    )


def identity_api(authentication_type: str, **settings: Any) -> Any:
    api = graphql_api(SCHEMA, authentication_type=authentication_type, **settings)
    api.resolve("Query", "who", WHO, "$util.toJson($ctx.result)")
    api.resolve("Query", "secret", '{"version": "2018-05-29", "payload": "s"}')
    return api


def jwt(**claims: Any) -> str:
    def part(value: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256', 'kid': 'k'})}.{part(claims)}.c2lnbmF0dXJl"


def who(reply: Any) -> Any:
    assert_answered(reply)
    return json.loads(reply.json()["data"]["who"])


# -- Lambda authorizers --------------------------------------------------------------------


def lambda_api(mockway: mockway.Handle, **config: Any) -> tuple[Any, list[dict[str, Any]]]:
    api = identity_api("AWS_LAMBDA", lambdaAuthorizerConfig={"authorizerUri": FUNCTION, **config})
    events: list[dict[str, Any]] = []

    def authorizer(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        token = event["authorizationToken"]
        return {
            "isAuthorized": token.startswith("good"),
            "resolverContext": {"user": "ada"},
            "deniedFields": ["Query.secret"] if token == "good-no-secret" else [],
        }

    mockway.appsync(REGION).register_lambda(FUNCTION, authorizer)
    return api, events


def test_a_lambda_authorizer_lets_the_request_in(mockway: mockway.Handle, ask: Ask) -> None:
    api, events = lambda_api(mockway)
    reply = ask(api, "query Q { who }", key=None, headers={"Authorization": "good"})
    assert who(reply) == {"resolverContext": {"user": "ada"}}
    (event,) = events
    assert event["authorizationToken"] == "good"
    assert event["requestContext"]["apiId"] == api.api_id
    assert event["requestContext"]["accountId"] == "123456789012"
    assert event["requestContext"]["queryString"] == "query Q { who }"
    assert event["requestHeaders"]["authorization"] == "good"


@pytest.mark.parametrize(
    ("config", "answer", "kept_for"),
    [({}, {}, 300), ({"authorizerResultTtlInSeconds": 0}, {}, 0), ({}, {"ttlOverride": 10}, 10)],
    ids=["default 300 s", "api ttl 0", "ttl override"],
)
def test_a_lambda_authorizers_answer_is_kept_for_its_ttl_by_mockways_clock(
    mockway: mockway.Handle,
    ask: Ask,
    config: dict[str, Any],
    answer: dict[str, Any],
    kept_for: int,
) -> None:
    api = identity_api("AWS_LAMBDA", lambdaAuthorizerConfig={"authorizerUri": FUNCTION, **config})
    calls: list[str] = []

    def authorizer(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(event["authorizationToken"])
        return {"isAuthorized": True, "resolverContext": {"n": len(calls)}, **answer}

    mockway.appsync(REGION).register_lambda(FUNCTION, authorizer)
    with time_machine.travel(START, tick=False) as clock:

        def ask_as(token: str) -> Any:
            return who(ask(api, "{ who }", key=None, headers={"Authorization": token}))

        assert ask_as("t1") == {"resolverContext": {"n": 1}}
        clock.shift(max(kept_for - 1, 0))
        expected = 2 if kept_for == 0 else 1
        assert ask_as("t1") == {"resolverContext": {"n": expected}}
        assert ask_as("t2")["resolverContext"]["n"] == expected + 1  # another token
        clock.shift(2)
        assert ask_as("t1")["resolverContext"]["n"] == expected + 2  # expired: called again
    assert calls == ["t1"] * (2 if kept_for == 0 else 1) + ["t2", "t1"]


def test_a_lambda_authorizer_refuses_with_a_401(mockway: mockway.Handle, ask: Ask) -> None:
    api, _ = lambda_api(mockway)
    assert_unauthorized(ask(api, "{ who }", key=None, headers={"Authorization": "bad"}))


def test_denied_fields_are_null(mockway: mockway.Handle) -> None:
    api, _ = lambda_api(mockway)
    reply = requests.post(
        api.url, json={"query": "{ secret }"}, headers={"Authorization": "good-no-secret"}
    )
    body = reply.json()
    assert body["data"] == {"secret": None}
    assert body["errors"][0]["message"] == "Not Authorized to access secret on type Query"
    assert body["errors"][0]["errorType"] == "Unauthorized"


def test_a_token_the_validation_expression_refuses_never_reaches_the_function(
    mockway: mockway.Handle,
) -> None:
    api, events = lambda_api(mockway, identityValidationExpression="good-[0-9]+")
    refused = requests.post(api.url, json={"query": "{ who }"}, headers={"Authorization": "good"})
    assert (refused.status_code, refused.content) == (401, UNAUTHORIZED)
    assert events == []
    accepted = requests.post(
        api.url, json={"query": "{ who }"}, headers={"Authorization": "good-1"}
    )
    assert accepted.status_code == 200


def test_a_failing_authorizer_is_a_401(mockway: mockway.Handle) -> None:
    api, _ = lambda_api(mockway)

    def broken(event: Any, context: Any) -> Any:
        raise RuntimeError("boom")

    mockway.appsync(REGION).register_lambda(FUNCTION, broken)
    reply = requests.post(api.url, json={"query": "{ who }"}, headers={"Authorization": "good"})
    assert (reply.status_code, reply.content) == (401, UNAUTHORIZED)


# -- Cognito user pools and OpenID Connect ---------------------------------------------------


def pool_api(**config: Any) -> Any:
    pool = {"userPoolId": POOL, "awsRegion": REGION, "defaultAction": "ALLOW", **config}
    return identity_api("AMAZON_COGNITO_USER_POOLS", userPoolConfig=pool)


def test_a_user_pool_token_is_the_caller(mockway: mockway.Handle, ask: Ask) -> None:
    token = jwt(
        sub="u-1",
        iss=POOL_ISSUER,
        aud="client1",
        token_use="id",
        exp=int(time.time()) + 3600,
        **{"cognito:username": "ada", "cognito:groups": ["admins"]},
    )
    identity = who(ask(pool_api(), "{ who }", key=None, headers={"Authorization": token}))
    assert identity["username"] == "ada"
    assert identity["sub"] == "u-1"
    assert identity["issuer"] == POOL_ISSUER
    assert identity["groups"] == ["admins"]
    assert identity["defaultAuthStrategy"] == "ALLOW"
    assert identity["claims"]["aud"] == "client1"


def test_user_pool_tokens_are_held_to_the_pool(mockway: mockway.Handle, ask: Ask) -> None:
    api = pool_api(appIdClientRegex="client[0-9]")
    later = int(time.time()) + 3600

    def send(token: str) -> Any:
        return ask(api, "{ who }", key=None, headers={"Authorization": token})

    assert_unauthorized(
        send(jwt(iss=POOL_ISSUER, aud="c1", exp=int(time.time()) - 1)), pretty("Token has expired.")
    )
    assert_unauthorized(send(jwt(iss=POOL_ISSUER + "x", aud="client1", exp=later)))
    assert_unauthorized(send(jwt(iss=POOL_ISSUER, aud="other", exp=later)))
    assert_unauthorized(send("not-a-jwt"), pretty("Unable to parse JWT token."))
    assert_data(send(jwt(iss=POOL_ISSUER, client_id="client2", exp=later)), {"who": _any()})


def test_a_client_pattern_that_is_no_regular_expression_admits_no_client(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = pool_api(appIdClientRegex="client[")
    token = jwt(iss=POOL_ISSUER, aud="client[", exp=int(time.time()) + 3600)
    assert_unauthorized(ask(api, "{ who }", key=None, headers={"Authorization": token}))


class _any:
    def __eq__(self, other: object) -> bool:
        return True


GROUPED = """
type Query {
  open: String @aws_cognito_user_pools
  admin: String @aws_auth(cognito_groups: ["Admins"])
  either: String @aws_cognito_user_pools(cognito_groups: ["Admins", "Editors"])
}
"""


def test_cognito_groups_on_a_field_admit_only_users_in_one_of_them(
    mockway: mockway.Handle, ask: Ask
) -> None:
    pool = {"userPoolId": POOL, "awsRegion": REGION, "defaultAction": "ALLOW"}
    api = graphql_api(GROUPED, authentication_type="AMAZON_COGNITO_USER_POOLS", userPoolConfig=pool)
    for field in ("open", "admin", "either"):
        api.resolve("Query", field, '{"version": "2018-05-29", "payload": "yes"}')
    later = int(time.time()) + 3600

    def as_member_of(*groups: str) -> Any:
        token = jwt(iss=POOL_ISSUER, token_use="id", exp=later, **{"cognito:groups": list(groups)})
        return ask(api, "{ open admin either }", key=None, headers={"Authorization": token})

    editor = as_member_of("Editors")
    assert editor.json()["data"] == {"open": "yes", "admin": None, "either": "yes"}
    assert [e["message"] for e in editor.json()["errors"]] == [
        "Not Authorized to access admin on type Query"
    ]
    assert_data(as_member_of("Admins"), {"open": "yes", "admin": "yes", "either": "yes"})
    nobody = as_member_of().json()
    assert nobody["data"] == {"open": "yes", "admin": None, "either": None}


def test_an_openid_connect_token_by_its_issuer_and_client(mockway: mockway.Handle) -> None:
    config = {"issuer": OIDC_ISSUER + "/", "clientId": "web", "iatTTL": 60_000}
    api = identity_api("OPENID_CONNECT", openIDConnectConfig=config)
    now = int(time.time())

    def send(**claims: Any) -> Any:
        token = jwt(iss=OIDC_ISSUER, exp=now + 3600, **claims)
        return requests.post(api.url, json={"query": "{ who }"}, headers={"Authorization": token})

    answered = send(sub="s", aud="web", iat=now)
    assert json.loads(answered.json()["data"]["who"]) == {
        "sub": "s",
        "issuer": OIDC_ISSUER,
        "claims": {"iss": OIDC_ISSUER, "exp": now + 3600, "sub": "s", "aud": "web", "iat": now},
    }
    assert send(sub="s", aud="mobile", iat=now).status_code == 401
    stale = send(sub="s", aud="web", iat=now - 61)  # issued more than iatTTL ago
    assert (stale.status_code, stale.content) == (401, pretty("Token has expired."))


# -- IAM -----------------------------------------------------------------------------------


def test_a_sigv4_signed_request_is_an_iam_caller(mockway: mockway.Handle) -> None:
    api = identity_api("AWS_IAM")
    body = json.dumps({"query": "{ who }"})
    signed = AWSRequest("POST", api.url, data=body, headers={"content-type": "application/json"})
    SigV4Auth(Credentials("AKIAIOSFODNN7EXAMPLE", "secret"), "appsync", REGION).add_auth(signed)
    reply = requests.post(api.url, data=body, headers=dict(signed.headers.items()))
    identity = json.loads(reply.json()["data"]["who"])
    assert identity["accountId"] == "123456789012"
    assert identity["username"] == "AKIAIOSFODNN7EXAMPLE"
    missing = requests.post(api.url, data=body, headers={"content-type": "application/json"})
    assert missing.status_code == 401
    forged = requests.post(api.url, data=body, headers={"Authorization": "AWS4-HMAC-SHA256 x"})
    assert (forged.status_code, forged.content) == (401, UNAUTHORIZED)
    assert boto3.client("appsync", region_name=REGION).get_graphql_api(apiId=api.api_id)


def _iam_signed(url: str, body: str, **headers: str) -> dict[str, str]:
    signed = AWSRequest("POST", url, data=body, headers={"content-type": "application/json"})
    SigV4Auth(Credentials("AKIAIOSFODNN7EXAMPLE", "secret"), "appsync", REGION).add_auth(signed)
    return {**dict(signed.headers.items()), **headers}


def test_a_sigv4_signature_more_than_five_minutes_off_is_a_bad_request(
    mockway: mockway.Handle,
) -> None:
    api = identity_api("AWS_IAM")
    body = json.dumps({"query": "{ who }"})
    with time_machine.travel(START, tick=False) as clock:
        headers = _iam_signed(api.url, body)
        assert headers["X-Amz-Date"] == "20260302T093000Z"
        clock.shift(300)
        assert requests.post(api.url, data=body, headers=headers).status_code == 200
        clock.shift(1)
        expired = requests.post(api.url, data=body, headers=headers)
        clock.shift(-602)
        early = requests.post(api.url, data=body, headers=headers)
    message = {
        expired: "Signature expired: 20260302T093000Z is now earlier than 20260302T093001Z "
        "(20260302T093501Z - 5 min.)",
        early: "Signature not yet current: 20260302T093000Z is still later than "
        "20260302T092959Z (20260302T092459Z + 5 min.)",
    }
    for reply, text in message.items():
        assert reply.status_code == 400
        assert reply.headers["x-amzn-ErrorType"] == "BadRequestException"
        assert reply.json() == {"errors": [{"message": text, "errorType": "BadRequestException"}]}


def test_a_sigv4_signature_without_its_time_is_unauthorized(mockway: mockway.Handle) -> None:
    api = identity_api("AWS_IAM")
    body = json.dumps({"query": "{ who }"})
    headers = _iam_signed(api.url, body)
    del headers["X-Amz-Date"]
    reply = requests.post(api.url, data=body, headers=headers)
    assert (reply.status_code, reply.content) == (401, UNAUTHORIZED)
    headers["Date"] = "not a date"
    reply = requests.post(api.url, data=body, headers=headers)
    assert (reply.status_code, reply.content) == (401, UNAUTHORIZED)
    headers["X-Amz-Date"] = "20260302"
    reply = requests.post(api.url, data=body, headers=headers)
    assert (reply.status_code, reply.content) == (401, UNAUTHORIZED)
    del headers["X-Amz-Date"]
    headers["Date"] = email.utils.formatdate(time.time(), usegmt=True)
    assert requests.post(api.url, data=body, headers=headers).status_code == 200


@pytest.mark.parametrize("denied", [5, "Query.secret", {"Query": "secret"}])
def test_denied_fields_that_are_no_list_deny_nothing(
    mockway: mockway.Handle, ask: Ask, denied: Any
) -> None:
    api = identity_api("AWS_LAMBDA", lambdaAuthorizerConfig={"authorizerUri": FUNCTION})
    mockway.appsync(REGION).register_lambda(
        FUNCTION, lambda event, context: {"isAuthorized": True, "deniedFields": denied}
    )
    reply = ask(api, "{ secret }", key=None, headers={"Authorization": "t"})
    assert_data(reply, {"secret": "s"})


def test_cognito_groups_that_are_no_list_are_in_no_group(mockway: mockway.Handle, ask: Ask) -> None:
    pool = {"userPoolId": POOL, "awsRegion": REGION, "defaultAction": "ALLOW"}
    api = graphql_api(GROUPED, authentication_type="AMAZON_COGNITO_USER_POOLS", userPoolConfig=pool)
    api.resolve("Query", "admin", '{"version": "2018-05-29", "payload": "yes"}')
    token = jwt(iss=POOL_ISSUER, exp=int(time.time()) + 3600, **{"cognito:groups": "Admins"})
    reply = ask(api, "{ admin }", key=None, headers={"Authorization": token})
    assert reply.json()["data"] == {"admin": None}
