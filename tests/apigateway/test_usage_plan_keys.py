"""CreateUsagePlanKey, GetUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey."""

from __future__ import annotations

import re
from typing import Any

import pytest
from builders import PetsApi, add_stage, api_key, body, pets_api, status

from support import error_of

NO_KEY = ("NotFoundException", "Invalid API Key identifier specified", 404)
NO_PLAN = ("NotFoundException", "Invalid Usage Plan ID specified", 404)


@pytest.fixture
def api(apigw: Any) -> PetsApi:
    return pets_api(apigw)


def add_key(aws: Any, plan_id: str, key_id: str) -> dict[str, Any]:
    return dict(aws.create_usage_plan_key(usagePlanId=plan_id, keyId=key_id, keyType="API_KEY"))


def plan_key(key: dict[str, Any]) -> dict[str, Any]:
    """What a usage plan shows of an API key."""
    return {"id": key["id"], "name": key["name"], "type": "API_KEY", "value": key["value"]}


def listed(aws: Any, plan_id: str, **params: Any) -> list[dict[str, Any]]:
    return list(aws.get_usage_plan_keys(usagePlanId=plan_id, **params)["items"])


def test_usage_plan_keys_scenario(apigw: Any) -> None:
    first = api_key(apigw, "test-key-one")
    second = api_key(apigw, "test-key-two")
    assert [k["id"] for k in apigw.get_api_keys()["items"]] == [second["id"], first["id"]]

    plan = apigw.create_usage_plan(name="plan-for-keys")
    assert body(plan) == {"id": plan["id"], "name": "plan-for-keys", "apiStages": []}
    plan_id = plan["id"]
    assert body(apigw.get_usage_plan_keys(usagePlanId=plan_id)) == {"items": []}

    for key in (first, second):
        added = add_key(apigw, plan_id, key["id"])
        assert status(added) == 201
        assert body(added) == plan_key(key)

    assert listed(apigw, plan_id) == [plan_key(second), plan_key(first)]
    assert listed(apigw, plan_id, nameQuery="test-key") == [plan_key(second), plan_key(first)]
    assert listed(apigw, plan_id, nameQuery="TEST-key") == []
    assert listed(apigw, plan_id, nameQuery="test-key-one") == [plan_key(first)]
    assert listed(apigw, plan_id, nameQuery="key") == []
    assert listed(apigw, plan_id, nameQuery="nothing") == []

    apigw.delete_api_key(apiKey=first["id"])
    apigw.delete_api_key(apiKey=second["id"])
    assert body(apigw.get_usage_plan_keys(usagePlanId=plan_id)) == {"items": []}

    unknown = apigw.get_usage_plan_keys(usagePlanId="bad-id")
    assert status(unknown) == 200
    assert body(unknown) == {"items": []}


def test_missing_api_key(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        add_key(apigw, plan_id, "nosuchkey1")
    assert error_of(info) == NO_KEY
    assert listed(apigw, plan_id) == []


def test_missing_plan(apigw: Any) -> None:
    key = api_key(apigw)
    with pytest.raises(apigw.exceptions.NotFoundException) as info:
        add_key(apigw, "nosuch", key["id"])
    assert error_of(info) == NO_PLAN


def test_key_type_must_be_api_key(apigw: Any) -> None:
    key = api_key(apigw)
    plan_id = apigw.create_usage_plan(name="p")["id"]
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key["id"], keyType="COGNITO")
    assert error_of(info) == (
        "BadRequestException",
        "Invalid key type specified: COGNITO. The only valid key type is API_KEY",
        400,
    )
    assert listed(apigw, plan_id) == []


def test_same_key_twice_is_a_conflict(apigw: Any) -> None:
    key = api_key(apigw)
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, key["id"])
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        add_key(apigw, plan_id, key["id"])
    assert error_of(info) == (
        "ConflictException",
        f"API Key {key['id']} is already associated with usage plan {plan_id}",
        409,
    )
    assert listed(apigw, plan_id) == [plan_key(key)]


def test_one_key_in_two_plans_sharing_a_stage(apigw: Any, api: PetsApi) -> None:
    key = api_key(apigw)
    first = apigw.create_usage_plan(name="first", apiStages=[api.api_stage])["id"]
    second = apigw.create_usage_plan(name="second", apiStages=[api.api_stage])["id"]
    add_key(apigw, first, key["id"])
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        add_key(apigw, second, key["id"])
    assert error_of(info) == (
        "ConflictException",
        f"Usage Plan {second} cannot be added because API Key {key['id']} cannot reference "
        f"multiple Usage Plans with the same API Stage: {api.api_id}:dev",
        409,
    )
    assert listed(apigw, second) == []
    assert [p["id"] for p in apigw.get_usage_plans(keyId=key["id"])["items"]] == [first]


def test_one_key_in_two_plans_on_different_stages(apigw: Any, api: PetsApi) -> None:
    prod = add_stage(apigw, api, "prod")
    key = api_key(apigw)
    dev_plan = apigw.create_usage_plan(name="dev", apiStages=[api.api_stage])["id"]
    prod_plan = apigw.create_usage_plan(name="prod", apiStages=[prod.api_stage])["id"]
    add_key(apigw, dev_plan, key["id"])
    add_key(apigw, prod_plan, key["id"])
    plans = {p["id"] for p in apigw.get_usage_plans(keyId=key["id"])["items"]}
    assert plans == {dev_plan, prod_plan}
    with pytest.raises(apigw.exceptions.ConflictException) as info:
        apigw.update_usage_plan(
            usagePlanId=prod_plan,
            patchOperations=[{"op": "add", "path": "/apiStages", "value": api.ref}],
        )
    assert error_of(info) == (
        "ConflictException",
        f"Usage Plan {prod_plan} cannot be added because API Key {key['id']} cannot reference "
        f"multiple Usage Plans with the same API Stage: {api.api_id}:dev",
        409,
    )
    assert apigw.get_usage_plan(usagePlanId=prod_plan)["apiStages"] == [prod.api_stage]


def test_at_most_ten_plans_per_key(apigw: Any) -> None:
    key = api_key(apigw)
    plans = [apigw.create_usage_plan(name=f"plan-{n}")["id"] for n in range(11)]
    for plan_id in plans[:10]:
        add_key(apigw, plan_id, key["id"])
    with pytest.raises(apigw.exceptions.LimitExceededException) as info:
        add_key(apigw, plans[10], key["id"])
    assert error_of(info) == (
        "LimitExceededException",
        "An API key can be associated with at most 10 usage plans",
        429,
    )
    assert listed(apigw, plans[10]) == []
    assert len(apigw.get_usage_plans(keyId=key["id"])["items"]) == 10


def test_renamed_key_shows_its_new_name(apigw: Any) -> None:
    key = api_key(apigw, "before")
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, key["id"])
    apigw.update_api_key(
        apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/name", "value": "after"}]
    )
    renamed = {**plan_key(key), "name": "after"}
    assert listed(apigw, plan_id) == [renamed]
    assert listed(apigw, plan_id, nameQuery="after") == [renamed]
    assert listed(apigw, plan_id, nameQuery="before") == []
    got = apigw.get_usage_plan_key(usagePlanId=plan_id, keyId=key["id"])
    assert body(got) == renamed


def test_key_without_a_name(apigw: Any) -> None:
    key = apigw.create_api_key()
    plan_id = apigw.create_usage_plan(name="p")["id"]
    added = add_key(apigw, plan_id, key["id"])
    assert body(added) == {"id": key["id"], "type": "API_KEY", "value": key["value"]}
    assert listed(apigw, plan_id, nameQuery="a") == []


def test_get_usage_plan_key(apigw: Any) -> None:
    key = api_key(apigw)
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, key["id"])
    got = apigw.get_usage_plan_key(usagePlanId=plan_id, keyId=key["id"])
    assert status(got) == 200
    assert body(got) == plan_key(key)


def test_get_and_delete_usage_plan_key_errors(apigw: Any) -> None:
    inside = api_key(apigw, "inside")
    outside = api_key(apigw, "outside")
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, inside["id"])
    cases = [
        (plan_id, "nosuchkey1", NO_KEY),
        (plan_id, outside["id"], NO_PLAN),
        ("nosuch", inside["id"], NO_PLAN),
    ]
    for call in (apigw.get_usage_plan_key, apigw.delete_usage_plan_key):
        for usage_plan_id, key_id, expected in cases:
            with pytest.raises(apigw.exceptions.NotFoundException) as info:
                call(usagePlanId=usage_plan_id, keyId=key_id)
            assert error_of(info) == expected
    assert listed(apigw, plan_id) == [plan_key(inside)]


def test_delete_usage_plan_key(apigw: Any) -> None:
    key = api_key(apigw)
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, key["id"])
    deleted = apigw.delete_usage_plan_key(usagePlanId=plan_id, keyId=key["id"])
    assert status(deleted) == 202
    assert body(deleted) == {}
    assert listed(apigw, plan_id) == []
    assert apigw.get_api_key(apiKey=key["id"])["name"] == "key"
    assert apigw.get_usage_plans(keyId=key["id"])["items"] == []
    add_key(apigw, plan_id, key["id"])
    assert listed(apigw, plan_id) == [plan_key(key)]


def test_deleting_a_plan_keeps_its_keys(apigw: Any) -> None:
    key = api_key(apigw)
    plan_id = apigw.create_usage_plan(name="p")["id"]
    add_key(apigw, plan_id, key["id"])
    apigw.delete_usage_plan(usagePlanId=plan_id)
    assert [k["id"] for k in apigw.get_api_keys()["items"]] == [key["id"]]
    assert listed(apigw, plan_id) == []


def test_paging_newest_first(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    keys = [api_key(apigw, f"key-{n}") for n in range(5)]
    for key in keys:
        add_key(apigw, plan_id, key["id"])
    first = apigw.get_usage_plan_keys(usagePlanId=plan_id, limit=3)
    assert [k["id"] for k in first["items"]] == [k["id"] for k in keys[:1:-1]]
    rest = apigw.get_usage_plan_keys(usagePlanId=plan_id, limit=3, position=first["position"])
    assert [k["id"] for k in rest["items"]] == [keys[1]["id"], keys[0]["id"]]
    assert "position" not in rest


def test_a_position_is_good_only_for_its_own_plan(apigw: Any) -> None:
    plans = [apigw.create_usage_plan(name=name)["id"] for name in ("first", "second")]
    keys = [api_key(apigw, f"key-{n}")["id"] for n in range(3)]
    for plan_id in plans:
        for key_id in keys:
            add_key(apigw, plan_id, key_id)
    position = apigw.get_usage_plan_keys(usagePlanId=plans[0], limit=1)["position"]
    keys_position = apigw.get_api_keys(limit=1)["position"]
    for plan_id, wrong in ((plans[1], position), (plans[0], keys_position)):
        with pytest.raises(apigw.exceptions.BadRequestException) as info:
            apigw.get_usage_plan_keys(usagePlanId=plan_id, limit=1, position=wrong)
        assert error_of(info) == (
            "BadRequestException",
            "Invalid position parameter specified",
            400,
        )
    with pytest.raises(apigw.exceptions.BadRequestException):
        apigw.get_api_keys(position=position)


def test_a_position_outlives_its_key_leaving_and_rejoining(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    keys = [api_key(apigw, f"key-{n}")["id"] for n in range(3)]
    for key_id in keys:
        add_key(apigw, plan_id, key_id)
    position = apigw.get_usage_plan_keys(usagePlanId=plan_id, limit=1)["position"]
    for _ in range(2):
        apigw.delete_usage_plan_key(usagePlanId=plan_id, keyId=keys[1])
        if _ == 0:
            add_key(apigw, plan_id, keys[1])
    rest = apigw.get_usage_plan_keys(usagePlanId=plan_id, position=position)
    assert [item["id"] for item in rest["items"]] == [keys[0]]


def test_paginator_visits_each_key_once(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    keys = [api_key(apigw, f"key-{n}")["id"] for n in range(7)]
    for key_id in keys:
        add_key(apigw, plan_id, key_id)
    paginator = apigw.get_paginator("get_usage_plan_keys")
    pages = list(paginator.paginate(usagePlanId=plan_id, PaginationConfig={"PageSize": 2}))
    seen = [item["id"] for page in pages for item in page["items"]]
    assert len(pages) == 4
    assert seen == keys[::-1]
    full = paginator.paginate(usagePlanId=plan_id, nameQuery="key-1").build_full_result()
    assert [item["id"] for item in full["items"]] == [keys[1]]


# -- ImportApiKeys with UsagePlanIds ---------------------------------------------------------


VALUE_A = "a" * 20 + "ImportedKeyA"
VALUE_B = "b" * 20 + "ImportedKeyB"


def import_csv(aws: Any, text: str, **params: Any) -> dict[str, Any]:
    return dict(aws.import_api_keys(body=text.encode(), format="csv", **params))


def test_imported_keys_land_in_their_plans(apigw: Any) -> None:
    first = apigw.create_usage_plan(name="first")["id"]
    second = apigw.create_usage_plan(name="second")["id"]
    imported = import_csv(
        apigw,
        "Name,Key,UsagePlanIds\n"
        f'importedA,{VALUE_A},"{first},{second}"\n'
        f"importedB,{VALUE_B},'{second}'\n",
    )
    assert status(imported) == 201
    assert "warnings" not in imported
    key_a, key_b = imported["ids"]
    assert listed(apigw, first) == [
        {"id": key_a, "name": "importedA", "type": "API_KEY", "value": VALUE_A}
    ]
    assert [k["id"] for k in listed(apigw, second)] == [key_b, key_a]
    assert {p["id"] for p in apigw.get_usage_plans(keyId=key_a)["items"]} == {first, second}


def test_import_with_an_unknown_plan_warns_and_skips_the_row(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    imported = import_csv(
        apigw,
        f"name,key,usageplanids\nimportedA,{VALUE_A},{plan_id}\nimportedB,{VALUE_B},nosuch\n",
    )
    assert len(imported["ids"]) == 1
    assert imported["warnings"] == ["Row 3: Invalid Usage Plan ID specified: nosuch"]
    assert [k["name"] for k in listed(apigw, plan_id)] == ["importedA"]
    assert [k["name"] for k in apigw.get_api_keys()["items"]] == ["importedA"]


def test_import_fail_on_warnings_rolls_back(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    text = f"Name,Key,UsagePlanIds\nimportedA,{VALUE_A},{plan_id}\nimportedB,{VALUE_B},nosuch\n"
    with pytest.raises(apigw.exceptions.BadRequestException) as info:
        import_csv(apigw, text, failOnWarnings=True)
    assert error_of(info) == (
        "BadRequestException",
        "API keys not imported because the file has warnings: "
        "Row 3: Invalid Usage Plan ID specified: nosuch",
        400,
    )
    assert apigw.get_api_keys()["items"] == []
    assert listed(apigw, plan_id) == []


def test_import_into_a_plan_that_conflicts_on_a_stage(apigw: Any, api: PetsApi) -> None:
    first = apigw.create_usage_plan(name="first", apiStages=[api.api_stage])["id"]
    second = apigw.create_usage_plan(name="second", apiStages=[api.api_stage])["id"]
    imported = import_csv(apigw, f'Name,Key,UsagePlanIds\nimportedA,{VALUE_A},"{first},{second}"\n')
    assert imported["ids"] == []
    [warning] = imported["warnings"]
    assert re.fullmatch(
        f"Row 2: Usage Plan {second} cannot be added because API Key [a-z0-9]{{10}} cannot "
        f"reference multiple Usage Plans with the same API Stage: {api.api_id}:dev",
        warning,
    )
    assert listed(apigw, first) == []
    assert apigw.get_api_keys()["items"] == []


def test_reimporting_a_key_keeps_it_once_in_its_plan(apigw: Any) -> None:
    plan_id = apigw.create_usage_plan(name="p")["id"]
    text = f"Name,Key,UsagePlanIds\nimportedA,{VALUE_A},{plan_id}\n"
    first = import_csv(apigw, text)["ids"]
    again = import_csv(apigw, text.replace("importedA", "renamed"))["ids"]
    assert again == first
    assert listed(apigw, plan_id) == [
        {"id": first[0], "name": "renamed", "type": "API_KEY", "value": VALUE_A}
    ]
