"""Base path mappings: which stage of which REST API a custom domain name's base path calls,
with the messages real AWS gives."""

from __future__ import annotations

from typing import Any

import pytest
from builders import ACCOUNT, PetsApi, add_stage, body, pets_api, status

from support import expect_error

CERT = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555"
DOMAIN = "api.example.com"
MAPPING_NOT_FOUND = ("NotFoundException", "Invalid base path mapping identifier specified", 404)
DOMAIN_NOT_FOUND = ("NotFoundException", "Invalid domain name identifier specified", 404)
EXISTS = ("ConflictException", "Base path already exists for this domain name", 409)
EMPTY_ALONE = (
    "ConflictException",
    "Only one base path mapping is allowed if the base path is empty.",
    409,
)


@pytest.fixture
def api(apigw: Any) -> PetsApi:
    apigw.create_domain_name(domainName=DOMAIN, certificateArn=CERT)
    return pets_api(apigw)


def mapping(apigw: Any, api: PetsApi, **extra: Any) -> dict[str, Any]:
    return dict(apigw.create_base_path_mapping(domainName=DOMAIN, restApiId=api.api_id, **extra))


def replace(path: str, value: str) -> dict[str, str]:
    return {"op": "replace", "path": path, "value": value}


def test_lifecycle(apigw: Any, api: PetsApi) -> None:
    created = mapping(apigw, api, basePath="v1", stage="dev")
    assert status(created) == 201
    expected = {"basePath": "v1", "restApiId": api.api_id, "stage": "dev"}
    assert body(created) == expected
    key = {"domainName": DOMAIN, "basePath": "v1"}
    assert body(apigw.get_base_path_mapping(**key)) == expected
    assert apigw.get_base_path_mappings(domainName=DOMAIN)["items"] == [expected]

    assert status(apigw.delete_base_path_mapping(**key)) == 202
    with expect_error(apigw, *MAPPING_NOT_FOUND):
        apigw.get_base_path_mapping(**key)
    with expect_error(apigw, *MAPPING_NOT_FOUND):
        apigw.delete_base_path_mapping(**key)
    assert apigw.get_base_path_mappings(domainName=DOMAIN)["items"] == []


@pytest.mark.parametrize("base_path", [None, "", "(none)"])
def test_the_empty_base_path_is_none(apigw: Any, api: PetsApi, base_path: str | None) -> None:
    extra = {} if base_path is None else {"basePath": base_path}
    created = mapping(apigw, api, stage="dev", **extra)
    assert body(created) == {"basePath": "(none)", "restApiId": api.api_id, "stage": "dev"}
    key = {"domainName": DOMAIN, "basePath": "(none)"}
    assert body(apigw.get_base_path_mapping(**key)) == body(created)


def test_a_mapping_without_a_stage(apigw: Any, api: PetsApi) -> None:
    for base_path, stage in (("a", None), ("b", "(none)")):
        extra = {} if stage is None else {"stage": stage}
        created = mapping(apigw, api, basePath=base_path, **extra)
        assert body(created) == {"basePath": base_path, "restApiId": api.api_id}


def test_mappings_are_listed_in_creation_order_and_paged(apigw: Any, api: PetsApi) -> None:
    for base_path in ("b", "a", "c"):
        mapping(apigw, api, basePath=base_path)
    first = apigw.get_base_path_mappings(domainName=DOMAIN, limit=2)
    rest = apigw.get_base_path_mappings(domainName=DOMAIN, position=first["position"])
    assert [m["basePath"] for m in first["items"] + rest["items"]] == ["b", "a", "c"]
    assert "position" not in rest


def test_a_base_path_is_taken_once(apigw: Any, api: PetsApi) -> None:
    mapping(apigw, api, basePath="v1")
    with expect_error(apigw, *EXISTS):
        mapping(apigw, api, basePath="v1", stage="dev")
    assert len(apigw.get_base_path_mappings(domainName=DOMAIN)["items"]) == 1


def test_the_empty_base_path_is_alone(apigw: Any, api: PetsApi) -> None:
    mapping(apigw, api)
    with expect_error(apigw, *EXISTS):
        mapping(apigw, api, basePath="(none)")
    with expect_error(apigw, *EMPTY_ALONE):
        mapping(apigw, api, basePath="v1")
    apigw.delete_base_path_mapping(domainName=DOMAIN, basePath="(none)")
    mapping(apigw, api, basePath="v1")
    with expect_error(apigw, *EMPTY_ALONE):
        mapping(apigw, api)


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            {"basePath": "v1/orders"},
            (
                "BadRequestException",
                "API Gateway V1 doesn't support the slash character (/) in base path mappings."
                " To create a multi-level base path mapping, use API Gateway V2.",
                400,
            ),
        ),
        (
            {"basePath": "v 1"},
            (
                "BadRequestException",
                "Invalid base path specified: v 1. A base path may contain only letters,"
                " numbers and the characters $-_.+!*'()",
                400,
            ),
        ),
        (
            {"restApiId": "nothere123"},
            ("BadRequestException", "Invalid REST API identifier specified", 400),
        ),
        (
            {"stage": "prod"},
            ("BadRequestException", "Invalid stage identifier specified", 400),
        ),
        ({"domainName": "none.example.com"}, DOMAIN_NOT_FOUND),
    ],
)
def test_create_refused(
    apigw: Any, api: PetsApi, extra: dict[str, str], error: tuple[str, str, int]
) -> None:
    params = {"domainName": DOMAIN, "restApiId": api.api_id, "basePath": "v1", **extra}
    with expect_error(apigw, *error):
        apigw.create_base_path_mapping(**params)
    assert apigw.get_base_path_mappings(domainName=DOMAIN)["items"] == []


def test_update_moves_and_retargets_a_mapping(apigw: Any, api: PetsApi) -> None:
    other = pets_api(apigw, "other", stage="live")
    mapping(apigw, api, stage="dev")
    moved = apigw.update_base_path_mapping(
        domainName=DOMAIN,
        basePath="(none)",
        patchOperations=[
            replace("/basePath", "v2"),
            replace("/restapiId", other.api_id),
            replace("/stage", "live"),
        ],
    )
    assert status(moved) == 200
    expected = {"basePath": "v2", "restApiId": other.api_id, "stage": "live"}
    assert body(moved) == expected
    assert body(apigw.get_base_path_mapping(domainName=DOMAIN, basePath="v2")) == expected
    with expect_error(apigw, *MAPPING_NOT_FOUND):
        apigw.get_base_path_mapping(domainName=DOMAIN, basePath="(none)")
    assert apigw.get_base_path_mappings(domainName=DOMAIN)["items"] == [expected]

    back = apigw.update_base_path_mapping(
        domainName=DOMAIN, basePath="v2", patchOperations=[replace("/basePath", "")]
    )
    assert back["basePath"] == "(none)"
    unchanged = apigw.update_base_path_mapping(
        domainName=DOMAIN, basePath="(none)", patchOperations=[]
    )
    assert body(unchanged) == {**expected, "basePath": "(none)"}


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        (
            replace("/domainName", "x"),
            (
                "BadRequestException",
                "Invalid patch path  '/domainName' specified for op 'replace'. Must be one of:"
                " [/basePath, /restapiId, /stage]",
                400,
            ),
        ),
        (
            {"op": "add", "path": "/stage", "value": "dev"},
            (
                "BadRequestException",
                "Invalid patch path  '/stage' specified for op 'add'. "
                "Please choose supported operations",
                400,
            ),
        ),
        (
            replace("/stage", "prod"),
            ("BadRequestException", "Invalid stage identifier specified", 400),
        ),
        (
            replace("/restapiId", "nothere123"),
            ("BadRequestException", "Invalid REST API identifier specified", 400),
        ),
        (replace("/basePath", "taken"), EXISTS),
        (replace("/basePath", "a/b"), None),
    ],
)
def test_refused_updates_change_nothing(
    apigw: Any, api: PetsApi, operation: dict[str, str], error: tuple[str, str, int] | None
) -> None:
    mapping(apigw, api, basePath="taken")
    created = mapping(apigw, api, basePath="v1", stage="dev")
    if error is None:
        error = (
            "BadRequestException",
            "API Gateway V1 doesn't support the slash character (/) in base path mappings."
            " To create a multi-level base path mapping, use API Gateway V2.",
            400,
        )
    key = {"domainName": DOMAIN, "basePath": "v1"}
    with expect_error(apigw, *error):
        apigw.update_base_path_mapping(
            **key, patchOperations=[replace("/basePath", "v9"), operation]
        )
    assert body(apigw.get_base_path_mapping(**key)) == body(created)
    with expect_error(apigw, *MAPPING_NOT_FOUND):
        apigw.get_base_path_mapping(domainName=DOMAIN, basePath="v9")


def test_renaming_to_the_empty_base_path_beside_others(apigw: Any, api: PetsApi) -> None:
    mapping(apigw, api, basePath="a")
    mapping(apigw, api, basePath="b")
    with expect_error(apigw, *EMPTY_ALONE):
        apigw.update_base_path_mapping(
            domainName=DOMAIN, basePath="a", patchOperations=[replace("/basePath", "(none)")]
        )
    # The only mapping may become the empty one.
    apigw.delete_base_path_mapping(domainName=DOMAIN, basePath="b")
    renamed = apigw.update_base_path_mapping(
        domainName=DOMAIN, basePath="a", patchOperations=[replace("/basePath", "(none)")]
    )
    assert renamed["basePath"] == "(none)"


@pytest.mark.parametrize(
    "call", ["get_base_path_mapping", "delete_base_path_mapping", "update_base_path_mapping"]
)
def test_an_unknown_domain_is_an_unknown_mapping(apigw: Any, api: PetsApi, call: str) -> None:
    params: dict[str, Any] = {"domainName": "none.example.com", "basePath": "v1"}
    if call == "update_base_path_mapping":
        params["patchOperations"] = []
    with expect_error(apigw, *MAPPING_NOT_FOUND):
        getattr(apigw, call)(**params)
    with expect_error(apigw, *DOMAIN_NOT_FOUND):
        apigw.get_base_path_mappings(domainName="none.example.com")


def test_private_domain_mappings_need_the_domain_name_id(apigw: Any, api: PetsApi) -> None:
    created = apigw.create_domain_name(
        domainName="private.example.com",
        certificateArn=CERT,
        endpointConfiguration={"types": ["PRIVATE"]},
    )
    key = {"domainName": "private.example.com", "domainNameId": created["domainNameId"]}
    with expect_error(apigw, *DOMAIN_NOT_FOUND):
        apigw.create_base_path_mapping(
            domainName="private.example.com", restApiId=api.api_id, stage="dev"
        )
    made = apigw.create_base_path_mapping(**key, restApiId=api.api_id, stage="dev")
    assert body(made) == {"basePath": "(none)", "restApiId": api.api_id, "stage": "dev"}
    assert apigw.get_base_path_mappings(**key)["items"] == [body(made)]
    apigw.update_base_path_mapping(
        **key, basePath="(none)", patchOperations=[replace("/basePath", "p")]
    )
    assert apigw.get_base_path_mapping(**key, basePath="p")["basePath"] == "p"
    apigw.delete_base_path_mapping(**key, basePath="p")
    assert apigw.get_base_path_mappings(**key)["items"] == []


def test_a_mapped_rest_api_or_stage_cannot_be_deleted(apigw: Any, api: PetsApi) -> None:
    live = add_stage(apigw, api, "live")
    apigw.create_domain_name(domainName="b.example.com", certificateArn=CERT)
    mapping(apigw, api, basePath="v1", stage="dev")
    apigw.create_base_path_mapping(domainName="b.example.com", restApiId=api.api_id)
    message = (
        f"Deleting RestApi {api.api_id} failed. Please remove all base path mappings related to"
        f" the RestApi in your domains: {DOMAIN}, b.example.com"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.delete_rest_api(restApiId=api.api_id)
    message = (
        "Deleting Stage dev failed. Please remove all base path mappings related to the Stage"
        f" in your domains: {DOMAIN}"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.delete_stage(restApiId=api.api_id, stageName="dev")
    apigw.get_stage(restApiId=api.api_id, stageName="dev")

    # A stage no mapping names goes; so does the API once no mapping names it.
    apigw.delete_stage(restApiId=api.api_id, stageName=live.stage)
    apigw.delete_base_path_mapping(domainName=DOMAIN, basePath="v1")
    apigw.delete_stage(restApiId=api.api_id, stageName="dev")
    apigw.delete_domain_name(domainName="b.example.com")
    assert status(apigw.delete_rest_api(restApiId=api.api_id)) == 202


def test_a_deleted_domain_name_takes_its_mappings(apigw: Any, api: PetsApi) -> None:
    mapping(apigw, api, basePath="v1")
    apigw.delete_domain_name(domainName=DOMAIN)
    apigw.create_domain_name(domainName=DOMAIN, certificateArn=CERT)
    assert apigw.get_base_path_mappings(domainName=DOMAIN)["items"] == []
    apigw.delete_rest_api(restApiId=api.api_id)
