"""An integration's call to its endpoint as API Gateway's execution log shows it: the request
sent (URI, headers, body) and the response read. Only TestInvokeMethod shows it, through a
:class:`Trace`; traffic through a stage runs without one.

The headers are those of AWS's recorded log for a Lambda integration: ``X-Amz-Date``,
``x-amzn-apigateway-api-id``, ``Accept``, ``User-Agent``, ``Host``, ``X-Amz-Content-Sha256``,
``X-Amzn-Trace-Id``, ``x-amzn-lambda-integration-tag`` and ``X-Amz-Source-Arn`` going out;
``Date``, ``Content-Type``, ``Content-Length``, ``Connection``, ``x-amzn-RequestId``,
``x-amzn-Remapped-Content-Length``, ``X-Amz-Executed-Version`` and ``X-Amzn-Trace-Id`` coming
back. mockway signs nothing, so ``Authorization`` and ``X-Amz-Security-Token`` are left out.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..._ids import IdSource
from ._responses import _http_date

__all__ = [
    "Invoked",
    "Trace",
    "invoking",
    "lambda_request",
    "lambda_response",
    "lambda_uri",
    "latency_ms",
    "method_arn",
    "trace_id",
]


class Trace(Protocol):
    """What the execution log is told of an integration's endpoint call."""

    def sent(self, uri: str, headers: Mapping[str, str], body: bytes) -> None:
        """The request, as it goes to ``uri``."""

    def received(
        self, status: int, started: float, headers: Mapping[str, str], body: bytes
    ) -> None:
        """The response, read; ``started`` is ``time.perf_counter()`` when it was sent."""


def latency_ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def lambda_uri(function_arn: str) -> str:
    """The Lambda Invoke URL API Gateway calls for a function ARN."""
    region = function_arn.split(":")[3] if function_arn.count(":") >= 6 else "us-east-1"
    return f"https://lambda.{region}.amazonaws.com/2015-03-31/functions/{function_arn}/invocations"


def trace_id(ids: IdSource, now: float) -> str:
    """An X-Ray trace id: ``1-<epoch seconds, hex>-<96 bits, hex>``."""
    return f"1-{int(now):08x}-{ids.request_id().replace('-', '')[:24]}"


def method_arn(api_id: str, stage: str, method: str, below: str, account: str, region: str) -> str:
    """The ARN of a method invoked on a stage: what policies and Lambda's source ARN name."""
    return f"arn:aws:execute-api:{region}:{account}:{api_id}/{stage}/{method}/{below}"


def lambda_request(
    uri: str, api_id: str, source_arn: str, request_id: str, trace: str, now: float, body: bytes
) -> dict[str, str]:
    """The headers of API Gateway's call to Lambda's Invoke."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    return {
        "X-Amz-Date": stamp,
        "x-amzn-apigateway-api-id": api_id,
        "Accept": "application/json",
        "User-Agent": f"AmazonAPIGateway_{api_id}",
        "Host": uri.partition("://")[2].partition("/")[0],
        "X-Amz-Content-Sha256": hashlib.sha256(body).hexdigest(),
        "X-Amzn-Trace-Id": f"Root={trace}",
        "x-amzn-lambda-integration-tag": request_id,
        "X-Amz-Source-Arn": source_arn,
    }


def lambda_response(request_id: str, trace: str, now: float, body: bytes) -> dict[str, str]:
    """The headers of Lambda's answer to an Invoke."""
    return {
        "Date": _http_date(now),
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Connection": "keep-alive",
        "x-amzn-RequestId": request_id,
        "x-amzn-Remapped-Content-Length": "0",
        "X-Amz-Executed-Version": "$LATEST",
        "X-Amzn-Trace-Id": f"root={trace};sampled=0",
    }


@dataclass(frozen=True, slots=True)
class Invoked:
    """A call to Lambda the log is told of (nothing to tell without a trace)."""

    trace: Trace | None
    request_id: str
    trace_root: str
    now: float
    started: float

    def answered(self, answer: Any) -> None:
        """Tell the log what the function answered (as its runtime serializes it)."""
        if self.trace is None:
            return
        try:
            text = answer if isinstance(answer, str) else json.dumps(answer)
        except (TypeError, ValueError):
            text = str(answer)
        body = text.encode("utf-8")
        headers = lambda_response(self.request_id, self.trace_root, self.now, body)
        self.trace.received(200, self.started, headers, body)


def invoking(
    trace: Trace, arn: str, api_id: str, source_arn: str, ids: IdSource, now: float, payload: Any
) -> Invoked:
    """Tell ``trace`` of a call to Lambda's Invoke about to be made with ``payload`` (an event,
    or bytes)."""
    uri = lambda_uri(arn)
    if isinstance(payload, bytes):
        body = payload
    else:
        body = json.dumps(payload, separators=(",", ":")).encode()
    request_id, trace_root = ids.request_id(), trace_id(ids, now)
    trace.sent(
        uri, lambda_request(uri, api_id, source_arn, request_id, trace_root, now, body), body
    )
    return Invoked(trace, request_id, trace_root, now, time.perf_counter())
