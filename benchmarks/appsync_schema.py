"""How long AppSync takes to take a schema of 200 types: StartSchemaCreation, then the
GetSchemaCreationStatus that reports SUCCESS, through a boto3 client.

Each type has five fields (scalars, AppSync scalars, a list, a reference to another type) and
a directive; a Query and a Mutation reach every type. Prints the median over runs, each in a
fresh activation, of four things: a schema text the process has not seen before (each run's
text ends in a comment of its own); the same text again, as a test suite sends it test after
test (mockway keeps what checking a text found); the first GraphQL query of an API with a new
text, when the API builds its GraphQL schema (graphql-core parses the text then, once per
text); and graphql-core's parse of the text alone.

    python benchmarks/appsync_schema.py [--runs N] [--types N] [--check]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable

import boto3

from mockway import mock_aws

BAR_MS = 50.0


def schema(types: int) -> bytes:
    parts = []
    for n in range(types):
        other = f"T{(n + 1) % types}"
        parts.append(
            f"type T{n} @aws_api_key {{\n  id: ID!\n  name: String\n  at: AWSDateTime\n"
            f"  tags: [String!]\n  next: {other}\n}}"
        )
    queries = "\n".join(f"  t{n}(id: ID!): T{n}" for n in range(types))
    mutations = "\n".join(f"  putT{n}(id: ID!, name: String): T{n}" for n in range(types))
    parts.append(f"type Query {{\n{queries}\n}}")
    parts.append(f"type Mutation {{\n{mutations}\n}}")
    return "\n\n".join(parts).encode()


def creation_ms(definition: bytes, query: bool = False) -> float:
    """How long the schema takes to reach SUCCESS or, with ``query``, how long the API's first
    GraphQL query then takes."""
    with mock_aws() as aws:
        client = boto3.client(
            "appsync",
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="y",
        )
        api = client.create_graphql_api(name="bench", authenticationType="API_KEY")
        api_id = api["graphqlApi"]["apiId"]
        gc.collect()
        start = time.perf_counter()
        client.start_schema_creation(apiId=api_id, definition=definition)
        status = client.get_schema_creation_status(apiId=api_id)["status"]
        took = (time.perf_counter() - start) * 1000
        assert status == "SUCCESS", status
        if query:
            key = client.create_api_key(apiId=api_id)["apiKey"]["id"]
            gc.collect()
            start = time.perf_counter()
            answer = aws.appsync("us-east-1").graphql(api_id, "{ __typename }", None, api_key=key)
            took = (time.perf_counter() - start) * 1000
            assert answer.status == 200, answer.body
    return took


def parse_ms(definition: bytes) -> float:
    from graphql import parse

    text = definition.decode()
    gc.collect()
    start = time.perf_counter()
    parse(text)
    return (time.perf_counter() - start) * 1000


def median(runs: int, measure: Callable[[int], float]) -> float:
    return statistics.median(measure(n) for n in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--types", type=int, default=200)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a text not seen before misses the bar"
    )
    args = parser.parse_args()
    definition = schema(args.types)
    creation_ms(definition + b"\n# warm-up")  # imports graphql-core, loads the client
    new = median(args.runs, lambda n: creation_ms(definition + f"\n# run {n}".encode()))
    creation_ms(definition)
    again = median(args.runs, lambda _: creation_ms(definition))
    first = median(args.runs, lambda n: creation_ms(definition + f"\n# q{n}".encode(), True))
    floor = median(args.runs, lambda _: parse_ms(definition))
    what = f"StartSchemaCreation, {args.types} types ({len(definition):,} bytes), to SUCCESS"
    print(f"| {what}, a text not seen before | {new:.1f} ms | ≤ {BAR_MS:.0f} ms |")
    print(f"| {what}, the same text again | {again:.1f} ms | ≤ {BAR_MS:.0f} ms |")
    print(f"| the first GraphQL query of an API with a text not seen before | {first:.1f} ms | |")
    print(f"| graphql-core's `parse` of that text alone | {floor:.1f} ms | |")
    return 1 if args.check and new > BAR_MS else 0


if __name__ == "__main__":
    sys.exit(main())
