"""``$util.http`` of AppSync's mapping templates: request headers copied, and response headers
added to the GraphQL request's answer, with the reference's restrictions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._vtl import Evaluation, VBool, VMap, to_json

__all__ = ["NOT_COPIED", "NOT_SET", "Http", "ResponseHeaders"]

NOT_COPIED = frozenset(
    {
        "transfer-encoding",
        "connection",
        "host",
        "expect",
        "keep-alive",
        "upgrade",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "content-length",
    }
)
"""The headers ``$util.http.copyHeaders`` leaves out (lower case)."""
NOT_SET = NOT_COPIED | {
    "access-control-allow-credentials",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "access-control-max-age",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "vary",
    "content-type",
}
"""The headers ``$util.http.addResponseHeader`` may not set (lower case), beside the
prefixes ``x-amzn-`` and ``x-amz-``."""
RESPONSE_HEADERS_MAX = 4096
"""Bytes of custom response headers (names and values) a request may add."""
RESPONSE_HEADER_ERROR = "ResponseHeaderError"
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class ResponseHeaders:
    """The custom headers a GraphQL request's templates add to its answer, by lower-case
    name, and the bytes they have used."""

    def __init__(self) -> None:
        self.added: dict[str, tuple[str, str]] = {}
        self.size = 0

    def items(self) -> list[tuple[str, str]]:
        return list(self.added.values())


def _header_value(value: Any) -> str:
    if isinstance(value, (Mapping, list)):
        return to_json(value)
    if isinstance(value, (bool, VBool)):
        return "true" if value else "false"
    return str(value)


class Http:
    """``$util.http``: ``headers`` collects what the template adds, for the GraphQL request it
    runs in (or for nothing, in EvaluateMappingTemplate)."""

    def __init__(self, outcome: Evaluation, headers: ResponseHeaders) -> None:
        self._outcome = outcome
        self._headers = headers

    def copyHeaders(self, headers: Any) -> VMap:
        return VMap((str(k), v) for k, v in headers.items() if str(k).lower() not in NOT_COPIED)

    def addResponseHeader(self, name: Any, value: Any) -> str:
        text = "" if name is None else str(name)
        lowered = text.lower()
        written = "" if value is None else _header_value(value)
        size = len(text.encode()) + len(written.encode())
        if not text:
            problem = "A response header's name can't be empty."
        elif lowered in NOT_SET or lowered.startswith(("x-amzn-", "x-amz-")):
            problem = f"The response header {text} is restricted."
        elif value is None:
            problem = f"The response header {text} has a null value."
        elif not _TOKEN.fullmatch(text) or "\r" in written or "\n" in written:
            problem = f"The response header {text} is not a valid HTTP header."
        elif self._headers.size + size > RESPONSE_HEADERS_MAX:
            problem = f"The response header {text} exceeds the 4 KB of custom response headers."
        else:
            headers = self._headers
            headers.size += size
            headers.added.pop(lowered, None)
            headers.added[lowered] = (text, written)
            return ""
        self._outcome.out_errors.append(VMap(message=problem, errorType=RESPONSE_HEADER_ERROR))
        return ""

    def addResponseHeaders(self, headers: Any) -> str:
        for name, value in headers.items():
            self.addResponseHeader(name, value)
        return ""
