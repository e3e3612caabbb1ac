"""The portal, against mockway: deployed from its OpenAPI file, published, keys issued."""

from __future__ import annotations

from typing import Any

from portal.publisher import Publisher


def test_deploy_makes_the_pets_method_require_a_key(apigateway: Any) -> None:
    deployment = Publisher(apigateway).deploy()
    resources = {
        r["path"]: r for r in apigateway.get_resources(restApiId=deployment.api_id)["items"]
    }
    pets = apigateway.get_method(
        restApiId=deployment.api_id, resourceId=resources["/pets"]["id"], httpMethod="GET"
    )
    health = apigateway.get_method(
        restApiId=deployment.api_id, resourceId=resources["/health"]["id"], httpMethod="GET"
    )
    assert pets["apiKeyRequired"] is True
    assert health["apiKeyRequired"] is False
    models = {m["name"] for m in apigateway.get_models(restApiId=deployment.api_id)["items"]}
    assert "Pet" in models


def test_the_published_spec_is_the_api_partners_see(apigateway: Any) -> None:
    publisher = Publisher(apigateway)
    spec = publisher.published_spec(publisher.deploy())
    assert spec["openapi"].startswith("3.0")
    assert spec["info"]["title"] == "pets"
    assert set(spec["paths"]) == {"/pets", "/health"}
    assert "x-amazon-apigateway-integration" not in spec["paths"]["/pets"]["get"]
    assert spec["components"]["schemas"]["Pet"]["required"] == ["name"]


def test_partners_get_keys_in_the_stage_plan(apigateway: Any) -> None:
    publisher = Publisher(apigateway)
    deployment = publisher.deploy()
    value = publisher.onboard(deployment, "acme")
    keys = apigateway.get_usage_plan_keys(usagePlanId=deployment.plan_id)["items"]
    assert [(k["name"], k["value"]) for k in keys] == [("acme", value)]


def test_redeploying_keeps_the_api_and_its_plan(apigateway: Any) -> None:
    publisher = Publisher(apigateway)
    first = publisher.deploy()
    publisher.onboard(first, "acme")
    again = publisher.deploy(api_id=first.api_id)
    assert again == first
    assert len(apigateway.get_rest_apis()["items"]) == 1
    assert len(apigateway.get_usage_plan_keys(usagePlanId=first.plan_id)["items"]) == 1
