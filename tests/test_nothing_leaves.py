"""Nothing leaves the process: no credential lookup for a mocked client, no call of a client
made under mockway after the mock stops, no call in flight while another thread stops it."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiobotocore.session
import boto3
import botocore.session
import pytest
from botocore.exceptions import HTTPClientError

from mockway import ClientOutlivedMockError, NotActiveError, mock_apigateway, mock_appsync, mock_aws
from mockway._interceptor import CONTROLLER, INERT_CREDENTIALS
from support import REGION, assert_goes_to_network, client

INERT_KEY = INERT_CREDENTIALS["aws_access_key_id"]


def outlived(service: str, operation: str, when: str) -> str:
    return (
        f"this {service} client was created while mockway mocked {service}, and "
        f"{service}.{operation} was called on it {when}; the call was stopped and nothing was "
        "sent to AWS. A client made under mockway never reaches AWS: create the client inside "
        "the activation that uses it (in pytest, in the test or in a fixture that uses the "
        "mockway fixture), or keep the activation running until the client's last call."
    )


AFTER_STOP = "after mockway stopped"


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every connect and DNS lookup, recorded before the root conftest's guard refuses it."""
    attempts: list[Any] = []
    guarded_connect, guarded_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        if self.family != socket.AF_UNIX:
            attempts.append(address)
        return guarded_connect(self, address, *args, **kwargs)

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(host)
        return guarded_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return attempts


@pytest.fixture
def bare_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A machine without credentials or config files, where botocore's last resort for
    credentials is the EC2 instance metadata endpoint (not disabled)."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "missing-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "missing-credentials"))
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    yield
    # mockway never sets up a default session or the environment behind the user's back
    assert not any(name.startswith("AWS_") and "FILE" not in name for name in os.environ)


def credentials_of(aws: Any) -> Any:
    return aws._request_signer._credentials


# -- no credential lookup for a client of a mocked service -------------------------------------


def test_a_mocked_client_looks_up_no_credentials(
    bare_machine: None, network_attempts: list[Any]
) -> None:
    with mock_aws() as handle:
        aws = boto3.client("apigateway", region_name=REGION)
        appsync = boto3.client("appsync", region_name=REGION)
        created = aws.create_api_key(name="no-credentials-needed")
        assert appsync.list_graphql_apis()["graphqlApis"] == []
        assert [k.id for k in handle.apigateway().api_keys()] == [created["id"]]
    assert network_attempts == []
    assert credentials_of(aws).access_key == INERT_KEY
    assert boto3.DEFAULT_SESSION is not None
    assert boto3.DEFAULT_SESSION._session._credentials is None  # the session was not touched


def test_a_mocked_aiobotocore_client_looks_up_no_credentials(
    bare_machine: None, network_attempts: list[Any]
) -> None:
    async def main() -> str:
        session = aiobotocore.session.get_session()
        async with session.create_client("apigateway", region_name=REGION) as aws:
            created = await aws.create_api_key(name="async")
            assert credentials_of(aws).access_key == INERT_KEY
            assert session._credentials is None
            return str(created["name"])

    with mock_apigateway():
        assert asyncio.run(main()) == "async"
    assert network_attempts == []


def test_other_clients_still_look_credentials_up_as_botocore_does(
    bare_machine: None, network_attempts: list[Any]
) -> None:
    with mock_apigateway(), pytest.raises(HTTPClientError) as info:
        boto3.client("s3", region_name=REGION)  # not mocked: botocore's own lookup, refused
    assert type(info.value.kwargs["error"]).__name__ == "NetworkAccessError"
    assert network_attempts[-1] == ("169.254.169.254", 80)  # the instance metadata endpoint


def test_credentials_given_to_the_client_or_its_session_are_kept() -> None:
    given = {"aws_access_key_id": "AKIAGIVEN", "aws_secret_access_key": "secret"}
    session = boto3.session.Session(
        aws_access_key_id="AKIASESSION", aws_secret_access_key="secret", region_name=REGION
    )
    loaded = botocore.session.get_session()
    loaded.get_credentials()  # from the suite's environment, loaded before the activation
    with mock_aws():
        assert credentials_of(boto3.client("apigateway", **given)).access_key == "AKIAGIVEN"
        assert credentials_of(session.client("apigateway")).access_key == "AKIASESSION"
        from_env = loaded.create_client("apigateway", REGION)
        assert credentials_of(from_env).access_key == "testing"
        positional = loaded.create_client(
            "appsync", REGION, None, True, None, None, "AKIAPOSITIONAL", "secret"
        )
        assert credentials_of(positional).access_key == "AKIAPOSITIONAL"
        fresh = botocore.session.get_session().create_client("apigateway", REGION)
        assert credentials_of(fresh).access_key == INERT_KEY
        with pytest.raises(TypeError):
            loaded.create_client("apigateway", REGION, region_name=REGION)


def test_a_client_of_a_service_that_is_not_mocked_gets_botocores_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a default session of its own: another test's may hold credentials it looked up before
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    with mock_appsync():
        apigateway = client("apigateway")
        assert credentials_of(apigateway).access_key == "testing"
        assert_goes_to_network(apigateway, apigateway.get_api_keys)
    assert_goes_to_network(apigateway, apigateway.get_api_keys)


def test_aiobotocore_imported_after_activation_looks_up_no_credentials(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, json, socket, sys
        attempts = []
        def refuse(self, address, *args, **kwargs):
            attempts.append(repr(address))
            raise OSError("refused")
        socket.socket.connect = refuse
        import mockway
        with mockway.mock_apigateway():
            import aiobotocore.session
            async def main():
                session = aiobotocore.session.get_session()
                async with session.create_client("apigateway", region_name="us-east-1") as aws:
                    return (await aws.create_api_key(name="late"))["name"]
            name = asyncio.run(main())
        print(json.dumps({"name": name, "attempts": attempts}))
        """
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment["AWS_CONFIG_FILE"] = str(tmp_path / "missing-config")
    environment["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "missing-credentials")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"name": "late", "attempts": []}


# -- a client made under mockway never reaches AWS ---------------------------------------------


def test_a_client_made_under_mockway_is_refused_after_the_stop() -> None:
    with mock_apigateway():
        aws = client("apigateway")
        aws.create_api_key(name="inside")
    with pytest.raises(ClientOutlivedMockError) as info:
        aws.get_api_keys()
    assert str(info.value) == outlived("apigateway", "GetApiKeys", AFTER_STOP)
    assert isinstance(info.value, NotActiveError)
    assert (info.value.service, info.value.operation) == ("apigateway", "GetApiKeys")
    # refused again, and served again by a later activation, with that activation's state
    with pytest.raises(ClientOutlivedMockError):
        aws.create_api_key(name="after")
    with mock_aws():
        assert aws.get_api_keys()["items"] == []
    with mock_appsync(), pytest.raises(ClientOutlivedMockError) as info:
        aws.get_api_keys()
    assert str(info.value) == outlived(
        "apigateway", "GetApiKeys", "while the active mockway activations do not mock apigateway"
    )


def test_a_client_made_under_mockway_with_real_credentials_is_refused_too() -> None:
    with mock_appsync():
        appsync = client("appsync")  # the suite's environment gives it credentials
    with pytest.raises(ClientOutlivedMockError, match=r"appsync\.ListGraphqlApis was called"):
        appsync.list_graphql_apis()


def test_an_aiobotocore_client_made_under_mockway_is_refused_after_the_stop() -> None:
    async def main() -> str:
        session = aiobotocore.session.get_session()
        mock = mock_apigateway()
        mock.start()
        try:
            async with session.create_client("apigateway", region_name=REGION) as aws:
                await aws.create_api_key(name="inside")
                mock.stop()
                with pytest.raises(ClientOutlivedMockError) as info:
                    await aws.get_api_keys()
                return str(info.value)
        finally:
            if CONTROLLER.current is not None:
                mock.stop()

    assert asyncio.run(main()) == outlived("apigateway", "GetApiKeys", AFTER_STOP)


def test_a_client_given_inert_credentials_is_owned_even_if_the_mock_stops_meanwhile() -> None:
    session = boto3.session.Session(region_name=REGION)
    mock = mock_apigateway()

    def stop_while_creating(**_: Any) -> None:
        mock.stop()  # as another thread would, before the client's __init__ runs

    session.events.register("creating-client-class.api-gateway", stop_while_creating)
    mock.start()
    aws = session.client("apigateway")
    assert CONTROLLER.current is None
    assert credentials_of(aws).access_key == INERT_KEY
    with pytest.raises(ClientOutlivedMockError):
        aws.get_api_keys()


def test_a_client_made_before_the_activation_goes_where_botocore_sends_it_after() -> None:
    aws = client("apigateway")
    with mock_apigateway():
        aws.get_api_keys()
    assert_goes_to_network(aws, aws.get_api_keys)


def test_the_refusal_comes_after_a_stubber_has_answered() -> None:
    from botocore.stub import Stubber

    with mock_apigateway():
        aws = client("apigateway")
    with Stubber(aws) as stubber:
        stubber.add_response("get_api_keys", {"items": []})
        assert aws.get_api_keys()["items"] == []


# -- a call that began inside an activation is answered by it ----------------------------------


@pytest.mark.parametrize("made_inside", [False, True])
def test_a_call_in_flight_when_the_mock_stops_is_answered_by_its_activation(
    made_inside: bool,
) -> None:
    mock = mock_apigateway()
    aws = None if made_inside else client("apigateway")
    handle = mock.start()
    aws = aws or client("apigateway")
    created = aws.create_api_key(name="before-the-stop")

    def stop_mid_call(**_: Any) -> None:
        mock.stop()  # as another thread would, between the call's start and its answer

    aws.meta.events.register("provide-client-params.api-gateway.GetApiKey", stop_mid_call)
    assert aws.get_api_key(apiKey=created["id"])["name"] == "before-the-stop"
    assert CONTROLLER.current is None
    with pytest.raises(NotActiveError):
        handle.apigateway()
    aws.meta.events.unregister("provide-client-params.api-gateway.GetApiKey", stop_mid_call)
    if made_inside:
        with pytest.raises(ClientOutlivedMockError):
            aws.get_api_keys()
    else:  # released once the call in flight ended
        assert_goes_to_network(aws, aws.get_api_keys)


def test_a_call_in_flight_keeps_a_released_client_until_it_ends() -> None:
    aws = client("apigateway")
    outer = mock_apigateway()
    outer.start()
    aws.get_api_keys()
    seen: list[Any] = []

    def restart_mid_call(**_: Any) -> None:
        outer.stop()
        # a new activation starts while the old one's call is still in flight
        with mock_apigateway():
            seen.append(aws.get_api_keys()["items"])

    aws.meta.events.register("provide-client-params.api-gateway.CreateApiKey", restart_mid_call)
    assert aws.create_api_key(name="in-flight")["name"] == "in-flight"
    aws.meta.events.unregister("provide-client-params.api-gateway.CreateApiKey", restart_mid_call)
    assert seen == [[]]
    assert_goes_to_network(aws, aws.get_api_keys)


# -- threads stopping the mock while others call -----------------------------------------------


def test_start_stop_race_sends_nothing(network_attempts: list[Any]) -> None:
    workers, calls = 4, 40
    outcomes: list[str] = []
    errors: list[BaseException] = []
    ready = threading.Barrier(workers + 1)

    def work() -> None:
        try:
            with mock_apigateway():
                aws = client("apigateway")
            ready.wait()
            for index in range(calls):
                try:
                    aws.create_api_key(name=f"k{index}")
                    outcomes.append("answered")
                except ClientOutlivedMockError:
                    outcomes.append("refused")
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # interleave the threads as finely as the interpreter can
    try:
        threads = [threading.Thread(target=work) for _ in range(workers)]
        for thread in threads:
            thread.start()
        ready.wait()
        toggles = 0
        while any(thread.is_alive() for thread in threads) and toggles < 100_000:
            with mock_apigateway():
                toggles += 1
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch_interval)
    assert errors == []
    assert network_attempts == []
    assert len(outcomes) == workers * calls
    assert toggles > 1


def test_start_stop_race_sends_no_call_that_began_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients made before the activation: a call that began while a mock was active is
    answered, whatever other threads stop meanwhile; only calls that began after a stop may
    go to AWS."""
    workers, calls = 4, 40
    began = threading.local()
    sent_from_inside: list[Any] = []
    outcomes: list[str] = []
    errors: list[BaseException] = []
    enter, guarded_lookup = CONTROLLER.enter, socket.getaddrinfo

    def recording_enter(client: Any) -> Any:
        began.inside = serving = enter(client)
        return serving

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(began, "inside", None) is not None:
            sent_from_inside.append(host)
        return guarded_lookup(host, *args, **kwargs)

    monkeypatch.setattr(CONTROLLER, "enter", recording_enter)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    clients = [client("apigateway") for _ in range(workers)]
    ready = threading.Barrier(workers + 1)

    def work(aws: Any) -> None:
        try:
            ready.wait()
            for index in range(calls):
                began.inside = None
                try:
                    aws.create_api_key(name=f"k{index}")
                    outcomes.append("answered")
                except HTTPClientError:
                    outcomes.append("sent after a stop")
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(aws,)) for aws in clients]
        for thread in threads:
            thread.start()
        ready.wait()
        toggles = 0
        while any(thread.is_alive() for thread in threads) and toggles < 100_000:
            with mock_apigateway():
                toggles += 1
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch_interval)
    assert errors == []
    assert sent_from_inside == []
    assert len(outcomes) == workers * calls
    assert CONTROLLER._running == []
    for aws in clients:  # every borrowed client is given back
        handlers = aws.meta.events._emitter._unique_id_handlers
        assert not [uid for uid in handlers if str(uid).startswith("mockway")]
