"""The forecast client against its API, deployed under mockway: throttles retried, a spent
quota reported, a rotated key refused — without a single real request."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

import mockway
from forecast import ForecastClient, KeyRefused, QuotaExhausted
from keydesk import KeyManager

REGION = "eu-west-1"
FUNCTION = f"arn:aws:lambda:{REGION}:123456789012:function:forecast"
MONDAY = datetime.datetime(2026, 3, 9, 8, tzinfo=datetime.timezone.utc)


@dataclass
class WeatherApi:
    url: str
    plan_id: str


def weather(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The forecast Lambda behind the API."""
    city = event["pathParameters"]["city"]
    return {"statusCode": 200, "body": f'{{"city": "{city}", "sky": "sunny"}}'}


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def api(mockway: mockway.Handle, apigateway: Any, clock: Any) -> WeatherApi:
    """GET /forecast/{city}, key required, a Lambda proxy; a plan of 2 bursts, 1 a second and
    5 calls a day."""
    view = mockway.apigateway(REGION)
    deployed = view.create_deployed_api(
        "weather", stage="v1", paths=("/forecast/{city}",), api_key_required=True
    )
    apigateway.put_integration(
        restApiId=deployed.api_id,
        resourceId=deployed.resource_ids["/forecast/{city}"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{FUNCTION}/invocations",
    )
    apigateway.create_deployment(restApiId=deployed.api_id, stageName="v1")
    view.register_lambda(FUNCTION, weather)
    plan = apigateway.create_usage_plan(
        name="free",
        apiStages=[deployed.api_stage],
        throttle={"burstLimit": 2, "rateLimit": 1.0},
        quota={"limit": 5, "period": "DAY"},
    )
    return WeatherApi(deployed.invoke_url, plan["id"])


def client_for(api: WeatherApi, key: str, clock: time_machine.Traveller) -> ForecastClient:
    """A client whose pauses move the test's clock instead of waiting."""
    return ForecastClient(api.url, key, sleep=lambda seconds: clock.shift(seconds))


def test_throttled_calls_are_retried_until_the_bucket_refills(
    apigateway: Any, api: WeatherApi, clock: time_machine.Traveller
) -> None:
    key = KeyManager(apigateway).issue("acme", api.plan_id)
    pauses: list[float] = []
    client = ForecastClient(api.url, key.value, sleep=lambda s: (pauses.append(s), clock.shift(s)))

    assert [client.forecast(city)["city"] for city in ("oslo", "rome", "lima")] == [
        "oslo",
        "rome",
        "lima",
    ]
    assert pauses == [0.5, 1.0]  # the burst of 2 was spent; a token came back after 1 s


def test_a_spent_quota_is_reported_and_renewed_the_next_day(
    apigateway: Any, api: WeatherApi, clock: time_machine.Traveller
) -> None:
    key = KeyManager(apigateway).issue("acme", api.plan_id)
    client = client_for(api, key.value, clock)
    for city in ("a", "b", "c", "d", "e"):
        client.forecast(city)
        clock.shift(1)

    with pytest.raises(QuotaExhausted):
        client.forecast("f")
    usage = apigateway.get_usage(
        usagePlanId=api.plan_id, startDate="2026-03-09", endDate="2026-03-09"
    )
    assert usage["items"][key.id] == [[5, 0]]

    clock.shift(datetime.timedelta(days=1))
    assert client.forecast("f")["city"] == "f"


def test_a_rotated_key_is_refused_and_its_successor_works(
    apigateway: Any, api: WeatherApi, clock: time_machine.Traveller
) -> None:
    keys = KeyManager(apigateway)
    old = keys.issue("acme", api.plan_id)
    assert client_for(api, old.value, clock).forecast("oslo")["sky"] == "sunny"

    new = keys.rotate(old.id)

    with pytest.raises(KeyRefused, match="Forbidden"):
        client_for(api, old.value, clock).forecast("oslo")
    assert client_for(api, new.value, clock).forecast("oslo")["sky"] == "sunny"
