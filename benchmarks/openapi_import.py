"""How long ImportRestApi takes for an OpenAPI document of 200 paths, JSON and YAML, and
how long the slowest of a set of hostile documents takes to be refused.

Each path has a path parameter, a GET with a query parameter, a response header, a model and
an HTTP integration with a request template: the document a generated client spec gives.
Prints the median over runs, each import into a fresh activation, through a boto3 client.
The hostile documents (deep nesting in JSON and YAML, a YAML alias bomb, a self-referring
alias, a 7 MB document) must each be refused within a second.

    python benchmarks/openapi_import.py [--runs N] [--paths N] [--check]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any

import boto3
import yaml

from mockway import mock_aws

BAR_MS = 50.0
HOSTILE_BAR_MS = 1000.0


def hostile() -> dict[str, bytes]:
    """Documents built to make a parser or importer hang or blow up."""
    bomb = ['openapi: "3.0.1"', 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 12):
        bomb.append(f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]")
    bomb.append("paths: {'/': {get: {responses: {'200': {description: *a11}}}}}")
    documents = {
        "deep JSON": '{"openapi": "3.0.1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "deep YAML flow": "openapi: 3.0.1\nx: " + "[" * 5_000 + "]" * 5_000,
        "deep YAML block": "openapi: 3.0.1\n" + "".join(" " * i + "a:\n" for i in range(3_000)),
        "YAML alias bomb": "\n".join(bomb),
        "YAML alias to itself": "openapi: 3.0.1\ninfo: {title: t}\npaths: &p {'/': *p}\n",
        "7 MB": '{"openapi": "3.0.1", "info": {"title": "' + "x" * (7 << 20) + '"}}',
    }
    return {name: text.encode() for name, text in documents.items()}


def document(paths: int) -> dict[str, Any]:
    def operation(n: int) -> dict[str, Any]:
        return {
            "operationId": f"get{n}",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "q", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {
                    "description": "ok",
                    "headers": {"X-Trace": {"schema": {"type": "string"}}},
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                    },
                }
            },
            "x-amazon-apigateway-integration": {
                "type": "http",
                "httpMethod": "GET",
                "uri": f"https://backend.example.com/items{n}/{{id}}",
                "requestParameters": {"integration.request.path.id": "method.request.path.id"},
                "requestTemplates": {"application/json": '{"q": "$input.params(\'q\')"}'},
                "responses": {"default": {"statusCode": "200"}},
            },
        }

    return {
        "openapi": "3.0.1",
        "info": {"title": "generated", "version": "1"},
        "paths": {f"/items{n}/{{id}}": {"get": operation(n)} for n in range(paths)},
        "components": {
            "schemas": {
                "Item": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "size": {"type": "integer"}},
                }
            }
        },
    }


def median_ms(body: bytes, runs: int, *, refused: bool = False) -> float:
    times = []
    for _ in range(runs):
        with mock_aws():
            client = boto3.client(
                "apigateway",
                region_name="us-east-1",
                aws_access_key_id="x",
                aws_secret_access_key="y",
            )
            start = time.perf_counter()
            try:
                client.import_rest_api(body=body)
            except client.exceptions.BadRequestException:
                if not refused:
                    raise
            else:
                if refused:
                    raise AssertionError("a hostile document was imported")
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--paths", type=int, default=200)
    parser.add_argument("--check", action="store_true", help="exit 1 when JSON misses the bar")
    args = parser.parse_args()
    doc = document(args.paths)
    as_json = json.dumps(doc).encode()
    as_yaml = yaml.safe_dump(doc).encode()
    json_ms = median_ms(as_json, args.runs)
    yaml_ms = median_ms(as_yaml, args.runs)
    label = f"| ImportRestApi, {args.paths} paths"
    print(f"{label}, JSON ({len(as_json):,} bytes) | {json_ms:.1f} ms | ≤ {BAR_MS:.0f} ms |")
    print(f"{label}, YAML ({len(as_yaml):,} bytes) | {yaml_ms:.1f} ms | |")
    worst = max((median_ms(body, 3, refused=True), name) for name, body in hostile().items())
    print(
        f"| the slowest hostile document refused ({worst[1]}) | {worst[0]:.1f} ms "
        f"| ≤ {HOSTILE_BAR_MS:.0f} ms |"
    )
    missed = json_ms > BAR_MS or worst[0] > HOSTILE_BAR_MS
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
