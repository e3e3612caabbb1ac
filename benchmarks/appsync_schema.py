"""How long AppSync takes to take a schema of 200 types: StartSchemaCreation, then the
GetSchemaCreationStatus that reports SUCCESS, through a boto3 client.

Each type has five fields (scalars, AppSync scalars, a list, a reference to another type) and
a directive; a Query and a Mutation reach every type. Prints the median over runs, each in a
fresh activation, and the bar.

    python benchmarks/appsync_schema.py [--runs N] [--types N] [--check]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

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


def median_ms(definition: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        with mock_aws():
            client = boto3.client(
                "appsync",
                region_name="us-east-1",
                aws_access_key_id="x",
                aws_secret_access_key="y",
            )
            api = client.create_graphql_api(name="bench", authenticationType="API_KEY")
            api_id = api["graphqlApi"]["apiId"]
            start = time.perf_counter()
            client.start_schema_creation(apiId=api_id, definition=definition)
            status = client.get_schema_creation_status(apiId=api_id)["status"]
            times.append((time.perf_counter() - start) * 1000)
            assert status == "SUCCESS", status
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--types", type=int, default=200)
    parser.add_argument("--check", action="store_true", help="exit 1 when it misses the bar")
    args = parser.parse_args()
    definition = schema(args.types)
    took = median_ms(definition, args.runs)
    print(
        f"| StartSchemaCreation, {args.types} types ({len(definition):,} bytes), "
        f"to SUCCESS | {took:.1f} ms | ≤ {BAR_MS:.0f} ms |"
    )
    return 1 if args.check and took > BAR_MS else 0


if __name__ == "__main__":
    sys.exit(main())
