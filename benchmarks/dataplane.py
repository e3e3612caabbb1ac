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

import sys
from collections.abc import Callable
from typing import Any

from throughput import offline, options, rate, report

BARS = {"handle": 20_000, "requests": 5_000}
"""Requests a second each row must reach with ``--check``."""
BATCH = 4_000  # below the account's burst: a frozen clock never throttles a batch


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
    rounds, batch, check = options(__doc__.split("\n\n")[0], BATCH, 500)
    offline()
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
            # the account's bucket refills between batches, as it would at this rate
            results[name] = rate(name, send, rounds, batch, between=lambda: clock.shift(1))
    return report(results, BARS, "requests/s", check)


if __name__ == "__main__":
    sys.exit(main())
