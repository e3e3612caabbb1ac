"""mockway against botocore's Stubber (the floor) and moto, interleaved in one process.

    python benchmarks/bench.py            # the full run, a few minutes
    python benchmarks/bench.py --quick    # fewer rounds, shorter batches
    python benchmarks/bench.py --check    # exit 1 when mockway misses a bar

Every per-call row makes the same call on a botocore client (API Gateway or AppSync), answered
three ways:

* Stubber: botocore's own ``Stubber`` returns, at ``before-call``, a response queued before
  the timed loop: a deep copy of the response mockway gives to the same call. No mock can
  answer a botocore call for less: it is the floor.
* mockway: inside ``mockway.mock_aws()``.
* moto: inside ``moto.mock_aws()``, for the calls moto answers ("—" for the others).

Each batch starts its mock afresh, seeds what the row needs and makes one warm-up call (all
untimed), then times a run of calls with the garbage collector off, as ``timeit`` does.
Rounds go round-robin over the rows and, in a rotating order, the mocks, so machine noise falls
on all of them alike; a cell is the median over rounds, and a ratio the median of the rounds'
ratios (the two sides of a round run moments apart). Round 0 sizes the batches and is not
counted. Import times come from fresh interpreters, interleaved, median of several runs.

A row is a ``Case`` in ``cases()``: a client method, and a function that seeds a fresh mock
through a ``Store`` and returns the call's parameters.

The run never reaches the network: fake credentials, no profile or shared config files, a
fixed region, and a socket guard that fails any lookup or connection. It needs the ``bench``
extras (``pip install -e '.[bench]'``: boto3 and ``moto[apigateway]``) and measures the
checkout's ``src/`` whatever is installed.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import functools
import gc
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
APIGATEWAY, APPSYNC = SERVICES = ("apigateway", "appsync")
SMALL_STORE = 10
PAGE = 25
USAGE_DAYS = 7
APPSYNC_KEYS_PER_API = 50
AUTHORIZERS_PER_API = 10
AUTHORIZER_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
)
MAX_CALLS = 1_000  # AppSync holds 25 APIs of 50 keys: a batch of create_api_key fits
PER_CALL_BAR = 1.3

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

import mockway  # noqa: E402

try:
    import moto
    from moto.apigateway.models import apigateway_backends
    from moto.core.models import DEFAULT_ACCOUNT_ID
except ImportError as missing:
    sys.exit(f"{missing}: the benchmark needs the bench extras, pip install -e '.[bench]'")


# -- the per-call rows ------------------------------------------------------------------------

Params = dict[str, Any]


class Store:
    """Seeds a row's resources in a fresh mock, through that mock's clients; API Gateway keys
    in bulk the quickest way the mock has."""

    def __init__(self, clients: Mapping[str, Any]) -> None:
        self.apigateway = clients["apigateway"]
        self.appsync = clients["appsync"]

    def api_keys(self, count: int) -> list[str]:
        """The ids of ``count`` new API Gateway keys, named ``key-00000`` on."""
        raise NotImplementedError

    def usage_plan(self, keys: int) -> tuple[str, list[str]]:
        """A usage plan with a throttle, a weekly quota and ``keys`` new API keys: the plan's
        id and the keys' ids."""
        key_ids = self.api_keys(keys)
        plan_id: str = self.apigateway.create_usage_plan(
            name="benchmark-plan",
            description="a usage plan",
            throttle={"burstLimit": 100, "rateLimit": 50.0},
            quota={"limit": 10_000, "period": "WEEK"},
        )["id"]
        for key_id in key_ids:
            self.apigateway.create_usage_plan_key(
                usagePlanId=plan_id, keyId=key_id, keyType="API_KEY"
            )
        return plan_id, key_ids

    def deployed_api(self) -> dict[str, str]:
        """A REST API with ``POST /pets`` (a method response and a MOCK integration), deployed
        to stage ``dev``: the ids that name its method."""
        aws = self.apigateway
        api = aws.create_rest_api(name="benchmark-api")
        pets = aws.create_resource(
            restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
        )
        where = {"restApiId": api["id"], "resourceId": pets["id"], "httpMethod": "POST"}
        aws.put_method(**where, authorizationType="NONE")
        aws.put_method_response(**where, statusCode="200")
        aws.put_integration(**where, type="MOCK")
        aws.create_deployment(restApiId=api["id"], stageName="dev")
        return where

    def graphql_api(self, keys: int) -> str:
        """The id of a new GraphQL API with ``keys`` API keys."""
        api = self.appsync.create_graphql_api(name="benchmark-api", authenticationType="API_KEY")
        api_id: str = api["graphqlApi"]["apiId"]
        for _ in range(keys):
            self.appsync.create_api_key(apiId=api_id)
        return api_id


def key_names(count: int) -> list[str]:
    return [f"key-{i:05d}" for i in range(count)]


class MockwayStore(Store):
    def api_keys(self, count: int) -> list[str]:
        """Through one ImportApiKeys call."""
        rows = (f"{n},{'v' * 30}{i:010d}\n" for i, n in enumerate(key_names(count)))
        csv = "Name,Key\n" + "".join(rows)
        ids: list[str] = self.apigateway.import_api_keys(body=csv.encode(), format="csv")["ids"]
        return ids


class MotoStore(Store):
    def api_keys(self, count: int) -> list[str]:
        """Through moto's backend: moto has no ImportApiKeys, and creating 10,000 keys through
        its client takes tens of seconds."""
        backend = apigateway_backends[DEFAULT_ACCOUNT_ID][REGION]
        return [backend.create_api_key({"name": n}).id for n in key_names(count)]


Prepare = Callable[[Store], Params]


@dataclass(frozen=True)
class Case:
    """One per-call row: ``method`` on the ``service`` client, every call with the parameters
    ``prepare`` gives after seeding a fresh mock, unless ``each_call`` gives each call its own."""

    label: str
    service: str
    method: str
    prepare: Prepare | None = None
    each_call: Callable[[Store, int], list[Params]] | None = None
    """(store, calls): the parameters of each of ``calls`` calls."""
    moto: bool = True
    """False when moto does not answer the call: its cell is "—"."""
    note: str = ""

    def params(self, store: Store, calls: int) -> list[Params]:
        if self.each_call is not None:
            return self.each_call(store, calls)
        assert self.prepare is not None
        return [self.prepare(store)] * calls


def get_api_key(store: Store) -> Params:
    return {"apiKey": store.api_keys(SMALL_STORE)[0]}


def create_api_key(store: Store) -> Params:
    store.api_keys(SMALL_STORE)
    return {"name": "benchmark-key"}


def get_api_keys(keys: int) -> Prepare:
    def prepare(store: Store) -> Params:
        store.api_keys(keys)
        return {"limit": PAGE}

    return prepare


def get_usage_plan(store: Store) -> Params:
    plan_id, _ = store.usage_plan(SMALL_STORE)
    return {"usagePlanId": plan_id}


def get_usage_plan_keys(store: Store) -> Params:
    plan_id, _ = store.usage_plan(SMALL_STORE)
    return {"usagePlanId": plan_id, "limit": PAGE}


def get_usage(store: Store) -> Params:
    plan_id, key_ids = store.usage_plan(SMALL_STORE)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first = today - datetime.timedelta(days=USAGE_DAYS - 1)
    return {
        "usagePlanId": plan_id,
        "keyId": key_ids[0],
        "startDate": first.isoformat(),
        "endDate": today.isoformat(),
    }


def update_usage_plan(store: Store) -> Params:
    plan_id, _ = store.usage_plan(SMALL_STORE)
    replace = {"op": "replace", "path": "/description", "value": "a usage plan, updated"}
    return {"usagePlanId": plan_id, "patchOperations": [replace]}


def update_stage(store: Store) -> Params:
    api_id = store.deployed_api()["restApiId"]
    replace = {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"}
    return {"restApiId": api_id, "stageName": "dev", "patchOperations": [replace]}


def put_integration_response(store: Store) -> Params:
    return {
        **store.deployed_api(),
        "statusCode": "200",
        "responseTemplates": {"application/json": '{"ok": true}'},
    }


def get_gateway_responses(store: Store) -> Params:
    return {"restApiId": store.deployed_api()["restApiId"]}


def create_authorizer(store: Store, calls: int) -> list[Params]:
    """A REST API holds 10 authorizers: the calls fill one new API after another."""
    apis = [
        store.apigateway.create_rest_api(name="benchmark-api")["id"]
        for _ in range(-(-calls // AUTHORIZERS_PER_API))
    ]
    return [
        {
            "restApiId": apis[call // AUTHORIZERS_PER_API],
            "name": f"authorizer-{call}",
            "type": "TOKEN",
            "authorizerUri": AUTHORIZER_URI,
            "identitySource": "method.request.header.Authorization",
        }
        for call in range(calls)
    ]


def appsync_create_api_key(store: Store, calls: int) -> list[Params]:
    """AppSync holds 50 keys per API: the calls fill one new API after another."""
    apis = [store.graphql_api(0) for _ in range(-(-calls // APPSYNC_KEYS_PER_API))]
    return [{"apiId": apis[call // APPSYNC_KEYS_PER_API]} for call in range(calls)]


def list_api_keys(store: Store) -> Params:
    return {"apiId": store.graphql_api(SMALL_STORE), "maxResults": PAGE}


def get_graphql_api(store: Store) -> Params:
    return {"apiId": store.graphql_api(SMALL_STORE)}


def page_cases(large_store: int) -> tuple[Case, Case]:
    """The first page of API keys from a small and a large store."""
    label, method = f"`get_api_keys(limit={PAGE})`", "get_api_keys"
    note = f" [moto returns all {large_store:,}]"
    return (
        Case(f"{label}, {SMALL_STORE} keys", APIGATEWAY, method, get_api_keys(SMALL_STORE)),
        Case(
            f"{label}, {large_store:,} keys",
            APIGATEWAY,
            method,
            get_api_keys(large_store),
            note=note,
        ),
    )


def cases(large_store: int) -> tuple[Case, ...]:
    return (
        Case("`get_api_key`", APIGATEWAY, "get_api_key", get_api_key),
        Case("`create_api_key`", APIGATEWAY, "create_api_key", create_api_key),
        *page_cases(large_store),
        Case("`get_usage_plan`", APIGATEWAY, "get_usage_plan", get_usage_plan),
        Case(
            f"`get_usage_plan_keys(limit={PAGE})`, {SMALL_STORE} keys",
            APIGATEWAY,
            "get_usage_plan_keys",
            get_usage_plan_keys,
        ),
        Case(
            f"`get_usage`, one key, {USAGE_DAYS} days",
            APIGATEWAY,
            "get_usage",
            get_usage,
            moto=False,
        ),
        Case(
            "`update_usage_plan`, one replace", APIGATEWAY, "update_usage_plan", update_usage_plan
        ),
        Case("`update_stage`, one method setting", APIGATEWAY, "update_stage", update_stage),
        Case(
            "`put_integration_response`",
            APIGATEWAY,
            "put_integration_response",
            put_integration_response,
        ),
        Case(
            "`get_gateway_responses` (21 types)",
            APIGATEWAY,
            "get_gateway_responses",
            get_gateway_responses,
        ),
        Case("`create_authorizer`", APIGATEWAY, "create_authorizer", each_call=create_authorizer),
        Case(
            "AppSync `create_api_key`", APPSYNC, "create_api_key", each_call=appsync_create_api_key
        ),
        Case(
            f"AppSync `list_api_keys(maxResults={PAGE})`, {SMALL_STORE} keys",
            APPSYNC,
            "list_api_keys",
            list_api_keys,
        ),
        Case("AppSync `get_graphql_api`", APPSYNC, "get_graphql_api", get_graphql_api),
    )


def timed(calls: Sequence[Callable[[], object]]) -> float:
    """Seconds per call over ``calls``, the garbage collector off."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for call in calls:
            call()
        return (time.perf_counter() - start) / len(calls)
    finally:
        gc.enable()


def new_clients() -> dict[str, Any]:
    session = botocore.session.get_session()
    return {name: session.create_client(name, region_name=REGION) for name in SERVICES}


def bind(clients: Mapping[str, Any], case: Case, params: list[Params]) -> list[Callable[[], Any]]:
    """One call per parameters, on ``case``'s method of ``clients``."""
    method = getattr(clients[case.service], case.method)
    return [functools.partial(method, **p) for p in params]


class Subject(Protocol):
    name: str

    def per_call(self, case: Case, calls: int) -> float | None:
        """Seconds per call of ``case``, over ``calls`` calls; None when it cannot make them."""

    def enter_exit(self, times: int) -> float | None:
        """Seconds per activation and deactivation of the mock, if it has one."""


class StubberSubject:
    """The floor: botocore's Stubber returns a queued response at ``before-call``.

    The response is the one mockway gives to the row's first call (``ResponseMetadata``
    included), taken once from an untimed run in a fresh mockway. Each call gets its own deep
    copy of it, queued before the timed loop, so the floor also hands out, and frees, a fresh
    response per call, as a test queuing its responses does.
    """

    name = "Stubber (floor)"

    def __init__(self) -> None:
        self.clients = new_clients()
        self.stubbers = {name: Stubber(client) for name, client in self.clients.items()}
        for stubber in self.stubbers.values():
            stubber.activate()
        self._mockway_clients = new_clients()
        self._answers: dict[tuple[str, int], tuple[list[Params], Params]] = {}

    def _mockway_answer(self, case: Case, calls: int) -> tuple[list[Params], Params]:
        """The parameters of ``calls`` calls of ``case``, and mockway's response to the first."""
        key = (case.label, calls)
        if key not in self._answers:
            with mockway.mock_aws():
                params = case.params(MockwayStore(self._mockway_clients), calls)
                response = bind(self._mockway_clients, case, params[:1])[0]()
            self._answers[key] = (params, response)
        return self._answers[key]

    def per_call(self, case: Case, calls: int) -> float | None:
        params, response = self._mockway_answer(case, calls + 1)
        stubber = self.stubbers[case.service]
        for _ in params:
            stubber.add_response(case.method, copy.deepcopy(response))
        warm_up, *timed_calls = bind(self.clients, case, params)
        warm_up()
        seconds = timed(timed_calls)
        stubber.assert_no_pending_responses()
        return seconds

    def enter_exit(self, times: int) -> float | None:
        return None


class MockSubject:
    """A mock: each batch activates it afresh and seeds the row through its ``store``."""

    name: str
    activate: Callable[[], AbstractContextManager[Any]]
    store: type[Store]

    def __init__(self) -> None:
        self.clients = new_clients()

    def per_call(self, case: Case, calls: int) -> float | None:
        with self.activate():
            warm_up, *timed_calls = bind(
                self.clients, case, case.params(self.store(self.clients), calls + 1)
            )
            warm_up()
            return timed(timed_calls)

    def enter_exit(self, times: int) -> float | None:
        activate = self.activate

        def enter_exit() -> None:
            with activate():
                pass

        return timed([enter_exit] * times)


class MockwaySubject(MockSubject):
    name = "mockway"
    activate = staticmethod(mockway.mock_aws)
    store = MockwayStore


class MotoSubject(MockSubject):
    """moto; its clients are created after moto's import, so moto's hook is on them."""

    name = "moto"
    activate = staticmethod(moto.mock_aws)
    store = MotoStore

    def per_call(self, case: Case, calls: int) -> float | None:
        return super().per_call(case, calls) if case.moto else None


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
                if seconds is None:
                    continue
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
        if round_ == first:
            # What the first round loaded (modules, clients, models) stays for the run: frozen,
            # it is no longer walked by the collection before every batch.
            gc.collect()
            gc.freeze()
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


def keys(label: str) -> list[tuple[str, str]]:
    return [(label, name) for name in NAMES]


def report(calls: Samples, imports: Samples, settings: Settings) -> list[Row]:
    median = {key: statistics.median(values) for key, values in calls.items()}
    rows: list[Row] = []
    for case in cases(settings.large_store):
        label = f"{case.label} (µs/call){case.note}"
        cells = [us(median[key]) if key in median else "—" for key in keys(case.label)]
        ratio = paired(calls[case.label, "mockway"], calls[case.label, NAMES[0]])
        bar = f"≤ {PER_CALL_BAR}x"
        rows.append(Row(label, cells, f"{ratio:.2f}x", bar, ratio <= PER_CALL_BAR))

    small, large = page_cases(settings.large_store)
    growth = [paired(calls[large.label, name], calls[small.label, name]) for name in NAMES]
    label = f"page with {settings.large_store:,} keys / with {SMALL_STORE} keys"
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
        max_calls=200 if quick else MAX_CALLS,
        calls=args.calls,
        import_runs=args.import_runs or (3 if quick else 9),
        large_store=args.large,
    )
    if settings.large_store <= PAGE or settings.large_store > 10_000:
        parser.error(f"--large must be more than {PAGE} and at most 10,000 (API Gateway's limit)")
    if settings.calls is not None and not 1 <= settings.calls <= MAX_CALLS:
        parser.error(f"--calls must be 1 to {MAX_CALLS:,}")
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
