"""Stages: CreateStage's members, UpdateStage's paths as AWS reads them (method settings,
access logs, canaries and their promotion), and flushing a stage's caches."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from builders import ACCOUNT, add_method, body, pets_api, status

from support import expect_error

STAGE_NOT_FOUND = "Invalid stage identifier specified"
NO_DEPLOYMENT = "Deployment id does not exist"
PATHS = (
    "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId,"
    " /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format,"
    " /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace,"
    " /{resourcePath}/{httpMethod}/logging/loglevel,"
    " /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling"
    "/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds,"
    " /{resourcePath}/{httpMethod}/caching/enabled,"
    " /{resourcePath}/{httpMethod}/caching/dataEncrypted,"
    " /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl,"
    " /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy,"
    " /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel,"
    " /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds,"
    " /*/*/caching/enabled, /*/*/caching/dataEncrypted,"
    " /*/*/caching/requireAuthorizationForCacheControl,"
    " /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name},"
    " /tracingEnabled]"
)
ACCESS_LOG_PATHS = (
    "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn,"
    " /accessLogSettings/format]"
)
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:access"
ROLE = "arn:aws:iam::123456789012:role/apigw-logs"
DEFAULTS = {
    "metricsEnabled": False,
    "dataTraceEnabled": False,
    "throttlingBurstLimit": 5000,
    "throttlingRateLimit": 10000.0,
    "cachingEnabled": False,
    "cacheTtlInSeconds": 300,
    "cacheDataEncrypted": False,
    "requireAuthorizationForCacheControl": True,
    "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER",
}
T0 = datetime.datetime(2025, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)


def invalid_path(path: str) -> str:
    return f"Invalid method setting path: {path}. Must be one of: {PATHS}"


def no_setting(key: str) -> str:
    return f"Cannot remove method setting {key} because there is no method setting for this method "


def base(stage: dict[str, Any], **members: Any) -> dict[str, Any]:
    """A stage's members as AWS renders a plain one, plus ``members``."""
    out = {
        "deploymentId": stage["deploymentId"],
        "stageName": stage["stageName"],
        "cacheClusterEnabled": False,
        "cacheClusterStatus": "NOT_AVAILABLE",
        "methodSettings": {},
        "tracingEnabled": False,
        "createdDate": stage["createdDate"],
        "lastUpdatedDate": stage["lastUpdatedDate"],
    }
    out.update(members)
    return out


def root_get_api(apigw: Any) -> str:
    api = apigw.create_rest_api(name="stages")
    add_method(apigw, api["id"], api["rootResourceId"])
    return str(api["id"])


def patch(apigw: Any, api_id: str, stage: str, *ops: tuple[str, str, str | None]) -> Any:
    operations = []
    for op, path, value in ops:
        operation = {"op": op, "path": path}
        if value is not None:
            operation["value"] = value
        operations.append(operation)
    return apigw.update_stage(restApiId=api_id, stageName=stage, patchOperations=operations)


@pytest.fixture
def dev(apigw: Any) -> tuple[str, str]:
    """An API deployed by CreateDeployment, then staged as ``dev`` ("dev stage"): the recorded
    tests' starting point. (API id, deployment id.)"""
    api_id = root_get_api(apigw)
    deployment_id = str(apigw.create_deployment(restApiId=api_id)["id"])
    apigw.create_stage(
        restApiId=api_id, stageName="dev", deploymentId=deployment_id, description="dev stage"
    )
    return api_id, deployment_id


# -- CreateStage, GetStage(s) ------------------------------------------------------------------


def test_get_stages_filters_by_deployment(apigw: Any) -> None:
    """Recorded: two deployments, a stage each; the filter keeps each one's own."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id, stageName="stage1")["id"]
    second = apigw.create_deployment(restApiId=api_id, stageName="stage2")["id"]
    listed = apigw.get_stages(restApiId=api_id)["item"]
    assert [(s["stageName"], s["deploymentId"]) for s in listed] == [
        ("stage1", first),
        ("stage2", second),
    ]
    assert listed[0] == base(listed[0])
    for deployment_id, name in ((first, "stage1"), (second, "stage2")):
        only = apigw.get_stages(restApiId=api_id, deploymentId=deployment_id)
        assert [s["stageName"] for s in only["item"]] == [name]
    assert apigw.get_stages(restApiId=api_id, deploymentId="abc123")["item"] == []


def test_create_stage_with_every_member(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    deployment_id = apigw.create_deployment(restApiId=api_id)["id"]
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="v123")
    created = apigw.create_stage(
        restApiId=api_id,
        stageName="prod",
        deploymentId=deployment_id,
        description="production",
        cacheClusterEnabled=True,
        cacheClusterSize="13.5",
        variables={"table": "pets"},
        documentationVersion="v123",
        canarySettings={"percentTraffic": 5.5, "stageVariableOverrides": {"table": "pets2"}},
        tracingEnabled=True,
        tags={"env": "prod"},
    )
    assert status(created) == 201
    assert body(created) == base(
        created,
        description="production",
        cacheClusterEnabled=True,
        cacheClusterSize="13.5",
        cacheClusterStatus="AVAILABLE",
        variables={"table": "pets"},
        documentationVersion="v123",
        canarySettings={
            "deploymentId": deployment_id,
            "percentTraffic": 5.5,
            "stageVariableOverrides": {"table": "pets2"},
            "useStageCache": False,
        },
        tracingEnabled=True,
        tags={"env": "prod"},
    )
    assert body(apigw.get_stage(restApiId=api_id, stageName="prod")) == body(created)


def test_create_stage_cache_size_without_a_cache(apigw: Any) -> None:
    api_id = root_get_api(apigw)
    deployment_id = apigw.create_deployment(restApiId=api_id)["id"]
    created = apigw.create_stage(
        restApiId=api_id, stageName="a", deploymentId=deployment_id, cacheClusterSize="0.5"
    )
    assert created["cacheClusterSize"] == "0.5"
    assert (created["cacheClusterEnabled"], created["cacheClusterStatus"]) == (
        False,
        "NOT_AVAILABLE",
    )


def test_create_stage_refuses(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, deployment_id = dev
    with expect_error(apigw, "NotFoundException", "Invalid Documentation version specified", 404):
        apigw.create_stage(
            restApiId=api_id, stageName="a", deploymentId=deployment_id, documentationVersion="v9"
        )
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid stage variable name: a-b.  Please use names with only word characters.",
        400,
    ):
        apigw.create_stage(
            restApiId=api_id, stageName="a", deploymentId=deployment_id, variables={"a-b": "1"}
        )
    with expect_error(
        apigw,
        "ValidationException",
        "1 validation error detected: Value '2' at 'createStageInput.cacheClusterSize' failed to"
        " satisfy constraint: Member must satisfy enum value set: [0.5, 1.6, 6.1, 13.5, 28.4,"
        " 58.2, 118, 237]",
        400,
    ):
        apigw.create_stage(
            restApiId=api_id, stageName="a", deploymentId=deployment_id, cacheClusterSize="2"
        )
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nosuchapi1",
        404,
    ):
        apigw.create_stage(restApiId="nosuchapi1", stageName="a", deploymentId=deployment_id)
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]] == ["dev"]


# -- UpdateStage: the stage's own members --------------------------------------------------------


def test_paths_that_are_not_the_stages(apigw: Any, dev: tuple[str, str]) -> None:
    """Recorded: a member that cannot be patched, or a tag, is no method setting path."""
    api_id, _ = dev
    for path in ("/documentation_version", "/tags/tag1", "/webAclArn", "/name"):
        with expect_error(apigw, "BadRequestException", invalid_path(path), 400):
            patch(apigw, api_id, "dev", ("replace", path, "123"))


def test_update_members_and_method_settings(apigw: Any, dev: tuple[str, str]) -> None:
    """Recorded: one call sets the description, variables, tracing and method settings; a key's
    first setting copies ``*/*``; a later ``*/*`` change leaves other keys alone."""
    api_id, _ = dev
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="v123")
    updated = patch(
        apigw,
        api_id,
        "dev",
        ("replace", "/documentationVersion", "v123"),
        ("replace", "/description", "stage new"),
        ("replace", "/variables/var1", "test"),
        ("replace", "/variables/var2", "test2"),
        ("replace", "/*/*/throttling/burstLimit", "123"),
        ("replace", "/*/*/caching/enabled", "true"),
        ("replace", "/tracingEnabled", "true"),
        ("replace", "/test/GET/throttling/burstLimit", "124"),
    )
    assert status(updated) == 200
    settings = {
        "*/*": {**DEFAULTS, "cachingEnabled": True, "throttlingBurstLimit": 123},
        "test/GET": {**DEFAULTS, "cachingEnabled": True, "throttlingBurstLimit": 124},
    }
    assert body(updated) == base(
        updated,
        description="stage new",
        documentationVersion="v123",
        methodSettings=settings,
        tracingEnabled=True,
        variables={"var1": "test", "var2": "test2"},
    )
    assert body(apigw.get_stage(restApiId=api_id, stageName="dev")) == body(updated)
    again = patch(apigw, api_id, "dev", ("replace", "/*/*/throttling/burstLimit", "100"))
    assert again["methodSettings"]["*/*"]["throttlingBurstLimit"] == 100
    assert again["methodSettings"]["test/GET"] == settings["test/GET"]


def test_remove_wildcard_method_settings(apigw: Any, dev: tuple[str, str]) -> None:
    """Recorded: removing ``/*/*`` fails until there is such a setting, then clears it."""
    api_id, _ = dev
    with expect_error(apigw, "BadRequestException", no_setting("*/*"), 400):
        patch(apigw, api_id, "dev", ("remove", "/*/*", None))
    made = patch(apigw, api_id, "dev", ("replace", "/*/*/caching/enabled", "true"))
    assert made["methodSettings"] == {"*/*": {**DEFAULTS, "cachingEnabled": True}}
    cleared = patch(apigw, api_id, "dev", ("remove", "/*/*", None))
    assert cleared["methodSettings"] == {}
    assert apigw.get_stage(restApiId=api_id, stageName="dev")["methodSettings"] == {}


def test_method_setting_keys_are_the_path_as_written(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    updated = patch(
        apigw,
        api_id,
        "dev",
        ("replace", "/~1pets~1{id}/GET/logging/dataTrace", "false"),
        ("replace", "/pets/items/POST/metrics/enabled", "TRUE"),
        ("replace", "/*/*/throttling/rateLimit", "2.5"),
        ("replace", "/*/*/caching/ttlInSeconds", "3600"),
        ("replace", "/*/*/caching/dataEncrypted", "true"),
        ("replace", "/*/*/caching/requireAuthorizationForCacheControl", "false"),
        ("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403"),
        ("replace", "/*/*/throttling/burstLimit", "-1"),
    )
    settings = updated["methodSettings"]
    assert settings["~1pets~1{id}/GET"] == DEFAULTS
    assert settings["pets/items/POST"] == {**DEFAULTS, "metricsEnabled": True}
    assert settings["*/*"] == {
        **DEFAULTS,
        "throttlingRateLimit": 2.5,
        "throttlingBurstLimit": -1,
        "cacheTtlInSeconds": 3600,
        "cacheDataEncrypted": True,
        "requireAuthorizationForCacheControl": False,
        "unauthorizedCacheControlHeaderStrategy": "FAIL_WITH_403",
    }
    assert isinstance(settings["*/*"]["throttlingRateLimit"], float)
    removed = patch(apigw, api_id, "dev", ("remove", "/~1pets~1{id}/GET", None))
    assert set(removed["methodSettings"]) == {"pets/items/POST", "*/*"}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("/*/*/throttling/burstLimit", "ten", "Invalid value 'ten' specified for {path}"),
        ("/*/*/throttling/rateLimit", "fast", "Invalid value 'fast' specified for {path}"),
        (
            "/*/*/caching/ttlInSeconds",
            "3601",
            "Invalid cache TTL specified: 3601. Must be between 0 and 3600 seconds",
        ),
        (
            "/*/*/logging/loglevel",
            "DEBUG",
            "Invalid logging level specified: DEBUG. Valid options are OFF,ERROR,INFO",
        ),
        (
            "/*/*/caching/unauthorizedCacheControlHeaderStrategy",
            "IGNORE",
            "Invalid unauthorized cache control header strategy specified: IGNORE. Valid options"
            " are FAIL_WITH_403,SUCCEED_WITH_RESPONSE_HEADER,SUCCEED_WITHOUT_RESPONSE_HEADER",
        ),
        ("/pets/metrics/enabled", "true", None),
        ("/*/*/metrics/disabled", "true", None),
    ],
)
def test_method_setting_values(
    apigw: Any, dev: tuple[str, str], path: str, value: str, message: str | None
) -> None:
    api_id, _ = dev
    shown = invalid_path(path) if message is None else message.format(path=path)
    with expect_error(apigw, "BadRequestException", shown, 400):
        patch(
            apigw,
            api_id,
            "dev",
            ("replace", "/*/*/metrics/enabled", "true"),
            ("replace", path, value),
        )
    assert apigw.get_stage(restApiId=api_id, stageName="dev")["methodSettings"] == {}


def test_logging_needs_the_accounts_cloudwatch_role(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    with expect_error(
        apigw,
        "BadRequestException",
        "CloudWatch Logs role ARN must be set in account settings to enable logging",
        400,
    ):
        patch(apigw, api_id, "dev", ("replace", "/*/*/logging/loglevel", "INFO"))
    off = patch(apigw, api_id, "dev", ("replace", "/*/*/logging/loglevel", "OFF"))
    assert off["methodSettings"]["*/*"] == {**DEFAULTS, "loggingLevel": "OFF"}
    apigw.update_account(
        patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": ROLE}]
    )
    on = patch(apigw, api_id, "dev", ("replace", "/*/*/logging/loglevel", "ERROR"))
    assert on["methodSettings"]["*/*"]["loggingLevel"] == "ERROR"


def test_deployment_and_description(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, first = dev
    second = apigw.create_deployment(restApiId=api_id)["id"]
    moved = patch(apigw, api_id, "dev", ("replace", "/deploymentId", second))
    assert moved["deploymentId"] == second
    with expect_error(apigw, "BadRequestException", NO_DEPLOYMENT, 400):
        patch(apigw, api_id, "dev", ("replace", "/deploymentId", "abc123"))
    cleared = patch(apigw, api_id, "dev", ("replace", "/description", ""))
    assert "description" not in cleared
    apigw.delete_deployment(restApiId=api_id, deploymentId=first)


def test_cache_cluster(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    on = patch(apigw, api_id, "dev", ("replace", "/cacheClusterEnabled", "true"))
    assert (on["cacheClusterEnabled"], on["cacheClusterSize"], on["cacheClusterStatus"]) == (
        True,
        "0.5",
        "AVAILABLE",
    )
    bigger = patch(apigw, api_id, "dev", ("replace", "/cacheClusterSize", "237"))
    assert bigger["cacheClusterSize"] == "237"
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid cache cluster size specified: 1. Valid sizes are [0.5, 1.6, 6.1, 13.5, 28.4,"
        " 58.2, 118, 237]",
        400,
    ):
        patch(apigw, api_id, "dev", ("replace", "/cacheClusterSize", "1"))
    off = patch(apigw, api_id, "dev", ("replace", "/cacheClusterEnabled", "false"))
    assert (off["cacheClusterEnabled"], off["cacheClusterSize"], off["cacheClusterStatus"]) == (
        False,
        "237",
        "NOT_AVAILABLE",
    )


def test_an_unknown_client_certificate_is_refused(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    with expect_error(
        apigw, "NotFoundException", "Invalid Client Certificate identifier specified", 404
    ):
        patch(apigw, api_id, "dev", ("replace", "/clientCertificateId", "abc123"))
    none = patch(apigw, api_id, "dev", ("replace", "/clientCertificateId", ""))
    assert "clientCertificateId" not in none


def test_documentation_version(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    with expect_error(apigw, "NotFoundException", "Invalid Documentation version specified", 404):
        patch(apigw, api_id, "dev", ("replace", "/documentationVersion", "v1"))
    apigw.create_documentation_version(restApiId=api_id, documentationVersion="v1")
    published = patch(apigw, api_id, "dev", ("replace", "/documentationVersion", "v1"))
    assert published["documentationVersion"] == "v1"
    unpublished = patch(apigw, api_id, "dev", ("replace", "/documentationVersion", ""))
    assert "documentationVersion" not in unpublished


def test_variables(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    added = patch(
        apigw,
        api_id,
        "dev",
        ("add", "/variables/a", "1"),
        ("replace", "/variables/b", "2"),
        ("replace", "/variables/a", "3"),
    )
    assert added["variables"] == {"a": "3", "b": "2"}
    removed = patch(
        apigw, api_id, "dev", ("remove", "/variables/a", None), ("remove", "/variables/zz", None)
    )
    assert removed["variables"] == {"b": "2"}
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid stage variable name: owner:env.  Please use names with only word characters.",
        400,
    ):
        patch(apigw, api_id, "dev", ("replace", "/variables/owner:env", "dev"))
    gone = patch(apigw, api_id, "dev", ("remove", "/variables/b", None))
    assert "variables" not in gone


@pytest.mark.parametrize(
    ("op", "path", "message"),
    [
        ("add", "/description", "Invalid add operation with path: /description"),
        ("add", "/*/*/metrics/enabled", "Invalid add operation with path: /*/*/metrics/enabled"),
        ("move", "/description", "Invalid move operation with path: /description"),
        ("test", "/variables/a", "Invalid test operation with path: /variables/a"),
        ("remove", "/description", no_setting("description")),
    ],
)
def test_ops_the_paths_do_not_take(
    apigw: Any, dev: tuple[str, str], op: str, path: str, message: str
) -> None:
    api_id, _ = dev
    with expect_error(apigw, "BadRequestException", message, 400):
        patch(apigw, api_id, "dev", (op, path, "x"))


def test_a_failed_update_changes_nothing_and_a_good_one_is_dated(
    apigw: Any, dev: tuple[str, str]
) -> None:
    api_id, _ = dev
    before = apigw.get_stage(restApiId=api_id, stageName="dev")
    with expect_error(apigw, "BadRequestException", invalid_path("/nope"), 400):
        patch(
            apigw,
            api_id,
            "dev",
            ("replace", "/description", "changed"),
            ("replace", "/variables/a", "1"),
            ("replace", "/*/*/metrics/enabled", "true"),
            ("replace", "/nope", "x"),
        )
    assert body(apigw.get_stage(restApiId=api_id, stageName="dev")) == body(before)
    with time_machine.travel(T0, tick=False):
        updated = patch(apigw, api_id, "dev", ("replace", "/description", "changed"))
    assert updated["lastUpdatedDate"] == T0
    assert updated["createdDate"] == before["createdDate"]


def test_update_an_unknown_stage(apigw: Any, dev: tuple[str, str]) -> None:
    api_id, _ = dev
    with expect_error(apigw, "NotFoundException", STAGE_NOT_FOUND, 404):
        patch(apigw, api_id, "prod", ("replace", "/description", "x"))
    with expect_error(
        apigw, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:nosuchapi1", 404
    ):
        patch(apigw, "nosuchapi1", "dev", ("replace", "/description", "x"))


# -- UpdateStage: access log settings ----------------------------------------------------------


def test_access_log_settings(apigw: Any, dev: tuple[str, str]) -> None:
    """Recorded: add and replace the destination, add a format, remove them all."""
    api_id, _ = dev
    added = patch(apigw, api_id, "dev", ("add", "/accessLogSettings/destinationArn", LOG_GROUP))
    assert body(added) == base(
        added, description="dev stage", accessLogSettings={"destinationArn": LOG_GROUP}
    )
    replaced = patch(
        apigw, api_id, "dev", ("replace", "/accessLogSettings/destinationArn", LOG_GROUP + "a")
    )
    assert replaced["accessLogSettings"] == {"destinationArn": LOG_GROUP + "a"}
    fmt = "$context.requestId $context.identity.sourceIp"
    formatted = patch(apigw, api_id, "dev", ("add", "/accessLogSettings/format", fmt))
    assert formatted["accessLogSettings"] == {"destinationArn": LOG_GROUP + "a", "format": fmt}
    removed = patch(apigw, api_id, "dev", ("remove", "/accessLogSettings", None))
    assert body(removed) == base(removed, description="dev stage")


def test_access_log_settings_validation(apigw: Any, dev: tuple[str, str]) -> None:
    """Recorded: the messages for unknown access log paths, per op, and for empty values."""
    api_id, _ = dev
    for path in ("/accessLogSettings/randomValue", "/accessLogSettings/*"):
        for op in ("add", "replace"):
            with expect_error(apigw, "BadRequestException", ACCESS_LOG_PATHS, 400):
                patch(apigw, api_id, "dev", (op, path, "updated"))
        with expect_error(apigw, "BadRequestException", no_setting(path[1:]), 400):
            patch(apigw, api_id, "dev", ("remove", path, "updated"))
    for op in ("add", "replace"):
        with expect_error(apigw, "BadRequestException", ACCESS_LOG_PATHS, 400):
            patch(apigw, api_id, "dev", (op, "/accessLogSettings", "test"))
    patch(apigw, api_id, "dev", ("add", "/accessLogSettings/destinationArn", LOG_GROUP))
    for member in ("destinationArn", "format"):
        with expect_error(apigw, "BadRequestException", "Access Log value must not be empty", 400):
            patch(apigw, api_id, "dev", ("replace", f"/accessLogSettings/{member}", ""))
    with expect_error(
        apigw, "BadRequestException", no_setting("accessLogSettings/destinationArn"), 400
    ):
        patch(apigw, api_id, "dev", ("remove", "/accessLogSettings/destinationArn", None))
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert stage["accessLogSettings"] == {"destinationArn": LOG_GROUP}


# -- UpdateStage: canaries ----------------------------------------------------------------------


def test_canary_overrides_and_removal(apigw: Any) -> None:
    """Recorded: a stage made with a canary of another deployment; an override replaced; the
    canary removed."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id)["id"]
    second = apigw.create_deployment(restApiId=api_id)["id"]
    created = apigw.create_stage(
        restApiId=api_id,
        stageName="dev",
        deploymentId=first,
        description="dev stage",
        variables={"testVar": "default"},
        canarySettings={
            "deploymentId": second,
            "percentTraffic": 50,
            "stageVariableOverrides": {"testVar": "canary"},
        },
    )
    canary = {
        "deploymentId": second,
        "percentTraffic": 50.0,
        "stageVariableOverrides": {"testVar": "canary"},
        "useStageCache": False,
    }
    assert body(created) == base(
        created, description="dev stage", variables={"testVar": "default"}, canarySettings=canary
    )
    overridden = patch(
        apigw,
        api_id,
        "dev",
        ("replace", "/canarySettings/stageVariableOverrides/testVar", "updated"),
    )
    assert overridden["canarySettings"] == {
        **canary,
        "stageVariableOverrides": {"testVar": "updated"},
    }
    removed = patch(apigw, api_id, "dev", ("remove", "/canarySettings", None))
    assert body(removed) == base(removed, description="dev stage", variables={"testVar": "default"})
    assert body(apigw.get_stage(restApiId=api_id, stageName="dev")) == body(removed)


def test_a_canary_made_by_an_update(apigw: Any) -> None:
    """Recorded: replacing the canary's deployment, or its traffic, on a stage without a canary
    makes one, of the stage's deployment unless named, with no traffic unless given."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(restApiId=api_id)["id"]
    second = apigw.create_deployment(restApiId=api_id)["id"]
    apigw.create_stage(restApiId=api_id, stageName="dev", deploymentId=first)
    made = patch(apigw, api_id, "dev", ("replace", "/canarySettings/deploymentId", second))
    assert made["canarySettings"] == {
        "deploymentId": second,
        "percentTraffic": 0.0,
        "useStageCache": False,
    }
    patch(apigw, api_id, "dev", ("remove", "/canarySettings", None))
    again = patch(apigw, api_id, "dev", ("replace", "/canarySettings/percentTraffic", "50"))
    assert again["canarySettings"] == {
        "deploymentId": first,
        "percentTraffic": 50.0,
        "useStageCache": False,
    }
    cached = patch(
        apigw,
        api_id,
        "dev",
        ("replace", "/canarySettings/useStageCache", "true"),
        ("replace", "/canarySettings/stageVariableOverrides/x", "1"),
        ("replace", "/canarySettings/stageVariableOverrides/y", "2"),
        ("remove", "/canarySettings/stageVariableOverrides/x", None),
    )
    assert cached["canarySettings"] == {
        "deploymentId": first,
        "percentTraffic": 50.0,
        "stageVariableOverrides": {"y": "2"},
        "useStageCache": True,
    }
    last = patch(apigw, api_id, "dev", ("remove", "/canarySettings/stageVariableOverrides/y", None))
    assert "stageVariableOverrides" not in last["canarySettings"]


def test_canary_update_validation(apigw: Any) -> None:
    """Recorded: what UpdateStage answers for canary paths it does not take."""
    api_id = root_get_api(apigw)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    apigw.create_deployment(
        restApiId=api_id,
        stageName="dev",
        canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"testVar": "canary"}},
    )
    for path in ("/canarySettings/stageVariableOverrides", "/canarySettings/badPath"):
        with expect_error(apigw, "BadRequestException", no_setting(path[1:]), 400):
            patch(apigw, api_id, "dev", ("remove", path, None))
    for path in ("/canarySettings", "/canarySettings/badPath"):
        with expect_error(apigw, "BadRequestException", invalid_path(path), 400):
            patch(apigw, api_id, "dev", ("replace", path, "test"))
    second = apigw.create_deployment(restApiId=api_id, stageName="dev2")["id"]
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid add operation with path: /canarySettings/deploymentId",
        400,
    ):
        patch(apigw, api_id, "dev2", ("add", "/canarySettings/deploymentId", second))
    with expect_error(apigw, "BadRequestException", NO_DEPLOYMENT, 400):
        patch(apigw, api_id, "dev2", ("replace", "/canarySettings/deploymentId", "deploy"))
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid percentTraffic specified: 101. Must be between 0.0 and 100.0",
        400,
    ):
        patch(apigw, api_id, "dev2", ("replace", "/canarySettings/percentTraffic", "101"))
    assert "canarySettings" not in apigw.get_stage(restApiId=api_id, stageName="dev2")


def test_promoting_a_canary(apigw: Any) -> None:
    """Recorded: ``copy`` takes only the canary's deployment and overrides, and only when there
    is a canary (one made earlier in the same call counts); promotion keeps the canary."""
    api_id = root_get_api(apigw)
    first = apigw.create_deployment(
        restApiId=api_id, stageName="dev", variables={"testVar": "test", "testVar2": "test2"}
    )["id"]
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid copy operation with path: /canarySettings/stageVariableOverrides and from"
        " /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are"
        " [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]",
        400,
    ):
        apigw.update_stage(
            restApiId=api_id,
            stageName="dev",
            patchOperations=[
                {
                    "op": "copy",
                    "path": "/canarySettings/stageVariableOverrides",
                    "from": "/variables",
                },
                {"op": "copy", "path": "/canarySettings/deploymentId", "from": "/deploymentId"},
            ],
        )
    promote = [
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"},
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
    ]
    with expect_error(
        apigw, "BadRequestException", "Promotion not available. Canary does not exist.", 400
    ):
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=promote)
    zero = {"op": "replace", "value": "0.0", "path": "/canarySettings/percentTraffic"}
    promoted = apigw.update_stage(
        restApiId=api_id, stageName="dev", patchOperations=[zero, *promote[::-1]]
    )
    variables = {"testVar": "test", "testVar2": "test2"}
    assert body(promoted) == base(
        promoted,
        canarySettings={"deploymentId": first, "percentTraffic": 0.0, "useStageCache": False},
        variables=variables,
    )
    canary = apigw.create_deployment(
        restApiId=api_id,
        stageName="dev",
        canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"testVar": "override"}},
    )["id"]
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert (stage["deploymentId"], stage["canarySettings"]["deploymentId"]) == (first, canary)
    promoted = apigw.update_stage(
        restApiId=api_id, stageName="dev", patchOperations=[zero, *promote[::-1]]
    )
    assert body(promoted) == base(
        promoted,
        deploymentId=canary,
        canarySettings={
            "deploymentId": canary,
            "percentTraffic": 0.0,
            "stageVariableOverrides": {"testVar": "override"},
            "useStageCache": False,
        },
        variables={"testVar": "override", "testVar2": "test2"},
    )


# -- FlushStageCache, FlushStageAuthorizersCache, DeleteStage ------------------------------------


@pytest.mark.parametrize("flush", ["flush_stage_cache", "flush_stage_authorizers_cache"])
def test_flushing_a_stages_caches(apigw: Any, flush: str) -> None:
    api = pets_api(apigw)
    flushed = getattr(apigw, flush)(restApiId=api.api_id, stageName="dev")
    assert status(flushed) == 202
    assert body(flushed) == {}
    with expect_error(apigw, "NotFoundException", STAGE_NOT_FOUND, 404):
        getattr(apigw, flush)(restApiId=api.api_id, stageName="prod")
    with expect_error(
        apigw, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:nosuchapi1", 404
    ):
        getattr(apigw, flush)(restApiId="nosuchapi1", stageName="dev")


def test_deleting_a_stage_leaves_plans_and_keys(apigw: Any) -> None:
    api = pets_api(apigw)
    key = apigw.create_api_key(name="k", stageKeys=[{"restApiId": api.api_id, "stageName": "dev"}])
    plan = apigw.create_usage_plan(name="p", apiStages=[api.api_stage])
    apigw.delete_stage(restApiId=api.api_id, stageName="dev")
    assert apigw.get_usage_plan(usagePlanId=plan["id"])["apiStages"] == []
    assert apigw.get_api_key(apiKey=key["id"])["stageKeys"] == []
