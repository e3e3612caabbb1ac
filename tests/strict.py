"""Strict mode: every mocked response must be what botocore's parser makes of the wire.

Each response mockway gives is rendered back to the JSON the real service would send (wire
names, epoch timestamps, base64 blobs) and parsed by botocore's own rest-json parser; the
result must equal mockway's, with the same types all the way down (``2.0`` is not ``2``,
``tzlocal`` datetimes stay datetimes). Successful responses are also validated against the
operation's output shape, as botocore's Stubber does.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.model import OperationModel, Shape
from botocore.parsers import create_parser
from botocore.response import StreamingBody
from botocore.validate import validate_parameters


def _wire(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {
            member.serialization.get("name", name): _wire(member, value[name])
            for name, member in shape.members.items()
            if name in value and "location" not in member.serialization
        }
    if kind == "list":
        return [_wire(shape.member, v) for v in value]  # type: ignore[attr-defined]
    if kind == "map":
        return {k: _wire(shape.value, v) for k, v in value.items()}  # type: ignore[attr-defined]
    if kind == "timestamp":
        assert isinstance(value, datetime.datetime)
        seconds = value.timestamp()
        return int(seconds) if seconds == int(seconds) else seconds
    if kind == "blob":
        return value if isinstance(value, StreamingBody) else base64.b64encode(value).decode()
    return value


def _non_null(shape: Shape, value: Any) -> Any:
    """``value`` without its null map entries: AWS sends some (API Gateway's empty mapping
    templates) and botocore parses them, though its validator, made for input, refuses them."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        members = shape.members  # type: ignore[attr-defined]
        return {k: _non_null(members[k], v) if k in members else v for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [_non_null(shape.member, v) for v in value]  # type: ignore[attr-defined]
    if kind == "map" and isinstance(value, dict):
        entry = shape.value  # type: ignore[attr-defined]
        return {k: _non_null(entry, v) for k, v in value.items() if v is not None}
    return value


def same(left: Any, right: Any, path: str = "") -> None:
    assert type(left) is type(right), f"{path}: {type(left).__name__} != {type(right).__name__}"
    if isinstance(left, dict):
        assert left.keys() == right.keys(), f"{path}: keys {sorted(left)} != {sorted(right)}"
        for key in left:
            same(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list):
        assert len(left) == len(right), f"{path}: {len(left)} items != {len(right)}"
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            same(a, b, f"{path}[{index}]")
    elif isinstance(left, datetime.datetime):
        assert left == right, f"{path}: {left!r} != {right!r}"
        assert type(left.tzinfo) is type(right.tzinfo), f"{path}: {left!r} != {right!r}"
    else:
        assert left == right, f"{path}: {left!r} != {right!r}"


def check_response(operation: OperationModel, response: tuple[AWSResponse, dict[str, Any]]) -> None:
    http, parsed = response
    service = operation.service_model
    parser = create_parser(service.protocol)
    status = http.status_code
    raw: Any = None
    if status < 300:
        shape = operation.output_shape
        body: dict[str, Any] = {} if shape is None else _wire(shape, parsed)
        if shape is not None:
            sent = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
            validate_parameters(_non_null(shape, sent), shape)
        if operation.has_streaming_output:
            # A blob payload is the body itself, which botocore hands over as a stream.
            assert shape is not None
            raw = parsed[shape.serialization["payload"]]
            assert isinstance(raw, StreamingBody), type(raw)
    else:
        shape = service.shape_for_error_code(parsed["Error"]["Code"])
        body = {"message": parsed["Error"]["Message"]}
        if shape is not None:
            body.update(_wire(shape, {k: v for k, v in parsed.items() if k in shape.members}))
    wire = {
        "status_code": status,
        "headers": http.headers,  # case-insensitive, as botocore hands them to its parser
        "body": raw
        if raw is not None
        else json.dumps(body).encode()
        if body or status >= 300
        else b"",
    }
    expected = parser.parse(wire, operation.output_shape)
    if status >= 300 and shape is not None:
        expected.update(parser.parse(wire, shape))
    expected["ResponseMetadata"]["RetryAttempts"] = 0
    same(parsed, expected)
