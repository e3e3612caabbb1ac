"""The pytest plugin: fixture ``mockway`` and marker ``@pytest.mark.mockway(**options)``."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ._activation import mock_aws
from ._handle import DEFAULT_REGION, Handle

__all__ = ["mockway"]

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}
NO_PROFILE = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mockway(account_id=..., seed=...): options for the mockway fixture, "
        "the same keyword-only options mock_aws() takes.",
    )


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
    for name in NO_PROFILE:
        monkeypatch.delenv(name, raising=False)
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    if not os.environ.get("AWS_DEFAULT_REGION"):
        # botocore takes a client's region from AWS_DEFAULT_REGION only, never AWS_REGION.
        monkeypatch.setenv("AWS_DEFAULT_REGION", os.environ.get("AWS_REGION") or DEFAULT_REGION)
    with mock_aws(**options) as handle:
        yield handle
