"""CreateUsagePlan, GetUsagePlan, GetUsagePlans, UpdateUsagePlan, DeleteUsagePlan."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from builders import (
    REGION,
    PetsApi,
    add_method,
    add_stage,
    api_key,
    body,
    pets_api,
    plan_with_key,
    status,
)

from support import error_of

PLAN_ID = re.compile(r"[a-z0-9]{6}")
LITERAL_STAGE_ERROR = "Invalid API Stage {api: %s, stage: %s} specified for usageplan %s"
REMOVE_PATHS = (
    "[/apiStages, /quota, /throttle, /productCode, "
    "/apiStages/<apidId:stageName>/throttle/<resourcePath>/<httpMethod>, "
    "/apiStages/<apidId:stageName>/throttle]"
)


@pytest.fixture
def api(apigw: Any) -> PetsApi:
    return pets_api(apigw)


def replace(path: str, value: str) -> dict[str, str]:
    return {"op": "replace", "path": path, "value": value}


def update(aws: Any, plan_id: str, *ops: dict[str, str]) -> dict[str, Any]:
    return dict(aws.update_usage_plan(usagePlanId=plan_id, patchOperations=list(ops)))


def plan_body(aws: Any, plan_id: str) -> dict[str, Any]:
    return body(aws.get_usage_plan(usagePlanId=plan_id))


def plan_ids(aws: Any, **params: Any) -> list[str]:
    return [item["id"] for item in aws.get_usage_plans(**params)["items"]]


def method_throttle_path(api: PetsApi, resource_path: str, method: str) -> str:
    escaped = resource_path.replace("~", "~0").replace("/", "~1")
    return f"/apiStages/{api.ref}/throttle/{escaped}/{method}"


# -- create, get, list ---------------------------------------------------------------------


def test_create_with_only_a_name(apigw: Any) -> None:
    created = apigw.create_usage_plan(name="basic")
    assert status(created) == 201
    assert PLAN_ID.fullmatch(created["id"])
    assert body(created) == {"id": created["id"], "name": "basic", "apiStages": []}
    got = apigw.get_usage_plan(usagePlanId=created["id"])
    assert status(got) == 200
    assert body(got) == {**body(created), "tags": {}}
    listed = apigw.get_usage_plans()
    assert status(listed) == 200
    assert body(listed) == {"items": [body(created)]}


def test_throttle_is_echoed_without_validation(apigw: Any) -> None:
    created = apigw.create_usage_plan(
        name="throttled", throttle={"rateLimit": 10, "burstLimit": 20}
    )
    throttle = created["throttle"]
    assert throttle == {"burstLimit": 20, "rateLimit": 10.0}
    assert type(throttle["rateLimit"]) is float
    assert type(throttle["burstLimit"]) is int


def test_create_with_everything(apigw: Any, api: PetsApi) -> None:
    created = apigw.create_usage_plan(
        name="full",
        description="Test Usage Plan for API key",
        apiStages=[api.api_stage],
        quota={"limit": 10, "offset": 0, "period": "DAY"},
        throttle={"rateLimit": 2, "burstLimit": 1},
        tags={"tag_key": "tag_value"},
    )
    assert body(created) == {
        "id": created["id"],
        "name": "full",
        "description": "Test Usage Plan for API key",
        "apiStages": [{"apiId": api.api_id, "stage": "dev"}],
        "quota": {"limit": 10, "offset": 0, "period": "DAY"},
        "throttle": {"burstLimit": 1, "rateLimit": 2.0},
        "tags": {"tag_key": "tag_value"},
    }
    assert plan_body(apigw, created["id"]) == body(created)
    assert apigw.get_usage_plans()["items"] == [body(created)]


def test_quota_offset_defaults_to_zero(apigw: Any, api: PetsApi) -> None:
    created = apigw.create_usage_plan(
        name="monthly",
        apiStages=[api.api_stage],
        quota={"limit": 5000, "period": "MONTH"},
        tags={"test": "value1", "test2": "hardcoded"},
    )
    assert created["quota"] == {"limit": 5000, "offset": 0, "period": "MONTH"}
    got = plan_body(apigw, created["id"])
    assert got["quota"] == {"limit": 5000, "offset": 0, "period": "MONTH"}
    assert got["tags"] == {"test": "value1", "test2": "hardcoded"}
    updated = update(apigw, created["id"], replace("/quota/limit", "7000"))
    assert updated["quota"] == {"limit": 7000, "offset": 0, "period": "MONTH"}
    assert updated["id"] == created["id"]


def test_create_with_method_throttles(apigw: Any, api: PetsApi) -> None:
    stage = {
        **api.api_stage,
        "throttle": {
            "/pets/GET": {"rateLimit": 1.0, "burstLimit": 2},
            "//GET": {"rateLimit": 3, "burstLimit": 4},
        },
    }
    created = apigw.create_usage_plan(name="methods", apiStages=[stage])
    assert created["apiStages"] == [
        {
            "apiId": api.api_id,
            "stage": "dev",
            "throttle": {
                "/pets/GET": {"burstLimit": 2, "rateLimit": 1.0},
                "//GET": {"burstLimit": 4, "rateLimit": 3.0},
            },
        }
    ]


@pytest.mark.parametrize(
    "stage",
    [
        {"apiId": "", "stage": "dev"},
        {"apiId": "API", "stage": ""},
        {"apiId": "API", "stage": "prod"},
        {"apiId": "nosuchapi1", "stage": "dev"},
    ],
)
def test_invalid_api_stage_on_create_prints_the_template(
    apigw: Any, api: PetsApi, stage: dict[str, str]
) -> None:
    stage = {k: api.api_id if v == "API" else v for k, v in stage.items()}
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_usage_plan(name="bad", apiStages=[stage])
    assert error_of(info) == ("BadRequestException", LITERAL_STAGE_ERROR, 400)
    assert plan_ids(apigw) == []


def test_method_throttle_on_create_must_name_a_method(apigw: Any, api: PetsApi) -> None:
    stage = {**api.api_stage, "throttle": {"/pets/POST": {"rateLimit": 1.0, "burstLimit": 1}}}
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_usage_plan(name="bad", apiStages=[stage])
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid method POST for resource path /pets in API Stage "
        f"{{api: {api.api_id}, stage: dev}}",
        400,
    )
    assert plan_ids(apigw) == []


@pytest.mark.parametrize(
    ("period", "offset"),
    [("DAY", 0), ("WEEK", 0), ("WEEK", 6), ("MONTH", 0), ("MONTH", 27)],
)
def test_quota_offset_in_range(apigw: Any, period: str, offset: int) -> None:
    created = apigw.create_usage_plan(
        name="q", quota={"limit": 100, "period": period, "offset": offset}
    )
    assert created["quota"] == {"limit": 100, "offset": offset, "period": period}


@pytest.mark.parametrize(
    ("period", "offset", "high"),
    [("DAY", 1, 0), ("WEEK", 7, 6), ("WEEK", -1, 6), ("MONTH", 28, 27)],
)
def test_quota_offset_out_of_range(apigw: Any, period: str, offset: int, high: int) -> None:
    message = f"Quota offset for period {period} must be between 0 and {high}"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_usage_plan(name="q", quota={"limit": 100, "period": period, "offset": offset})
    assert error_of(info) == ("BadRequestException", message, 400)
    assert plan_ids(apigw) == []
    plan = apigw.create_usage_plan(name="q", quota={"limit": 100, "period": period})
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan["id"], replace("/quota/offset", str(offset)))
    assert error_of(info) == ("BadRequestException", message, 400)
    assert plan_body(apigw, plan["id"])["quota"]["offset"] == 0


def test_unknown_plan_id(apigw: Any) -> None:
    real = apigw.create_usage_plan(name="real")["id"]
    missing = ("NotFoundException", "Invalid Usage Plan ID specified", 404)
    calls = [
        lambda: apigw.get_usage_plan(usagePlanId=real + "1"),
        lambda: update(apigw, real + "1", replace("/name", "x")),
        lambda: apigw.delete_usage_plan(usagePlanId=real + "1"),
    ]
    for call in calls:
        with pytest.raises(apigw.exceptions.NotFoundException) as info:
            call()
        assert error_of(info) == missing
        assert info.value.response["message"] == "Invalid Usage Plan ID specified"


# -- S10: CRUD and stage errors --------------------------------------------------------------


def test_usage_plan_crud_and_failed_stage_removals(apigw: Any, api: PetsApi) -> None:
    created = apigw.create_usage_plan(
        name="crud", description="the plan", apiStages=[api.api_stage]
    )
    plan_id = created["id"]
    assert body(created) == {
        "id": plan_id,
        "name": "crud",
        "description": "the plan",
        "apiStages": [{"apiId": api.api_id, "stage": "dev"}],
    }
    assert plan_body(apigw, plan_id) == {**body(created), "tags": {}}
    assert apigw.get_usage_plans()["items"] == [body(created)]

    patch = [
        replace("/throttle/burstLimit", "100"),
        replace("/throttle/rateLimit", "200"),
        replace("/quota/period", "MONTH"),
        replace("/quota/limit", "5000"),
    ]
    updated = apigw.update_usage_plan(usagePlanId=plan_id, patchOperations=patch)
    assert status(updated) == 200
    expected = {
        **body(created),
        "quota": {"limit": 5000, "offset": 0, "period": "MONTH"},
        "throttle": {"burstLimit": 100, "rateLimit": 200.0},
        "tags": {},
    }
    assert body(updated) == expected

    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.update_usage_plan(usagePlanId=plan_id + "1", patchOperations=patch)
    assert error_of(info) == ("NotFoundException", "Invalid Usage Plan ID specified", 404)

    failures = [
        ({"op": "remove", "path": "/apiStages"}, "BadRequestException", 400, None),
        (
            {"op": "remove", "path": "/apiStages", "value": f"{api.api_id}b:dev"},
            "NotFoundException",
            404,
            f"Invalid API Stage {{api: {api.api_id}b, stage: dev}} specified for usageplan "
            f"{plan_id}",
        ),
        (
            {"op": "remove", "path": "/apiStages", "value": f"{api.api_id}:fakestagename"},
            "NotFoundException",
            404,
            f"Invalid API Stage {{api: {api.api_id}, stage: fakestagename}} specified for "
            f"usageplan {plan_id}",
        ),
        (
            {"op": "remove", "path": "/apiStages", "value": "fakevalue"},
            "BadRequestException",
            400,
            None,
        ),
    ]
    for op, code, http, message in failures:
        with pytest.raises(apigw.exceptions.ClientError) as info:
            apigw.update_usage_plan(usagePlanId=plan_id, patchOperations=[op])
        assert error_of(info) == (code, message or "Invalid API Stage specified", http)

    assert plan_body(apigw, plan_id) == expected
    listed = apigw.get_usage_plans()["items"]
    assert listed == [{k: v for k, v in expected.items() if k != "tags"}]


def test_remove_with_a_stage_path_lists_the_remove_paths(apigw: Any, api: PetsApi) -> None:
    plan = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])
    path = f"/apiStages/{api.ref}"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan["id"], {"op": "remove", "path": path})
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid patch path  '{path}' specified for op 'remove'. Must be one of: {REMOVE_PATHS}",
        400,
    )
    assert plan_body(apigw, plan["id"])["apiStages"] == [api.api_stage]


# -- update paths ------------------------------------------------------------------------------


def test_update_name_description_and_product_code(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="old", description="before")["id"]
    updated = update(
        apigw,
        plan_id,
        replace("/name", "new"),
        replace("/description", "after"),
        {"op": "add", "path": "/productCode", "value": "prod-1"},
    )
    assert updated["name"] == "new"
    assert updated["description"] == "after"
    assert updated["productCode"] == "prod-1"
    assert update(apigw, plan_id, replace("/productCode", "prod-2"))["productCode"] == "prod-2"
    removed = update(apigw, plan_id, {"op": "remove", "path": "/productCode"})
    assert "productCode" not in removed
    assert (
        plan_body(apigw, plan_id)
        == body(removed)
        == {
            "id": plan_id,
            "name": "new",
            "description": "after",
            "apiStages": [],
            "tags": {},
        }
    )


def test_throttle_and_quota_scalars(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    updated = update(
        apigw,
        plan_id,
        {"op": "add", "path": "/throttle/rateLimit", "value": "12.5"},
        {"op": "add", "path": "/throttle/burstLimit", "value": "30"},
        {"op": "add", "path": "/quota/limit", "value": "1000"},
        {"op": "add", "path": "/quota/period", "value": "WEEK"},
        {"op": "add", "path": "/quota/offset", "value": "2"},
    )
    assert updated["throttle"] == {"burstLimit": 30, "rateLimit": 12.5}
    assert updated["quota"] == {"limit": 1000, "offset": 2, "period": "WEEK"}
    assert type(updated["throttle"]["rateLimit"]) is float
    assert type(updated["quota"]["limit"]) is int
    again = update(apigw, plan_id, replace("/throttle/rateLimit", "7"))
    assert again["throttle"] == {"burstLimit": 30, "rateLimit": 7.0}
    assert type(again["throttle"]["rateLimit"]) is float
    cleared = update(
        apigw, plan_id, {"op": "remove", "path": "/throttle"}, {"op": "remove", "path": "/quota"}
    )
    assert "throttle" not in cleared
    assert "quota" not in cleared
    assert "throttle" not in plan_body(apigw, plan_id)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/throttle/burstLimit", "1.5"),
        ("/throttle/burstLimit", "many"),
        ("/throttle/rateLimit", "fast"),
        ("/throttle/rateLimit", "NaN"),
        ("/throttle/rateLimit", "Infinity"),
        ("/throttle/rateLimit", "1e400"),
        ("/throttle/rateLimit", " 2.5"),
        ("/quota/limit", "lots"),
        ("/quota/limit", "1_000"),
        ("/quota/limit", "\u0661"),
        ("/quota/limit", "7 "),
        ("/quota/limit", "9" * 5000),
    ],
)
def test_numbers_must_be_numbers(apigw: Any, path: str, value: str) -> None:
    plan_id = apigw.create_usage_plan(
        name="p", throttle={"rateLimit": 1, "burstLimit": 1}, quota={"limit": 1, "period": "DAY"}
    )["id"]
    before = plan_body(apigw, plan_id)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, replace(path, value))
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid value '{value}' specified for {path}",
        400,
    )
    assert plan_body(apigw, plan_id) == before


def test_add_and_remove_api_stages(apigw: Any, api: PetsApi) -> None:
    prod = add_stage(apigw, api, "prod")
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    added = update(apigw, plan_id, {"op": "add", "path": "/apiStages", "value": prod.ref})
    assert added["apiStages"] == [api.api_stage, prod.api_stage]
    removed = update(apigw, plan_id, {"op": "remove", "path": "/apiStages", "value": api.ref})
    assert removed["apiStages"] == [prod.api_stage]
    assert plan_body(apigw, plan_id)["apiStages"] == [prod.api_stage]


def test_add_api_stage_errors(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        update(apigw, plan_id, {"op": "add", "path": "/apiStages", "value": api.ref})
    assert error_of(info) == (
        "ConflictException",
        f"API Stage {{api: {api.api_id}, stage: dev}} is already associated with usageplan "
        f"{plan_id}",
        409,
    )
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        update(apigw, plan_id, {"op": "add", "path": "/apiStages", "value": f"{api.api_id}:prod"})
    assert error_of(info) == (
        "NotFoundException",
        f"Invalid API Stage {{api: {api.api_id}, stage: prod}} specified for usageplan {plan_id}",
        404,
    )
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, {"op": "add", "path": "/apiStages", "value": "nocolon"})
    assert error_of(info) == ("BadRequestException", "Invalid API Stage specified", 400)
    assert plan_body(apigw, plan_id)["apiStages"] == [api.api_stage]


def test_unsupported_paths_and_ops(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, {"op": "remove", "path": "/name"})
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid patch path  '/name' specified for op 'remove'. Must be one of: {REMOVE_PATHS}",
        400,
    )
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, {"op": "copy", "path": "/name", "from": "/description"})
    assert error_of(info) == (
        "BadRequestException",
        "Invalid patch path  '/name' specified for op 'copy'. Please choose supported operations",
        400,
    )
    with pytest.raises(apigw.exceptions.ClientError) as info:
        update(
            apigw,
            plan_id,
            {"op": "wrong", "path": "/name", "value": "a"},
            {"op": "wrong", "path": "/name", "value": "b"},
        )
    assert error_of(info) == (
        "ValidationException",
        "2 validation errors detected: "
        "Value 'wrong' at 'updateUsagePlanInput.patchOperations.1.member.op' failed to satisfy "
        "constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; "
        "Value 'wrong' at 'updateUsagePlanInput.patchOperations.2.member.op' failed to satisfy "
        "constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
        400,
    )
    assert plan_body(apigw, plan_id)["name"] == "p"


def test_failing_last_op_changes_nothing(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(
        name="before", apiStages=[api.api_stage], quota={"limit": 10, "period": "DAY"}
    )["id"]
    before = plan_body(apigw, plan_id)
    with pytest.raises(apigw.exceptions.NotFoundException):
        update(
            apigw,
            plan_id,
            replace("/name", "after"),
            replace("/throttle/rateLimit", "5"),
            replace(method_throttle_path(api, "/pets", "GET") + "/rateLimit", "1"),
            {"op": "remove", "path": "/quota"},
            {"op": "remove", "path": "/apiStages", "value": f"{api.api_id}:prod"},
        )
    assert plan_body(apigw, plan_id) == before


# -- per-method throttles ----------------------------------------------------------------------


@pytest.mark.parametrize("resource_path", ["~1pets", "/pets"], ids=["escaped", "as-is"])
def test_method_throttle_on_a_resource_path(apigw: Any, api: PetsApi, resource_path: str) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    path = f"/apiStages/{api.api_id}:dev/throttle/{resource_path}/GET"
    updated = update(
        apigw, plan_id, replace(path + "/rateLimit", "0.1"), replace(path + "/burstLimit", "3")
    )
    assert updated["apiStages"] == [
        {**api.api_stage, "throttle": {"/pets/GET": {"burstLimit": 3, "rateLimit": 0.1}}}
    ]
    assert plan_body(apigw, plan_id)["apiStages"] == updated["apiStages"]
    removed = update(apigw, plan_id, {"op": "remove", "path": path})
    assert removed["apiStages"] == [api.api_stage]


@pytest.mark.parametrize("resource_path", ["~1", "/"], ids=["escaped", "as-is"])
def test_method_throttle_on_the_root(apigw: Any, api: PetsApi, resource_path: str) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    path = f"/apiStages/{api.ref}/throttle/{resource_path}/GET/rateLimit"
    updated = update(apigw, plan_id, replace(path, "2"))
    throttle = updated["apiStages"][0]["throttle"]
    assert throttle == {"//GET": {"burstLimit": 0, "rateLimit": 2.0}}


@pytest.mark.parametrize(
    "resource_path", ["~1pets~1{petId}", "/pets/{petId}"], ids=["escaped", "as-is"]
)
def test_method_throttle_on_a_nested_resource(apigw: Any, api: PetsApi, resource_path: str) -> None:
    pet = apigw.create_resource(restApiId=api.api_id, parentId=api.pets_id, pathPart="{petId}")
    add_method(apigw, api.api_id, pet["id"], "DELETE")
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    path = f"/apiStages/{api.ref}/throttle/{resource_path}/DELETE/burstLimit"
    updated = update(apigw, plan_id, replace(path, "7"))
    throttle = updated["apiStages"][0]["throttle"]
    assert throttle == {"/pets/{petId}/DELETE": {"burstLimit": 7, "rateLimit": 0.0}}


def test_a_method_throttle_path_without_the_method_is_not_one(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    path = f"/apiStages/{api.ref}/throttle/rateLimit"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, replace(path, "1"))
    code, message, http_status = error_of(info)
    assert (code, http_status) == ("BadRequestException", 400)
    assert message.startswith(f"Invalid patch path  '{path}' specified for op 'replace'.")


def test_replace_the_whole_method_throttle_map(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    update(apigw, plan_id, replace(method_throttle_path(api, "/pets", "GET") + "/rateLimit", "9"))
    value = json.dumps({"//GET": {"rateLimit": 1.0, "burstLimit": 1}})
    updated = update(apigw, plan_id, replace(f"/apiStages/{api.ref}/throttle", value))
    assert updated["apiStages"][0]["throttle"] == {"//GET": {"burstLimit": 1, "rateLimit": 1.0}}


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        json.dumps(["//GET"]),
        json.dumps({"//GET": 5}),
        json.dumps({"//GET": {"rateLimit": "fast", "burstLimit": 1}}),
        json.dumps({"//GET": {"rateLimit": 1.0, "burstLimit": "many"}}),
        json.dumps({"//GET": {"rateLimit": 1.0, "burstLimit": 1.5}}),
        json.dumps({"//GET": {"rateLimit": 1.0, "burstLimit": True}}),
        json.dumps({"//GET": {"rateLimit": 10**400, "burstLimit": 1}}),
        json.dumps({"//GET": {"rateLimit": 1.0, "burstLimit": 2**31}}),
        "[" * 100_000,
        '{"//GET":{"burstLimit":"x","deep":' + "[" * 50 + "]" * 50 + "}}",
    ],
    ids=lambda value: value[:40],
)
def test_bad_method_throttle_map(apigw: Any, api: PetsApi, value: str) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    before = plan_body(apigw, plan_id)
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, replace(f"/apiStages/{api.ref}/throttle", value))
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid method throttle map specified: {value}",
        400,
    )
    assert plan_body(apigw, plan_id) == before


def test_a_decimal_rate_is_a_double(apigw: Any, api: PetsApi) -> None:
    stage = {**api.api_stage, "throttle": {"//GET": {"rateLimit": Decimal("0.5"), "burstLimit": 1}}}
    created = apigw.create_usage_plan(
        name="p", throttle={"rateLimit": Decimal("1.5"), "burstLimit": 2}, apiStages=[stage]
    )
    assert created["throttle"] == {"burstLimit": 2, "rateLimit": 1.5}
    assert type(created["throttle"]["rateLimit"]) is float
    method_throttle = plan_body(apigw, created["id"])["apiStages"][0]["throttle"]["//GET"]
    assert method_throttle == {"burstLimit": 1, "rateLimit": 0.5}
    assert type(method_throttle["rateLimit"]) is float


def test_remove_one_or_all_method_throttles(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    value = json.dumps(
        {"//GET": {"rateLimit": 1, "burstLimit": 1}, "/pets/GET": {"rateLimit": 2, "burstLimit": 2}}
    )
    update(apigw, plan_id, replace(f"/apiStages/{api.ref}/throttle", value))
    one = update(
        apigw, plan_id, {"op": "remove", "path": method_throttle_path(api, "/pets", "GET")}
    )
    assert one["apiStages"][0]["throttle"] == {"//GET": {"burstLimit": 1, "rateLimit": 1.0}}
    every = update(apigw, plan_id, {"op": "remove", "path": f"/apiStages/{api.ref}/throttle"})
    assert every["apiStages"] == [api.api_stage]
    assert "throttle" not in plan_body(apigw, plan_id)["apiStages"][0]


def test_remove_names_a_method_not_one_of_its_limits(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    update(apigw, plan_id, replace(method_throttle_path(api, "/pets", "GET") + "/rateLimit", "1"))
    before = plan_body(apigw, plan_id)
    escaped = method_throttle_path(api, "/pets", "GET") + "/rateLimit"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, {"op": "remove", "path": escaped})
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid patch path  '{escaped}' specified for op 'remove'. Must be one of: "
        + REMOVE_PATHS,
        400,
    )
    as_is = f"/apiStages/{api.ref}/throttle//pets/GET/rateLimit"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        update(apigw, plan_id, {"op": "remove", "path": as_is})
    assert error_of(info) == (
        "BadRequestException",
        f"Invalid method rateLimit for resource path /pets/GET in API Stage "
        f"{{api: {api.api_id}, stage: dev}}",
        400,
    )
    assert plan_body(apigw, plan_id) == before


def test_removing_a_method_throttle_the_stage_lacks_changes_nothing(
    apigw: Any, api: PetsApi
) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    before = plan_body(apigw, plan_id)
    path = method_throttle_path(api, "/pets", "GET")
    removed = update(apigw, plan_id, {"op": "remove", "path": path})
    assert status(removed) == 200
    assert plan_body(apigw, plan_id) == before


def test_method_throttle_must_name_an_existing_method(apigw: Any, api: PetsApi) -> None:
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    cases = [("/pets", "POST"), ("/cats", "GET")]
    for resource_path, method in cases:
        with pytest.raises(apigw.exceptions.BadRequestException) as info:
            update(
                apigw,
                plan_id,
                replace(method_throttle_path(api, resource_path, method) + "/rateLimit", "1"),
            )
        assert error_of(info) == (
            "BadRequestException",
            f"Invalid method {method} for resource path {resource_path} in API Stage "
            f"{{api: {api.api_id}, stage: dev}}",
            400,
        )
    value = json.dumps({"/pets/DELETE": {"rateLimit": 1, "burstLimit": 1}})
    with pytest.raises(apigw.exceptions.BadRequestException):
        update(apigw, plan_id, replace(f"/apiStages/{api.ref}/throttle", value))
    assert "throttle" not in plan_body(apigw, plan_id)["apiStages"][0]


def test_method_throttle_on_a_stage_not_in_the_plan(apigw: Any, api: PetsApi) -> None:
    prod = add_stage(apigw, api, "prod")
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])["id"]
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        update(
            apigw, plan_id, replace(method_throttle_path(prod, "/pets", "GET") + "/rateLimit", "1")
        )
    assert error_of(info) == (
        "NotFoundException",
        f"Invalid API Stage {{api: {api.api_id}, stage: prod}} specified for usageplan {plan_id}",
        404,
    )


# -- list, paging, delete, tags ------------------------------------------------------------


def test_get_usage_plans_pages_newest_first(apigw: Any) -> None:
    made = [apigw.create_usage_plan(name=f"plan-{n}")["id"] for n in range(5)]
    first = apigw.get_usage_plans(limit=2)
    assert [item["id"] for item in first["items"]] == made[:2:-1]
    second = apigw.get_usage_plans(limit=2, position=first["position"])
    assert [item["id"] for item in second["items"]] == [made[2], made[1]]
    third = apigw.get_usage_plans(limit=2, position=second["position"])
    assert [item["id"] for item in third["items"]] == [made[0]]
    assert "position" not in third


def test_paginator_visits_each_plan_once(apigw: Any) -> None:
    made = {apigw.create_usage_plan(name=f"plan-{n}")["id"] for n in range(7)}
    pages = list(apigw.get_paginator("get_usage_plans").paginate(PaginationConfig={"PageSize": 3}))
    seen = [item["id"] for page in pages for item in page["items"]]
    assert len(pages) == 3
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == made


def test_bad_position(apigw: Any) -> None:
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.get_usage_plans(position="garbage!")
    assert error_of(info) == ("BadRequestException", "Invalid position parameter specified", 400)


def test_key_id_filter(apigw: Any) -> None:
    key = api_key(apigw, "filtered")["id"]
    other = api_key(apigw, "other")["id"]
    with_key = plan_with_key(apigw, key, name="with")
    plan_with_key(apigw, other, name="other")
    apigw.create_usage_plan(name="empty")
    assert plan_ids(apigw, keyId=key) == [with_key]
    assert plan_ids(apigw, keyId="nosuchkey1") == []
    assert len(plan_ids(apigw)) == 3


def test_delete_usage_plan(apigw: Any) -> None:
    keep = apigw.create_usage_plan(name="keep")["id"]
    doomed = apigw.create_usage_plan(name="doomed")["id"]
    deleted = apigw.delete_usage_plan(usagePlanId=doomed)
    assert status(deleted) == 202
    assert body(deleted) == {}
    assert plan_ids(apigw) == [keep]
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        apigw.get_usage_plan(usagePlanId=doomed)
    assert error_of(info) == ("NotFoundException", "Invalid Usage Plan ID specified", 404)


def test_usage_plan_tags(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="tagged", tags={"a": "1"})["id"]
    arn = f"arn:aws:apigateway:{REGION}::/usageplans/{plan_id}"
    assert status(apigw.tag_resource(resourceArn=arn, tags={"b": "2"})) == 204
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"a": "1", "b": "2"}
    assert update(apigw, plan_id, replace("/name", "renamed"))["tags"] == {"a": "1", "b": "2"}
    apigw.untag_resource(resourceArn=arn, tagKeys=["a", "b"])
    assert plan_body(apigw, plan_id)["tags"] == {}
    assert "tags" not in apigw.get_usage_plans()["items"][0]


def test_deleting_a_stage_or_api_leaves_the_plans(apigw: Any, api: PetsApi) -> None:
    prod = add_stage(apigw, api, "prod")
    plan_id = apigw.create_usage_plan(name="p", apiStages=[api.api_stage, prod.api_stage])["id"]
    apigw.delete_stage(restApiId=api.api_id, stageName="prod")
    assert plan_body(apigw, plan_id)["apiStages"] == [api.api_stage]
    apigw.delete_rest_api(restApiId=api.api_id)
    assert plan_body(apigw, plan_id)["apiStages"] == []


@pytest.mark.parametrize(
    ("throttle", "quota", "message"),
    [
        (
            {"rateLimit": float("nan"), "burstLimit": 1},
            None,
            "Invalid value for parameter createUsagePlanInput.throttle.rateLimit: nan is not a "
            "valid double",
        ),
        (
            {"rateLimit": 1.0, "burstLimit": 2**31},
            None,
            "Invalid value for parameter createUsagePlanInput.throttle.burstLimit: 2147483648 "
            "is not a valid integer",
        ),
        (
            None,
            {"limit": 2**40, "period": "DAY"},
            "Invalid value for parameter createUsagePlanInput.quota.limit: 1099511627776 is not "
            "a valid integer",
        ),
    ],
)
def test_numbers_the_service_cannot_hold_are_a_400(
    apigw: Any, throttle: Any, quota: Any, message: str
) -> None:
    extra = {k: v for k, v in (("throttle", throttle), ("quota", quota)) if v is not None}
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_usage_plan(name="p", **extra)
    assert error_of(info) == ("BadRequestException", message, 400)
    assert apigw.get_usage_plans()["items"] == []


def test_numbers_in_patches_take_a_sign_a_point_and_an_exponent(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p", quota={"limit": 1, "period": "DAY"})["id"]
    updated = update(
        apigw,
        plan_id,
        replace("/throttle/rateLimit", "1.5e2"),
        replace("/throttle/burstLimit", "+20"),
        replace("/quota/limit", "-0"),
    )
    assert updated["throttle"] == {"burstLimit": 20, "rateLimit": 150.0}
    assert updated["quota"]["limit"] == 0


def test_a_whole_number_past_the_services_int_is_a_400_in_a_patch(apigw: Any) -> None:
    plan = apigw.create_usage_plan(name="p")
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.update_usage_plan(
            usagePlanId=plan["id"],
            patchOperations=[
                {"op": "replace", "path": "/throttle/burstLimit", "value": "2147483648"}
            ],
        )
    assert error_of(info) == (
        "BadRequestException",
        "Invalid value '2147483648' specified for /throttle/burstLimit",
        400,
    )
    assert "throttle" not in apigw.get_usage_plan(usagePlanId=plan["id"])


def test_an_empty_description_is_not_stored(apigw: Any) -> None:
    plan = apigw.create_usage_plan(name="p", description="")
    assert "description" not in plan
