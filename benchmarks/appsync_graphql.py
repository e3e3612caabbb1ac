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

import argparse
import gc
import os
import socket
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

BARS = {"handle, Lambda": 5_000}
"""Queries a second each row must reach with ``--check``."""
QUERY = '{ hello(name: "Ada") }'
SCHEMA = b"type Query { hello(name: String): String }"
REQUEST = '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.name)}'
RESPONSE = "$util.toJson($ctx.result)"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello"


def _no_network() -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the benchmark tried to reach the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter batches, fewer rounds")
    parser.add_argument("--rounds", type=int, default=None, help="batches per row")
    parser.add_argument("--check", action="store_true", help="exit 1 when a row misses its bar")
    options = parser.parse_args()
    rounds = options.rounds or (3 if options.quick else 7)
    batch = 300 if options.quick else 3_000

    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    _no_network()
    import boto3

    import mockway

    results: dict[str, float] = {}
    with mockway.mock_aws() as handle:
        appsync = boto3.client("appsync")
        for name, send in _senders(appsync, handle).items():
            assert send() == 200, name  # warm-up, and a check that the row is answered
            rates = []
            for _ in range(rounds):
                gc.disable()
                began = time.perf_counter()
                for _ in range(batch):
                    send()
                elapsed = time.perf_counter() - began
                gc.enable()
                rates.append(batch / elapsed)
            results[name] = statistics.median(rates)

    print("| way | queries/s | bar |")
    print("| --- | ---: | ---: |")
    missed = []
    for name, rate in results.items():
        bar = BARS.get(name)
        print(f"| {name} | {rate:,.0f} | {'' if bar is None else f'{bar:,}'} |")
        if bar is not None and rate < bar:
            missed.append(name)
    if options.check and missed:
        print(f"below the bar: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
