"""Content type conversions: the API's ``binaryMediaTypes``, the request's ``Content-Type`` and
``Accept``, and ``contentHandling`` (``CONVERT_TO_TEXT``, ``CONVERT_TO_BINARY``) of the
integration and of the integration response, as API Gateway's tables apply them.

A media type is binary when the API lists it: the first type of the header, without its
parameters, equal to a listed type or under a listed ``type/*``; a listed ``*/*`` takes every
type, and no other left-hand wildcard takes any.

* Request to a non-proxy integration: a binary body stays binary (``CONVERT_TO_TEXT`` makes it
  Base64 text); a text body stays text (``CONVERT_TO_BINARY`` decodes it from Base64).
* Response of a non-proxy integration: a binary payload stays binary when the request's
  ``Accept`` is binary and becomes Base64 text when it is not; a text payload stays text when
  ``Accept`` is not binary and is decoded from Base64 when it is; ``contentHandling`` overrides
  either (``CONVERT_TO_TEXT``: Base64 text or the text as it is; ``CONVERT_TO_BINARY``: the
  binary as it is or the text decoded). A payload is binary when it passed through without a
  template and its ``Content-Type`` is binary; a rendered template is text.
* A Lambda proxy answer with ``isBase64Encoded`` is decoded only when ``Accept`` is binary, else
  its body is answered as the Base64 text it is (recorded against AWS by LocalStack's
  ``test_aws_proxy_binary_response``); a proxy event's body is Base64 when ``Content-Type`` is
  binary or the body is no UTF-8.

Text that should be Base64 and is not is 500 ``Internal server error``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from ._responses import INTERNAL_ERROR, GatewayError

__all__ = ["BINARY", "TEXT", "decoded", "is_binary", "request_body", "response_body"]

TEXT = "CONVERT_TO_TEXT"
BINARY = "CONVERT_TO_BINARY"


def is_binary(header: str | None, binary_types: Sequence[str] | None) -> bool:
    """Whether the header's (first) media type is one the API treats as binary."""
    if not header or not binary_types:
        return False
    media = header.split(",")[0].split(";")[0].strip().lower()
    kind, slash, subtype = media.partition("/")
    if not slash:
        return False
    for listed in binary_types:
        listed_kind, _, listed_subtype = listed.split(";")[0].strip().lower().partition("/")
        if listed_kind == "*" and listed_subtype == "*":
            return True
        if listed_kind == kind and listed_subtype in (subtype, "*"):
            return True
    return False


def decoded(text: str | bytes) -> bytes:
    """Base64 text decoded, or 500."""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise GatewayError(INTERNAL_ERROR) from None


def request_body(
    body: bytes, content_type: str | None, binary_types: Sequence[str] | None, handling: str | None
) -> bytes | str:
    """The integration request's payload: bytes for a binary blob, text for text."""
    if is_binary(content_type, binary_types):
        return base64.b64encode(body).decode("ascii") if handling == TEXT else body
    if handling == BINARY:
        return decoded(body)
    return body.decode("utf-8", "replace")


def response_body(
    payload: bytes | str,
    accept: str | None,
    binary_types: Sequence[str] | None,
    handling: str | None,
) -> bytes:
    """The method response's body from the integration's payload (bytes when it is binary)."""
    binary_accept = is_binary(accept, binary_types)
    to_text = handling == TEXT or (handling is None and not binary_accept)
    if isinstance(payload, bytes):
        return base64.b64encode(payload) if to_text else payload
    return payload.encode("utf-8") if to_text else decoded(payload)
