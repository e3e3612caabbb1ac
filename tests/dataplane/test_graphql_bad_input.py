"""Whatever a GraphQL request holds, AppSync's answer: a 4xx or error entries, never a
Python exception, never a hang."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dataplane_support import Reply, via_requests
from graphql_support import REGION, Ask, assert_answered, graphql_api
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mockway

SCHEMA = "type Query { a: String b: Node } type Node { a: String b: Node }"
EMPTY = (
    b'{"errors":[{"message":"Request body is empty.","errorType":"MalformedHttpRequestException"}]}'
)
UNPARSABLE = (
    b'{"errors":[{"message":"Unable to parse GraphQL query.",'
    b'"errorType":"MalformedHttpRequestException"}]}'
)


def post(api: Any, body: bytes | str) -> Reply:
    headers = {"x-api-key": api.key, "content-type": "application/json"}
    return via_requests("POST", api.url, headers=headers, body=body)


def assert_malformed(reply: Reply, body: bytes) -> None:
    assert_answered(reply, 400)
    assert reply.body == body
    assert reply.error_type == "MalformedHttpRequestException"


@pytest.mark.parametrize("body", ["", "   "])
def test_an_empty_body_is_400(mockway: mockway.Handle, body: str) -> None:
    assert_malformed(post(graphql_api(SCHEMA), body), EMPTY)


@pytest.mark.parametrize(
    "body",
    ["meow", "{}", "{}}", "[]", '{"query": 1}', '{"query": "{ a }", "variables": [1]}', "\xff"],
)
def test_what_is_no_graphql_request_is_400(mockway: mockway.Handle, body: str) -> None:
    assert_malformed(post(graphql_api(SCHEMA), body.encode("latin-1")), UNPARSABLE)


def test_a_get_request_carries_the_query_in_its_parameters(mockway: mockway.Handle) -> None:
    api = graphql_api(SCHEMA)
    reply = via_requests("GET", f"{api.url}?query=%7B%20a%20%7D", headers={"x-api-key": api.key})
    assert_answered(reply)
    assert reply.json() == {"data": {"a": None}}


def test_deep_and_long_queries_are_refused(mockway: mockway.Handle, ask: Ask) -> None:
    api = graphql_api(SCHEMA)
    reply = ask(api, "{" + " b {" * 100 + " a" + " }" * 100 + " }")
    assert_answered(reply)
    assert reply.json() == {"data": {"b": None}}
    reply = ask(api, "{" + " b {" * 2000 + " a" + " }" * 2000 + " }")
    assert_answered(reply)
    (error,) = reply.json()["errors"]
    assert error["message"].startswith("Invalid Syntax : More than 500 deep 'grammar' rules")
    reply = ask(api, "{" + " a" * 20_000 + " }")
    assert_answered(reply)
    (error,) = reply.json()["errors"]
    assert error["message"].startswith("Invalid Syntax : More than 15000 'grammar' tokens")


graphql_text = st.text(alphabet="{}()[]:$!@., abxyz019\"'#\n", max_size=80)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(graphql_text, st.text(max_size=40)),
    variables=st.one_of(st.none(), st.dictionaries(st.text(max_size=5), st.integers())),
)
def test_any_query_is_answered(mockway: mockway.Handle, query: str, variables: Any) -> None:
    api = _api(mockway)
    response = mockway.appsync(REGION).graphql(api.api_id, query, variables, api_key=api.key)
    assert response.status in (200, 400)
    body = response.json()
    assert isinstance(body, dict)
    assert "errors" in body or "data" in body


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode)))
def test_any_body_is_answered(mockway: mockway.Handle, body: bytes) -> None:
    reply = post(_api(mockway), body)
    assert reply.status in (200, 400)
    json.loads(reply.body)


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ a(x: \\"\\ud800\\") }"}',
        b'{"query": "query($x: String) { a }", "variables": {"x": "\\udfff"}}',
    ],
    ids=["in the query", "in a variable"],
)
def test_an_escaped_lone_surrogate_is_answered(mockway: mockway.Handle, body: bytes) -> None:
    reply = post(_api(mockway), body)
    assert reply.status == 200
    assert json.loads(reply.body)["errors"]


_apis: dict[int, Any] = {}


def _api(handle: mockway.Handle) -> Any:
    """One API per activation (hypothesis runs every example in the same test)."""
    key = id(handle)
    if key not in _apis:
        _apis.clear()
        _apis[key] = graphql_api(SCHEMA)
    return _apis[key]
