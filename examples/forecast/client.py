"""A client of a weather API: one GET per city, with the caller's API key.

API Gateway answers 429 for two reasons: ``Too Many Requests`` (a throttle: worth retrying after
a pause) and ``Limit Exceeded`` (the key's quota for the period is spent: retrying cannot help).
A 403 ``Forbidden`` means the key is unknown, disabled or in no plan of the stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests


class QuotaExhausted(Exception):
    """The key's quota for the period is spent."""


class KeyRefused(Exception):
    """API Gateway refused the key (unknown, disabled, or in no usage plan of the stage)."""


class ForecastClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.session = session or requests.Session()

    def forecast(self, city: str) -> Any:
        """The forecast for ``city``: throttled calls are retried with a doubling pause."""
        pause = self.backoff
        for attempt in range(self.retries + 1):
            answer = self.session.get(
                f"{self.base_url}/forecast/{city}", headers={"x-api-key": self.api_key}
            )
            if answer.status_code == 403:
                raise KeyRefused(answer.json().get("message"))
            if answer.status_code != 429:
                answer.raise_for_status()
                return answer.json()
            if answer.json().get("message") == "Limit Exceeded":
                raise QuotaExhausted(city)
            if attempt < self.retries:
                self.sleep(pause)
                pause *= 2
        raise TimeoutError(f"still throttled after {self.retries} retries")
