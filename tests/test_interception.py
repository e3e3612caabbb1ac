"""How mockway reaches botocore clients: whenever created, sync or async, from any thread."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import threading
from typing import Any

import aiobotocore.client
import aiobotocore.session
import boto3
import botocore.session
import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from mockway import mock_apigateway, mock_aws
from support import REGION, assert_goes_to_network, client, error_of

ORIGINAL_METHODS = {
    (cls, name): cls.__dict__[name]
    for cls, name in (
        (BaseClient, "__init__"),
        (BaseClient, "_make_api_call"),
        (aiobotocore.client.AioBaseClient, "_make_api_call"),
        (botocore.session.Session, "__init__"),
        (botocore.session.Session, "create_client"),
        (aiobotocore.session.AioSession, "_create_client"),
    )
}

SUBPROCESS_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    class NetworkAccessError(AssertionError):
        pass

    def refuse(*args, **kwargs):
        raise NetworkAccessError("network access from the subprocess")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.getaddrinfo = refuse

    import boto3

    early = boto3.client("apigateway", region_name="us-east-1")
    report = {"mockway_imported_first": "mockway" in sys.modules}

    import mockway

    with mockway.mock_apigateway() as handle:
        created = early.create_api_key(name="made-by-an-early-client", enabled=True)
        listed = early.get_api_keys()["items"]
        report["created"] = {k: created[k] for k in ("id", "name", "enabled")}
        report["status"] = created["ResponseMetadata"]["HTTPStatusCode"]
        report["listed"] = [item["id"] for item in listed]
        report["handle"] = [key.id for key in handle.apigateway().api_keys()]
        try:
            early.get_api_key(apiKey="missing")
        except early.exceptions.NotFoundException as error:
            report["missing"] = error.response["Error"]["Message"]
    try:
        early.get_api_keys()
    except Exception as error:
        report["after_stop"] = type(error.kwargs["error"]).__name__
    print(json.dumps(report))
    """
)


def mockway_handlers(aws: Any, operation: str) -> list[str]:
    """Names of mockway's handlers that answer ``operation``'s events on ``aws``."""
    model = aws.meta.service_model.operation_model(operation)
    event_id = aws.meta.service_model.service_id.hyphenize()
    found = []
    for event, kwargs in (
        ("before-parameter-build", {"params": {}, "model": model, "context": {}}),
        (
            "before-call",
            {
                "model": model,
                "params": {"url": "", "headers": {}, "body": b"", "context": {}},
                "context": {"client_region": REGION},
                "request_signer": None,
            },
        ),
    ):
        for handler, _ in aws.meta.events.emit(f"{event}.{event_id}.{operation}", **kwargs):
            module = getattr(handler, "__module__", "") or ""
            if module.startswith("mockway"):
                found.append(f"{event}:{handler.__qualname__}")
    return found


# -- reaching every client --------------------------------------------------------------------


def test_client_created_before_import_is_intercepted() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SUBPROCESS_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    key_id = report["created"]["id"]
    assert report == {
        "mockway_imported_first": False,
        "created": {"id": key_id, "name": "made-by-an-early-client", "enabled": True},
        "status": 201,
        "listed": [key_id],
        "handle": [key_id],
        "missing": "Invalid API Key identifier specified",
        "after_stop": "NetworkAccessError",
    }


def test_client_created_before_activation_is_intercepted() -> None:
    aws = client("apigateway")
    assert_goes_to_network(aws, aws.get_api_keys)
    with mock_apigateway() as handle:
        created = aws.create_api_key(name="early-client")
        assert [k.id for k in handle.apigateway().api_keys()] == [created["id"]]
        assert aws.get_api_key(apiKey=created["id"])["name"] == "early-client"


def test_one_client_across_successive_activations_sees_fresh_state() -> None:
    aws = client("apigateway")
    with mock_apigateway():
        aws.create_api_key(name="first-activation")
        assert len(aws.get_api_keys()["items"]) == 1
    with mock_apigateway():
        assert aws.get_api_keys()["items"] == []
        aws.create_api_key(name="second-activation")
        assert [k["name"] for k in aws.get_api_keys()["items"]] == ["second-activation"]


def test_after_stop_client_is_released_and_classes_restored() -> None:
    aws = client("apigateway")
    with mock_apigateway():
        aws.get_api_keys()
        assert mockway_handlers(aws, "GetApiKeys") == [
            "before-parameter-build:ClientHooks.before_parameter_build",
            "before-call:ClientHooks.before_call",
        ]
        assert (
            BaseClient.__dict__["_make_api_call"]
            is not ORIGINAL_METHODS[(BaseClient, "_make_api_call")]
        )
    assert mockway_handlers(aws, "GetApiKeys") == []
    assert mockway_handlers(aws, "CreateApiKey") == []
    for (cls, name), original in ORIGINAL_METHODS.items():
        assert cls.__dict__[name] is original, f"{cls.__name__}.{name} was not restored"
    assert_goes_to_network(aws, aws.get_api_keys)


def test_without_activation_mockway_changes_nothing() -> None:
    aws = client("apigateway")
    for (cls, name), original in ORIGINAL_METHODS.items():
        assert cls.__dict__[name] is original
    assert mockway_handlers(aws, "GetApiKeys") == []
    assert "_mockway_hooks" not in aws.__dict__


def test_backends_are_per_region() -> None:
    east, west = client("apigateway"), client("apigateway", region="eu-west-1")
    with mock_apigateway() as handle:
        east_key = east.create_api_key(name="east")["id"]
        assert west.get_api_keys()["items"] == []
        with pytest.raises(west.exceptions.NotFoundException):
            west.get_api_key(apiKey=east_key)
        west_key = west.create_api_key(name="west")["id"]
        assert [k.id for k in handle.apigateway().api_keys()] == [east_key]
        assert [k.id for k in handle.apigateway("eu-west-1").api_keys()] == [west_key]
        assert handle.apigateway("eu-west-1").region == "eu-west-1"


# -- client-side validation off ---------------------------------------------------------------


NULL = "failed to satisfy constraint: Member must not be null"


def nested(depth: int) -> list[Any]:
    """A list ``depth`` lists deep: more than Python can print."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def looped() -> list[Any]:
    """A list that holds itself."""
    value: list[Any] = []
    value.append(value)
    return value


GARBAGE_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "get_api_key",
        {},
        "ValidationException",
        f"1 validation error detected: Value null at 'getApiKeyInput.apiKey' {NULL}",
    ),
    (
        "tag_resource",
        {},
        "ValidationException",
        "2 validation errors detected: "
        f"Value null at 'tagResourceInput.resourceArn' {NULL}; "
        f"Value null at 'tagResourceInput.tags' {NULL}",
    ),
    (
        "get_api_key",
        {"apiKey": 5},
        "BadRequestException",
        "Invalid type for parameter getApiKeyInput.apiKey, value: 5, type: int, expected: string",
    ),
    (
        "create_api_key",
        {"name": ["a", "list"]},
        "BadRequestException",
        "Invalid type for parameter createApiKeyInput.name, value: ['a', 'list'], type: list, "
        "expected: string",
    ),
    (
        "create_api_key",
        {"enabled": "yes"},
        "BadRequestException",
        "Invalid type for parameter createApiKeyInput.enabled, value: 'yes', type: str, "
        "expected: boolean",
    ),
    (
        "create_api_key",
        {"stageKeys": "api/stage"},
        "BadRequestException",
        "Invalid type for parameter createApiKeyInput.stageKeys, value: 'api/stage', type: str, "
        "expected: list",
    ),
    (
        "create_api_key",
        {"stageKeys": [None]},
        "ValidationException",
        f"1 validation error detected: Value null at 'createApiKeyInput.stageKeys.1.member' {NULL}",
    ),
    (
        "create_api_key",
        {"bogus": 1},
        "BadRequestException",
        "Unknown parameter createApiKeyInput.bogus, must be one of: name, description, enabled, "
        "generateDistinctId, value, stageKeys, customerId, tags",
    ),
    (
        "get_api_keys",
        {"limit": "10"},
        "BadRequestException",
        "Invalid type for parameter getApiKeysInput.limit, value: '10', type: str, "
        "expected: integer",
    ),
    (
        "get_api_keys",
        {"limit": True},
        "BadRequestException",
        "Invalid type for parameter getApiKeysInput.limit, value: True, type: bool, "
        "expected: integer",
    ),
    (
        "update_api_key",
        {"apiKey": "abc", "patchOperations": {"op": "replace"}},
        "BadRequestException",
        "Invalid type for parameter updateApiKeyInput.patchOperations, "
        "value: {'op': 'replace'}, type: dict, expected: list",
    ),
    (
        "update_api_key",
        {"apiKey": "abc", "patchOperations": ["replace"]},
        "BadRequestException",
        "Invalid type for parameter updateApiKeyInput.patchOperations.1.member, "
        "value: 'replace', type: str, expected: structure",
    ),
    (
        "untag_resource",
        {"resourceArn": "arn:aws:apigateway:us-east-1::/apikeys/abc", "tagKeys": "k"},
        "BadRequestException",
        "Invalid type for parameter untagResourceInput.tagKeys, value: 'k', type: str, "
        "expected: list",
    ),
    (
        "import_api_keys",
        {"body": 123, "format": "csv"},
        "BadRequestException",
        "Invalid type for parameter importApiKeysInput.body, value: 123, type: int, expected: blob",
    ),
    (
        "import_api_keys",
        {"body": b"key,name\n", "format": "json"},
        "ValidationException",
        "1 validation error detected: Value 'json' at 'importApiKeysInput.format' failed to "
        "satisfy constraint: Member must satisfy enum value set: [csv]",
    ),
    (
        "create_usage_plan",
        {"name": "p", "throttle": {"burstLimit": 1, "rateLimit": 2**1100}},
        "BadRequestException",
        f"Invalid value for parameter createUsagePlanInput.throttle.rateLimit: {2**1100} is not "
        "a valid double",
    ),
    (
        "create_usage_plan",
        {"name": "p", "throttle": {"burstLimit": 1, "rateLimit": 10**5000}},
        "BadRequestException",
        "Invalid value for parameter createUsagePlanInput.throttle.rateLimit: ... is not a "
        "valid double",
    ),
    (
        "create_api_key",
        {"name": nested(100_000)},
        "BadRequestException",
        "Invalid type for parameter createApiKeyInput.name, value: ..., type: list, "
        "expected: string",
    ),
    (
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": ["BAD", looped()]}},
        "BadRequestException",
        "Invalid type for parameter createRestApiInput.endpointConfiguration.types.2.member, "
        "value: [[...]], type: list, expected: string",
    ),
]


@pytest.mark.parametrize(
    ("operation", "params", "code", "message"),
    GARBAGE_CASES,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(GARBAGE_CASES)],
)
def test_garbage_without_client_validation_gets_the_service_400(
    operation: str, params: dict[str, Any], code: str, message: str
) -> None:
    aws = client("apigateway", validate=False)
    with mock_apigateway() as handle:
        with pytest.raises(ClientError) as info:
            getattr(aws, operation)(**params)
        assert error_of(info) == (code, message, 400)
        if code == "BadRequestException":
            assert isinstance(info.value, aws.exceptions.BadRequestException)
            assert info.value.response["message"] == message
        else:
            assert type(info.value) is ClientError
            assert "message" not in info.value.response
        assert handle.apigateway().api_keys() == ()


def test_validating_client_still_gets_botocores_own_param_validation_error() -> None:
    from botocore.exceptions import ParamValidationError

    aws = client("apigateway")
    with mock_apigateway(), pytest.raises(ParamValidationError) as info:
        aws.get_api_key(apiKey=5)
    assert "Invalid type for parameter apiKey, value: 5" in str(info.value)


def test_no_validation_client_created_before_activation_is_checked_too() -> None:
    aws = client("apigateway", validate=False)
    with mock_apigateway(), pytest.raises(ClientError) as info:
        aws.update_api_key(apiKey="abc", patchOperations="not-a-list")
    assert error_of(info)[0] == "BadRequestException"


# -- aiobotocore ------------------------------------------------------------------------------


def test_aiobotocore_client_works() -> None:
    async def main() -> dict[str, Any]:
        session = aiobotocore.session.get_session()
        async with session.create_client("apigateway", region_name=REGION) as aws:
            created = await aws.create_api_key(name="async-key", enabled=True)
            fetched = await aws.get_api_key(apiKey=created["id"], includeValue=True)
            with pytest.raises(aws.exceptions.NotFoundException) as info:
                await aws.get_api_key(apiKey="missing")
            await aws.create_api_key(name="second")
            pages = [
                [item["name"] for item in page["items"]]
                async for page in aws.get_paginator("get_api_keys").paginate(
                    PaginationConfig={"PageSize": 1}
                )
            ]
            return {
                "created": created,
                "fetched": fetched,
                "error": error_of(info),
                "pages": pages,
            }

    with mock_apigateway():
        result = asyncio.run(main())
    created, fetched = result["created"], result["fetched"]
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert created["enabled"] is True
    assert fetched["value"] == created["value"]
    assert fetched["tags"] == {}
    assert result["error"] == ("NotFoundException", "Invalid API Key identifier specified", 404)
    assert result["pages"] == [["second"], ["async-key"]]


def test_aiobotocore_client_created_before_activation_is_intercepted() -> None:
    async def main() -> list[str]:
        session = aiobotocore.session.get_session()
        async with session.create_client("apigateway", region_name=REGION) as aws:
            with mock_apigateway() as handle:
                created = await aws.create_api_key(name="late-activation")
                assert [k.id for k in handle.apigateway().api_keys()] == [created["id"]]
                return [item["id"] for item in (await aws.get_api_keys())["items"]]

    assert len(asyncio.run(main())) == 1


def test_aiobotocore_without_client_validation_gets_the_service_400() -> None:
    from botocore.config import Config

    async def main() -> tuple[str, str, int]:
        session = aiobotocore.session.get_session()
        config = Config(parameter_validation=False)
        async with session.create_client("apigateway", region_name=REGION, config=config) as aws:
            with pytest.raises(aws.exceptions.BadRequestException) as info:
                await aws.create_api_key(name=[42])
            return error_of(info)

    with mock_apigateway():
        assert asyncio.run(main()) == (
            "BadRequestException",
            "Invalid type for parameter createApiKeyInput.name, value: [42], type: list, "
            "expected: string",
            400,
        )


# -- threads ----------------------------------------------------------------------------------


def test_eight_threads_creating_fifty_keys_each_lose_nothing() -> None:
    threads, per_thread = 8, 50
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            aws = boto3.session.Session().client("apigateway", region_name=REGION)
            barrier.wait()
            for index in range(per_thread):
                aws.create_api_key(name=f"t{number}-{index}")
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    with mock_apigateway() as handle:
        workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert errors == []
        aws = client("apigateway")
        listed = [
            item for page in aws.get_paginator("get_api_keys").paginate() for item in page["items"]
        ]
        records = handle.apigateway().api_keys()
    expected = {f"t{n}-{i}" for n in range(threads) for i in range(per_thread)}
    assert len(listed) == threads * per_thread
    assert {item["name"] for item in listed} == expected
    assert len({item["id"] for item in listed}) == threads * per_thread
    assert len(records) == threads * per_thread
    assert {record.name for record in records} == expected
    assert [record.id for record in records] == [item["id"] for item in listed]


# -- events -----------------------------------------------------------------------------------


def test_after_call_events_still_fire_for_user_handlers() -> None:
    aws = client("apigateway")
    seen: list[tuple[str, int, Any]] = []

    def after_call(http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        seen.append(
            (model.name, http_response.status_code, parsed.get("id") or parsed.get("Error"))
        )
        request_id = parsed["ResponseMetadata"]["RequestId"]
        assert http_response.headers["X-Amzn-RequestId"] == request_id
        assert http_response.headers == parsed["ResponseMetadata"]["HTTPHeaders"]
        assert http_response.content == b""
        assert http_response.url.startswith("https://apigateway.us-east-1.amazonaws.com/")

    aws.meta.events.register("after-call.api-gateway", after_call)
    with mock_aws():
        created = aws.create_api_key(name="observed")
        with pytest.raises(aws.exceptions.NotFoundException):
            aws.get_api_key(apiKey="missing")
        aws.delete_api_key(apiKey=created["id"])
    assert seen == [
        ("CreateApiKey", 201, created["id"]),
        (
            "GetApiKey",
            404,
            {"Message": "Invalid API Key identifier specified", "Code": "NotFoundException"},
        ),
        ("DeleteApiKey", 202, None),
    ]


def test_user_handlers_can_still_change_parameters() -> None:
    aws = client("apigateway")

    def rename(params: dict[str, Any], **_: Any) -> None:
        params["name"] = "renamed-by-a-handler"

    aws.meta.events.register("provide-client-params.api-gateway.CreateApiKey", rename)
    with mock_apigateway():
        assert aws.create_api_key(name="original")["name"] == "renamed-by-a-handler"


@pytest.mark.parametrize("stub_first", [True, False])
def test_a_stubber_on_a_mocked_client_answers_first(stub_first: bool) -> None:
    from botocore.stub import Stubber

    aws = client("apigateway")
    stubber = Stubber(aws)
    stubber.add_response("get_api_keys", {"items": [{"id": "stubbed"}]})
    mock = mock_apigateway()
    if stub_first:
        stubber.activate()
        handle = mock.start()
    else:
        handle = mock.start()
        aws.get_api_keys()
        stubber.activate()
    try:
        assert aws.get_api_keys()["items"] == [{"id": "stubbed"}]
        stubber.assert_no_pending_responses()
        stubber.deactivate()
        assert aws.get_api_keys()["items"] == []
        assert handle.apigateway().api_keys() == ()
    finally:
        mock.stop()
