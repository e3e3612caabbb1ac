"""The key-renewal job under mockway: a client using an expired AppSync key gets 401, and works
again once the job has renewed the key."""

from __future__ import annotations

import datetime
from typing import Any

import boto3
import requests
import time_machine

import mockway
from keyrenew import renew_expiring

SCHEMA = b"type Query { status: String }"
START = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.timezone.utc)


def status_api(appsync: Any) -> tuple[str, str]:
    """A GraphQL API whose ``status`` field a NONE data source answers; its id and URL."""
    api = appsync.create_graphql_api(name="status", authenticationType="API_KEY")["graphqlApi"]
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Query",
        fieldName="status",
        dataSourceName="local",
        requestMappingTemplate='{"version": "2018-05-29", "payload": "ok"}',
        responseMappingTemplate="$util.toJson($ctx.result)",
    )
    return api["apiId"], api["uris"]["GRAPHQL"]


def ask(url: str, key: str) -> requests.Response:
    return requests.post(url, json={"query": "{ status }"}, headers={"x-api-key": key})


def test_an_expired_key_is_refused_until_the_job_renews_it(mockway: mockway.Handle) -> None:
    with time_machine.travel(START, tick=False) as clock:
        appsync = boto3.client("appsync", region_name="us-east-1")
        api_id, url = status_api(appsync)
        key = appsync.create_api_key(apiId=api_id)["apiKey"]["id"]  # 7 days, AppSync's default
        assert ask(url, key).json() == {"data": {"status": "ok"}}

        clock.shift(datetime.timedelta(days=8))
        refused = ask(url, key)
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["errorType"] == "UnauthorizedException"

        assert renew_expiring(appsync, api_id) == [key]
        assert ask(url, key).json() == {"data": {"status": "ok"}}
        (record,) = mockway.appsync().api_keys(api_id)
        assert record.expires == int(
            datetime.datetime(2026, 4, 9, 9, tzinfo=datetime.timezone.utc).timestamp()
        )


def test_keys_far_from_expiry_are_left_alone(mockway: mockway.Handle) -> None:
    with time_machine.travel(START, tick=False) as clock:
        appsync = boto3.client("appsync", region_name="us-east-1")
        api_id, _ = status_api(appsync)
        soon = appsync.create_api_key(apiId=api_id)["apiKey"]["id"]
        later = appsync.create_api_key(
            apiId=api_id, expires=int((START + datetime.timedelta(days=90)).timestamp())
        )["apiKey"]["id"]
        clock.shift(datetime.timedelta(days=2))

        assert renew_expiring(appsync, api_id) == [soon]
        expiries = {k.id: k.expires for k in mockway.appsync().api_keys(api_id)}
        assert expiries[later] == int((START + datetime.timedelta(days=90)).timestamp())
