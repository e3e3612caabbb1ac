"""VPC links: the lifecycle and errors recorded against AWS, and the links integrations use."""

from __future__ import annotations

import re
from typing import Any

import pytest
from builders import ACCOUNT, REGION, body, pets_api, status

from support import client, expect_error

NLB = (
    f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/net/my-load-balancer/"
    "50dc6c495c0c9188"
)
LINK_ID = re.compile(r"[a-z0-9]{6}")
NOT_FOUND = "Invalid Vpc Link identifier specified"
READY = "Your vpc link is ready for use"


def create(apigw: Any, name: str = "link", **extra: Any) -> dict[str, Any]:
    extra.setdefault("targetArns", [NLB])
    return dict(apigw.create_vpc_link(name=name, **extra))


def test_lifecycle(apigw: Any) -> None:
    """Recorded: created PENDING (202, no tags, no status message), then AVAILABLE with AWS's
    message; Get and Update render the empty tags, the list does not."""
    created = create(apigw, "test-vpc-link")
    assert status(created) == 202
    assert LINK_ID.fullmatch(created["id"])
    assert body(created) == {
        "id": created["id"],
        "name": "test-vpc-link",
        "status": "PENDING",
        "targetArns": [NLB],
    }
    link_id = created["id"]
    available = {
        "id": link_id,
        "name": "test-vpc-link",
        "status": "AVAILABLE",
        "statusMessage": READY,
        "targetArns": [NLB],
    }
    got = apigw.get_vpc_link(vpcLinkId=link_id)
    assert status(got) == 200
    assert body(got) == {**available, "tags": {}}
    assert body(apigw.get_vpc_links()) == {"items": [available]}

    updated = apigw.update_vpc_link(
        vpcLinkId=link_id,
        patchOperations=[{"op": "replace", "path": "/name", "value": "test-vpc-link-updated"}],
    )
    assert status(updated) == 200
    assert body(updated) == {**available, "name": "test-vpc-link-updated", "tags": {}}

    assert status(apigw.delete_vpc_link(vpcLinkId=link_id)) == 202
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_vpc_link(vpcLinkId=link_id)
    assert apigw.get_vpc_links()["items"] == []


def test_create_invalid_parameters(apigw: Any) -> None:
    """Recorded: a target that is no ARN, and an empty name (checked before the targets)."""
    with expect_error(
        apigw, "BadRequestException", "Invalid ARN. ARN is not well formed invalid-arn", 400
    ):
        create(apigw, targetArns=["invalid-arn"])
    with expect_error(apigw, "BadRequestException", "Name cannot be empty", 400):
        create(apigw, "", targetArns=[])
    assert apigw.get_vpc_links()["items"] == []


def test_one_target_only(apigw: Any) -> None:
    with expect_error(
        apigw, "BadRequestException", "More than one target arn specified for vpc link.", 400
    ):
        create(apigw, targetArns=[NLB, NLB.replace("my-load-balancer", "other")])
    with expect_error(apigw, "BadRequestException", "No target arn specified for vpc link.", 400):
        create(apigw, targetArns=[])
    assert apigw.get_vpc_links()["items"] == []


@pytest.mark.parametrize(
    "call",
    [
        lambda aws: aws.get_vpc_link(vpcLinkId="invalid-id"),
        lambda aws: aws.delete_vpc_link(vpcLinkId="invalid-id"),
        lambda aws: aws.update_vpc_link(
            vpcLinkId="invalid-id",
            patchOperations=[{"op": "replace", "path": "/name", "value": "new-name"}],
        ),
    ],
)
def test_unknown_link(apigw: Any, call: Any) -> None:
    """Recorded for Get, Update and Delete."""
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        call(apigw)


def test_description_and_tags(apigw: Any) -> None:
    created = create(apigw, description="to the NLB", tags={"team": "net"})
    assert created["description"] == "to the NLB"
    assert created["tags"] == {"team": "net"}
    link_id = created["id"]
    arn = f"arn:aws:apigateway:{REGION}::/vpclinks/{link_id}"
    assert status(apigw.tag_resource(resourceArn=arn, tags={"env": "test"})) == 204
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "net", "env": "test"}
    apigw.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert apigw.get_vpc_link(vpcLinkId=link_id)["tags"] == {"env": "test"}
    assert apigw.get_vpc_links()["items"][0]["tags"] == {"env": "test"}
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_tags(resourceArn=f"arn:aws:apigateway:{REGION}::/vpclinks/nope00")

    updated = apigw.update_vpc_link(
        vpcLinkId=link_id,
        patchOperations=[{"op": "replace", "path": "/description", "value": ""}],
    )
    assert "description" not in updated


def test_update_refusals_change_nothing(apigw: Any) -> None:
    link_id = create(apigw, "kept")["id"]
    with expect_error(
        apigw, "BadRequestException", "Target arns are not allowed to be changed/added.", 400
    ):
        apigw.update_vpc_link(
            vpcLinkId=link_id,
            patchOperations=[
                {"op": "replace", "path": "/name", "value": "changed"},
                {"op": "add", "path": "/targetArns", "value": NLB},
            ],
        )
    with expect_error(apigw, "BadRequestException", "Name cannot be empty", 400):
        apigw.update_vpc_link(
            vpcLinkId=link_id, patchOperations=[{"op": "replace", "path": "/name", "value": ""}]
        )
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid patch path  '/status' specified for op 'replace'."
        " Must be one of: [/name, /description]",
        400,
    ):
        apigw.update_vpc_link(
            vpcLinkId=link_id,
            patchOperations=[{"op": "replace", "path": "/status", "value": "FAILED"}],
        )
    assert apigw.get_vpc_link(vpcLinkId=link_id)["name"] == "kept"


def test_listed_newest_first_and_paged(apigw: Any) -> None:
    first, second = create(apigw, "a")["id"], create(apigw, "b")["id"]
    assert [link["id"] for link in apigw.get_vpc_links()["items"]] == [second, first]
    page = apigw.get_vpc_links(limit=1)
    assert [link["id"] for link in page["items"]] == [second]
    rest = apigw.get_vpc_links(limit=1, position=page["position"])
    assert [link["id"] for link in rest["items"]] == [first]


def test_limit(apigw: Any) -> None:
    for n in range(20):
        create(apigw, f"link-{n}")
    with expect_error(
        apigw,
        "LimitExceededException",
        "Exceeded the maximum number of VPC links (20) for this account and region",
        429,
    ):
        create(apigw, "one-too-many")


def test_per_region(apigw: Any) -> None:
    create(apigw)
    assert client("apigateway", region="eu-west-1").get_vpc_links()["items"] == []


def private_integration(apigw: Any, api_id: str, resource_id: str, connection_id: str) -> None:
    apigw.put_integration(
        restApiId=api_id,
        resourceId=resource_id,
        httpMethod="GET",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="http://my-vpclink-test-nlb.example.com",
        connectionType="VPC_LINK",
        connectionId=connection_id,
    )


def test_a_deployed_link_is_not_deleted(apigw: Any) -> None:
    link_id = create(apigw)["id"]
    api = pets_api(apigw)
    private_integration(apigw, api.api_id, api.pets_id, link_id)
    apigw.create_stage(restApiId=api.api_id, stageName="prod", deploymentId=api.deployment_id)
    references = f"{api.api_id}:GET:{api.pets_id}:dev, {api.api_id}:GET:{api.pets_id}:prod"
    with expect_error(
        apigw,
        "BadRequestException",
        f"Cannot delete vpc link. Vpc link '{link_id}', is referenced in [{references}] in"
        " format of [RESTApiId:Method:Resource:Stage].",
        400,
    ):
        apigw.delete_vpc_link(vpcLinkId=link_id)
    assert apigw.get_vpc_link(vpcLinkId=link_id)["status"] == "AVAILABLE"

    apigw.delete_rest_api(restApiId=api.api_id)
    assert status(apigw.delete_vpc_link(vpcLinkId=link_id)) == 202


def test_an_undeployed_or_indirect_use_does_not_hold_a_link(apigw: Any) -> None:
    link_id = create(apigw)["id"]
    api = apigw.create_rest_api(name="undeployed")
    root = api["rootResourceId"]
    apigw.put_method(
        restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    private_integration(apigw, api["id"], root, link_id)
    deployed = pets_api(apigw)
    private_integration(apigw, deployed.api_id, deployed.pets_id, "${stageVariables.vpcLinkId}")
    assert status(apigw.delete_vpc_link(vpcLinkId=link_id)) == 202
