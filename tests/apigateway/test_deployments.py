"""Deployments: what CreateDeployment makes of a stage and a canary, the API summary a
deployment keeps, and the lifecycle recorded against AWS."""

from __future__ import annotations

from typing import Any

import pytest
from builders import ACCOUNT, add_method, body, pets_api, status

from support import expect_error

NOT_FOUND = "Invalid Deployment identifier specified"
IN_USE = "Active stages pointing to this deployment must be moved or deleted"
NO_DEPLOYMENT = "Deployment id does not exist"
CANARY_NO_STAGE = (
    "Invalid deployment content specified.Non null and non empty stageName must be provided for"
    " canary deployment. Provided value is "
)


def root_get_api(apigw: Any) -> str:
    """An API with ``GET /`` (MOCK), not deployed: the recorded tests' starting point."""
    api = apigw.create_rest_api(name="deployments")
    add_method(apigw, api["id"], api["rootResourceId"])
    return str(api["id"])


def stage_names(apigw: Any, api_id: str) -> list[str]:
    return [s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]]


# -- GetDeployment, GetDeployments -----------------------------------------------------------


def test_get_deployment(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    created = apigw.create_deployment(restApiId=api_id, description="first")
    got = apigw.get_deployment(restApiId=api_id, deploymentId=created["id"])
    assert status(got) == 200
    assert body(got) == {
        "id": created["id"],
        "description": "first",
        "createdDate": created["createdDate"],
    }
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_deployment(restApiId=api_id, deploymentId="abc123")
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_deployment(restApiId="nosuchapi1", deploymentId=created["id"])


def test_the_api_summary_is_the_api_as_it_was_deployed(apigw: Any) -> None:
    api = pets_api(apigw)
    apigw.put_method(
        restApiId=api.api_id,
        resourceId=api.pets_id,
        httpMethod="POST",
        authorizationType="AWS_IAM",
        apiKeyRequired=True,
    )
    apigw.put_integration(
        restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST", type="MOCK"
    )
    deployed = apigw.create_deployment(restApiId=api.api_id)
    # Changed after the deployment: its summary stays as it was.
    add_method(apigw, api.api_id, api.pets_id, "DELETE")
    apigw.delete_method(restApiId=api.api_id, resourceId=api.root_id, httpMethod="GET")

    embedded = apigw.get_deployment(
        restApiId=api.api_id, deploymentId=deployed["id"], embed=["apisummary"]
    )
    assert embedded["apiSummary"] == {
        "/": {"GET": {"authorizationType": "NONE", "apiKeyRequired": False}},
        "/pets": {
            "GET": {"authorizationType": "NONE", "apiKeyRequired": False},
            "POST": {"authorizationType": "AWS_IAM", "apiKeyRequired": True},
        },
    }
    first = apigw.get_deployment(
        restApiId=api.api_id, deploymentId=api.deployment_id, embed=["apisummary"]
    )
    assert set(first["apiSummary"]["/pets"]) == {"GET"}
    # Only asked for: not by default, never in the list.
    plain = apigw.get_deployment(restApiId=api.api_id, deploymentId=deployed["id"])
    assert body(plain) == {"id": deployed["id"], "createdDate": deployed["createdDate"]}
    other = apigw.get_deployment(restApiId=api.api_id, deploymentId=deployed["id"], embed=["x"])
    assert "apiSummary" not in other
    listed = apigw.get_deployments(restApiId=api.api_id)["items"]
    assert all(set(item) == {"id", "createdDate"} for item in listed)


def test_get_deployments_pages_newest_first(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    ids = [apigw.create_deployment(restApiId=api_id)["id"] for _ in range(3)]
    first = apigw.get_deployments(restApiId=api_id, limit=2)
    assert [d["id"] for d in first["items"]] == [ids[2], ids[1]]
    rest = apigw.get_deployments(restApiId=api_id, limit=2, position=first["position"])
    assert [d["id"] for d in rest["items"]] == [ids[0]]
    assert "position" not in rest
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nosuchapi1",
        404,
    ):
        apigw.get_deployments(restApiId="nosuchapi1")


# -- UpdateDeployment ---------------------------------------------------------------------------


def test_update_deployment_description(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    created = apigw.create_deployment(restApiId=api_id)
    key = {"restApiId": api_id, "deploymentId": created["id"]}
    updated = apigw.update_deployment(
        **key, patchOperations=[{"op": "replace", "path": "/description", "value": "v2"}]
    )
    assert status(updated) == 200
    assert body(updated) == {**body(created), "description": "v2"}
    assert apigw.get_deployment(**key)["description"] == "v2"
    cleared = apigw.update_deployment(
        **key, patchOperations=[{"op": "replace", "path": "/description", "value": ""}]
    )
    assert "description" not in cleared


@pytest.mark.parametrize(
    ("op", "path", "message"),
    [
        (
            "replace",
            "/stageName",
            "Invalid patch path  '/stageName' specified for op 'replace'. Must be one of:"
            " [/description]",
        ),
        (
            "add",
            "/description",
            "Invalid patch path  '/description' specified for op 'add'. Please choose supported"
            " operations",
        ),
    ],
)
def test_update_deployment_takes_only_the_description(
    apigw: Any, op: str, path: str, message: str
) -> None:
    api_id = root_get_api(apigw)
    created = apigw.create_deployment(restApiId=api_id, description="kept")
    key = {"restApiId": api_id, "deploymentId": created["id"]}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_deployment(
            **key,
            patchOperations=[
                {"op": "replace", "path": "/description", "value": "lost"},
                {"op": op, "path": path, "value": "x"},
            ],
        )
    assert apigw.get_deployment(**key)["description"] == "kept"
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.update_deployment(restApiId=api_id, deploymentId="abc123", patchOperations=[])


# -- DeleteDeployment ---------------------------------------------------------------------------


@pytest.mark.parametrize("stage_made_apart", [True, False])
def test_a_deployment_a_stage_uses_cannot_be_deleted(apigw: Any, stage_made_apart: bool) -> None:
    """Recorded: delete refused while the stage is there, then stage and deployment go, three
    times over, each round leaving one deployment and one stage."""
    api_id = root_get_api(apigw)

    def deploy() -> str:
        if stage_made_apart:
            deployment_id = str(apigw.create_deployment(restApiId=api_id)["id"])
            apigw.create_stage(restApiId=api_id, stageName="s1", deploymentId=deployment_id)
            return deployment_id
        return str(apigw.create_deployment(restApiId=api_id, stageName="s1")["id"])

    deployment_id = deploy()
    for _ in range(3):
        with expect_error(apigw, "BadRequestException", IN_USE, 400):
            apigw.delete_deployment(restApiId=api_id, deploymentId=deployment_id)
        apigw.delete_stage(restApiId=api_id, stageName="s1")
        deleted = apigw.delete_deployment(restApiId=api_id, deploymentId=deployment_id)
        assert status(deleted) == 202
        deployment_id = deploy()
        assert [d["id"] for d in apigw.get_deployments(restApiId=api_id)["items"]] == [
            deployment_id
        ]
        stages = apigw.get_stages(restApiId=api_id)["item"]
        assert [(s["stageName"], s["deploymentId"]) for s in stages] == [("s1", deployment_id)]


def test_redeploying_a_stage_frees_its_old_deployment(apigw: Any) -> None:
    """Recorded: CreateDeployment with the stage's name moves the stage to the new deployment;
    the old one can then be deleted, the new one cannot."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id)["id"]
    apigw.create_stage(restApiId=api_id, stageName="s1", deploymentId=first)
    with expect_error(apigw, "BadRequestException", IN_USE, 400):
        apigw.delete_deployment(restApiId=api_id, deploymentId=first)
    second = apigw.create_deployment(restApiId=api_id, stageName="s1")["id"]
    assert set(body(apigw.get_deployment(restApiId=api_id, deploymentId=first))) == {
        "id",
        "createdDate",
    }
    [stage] = apigw.get_stages(restApiId=api_id)["item"]
    assert stage["deploymentId"] == second
    assert body(apigw.delete_deployment(restApiId=api_id, deploymentId=first)) == {}
    with expect_error(apigw, "BadRequestException", IN_USE, 400):
        apigw.delete_deployment(restApiId=api_id, deploymentId=second)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.delete_deployment(restApiId=api_id, deploymentId=first)


def test_a_canary_keeps_its_deployment_too(apigw: Any) -> None:
    api = pets_api(apigw)
    canary = apigw.create_deployment(
        restApiId=api.api_id, stageName="dev", canarySettings={"percentTraffic": 10}
    )["id"]
    with expect_error(apigw, "BadRequestException", IN_USE, 400):
        apigw.delete_deployment(restApiId=api.api_id, deploymentId=canary)
    apigw.update_stage(
        restApiId=api.api_id,
        stageName="dev",
        patchOperations=[{"op": "remove", "path": "/canarySettings"}],
    )
    apigw.delete_deployment(restApiId=api.api_id, deploymentId=canary)


# -- CreateDeployment's stage members ---------------------------------------------------------


def test_a_new_stage_takes_the_stage_members(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    created = apigw.create_deployment(
        restApiId=api_id,
        stageName="prod",
        stageDescription="production",
        description="release 1",
        cacheClusterEnabled=True,
        variables={"table": "pets", "url": "example.com/a?b=c&d=e,f"},
        tracingEnabled=True,
    )
    assert body(created) == {
        "id": created["id"],
        "description": "release 1",
        "createdDate": created["createdDate"],
    }
    stage = apigw.get_stage(restApiId=api_id, stageName="prod")
    assert body(stage) == {
        "deploymentId": created["id"],
        "stageName": "prod",
        "description": "production",
        "cacheClusterEnabled": True,
        "cacheClusterSize": "0.5",
        "cacheClusterStatus": "AVAILABLE",
        "methodSettings": {},
        "variables": {"table": "pets", "url": "example.com/a?b=c&d=e,f"},
        "tracingEnabled": True,
        "createdDate": created["createdDate"],
        "lastUpdatedDate": created["createdDate"],
    }


def test_redeploying_sets_the_members_given(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    apigw.create_deployment(
        restApiId=api_id, stageName="dev", stageDescription="first", variables={"a": "1"}
    )
    second = apigw.create_deployment(
        restApiId=api_id, stageName="dev", variables={"b": "2"}, cacheClusterSize="6.1"
    )
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert stage["deploymentId"] == second["id"]
    assert stage["description"] == "first"
    assert stage["variables"] == {"b": "2"}
    assert (stage["cacheClusterEnabled"], stage["cacheClusterSize"]) == (False, "6.1")
    assert stage["cacheClusterStatus"] == "NOT_AVAILABLE"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"owner:app": "x"},
            "Invalid stage variable name: owner:app.  Please use names with only word characters.",
        ),
        (
            {"admin_pass": ""},
            "Invalid stage variable value: .  Please use values with alphanumeric characters and"
            " the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.",
        ),
        (
            {"alias": "$LATEST"},
            "Invalid stage variable value: $LATEST.  Please use values with alphanumeric"
            " characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.",
        ),
    ],
)
def test_stage_variables_follow_aws_rules(
    apigw: Any, variables: dict[str, str], message: str
) -> None:
    api_id = root_get_api(apigw)
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_deployment(restApiId=api_id, stageName="dev", variables=variables)
    assert apigw.get_deployments(restApiId=api_id)["items"] == []
    assert stage_names(apigw, api_id) == []


# -- canary deployments ---------------------------------------------------------------------


def test_a_canary_deployment_goes_to_an_existing_stage(apigw: Any) -> None:
    """Recorded: the stage keeps its deployment; the new one is its canary."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id)["id"]
    apigw.create_stage(
        restApiId=api_id,
        stageName="dev",
        deploymentId=first,
        description="dev stage",
        variables={"testVar": "default"},
    )
    canary = apigw.create_deployment(
        restApiId=api_id,
        stageName="dev",
        canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"testVar": "canary"}},
    )
    assert set(body(canary)) == {"id", "createdDate"}
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert body(stage) == {
        "deploymentId": first,
        "stageName": "dev",
        "description": "dev stage",
        "cacheClusterEnabled": False,
        "cacheClusterStatus": "NOT_AVAILABLE",
        "canarySettings": {
            "deploymentId": canary["id"],
            "percentTraffic": 50.0,
            "stageVariableOverrides": {"testVar": "canary"},
            "useStageCache": False,
        },
        "methodSettings": {},
        "variables": {"testVar": "default"},
        "tracingEnabled": False,
        "createdDate": stage["createdDate"],
        "lastUpdatedDate": stage["lastUpdatedDate"],
    }
    assert isinstance(stage["canarySettings"]["percentTraffic"], float)


def test_a_canary_deployment_replaces_the_canary(apigw: Any) -> None:
    """Recorded: a stage made with a canary on its own deployment; a canary deployment then
    takes the canary's place whole, and a second stage may name it as its canary."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id)["id"]
    made = apigw.create_stage(
        restApiId=api_id,
        stageName="dev1",
        deploymentId=first,
        variables={"testVar": "default"},
        canarySettings={
            "deploymentId": first,
            "percentTraffic": 40,
            "stageVariableOverrides": {"testVar": "canary1"},
        },
    )
    assert made["canarySettings"] == {
        "deploymentId": first,
        "percentTraffic": 40.0,
        "stageVariableOverrides": {"testVar": "canary1"},
        "useStageCache": False,
    }
    canary = apigw.create_deployment(
        restApiId=api_id,
        stageName="dev1",
        canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"testVar": "canary2"}},
    )["id"]
    stage = apigw.get_stage(restApiId=api_id, stageName="dev1")
    assert stage["deploymentId"] == first
    assert stage["canarySettings"] == {
        "deploymentId": canary,
        "percentTraffic": 50.0,
        "stageVariableOverrides": {"testVar": "canary2"},
        "useStageCache": False,
    }
    second = apigw.create_stage(
        restApiId=api_id,
        stageName="dev2",
        deploymentId=first,
        canarySettings={"deploymentId": canary, "percentTraffic": 60},
    )
    assert second["canarySettings"] == {
        "deploymentId": canary,
        "percentTraffic": 60.0,
        "useStageCache": False,
    }
    with expect_error(apigw, "BadRequestException", NO_DEPLOYMENT, 400):
        apigw.create_stage(
            restApiId=api_id,
            stageName="dev3",
            deploymentId=first,
            canarySettings={"deploymentId": "deploy"},
        )
    assert stage_names(apigw, api_id) == ["dev1", "dev2"]


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        (None, CANARY_NO_STAGE + "null"),
        ("", CANARY_NO_STAGE),
        (
            "non-existing",
            "Invalid deployment content specified.Stage non-existing must already be created"
            " before making a canary release deployment",
        ),
    ],
)
def test_a_canary_deployment_needs_its_stage(apigw: Any, stage: str | None, message: str) -> None:
    api_id = root_get_api(apigw)
    named = {} if stage is None else {"stageName": stage}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.create_deployment(
            restApiId=api_id,
            **named,
            canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"testVar": "canary"}},
        )
    assert apigw.get_deployments(restApiId=api_id)["items"] == []
    assert stage_names(apigw, api_id) == []


def test_a_canary_deployment_defaults_and_checks(apigw: Any) -> None:
    api = pets_api(apigw)
    canary = apigw.create_deployment(
        restApiId=api.api_id, stageName="dev", canarySettings={"useStageCache": True}
    )["id"]
    stage = apigw.get_stage(restApiId=api.api_id, stageName="dev")
    assert stage["canarySettings"] == {
        "deploymentId": canary,
        "percentTraffic": 0.0,
        "useStageCache": True,
    }
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid percentTraffic specified: 100.5. Must be between 0.0 and 100.0",
        400,
    ):
        apigw.create_deployment(
            restApiId=api.api_id, stageName="dev", canarySettings={"percentTraffic": 100.5}
        )
    assert len(apigw.get_deployments(restApiId=api.api_id)["items"]) == 2
