"""The pytest plugin: fixture ``mockway`` and marker ``@pytest.mark.mockway(**options)``;
clients ``apigateway`` and ``appsync``; ``mockway_module`` and ``mockway_session``, activations
that outlive a test, with the state put back after each test."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ._activation import mock_aws
from ._handle import DEFAULT_REGION, Handle

if TYPE_CHECKING:
    from botocore.client import BaseClient

    from ._snapshot import Snapshot

__all__ = ["apigateway", "appsync", "mockway", "mockway_module", "mockway_session"]

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}
NO_PROFILE = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")
RESET_OPTION = "mockway_reset_between_tests"

_SCOPED: list[Handle] = []
"""The handles of the running ``mockway_session`` and ``mockway_module`` activations."""
_BASELINE = pytest.StashKey[tuple[Handle, "Snapshot"]]()
"""A test's state before its first function-scoped fixture, under the scoped handle then on
top."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        RESET_OPTION,
        "after each test, put back the state mockway_session/mockway_module hold (default: true)",
        type="bool",
        default=True,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mockway(account_id=..., seed=...): options for the mockway fixture, "
        "the same keyword-only options mock_aws() takes.",
    )


def _safe_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake credentials, no profile, no shared files, a region."""
    for name in NO_PROFILE:
        monkeypatch.delenv(name, raising=False)
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    if not os.environ.get("AWS_DEFAULT_REGION"):
        # botocore takes a client's region from AWS_DEFAULT_REGION only, never AWS_REGION.
        monkeypatch.setenv("AWS_DEFAULT_REGION", os.environ.get("AWS_REGION") or DEFAULT_REGION)


@pytest.fixture
def mockway(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Handle]:
    """API Gateway and AppSync mocked for this test; yields the :class:`mockway.Handle`.

    The test runs with fake credentials, no profile and no shared config or credentials file
    (``AWS_DEFAULT_REGION`` is set to ``AWS_REGION``, or us-east-1, unless already set); the
    environment is restored afterwards.
    """
    __tracebackhide__ = True
    marker = request.node.get_closest_marker("mockway")
    if marker is not None and marker.args:
        raise TypeError("@pytest.mark.mockway takes keyword options only, as mock_aws() does")
    options = dict(marker.kwargs) if marker is not None else {}
    _safe_environment(monkeypatch)
    with mock_aws(**options) as handle:
        yield handle


def _scoped() -> Generator[Handle, None, None]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _safe_environment(monkeypatch)
        outer = _SCOPED[-1] if _SCOPED else None
        # Inside mockway_session, a module's activation shares its state: what the module
        # adds is taken away when the module ends.
        entry = outer.snapshot() if outer is not None else None
        with mock_aws() as handle:
            _SCOPED.append(handle)
            try:
                yield handle
            finally:
                _SCOPED.remove(handle)
                if entry is not None:
                    handle.restore(entry)


@pytest.fixture(scope="session")
def mockway_session() -> Iterator[Handle]:
    """API Gateway and AppSync mocked from the first test that uses this to the end of the
    session; yields the :class:`mockway.Handle`.

    Build in session-scoped fixtures what many tests need; after each test the state is put
    back as it was before the test's own fixtures ran (unless the ini option
    ``mockway_reset_between_tests`` is false). Same environment as ``mockway``.
    """
    yield from _scoped()


@pytest.fixture(scope="module")
def mockway_module() -> Iterator[Handle]:
    """Like ``mockway_session``, for one test module: what the module builds is gone when the
    module ends."""
    yield from _scoped()


def _client(service: str) -> BaseClient:
    """A client in the fixture's region (``AWS_DEFAULT_REGION``), from a session of its own, so
    ``boto3.DEFAULT_SESSION`` is left alone."""
    region = os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    try:
        import boto3
    except ImportError:  # botocore alone: its clients are the same clients
        import botocore.session

        client: Any = botocore.session.Session().create_client(service, region_name=region)
    else:
        client = boto3.session.Session().client(service, region_name=region)  # type: ignore[call-overload]
    return client  # type: ignore[no-any-return]


@pytest.fixture
def apigateway(mockway: Handle) -> BaseClient:
    """An API Gateway client in the mockway fixture's region and account."""
    return _client("apigateway")


@pytest.fixture
def appsync(mockway: Handle) -> BaseClient:
    """An AppSync client in the mockway fixture's region and account."""
    return _client("appsync")


# -- putting the scoped state back after each test -------------------------------------------


def _take_baseline(item: pytest.Item) -> None:
    if _SCOPED and _BASELINE not in item.stash and item.config.getini(RESET_OPTION):
        handle = _SCOPED[-1]
        item.stash[_BASELINE] = (handle, handle.snapshot())


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    # Fixtures are set up by scope: the first function-scoped one comes after every session
    # and module fixture, so the state then is what the scoped fixtures built.
    __tracebackhide__ = True
    if fixturedef.scope == "function" and isinstance(request.node, pytest.Item):
        _take_baseline(request.node)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    __tracebackhide__ = True
    _take_baseline(item)  # a test with no function-scoped fixture
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    __tracebackhide__ = True
    try:
        return (yield)
    finally:
        baseline = item.stash.get(_BASELINE, None)
        if baseline is not None:
            del item.stash[_BASELINE]
            handle, snapshot = baseline
            if _SCOPED and _SCOPED[-1] is handle:  # still running: not torn down by this test
                handle.restore(snapshot)
