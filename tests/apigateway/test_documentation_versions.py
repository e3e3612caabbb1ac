"""Documentation versions: the lifecycle recorded against AWS, stages that publish a version,
and errors."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from builders import ACCOUNT, body, pets_api, status

from support import expect_error

NOT_FOUND = "Invalid Documentation version specified"


@pytest.fixture
def api_id(apigw: Any) -> str:
    api = str(apigw.create_rest_api(name="documented")["id"])
    apigw.create_documentation_part(
        restApiId=api, location={"type": "API"}, properties='{"foo": "bar"}'
    )
    return api


def versions(apigw: Any, api_id: str, **extra: Any) -> list[str]:
    found = apigw.get_documentation_versions(restApiId=api_id, **extra)["items"]
    return [v["version"] for v in found]


def test_lifecycle(apigw: Any, api_id: str) -> None:
    created = apigw.create_documentation_version(restApiId=api_id, documentationVersion="v123")
    assert status(created) == 201
    assert set(body(created)) == {"version", "createdDate"}
    assert created["version"] == "v123"
    assert isinstance(created["createdDate"], datetime.datetime)
    key = {"restApiId": api_id, "documentationVersion": "v123"}

    updated = apigw.update_documentation_version(
        **key,
        patchOperations=[{"op": "replace", "path": "/description", "value": "doc version new"}],
    )
    assert status(updated) == 200
    expected = {**body(created), "description": "doc version new"}
    assert body(updated) == expected
    assert body(apigw.get_documentation_version(**key)) == expected
    assert apigw.get_documentation_versions(restApiId=api_id)["items"] == [expected]

    # Without a value, the description is cleared.
    cleared = apigw.update_documentation_version(
        **key, patchOperations=[{"op": "replace", "path": "/description"}]
    )
    assert body(cleared) == body(created)

    assert status(apigw.delete_documentation_version(**key)) == 202
    for call in (apigw.get_documentation_version, apigw.delete_documentation_version):
        with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
            call(**key)
    assert versions(apigw, api_id) == []


def test_create_with_description(apigw: Any, api_id: str) -> None:
    created = apigw.create_documentation_version(
        restApiId=api_id, documentationVersion="1.0.0", description="first"
    )
    assert created["description"] == "first"


def test_one_version_per_name(apigw: Any, api_id: str) -> None:
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="1")
    with expect_error(apigw, "ConflictException", "Documentation version already exists", 409):
        apigw.create_documentation_version(
            restApiId=api_id, documentationVersion="1", description="again"
        )
    assert "description" not in apigw.get_documentation_version(
        restApiId=api_id, documentationVersion="1"
    )
    with expect_error(apigw, "BadRequestException", "Documentation version cannot be blank", 400):
        apigw.create_documentation_version(restApiId=api_id, documentationVersion="")
    assert versions(apigw, api_id) == ["1"]


def test_unknown_api(apigw: Any, api_id: str) -> None:
    missing = f"Invalid API identifier specified {ACCOUNT}:no-such-api"
    with expect_error(apigw, "NotFoundException", missing, 404):
        apigw.create_documentation_version(restApiId="no-such-api", documentationVersion="1")
    with expect_error(apigw, "NotFoundException", missing, 404):
        apigw.get_documentation_versions(restApiId="no-such-api")
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="1")
    key = {"restApiId": "no-such-api", "documentationVersion": "1"}
    with expect_error(apigw, "NotFoundException", missing, 404):
        apigw.delete_documentation_version(**key)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_documentation_version(**key)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.update_documentation_version(
            **key, patchOperations=[{"op": "replace", "path": "/description", "value": "d"}]
        )
    assert versions(apigw, api_id) == ["1"]


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "add", "path": "/description", "value": "d"},
            "Invalid patch path  '/description' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "replace", "path": "/version", "value": "2"},
            "Invalid patch path  '/version' specified for op 'replace'. "
            "Must be one of: [/description]",
        ),
    ],
)
def test_refused_patches_change_nothing(
    apigw: Any, api_id: str, operation: dict[str, str], message: str
) -> None:
    created = apigw.create_documentation_version(restApiId=api_id, documentationVersion="1")
    key = {"restApiId": api_id, "documentationVersion": "1"}
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.update_documentation_version(
            **key,
            patchOperations=[
                {"op": "replace", "path": "/description", "value": "changed"},
                operation,
            ],
        )
    assert body(apigw.get_documentation_version(**key)) == body(created)


def test_listing_and_paging(apigw: Any, api_id: str) -> None:
    for name in ("1.0", "1.1", "2.0"):
        apigw.create_documentation_version(restApiId=api_id, documentationVersion=name)
    assert versions(apigw, api_id) == ["1.0", "1.1", "2.0"]
    first = apigw.get_documentation_versions(restApiId=api_id, limit=2)
    assert [v["version"] for v in first["items"]] == ["1.0", "1.1"]
    assert versions(apigw, api_id, position=first["position"]) == ["2.0"]


def test_a_version_published_on_a_stage(apigw: Any) -> None:
    api = pets_api(apigw)
    created = apigw.create_documentation_version(
        restApiId=api.api_id, documentationVersion="1.0.0", stageName=api.stage
    )
    assert set(body(created)) == {"version", "createdDate"}
    stage = apigw.get_stage(restApiId=api.api_id, stageName=api.stage)
    assert stage["documentationVersion"] == "1.0.0"

    # A version a stage publishes cannot be deleted.
    key = {"restApiId": api.api_id, "documentationVersion": "1.0.0"}
    with expect_error(
        apigw,
        "BadRequestException",
        "Cannot delete documentation version because there are API Stages associated with it.",
        400,
    ):
        apigw.delete_documentation_version(**key)
    assert apigw.get_documentation_version(**key)["version"] == "1.0.0"

    # Once the stage is gone, it can.
    apigw.delete_stage(restApiId=api.api_id, stageName=api.stage)
    assert status(apigw.delete_documentation_version(**key)) == 202


def test_a_stage_that_does_not_exist(apigw: Any, api_id: str) -> None:
    with expect_error(apigw, "BadRequestException", "Invalid stage identifier specified", 400):
        apigw.create_documentation_version(
            restApiId=api_id, documentationVersion="1", stageName="nowhere"
        )
    assert versions(apigw, api_id) == []
