"""Who may send GraphQL requests to an AppSync API: its API keys, their expiry and deletion
by mockway's one clock, and the schema's authorization directives."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
import time_machine
from freezegun import freeze_time
from graphql_support import (
    MISSING,
    Ask,
    assert_answered,
    assert_data,
    assert_unauthorized,
    graphql_api,
)

import mockway

SCHEMA = "type Query { hello: String }"
HELLO = '{"version": "2018-05-29", "payload": "world"}'
START = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone.utc)


def hello_api(**settings: Any) -> Any:
    api = graphql_api(SCHEMA, **settings)
    api.resolve("Query", "hello", HELLO)
    return api


def test_a_live_key_is_served(mockway: mockway.Handle, ask: Ask) -> None:
    assert_data(ask(hello_api(), "{ hello }"), {"hello": "world"})


def test_an_unknown_key_is_401(mockway: mockway.Handle, ask: Ask) -> None:
    assert_unauthorized(ask(hello_api(), "{ hello }", key="da2-" + "a" * 26))


def test_a_request_without_credentials_is_401(mockway: mockway.Handle, ask: Ask) -> None:
    assert_unauthorized(ask(hello_api(), "{ hello }", key=None), MISSING)


def test_a_deleted_key_is_401_on_the_next_request(mockway: mockway.Handle, ask: Ask) -> None:
    api = hello_api()
    assert_data(ask(api, "{ hello }"), {"hello": "world"})
    api.client.delete_api_key(apiId=api.api_id, id=api.key)
    assert_unauthorized(ask(api, "{ hello }"))


def test_a_key_of_another_api_is_401(mockway: mockway.Handle, ask: Ask) -> None:
    first, second = hello_api(), hello_api()
    assert_unauthorized(ask(first, "{ hello }", key=second.key))


@pytest.mark.parametrize("travel", ["time_machine", "freezegun"])
def test_an_expired_key_is_401_until_update_api_key_extends_it(
    mockway: mockway.Handle, ask: Ask, travel: str
) -> None:
    def at(moment: datetime.datetime) -> Any:
        if travel == "freezegun":
            return freeze_time(moment)
        return time_machine.travel(moment, tick=False)

    with at(START):
        api = hello_api()
        expires = mockway.appsync().api_keys(api.api_id)[0].expires
    with at(datetime.datetime.fromtimestamp(expires, datetime.timezone.utc)):
        assert_data(ask(api, "{ hello }"), {"hello": "world"})  # the last second it is good
    later = datetime.datetime.fromtimestamp(expires + 1, datetime.timezone.utc)
    with at(later):
        assert_unauthorized(ask(api, "{ hello }"))
        renewed = int(later.timestamp()) + 30 * 86400
        api.client.update_api_key(apiId=api.api_id, id=api.key, expires=renewed)
        assert_data(ask(api, "{ hello }"), {"hello": "world"})


def test_a_key_past_deletes_is_gone(mockway: mockway.Handle, ask: Ask) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        api = hello_api()
        deletes = mockway.appsync().api_keys(api.api_id)[0].deletes
        traveller.move_to(datetime.datetime.fromtimestamp(deletes + 1, datetime.timezone.utc))
        assert_unauthorized(ask(api, "{ hello }"))


DIRECTED = """
type Query {
  open: String @aws_api_key
  secret: String
  profile: Profile @aws_api_key @aws_iam
}
type Profile @aws_iam {
  name: String @aws_api_key
  email: String
}
"""


def test_fields_without_aws_api_key_are_refused_to_an_api_key_caller(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = graphql_api(
        DIRECTED,
        authentication_type="AWS_IAM",
        additionalAuthenticationProviders=[{"authenticationType": "API_KEY"}],
    )
    api.resolve("Query", "open", '{"version": "2018-05-29", "payload": "yes"}')
    api.resolve("Query", "secret", '{"version": "2018-05-29", "payload": "no"}')
    api.resolve(
        "Query",
        "profile",
        '{"version": "2018-05-29", "payload": {"name": "Ada", "email": "ada@example.com"}}',
    )
    reply = ask(api, "{ open secret profile { name email } }")
    assert_answered(reply)
    assert reply.json() == {
        "data": {"open": "yes", "secret": None, "profile": {"name": "Ada", "email": None}},
        "errors": [
            {
                "path": ["secret"],
                "data": None,
                "errorType": "Unauthorized",
                "errorInfo": None,
                "locations": [{"line": 1, "column": 8, "sourceName": None}],
                "message": "Not Authorized to access secret on type Query",
            },
            {
                "path": ["profile", "email"],
                "data": None,
                "errorType": "Unauthorized",
                "errorInfo": None,
                "locations": [{"line": 1, "column": 30, "sourceName": None}],
                "message": "Not Authorized to access email on type Profile",
            },
        ],
    }


def test_a_new_default_mode_reaches_fields_without_directives_on_the_next_request(
    mockway: mockway.Handle, ask: Ask
) -> None:
    api = hello_api()
    assert_data(ask(api, "{ hello }"), {"hello": "world"})
    api.client.update_graphql_api(
        apiId=api.api_id,
        name="api",
        authenticationType="AWS_IAM",
        additionalAuthenticationProviders=[{"authenticationType": "API_KEY"}],
    )
    reply = ask(api, "{ hello }")
    assert reply.json()["data"] == {"hello": None}
    assert [e["message"] for e in reply.json()["errors"]] == [
        "Not Authorized to access hello on type Query"
    ]


def test_a_malformed_signature_is_401(mockway: mockway.Handle, ask: Ask) -> None:
    api = hello_api(additionalAuthenticationProviders=[{"authenticationType": "AWS_IAM"}])
    reply = ask(api, "{ hello }", key=None, headers={"Authorization": "AWS4-HMAC-SHA256 ..."})
    assert_unauthorized(reply)


def test_requests_are_checked_against_the_state_of_the_moment_from_many_threads(
    mockway: mockway.Handle,
) -> None:
    api = hello_api()
    replies: list[int] = []

    def send() -> None:
        for _ in range(20):
            response = mockway.appsync().graphql(api.api_id, "{ hello }", api_key=api.key)
            replies.append(response.status)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    api.client.delete_api_key(apiId=api.api_id, id=api.key)
    for thread in threads:
        thread.join()
    assert set(replies) <= {200, 401}
    after = mockway.appsync().graphql(api.api_id, "{ hello }", api_key=api.key)
    assert after.status == 401
