"""AWS_IAM and COGNITO_USER_POOLS authorization on execute-api requests: what a request must
carry, what it is refused with, and what reaches the integration."""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

import pytest
import time_machine
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from dataplane_support import REGION, Send, assert_answered, assert_no_route, assert_refused

import mockway

T0 = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.timezone.utc)
NOW = int(T0.timestamp())
ACCOUNT = "123456789012"
POOL = "us-east-1_AbCdEf123"
POOL_ARN = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{POOL}"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL}"
ECHO = (
    '{"key": "$!context.identity.accessKey", "account": "$!context.identity.accountId", '
    '"email": "$!context.authorizer.claims.email", "exp": "$!context.authorizer.claims.exp"}'
)


@pytest.fixture(autouse=True)
def clock() -> Any:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def _secured(handle: mockway.Handle, apigw: Any, kind: str, **method: Any) -> str:
    """``GET /pets`` with ``kind`` authorization, answering what its context holds; the URL."""
    api = handle.apigateway().create_deployed_api(paths=("/pets",))
    where = {"restApiId": api.api_id, "resourceId": api.resource_ids["/pets"], "httpMethod": "GET"}
    operations = [{"op": "replace", "path": "/authorizationType", "value": kind}]
    if kind == "COGNITO_USER_POOLS":
        authorizer = apigw.create_authorizer(
            restApiId=api.api_id,
            name="pool",
            type="COGNITO_USER_POOLS",
            providerARNs=[POOL_ARN],
            identitySource="method.request.header.Authorization",
            **method.pop("authorizer", {}),
        )
        operations.append({"op": "replace", "path": "/authorizerId", "value": authorizer["id"]})
    operations += [
        {"op": "add", "path": "/authorizationScopes", "value": s} for s in method.pop("scopes", ())
    ]
    apigw.update_method(**where, patchOperations=operations)
    apigw.put_integration_response(
        **where, statusCode="200", responseTemplates={"application/json": ECHO}
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    return f"{api.invoke_url}/pets"


def _signed(url: str, *, region: str = REGION, service: str = "execute-api") -> dict[str, str]:
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), service, region).add_auth(request)
    return dict(request.headers.items())


def _message(reply: Any) -> str:
    message: str = reply.json()["message"]
    return message


# -- AWS_IAM ----------------------------------------------------------------------------------


def test_a_signed_request_passes_and_its_signer_reaches_the_integration(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    reply = send("GET", url, headers=_signed(url))
    assert_answered(reply, 200)
    assert reply.json() == {"key": "AKIDEXAMPLE", "account": ACCOUNT, "email": "", "exp": ""}


def test_a_presigned_url_passes(mockway: mockway.Handle, apigw: Any, send: Send) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    request = AWSRequest(method="GET", url=url)
    SigV4QueryAuth(Credentials("AKIDQUERY", "secret"), "execute-api", REGION, 60).add_auth(request)
    reply = send("GET", request.url)
    assert_answered(reply, 200)
    assert reply.json()["key"] == "AKIDQUERY"


def test_an_unsigned_request_is_missing_its_token(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    assert_no_route(send("GET", _secured(mockway, apigw, "AWS_IAM")))


def test_a_bearer_token_is_an_incomplete_signature(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    reply = send("GET", _secured(mockway, apigw, "AWS_IAM"), headers={"Authorization": "Bearer x"})
    assert reply.status == 403
    assert reply.error_type == "IncompleteSignatureException"
    assert _message(reply) == (
        "Authorization header requires 'Credential' parameter. Authorization header requires "
        "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=Bearer x"
    )


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (
            {"region": "eu-west-1"},
            "Credential should be scoped to a valid region, not 'eu-west-1'. ",
        ),
        ({"service": "lambda"}, "Credential should be scoped to correct service: 'execute-api'. "),
    ],
)
def test_a_signature_for_another_region_or_service_is_invalid(
    mockway: mockway.Handle, apigw: Any, send: Send, scope: dict[str, str], message: str
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    reply = send("GET", url, headers=_signed(url, **scope))
    assert_refused(reply, 403, message, "InvalidSignatureException")


def test_a_signature_older_than_five_minutes_is_expired(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    headers = _signed(url)
    clock.shift(300)
    assert_answered(send("GET", url, headers=headers), 200)
    clock.shift(1)
    reply = send("GET", url, headers=headers)
    assert_refused(
        reply,
        403,
        "Signature expired: 20260310T120000Z is now earlier than 20260310T120001Z "
        "(20260310T120501Z - 5 min.)",
        "InvalidSignatureException",
    )


@pytest.mark.parametrize("expires", [60, 3600])
def test_a_presigned_url_keeps_the_five_minute_window_whatever_it_expires_in(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any, expires: int
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    request = AWSRequest(method="GET", url=url)
    SigV4QueryAuth(Credentials("AKIDQUERY", "secret"), "execute-api", REGION, expires).add_auth(
        request
    )
    clock.shift(300)
    assert_answered(send("GET", request.url), 200)
    clock.shift(1)
    assert _message(send("GET", request.url)) == (
        "Signature expired: 20260310T120000Z is now earlier than 20260310T120001Z "
        "(20260310T120501Z - 5 min.)"
    )


def test_a_signature_from_the_future_is_not_yet_current(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    headers = _signed(url)
    clock.shift(-301)
    reply = send("GET", url, headers=headers)
    assert reply.status == 403
    assert _message(reply) == (
        "Signature not yet current: 20260310T120000Z is still later than 20260310T115959Z "
        "(20260310T115459Z + 5 min.)"
    )


def test_an_invalid_signature_takes_the_apis_gateway_response(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(mockway, apigw, "AWS_IAM")
    api_id = url.split("//")[1].split(".")[0]
    apigw.put_gateway_response(
        restApiId=api_id,
        responseType="INVALID_SIGNATURE",
        statusCode="401",
        responseParameters={"gatewayresponse.header.x-why": "'signature'"},
    )
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = send("GET", url, headers=_signed(url, region="eu-west-1"))
    assert reply.status == 401
    assert reply.headers["x-why"] == "signature"


# -- COGNITO_USER_POOLS -----------------------------------------------------------------------


def _jwt(**claims: Any) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    payload = {
        "iss": ISSUER,
        "token_use": "id",
        "aud": "client123",
        "email": "ann@example.com",
        "iat": NOW - 60,
        "exp": NOW + 3600,
        **claims,
    }
    return f"{part({'alg': 'RS256', 'kid': 'k'})}.{part(payload)}.c2ln"


def test_an_id_token_of_the_pool_passes_and_its_claims_reach_the_integration(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(mockway, apigw, "COGNITO_USER_POOLS")
    reply = send("GET", url, headers={"Authorization": _jwt()})
    assert_answered(reply, 200)
    assert reply.json() == {
        "key": "",
        "account": "",
        "email": "ann@example.com",
        "exp": "Tue Mar 10 13:00:00 UTC 2026",
    }


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "not-a-jwt",
        "a.b.c",
        _jwt(iss="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000"),
        _jwt(iss="https://example.com/issuer"),
        _jwt(token_use="access", scope="pets/read"),
        _jwt(exp="tomorrow"),
        _jwt(exp=1e20),
        _jwt(exp=float("nan")),
        _jwt(exp=float("inf")),
    ],
)
def test_a_missing_malformed_foreign_or_access_token_is_unauthorized(
    mockway: mockway.Handle, apigw: Any, send: Send, token: str | None
) -> None:
    url = _secured(mockway, apigw, "COGNITO_USER_POOLS")
    headers = None if token is None else {"Authorization": token}
    assert_refused(send("GET", url, headers=headers), 401, "Unauthorized", "UnauthorizedException")


def test_an_expired_token_is_refused_as_expired_by_mockways_clock(
    mockway: mockway.Handle, apigw: Any, send: Send, clock: Any
) -> None:
    url = _secured(mockway, apigw, "COGNITO_USER_POOLS")
    token = {"Authorization": _jwt()}
    assert_answered(send("GET", url, headers=token), 200)
    clock.shift(3600)
    assert_refused(
        send("GET", url, headers=token),
        401,
        "The incoming token has expired",
        "UnauthorizedException",
    )


def test_a_method_with_scopes_takes_access_tokens_with_one_of_them(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(mockway, apigw, "COGNITO_USER_POOLS", scopes=["pets/read", "pets/all"])
    access = _jwt(token_use="access", scope="openid pets/read")
    assert_answered(send("GET", url, headers={"Authorization": access}), 200)
    for token in (_jwt(), _jwt(token_use="access", scope="pets/write")):
        reply = send("GET", url, headers={"Authorization": token})
        assert_refused(reply, 401, "Unauthorized", "UnauthorizedException")


def test_the_validation_expression_is_held_to_the_audience(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(
        mockway,
        apigw,
        "COGNITO_USER_POOLS",
        authorizer={"identityValidationExpression": "client1.*"},
    )
    assert_answered(send("GET", url, headers={"Authorization": _jwt()}), 200)
    reply = send("GET", url, headers={"Authorization": _jwt(aud="other")})
    assert_refused(reply, 401, "Unauthorized", "UnauthorizedException")


def test_a_token_issued_at_no_real_time_is_answered_with_its_claims_as_text(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    url = _secured(mockway, apigw, "COGNITO_USER_POOLS")
    reply = send("GET", url, headers={"Authorization": _jwt(iat=1e19)})
    assert_answered(reply, 200)
    assert reply.json()["email"] == "ann@example.com"
