"""Queries per second through mockway's AppSync GraphQL data plane.

    python benchmarks/appsync_graphql.py            # a few seconds per row
    python benchmarks/appsync_graphql.py --quick    # shorter batches
    python benchmarks/appsync_graphql.py --check    # exit 1 when a row misses its bar

Each row sends ``{ hello(name: "Ada") }`` with an API key, so every stage runs: routing, the
key's check against its expiry, parsing and validation (kept per schema after the first), the
resolver, and the answer. Rows: the handle (``aws.appsync().graphql``, no HTTP library) with
``hello`` resolved by a direct Lambda resolver (a registered Python callable), the handle with
a VTL resolver on a NONE data source (two templates run by airspeed), and a
``requests.Session`` reaching mockway through its adapter (Lambda). The run never reaches the
network.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from throughput import offline, options, rate, report

BARS = {"handle, Lambda": 5_000}
"""Queries a second each row must reach with ``--check``."""
QUERY = '{ hello(name: "Ada") }'
SCHEMA = b"type Query { hello(name: String): String }"
REQUEST = '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.name)}'
RESPONSE = "$util.toJson($ctx.result)"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello"


def _api(appsync: Any, handle: Any, resolver: dict[str, str]) -> tuple[dict[str, Any], str]:
    api = appsync.create_graphql_api(name="bench", authenticationType="API_KEY")["graphqlApi"]
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA)
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    appsync.create_data_source(
        apiId=api["apiId"],
        name="hello",
        type="AWS_LAMBDA",
        serviceRoleArn="arn:aws:iam::123456789012:role/bench",
        lambdaConfig={"lambdaFunctionArn": FUNCTION},
    )
    appsync.create_resolver(apiId=api["apiId"], typeName="Query", fieldName="hello", **resolver)
    key = appsync.create_api_key(apiId=api["apiId"])["apiKey"]["id"]
    return api, key


def _senders(appsync: Any, handle: Any) -> dict[str, Callable[[], int]]:
    import requests

    view = handle.appsync()
    view.register_lambda(FUNCTION, lambda event, context: "Hello, " + event["arguments"]["name"])
    direct, direct_key = _api(appsync, handle, {"dataSourceName": "hello"})
    vtl, vtl_key = _api(
        appsync,
        handle,
        {
            "dataSourceName": "local",
            "requestMappingTemplate": REQUEST,
            "responseMappingTemplate": RESPONSE,
        },
    )
    session = requests.Session()
    url = direct["uris"]["GRAPHQL"]
    headers = {"x-api-key": direct_key}
    body = {"query": QUERY}
    return {
        "handle, Lambda": lambda: view.graphql(direct["apiId"], QUERY, api_key=direct_key).status,
        "handle, VTL": lambda: view.graphql(vtl["apiId"], QUERY, api_key=vtl_key).status,
        "requests, Lambda": lambda: session.post(url, json=body, headers=headers).status_code,
    }


def main() -> int:
    rounds, batch, check = options(__doc__.split("\n\n")[0], 3_000, 300)
    offline()
    import boto3

    import mockway

    results: dict[str, float] = {}
    with mockway.mock_aws() as handle:
        appsync = boto3.client("appsync")
        for name, send in _senders(appsync, handle).items():
            results[name] = rate(name, send, rounds, batch)
    return report(results, BARS, "queries/s", check)


if __name__ == "__main__":
    sys.exit(main())
