"""CreateApiKey, ListApiKeys, UpdateApiKey, DeleteApiKey: values, limits and errors."""

from __future__ import annotations

import base64
import datetime
import re
from typing import Any

import pytest
from appsync_support import DAY, HOUR, T0, T0_EPOCH, error_of, floor_hour
from freezegun import freeze_time

KEY_ID = re.compile(r"da2-[a-z0-9]{26}")
SIXTY_DAYS = 60 * DAY


@pytest.fixture
def frozen() -> Any:
    with freeze_time(T0) as frozen:
        yield frozen


def test_create_answers_id_expires_and_deletes(appsync: Any, api_id: str, frozen: Any) -> None:
    key = appsync.create_api_key(apiId=api_id)["apiKey"]
    expires = floor_hour(T0_EPOCH + 7 * DAY)
    assert key == {"id": key["id"], "expires": expires, "deletes": expires + SIXTY_DAYS}
    assert KEY_ID.fullmatch(key["id"])
    assert type(key["expires"]) is int
    assert type(key["deletes"]) is int
    assert "description" not in key


def test_description_is_kept(appsync: Any, api_id: str) -> None:
    key = appsync.create_api_key(apiId=api_id, description="for the web app")["apiKey"]
    assert key["description"] == "for the web app"
    listed = appsync.list_api_keys(apiId=api_id)["apiKeys"]
    assert listed == [key]


def test_explicit_expires_is_rounded_down_to_the_hour(
    appsync: Any, api_id: str, frozen: Any
) -> None:
    requested = T0_EPOCH + 10 * DAY + 59 * 60
    key = appsync.create_api_key(apiId=api_id, expires=requested)["apiKey"]
    assert key["expires"] == floor_hour(requested)
    assert key["deletes"] == floor_hour(requested) + SIXTY_DAYS
    aligned = floor_hour(T0_EPOCH + 20 * DAY)
    assert appsync.create_api_key(apiId=api_id, expires=aligned)["apiKey"]["expires"] == aligned


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (DAY - 1, "API key must be valid for a minimum of 1 days."),
        (-HOUR, "API key must be valid for a minimum of 1 days."),
        (365 * DAY + 1, "API key can be valid for a maximum of 365 days."),
        (400 * DAY, "API key can be valid for a maximum of 365 days."),
    ],
)
def test_create_out_of_bounds(
    appsync: Any, api_id: str, frozen: Any, offset: int, message: str
) -> None:
    with pytest.raises(appsync.exceptions.ApiKeyValidityOutOfBoundsException) as excinfo:
        appsync.create_api_key(apiId=api_id, expires=T0_EPOCH + offset)
    assert error_of(excinfo) == ("ApiKeyValidityOutOfBoundsException", message, 400)
    assert appsync.list_api_keys(apiId=api_id)["apiKeys"] == []


@pytest.mark.parametrize("offset", [DAY, 365 * DAY])
def test_bounds_are_inclusive_to_the_second(
    appsync: Any, api_id: str, frozen: Any, offset: int
) -> None:
    key = appsync.create_api_key(apiId=api_id, expires=T0_EPOCH + offset)["apiKey"]
    assert key["expires"] == floor_hour(T0_EPOCH + offset)


def test_update_keeps_what_it_is_not_given(appsync: Any, api_id: str, frozen: Any) -> None:
    key = appsync.create_api_key(apiId=api_id, description="first")["apiKey"]
    same = appsync.update_api_key(apiId=api_id, id=key["id"])["apiKey"]
    assert same == key
    described = appsync.update_api_key(apiId=api_id, id=key["id"], description="second")
    assert described["apiKey"] == {**key, "description": "second"}
    later = T0_EPOCH + 30 * DAY + 1234
    extended = appsync.update_api_key(apiId=api_id, id=key["id"], expires=later)["apiKey"]
    assert extended == {
        "id": key["id"],
        "description": "second",
        "expires": floor_hour(later),
        "deletes": floor_hour(later) + SIXTY_DAYS,
    }
    assert appsync.list_api_keys(apiId=api_id)["apiKeys"] == [extended]


def test_update_bounds_count_from_the_update(appsync: Any, api_id: str) -> None:
    with freeze_time(T0):
        key = appsync.create_api_key(apiId=api_id, expires=T0_EPOCH + 300 * DAY)["apiKey"]
    with freeze_time(T0 + datetime.timedelta(days=100)):
        # 399 days after creation, 299 after the update: valid.
        target = T0_EPOCH + 399 * DAY
        updated = appsync.update_api_key(apiId=api_id, id=key["id"], expires=target)
        assert updated["apiKey"]["expires"] == floor_hour(target)
        with pytest.raises(appsync.exceptions.ApiKeyValidityOutOfBoundsException) as excinfo:
            appsync.update_api_key(apiId=api_id, id=key["id"], expires=T0_EPOCH + 100 * DAY + 3600)
        assert error_of(excinfo)[1] == "API key must be valid for a minimum of 1 days."
        assert appsync.list_api_keys(apiId=api_id)["apiKeys"][0]["expires"] == floor_hour(target)


def test_missing_key_is_a_404(appsync: Any, api_id: str) -> None:
    for call in (
        lambda: appsync.update_api_key(apiId=api_id, id="da2-missing", description="x"),
        lambda: appsync.delete_api_key(apiId=api_id, id="da2-missing"),
    ):
        with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
            call()
        assert error_of(excinfo) == ("NotFoundException", "API key not found: da2-missing", 404)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.create_api_key(apiId="nosuchapi"),
        lambda c: c.list_api_keys(apiId="nosuchapi"),
        lambda c: c.update_api_key(apiId="nosuchapi", id="da2-x"),
        lambda c: c.delete_api_key(apiId="nosuchapi", id="da2-x"),
    ],
)
def test_missing_api_is_a_404(appsync: Any, call: Any) -> None:
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        call(appsync)
    assert error_of(excinfo) == ("NotFoundException", "GraphQL API nosuchapi not found.", 404)


def test_delete_removes_only_that_key(appsync: Any, api_id: str) -> None:
    first = appsync.create_api_key(apiId=api_id)["apiKey"]
    second = appsync.create_api_key(apiId=api_id)["apiKey"]
    response = appsync.delete_api_key(apiId=api_id, id=first["id"])
    assert set(response) == {"ResponseMetadata"}
    assert appsync.list_api_keys(apiId=api_id)["apiKeys"] == [second]
    with pytest.raises(appsync.exceptions.NotFoundException):
        appsync.delete_api_key(apiId=api_id, id=first["id"])


def test_keys_belong_to_their_api(appsync: Any, api_id: str) -> None:
    other = appsync.create_graphql_api(name="other", authenticationType="API_KEY")
    other_id = other["graphqlApi"]["apiId"]
    key = appsync.create_api_key(apiId=api_id)["apiKey"]
    assert appsync.list_api_keys(apiId=other_id)["apiKeys"] == []
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        appsync.update_api_key(apiId=other_id, id=key["id"], description="x")
    assert error_of(excinfo)[1] == f"API key not found: {key['id']}"


def test_deleting_the_api_deletes_its_keys(appsync: Any, mockway: Any) -> None:
    api = appsync.create_graphql_api(name="doomed", authenticationType="API_KEY")
    doomed = api["graphqlApi"]["apiId"]
    appsync.create_api_key(apiId=doomed)
    appsync.delete_graphql_api(apiId=doomed)
    with pytest.raises(appsync.exceptions.NotFoundException):
        appsync.list_api_keys(apiId=doomed)
    assert mockway.appsync().api_keys(doomed) == ()


def test_fifty_keys_per_api(appsync: Any, api_id: str) -> None:
    for _ in range(50):
        appsync.create_api_key(apiId=api_id)
    with pytest.raises(appsync.exceptions.ApiKeyLimitExceededException) as excinfo:
        appsync.create_api_key(apiId=api_id)
    code, _, status = error_of(excinfo)
    assert (code, status) == ("ApiKeyLimitExceededException", 400)
    other = appsync.create_graphql_api(name="other", authenticationType="API_KEY")
    assert appsync.create_api_key(apiId=other["graphqlApi"]["apiId"])["apiKey"]["id"]
    one = appsync.list_api_keys(apiId=api_id)["apiKeys"][0]["id"]
    appsync.delete_api_key(apiId=api_id, id=one)
    assert appsync.create_api_key(apiId=api_id)["apiKey"]["id"]


def test_list_pages_oldest_first(appsync: Any, api_id: str) -> None:
    ids = [appsync.create_api_key(apiId=api_id)["apiKey"]["id"] for _ in range(5)]
    first = appsync.list_api_keys(apiId=api_id, maxResults=3)
    assert [k["id"] for k in first["apiKeys"]] == ids[:3]
    rest = appsync.list_api_keys(apiId=api_id, maxResults=3, nextToken=first["nextToken"])
    assert [k["id"] for k in rest["apiKeys"]] == ids[3:]
    assert "nextToken" not in rest
    whole = appsync.list_api_keys(apiId=api_id)
    assert [k["id"] for k in whole["apiKeys"]] == ids
    assert "nextToken" not in whole


def test_default_page_is_twenty_five(appsync: Any, api_id: str) -> None:
    for _ in range(30):
        appsync.create_api_key(apiId=api_id)
    assert len(appsync.list_api_keys(apiId=api_id)["apiKeys"]) == 25
    assert len(appsync.list_api_keys(apiId=api_id, maxResults=0)["apiKeys"]) == 25


def test_paginator_visits_every_key_once(appsync: Any, api_id: str) -> None:
    ids = [appsync.create_api_key(apiId=api_id)["apiKey"]["id"] for _ in range(30)]
    paginator = appsync.get_paginator("list_api_keys")
    pages = list(paginator.paginate(apiId=api_id, PaginationConfig={"PageSize": 7}))
    assert [len(p["apiKeys"]) for p in pages] == [7, 7, 7, 7, 2]
    assert [k["id"] for p in pages for k in p["apiKeys"]] == ids
    built = paginator.paginate(apiId=api_id).build_full_result()
    assert [k["id"] for k in built["apiKeys"]] == ids


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        base64.urlsafe_b64encode(b"mw1").decode(),
        base64.urlsafe_b64encode("mw\u2460".encode()).decode(),
    ],
)
def test_a_bad_next_token_is_a_400(appsync: Any, api_id: str, token: str) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.list_api_keys(apiId=api_id, nextToken=token)
    assert error_of(excinfo) == ("BadRequestException", "Invalid pagination token given.", 400)


def test_a_next_token_from_another_list_is_a_400(appsync: Any, api_id: str) -> None:
    other = appsync.create_graphql_api(name="other", authenticationType="API_KEY")
    other_id = other["graphqlApi"]["apiId"]
    for _ in range(3):
        appsync.create_api_key(apiId=api_id)
        appsync.create_api_key(apiId=other_id)
    token = appsync.list_api_keys(apiId=api_id, maxResults=1)["nextToken"]
    assert len(appsync.list_api_keys(apiId=api_id, nextToken=token)["apiKeys"]) == 2
    apis_token = appsync.list_graphql_apis(maxResults=1)["nextToken"]
    for api, wrong in ((other_id, token), (api_id, apis_token)):
        with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
            appsync.list_api_keys(apiId=api, nextToken=wrong)
        assert error_of(excinfo) == (
            "BadRequestException",
            "Invalid pagination token given.",
            400,
        )
    with pytest.raises(appsync.exceptions.BadRequestException):
        appsync.list_graphql_apis(nextToken=token)


def test_expires_must_be_a_number_for_the_service(unvalidated: Any, api_id: str) -> None:
    with pytest.raises(unvalidated.exceptions.BadRequestException) as excinfo:
        unvalidated.create_api_key(apiId=api_id, expires="tomorrow")
    assert error_of(excinfo)[2] == 400
