from __future__ import annotations

import pytest
from dataplane_support import TRANSPORTS, Send, sender
from graphql_support import ASKERS, Ask, asker

import mockway


@pytest.fixture(params=TRANSPORTS)
def send(request: pytest.FixtureRequest, mockway: mockway.Handle) -> Send:
    """Sends one request through one HTTP client library (or the handle); each test that
    takes it runs once per way."""
    return sender(request.param, mockway)


@pytest.fixture(params=ASKERS)
def ask(request: pytest.FixtureRequest, mockway: mockway.Handle) -> Ask:
    """Sends one GraphQL request through one HTTP client library (or the handle); each test
    that takes it runs once per way."""
    return asker(request.param, mockway)
