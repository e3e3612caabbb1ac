from __future__ import annotations

import pytest
from dataplane_support import TRANSPORTS, Send, sender

import mockway


@pytest.fixture(params=TRANSPORTS)
def send(request: pytest.FixtureRequest, mockway: mockway.Handle) -> Send:
    """Sends one request through one HTTP client library (or the handle); each test that
    takes it runs once per way."""
    return sender(request.param, mockway)
