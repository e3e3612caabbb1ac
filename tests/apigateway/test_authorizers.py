"""Authorizers: what real AWS was recorded or seen doing, and what a method's authorizer must be."""

from __future__ import annotations

import re
from typing import Any

import pytest
from builders import ACCOUNT, body, status

from mockway.apigateway._authorizers import Authorizer, authorizer_problem
from mockway.apigateway._rest_models import RestApi
from support import expect_error

AUTHORIZER_ID = re.compile(r"[a-z0-9]{6}")
NOT_FOUND = "Invalid Authorizer identifier specified"
INVALID_INPUT = "Invalid request input"
FUNCTION = "arn:aws:lambda:us-east-1:123412341234:function:customAuthFunction"
URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FUNCTION}/invocations"
POOL = "arn:aws:cognito-idp:us-east-1:123412341234:userpool/us-east-1_aWcZeQbuD"
OTHER_POOL = "arn:aws:cognito-idp:us-east-1:123412341234:userpool/us-east-1_qWbZzQhzE"
ROLE = "arn:aws:iam::123412341234:role/invoke-authorizer"
INVALID_AUTHORIZER = (
    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or"
    " COGNITO_USER_POOLS requires a valid authorizer."
)


@pytest.fixture
def api_id(apigw: Any) -> str:
    return str(apigw.create_rest_api(name="guarded")["id"])


def token(apigw: Any, api_id: str, name: str = "token", **extra: Any) -> dict[str, Any]:
    params = {
        "type": "TOKEN",
        "authorizerUri": URI,
        "identitySource": "method.request.header.Authorization",
        **extra,
    }
    return dict(apigw.create_authorizer(restApiId=api_id, name=name, **params))


def cognito(apigw: Any, api_id: str, name: str = "pool", **extra: Any) -> dict[str, Any]:
    params = {
        "type": "COGNITO_USER_POOLS",
        "providerARNs": [POOL],
        "identitySource": "method.request.header.Authorization",
        **extra,
    }
    return dict(apigw.create_authorizer(restApiId=api_id, name=name, **params))


def key(api_id: str, authorizer: dict[str, Any]) -> dict[str, str]:
    return {"restApiId": api_id, "authorizerId": authorizer["id"]}


def replace(path: str, value: str | None = None) -> dict[str, str]:
    return {"op": "replace", "path": path} | ({} if value is None else {"value": value})


def listed(apigw: Any, api_id: str) -> list[dict[str, Any]]:
    return list(apigw.get_authorizers(restApiId=api_id)["items"])


# -- create, get, list, delete ---------------------------------------------------------------


def test_token_authorizer_as_recorded(apigw: Any, api_id: str) -> None:
    # Recorded: a URI with spaces in its path is taken as given; no TTL given, none rendered;
    # authType "custom"; a CUSTOM method may name the authorizer.
    uri = URI.replace("path/", "path/                 ")
    created = apigw.create_authorizer(
        restApiId=api_id,
        name="lambda_authorizer",
        type="TOKEN",
        authorizerUri=uri,
        identitySource="method.request.header.Auth",
    )
    assert status(created) == 201
    assert AUTHORIZER_ID.fullmatch(created["id"])
    expected = {
        "id": created["id"],
        "name": "lambda_authorizer",
        "type": "TOKEN",
        "authType": "custom",
        "authorizerUri": uri,
        "identitySource": "method.request.header.Auth",
    }
    assert body(created) == expected
    assert body(apigw.get_authorizer(**key(api_id, created))) == expected
    assert listed(apigw, api_id) == [expected]

    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    method = apigw.put_method(
        restApiId=api_id,
        resourceId=root,
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=created["id"],
        apiKeyRequired=True,
    )
    assert status(method) == 201
    assert body(method) == {
        "apiKeyRequired": True,
        "authorizationType": "CUSTOM",
        "authorizerId": created["id"],
        "httpMethod": "GET",
    }


def test_every_member_given(apigw: Any, api_id: str) -> None:
    created = token(
        apigw,
        api_id,
        authType="oauth2",
        authorizerCredentials=ROLE,
        identityValidationExpression="^Bearer .+$",
        authorizerResultTtlInSeconds=0,
    )
    assert body(created) == {
        "id": created["id"],
        "name": "token",
        "type": "TOKEN",
        "authType": "oauth2",
        "authorizerUri": URI,
        "authorizerCredentials": ROLE,
        "identitySource": "method.request.header.Authorization",
        "identityValidationExpression": "^Bearer .+$",
        "authorizerResultTtlInSeconds": 0,
    }


@pytest.mark.parametrize(
    "source",
    [
        "method.request.header.Authorization,context.accountId",
        "method.request.header.Auth, method.request.querystring.Name",
        "stageVariables.tenant,context.identity.sourceIp",
    ],
)
def test_request_authorizer_reads_several_sources(apigw: Any, api_id: str, source: str) -> None:
    created = apigw.create_authorizer(
        restApiId=api_id,
        name="request",
        type="REQUEST",
        authorizerUri=URI,
        identitySource=source,
        authorizerResultTtlInSeconds=300,
    )
    assert body(created) == {
        "id": created["id"],
        "name": "request",
        "type": "REQUEST",
        "authType": "custom",
        "authorizerUri": URI,
        "identitySource": source,
        "authorizerResultTtlInSeconds": 300,
    }


def test_request_authorizer_without_caching_needs_no_source(apigw: Any, api_id: str) -> None:
    created = apigw.create_authorizer(
        restApiId=api_id,
        name="request",
        type="REQUEST",
        authorizerUri=URI,
        identitySource="",
        authorizerResultTtlInSeconds=0,
    )
    assert "identitySource" not in created
    assert created["authorizerResultTtlInSeconds"] == 0


def test_cognito_authorizer(apigw: Any, api_id: str) -> None:
    # The user pool need not exist; credentials given at creation are not kept for this type.
    created = cognito(apigw, api_id, authorizerCredentials=ROLE, authorizerUri=URI)
    assert body(created) == {
        "id": created["id"],
        "name": "pool",
        "type": "COGNITO_USER_POOLS",
        "authType": "cognito_user_pools",
        "providerARNs": [POOL],
        "identitySource": "method.request.header.Authorization",
    }
    # ... but a patch sets them.
    updated = apigw.update_authorizer(
        **key(api_id, created), patchOperations=[replace("/authorizerCredentials", ROLE)]
    )
    assert updated["authorizerCredentials"] == ROLE
    assert apigw.get_authorizer(**key(api_id, created))["authorizerCredentials"] == ROLE


def test_delete(apigw: Any, api_id: str) -> None:
    first, second = token(apigw, api_id, "one"), token(apigw, api_id, "two")
    assert status(apigw.delete_authorizer(**key(api_id, first))) == 202
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_authorizer(**key(api_id, first))
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.delete_authorizer(**key(api_id, first))
    assert [a["id"] for a in listed(apigw, api_id)] == [second["id"]]


def test_listing_pages_newest_first(apigw: Any, api_id: str) -> None:
    ids = [token(apigw, api_id, f"a{i}")["id"] for i in range(3)]
    first = apigw.get_authorizers(restApiId=api_id, limit=2)
    rest = apigw.get_authorizers(restApiId=api_id, position=first["position"])
    assert [a["id"] for a in first["items"] + rest["items"]] == ids[::-1]
    assert "position" not in rest
    with expect_error(apigw, "BadRequestException", "Invalid position parameter specified", 400):
        apigw.get_authorizers(restApiId=api_id, position="made-up")


def test_unknown_api_as_recorded(apigw: Any) -> None:
    with expect_error(
        apigw,
        "ConflictException",
        "Unable to complete operation due to concurrent modification. Please try again later.",
        409,
    ):
        apigw.create_authorizer(
            restApiId="test-fake-rest-id",
            name="fake-auth-name",
            type="TOKEN",
            authorizerUri=URI,
            identitySource="method.request.header.Authorization",
        )
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id",
        404,
    ):
        apigw.get_authorizers(restApiId="test-fake-rest-id")


def test_the_uri_is_checked_before_the_api(apigw: Any) -> None:
    with expect_error(apigw, "BadRequestException", uri_message(FUNCTION), 400):
        apigw.create_authorizer(
            restApiId="test-fake-rest-id",
            name="fake-auth-name",
            type="TOKEN",
            authorizerUri=FUNCTION,
            identitySource="method.request.header.Authorization",
        )


@pytest.mark.parametrize("call", ["get_authorizer", "delete_authorizer", "update_authorizer"])
def test_unknown_api_or_authorizer_is_an_unknown_authorizer(
    apigw: Any, api_id: str, call: str
) -> None:
    known = token(apigw, api_id)["id"]
    extra = {"patchOperations": [replace("/name", "new")]} if call == "update_authorizer" else {}
    for rest_api_id, authorizer_id in (("api_id", known), (api_id, "abc123")):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            getattr(apigw, call)(restApiId=rest_api_id, authorizerId=authorizer_id, **extra)
    assert [a["name"] for a in listed(apigw, api_id)] == ["token"]


# -- what a create is refused for ------------------------------------------------------------


def uri_message(uri: str) -> str:
    return (
        f"Invalid Authorizer URI: {uri}. Authorizer URI should be a valid API Gateway ARN that"
        " represents a Lambda function invocation."
    )


def token_source_message(source: str) -> str:
    return (
        f"Invalid token source expression: {source}. The source must be a method request"
        " header, matching 'method.request.header.[a-zA-Z0-9._-]+'"
    )


INVALID_URIS = [
    FUNCTION,
    URI.replace("us-east-1:lambda", "region:lambda"),
    ":${stageVariables.alias}" + URI,
    URI.replace("us-east-1:lambda", "cn-north-1:lambda"),
    URI.replace(":lambda:path/", ":lambda:action/"),
    URI.replace(":lambda:", ":s3:"),
    "arn:aws:apigateway:us-east-1:lambda:path/",
]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        *[
            ({"type": kind, "authorizerUri": uri}, uri_message(uri))
            for uri in INVALID_URIS
            for kind in ("TOKEN", "REQUEST")
        ],
        ({"type": "TOKEN", "authorizerUri": None}, INVALID_INPUT),
        ({"type": "REQUEST", "authorizerUri": ""}, INVALID_INPUT),
        ({"identitySource": None}, INVALID_INPUT),
        ({"identitySource": ""}, INVALID_INPUT),
        *[
            ({"type": kind, "identitySource": source}, token_source_message(source))
            for source in (
                "method.request.querystring.key",
                "method.request.header.",
                "Authorization",
                "method.request.header.Auth,method.request.header.Other",
            )
            for kind in ("TOKEN", "COGNITO_USER_POOLS")
        ],
        # A REQUEST authorizer caches for 300 seconds unless told otherwise.
        ({"type": "REQUEST", "identitySource": None}, INVALID_INPUT),
        (
            {"type": "REQUEST", "identitySource": None, "authorizerResultTtlInSeconds": 1},
            INVALID_INPUT,
        ),
        (
            {"type": "REQUEST", "identitySource": "method.request.header.A,path.id"},
            "Invalid identity source expression: path.id",
        ),
        (
            {"type": "REQUEST", "identitySource": "method.request.header.A,"},
            "Invalid identity source expression: ",
        ),
        ({"type": "COGNITO_USER_POOLS", "providerARNs": None}, INVALID_INPUT),
        ({"type": "COGNITO_USER_POOLS", "providerARNs": []}, INVALID_INPUT),
        (
            {
                "type": "COGNITO_USER_POOLS",
                "providerARNs": [
                    POOL,
                    "arn:aws:cognito-identity:us-east-1:123412341234:identitypool/us-east-1:x",
                    "pool",
                ],
            },
            "ProviderARNs need to be valid Cognito Userpools. Invalid ARNs-"
            " arn:aws:cognito-identity:us-east-1:123412341234:identitypool/us-east-1:x, pool",
        ),
        (
            {"authorizerResultTtlInSeconds": -1},
            "Invalid authorizer result TTL, must be between 0 and 3600",
        ),
        (
            {"authorizerResultTtlInSeconds": 3601},
            "Invalid authorizer result TTL, must be between 0 and 3600",
        ),
        ({"name": ""}, "Authorizer name must be non-empty"),
    ],
)
def test_refused_creates_store_nothing(
    apigw: Any, api_id: str, params: dict[str, Any], message: str
) -> None:
    full: dict[str, Any] = {
        "restApiId": api_id,
        "name": "refused",
        "type": "TOKEN",
        "authorizerUri": URI,
        "providerARNs": [POOL],
        "identitySource": "method.request.header.Authorization",
    }
    full.update(params)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_authorizer(**{k: v for k, v in full.items() if v is not None})
    assert listed(apigw, api_id) == []


@pytest.mark.parametrize(
    "uri",
    [
        URI.replace("arn:aws:", "arn:aws-cn:").replace("us-east-1:lambda", "cn-north-1:lambda"),
        URI.replace("us-east-1:lambda", "eu-west-3:lambda"),
    ],
)
def test_a_function_of_another_region_or_partition(apigw: Any, api_id: str, uri: str) -> None:
    assert token(apigw, api_id, authorizerUri=uri)["authorizerUri"] == uri


@pytest.mark.parametrize("ttl", [0, 3600])
def test_ttl_bounds(apigw: Any, api_id: str, ttl: int) -> None:
    assert (
        token(apigw, api_id, authorizerResultTtlInSeconds=ttl)["authorizerResultTtlInSeconds"]
        == ttl
    )


def test_names_are_unique_in_an_api(apigw: Any, api_id: str) -> None:
    first = token(apigw, api_id, "auth")
    taken = "Authorizer name must be unique. Authorizer auth already exists in this RestApi."
    with expect_error(apigw, "BadRequestException", taken, 400):
        cognito(apigw, api_id, "auth")
    other = token(apigw, api_id, "other")
    with expect_error(apigw, "BadRequestException", taken, 400):
        apigw.update_authorizer(**key(api_id, other), patchOperations=[replace("/name", "auth")])
    same = apigw.update_authorizer(**key(api_id, first), patchOperations=[replace("/name", "auth")])
    assert same["name"] == "auth"
    assert token(apigw, str(apigw.create_rest_api(name="b")["id"]), "auth")["name"] == "auth"


def test_at_most_ten_authorizers_per_api(apigw: Any, api_id: str) -> None:
    for i in range(10):
        token(apigw, api_id, f"a{i}")
    with expect_error(
        apigw,
        "LimitExceededException",
        "Maximum number of Authorizers for this API has been reached. Please contact AWS if you"
        " need additional Authorizers.",
        429,
    ):
        token(apigw, api_id, "eleventh")
    assert len(listed(apigw, api_id)) == 10


# -- update ----------------------------------------------------------------------------------


def test_update_as_terraform_does(apigw: Any, api_id: str) -> None:
    created = token(
        apigw, api_id, "tf", authorizerCredentials=ROLE, authorizerResultTtlInSeconds=300
    )
    ids = key(api_id, created)
    updated = apigw.update_authorizer(
        **ids,
        patchOperations=[
            replace("/name", "tf_modified"),
            replace("/authorizerResultTtlInSeconds", "360"),
            replace("/identityValidationExpression", ".*"),
        ],
    )
    assert status(updated) == 200
    expected = {
        **body(created),
        "name": "tf_modified",
        "authorizerResultTtlInSeconds": 360,
        "identityValidationExpression": ".*",
    }
    assert body(updated) == expected
    assert body(apigw.get_authorizer(**ids)) == expected
    # An empty value clears a member; caching can be switched off.
    cleared = apigw.update_authorizer(
        **ids,
        patchOperations=[
            replace("/identityValidationExpression", ""),
            replace("/authorizerCredentials"),
            replace("/authorizerResultTtlInSeconds", "0"),
        ],
    )
    expected = {**body(created), "name": "tf_modified", "authorizerResultTtlInSeconds": 0}
    del expected["authorizerCredentials"]
    assert body(cleared) == expected
    assert body(apigw.get_authorizer(**ids)) == expected


def test_update_other_members(apigw: Any, api_id: str) -> None:
    created = token(apigw, api_id)
    other_uri = URI.replace("customAuthFunction", "newAuthorizer")
    updated = apigw.update_authorizer(
        **key(api_id, created),
        patchOperations=[
            replace("/type", "REQUEST"),
            replace("/authorizerUri", other_uri),
            replace("/identitySource", "method.request.querystring.key"),
            replace("/authType", "oauth2"),
        ],
    )
    assert body(updated) == {
        **body(created),
        "type": "REQUEST",
        "authorizerUri": other_uri,
        "identitySource": "method.request.querystring.key",
        "authType": "oauth2",
    }


def test_user_pools_added_and_removed(apigw: Any, api_id: str) -> None:
    created = cognito(apigw, api_id)
    ids = key(api_id, created)
    third = POOL.replace("aWcZeQbuD", "third")
    added = apigw.update_authorizer(
        **ids,
        patchOperations=[
            {"op": "add", "path": "/providerARNs", "value": OTHER_POOL},
            {"op": "add", "path": "/providerARNs", "value": third},
            {"op": "add", "path": "/providerARNs", "value": POOL},
        ],
    )
    assert added["providerARNs"] == [POOL, OTHER_POOL, third]
    removed = apigw.update_authorizer(
        **ids,
        patchOperations=[
            {"op": "remove", "path": "/providerARNs", "value": POOL},
            {"op": "remove", "path": "/providerARNs", "value": "not-there"},
        ],
    )
    assert removed["providerARNs"] == [OTHER_POOL, third]
    # The list may not end empty.
    with expect_error(apigw, "BadRequestException", INVALID_INPUT, 400):
        apigw.update_authorizer(
            **ids,
            patchOperations=[
                {"op": "remove", "path": "/providerARNs", "value": OTHER_POOL},
                {"op": "remove", "path": "/providerARNs", "value": third},
            ],
        )
    assert apigw.get_authorizer(**ids)["providerARNs"] == [OTHER_POOL, third]


REPLACE_PATHS = (
    "/name, /type, /authType, /authorizerUri, /authorizerCredentials, /identitySource,"
    " /identityValidationExpression, /authorizerResultTtlInSeconds"
)


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "add", "path": "/name", "value": "x"},
            "Invalid patch path  '/name' specified for op 'add'. Must be one of: [/providerARNs]",
        ),
        (
            {"op": "remove", "path": "/identitySource"},
            "Invalid patch path  '/identitySource' specified for op 'remove'. Must be one of:"
            " [/providerARNs]",
        ),
        (
            {"op": "move", "path": "/name", "from": "/type"},
            "Invalid patch path  '/name' specified for op 'move'. Please choose supported"
            " operations",
        ),
        (
            replace("/id", "x"),
            "Invalid patch path  '/id' specified for op 'replace'. Must be one of:"
            f" [{REPLACE_PATHS}]",
        ),
        (
            replace("/providerARNs", POOL),
            "Invalid patch path  '/providerARNs' specified for op 'replace'. Must be one of:"
            f" [{REPLACE_PATHS}]",
        ),
        (
            replace("/type", "JWT"),
            "Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS",
        ),
        (
            replace("/authorizerResultTtlInSeconds", "soon"),
            "Invalid value 'soon' specified for /authorizerResultTtlInSeconds",
        ),
        (
            replace("/authorizerResultTtlInSeconds", "3601"),
            "Invalid authorizer result TTL, must be between 0 and 3600",
        ),
        (replace("/name", ""), "Authorizer name must be non-empty"),
        (replace("/authorizerUri"), INVALID_INPUT),
        (replace("/authorizerUri", "arn:aws:lambda"), uri_message("arn:aws:lambda")),
        (
            replace("/identitySource", "method.request.querystring.q"),
            token_source_message("method.request.querystring.q"),
        ),
        (replace("/identitySource", ""), INVALID_INPUT),
        # The patched whole is checked: a Cognito authorizer needs user pools.
        (replace("/type", "COGNITO_USER_POOLS"), INVALID_INPUT),
        ({"op": "add", "path": "/providerARNs"}, INVALID_INPUT),
    ],
)
def test_refused_patches_change_nothing(
    apigw: Any, api_id: str, operation: dict[str, str], message: str
) -> None:
    created = token(apigw, api_id)
    ids = key(api_id, created)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_authorizer(**ids, patchOperations=[replace("/name", "renamed"), operation])
    assert body(apigw.get_authorizer(**ids)) == body(created)


def test_a_request_authorizer_may_stop_caching_and_drop_its_sources(
    apigw: Any, api_id: str
) -> None:
    created = apigw.create_authorizer(
        restApiId=api_id,
        name="request",
        type="REQUEST",
        authorizerUri=URI,
        identitySource="method.request.header.Auth",
    )
    ids = key(api_id, created)
    with expect_error(apigw, "BadRequestException", INVALID_INPUT, 400):
        apigw.update_authorizer(**ids, patchOperations=[replace("/identitySource")])
    updated = apigw.update_authorizer(
        **ids,
        patchOperations=[replace("/authorizerResultTtlInSeconds", "0"), replace("/identitySource")],
    )
    assert "identitySource" not in updated
    assert updated["authorizerResultTtlInSeconds"] == 0


# -- methods that use an authorizer ----------------------------------------------------------


def test_an_authorizer_in_use_cannot_be_deleted(apigw: Any, api_id: str) -> None:
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    test = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
    used = token(apigw, api_id, "tf-acc-test-authorizer")
    for resource in (test, root):
        apigw.put_method(
            restApiId=api_id,
            resourceId=resource,
            httpMethod="GET",
            authorizationType="CUSTOM",
            authorizerId=used["id"],
        )
    # The first method found is named: resources in creation order.
    with expect_error(
        apigw,
        "ConflictException",
        "Cannot delete authorizer 'tf-acc-test-authorizer', is referenced in method: GET//",
        409,
    ):
        apigw.delete_authorizer(**key(api_id, used))
    apigw.delete_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    with expect_error(
        apigw,
        "ConflictException",
        "Cannot delete authorizer 'tf-acc-test-authorizer', is referenced in method: GET//test",
        409,
    ):
        apigw.delete_authorizer(**key(api_id, used))
    assert [a["id"] for a in listed(apigw, api_id)] == [used["id"]]
    apigw.delete_method(restApiId=api_id, resourceId=test, httpMethod="GET")
    assert status(apigw.delete_authorizer(**key(api_id, used))) == 202


def test_put_method_needs_an_authorizer_of_its_api(apigw: Any, api_id: str) -> None:
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    pool = cognito(apigw, api_id)
    other_api = str(apigw.create_rest_api(name="other")["id"])
    foreign = token(apigw, other_api)
    method = {"restApiId": api_id, "resourceId": root, "httpMethod": "GET"}
    for extra in ({}, {"authorizerId": "abc123"}, {"authorizerId": foreign["id"]}):
        with expect_error(apigw, "BadRequestException", INVALID_AUTHORIZER, 400):
            apigw.put_method(**method, authorizationType="CUSTOM", **extra)
    put = apigw.put_method(
        **method, authorizationType="COGNITO_USER_POOLS", authorizerId=pool["id"]
    )
    assert put["authorizerId"] == pool["id"]


def api_with(*kinds: str) -> RestApi:
    api = RestApi("api", "api", 0, "root", {"types": ["EDGE"]})
    for kind in kinds:
        api.authorizers.add(kind.lower(), Authorizer(kind.lower(), kind, kind))
    return api


@pytest.mark.parametrize(
    ("authorization_type", "authorizer_id", "refused"),
    [
        ("NONE", None, False),
        ("NONE", "missing", False),
        ("AWS_IAM", "token", False),
        ("CUSTOM", None, True),
        ("CUSTOM", "", True),
        ("CUSTOM", "missing", True),
        ("CUSTOM", "token", False),
        ("CUSTOM", "request", False),
        ("CUSTOM", "cognito_user_pools", True),
        ("COGNITO_USER_POOLS", None, True),
        ("COGNITO_USER_POOLS", "missing", True),
        ("COGNITO_USER_POOLS", "cognito_user_pools", False),
        ("COGNITO_USER_POOLS", "token", True),
        ("COGNITO_USER_POOLS", "request", True),
    ],
)
def test_authorizer_problem(
    authorization_type: str, authorizer_id: str | None, refused: bool
) -> None:
    api = api_with("TOKEN", "REQUEST", "COGNITO_USER_POOLS")
    problem = authorizer_problem(api, authorization_type, authorizer_id)
    if not refused:
        assert problem is None
        return
    assert problem is not None
    assert (problem.code, problem.message, problem.status) == (
        "BadRequestException",
        INVALID_AUTHORIZER,
        400,
    )
