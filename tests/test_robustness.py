"""Every supported operation, driven with generated and garbage parameters.

The operations come from ``mockway.supported_operations()`` at run time and the parameters from
each operation's botocore input shape, so an operation added later is covered with no edit
here. The client has ``parameter_validation=False``: whatever it is given reaches mockway, and
the only failures allowed are the service's own ``ClientError``s. A rejected call, and any
successful read, must leave the backends exactly as they were: compared deep, field by field,
through the handle's state after every call, and through every parameterless Get*/List*
operation after each operation's run.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import OperationModel, Shape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import mockway
from mockway import mock_aws
from support import client, without_metadata

SUPPORTED = mockway.supported_operations()
OPERATIONS = [(service, name) for service, names in SUPPORTED.items() for name in names]
MODELS = {
    service: botocore.session.get_session().get_service_model(service) for service in SUPPORTED
}
# Beside the modeled errors: the validation errors, and the JSON reader's (API Gateway's
# SerializationException for a boolean or number where a string belongs).
ALLOWED_CODES = {
    service: {shape.name for shape in model.error_shapes}
    | {"ValidationException", "SerializationException"}
    for service, model in MODELS.items()
}
READ_PREFIXES = ("Get", "List")
# Examples per operation; raise it to hunt (MOCKWAY_ROBUSTNESS_EXAMPLES=1000 pytest ...).
EXAMPLES = int(os.environ.get("MOCKWAY_ROBUSTNESS_EXAMPLES", "40"))
HUGE = "x" * 200_000
LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))

GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(),
    st.text(max_size=20),
    st.just(HUGE),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)
FIXED_STRINGS = [
    "", " ", "/", "~1", "null", "true", "false", "TRUE", "csv", "json", "API_KEY", "DAY", "WEEK",
    "MONTH", "GET", "ANY", "MOCK", "NONE", "HEADER", "REGIONAL", "EDGE", "PRIVATE", "0", "1",
    "-1", "10", "1.5", "NaN", "Infinity", "1e309", "2024-01-01", "2024-01-31", "2024-13-45",
    "add", "remove", "replace", "move", "copy", "test", "aws:tag", "n" * 1025, "v" * 129,
    "/name", "/description", "/enabled", "/customerId", "/stages", "/id", "/na~1me",
    "/throttle/burstLimit", "/throttle/rateLimit", "/quota/limit", "/quota/period",
    "/quota/offset", "/apiStages", "/productCode", "/remaining", "/cloudwatchRoleArn",
    "/features", "UsagePlans", "arn:aws:apigateway:us-east-1::/apikeys/none",
    "arn:aws:iam::123456789012:role/apigw", "API_KEY_ONLY", "GRAPHQL", "MERGED", "GLOBAL",
]  # fmt: skip
CSV_HEADERS = ["key,name", "Key,Name,Enabled,Description", "name,key,usageplanIds", "name"]


# -- a deterministic picture of everything the backends hold ----------------------------------


def dump(value: Any, depth: int = 0) -> Any:
    """Plain data for ``value``, deep, with locks left out; equal dumps mean equal state."""
    if depth > 40:
        raise AssertionError("backend state nests deeper than expected (a cycle?)")
    if value is None or isinstance(value, (str, bytes, bool, int, float, datetime.datetime)):
        return value
    if isinstance(value, LOCK_TYPES):
        return "<lock>"
    if isinstance(value, Mapping):
        return {repr(k): dump(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dump(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(dump(item, depth + 1)) for item in value)
    if dataclasses.is_dataclass(value):
        # Fields left out of comparison are caches of what the others hold, not state.
        return {
            f.name: dump(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
            if f.compare
        }
    names: list[str] = []
    for cls in type(value).__mro__:
        names.extend(getattr(cls, "__slots__", ()))
    names.extend(getattr(value, "__dict__", {}))
    return {
        type(value).__name__ + "." + name: dump(getattr(value, name), depth + 1)
        for name in names
        if name not in _NOT_STATE and hasattr(value, name)
    }


_NOT_STATE = ("__weakref__", "__dict__", "generation")
"""Attributes that hold no state: a backend's ``generation`` marks every control-plane call,
reads included, so that the data plane knows when to look at the state again."""


def snapshot(handle: mockway.Handle) -> Any:
    """Everything the activation's backends hold, read through the handle's state."""
    return dump(dict(sorted(handle._state._backends.items())))


def listed(clients: dict[str, Any]) -> dict[str, Any]:
    """What every parameterless Get*/List* operation answers, all pages, values included."""
    out = {}
    for service, names in SUPPORTED.items():
        aws = clients[service]
        for name in names:
            shape = MODELS[service].operation_model(name).input_shape
            if not name.startswith(READ_PREFIXES) or (shape and shape.required_members):
                continue
            params = {
                member: True
                for member, member_shape in (shape.members.items() if shape else ())
                if member_shape.type_name == "boolean"
            }
            method = xform_name(name)
            if aws.can_paginate(method):
                out[name] = aws.get_paginator(method).paginate(**params).build_full_result()
            else:
                out[name] = without_metadata(getattr(aws, method)(**params))
    return out


# -- state to aim at --------------------------------------------------------------------------


Hints = dict[str, list[str]]


def seed(clients: dict[str, Any]) -> Hints:
    """Resources for generated calls to hit, and the values that name them, by member name.

    A member named in the hints (``restApiId``, ``keyId``...) mostly gets one of the seeded
    values, so generated calls reach real resources; any other string member draws from all of
    them. Only operations mockway supports are used to seed.
    """
    names = {service: set(ops) for service, ops in SUPPORTED.items()}
    hints: Hints = {}

    def hint(members: str, *values: str) -> None:
        for member in members.split():
            hints.setdefault(member, []).extend(values)

    aws = clients["apigateway"]
    keys = [
        aws.create_api_key(
            name="seed-one",
            value="seedvalue01234567890",
            description="seeded",
            customerId="customer",
            enabled=True,
            tags={"team": "a"},
        ),
        aws.create_api_key(name="seed-two"),
    ]
    for key in keys:
        hint("apiKey keyId", key["id"])
        hint("value", key["value"])
        hint("resourceArn", f"arn:aws:apigateway:us-east-1::/apikeys/{key['id']}")
    hint("nameQuery name", "seed", "seed-one")
    hint("customerId", "customer")
    stages: list[dict[str, str]] = []
    if {"CreateRestApi", "PutMethod", "PutIntegration", "CreateDeployment"} <= names["apigateway"]:
        api = aws.create_rest_api(name="seed-api")
        api_id, root = api["id"], api["rootResourceId"]
        aws.put_method(
            restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE"
        )
        aws.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
        deployment = aws.create_deployment(restApiId=api_id, stageName="dev")
        stages.append({"apiId": api_id, "stage": "dev"})
        hint("restApiId apiId", api_id)
        hint("resourceId parentId", root)
        hint("deploymentId", deployment["id"])
        hint("stageName stage", "dev")
        hint("httpMethod", "GET")
        hint("value", f"{api_id}:dev", f"{api_id}/dev")
        hint(
            "path",
            f"/apiStages/{api_id}:dev/throttle",
            f"/apiStages/{api_id}:dev/throttle//GET/rateLimit",
        )
        hint(
            "resourceArn",
            f"arn:aws:apigateway:us-east-1::/restapis/{api_id}",
            f"arn:aws:apigateway:us-east-1::/restapis/{api_id}/stages/dev",
        )
    if "CreateUsagePlan" in names["apigateway"]:
        plan = aws.create_usage_plan(
            name="seed-plan",
            apiStages=stages,
            quota={"limit": 100, "period": "DAY"},
            throttle={"burstLimit": 10, "rateLimit": 5.0},
            tags={"plan": "p"},
        )
        hint("usagePlanId", plan["id"])
        hint("resourceArn", f"arn:aws:apigateway:us-east-1::/usageplans/{plan['id']}")
        if "CreateUsagePlanKey" in names["apigateway"]:
            aws.create_usage_plan_key(
                usagePlanId=plan["id"], keyId=keys[0]["id"], keyType="API_KEY"
            )
            hint("startDate endDate", "2024-01-01", "2024-01-31")
    appsync = clients["appsync"]
    if "CreateGraphqlApi" in names["appsync"]:
        graphql = appsync.create_graphql_api(
            name="seed_api", authenticationType="API_KEY", tags={"team": "a"}
        )["graphqlApi"]
        hint("apiId", graphql["apiId"])
        hint("resourceArn", graphql["arn"])
        hint("name", "seed_api")
        if "CreateApiKey" in names["appsync"]:
            hint("id", appsync.create_api_key(apiId=graphql["apiId"])["apiKey"]["id"])
    hint("path", "/name", "/description", "/enabled", "/customerId", "/stages")
    hint("tagKeys", "team", "plan")
    return hints


# -- parameters from the input shape ----------------------------------------------------------


class Generator:
    """Parameters for one call, drawn member by member from the input shape.

    Two out of five calls are well-formed (every required member, no garbage) so that they get
    past validation and reach the handlers' own checks; the others mix in wrong types, nulls,
    huge strings, out-of-range numbers, missing required members and unknown members.
    """

    def __init__(self, data: st.DataObject, hints: Hints) -> None:
        self.data = data
        self.hints = {name: st.sampled_from(values) for name, values in hints.items()}
        self.well_formed = data.draw(st.integers(0, 4)) < 2
        self.strings = st.one_of(
            st.sampled_from(sorted({value for values in hints.values() for value in values})),
            st.sampled_from(FIXED_STRINGS),
            st.text(max_size=30),
        )
        now = int(time.time())
        self.integers = st.integers(min_value=-5, max_value=600) | st.sampled_from(
            [-(2**31), 2**31, 2**63, 10_000, now, now + 86_400 * 2, now + 86_400 * 400]
        )

    def draw(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.data.draw(strategy)

    def garbage(self) -> bool:
        return not self.well_formed and self.draw(st.integers(0, 7)) == 0

    def size(self, depth: int) -> int:
        if depth >= 3:
            return 0
        return int(
            self.draw(st.sampled_from([0, 1, 1, 2, 3] if self.well_formed else [0, 1, 2, 51]))
        )

    def value(self, shape: Shape, depth: int = 0, name: str = "") -> Any:
        if self.garbage():
            return self.draw(GARBAGE)
        kind = shape.type_name
        if kind == "structure":
            return self.structure(shape, depth)
        if kind == "list":
            member = shape.member  # type: ignore[attr-defined]
            return [self.value(member, depth + 1, name) for _ in range(self.size(depth))]
        if kind == "map":
            key, value = shape.key, shape.value  # type: ignore[attr-defined]
            return {self.key(key): self.value(value, depth + 1) for _ in range(self.size(depth))}
        if kind == "string":
            enum = shape.metadata.get("enum")
            if enum and self.draw(st.integers(0, 3)) > 0:
                return self.draw(st.sampled_from(enum))
            if name in self.hints and self.draw(st.integers(0, 3)) > 0:
                return self.draw(self.hints[name])
            return self.draw(self.strings)
        if kind == "boolean":
            return self.draw(st.booleans())
        if kind in ("integer", "long"):
            return self.draw(self.integers)
        if kind in ("double", "float"):
            return self.draw(st.floats() | self.integers)
        if kind == "timestamp":
            return self.draw(st.datetimes(timezones=st.just(datetime.timezone.utc)) | self.integers)
        if kind == "blob":
            return self.draw(st.binary(max_size=40) | self.csv())
        return self.draw(GARBAGE)

    def key(self, shape: Shape) -> Any:
        """A map key: a string, now and then of the wrong (hashable) type."""
        if self.garbage():
            return self.draw(st.none() | st.integers() | st.booleans() | st.floats(allow_nan=False))
        enum = shape.metadata.get("enum")
        return self.draw(st.sampled_from(enum) if enum else self.strings)

    def structure(self, shape: Shape, depth: int) -> dict[str, Any]:
        out = {}
        required = set(shape.required_members)  # type: ignore[attr-defined]
        for name, member in shape.members.items():  # type: ignore[attr-defined]
            if name in required:
                wanted = self.well_formed or self.draw(st.integers(0, 9)) > 0
            else:
                wanted = depth < 4 and self.draw(st.integers(0, 9)) > 5
            if wanted:
                out[name] = self.value(member, depth + 1, name)
        if self.garbage():
            out[self.draw(st.sampled_from(["bogus", "Name", "ResponseMetadata"]))] = "x"
        return out

    def csv(self) -> st.SearchStrategy[bytes]:
        rows = st.lists(st.lists(self.strings, min_size=1, max_size=5).map(",".join), max_size=4)
        return st.tuples(st.sampled_from(CSV_HEADERS), rows).map(
            lambda parts: "\n".join([parts[0], *parts[1]]).encode()
        )


# -- the test ---------------------------------------------------------------------------------


class Session:
    """One activation with seeded state, kept across examples while they leave it unchanged.

    Reseeding costs a dozen calls; most generated calls are rejected and change nothing, so
    the state is rebuilt only after a call changed it.
    """

    def __init__(self) -> None:
        # Made before any activation, as a module-level client would be.
        self.loose = {service: client(service, validate=False) for service in SUPPORTED}
        self.strict = {service: client(service) for service in SUPPORTED}
        self.mock = mock_aws(seed=0)

    def __enter__(self) -> Session:
        self.handle = self.mock.start()
        self.hints = seed(self.strict)
        self.clean = snapshot(self.handle)
        self.clean_listing = listed(self.loose)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.mock.stop()

    def reset_if_changed(self) -> None:
        if snapshot(self.handle) != self.clean:
            self.mock.stop()
            self.handle = self.mock.start()
            assert seed(self.strict) == self.hints, "seeding is not reproducible"
            self.clean = snapshot(self.handle)
            self.clean_listing = listed(self.loose)

    def run(self, service: str, operation: str, data: st.DataObject) -> None:
        self.reset_if_changed()
        model = MODELS[service].operation_model(operation)
        params = (
            Generator(data, self.hints).structure(model.input_shape, 0) if model.input_shape else {}
        )
        try:
            getattr(self.loose[service], xform_name(operation))(**params)
        except ClientError as error:
            check_error(service, model, error)
            event(f"{error.response['Error']['Code']}")
            assert snapshot(self.handle) == self.clean, f"rejected {operation} changed state"
        else:
            event("accepted")
            if operation.startswith(READ_PREFIXES):
                assert snapshot(self.handle) == self.clean, f"{operation} changed state"


def check_error(service: str, operation: OperationModel, error: ClientError) -> None:
    code = error.response["Error"]["Code"]
    status = error.response["ResponseMetadata"]["HTTPStatusCode"]
    message = error.response["Error"]["Message"]
    assert code in ALLOWED_CODES[service], f"{operation.name} answered an unknown code {code}"
    assert 400 <= status < 600, f"{operation.name} failed with status {status}"
    assert isinstance(message, str)
    assert message, f"{operation.name} gave {code} without a message"


@pytest.fixture
def session() -> Iterator[Session]:
    """Shared by every example of one operation's test (hence the health check below)."""
    with Session() as session:
        yield session
        session.reset_if_changed()
        assert listed(session.loose) == session.clean_listing


@pytest.mark.parametrize(
    ("service", "operation"), OPERATIONS, ids=[f"{s}.{o}" for s, o in OPERATIONS]
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_operation_answers_garbage_with_client_errors_only(
    session: Session, service: str, operation: str, data: st.DataObject
) -> None:
    session.run(service, operation, data)


def test_every_supported_operation_is_driven() -> None:
    assert len(OPERATIONS) == sum(len(ops) for ops in SUPPORTED.values())
    assert ("apigateway", "CreateApiKey") in OPERATIONS
    for service, name in OPERATIONS:
        assert name in MODELS[service].operation_names


def test_snapshot_notices_a_change() -> None:
    with Session() as session:
        key_id = session.handle.apigateway().api_keys()[0].id
        session.loose["apigateway"].tag_resource(
            resourceArn=f"arn:aws:apigateway:us-east-1::/apikeys/{key_id}", tags={"new": "tag"}
        )
        assert snapshot(session.handle) != session.clean
        assert listed(session.loose) != session.clean_listing
        session.reset_if_changed()
        assert snapshot(session.handle) == session.clean
        assert (
            session.loose["apigateway"].get_tags(
                resourceArn=f"arn:aws:apigateway:us-east-1::/apikeys/{key_id}"
            )["tags"]
            == {}
        )
