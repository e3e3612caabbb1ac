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
an ``httpx.Client`` and a ``urllib3.PoolManager``, each reaching mockway through its adapter;
``requests`` alone, answered by a canned adapter without mockway (its own cost, the ceiling of
its row); then the handle with 10 keys in 10 plans and with 10,000 keys in 300 plans, whose
rates must be the same within ``FLAT``.
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
FLAT = 1.2
"""With ``--check``: the handle's rate with 10 keys in 10 plans over its rate with 10,000 keys
in 300 plans (the most an account may have) may be this much at most."""
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


def _requests_alone(url: str, key: str) -> Callable[[], int]:
    """``requests`` answered by a transport adapter that returns a canned 200 at once, with no
    mockway: what ``requests`` itself costs on this machine, the ceiling of its row. The
    environment's proxy settings are not looked up, as mockway skips them for the hosts it
    claims."""
    import requests
    from requests.adapters import BaseAdapter

    class Canned(BaseAdapter):
        def send(self, request: Any, **kwargs: Any) -> Any:
            response = requests.Response()
            response.status_code, response._content = 200, b"{}"
            response.headers["Content-Type"] = "application/json"
            response.request, response.url = request, request.url
            return response

        def close(self) -> None:
            pass

    session = requests.Session()
    session.trust_env = False
    session.mount("https://", Canned())
    headers = {"x-api-key": key}
    return lambda: session.get(url, headers=headers).status_code


def _world(handle: Any, keys: int, plans: int) -> tuple[str, str]:
    """A deployed ``GET /pets`` that requires a key, ``plans`` usage plans bound to its stage
    and ``keys`` keys spread over them (imported in one call); the URL, and the value of the
    last key, which is in the last plan (a search through plans would find it last)."""
    import boto3

    apigw = boto3.client("apigateway")
    api = handle.apigateway().create_deployed_api(paths=("/pets",), api_key_required=True)
    plan_ids = [
        apigw.create_usage_plan(
            name=f"bench-{n}",
            apiStages=[api.api_stage],
            throttle={"burstLimit": 1_000_000, "rateLimit": 1_000_000.0},
            quota={"limit": 1_000_000_000, "period": "DAY"},
        )["id"]
        for n in range(plans)
    ]
    rows = [
        f"key-{n:05d}-value-bench,key-{n},true,{plan_ids[n * plans // keys]}" for n in range(keys)
    ]
    apigw.import_api_keys(body="key,name,enabled,usageplanIds\n" + "\n".join(rows), format="csv")
    return f"{api.invoke_url}/pets", f"key-{keys - 1:05d}-value-bench"


def main() -> int:
    rounds, batch, check = options(__doc__.split("\n\n")[0], BATCH, 500)
    offline()
    import time_machine

    import mockway

    results: dict[str, float] = {}
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        with mockway.mock_aws() as handle:
            url, key = _world(handle, 1, 1)
            senders = _senders(url, key, handle)
            for name, send in senders.items():
                # the account's bucket refills between batches, as it would at this rate
                results[name] = rate(name, send, rounds, batch, between=lambda: clock.shift(1))
        results["requests, no mockway"] = rate("alone", _requests_alone(url, key), rounds, batch)
        for keys, plans in ((10, 10), (10_000, 300)):
            with mockway.mock_aws() as handle:
                url, key = _world(handle, keys, plans)
                send = _senders(url, key, handle)["handle"]
                row = f"handle, {keys:,} keys in {plans} plans"
                results[row] = rate(row, send, rounds, batch, between=lambda: clock.shift(1))
    missed = report(results, BARS, "requests/s", check)
    small, big = list(results.values())[-2:]
    print(f"\n10 keys and plans against 10,000 and 300: {small / big:.2f}x (bar {FLAT}x)")
    return missed or int(check and small / big > FLAT)


if __name__ == "__main__":
    sys.exit(main())
