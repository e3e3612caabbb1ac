"""benchmarks/bench.py runs end to end and prints its table (tiny counts; numbers unchecked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"
TINY = ("--quick", "--rounds", "1", "--calls", "1", "--import-runs", "1", "--large", "100")
ROWS = (
    "| `get_api_key` (µs/call) |",
    "| `create_api_key` (µs/call) |",
    "| `get_api_keys(limit=25)`, 10 keys (µs/call) |",
    "| `get_api_keys(limit=25)`, 100 keys (µs/call) [moto returns all 100] |",
    "| `get_usage_plan` (µs/call) |",
    "| `get_usage_plan_keys(limit=25)`, 10 keys (µs/call) |",
    "| `get_usage`, one key, 7 days (µs/call) |",
    "| `update_usage_plan`, one replace (µs/call) |",
    "| `update_stage`, one method setting (µs/call) |",
    "| `put_integration_response` (µs/call) |",
    "| `get_gateway_responses` (21 types) (µs/call) |",
    "| `create_authorizer` (µs/call) |",
    "| AppSync `create_api_key` (µs/call) |",
    "| AppSync `list_api_keys(maxResults=25)`, 10 keys (µs/call) |",
    "| AppSync `get_graphql_api` (µs/call) |",
    "| page with 100 keys / with 10 keys |",
    "| mock enter+exit (µs) |",
    "| import, over `import botocore` (ms) |",
    "| import, after `import boto3` (ms) |",
)


def test_quick_run_exits_0_and_prints_the_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), *TINY],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = "| benchmark | Stubber (floor) | mockway | moto | mockway / Stubber | bar | met |"
    assert header in lines
    table = lines[lines.index(header) + 2 :]
    assert [line[: line.index(" |") + 2] for line in table[: len(ROWS)]] == list(ROWS)
    usage = next(line for line in table if line.startswith("| `get_usage`,"))
    assert usage.split(" | ")[3] == "—"  # moto does not answer GetUsage


def test_snapshot_benchmark_runs_and_prints_its_table() -> None:
    script = BENCH.parent / "snapshot.py"
    done = subprocess.run(
        [sys.executable, str(script), "--runs", "3", "--apis", "1", "--keys", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| handle.restore(snapshot) |" in done.stdout
