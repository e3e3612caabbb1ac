"""How long ImportRestApi takes for an OpenAPI document of 200 paths, JSON and YAML.

Each path has a path parameter, a GET with a query parameter, a response header, a model and
an HTTP integration with a request template: the document a generated client spec gives.
Prints the median over runs, each import into a fresh activation, through a boto3 client.

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


def median_ms(body: bytes, runs: int) -> float:
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
            client.import_rest_api(body=body)
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
    return 1 if args.check and json_ms > BAR_MS else 0


if __name__ == "__main__":
    sys.exit(main())
