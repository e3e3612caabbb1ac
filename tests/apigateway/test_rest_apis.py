"""REST APIs, resources, methods, integrations, deployments and stages, and their tags."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from builders import ACCOUNT, REGION, add_method, body, pets_api, status

from support import error_of, known_members

REST_API_ID = re.compile(r"[a-z0-9]{10}")
CHILD_ID = re.compile(r"[a-z0-9]{6}")
MOCK_INTEGRATION = {
    "type": "MOCK",
    "passthroughBehavior": "WHEN_NO_MATCH",
    "timeoutInMillis": 29000,
    "cacheKeyParameters": [],
}


def api_arn(api_id: str) -> str:
    return f"arn:aws:apigateway:{REGION}::/restapis/{api_id}"


def stage_arn(api_id: str, stage: str) -> str:
    return f"{api_arn(api_id)}/stages/{stage}"


def api_ids(aws: Any) -> list[str]:
    return [item["id"] for item in aws.get_rest_apis()["items"]]


def resource_paths(aws: Any, api_id: str) -> list[str]:
    return sorted(item["path"] for item in aws.get_resources(restApiId=api_id)["items"])


# -- CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi ------------------------------------


def test_create_rest_api_with_only_a_name(apigw: Any) -> None:
    created = apigw.create_rest_api(name="pets")
    assert status(created) == 201
    assert REST_API_ID.fullmatch(created["id"])
    assert REST_API_ID.fullmatch(created["rootResourceId"])
    assert created["rootResourceId"] != created["id"]
    assert isinstance(created["createdDate"], datetime.datetime)
    assert body(created) == known_members(
        apigw,
        "RestApi",
        {
            "id": created["id"],
            "name": "pets",
            "createdDate": created["createdDate"],
            "apiKeySource": "HEADER",
            "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "ipv4"},
            "disableExecuteApiEndpoint": False,
            "rootResourceId": created["rootResourceId"],
            "securityPolicy": "TLS_1_0",
            "apiStatus": "AVAILABLE",
        },
    )


def test_create_rest_api_echoes_optional_members_only_when_given(apigw: Any) -> None:
    created = apigw.create_rest_api(
        name="full",
        description="the pet store",
        version="v1",
        binaryMediaTypes=["image/png"],
        minimumCompressionSize=1024,
        apiKeySource="AUTHORIZER",
        endpointConfiguration={"types": ["REGIONAL"]},
        tags={"team": "pets"},
    )
    assert created["description"] == "the pet store"
    assert created["version"] == "v1"
    assert created["binaryMediaTypes"] == ["image/png"]
    assert created["minimumCompressionSize"] == 1024
    assert created["apiKeySource"] == "AUTHORIZER"
    assert created["endpointConfiguration"] == {"types": ["REGIONAL"], "ipAddressType": "ipv4"}
    assert created["tags"] == {"team": "pets"}
    plain = apigw.create_rest_api(name="plain", binaryMediaTypes=[])
    for absent in ("description", "version", "binaryMediaTypes", "tags", "policy"):
        assert absent not in plain
    assert "minimumCompressionSize" not in plain


def test_private_api_defaults_to_dualstack(apigw: Any) -> None:
    created = apigw.create_rest_api(name="private", endpointConfiguration={"types": ["PRIVATE"]})
    assert created["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        ({"description": ""}, "BadRequestException", "Description cannot be an empty string"),
        (
            {"minimumCompressionSize": -1},
            "BadRequestException",
            "Invalid minimum compression size, must be between 0 and 10485760",
        ),
        (
            {"minimumCompressionSize": 10485761},
            "BadRequestException",
            "Invalid minimum compression size, must be between 0 and 10485760",
        ),
        (
            {"endpointConfiguration": {"types": []}},
            "BadRequestException",
            "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.",
        ),
        (
            {"endpointConfiguration": {"types": ["REGIONAL", "EDGE"]}},
            "BadRequestException",
            "Cannot create an api with multiple Endpoint Types.",
        ),
        (
            {"endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}},
            "BadRequestException",
            "Only dualstack ipAddressType is supported for Private APIs.",
        ),
        (
            {"endpointConfiguration": {"types": ["wrong"]}},
            "ValidationException",
            "1 validation error detected: Value '[wrong]' at "
            "'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must satisfy enum value set: "
            "[PRIVATE, EDGE, REGIONAL]]",
        ),
    ],
)
def test_create_rest_api_rejects(
    apigw: Any, extra: dict[str, Any], code: str, message: str
) -> None:
    with pytest.raises(apigw.exceptions.ClientError) as info:
        apigw.create_rest_api(name="bad", **extra)
    assert error_of(info) == (code, message, 400)
    assert api_ids(apigw) == []


def test_validation_exception_has_no_top_level_message(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.ClientError) as info:
        apigw.create_rest_api(name="bad", endpointConfiguration={"types": ["wrong"]})
    assert "message" not in info.value.response
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_rest_api(name="bad", description="")
    assert info.value.response["message"] == "Description cannot be an empty string"


def test_get_rest_api_always_has_tags(apigw: Any) -> None:
    created = apigw.create_rest_api(name="pets")
    got = apigw.get_rest_api(restApiId=created["id"])
    assert status(got) == 200
    assert body(got) == {**body(created), "tags": {}}
    tagged = apigw.create_rest_api(name="tagged", tags={"a": "1"})
    assert apigw.get_rest_api(restApiId=tagged["id"])["tags"] == {"a": "1"}


def test_unknown_rest_api_names_account_and_id(apigw: Any) -> None:
    created = apigw.create_rest_api(name="pets")
    for api_id in ("doesnotexist", created["id"].upper()):
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            apigw.get_rest_api(restApiId=api_id)
        expected = f"Invalid API identifier specified {ACCOUNT}:{api_id}"
        assert error_of(info) == ("NotFoundException", expected, 404)
        assert info.value.response["message"] == expected


def test_get_rest_apis_items_have_tags_only_when_set(apigw: Any) -> None:
    plain = apigw.create_rest_api(name="plain")
    tagged = apigw.create_rest_api(name="tagged", tags={"a": "1"})
    listed = apigw.get_rest_apis()
    assert status(listed) == 200
    assert "position" not in listed
    by_id = {item["id"]: item for item in listed["items"]}
    assert by_id[plain["id"]] == body(plain)
    assert "tags" not in by_id[plain["id"]]
    assert by_id[tagged["id"]]["tags"] == {"a": "1"}


def test_get_rest_apis_pages(apigw: Any) -> None:
    made = [apigw.create_rest_api(name=f"api-{n}")["id"] for n in range(3)]
    first = apigw.get_rest_apis(limit=2)
    assert len(first["items"]) == 2
    second = apigw.get_rest_apis(limit=2, position=first["position"])
    assert "position" not in second
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(seen) == sorted(made)
    pages = apigw.get_paginator("get_rest_apis").paginate(PaginationConfig={"PageSize": 1})
    assert sorted(item["id"] for page in pages for item in page["items"]) == sorted(made)


def test_get_rest_apis_empty(apigw: Any) -> None:
    assert body(apigw.get_rest_apis()) == {"items": []}


def test_delete_rest_api(apigw: Any) -> None:
    keep = apigw.create_rest_api(name="keep")["id"]
    doomed = apigw.create_rest_api(name="doomed")["id"]
    deleted = apigw.delete_rest_api(restApiId=doomed)
    assert status(deleted) == 202
    assert body(deleted) == {}
    assert api_ids(apigw) == [keep]
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.delete_rest_api(restApiId=doomed)
    assert error_of(info) == (
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:{doomed}",
        404,
    )


# -- resources ---------------------------------------------------------------------------------


def test_root_resource_is_only_id_and_path(apigw: Any) -> None:
    created = apigw.create_rest_api(name="pets")
    resources = apigw.get_resources(restApiId=created["id"])
    assert body(resources) == {"items": [{"id": created["rootResourceId"], "path": "/"}]}


def test_create_resource(apigw: Any) -> None:
    api = apigw.create_rest_api(name="pets")
    pets = apigw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
    )
    assert status(pets) == 201
    assert CHILD_ID.fullmatch(pets["id"])
    assert body(pets) == {
        "id": pets["id"],
        "parentId": api["rootResourceId"],
        "pathPart": "pets",
        "path": "/pets",
    }
    child = apigw.create_resource(restApiId=api["id"], parentId=pets["id"], pathPart="{petId}")
    assert child["path"] == "/pets/{petId}"
    assert child["parentId"] == pets["id"]
    got = apigw.get_resource(restApiId=api["id"], resourceId=child["id"])
    assert body(got) == body(child)


def test_proxy_resources_are_allowed(apigw: Any) -> None:
    api = apigw.create_rest_api(name="proxy")
    proxy = apigw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}"
    )
    assert proxy["path"] == "/{proxy+}"


def test_resources_with_methods_list_them(apigw: Any) -> None:
    api = pets_api(apigw)
    items = apigw.get_resources(restApiId=api.api_id)["items"]
    assert sorted(items, key=lambda r: r["path"]) == [
        {"id": api.root_id, "path": "/", "resourceMethods": {"GET": {}}},
        {
            "id": api.pets_id,
            "parentId": api.root_id,
            "pathPart": "pets",
            "path": "/pets",
            "resourceMethods": {"GET": {}},
        },
    ]
    embedded = apigw.get_resource(restApiId=api.api_id, resourceId=api.pets_id, embed=["methods"])
    method = embedded["resourceMethods"]["GET"]
    assert method["httpMethod"] == "GET"
    assert method["methodIntegration"]["type"] == "MOCK"


@pytest.mark.parametrize(
    ("path_part", "code", "message", "http"),
    [
        (
            "pets",
            "ConflictException",
            "Another resource with the same parent already has this name: pets",
            409,
        ),
        (
            "pe ts",
            "BadRequestException",
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
            "and the end.",
            400,
        ),
        (
            "{id",
            "BadRequestException",
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
            "and the end.",
            400,
        ),
    ],
)
def test_create_resource_rejects(
    apigw: Any, path_part: str, code: str, message: str, http: int
) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.ClientError) as info:
        apigw.create_resource(restApiId=api.api_id, parentId=api.root_id, pathPart=path_part)
    assert error_of(info) == (code, message, http)
    assert resource_paths(apigw, api.api_id) == ["/", "/pets"]


def test_only_one_variable_sibling(apigw: Any) -> None:
    api = apigw.create_rest_api(name="vars")
    root = api["rootResourceId"]
    apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="{proxy+}")
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="{id}")
    assert error_of(info) == (
        "BadRequestException",
        "A sibling ({proxy+}) of this resource already has a variable path part -- only one is "
        "allowed",
        400,
    )


def test_no_child_under_a_greedy_resource(apigw: Any) -> None:
    api = apigw.create_rest_api(name="greedy")
    proxy = apigw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}"
    )
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_resource(restApiId=api["id"], parentId=proxy["id"], pathPart="child")
    assert error_of(info) == (
        "BadRequestException",
        "Cannot create a child of a resource with a greedy path variable: {proxy+}",
        400,
    )


def test_unknown_parent_or_resource(apigw: Any) -> None:
    api = pets_api(apigw)
    missing = ("NotFoundException", "Invalid Resource identifier specified", 404)
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.create_resource(restApiId=api.api_id, parentId="abc123", pathPart="cats")
    assert error_of(info) == missing
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.get_resource(restApiId=api.api_id, resourceId="abc123")
    assert error_of(info) == missing
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.get_resources(restApiId="nosuchapi1")
    assert error_of(info) == (
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nosuchapi1",
        404,
    )


def test_delete_resource_takes_its_subtree(apigw: Any) -> None:
    api = pets_api(apigw)
    child = apigw.create_resource(restApiId=api.api_id, parentId=api.pets_id, pathPart="{id}")
    apigw.create_resource(restApiId=api.api_id, parentId=child["id"], pathPart="toys")
    deleted = apigw.delete_resource(restApiId=api.api_id, resourceId=api.pets_id)
    assert status(deleted) == 202
    assert resource_paths(apigw, api.api_id) == ["/"]
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.delete_resource(restApiId=api.api_id, resourceId=child["id"])
    assert error_of(info) == ("NotFoundException", "Invalid Resource identifier specified", 404)


def test_root_resource_cannot_be_deleted(apigw: Any) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.delete_resource(restApiId=api.api_id, resourceId=api.root_id)
    assert error_of(info) == ("BadRequestException", "Root resource cannot be deleted", 400)
    assert resource_paths(apigw, api.api_id) == ["/", "/pets"]


# -- methods and integrations --------------------------------------------------------------


def test_put_method_defaults(apigw: Any) -> None:
    api = apigw.create_rest_api(name="m")
    put = apigw.put_method(
        restApiId=api["id"],
        resourceId=api["rootResourceId"],
        httpMethod="ANY",
        authorizationType="NONE",
    )
    assert status(put) == 201
    assert body(put) == {"httpMethod": "ANY", "authorizationType": "NONE", "apiKeyRequired": False}
    got = apigw.get_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="ANY")
    assert body(got) == body(put)


def test_put_method_echoes_what_it_is_given(apigw: Any) -> None:
    api = apigw.create_rest_api(name="m")
    put = apigw.put_method(
        restApiId=api["id"],
        resourceId=api["rootResourceId"],
        httpMethod="POST",
        authorizationType="AWS_IAM",
        apiKeyRequired=True,
        operationName="CreatePet",
        requestParameters={"method.request.header.x-trace": False},
    )
    assert body(put) == {
        "httpMethod": "POST",
        "authorizationType": "AWS_IAM",
        "apiKeyRequired": True,
        "operationName": "CreatePet",
        "requestParameters": {"method.request.header.x-trace": False},
    }


def test_put_method_checks_the_resource_before_the_verb(apigw: Any) -> None:
    api = pets_api(apigw)
    for api_id, resource_id in (("nosuchapi1", api.root_id), (api.api_id, "abc123")):
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            apigw.put_method(
                restApiId=api_id,
                resourceId=resource_id,
                httpMethod="WRONG",
                authorizationType="NONE",
            )
        assert error_of(info) == ("NotFoundException", "Invalid Resource identifier specified", 404)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.put_method(
            restApiId=api.api_id,
            resourceId=api.pets_id,
            httpMethod="WRONG",
            authorizationType="NONE",
        )
    assert error_of(info) == (
        "BadRequestException",
        "Invalid HttpMethod specified. Valid options are "
        "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
        400,
    )


def test_same_method_twice_is_a_conflict(apigw: Any) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        apigw.put_method(
            restApiId=api.api_id, resourceId=api.pets_id, httpMethod="GET", authorizationType="NONE"
        )
    assert error_of(info) == ("ConflictException", "Method already exists for this resource", 409)
    got = apigw.get_method(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="GET")
    assert got["methodIntegration"]["type"] == "MOCK"


def test_get_method_shows_its_integration(apigw: Any) -> None:
    api = pets_api(apigw)
    got = apigw.get_method(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="GET")
    assert body(got) == {
        "httpMethod": "GET",
        "authorizationType": "NONE",
        "apiKeyRequired": False,
        "methodIntegration": {**MOCK_INTEGRATION, "cacheNamespace": api.pets_id},
    }


def test_delete_method(apigw: Any) -> None:
    api = pets_api(apigw)
    deleted = apigw.delete_method(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="GET")
    assert status(deleted) == 204
    for call in (apigw.get_method, apigw.delete_method):
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            call(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="GET")
        assert error_of(info) == ("NotFoundException", "Invalid Method identifier specified", 404)


def test_what_is_stored_is_shared_with_neither_the_caller_nor_a_response(apigw: Any) -> None:
    media_types = ["image/png"]
    api = apigw.create_rest_api(name="i", binaryMediaTypes=media_types)
    media_types.append("from the caller")
    api["binaryMediaTypes"].append("from the create response")
    ids = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigw.get_rest_api(restApiId=api["id"])["binaryMediaTypes"].append("from a get response")
    assert apigw.get_rest_api(restApiId=api["id"])["binaryMediaTypes"] == ["image/png"]

    parameters = {"method.request.header.x-id": True}
    apigw.put_method(**ids, authorizationType="NONE", requestParameters=parameters)
    parameters["method.request.querystring.q"] = False
    apigw.get_method(**ids)["requestParameters"]["from a response"] = True
    assert apigw.get_method(**ids)["requestParameters"] == {"method.request.header.x-id": True}

    templates = {"application/json": '{"statusCode": 200}'}
    apigw.put_integration(**ids, type="MOCK", requestTemplates=templates)
    templates["text/plain"] = "from the caller"
    apigw.get_integration(**ids)["requestTemplates"].clear()
    assert apigw.get_integration(**ids)["requestTemplates"] == {
        "application/json": '{"statusCode": 200}'
    }


def test_a_tuple_comes_back_as_a_list(apigw: Any) -> None:
    api = apigw.create_rest_api(name="i", binaryMediaTypes=("image/png",))
    assert api["binaryMediaTypes"] == ["image/png"]
    got = apigw.get_rest_api(restApiId=api["id"])["binaryMediaTypes"]
    assert type(got) is list


def test_put_mock_integration(apigw: Any) -> None:
    api = apigw.create_rest_api(name="i")
    root = api["rootResourceId"]
    apigw.put_method(
        restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    put = apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    assert status(put) == 201
    assert body(put) == {**MOCK_INTEGRATION, "cacheNamespace": root}
    assert "httpMethod" not in put
    assert "connectionType" not in put
    got = apigw.get_integration(restApiId=api["id"], resourceId=root, httpMethod="GET")
    assert body(got) == body(put)


def test_put_http_and_aws_integrations(apigw: Any) -> None:
    api = apigw.create_rest_api(name="i")
    root = api["rootResourceId"]
    for verb in ("GET", "POST"):
        apigw.put_method(
            restApiId=api["id"], resourceId=root, httpMethod=verb, authorizationType="NONE"
        )
    http = apigw.put_integration(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://example.com/pets",
    )
    assert body(http) == {
        **MOCK_INTEGRATION,
        "type": "HTTP_PROXY",
        "httpMethod": "GET",
        "uri": "https://example.com/pets",
        "connectionType": "INTERNET",
        "cacheNamespace": root,
    }
    uri = (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:pets/invocations"
    )
    lam = apigw.put_integration(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="POST",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=uri,
    )
    assert body(lam) == {
        **MOCK_INTEGRATION,
        "type": "AWS_PROXY",
        "httpMethod": "POST",
        "uri": uri,
        "cacheNamespace": root,
    }


@pytest.mark.parametrize(
    ("integration", "message"),
    [
        (
            {"type": "HTTP", "uri": "https://example.com"},
            "Enumeration value for HttpMethod must be non-empty",
        ),
        (
            {"type": "HTTP", "integrationHttpMethod": "GET", "uri": "not a url"},
            "Invalid HTTP endpoint specified for URI",
        ),
        (
            {"type": "AWS", "integrationHttpMethod": "POST", "uri": "lambda-function"},
            "Invalid ARN specified in the request",
        ),
        (
            {
                "type": "AWS",
                "integrationHttpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:s3:",
            },
            "AWS ARN for integration must contain path or action",
        ),
        (
            {
                "type": "AWS_PROXY",
                "integrationHttpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:s3:path/bucket/key",
            },
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and "
            "Firehose stream invocations.",
        ),
    ],
)
def test_put_integration_rejects(apigw: Any, integration: dict[str, Any], message: str) -> None:
    api = apigw.create_rest_api(name="i")
    root = api["rootResourceId"]
    apigw.put_method(
        restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", **integration)
    assert error_of(info) == ("BadRequestException", message, 400)
    with pytest.raises(apigw.exceptions.NotFoundException):
        apigw.get_integration(restApiId=api["id"], resourceId=root, httpMethod="GET")


def test_integration_lookups_name_what_is_missing(apigw: Any) -> None:
    api = pets_api(apigw)
    apigw.put_method(
        restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST", authorizationType="NONE"
    )
    cases = [
        ("nosuchapi1", api.pets_id, "GET", "Invalid Resource identifier specified"),
        (api.api_id, "abc123", "GET", "Invalid Resource identifier specified"),
        (api.api_id, api.pets_id, "PUT", "Invalid Method identifier specified"),
        (api.api_id, api.pets_id, "POST", "Invalid Integration identifier specified"),
    ]
    for api_id, resource_id, verb, message in cases:
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            apigw.get_integration(restApiId=api_id, resourceId=resource_id, httpMethod=verb)
        assert error_of(info) == ("NotFoundException", message, 404)
    for _, resource_id, verb, message in cases[1:3]:
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            apigw.put_integration(
                restApiId=api.api_id, resourceId=resource_id, httpMethod=verb, type="MOCK"
            )
        assert error_of(info) == ("NotFoundException", message, 404)


# -- deployments and stages ----------------------------------------------------------------


def test_create_deployment_with_a_stage_name_creates_the_stage(apigw: Any) -> None:
    api = apigw.create_rest_api(name="deploy")
    add_method(apigw, api["id"], api["rootResourceId"])
    deployment = apigw.create_deployment(restApiId=api["id"], stageName="dev")
    assert status(deployment) == 201
    assert CHILD_ID.fullmatch(deployment["id"])
    assert body(deployment) == {"id": deployment["id"], "createdDate": deployment["createdDate"]}
    stage = apigw.get_stage(restApiId=api["id"], stageName="dev")
    assert body(stage) == {
        "deploymentId": deployment["id"],
        "stageName": "dev",
        "cacheClusterEnabled": False,
        "cacheClusterStatus": "NOT_AVAILABLE",
        "methodSettings": {},
        "tracingEnabled": False,
        "createdDate": stage["createdDate"],
        "lastUpdatedDate": stage["lastUpdatedDate"],
    }


def test_redeploying_to_a_stage_repoints_it(apigw: Any) -> None:
    api = pets_api(apigw)
    second = apigw.create_deployment(restApiId=api.api_id, stageName="dev", description="v2")
    assert second["description"] == "v2"
    assert apigw.get_stage(restApiId=api.api_id, stageName="dev")["deploymentId"] == second["id"]
    stages = apigw.get_stages(restApiId=api.api_id)["item"]
    assert [s["stageName"] for s in stages] == ["dev"]


def test_deployment_without_a_stage_name_creates_no_stage(apigw: Any) -> None:
    api = apigw.create_rest_api(name="deploy")
    add_method(apigw, api["id"], api["rootResourceId"])
    apigw.create_deployment(restApiId=api["id"])
    assert body(apigw.get_stages(restApiId=api["id"])) == {"item": []}


def test_deployment_needs_a_method(apigw: Any) -> None:
    api = apigw.create_rest_api(name="empty")
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_deployment(restApiId=api["id"], stageName="dev")
    assert error_of(info) == (
        "BadRequestException",
        "The REST API doesn't contain any methods",
        400,
    )
    assert apigw.get_deployments(restApiId=api["id"])["items"] == []
    assert apigw.get_stages(restApiId=api["id"])["item"] == []


def test_deployment_needs_an_integration_for_each_method(apigw: Any) -> None:
    api = pets_api(apigw)
    apigw.put_method(
        restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST", authorizationType="NONE"
    )
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_deployment(restApiId=api.api_id, stageName="test")
    assert error_of(info) == ("BadRequestException", "No integration defined for method", 400)
    assert [d["id"] for d in apigw.get_deployments(restApiId=api.api_id)["items"]] == [
        api.deployment_id
    ]
    with pytest.raises(apigw.exceptions.NotFoundException):
        apigw.get_stage(restApiId=api.api_id, stageName="test")


def test_get_deployments(apigw: Any) -> None:
    api = pets_api(apigw)
    second = apigw.create_deployment(restApiId=api.api_id, description="second")
    listed = apigw.get_deployments(restApiId=api.api_id)
    assert status(listed) == 200
    by_id = {d["id"]: d for d in listed["items"]}
    assert set(by_id) == {api.deployment_id, second["id"]}
    assert set(by_id[api.deployment_id]) == {"id", "createdDate"}
    assert by_id[second["id"]]["description"] == "second"


def test_create_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    created = apigw.create_stage(
        restApiId=api.api_id,
        stageName="prod",
        deploymentId=api.deployment_id,
        description="production",
        variables={"table": "pets"},
    )
    assert status(created) == 201
    assert body(created) == {
        "deploymentId": api.deployment_id,
        "stageName": "prod",
        "description": "production",
        "cacheClusterEnabled": False,
        "cacheClusterStatus": "NOT_AVAILABLE",
        "methodSettings": {},
        "variables": {"table": "pets"},
        "tracingEnabled": False,
        "createdDate": created["createdDate"],
        "lastUpdatedDate": created["lastUpdatedDate"],
    }
    got = apigw.get_stage(restApiId=api.api_id, stageName="prod")
    assert body(got) == body(created)


def test_create_stage_rejects(apigw: Any) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        apigw.create_stage(restApiId=api.api_id, stageName="dev", deploymentId=api.deployment_id)
    assert error_of(info) == ("ConflictException", "Stage already exists", 409)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_stage(restApiId=api.api_id, stageName="prod", deploymentId="abc123")
    assert error_of(info) == ("BadRequestException", "Deployment id does not exist", 400)
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api.api_id)["item"]] == ["dev"]


def test_get_stages_uses_item_and_filters_by_deployment(apigw: Any) -> None:
    api = pets_api(apigw)
    later = apigw.create_deployment(restApiId=api.api_id)
    apigw.create_stage(restApiId=api.api_id, stageName="prod", deploymentId=later["id"])
    listed = apigw.get_stages(restApiId=api.api_id)
    assert status(listed) == 200
    assert "items" not in listed
    assert sorted(s["stageName"] for s in listed["item"]) == ["dev", "prod"]
    only = apigw.get_stages(restApiId=api.api_id, deploymentId=later["id"])["item"]
    assert [s["stageName"] for s in only] == ["prod"]


def test_delete_stage_keeps_its_deployment(apigw: Any) -> None:
    api = pets_api(apigw)
    deleted = apigw.delete_stage(restApiId=api.api_id, stageName="dev")
    assert status(deleted) == 202
    assert apigw.get_stages(restApiId=api.api_id)["item"] == []
    assert [d["id"] for d in apigw.get_deployments(restApiId=api.api_id)["items"]] == [
        api.deployment_id
    ]


def test_unknown_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    for call in (apigw.get_stage, apigw.delete_stage):
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            call(restApiId=api.api_id, stageName="prod")
        assert error_of(info) == ("NotFoundException", "Invalid stage identifier specified", 404)


# -- tags -------------------------------------------------------------------------------------


def test_tags_on_a_rest_api(apigw: Any) -> None:
    api = apigw.create_rest_api(name="tags", tags={"a": "1"})
    arn = api_arn(api["id"])
    tagged = apigw.tag_resource(resourceArn=arn, tags={"b": "2"})
    assert status(tagged) == 204
    assert body(apigw.get_tags(resourceArn=arn)) == {"tags": {"a": "1", "b": "2"}}
    assert apigw.get_rest_api(restApiId=api["id"])["tags"] == {"a": "1", "b": "2"}
    untagged = apigw.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert status(untagged) == 204
    assert apigw.get_rest_api(restApiId=api["id"])["tags"] == {"b": "2"}
    assert [item["tags"] for item in apigw.get_rest_apis()["items"]] == [{"b": "2"}]


def test_tags_on_a_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    created = apigw.create_stage(
        restApiId=api.api_id, stageName="prod", deploymentId=api.deployment_id, tags={"env": "p"}
    )
    assert created["tags"] == {"env": "p"}
    assert "tags" not in apigw.get_stage(restApiId=api.api_id, stageName="dev")
    arn = stage_arn(api.api_id, "dev")
    apigw.tag_resource(resourceArn=arn, tags={"env": "d"})
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"env": "d"}
    assert apigw.get_stage(restApiId=api.api_id, stageName="dev")["tags"] == {"env": "d"}
    assert apigw.get_tags(resourceArn=api_arn(api.api_id))["tags"] == {}
    apigw.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert apigw.get_tags(resourceArn=arn)["tags"] == {}


def test_tags_on_missing_rest_api_or_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.tag_resource(resourceArn=api_arn("nosuchapi1"), tags={"a": "1"})
    assert error_of(info) == (
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nosuchapi1",
        404,
    )
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.get_tags(resourceArn=stage_arn(api.api_id, "prod"))
    assert error_of(info) == ("NotFoundException", "Invalid stage identifier specified", 404)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"authorizationType": "CUSTOM", "authorizerId": "abc123"},
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
            "COGNITO_USER_POOLS requires a valid authorizer.",
        ),
        (
            {"authorizationType": "COGNITO_USER_POOLS"},
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
            "COGNITO_USER_POOLS requires a valid authorizer.",
        ),
        (
            {"authorizationType": "NONE", "requestValidatorId": "abc123"},
            "Invalid Request Validator identifier specified",
        ),
        (
            {"authorizationType": "NONE", "requestModels": {"application/json": "petModel"}},
            "Invalid model identifier specified: petModel",
        ),
        (
            {
                "authorizationType": "NONE",
                "requestParameters": {
                    "method.request.querystring.id": True,
                    "method.request.header.id": False,
                },
            },
            "Parameter names must be unique across querystring, header and path",
        ),
    ],
)
def test_put_method_rejects(apigw: Any, extra: dict[str, Any], message: str) -> None:
    api = pets_api(apigw)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.put_method(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST", **extra)
    assert error_of(info) == ("BadRequestException", message, 400)
    with pytest.raises(apigw.exceptions.NotFoundException):
        apigw.get_method(restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST")


def test_put_method_accepts_the_built_in_models(apigw: Any) -> None:
    api = pets_api(apigw)
    put = apigw.put_method(
        restApiId=api.api_id,
        resourceId=api.pets_id,
        httpMethod="POST",
        authorizationType="NONE",
        requestModels={"application/json": "Empty", "text/plain": "Error"},
    )
    assert put["requestModels"] == {"application/json": "Empty", "text/plain": "Error"}
