"""Requests per second through mockway's execute-api data plane.

    python benchmarks/dataplane.py            # a few seconds per row
    python benchmarks/dataplane.py --quick    # shorter batches
    python benchmarks/dataplane.py --check    # exit 1 when a row misses its bar

Each row sends ``GET /pets`` with an API key to a deployed stage whose method requires one (a
usage plan with a throttle and a quota, so every stage of the pipeline runs) and counts the
answers a second. The clock is held still by time-machine while a batch runs and moved a
second between batches, so the account's throttle (5,000 burst, 10,000 a second) refills
between batches, as it would at that rate in real time, and every answer is a 200.

Rows: the handle (``aws.apigateway().invoke``, no HTTP library), then a ``requests.Session``,
an ``httpx.Client`` and a ``urllib3.PoolManager``, each reaching mockway through its adapter.
The run never reaches the network: fake credentials, and a socket guard that fails any lookup
or connection.
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

BARS = {"handle": 20_000, "requests": 5_000}
"""Requests a second each row must reach with ``--check``."""
BATCH = 4_000  # below the account's burst: a frozen clock never throttles a batch


def _no_network() -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the benchmark tried to reach the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse


def _senders(url: str, key: str, handle: Any) -> dict[str, Callable[[], int]]:
    import httpx
    import requests
    import urllib3

    headers = {"x-api-key": key}
    view = handle.apigateway()
    session = requests.Session()
    client = httpx.Client()
    pool = urllib3.PoolManager()
    return {
        "handle": lambda: view.invoke("GET", url, headers=headers).status,
        "requests": lambda: session.get(url, headers=headers).status_code,
        "httpx": lambda: client.get(url, headers=headers).status_code,
        "urllib3": lambda: pool.request("GET", url, headers=headers).status,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter batches, fewer rounds")
    parser.add_argument("--rounds", type=int, default=None, help="batches per row")
    parser.add_argument("--check", action="store_true", help="exit 1 when a row misses its bar")
    options = parser.parse_args()
    rounds = options.rounds or (3 if options.quick else 7)
    batch = 500 if options.quick else BATCH

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
    import time_machine

    import mockway

    results: dict[str, float] = {}
    with time_machine.travel(1_800_000_000, tick=False) as clock, mockway.mock_aws() as handle:
        apigw = boto3.client("apigateway")
        api = handle.apigateway().create_deployed_api(paths=("/pets",), api_key_required=True)
        plan = apigw.create_usage_plan(
            name="bench",
            apiStages=[api.api_stage],
            throttle={"burstLimit": 1_000_000, "rateLimit": 1_000_000.0},
            quota={"limit": 1_000_000_000, "period": "DAY"},
        )
        key = apigw.create_api_key(name="bench", enabled=True)
        apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        senders = _senders(f"{api.invoke_url}/pets", key["value"], handle)
        for name, send in senders.items():
            assert send() == 200, name  # warm-up, and a check that the row is answered
            rates = []
            for _ in range(rounds):
                clock.shift(1)  # the account's bucket refills
                gc.disable()
                began = time.perf_counter()
                for _ in range(batch):
                    send()
                elapsed = time.perf_counter() - began
                gc.enable()
                rates.append(batch / elapsed)
            assert send() == 200, name
            results[name] = statistics.median(rates)

    print("| way | requests/s | bar |")
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
