"""GraphQL requests to AppSync sent through each HTTP client library (and the handle), and
the APIs they go to, made through the client as users make them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import boto3
from dataplane_support import SENDERS, Reply

import mockway

REGION = "us-east-1"
REQUEST_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
NONE_REQUEST = '{"version": "2018-05-29", "payload": $util.toJson($ctx.args)}'
RESULT = "$util.toJson($ctx.result)"
UNAUTHORIZED = (
    b'{\n  "errors" : [ {\n    "errorType" : "UnauthorizedException",\n'
    b'    "message" : "You are not authorized to make this call."\n  } ]\n}'
)
MISSING = (
    b'{\n  "errors" : [ {\n    "errorType" : "UnauthorizedException",\n'
    b'    "message" : "Missing authorization header"\n  } ]\n}'
)


@dataclass(frozen=True)
class Api:
    """A GraphQL API with a schema, a NONE data source and an API key."""

    api_id: str
    url: str
    key: str
    client: Any

    def resolve(
        self, type_name: str, field_name: str, request: str, response: str = RESULT
    ) -> None:
        self.client.create_resolver(
            apiId=self.api_id,
            typeName=type_name,
            fieldName=field_name,
            dataSourceName="local",
            requestMappingTemplate=request,
            responseMappingTemplate=response,
        )


def graphql_api(schema: str, *, authentication_type: str = "API_KEY", **settings: Any) -> Api:
    client = boto3.client("appsync", region_name=REGION)
    api = client.create_graphql_api(name="api", authenticationType=authentication_type, **settings)[
        "graphqlApi"
    ]
    client.start_schema_creation(apiId=api["apiId"], definition=schema.encode())
    client.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    key = client.create_api_key(apiId=api["apiId"])["apiKey"]["id"]
    return Api(api["apiId"], api["uris"]["GRAPHQL"], key, client)


Ask = Callable[..., Reply]
"""``ask(api, query, variables=None, *, key=..., headers=None)``: one GraphQL request."""


def _over_http(send: Callable[..., Reply]) -> Ask:
    def ask(
        api: Api,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        key: str | None = "",
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        sent = {"content-type": "application/json", **(headers or {})}
        if key is not None:
            sent["x-api-key"] = key or api.key
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = dict(variables)
        return send("POST", api.url, headers=sent, body=json.dumps(body))

    return ask


def _through_handle(handle: mockway.Handle) -> Ask:
    def ask(
        api: Api,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        key: str | None = "",
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        response = handle.appsync(REGION).graphql(
            api.api_id,
            query,
            variables,
            api_key=None if key is None else key or api.key,
            headers=headers,
        )
        return Reply(
            response.status,
            {k.lower(): v for k, v in response.headers.items()},
            response.body,
        )

    return ask


ASKERS = (*SENDERS, "handle")


def asker(name: str, handle: mockway.Handle) -> Ask:
    return _through_handle(handle) if name == "handle" else _over_http(SENDERS[name])


def assert_answered(reply: Reply, status: int = 200) -> None:
    """An answer with the headers AppSync puts on every answer."""
    assert reply.status == status, (reply.status, reply.body)
    assert reply.headers["content-type"] == "application/json; charset=UTF-8"
    assert reply.headers["content-length"] == str(len(reply.body))
    assert REQUEST_ID.fullmatch(reply.headers["x-amzn-requestid"])


def assert_data(reply: Reply, data: Any) -> None:
    assert_answered(reply)
    assert reply.json() == {"data": data}
    assert reply.error_type is None


def assert_unauthorized(reply: Reply, body: bytes = UNAUTHORIZED) -> None:
    assert_answered(reply, 401)
    assert reply.body == body
    assert reply.error_type == "UnauthorizedException"
