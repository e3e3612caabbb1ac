"""API Gateway PATCH operations: JSON Pointer paths matched against a resource's rules.

A resource lists, per ``op``, the path templates it accepts, in the order AWS prints them.
A template part written ``<name>`` matches any one pointer part. One placeholder may be named
as *spanning*: it also matches several parts when the first is empty, and stands for them
joined by ``/``, so a resource path may be written escaped (``~1pets~1{id}``, one part) or as
it is (``/pets/{id}``, the parts ``""``, ``pets`` and ``{id}``). The messages for a path or
op the resource does not accept are AWS's own, two spaces after ``path`` included.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonpointer import JsonPointer, JsonPointerException

from ._validation import fits_whole
from ._wire import ServiceError

__all__ = ["PatchOp", "PatchRules", "PathTable", "decimal_value", "whole_value"]

# Numbers in patch values, as the service reads them: ASCII digits, an optional sign, and for
# a decimal a point and an exponent; no spaces, underscores or other scripts' digits.
_WHOLE = re.compile(r"[+-]?[0-9]{1,19}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def whole_value(text: Any, bits: int) -> int | None:
    """The whole number a patch value spells, if it fits a signed ``bits``-bit integer."""
    if not isinstance(text, str) or _WHOLE.fullmatch(text) is None:
        return None
    number = int(text)
    return number if fits_whole(number, bits) else None


def decimal_value(text: Any) -> float | None:
    """The finite double a patch value spells, if it spells one."""
    if not isinstance(text, str) or _DECIMAL.fullmatch(text) is None:
        return None
    number = float(text)
    return number if math.isfinite(number) else None


@dataclass(frozen=True, slots=True)
class PatchOp:
    op: str
    path: str
    template: str
    """The accepted template this path matched, as the rules spell it."""
    args: tuple[str, ...]
    """What filled the template's ``<placeholders>``: pointer parts, unescaped (the spanning
    placeholder's parts joined by ``/``)."""
    value: str | None
    from_: str | None


def _parts(path: str) -> tuple[str, ...] | None:
    try:
        return tuple(JsonPointer(path).parts)
    except JsonPointerException:
        return None


class PatchRules:
    def __init__(self, rules: Mapping[str, Sequence[str]], *, spanning: str | None = None) -> None:
        """``rules``: per op, the accepted path templates; ``spanning``: the placeholder, as
        written in them (``<resourcePath>``), that may match more than one pointer part."""
        self._display = {op: ", ".join(paths) for op, paths in rules.items()}
        self._templates = {
            op: [(path, tuple(JsonPointer(path).parts)) for path in paths]
            for op, paths in rules.items()
        }
        self._spanning = spanning

    def _match(self, op: str, parts: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
        for path, template in self._templates[op]:
            spare = len(parts) - len(template)  # parts the spanning placeholder takes on
            if spare < 0 or (spare and self._spanning not in template):
                continue
            args: list[str] = []
            index = 0
            for want in template:
                if want == self._spanning:
                    span = parts[index : index + 1 + spare]
                    if spare and span[0] != "":  # only a path written as it is spans parts
                        break
                    args.append("/".join(span))
                    index += 1 + spare
                    continue
                got = parts[index]
                index += 1
                if want.startswith("<") and want.endswith(">"):
                    args.append(got)
                elif want != got:
                    break
            else:
                return path, tuple(args)
        return None

    def parse(self, operations: Sequence[Mapping[str, Any]] | None) -> list[PatchOp]:
        """Check every operation's op and path; raise AWS's 400 for the first bad one."""
        parsed: list[PatchOp] = []
        for operation in operations or ():
            op = operation.get("op")
            path = operation.get("path")
            shown = "null" if path is None else path
            shown_op = "null" if op is None else op
            if op not in self._templates:
                raise ServiceError(
                    "BadRequestException",
                    f"Invalid patch path  '{shown}' specified for op '{shown_op}'. "
                    f"Please choose supported operations",
                )
            parts = _parts(path) if isinstance(path, str) else None
            matched = self._match(op, parts) if parts is not None else None
            if matched is None or not isinstance(path, str):
                raise ServiceError(
                    "BadRequestException",
                    f"Invalid patch path  '{shown}' specified for op '{op}'. "
                    f"Must be one of: [{self._display[op]}]",
                )
            template, args = matched
            parsed.append(
                PatchOp(op, path, template, args, operation.get("value"), operation.get("from"))
            )
        return parsed


class PathTable:
    """Patch paths as some resources check them (REST APIs): the path first, then the op.

    An unknown path is ``Invalid patch path <path>``; an op a known path does not take gets
    that path's own message, ``Invalid patch operation specified. Must be one of: [<ops>]``
    unless the table gives another. Placeholders match one pointer part each.
    """

    def __init__(self, paths: Mapping[str, tuple[Sequence[str], str | None]]) -> None:
        self._paths = [
            (
                template,
                tuple(JsonPointer(template).parts),
                frozenset(ops),
                refused or f"Invalid patch operation specified. Must be one of: [{', '.join(ops)}]",
            )
            for template, (ops, refused) in paths.items()
        ]

    def parse(self, operations: Sequence[Mapping[str, Any]] | None) -> list[PatchOp]:
        parsed: list[PatchOp] = []
        for operation in operations or ():
            path = operation.get("path")
            parts = _parts(path) if isinstance(path, str) else None
            for template, want, ops, refused in self._paths:
                if parts is None or path is None or len(parts) != len(want):
                    continue
                pairs = list(zip(want, parts, strict=True))
                if all(w == p or (w[:1] == "<" and w[-1:] == ">") for w, p in pairs):
                    if operation.get("op") not in ops:
                        raise ServiceError("BadRequestException", refused)
                    args = tuple(p for w, p in pairs if w[:1] == "<")
                    parsed.append(
                        PatchOp(
                            operation["op"],
                            path,
                            template,
                            args,
                            operation.get("value"),
                            operation.get("from"),
                        )
                    )
                    break
            else:
                shown = "null" if path is None else path
                raise ServiceError("BadRequestException", f"Invalid patch path {shown}")
        return parsed
