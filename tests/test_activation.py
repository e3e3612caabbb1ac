"""The activation object and its doors: decorators, context managers, start/stop, nesting."""

from __future__ import annotations

import asyncio
import inspect
import unittest
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import botocore
import pytest
from botocore.stub import Stubber

import mockway
from mockway import (
    Handle,
    InvalidOptionError,
    MockwayError,
    NotActiveError,
    UnsupportedOperation,
    mock_apigateway,
    mock_appsync,
    mock_aws,
)
from support import assert_goes_to_network, client

DEFAULT_ACCOUNT = "123456789012"
OTHER_ACCOUNT = "111122223333"


def key_names(aws: Any) -> list[str]:
    return [item.get("name", "") for item in aws.get_api_keys()["items"]]


@pytest.fixture
def withheld(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], str]:
    """Takes an operation out of mockway's registry for one test: what a botocore release
    newer than mockway brings, an operation mockway does not answer."""

    def withhold(service: str, operation: str) -> str:
        monkeypatch.delitem(mockway._registry.services()[service].operations, operation)
        assert operation not in mockway.supported_operations()[service]
        return operation

    return withhold


# -- decorators -----------------------------------------------------------------------------


def test_bare_decorator_activates_for_the_call_only() -> None:
    aws = client("apigateway")

    @mock_apigateway
    def create(name: str, *, enabled: bool) -> dict[str, Any]:
        return aws.create_api_key(name=name, enabled=enabled)

    assert create.__name__ == "create"
    created = create("decorated", enabled=True)
    assert created["name"] == "decorated"
    assert created["enabled"] is True
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert_goes_to_network(aws, aws.get_api_keys)


def test_bare_decorator_state_does_not_survive_between_calls() -> None:
    @mock_apigateway
    def create_and_list() -> list[str]:
        aws = client("apigateway")
        aws.create_api_key(name="only")
        return key_names(aws)

    assert create_and_list() == ["only"]
    assert create_and_list() == ["only"]


def test_decorated_function_that_raises_still_deactivates() -> None:
    aws = client("apigateway")

    @mock_apigateway
    def broken() -> None:
        aws.create_api_key(name="before-the-error")
        raise LookupError("from the test")

    with pytest.raises(LookupError, match="from the test"):
        broken()
    assert_goes_to_network(aws, aws.get_api_keys)


def test_decorator_with_account_id_serves_that_account() -> None:
    @mock_apigateway(account_id=OTHER_ACCOUNT)
    def create() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        key_id = client("apigateway").create_api_key(name="k")["id"]
        with mock_apigateway(account_id=OTHER_ACCOUNT) as handle:
            assert handle.account_id == OTHER_ACCOUNT
            mine = tuple(k.id for k in handle.apigateway().api_keys())
            default = tuple(k.id for k in handle.apigateway(account_id=DEFAULT_ACCOUNT).api_keys())
        return key_id, mine, default

    key_id, mine, default = create()
    assert mine == (key_id,)
    assert default == ()


def test_decorator_with_seed_repeats_ids_values_and_request_ids() -> None:
    @mock_apigateway(seed=20240601)
    def create_three() -> list[tuple[str, str, str]]:
        aws = client("apigateway")
        created = [aws.create_api_key(name=f"k{i}") for i in range(3)]
        return [(c["id"], c["value"], c["ResponseMetadata"]["RequestId"]) for c in created]

    first = create_three()
    second = create_three()
    assert first == second
    assert len({key_id for key_id, _, _ in first}) == 3

    @mock_apigateway(seed=20240602)
    def create_three_other_seed() -> list[tuple[str, str, str]]:
        aws = client("apigateway")
        created = [aws.create_api_key(name=f"k{i}") for i in range(3)]
        return [(c["id"], c["value"], c["ResponseMetadata"]["RequestId"]) for c in created]

    assert create_three_other_seed() != first


def test_without_a_seed_ids_differ_between_runs() -> None:
    def create() -> tuple[str, str]:
        with mock_apigateway():
            created = client("apigateway").create_api_key()
            return created["id"], created["value"]

    assert create() != create()


def test_unknown_option_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'acount_id'"):
        mock_aws(acount_id=OTHER_ACCOUNT)  # type: ignore[call-overload]


def test_positional_option_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        mock_aws(OTHER_ACCOUNT)  # type: ignore[call-overload]
    assert str(info.value) == (
        "mockway decorates functions, coroutine functions and test classes; "
        "got '111122223333'. Options are keyword-only: mock_aws(account_id=...)"
    )


@pytest.mark.parametrize("account_id", ["12345", "12345678901a", "1234567890123", 123456789012])
def test_bad_account_id_is_an_invalid_option(account_id: Any) -> None:
    with pytest.raises(InvalidOptionError) as info:
        mock_aws(account_id=account_id)
    assert str(info.value) == (
        f"account_id must be a string of 12 digits, like '123456789012'; got {account_id!r}"
    )
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, MockwayError)


@pytest.mark.parametrize("seed", ["7", 1.5, True])
def test_bad_seed_is_an_invalid_option(seed: Any) -> None:
    with pytest.raises(InvalidOptionError) as info:
        mock_aws(seed=seed)
    assert str(info.value) == f"seed must be an int or None; got {seed!r}"


def test_a_plain_test_class_gets_an_activation_per_test(pytester: pytest.Pytester) -> None:
    """moto users decorate pytest test classes: each test* method, with its setup_method and
    teardown_method, runs in an activation of its own."""
    pytester.makepyfile(
        """
        import boto3
        from mockway import mock_aws
        from mockway._interceptor import CONTROLLER

        def client():
            return boto3.client("apigateway", region_name="us-east-1")

        @mock_aws(account_id="111122223333")
        class TestWithSetup:
            def setup_method(self, method):
                self.key = client().create_api_key(name=method.__name__)["id"]

            def teardown_method(self):
                assert [k["id"] for k in client().get_api_keys()["items"]] == [self.key]

            def test_sees_what_setup_made(self):
                assert client().get_api_key(apiKey=self.key)["name"] == "test_sees_what_setup_made"

            def test_starts_afresh(self):
                assert len(client().get_api_keys()["items"]) == 1

            def helper_is_left_alone(self):
                return CONTROLLER.state

        @mock_aws
        class TestPlain:
            def test_one(self):
                assert client().get_api_keys()["items"] == []
                client().create_api_key(name="one")

            def test_two(self):
                assert client().get_api_keys()["items"] == []

            @staticmethod
            def test_static():
                assert client().get_api_keys()["items"] == []

        def test_helpers_and_the_rest_run_without_mockway():
            assert TestWithSetup().helper_is_left_alone() is None
            assert CONTROLLER.state is None
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=6)


# -- context managers and start/stop ----------------------------------------------------------


def test_context_manager_yields_the_handle() -> None:
    aws = client("apigateway")
    with mock_aws() as handle:
        assert isinstance(handle, Handle)
        assert handle.account_id == DEFAULT_ACCOUNT
        assert repr(handle) == "<mockway.Handle account_id='123456789012'>"
        created = aws.create_api_key(name="seen-by-the-handle", value="v" * 20)
        (record,) = handle.apigateway().api_keys()
        assert record.id == created["id"]
        assert record.value == "v" * 20
        assert record.name == "seen-by-the-handle"
    assert_goes_to_network(aws, aws.get_api_keys)


def test_context_manager_deactivates_on_error() -> None:
    aws = client("apigateway")

    def fail_inside() -> None:
        with mock_apigateway():
            aws.create_api_key(name="x")
            raise KeyError("from the test")

    with pytest.raises(KeyError):
        fail_inside()
    assert_goes_to_network(aws, aws.get_api_keys)


def test_async_with_yields_the_handle() -> None:
    aws = client("apigateway")

    async def main() -> tuple[Handle, list[str]]:
        async with mock_apigateway() as handle:
            aws.create_api_key(name="async")
            await asyncio.sleep(0)
            return handle, [k.name or "" for k in handle.apigateway().api_keys()]

    handle, names = asyncio.run(main())
    assert isinstance(handle, Handle)
    assert names == ["async"]
    assert_goes_to_network(aws, aws.get_api_keys)


def test_coroutine_function_decorator() -> None:
    aws = client("apigateway")

    @mock_apigateway
    async def create(name: str) -> list[str]:
        aws.create_api_key(name=name)
        await asyncio.sleep(0)
        aws.create_api_key(name=name + "-after-await")
        return key_names(aws)

    assert inspect.iscoroutinefunction(create)
    assert create.__name__ == "create"
    assert asyncio.run(create("coro")) == ["coro-after-await", "coro"]
    assert_goes_to_network(aws, aws.get_api_keys)


def test_coroutine_function_decorator_with_options() -> None:
    @mock_apigateway(account_id=OTHER_ACCOUNT, seed=3)
    async def create() -> str:
        return str(client("apigateway").create_api_key()["id"])

    assert asyncio.run(create()) == asyncio.run(create())


def test_test_case_class_decoration_isolates_each_test() -> None:
    seen: dict[str, list[str]] = {}

    @mock_apigateway
    class KeyTests(unittest.TestCase):
        def setUp(self) -> None:
            self.aws = client("apigateway")
            self.aws.create_api_key(name="from-setup")

        def test_one(self) -> None:
            self.aws.create_api_key(name="one")
            seen["one"] = key_names(self.aws)

        def test_two(self) -> None:
            self.aws.create_api_key(name="two")
            seen["two"] = key_names(self.aws)

        def test_three_fails(self) -> None:
            assert key_names(self.aws) == []

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(KeyTests).run(result)
    assert result.testsRun == 3
    assert result.errors == []
    assert [test.id().rsplit(".", 1)[-1] for test, _ in result.failures] == ["test_three_fails"]
    assert seen == {"one": ["one", "from-setup"], "two": ["two", "from-setup"]}
    aws = client("apigateway")
    assert_goes_to_network(aws, aws.get_api_keys)


def test_test_case_class_decoration_with_options() -> None:
    accounts: list[str] = []

    @mock_aws(account_id=OTHER_ACCOUNT)
    class AccountTests(unittest.TestCase):
        def test_account(self) -> None:
            client("apigateway").create_api_key(name="k")
            with mock_aws(account_id=OTHER_ACCOUNT) as handle:
                accounts.extend(k.name or "" for k in handle.apigateway().api_keys())

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(AccountTests).run(result)
    assert result.wasSuccessful(), result.errors + result.failures
    assert accounts == ["k"]


def test_start_and_stop() -> None:
    aws = client("apigateway")
    mock = mock_apigateway()
    handle = mock.start()
    try:
        assert isinstance(handle, Handle)
        created = aws.create_api_key(name="started")
        assert [k.id for k in handle.apigateway().api_keys()] == [created["id"]]
    finally:
        mock.stop()
    assert_goes_to_network(aws, aws.get_api_keys)


def test_mock_repr() -> None:
    assert repr(mock_aws(seed=5)) == (
        "<mockway.Mock [apigateway, appsync] account_id='123456789012' seed=5>"
    )
    assert repr(mock_appsync) == "mockway.mock_appsync"


# -- nesting ----------------------------------------------------------------------------------


def test_nesting_shares_state_and_clears_it_when_the_outermost_stops() -> None:
    aws = client("apigateway")
    outer, inner = mock_aws(), mock_apigateway()
    outer_handle = outer.start()
    try:
        aws.create_api_key(name="outer")
        inner_handle = inner.start()
        try:
            aws.create_api_key(name="inner")
            assert key_names(aws) == ["inner", "outer"]
            assert [k.name for k in outer_handle.apigateway().api_keys()] == ["inner", "outer"]
            assert [k.name for k in inner_handle.apigateway().api_keys()] == ["inner", "outer"]
        finally:
            inner.stop()
        assert key_names(aws) == ["inner", "outer"]
        assert [k.name for k in outer_handle.apigateway().api_keys()] == ["inner", "outer"]
    finally:
        outer.stop()
    assert_goes_to_network(aws, aws.get_api_keys)
    with mock_aws() as handle:
        assert key_names(aws) == []
        assert handle.apigateway().api_keys() == ()


def test_nesting_stopped_out_of_order_keeps_state_until_the_last_stop() -> None:
    aws = client("apigateway")
    outer, inner = mock_aws(), mock_aws()
    outer.start()
    inner_handle = inner.start()
    aws.create_api_key(name="kept")
    outer.stop()
    assert key_names(aws) == ["kept"]
    assert [k.name for k in inner_handle.apigateway().api_keys()] == ["kept"]
    inner.stop()
    assert_goes_to_network(aws, aws.get_api_keys)


def test_the_same_mock_started_twice_needs_two_stops() -> None:
    aws = client("apigateway")
    mock = mock_apigateway()
    mock.start()
    mock.start()
    aws.create_api_key(name="twice")
    mock.stop()
    assert key_names(aws) == ["twice"]
    mock.stop()
    assert_goes_to_network(aws, aws.get_api_keys)
    with pytest.raises(NotActiveError):
        mock.stop()


def test_nested_context_managers_serve_the_innermost_account() -> None:
    aws = client("apigateway")
    with mock_aws() as outer:
        aws.create_api_key(name="default-account")
        with mock_aws(account_id=OTHER_ACCOUNT) as inner:
            assert key_names(aws) == []
            aws.create_api_key(name="other-account")
            assert inner.account_id == OTHER_ACCOUNT
        assert key_names(aws) == ["default-account"]
        assert [k.name for k in outer.apigateway(account_id=OTHER_ACCOUNT).api_keys()] == [
            "other-account"
        ]


def test_stop_without_start_is_not_active_error() -> None:
    mock = mock_apigateway()
    with pytest.raises(NotActiveError) as info:
        mock.stop()
    assert str(info.value) == (
        "<mockway.Mock [apigateway] account_id='123456789012' seed=None> "
        "was stopped more often than it was started"
    )
    assert isinstance(info.value, RuntimeError)
    assert isinstance(info.value, MockwayError)


def test_stopping_an_other_mock_does_not_stop_the_active_one() -> None:
    aws = client("apigateway")
    with mock_apigateway():
        with pytest.raises(NotActiveError):
            mock_apigateway().stop()
        assert key_names(aws) == []


def test_handle_after_stop_is_not_active_error() -> None:
    with mock_aws() as handle:
        pass
    message = (
        "this mockway handle belongs to an activation that has stopped; its state was "
        "cleared when the outermost activation stopped"
    )
    with pytest.raises(NotActiveError) as info:
        handle.apigateway()
    assert str(info.value) == message
    with mock_aws(), pytest.raises(NotActiveError) as info:
        handle.appsync()
    assert str(info.value) == message


# -- which services are mocked ----------------------------------------------------------------


def test_mock_apigateway_leaves_appsync_unmocked() -> None:
    apigateway, appsync = client("apigateway"), client("appsync")
    with mock_apigateway():
        assert apigateway.get_api_keys()["items"] == []
        assert_goes_to_network(appsync, appsync.list_graphql_apis)


def test_mock_appsync_leaves_apigateway_unmocked() -> None:
    apigateway = client("apigateway")
    with mock_appsync():
        assert_goes_to_network(apigateway, apigateway.get_api_keys)
        assert_goes_to_network(apigateway, lambda: apigateway.create_api_key(name="x"))


@pytest.mark.parametrize(
    ("service", "operation"),
    [("s3", "list_buckets"), ("sts", "get_caller_identity"), ("apigatewayv2", "get_apis")],
)
def test_other_services_are_untouched(service: str, operation: str) -> None:
    other = client(service)
    with mock_aws():
        assert_goes_to_network(other, getattr(other, operation))
        fresh = client(service)
        assert_goes_to_network(fresh, getattr(fresh, operation))


def test_other_services_compose_with_botocore_stubber() -> None:
    sts = client("sts")
    with mock_aws(), Stubber(sts) as stubber:
        stubber.add_response(
            "get_caller_identity",
            {"UserId": "AIDAEXAMPLE", "Account": OTHER_ACCOUNT, "Arn": "arn:aws:iam::1:user/u"},
        )
        assert sts.get_caller_identity()["Account"] == OTHER_ACCOUNT
        stubber.assert_no_pending_responses()


@pytest.mark.parametrize("validate", [True, False])
def test_unsupported_operation_is_stopped_in_process(
    validate: bool, withheld: Callable[[str, str], str]
) -> None:
    operation = withheld("apigateway", "GetDomainNames")
    aws = client("apigateway", validate=validate)
    sent: list[str] = []
    aws.meta.events.register("before-send.api-gateway", lambda **kw: sent.append("sent"))
    method = getattr(aws, botocore.xform_name(operation))
    with mock_apigateway(), pytest.raises(UnsupportedOperation) as info:
        method()
    assert info.value.service == "apigateway"
    assert info.value.operation == operation
    assert str(info.value) == (
        f"mockway does not implement apigateway.{operation}; the call was stopped and nothing "
        f"was sent to AWS. The operations mockway answers are listed by "
        f"mockway.supported_operations() and on the 'Supported operations' page of "
        f"mockway's documentation."
    )
    assert isinstance(info.value, NotImplementedError)
    assert isinstance(info.value, MockwayError)
    assert sent == []


def test_unsupported_appsync_operation_is_stopped_in_process(
    withheld: Callable[[str, str], str],
) -> None:
    operation = withheld("appsync", "ListDomainNames")
    appsync = client("appsync")
    with mock_appsync(), pytest.raises(UnsupportedOperation) as info:
        getattr(appsync, botocore.xform_name(operation))()
    assert (info.value.service, info.value.operation) == ("appsync", operation)
    assert str(info.value).startswith(f"mockway does not implement appsync.{operation}; ")


def test_supported_operations_lists_both_services_sorted() -> None:
    supported = mockway.supported_operations()
    assert set(supported) == {"apigateway", "appsync"}
    api_keys = {
        "CreateApiKey", "GetApiKey", "GetApiKeys", "UpdateApiKey", "DeleteApiKey",
        "ImportApiKeys", "TagResource", "UntagResource", "GetTags",
    }  # fmt: skip
    assert api_keys <= set(supported["apigateway"])
    for operations in supported.values():
        assert list(operations) == sorted(operations)
        assert isinstance(operations, tuple)


def test_generator_function_stays_mocked_while_it_runs() -> None:
    aws = client("apigateway")

    @mock_apigateway
    def keys() -> Iterator[str]:
        created = aws.create_api_key(name="from-a-generator")
        sent = yield created["id"]
        yield f"{sent}:{key_names(aws)}"

    generator = keys()
    assert inspect.isgeneratorfunction(keys)
    key_id = next(generator)
    assert len(key_id) == 10
    assert aws.get_api_key(apiKey=key_id)["name"] == "from-a-generator"
    assert generator.send("sent") == "sent:['from-a-generator']"
    with pytest.raises(StopIteration):
        next(generator)
    assert_goes_to_network(aws, aws.get_api_keys)


def test_generator_fixture_style_teardown_still_mocked() -> None:
    aws = client("apigateway")
    seen: list[list[str]] = []

    @mock_apigateway
    def fixture() -> Iterator[None]:
        aws.create_api_key(name="setup")
        yield
        seen.append(key_names(aws))

    generator = fixture()
    next(generator)
    aws.create_api_key(name="test-body")
    with pytest.raises(StopIteration):
        next(generator)
    assert seen == [["test-body", "setup"]]
    assert_goes_to_network(aws, aws.get_api_keys)


def test_async_generator_function_stays_mocked_while_it_runs() -> None:
    aws = client("apigateway")

    @mock_apigateway
    async def names() -> AsyncIterator[str]:
        for name in ("a", "b"):
            aws.create_api_key(name=name)
            await asyncio.sleep(0)
            yield ",".join(key_names(aws))

    async def main() -> list[str]:
        return [item async for item in names()]

    assert inspect.isasyncgenfunction(names)
    assert asyncio.run(main()) == ["a", "b,a"]
    assert_goes_to_network(aws, aws.get_api_keys)


def test_nested_service_sets_are_recomputed_when_the_inner_stops() -> None:
    apigateway, appsync = client("apigateway"), client("appsync")
    with mock_appsync():
        assert_goes_to_network(apigateway, apigateway.get_api_keys)
        with mock_apigateway():
            assert apigateway.get_api_keys()["items"] == []
        assert_goes_to_network(apigateway, apigateway.get_api_keys)
    assert_goes_to_network(appsync, appsync.list_graphql_apis)


@pytest.mark.parametrize("endpoint_url", ["http://localhost:4566", "https://192.0.2.10:8443"])
def test_custom_endpoints_are_mocked_too(endpoint_url: str) -> None:
    aws = client("apigateway", endpoint_url=endpoint_url)
    assert_goes_to_network(aws, aws.get_api_keys)
    with mock_apigateway():
        assert aws.create_api_key(name="local")["name"] == "local"
    assert_goes_to_network(aws, aws.get_api_keys)
