"""API caches: one per GraphQL API; create, get, update (by the whole), flush, delete."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from support import expect_error

SETTINGS = {"ttl": 300, "apiCachingBehavior": "FULL_REQUEST_CACHING", "type": "SMALL"}


@pytest.fixture
def api_id(appsync: Any) -> str:
    api = appsync.create_graphql_api(name="cached", authenticationType="API_KEY")
    return str(api["graphqlApi"]["apiId"])


def test_create_answers_creating_and_get_finds_it_available(appsync: Any, api_id: str) -> None:
    created = appsync.create_api_cache(apiId=api_id, **SETTINGS)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    expected = {
        "ttl": 300,
        "apiCachingBehavior": "FULL_REQUEST_CACHING",
        "transitEncryptionEnabled": True,
        "atRestEncryptionEnabled": True,
        "type": "SMALL",
        "status": "CREATING",
        "healthMetricsConfig": "DISABLED",
    }
    assert created["apiCache"] == expected
    assert type(created["apiCache"]["ttl"]) is int
    assert appsync.get_api_cache(apiId=api_id)["apiCache"] == {**expected, "status": "AVAILABLE"}


def test_a_wait_for_available_ends_at_its_first_poll_under_frozen_time(
    appsync: Any, api_id: str
) -> None:
    moment = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
    with time_machine.travel(moment, tick=False):
        appsync.create_api_cache(apiId=api_id, **SETTINGS)
        assert appsync.get_api_cache(apiId=api_id)["apiCache"]["status"] == "AVAILABLE"
        updated = appsync.update_api_cache(apiId=api_id, **{**SETTINGS, "ttl": 60})
        assert updated["apiCache"]["status"] == "MODIFYING"
        assert appsync.get_api_cache(apiId=api_id)["apiCache"]["status"] == "AVAILABLE"


def test_every_setting_is_kept(appsync: Any, api_id: str) -> None:
    created = appsync.create_api_cache(
        apiId=api_id,
        ttl=3600,
        apiCachingBehavior="OPERATION_LEVEL_CACHING",
        type="LARGE_12X",
        healthMetricsConfig="ENABLED",
    )["apiCache"]
    assert (created["ttl"], created["apiCachingBehavior"], created["type"]) == (
        3600,
        "OPERATION_LEVEL_CACHING",
        "LARGE_12X",
    )
    assert created["healthMetricsConfig"] == "ENABLED"


def test_encryption_is_always_on(appsync: Any, api_id: str) -> None:
    created = appsync.create_api_cache(
        apiId=api_id, transitEncryptionEnabled=False, atRestEncryptionEnabled=False, **SETTINGS
    )["apiCache"]
    assert created["transitEncryptionEnabled"] is True
    assert created["atRestEncryptionEnabled"] is True


def test_legacy_instance_types_are_taken(appsync: Any, api_id: str) -> None:
    created = appsync.create_api_cache(apiId=api_id, **{**SETTINGS, "type": "T2_SMALL"})
    assert created["apiCache"]["type"] == "T2_SMALL"


def test_update_takes_every_setting_again(appsync: Any, api_id: str) -> None:
    appsync.create_api_cache(apiId=api_id, healthMetricsConfig="ENABLED", **SETTINGS)
    updated = appsync.update_api_cache(
        apiId=api_id, ttl=30, apiCachingBehavior="PER_RESOLVER_CACHING", type="MEDIUM"
    )["apiCache"]
    assert updated == {
        "ttl": 30,
        "apiCachingBehavior": "PER_RESOLVER_CACHING",
        "transitEncryptionEnabled": True,
        "atRestEncryptionEnabled": True,
        "type": "MEDIUM",
        "status": "MODIFYING",
        # Left out, so back to its default.
        "healthMetricsConfig": "DISABLED",
    }
    assert appsync.get_api_cache(apiId=api_id)["apiCache"] == {**updated, "status": "AVAILABLE"}


def test_a_second_cache_is_refused(appsync: Any, api_id: str) -> None:
    appsync.create_api_cache(apiId=api_id, **SETTINGS)
    with expect_error(appsync, "BadRequestException", "The API has already enabled caching.", 400):
        appsync.create_api_cache(apiId=api_id, **{**SETTINGS, "ttl": 5})
    assert appsync.get_api_cache(apiId=api_id)["apiCache"]["ttl"] == 300


@pytest.mark.parametrize("ttl", [0, 3601, -1])
def test_ttl_is_one_to_3600_seconds(appsync: Any, api_id: str, ttl: int) -> None:
    message = "Caching TTL must be between 1 and 3600 seconds."
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.create_api_cache(apiId=api_id, **{**SETTINGS, "ttl": ttl})
    with expect_error(appsync, "NotFoundException", cache_missing("get"), 404):
        appsync.get_api_cache(apiId=api_id)
    appsync.create_api_cache(apiId=api_id, **{**SETTINGS, "ttl": 1})
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.update_api_cache(apiId=api_id, **{**SETTINGS, "ttl": ttl})
    assert appsync.get_api_cache(apiId=api_id)["apiCache"]["ttl"] == 1


def cache_missing(action: str) -> str:
    return f"Unable to {action} the cache as it doesn't exist, please create the cache first."


def test_an_api_without_a_cache(appsync: Any, api_id: str) -> None:
    with expect_error(appsync, "NotFoundException", cache_missing("get"), 404):
        appsync.get_api_cache(apiId=api_id)
    with expect_error(appsync, "NotFoundException", cache_missing("update"), 404):
        appsync.update_api_cache(apiId=api_id, **SETTINGS)
    with expect_error(appsync, "NotFoundException", cache_missing("delete"), 404):
        appsync.delete_api_cache(apiId=api_id)
    with expect_error(appsync, "NotFoundException", cache_missing("flush"), 404):
        appsync.flush_api_cache(apiId=api_id)


def test_flush_and_delete(appsync: Any, api_id: str) -> None:
    appsync.create_api_cache(apiId=api_id, **SETTINGS)
    assert set(appsync.flush_api_cache(apiId=api_id)) == {"ResponseMetadata"}
    assert appsync.get_api_cache(apiId=api_id)["apiCache"]["status"] == "AVAILABLE"
    assert set(appsync.delete_api_cache(apiId=api_id)) == {"ResponseMetadata"}
    with expect_error(appsync, "NotFoundException", cache_missing("get"), 404):
        appsync.get_api_cache(apiId=api_id)
    # A new cache can be made once the old one is gone.
    assert appsync.create_api_cache(apiId=api_id, **SETTINGS)["apiCache"]["status"] == "CREATING"


def test_an_unknown_api_is_the_api_404(appsync: Any) -> None:
    message = "GraphQL API missing not found."
    for call in (
        lambda: appsync.create_api_cache(apiId="missing", **SETTINGS),
        lambda: appsync.get_api_cache(apiId="missing"),
        lambda: appsync.update_api_cache(apiId="missing", **SETTINGS),
        lambda: appsync.delete_api_cache(apiId="missing"),
        lambda: appsync.flush_api_cache(apiId="missing"),
    ):
        with expect_error(appsync, "NotFoundException", message, 404):
            call()


def test_deleting_the_api_deletes_its_cache(appsync: Any, api_id: str) -> None:
    appsync.create_api_cache(apiId=api_id, **SETTINGS)
    appsync.delete_graphql_api(apiId=api_id)
    with expect_error(appsync, "NotFoundException", f"GraphQL API {api_id} not found.", 404):
        appsync.get_api_cache(apiId=api_id)


def test_the_service_checks_the_enums(unvalidated: Any) -> None:
    api_id = unvalidated.create_graphql_api(name="a", authenticationType="API_KEY")["graphqlApi"][
        "apiId"
    ]
    message = (
        "1 validation error detected: Value 'HUGE' at 'createApiCacheInput.type' failed to"
        " satisfy constraint: Member must satisfy enum value set: [T2_SMALL, T2_MEDIUM,"
        " R4_LARGE, R4_XLARGE, R4_2XLARGE, R4_4XLARGE, R4_8XLARGE, SMALL, MEDIUM, LARGE, XLARGE,"
        " LARGE_2X, LARGE_4X, LARGE_8X, LARGE_12X]"
    )
    with expect_error(unvalidated, "BadRequestException", message, 400):
        unvalidated.create_api_cache(apiId=api_id, **{**SETTINGS, "type": "HUGE"})
