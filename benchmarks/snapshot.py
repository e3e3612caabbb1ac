"""How long a state takes to build through boto3, to snapshot, and to restore.

The state is what a test of metering starts from, ``--apis`` times over: a REST API with three
resources deployed to a stage, a usage plan for it with ``--keys`` API keys and recorded usage,
and a GraphQL API with a schema and a key. Prints the median over ``--runs`` runs of building
it (boto3 calls and the handle's factories), of ``handle.snapshot()``, of
``handle.restore(snapshot)``, and of saving and loading the state file.

    python benchmarks/snapshot.py [--runs N] [--apis N] [--keys N] [--check]

``--check`` exits 1 unless a restore is at least 10 times faster than the build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import mockway
from mockway import Snapshot, mock_aws


def build(aws: mockway.Handle, apis: int, keys: int) -> None:
    for n in range(apis):
        api = aws.apigateway().create_deployed_api(f"api{n}", paths=("/a", "/b", "/c/d"))
        plan = aws.apigateway().create_usage_plan_with_keys(
            api, keys=keys, name=f"plan{n}", quota={"limit": 1000, "period": "DAY"}
        )
        aws.apigateway().record_usage(plan.plan_id, plan.key_ids[0], requests=5)
        aws.appsync().create_graphql_api_with_key(
            f"graphql{n}", schema="type Query { pets: [String] }"
        )


def timed(action: Callable[[], object], runs: int) -> float:
    """The median of ``runs`` timings of ``action``, in microseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=51)
    parser.add_argument("--apis", type=int, default=5)
    parser.add_argument("--keys", type=int, default=5)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    def build_once() -> None:
        with mock_aws() as fresh:
            build(fresh, args.apis, args.keys)

    build_us = timed(build_once, max(3, args.runs // 10))
    with mock_aws() as aws, tempfile.TemporaryDirectory() as folder:
        build(aws, args.apis, args.keys)
        snap = aws.snapshot()
        snapshot_us = timed(aws.snapshot, args.runs)
        restore_us = timed(lambda: aws.restore(snap), args.runs)
        path = Path(folder) / "state.json"
        save_us = timed(lambda: snap.save(path), max(3, args.runs // 10))
        load_us = timed(lambda: Snapshot.load(path), max(3, args.runs // 10))
        size = path.stat().st_size
    rows = [
        (f"build through boto3 ({args.apis} APIs, {args.keys} keys each)", build_us),
        ("handle.snapshot()", snapshot_us),
        ("handle.restore(snapshot)", restore_us),
        (f"snapshot.save(path) ({size / 1024:.0f} KiB)", save_us),
        ("Snapshot.load(path)", load_us),
    ]
    print("| step | median (µs) |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value:,.0f} |")
    print(f"restore is {build_us / restore_us:.0f}x faster than the build")
    if args.check and build_us / restore_us < 10:
        print("FAIL: a restore is not 10 times faster than the build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
