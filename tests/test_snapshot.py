"""Snapshot and restore of mockway's state, and state files, driven through boto3."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import boto3
import pytest

import mockway
from mockway import Snapshot, SnapshotError, mock_aws

REGION = "us-east-1"


def clients() -> tuple[Any, Any]:
    return boto3.client("apigateway", region_name=REGION), boto3.client(
        "appsync", region_name=REGION
    )


def build(aws: mockway.Handle) -> dict[str, Any]:
    apigw, _ = clients()
    api = aws.apigateway().create_deployed_api(paths=("/pets/{id}",))
    plan = aws.apigateway().create_usage_plan_with_keys(
        api, keys=2, quota={"limit": 100, "period": "DAY"}
    )
    aws.apigateway().record_usage(plan.plan_id, plan.key_ids[0], requests=7)
    graphql = aws.appsync().create_graphql_api_with_key(schema="type Query { pet: String }")
    apigw.create_api_key(name="eu", enabled=True)  # us-east-1
    boto3.client("apigateway", region_name="eu-west-1").create_api_key(name="west")
    return {"api": api, "plan": plan, "graphql": graphql}


def usage(plan_id: str) -> Any:
    apigw, _ = clients()
    day = mockway_today()
    return apigw.get_usage(usagePlanId=plan_id, startDate=day, endDate=day)["items"]


def expected_usage(built: dict[str, Any]) -> dict[str, Any]:
    first, second = built["plan"].key_ids
    return {first: [[7, 93]], second: [[0, 100]]}


def mockway_today() -> str:
    import datetime

    from mockway import _clock

    return datetime.datetime.fromtimestamp(_clock.now(), datetime.timezone.utc).date().isoformat()


def test_restore_puts_every_region_back_and_nothing_leaks_into_the_snapshot() -> None:
    with mock_aws() as aws:
        built = build(aws)
        apigw, appsync = clients()
        snap = aws.snapshot()
        keys_before = apigw.get_api_keys()["items"]
        for _ in range(2):
            # Change everything after the snapshot (and, the second time, after a restore).
            for key in apigw.get_api_keys()["items"]:
                apigw.delete_api_key(apiKey=key["id"])
            apigw.delete_rest_api(restApiId=built["api"].api_id)
            appsync.delete_graphql_api(apiId=built["graphql"].api_id)
            west = boto3.client("apigateway", region_name="eu-west-1")
            west.create_api_key(name="later")
            aws.restore(snap)
            assert apigw.get_api_keys()["items"] == keys_before
            assert apigw.get_rest_api(restApiId=built["api"].api_id)["name"] == "api"
            assert usage(built["plan"].plan_id) == expected_usage(built)
            assert [k.name for k in aws.apigateway("eu-west-1").api_keys()] == ["west"]
            keys = appsync.list_api_keys(apiId=built["graphql"].api_id)["apiKeys"]
            assert [k["id"] for k in keys] == [built["graphql"].api_key]


def test_a_restored_appsync_schema_is_built_again_from_its_sdl() -> None:
    with mock_aws() as aws:
        built = build(aws)
        _, appsync = clients()
        api_id = built["graphql"].api_id
        before = appsync.get_introspection_schema(apiId=api_id, format="SDL")["schema"].read()
        snap = aws.snapshot()
        aws.restore(snap)
        after = appsync.get_introspection_schema(apiId=api_id, format="SDL")["schema"].read()
        assert after == before == b"type Query {\n  pet: String\n}\n"
        assert b"graphql.type.schema" not in snap._data  # the built schema is left out


def test_views_made_before_a_restore_read_the_restored_state() -> None:
    with mock_aws() as aws:
        view = aws.apigateway()
        snap = aws.snapshot()
        apigw, _ = clients()
        apigw.create_api_key(name="after")
        assert len(view.api_keys()) == 1
        aws.restore(snap)
        assert view.api_keys() == ()


def test_seeded_ids_repeat_after_a_restore() -> None:
    with mock_aws(seed=7) as aws:
        apigw, _ = clients()
        snap = aws.snapshot()
        first = apigw.create_api_key(name="a")
        aws.restore(snap)
        again = apigw.create_api_key(name="a")
        assert (again["id"], again["value"]) == (first["id"], first["value"])


def test_a_state_file_carries_the_state_to_another_activation(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with mock_aws() as aws:
        built = build(aws)
        apigw, _ = clients()
        expected = apigw.get_usage_plan_keys(usagePlanId=built["plan"].plan_id)["items"]
        aws.snapshot().save(path)
    document = json.loads(path.read_text())
    assert (document["format"], document["version"]) == ("mockway-state", 1)
    assert document["mockway"] == mockway.__version__
    with mock_aws() as aws:
        aws.restore(Snapshot.load(path))
        apigw, appsync = clients()
        assert apigw.get_usage_plan_keys(usagePlanId=built["plan"].plan_id)["items"] == expected
        assert usage(built["plan"].plan_id) == expected_usage(built)
        schema = appsync.get_introspection_schema(apiId=built["graphql"].api_id, format="SDL")
        assert schema["schema"].read() == b"type Query {\n  pet: String\n}\n"
        # Restored objects work as before: a key can still be added to the plan.
        key = apigw.create_api_key(name="new", enabled=True)
        apigw.create_usage_plan_key(
            usagePlanId=built["plan"].plan_id, keyId=key["id"], keyType="API_KEY"
        )


def test_a_state_file_from_another_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with mock_aws() as aws:
        aws.snapshot().save(path)
    document = json.loads(path.read_text())
    document["version"], document["mockway"] = 0, "0.0.1"
    path.write_text(json.dumps(document))
    with pytest.raises(SnapshotError) as info:
        Snapshot.load(path)
    assert str(info.value) == (
        f"{path}: this state file was written by mockway 0.0.1 (state format 0); this is "
        f"mockway {mockway.__version__} (state format 1), which reads only files it wrote "
        f"itself. Build the state again and save it."
    )
    assert isinstance(info.value, mockway.MockwayError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "not a mockway state file: it has no \"format\": 'mockway-state' member"),
        ("{", "not a mockway state file: Expecting property name enclosed in double quotes"),
    ],
)
def test_what_is_not_a_state_file_is_refused(text: str, message: str) -> None:
    with pytest.raises(SnapshotError, match="^" + message.replace("(", r"\(")):
        Snapshot.from_json(text)


def test_a_state_file_cannot_name_a_class_outside_mockway() -> None:
    with mock_aws() as aws:
        boto3.client("apigateway", region_name=REGION).create_api_key(name="k")
        document = json.loads(aws.snapshot().to_json())
    text = json.dumps(document).replace("mockway.apigateway._models:ApiKey", "os:system", 1)
    with pytest.raises(SnapshotError, match="names 'os:system', not a mockway class"):
        Snapshot.from_json(text)


def test_restore_waits_for_running_operations() -> None:
    """Operations in other threads see the state before or after a restore, never a mix."""
    with mock_aws() as aws:
        apigw, _ = clients()
        snap = aws.snapshot()
        errors: list[BaseException] = []
        stop = threading.Event()

        def churn() -> None:
            client = boto3.client("apigateway", region_name=REGION)
            try:
                while not stop.is_set():
                    key = client.create_api_key(name="churn")
                    client.get_api_key(apiKey=key["id"])
            except client.exceptions.NotFoundException:
                pass  # the key was made before a restore and looked up after it
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=churn) for _ in range(2)]
        for thread in threads:
            thread.start()
        for _ in range(50):
            aws.restore(snap)
        stop.set()
        for thread in threads:
            thread.join()
        assert errors == []
        aws.restore(snap)
        assert apigw.get_api_keys()["items"] == []


def test_snapshot_needs_an_active_handle() -> None:
    with mock_aws() as aws:
        snap = aws.snapshot()
    with pytest.raises(mockway.NotActiveError):
        aws.snapshot()
    with pytest.raises(mockway.NotActiveError):
        aws.restore(snap)
    with mock_aws() as aws, pytest.raises(TypeError, match=r"takes a mockway\.Snapshot"):
        aws.restore("state.json")  # type: ignore[arg-type]
