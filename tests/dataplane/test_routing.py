"""Routing to the deployed API: what is answered, and 403s for what is not there."""

from __future__ import annotations

from typing import Any

import pytest
from dataplane_support import (
    REGION,
    SENDERS,
    Send,
    assert_forbidden,
    assert_no_route,
    assert_ok,
    mock_method,
    via_handle,
)

import mockway
from mockway import mock_aws


def test_a_deployed_method_answers_200_with_api_gateways_headers(
    mockway: mockway.Handle, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets",))
    reply = send("GET", f"{api.invoke_url}/pets")
    assert_ok(reply)
    assert reply.headers["connection"] == "keep-alive"
    assert reply.headers["date"].endswith(" GMT")


def test_a_path_or_method_not_deployed_is_missing_authentication_token(
    mockway: mockway.Handle, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/existing",))
    assert_ok(send("GET", f"{api.invoke_url}/existing"))
    assert_no_route(send("GET", f"{api.invoke_url}/random-non-existing"))
    assert_no_route(send("POST", f"{api.invoke_url}/existing"))
    assert_no_route(send("GET", f"{api.invoke_url}/"))  # the root has no method


def test_an_unknown_stage_api_or_no_stage_is_forbidden(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api(stage="dev")
    root = f"https://{api.api_id}.execute-api.{REGION}.amazonaws.com"
    assert_ok(send("GET", f"{root}/dev"))
    assert_forbidden(send("GET", f"{root}/prod"))
    assert_forbidden(send("GET", f"{root}/Dev"))  # stage names are case-sensitive
    assert_forbidden(send("GET", f"{root}/"))
    assert_forbidden(send("GET", root))
    assert_forbidden(send("GET", f"https://a1b2c3d4e5.execute-api.{REGION}.amazonaws.com/dev"))
    # the same API id, another region: not there
    assert_forbidden(send("GET", f"https://{api.api_id}.execute-api.eu-west-1.amazonaws.com/dev"))


def test_path_parameters_greedy_paths_and_any(mockway: mockway.Handle, send: Send) -> None:
    api = mockway.apigateway().create_deployed_api(
        paths=("/pets", "/pets/{id}", "/files/{proxy+}"), methods=("ANY",)
    )
    for path in ("/pets", "/pets/7", "/pets/a%20b", "/files/a", "/files/a/b/c", "/pets/"):
        assert_ok(send("DELETE", f"{api.invoke_url}{path}"))
    for path in ("/pets/7/toys", "/files", "/other", "/pets//"):
        assert_no_route(send("GET", f"{api.invoke_url}{path}"))


def test_a_resource_of_its_own_comes_before_a_parameter(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets/{id}", "/pets/mine"))
    mine = api.resource_ids["/pets/mine"]
    apigw.delete_method(restApiId=api.api_id, resourceId=mine, httpMethod="GET")
    mock_method(apigw, api.api_id, mine, "POST")
    apigw.create_deployment(restApiId=api.api_id, stageName="dev")
    assert_ok(send("GET", f"{api.invoke_url}/pets/7"))
    assert_ok(send("POST", f"{api.invoke_url}/pets/mine"))
    # /pets/mine is its own resource: its missing GET is not the parameter's
    assert_no_route(send("GET", f"{api.invoke_url}/pets/mine"))


def test_requests_go_to_the_stages_deployment_not_to_the_api_as_it_is_now(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/old",))
    new = apigw.create_resource(restApiId=api.api_id, parentId=api.root_resource_id, pathPart="new")
    mock_method(apigw, api.api_id, new["id"], "GET")
    assert_no_route(send("GET", f"{api.invoke_url}/new"))  # not deployed yet
    apigw.delete_method(restApiId=api.api_id, resourceId=api.resource_ids["/old"], httpMethod="GET")
    assert_ok(send("GET", f"{api.invoke_url}/old"))  # still deployed
    apigw.create_deployment(restApiId=api.api_id, stageName="dev")
    assert_ok(send("GET", f"{api.invoke_url}/new"))
    assert_no_route(send("GET", f"{api.invoke_url}/old"))
    apigw.update_stage(
        restApiId=api.api_id,
        stageName="dev",
        patchOperations=[{"op": "replace", "path": "/deploymentId", "value": api.deployment_id}],
    )
    assert_ok(send("GET", f"{api.invoke_url}/old"))


def test_a_disabled_default_endpoint_is_forbidden(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = mockway.apigateway().create_deployed_api()
    apigw.update_rest_api(
        restApiId=api.api_id,
        patchOperations=[{"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"}],
    )
    assert_forbidden(send("GET", api.invoke_url))


def test_a_private_api_answers_through_a_vpc_endpoint_host_only(
    mockway: mockway.Handle, apigw: Any, send: Send
) -> None:
    api = apigw.create_rest_api(name="private", endpointConfiguration={"types": ["PRIVATE"]})
    root = api["rootResourceId"]
    mock_method(apigw, api["id"], root, "GET")
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    public = f"https://{api['id']}.execute-api.{REGION}.amazonaws.com/dev"
    endpoint = f"https://{api['id']}-vpce-0123456789abcdef0.execute-api.{REGION}.amazonaws.com/dev"
    assert_forbidden(send("GET", public))
    assert_ok(send("GET", endpoint))
    regional = mockway.apigateway().create_deployed_api()
    assert_forbidden(
        send("GET", regional.invoke_url.replace(".execute-api", "-vpce-0a1b2c3d.execute-api"))
    )


@pytest.mark.parametrize("library", SENDERS)
def test_the_api_is_found_in_the_account_of_the_innermost_activation(library: str) -> None:
    send = SENDERS[library]
    with mock_aws(account_id="111111111111") as outer:
        api = outer.apigateway().create_deployed_api()
        assert_ok(send("GET", api.invoke_url))
        with mock_aws(account_id="222222222222") as inner:
            assert_forbidden(send("GET", api.invoke_url))
            assert_forbidden(via_handle(inner)("GET", api.invoke_url))
            assert_ok(via_handle(outer)("GET", api.invoke_url))  # a handle keeps its account
        assert_ok(send("GET", api.invoke_url))


def test_requests_to_more_paths_than_plans_are_kept_for_each_get_their_own_answer(
    mockway: mockway.Handle, apigw: Any
) -> None:
    api = mockway.apigateway().create_deployed_api(paths=("/pets/{id}",))
    apigw.put_integration_response(
        restApiId=api.api_id,
        resourceId=api.resource_ids["/pets/{id}"],
        httpMethod="GET",
        statusCode="200",
        responseTemplates={"application/json": "$input.params('id')"},
    )
    apigw.create_deployment(restApiId=api.api_id, stageName=api.stage)
    view = mockway.apigateway()
    ids = [str(n) for n in range(1_300)]  # past the plans kept for one backend
    for id_ in ids + ids[:5]:
        assert view.invoke("GET", f"{api.invoke_url}/pets/{id_}").body == id_.encode()
