"""What the throughput benchmarks share: their options, a process that cannot reach the
network, the timed batches, and the table they print.

A row is a zero-argument ``send`` answering a status; ``rate`` times ``rounds`` batches of
``batch`` sends with the garbage collector off and answers the median sends a second;
``between`` runs before each batch, untimed (to move a frozen clock, say).
"""

from __future__ import annotations

import argparse
import gc
import os
import socket
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def options(description: str, batch: int, quick_batch: int) -> tuple[int, int, bool]:
    """``(rounds, batch, check)`` from the command line."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="shorter batches, fewer rounds")
    parser.add_argument("--rounds", type=int, default=None, help="batches per row")
    parser.add_argument("--check", action="store_true", help="exit 1 when a row misses its bar")
    parsed = parser.parse_args()
    rounds = parsed.rounds or (3 if parsed.quick else 7)
    return rounds, quick_batch if parsed.quick else batch, parsed.check


def offline() -> None:
    """Fake credentials, no profile or shared config, and sockets that refuse to connect."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the benchmark tried to reach the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse


def rate(
    name: str,
    send: Callable[[], int],
    rounds: int,
    batch: int,
    between: Callable[[], object] = lambda: None,
) -> float:
    """The median sends a second over ``rounds`` batches; every send must answer 200."""
    assert send() == 200, name  # warm-up, and a check that the row is answered
    rates = []
    for _ in range(rounds):
        between()
        gc.disable()
        began = time.perf_counter()
        for _ in range(batch):
            send()
        elapsed = time.perf_counter() - began
        gc.enable()
        rates.append(batch / elapsed)
    assert send() == 200, name
    return statistics.median(rates)


def report(results: Mapping[str, float], bars: Mapping[str, int], unit: str, check: bool) -> int:
    """Print the table; 1 when ``check`` and a row misses its bar."""
    print(f"| way | {unit} | bar |")
    print("| --- | ---: | ---: |")
    missed = []
    for name, value in results.items():
        bar = bars.get(name)
        print(f"| {name} | {value:,.0f} | {'' if bar is None else f'{bar:,}'} |")
        if bar is not None and value < bar:
            missed.append(name)
    if check and missed:
        print(f"below the bar: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0
