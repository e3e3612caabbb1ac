"""mockway against botocore's Stubber (the floor) and moto, interleaved in one process.

    python benchmarks/bench.py            # the full run, a few minutes
    python benchmarks/bench.py --quick    # fewer rounds, shorter batches
    python benchmarks/bench.py --check    # exit 1 when mockway misses a bar

Every per-call row makes the same call on a botocore API Gateway client, answered three ways:

* Stubber: botocore's own ``Stubber`` returns, at ``before-call``, a response queued before
  the timed loop. No mock can answer a botocore call for less: it is the floor.
* mockway: inside ``mockway.mock_aws()``.
* moto: inside ``moto.mock_aws()``.

Each batch starts its mock afresh, seeds the keys the row needs and makes one warm-up call
(all untimed), then times a run of calls with the garbage collector off, as ``timeit`` does.
Rounds go round-robin over the rows and, in a rotating order, the mocks, so machine noise falls
on all of them alike; a cell is the median over rounds, and a ratio the median of the rounds'
ratios (the two sides of a round run moments apart). Round 0 sizes the batches and is not
counted. Import times come from fresh interpreters, interleaved, median of several runs.

The run never reaches the network: fake credentials, no profile or shared config files, a
fixed region, and a socket guard that fails any lookup or connection. It needs the ``bench``
extras (``pip install -e '.[bench]'``: boto3 and ``moto[apigateway]``) and measures the
checkout's ``src/`` whatever is installed.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import email.utils
import functools
import gc
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
SMALL_STORE = 10
PAGE = 25

FAKE_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
UNSET = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


def isolate() -> None:
    """Fake credentials, no profile or shared config, the checkout's src on the path of child
    interpreters, bytecode caching on (the import probes should see what users see), and a
    socket guard that fails any DNS lookup or connection: a benchmark must never reach AWS."""
    for name in (*UNSET, "PYTHONDONTWRITEBYTECODE"):
        os.environ.pop(name, None)
    os.environ.update(FAKE_ENVIRONMENT)
    paths = (SOURCE, os.environ.get("PYTHONPATH"))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkAttemptError(f"the benchmark tried to reach the network: {args!r}")

    socket.getaddrinfo = refuse
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]


class NetworkAttemptError(RuntimeError):
    """Raised by the socket guard; not an OSError, so botocore does not retry it."""


SOURCE = str(ROOT / "src")
sys.path.insert(0, SOURCE)  # measure the checkout, whatever is installed

import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore.stub import Stubber  # noqa: E402
from dateutil.tz import tzlocal  # noqa: E402

import mockway  # noqa: E402

try:
    import moto
    from moto.apigateway.models import apigateway_backends
    from moto.core.models import DEFAULT_ACCOUNT_ID
except ImportError as missing:
    sys.exit(f"{missing}: the benchmark needs the bench extras, pip install -e '.[bench]'")


# -- the per-call rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One per-call row: ``method`` on a store of ``keys`` API keys."""

    label: str
    method: str
    keys: int

    def kwargs(self, key_id: str) -> dict[str, Any]:
        if self.method == "get_api_key":
            return {"apiKey": key_id}
        if self.method == "create_api_key":
            return {"name": "benchmark-key"}
        return {"limit": PAGE}


def cases(large_store: int) -> tuple[Case, Case, Case, Case]:
    return (
        Case("`get_api_key`", "get_api_key", SMALL_STORE),
        Case("`create_api_key`", "create_api_key", SMALL_STORE),
        Case(f"`get_api_keys(limit={PAGE})`, {SMALL_STORE} keys", "get_api_keys", SMALL_STORE),
        Case(f"`get_api_keys(limit={PAGE})`, {large_store:,} keys", "get_api_keys", large_store),
    )


def key_names(count: int) -> list[str]:
    return [f"key-{i:05d}" for i in range(count)]


def timed(call: Callable[[], object], calls: int) -> float:
    """Seconds per call over ``calls`` calls, the garbage collector off."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - start) / calls
    finally:
        gc.enable()


def new_client() -> Any:
    return botocore.session.get_session().create_client("apigateway", region_name=REGION)


class Subject(Protocol):
    name: str

    def per_call(self, case: Case, calls: int) -> float:
        """Seconds per call of ``case``, over ``calls`` calls."""

    def enter_exit(self, times: int) -> float | None:
        """Seconds per activation and deactivation of the mock, if it has one."""


class StubberSubject:
    """The floor: botocore's Stubber returns a queued response at ``before-call``.

    Each call gets its own deep copy of the response mockway gives (``ResponseMetadata``
    included), queued before the timed loop, so the floor also hands out, and frees, a fresh
    response per call, as a test queuing its responses does.
    """

    name = "Stubber (floor)"

    def __init__(self) -> None:
        self.client = new_client()
        self.stubber = Stubber(self.client)
        self.stubber.activate()
        self.created = datetime.datetime.fromtimestamp(int(time.time()), tzlocal())

    def _api_key(self, index: int, *, value: bool = False, tags: bool = False) -> dict[str, Any]:
        key: dict[str, Any] = {"id": f"k{index:09d}"}
        if value:
            key["value"] = f"{'v' * 30}{index:010d}"
        key.update(
            name=f"key-{index:05d}",
            enabled=False,
            createdDate=self.created,
            lastUpdatedDate=self.created,
            stageKeys=[],
        )
        if tags:
            key["tags"] = {}
        return key

    def _response(self, case: Case) -> dict[str, Any]:
        status = 200
        if case.method == "get_api_key":
            response = self._api_key(0, tags=True)
        elif case.method == "create_api_key":
            response, status = self._api_key(case.keys, value=True), 201
        else:
            newest_first = range(case.keys - 1, max(case.keys - PAGE, 0) - 1, -1)
            response = {"items": [self._api_key(i) for i in newest_first]}
            if case.keys > PAGE:
                response["position"] = "bXc5OTc1"
        request_id = "0e2f5f5c-2b8c-4e37-9d4c-6a8f0c2d9b1e"
        response["ResponseMetadata"] = {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": {
                "date": email.utils.formatdate(usegmt=True),
                "content-type": "application/json",
                "connection": "keep-alive",
                "x-amzn-requestid": request_id,
                "x-amz-apigw-id": "Qk3bT8xLmN2pRs=",
            },
            "RetryAttempts": 0,
        }
        return response

    def per_call(self, case: Case, calls: int) -> float:
        response = self._response(case)
        for _ in range(calls + 1):
            self.stubber.add_response(case.method, copy.deepcopy(response))
        call = functools.partial(getattr(self.client, case.method), **case.kwargs("k000000000"))
        call()
        seconds = timed(call, calls)
        self.stubber.assert_no_pending_responses()
        return seconds

    def enter_exit(self, times: int) -> float | None:
        return None


class MockwaySubject:
    """mockway, seeded through ImportApiKeys."""

    name = "mockway"

    def __init__(self) -> None:
        self.client = new_client()

    def per_call(self, case: Case, calls: int) -> float:
        names = key_names(case.keys)
        csv = "Name,Key\n" + "".join(f"{n},{'v' * 30}{i:010d}\n" for i, n in enumerate(names))
        with mockway.mock_aws():
            ids = self.client.import_api_keys(body=csv.encode(), format="csv")["ids"]
            call = functools.partial(getattr(self.client, case.method), **case.kwargs(ids[0]))
            call()
            return timed(call, calls)

    def enter_exit(self, times: int) -> float | None:
        def enter_exit() -> None:
            with mockway.mock_aws():
                pass

        return timed(enter_exit, times)


class MotoSubject:
    """moto, seeded through its backend (moto has no ImportApiKeys)."""

    name = "moto"

    def __init__(self) -> None:
        self.client = new_client()  # created after moto's import, so moto's hook is on it

    def per_call(self, case: Case, calls: int) -> float:
        with moto.mock_aws():
            backend = apigateway_backends[DEFAULT_ACCOUNT_ID][REGION]
            ids = [backend.create_api_key({"name": n}).id for n in key_names(case.keys)]
            call = functools.partial(getattr(self.client, case.method), **case.kwargs(ids[0]))
            call()
            return timed(call, calls)

    def enter_exit(self, times: int) -> float | None:
        def enter_exit() -> None:
            with moto.mock_aws():
                pass

        return timed(enter_exit, times)


# -- running ----------------------------------------------------------------------------------

ENTER_EXIT = "enter+exit"


@dataclass
class Settings:
    rounds: int
    batch_seconds: float
    max_calls: int
    calls: int | None
    import_runs: int
    large_store: int


def batch_size(seconds_per_call: float, settings: Settings) -> int:
    if settings.calls is not None:
        return settings.calls
    return max(1, min(settings.max_calls, round(settings.batch_seconds / seconds_per_call)))


Samples = dict[tuple[str, str], list[float]]


def run_calls(subjects: Sequence[Subject], settings: Settings) -> Samples:
    """Per-call and enter+exit samples, by (row, subject name)."""
    rows = cases(settings.large_store)
    sizes: dict[tuple[str, str], int] = {}
    samples: Samples = {}
    first = 0 if settings.calls is not None else -1  # round -1 sizes the batches
    for round_ in range(first, settings.rounds):
        print(f"round {round_ + 1}/{settings.rounds}", file=sys.stderr, flush=True)
        shift = round_ % len(subjects)
        order = [*subjects[shift:], *subjects[:shift]]
        for case in rows:
            for subject in order:
                key = (case.label, subject.name)
                seconds = subject.per_call(case, sizes.get(key, settings.calls or 1))
                if round_ < 0:
                    sizes[key] = batch_size(seconds, settings)
                else:
                    samples.setdefault(key, []).append(seconds)
        for subject in order:
            key = (ENTER_EXIT, subject.name)
            result = subject.enter_exit(sizes.get(key, settings.calls or 1))
            if result is None:
                continue
            if round_ < 0:
                sizes[key] = batch_size(result, settings)
            else:
                samples.setdefault(key, []).append(result)
    return samples


IMPORT_PROBE = """\
import time
{prelude}
start = time.perf_counter()
import {module}
print(time.perf_counter() - start)
"""
NAMES = (StubberSubject.name, MockwaySubject.name, MotoSubject.name)
MODULES = {StubberSubject.name: "botocore.stub", "mockway": "mockway", "moto": "moto"}
IMPORT_PROBES = {
    # (subject, or "botocore" for the baseline; prelude): the module timed
    ("botocore", ""): "botocore",
    **{(name, ""): module for name, module in MODULES.items()},
    **{(name, "import boto3"): module for name, module in MODULES.items()},
}


def import_seconds(module: str, prelude: str) -> float:
    """Seconds ``import module`` takes in a fresh interpreter, after ``prelude``."""
    code = IMPORT_PROBE.format(module=module, prelude=prelude)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return float(done.stdout.split()[-1])


def run_imports(runs: int) -> Samples:
    """Import times by (label, prelude), after one run that fills the bytecode caches."""
    modules = sorted({*IMPORT_PROBES.values(), "boto3"})
    warm_up = [sys.executable, "-c", f"import {', '.join(modules)}"]
    subprocess.run(warm_up, check=True, timeout=120)
    samples: Samples = {}
    for run in range(runs):
        print(f"imports {run + 1}/{runs}", file=sys.stderr, flush=True)
        for probe, module in IMPORT_PROBES.items():
            samples.setdefault(probe, []).append(import_seconds(module, probe[1]))
    return samples


# -- the report -------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    cells: Sequence[str]  # Stubber, mockway, moto
    ratio: str
    bar: str
    met: bool | None


def us(seconds: float) -> str:
    value = seconds * 1e6
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.0f}"


def times(ratio: float) -> str:
    return f"{ratio:.2f}x" if ratio < 10 else f"{ratio:,.0f}x"


def paired(numerators: list[float], denominators: list[float]) -> float:
    """The median of per-round ratios: both sides of a round ran within moments of each
    other, so load that comes and goes between rounds cancels out."""
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def report(calls: Samples, imports: Samples, settings: Settings) -> list[Row]:
    median = {key: statistics.median(values) for key, values in calls.items()}
    rows: list[Row] = []
    get, create, small, large = cases(settings.large_store)
    for case in (get, create, small, large):
        label = f"{case.label} (µs/call)"
        if case is large:
            label += f" [moto returns all {case.keys:,}]"
        cells = [us(median[case.label, name]) for name in NAMES]
        ratio = paired(calls[case.label, "mockway"], calls[case.label, NAMES[0]])
        rows.append(Row(label, cells, f"{ratio:.2f}x", "≤ 1.3x", ratio <= 1.3))

    growth = [paired(calls[large.label, name], calls[small.label, name]) for name in NAMES]
    label = f"page with {large.keys:,} keys / with {small.keys} keys"
    rows.append(Row(label, [times(g) for g in growth], "", "≤ 1.5x", growth[1] <= 1.5))

    ours = median[ENTER_EXIT, "mockway"]
    cells = ["—", us(ours), us(median[ENTER_EXIT, "moto"])]
    rows.append(Row("mock enter+exit (µs)", cells, "", "≤ 100 µs", ours <= 100e-6))

    def over_botocore(name: str) -> float:
        """Median over runs of (import of ``name``'s module) - (import botocore)."""
        pairs = zip(imports[name, ""], imports["botocore", ""], strict=True)
        return statistics.median(a - b for a, b in pairs)

    over = [over_botocore(name) for name in NAMES]
    label = "import, over `import botocore` (ms)"
    rows.append(Row(label, [ms(o) for o in over], "", "≤ 50 ms", over[1] <= 50e-3))
    after = [statistics.median(imports[name, "import boto3"]) for name in NAMES]
    rows.append(Row("import, after `import boto3` (ms)", [ms(a) for a in after], "", "", None))
    return rows


def markdown(rows: list[Row]) -> str:
    header = ("benchmark", *NAMES, "mockway / Stubber", "bar", "met")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append("| " + " | ".join((row.label, *row.cells, row.ratio, row.bar, met)) + " |")
    return "\n".join(lines)


def machine(settings: Settings) -> str:
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
        f"botocore {botocore.__version__}, moto {moto.__version__}, mockway {mockway.__version__}; "
        f"{settings.rounds} rounds, imports median of {settings.import_runs} runs"
    )


def parse(argv: Sequence[str] | None) -> tuple[Settings, bool]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--quick", action="store_true", help="3 rounds, short batches, 3 import runs")
    add("--rounds", type=int, help="measured rounds (default 21, quick 3)")
    add("--calls", type=int, help="calls per batch (default: sized to the batch time)")
    add("--import-runs", type=int, help="interpreters per import probe (default 9, quick 3)")
    add("--large", type=int, default=10_000, help="keys in the large store (default 10,000)")
    add("--check", action="store_true", help="exit 1 when mockway misses a bar")
    args = parser.parse_args(argv)
    quick = args.quick
    settings = Settings(
        rounds=args.rounds or (3 if quick else 21),
        batch_seconds=0.02 if quick else 0.05,
        max_calls=200 if quick else 1_000,
        calls=args.calls,
        import_runs=args.import_runs or (3 if quick else 9),
        large_store=args.large,
    )
    if settings.large_store <= PAGE or settings.large_store > 10_000:
        parser.error(f"--large must be more than {PAGE} and at most 10,000 (API Gateway's limit)")
    return settings, args.check


def main(argv: Sequence[str] | None = None) -> int:
    settings, check = parse(argv)
    isolate()
    subjects: list[Subject] = [StubberSubject(), MockwaySubject(), MotoSubject()]
    calls = run_calls(subjects, settings)
    imports = run_imports(settings.import_runs)
    rows = report(calls, imports, settings)
    print(machine(settings))
    print()
    print(markdown(rows))
    missed = [row.label for row in rows if row.met is False]
    if missed:
        print(f"\nmockway misses {len(missed)} bar(s): " + "; ".join(missed))
    return 1 if check and missed else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.exit(main())
