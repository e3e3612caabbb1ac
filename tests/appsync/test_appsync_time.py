"""API key expiry under controlled time: freezegun (frozen, ticking) and time-machine (travel,
shift). Each test follows a key past ``expires`` (still listed, still updatable) and then past
``deletes`` (gone from every operation)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from appsync_support import DAY, T0, T0_EPOCH, error_of, floor_hour
from freezegun import freeze_time

import mockway

EXPIRES = floor_hour(T0_EPOCH + 7 * DAY)
DELETES = EXPIRES + 60 * DAY


def at(epoch_seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch_seconds, datetime.timezone.utc)


def assert_listed(appsync: Any, api_id: str, key: dict[str, Any]) -> None:
    assert appsync.list_api_keys(apiId=api_id)["apiKeys"] == [key]


def assert_gone(appsync: Any, api_id: str, key_id: str) -> None:
    listed = appsync.list_api_keys(apiId=api_id)["apiKeys"]
    assert key_id not in [k["id"] for k in listed]
    message = f"API key not found: {key_id}"
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        appsync.update_api_key(apiId=api_id, id=key_id, description="too late")
    assert error_of(excinfo) == ("NotFoundException", message, 404)
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        appsync.delete_api_key(apiId=api_id, id=key_id)
    assert error_of(excinfo)[1] == message


def test_freezegun_frozen(appsync: Any, api_id: str, mockway: mockway.Handle) -> None:
    with freeze_time(T0) as frozen:
        key = appsync.create_api_key(apiId=api_id, description="k")["apiKey"]
        assert (key["expires"], key["deletes"]) == (EXPIRES, DELETES)

        frozen.move_to(at(EXPIRES + 1))
        assert mockway.appsync().api_keys(api_id)[0].expired()
        assert_listed(appsync, api_id, key)
        updated = appsync.update_api_key(apiId=api_id, id=key["id"], description="still here")
        assert updated["apiKey"] == {**key, "description": "still here"}

        frozen.move_to(at(DELETES))
        assert_listed(appsync, api_id, updated["apiKey"])

        frozen.tick(datetime.timedelta(seconds=1))
        assert_gone(appsync, api_id, key["id"])
        assert mockway.appsync().api_keys(api_id) == ()


def test_freezegun_ticking(appsync: Any, api_id: str) -> None:
    with freeze_time(T0, tick=True) as ticking:
        key = appsync.create_api_key(apiId=api_id)["apiKey"]
        assert key["expires"] == EXPIRES
        second = appsync.create_api_key(apiId=api_id)["apiKey"]
        assert second["expires"] == EXPIRES

        ticking.tick(datetime.timedelta(days=8))
        assert [k["id"] for k in appsync.list_api_keys(apiId=api_id)["apiKeys"]] == [
            key["id"],
            second["id"],
        ]
        # The clock moves on by itself: "now" is read at each call.
        target = T0_EPOCH + 8 * DAY + 30 * DAY
        renewed = appsync.update_api_key(apiId=api_id, id=second["id"], expires=target)["apiKey"]
        assert renewed["expires"] == floor_hour(target)

        ticking.tick(datetime.timedelta(days=60))
        assert [k["id"] for k in appsync.list_api_keys(apiId=api_id)["apiKeys"]] == [second["id"]]
        assert_gone(appsync, api_id, key["id"])


def test_time_machine_travel(appsync: Any, api_id: str) -> None:
    with time_machine.travel(T0, tick=False):
        key = appsync.create_api_key(apiId=api_id)["apiKey"]
        assert (key["expires"], key["deletes"]) == (EXPIRES, DELETES)

    with time_machine.travel(at(EXPIRES + 3600), tick=False):
        assert_listed(appsync, api_id, key)
        # Re-extending with the old expiry is refused: it is in the past now.
        with pytest.raises(appsync.exceptions.ApiKeyValidityOutOfBoundsException) as excinfo:
            appsync.update_api_key(apiId=api_id, id=key["id"], expires=key["expires"])
        assert error_of(excinfo)[1] == "API key must be valid for a minimum of 1 days."

    with time_machine.travel(at(DELETES + 1), tick=False):
        assert_gone(appsync, api_id, key["id"])


def test_time_machine_shift_and_re_extension(appsync: Any, api_id: str) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        key = appsync.create_api_key(apiId=api_id)["apiKey"]

        traveller.shift(datetime.timedelta(days=30))
        now = T0_EPOCH + 30 * DAY
        assert_listed(appsync, api_id, key)
        renewed = appsync.update_api_key(apiId=api_id, id=key["id"], expires=now + 10 * DAY)
        assert renewed["apiKey"]["expires"] == floor_hour(now + 10 * DAY)
        assert renewed["apiKey"]["deletes"] == floor_hour(now + 10 * DAY) + 60 * DAY

        # Past the old deletes time, the re-extended key lives on.
        traveller.shift(datetime.timedelta(days=40))
        assert DELETES < T0_EPOCH + 70 * DAY
        assert_listed(appsync, api_id, renewed["apiKey"])

        traveller.shift(datetime.timedelta(days=61))
        assert_gone(appsync, api_id, key["id"])


def test_deleted_keys_free_their_place_in_the_limit(appsync: Any, api_id: str) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(50):
            appsync.create_api_key(apiId=api_id)
        with pytest.raises(appsync.exceptions.ApiKeyLimitExceededException):
            appsync.create_api_key(apiId=api_id)

        traveller.shift(datetime.timedelta(days=8))
        # Expired, not deleted: they still count.
        with pytest.raises(appsync.exceptions.ApiKeyLimitExceededException):
            appsync.create_api_key(apiId=api_id)

        traveller.shift(datetime.timedelta(days=60))
        assert appsync.create_api_key(apiId=api_id)["apiKey"]["id"].startswith("da2-")
        assert len(appsync.list_api_keys(apiId=api_id)["apiKeys"]) == 1


def test_other_apis_keys_expire_on_their_own(appsync: Any) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        ids = [
            appsync.create_graphql_api(name=f"a{n}", authenticationType="API_KEY")["graphqlApi"][
                "apiId"
            ]
            for n in range(2)
        ]
        short = appsync.create_api_key(apiId=ids[0])["apiKey"]
        long = appsync.create_api_key(apiId=ids[1], expires=T0_EPOCH + 300 * DAY)["apiKey"]
        traveller.shift(datetime.timedelta(days=100))
        assert appsync.list_api_keys(apiId=ids[0])["apiKeys"] == []
        assert appsync.list_api_keys(apiId=ids[1])["apiKeys"] == [long]
        assert short["id"] != long["id"]
