"""ImportApiKeys: API keys from a CSV file, as API Gateway reads it.

The header names the columns, in any order and any case; ``Key`` and ``Name`` are required,
``Description``, ``Enabled`` and ``UsagePlanIds`` optional, anything else ignored. Cells are
trimmed. A quoted cell may use double or single quotes (``"a,b"`` or ``'a,b'``), so a list of
usage plan ids fits in one cell. A key whose value already exists is overwritten in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .._ids import IdSource
from .._registry import Call
from . import _errors as e
from ._models import MAX_DESCRIPTION, MAX_NAME, ApiGatewayBackend, ApiKey, value_problem
from ._plan_models import UsagePlan

__all__ = ["OPERATIONS", "read_rows"]


_BREAKS = "\r\n"


def _quoted(text: str, index: int) -> tuple[str, int] | None:
    """The quoted cell opening at ``index`` and where it ends, or None when what follows its
    closing quote is not the end of the cell (``'Bob's key`` is no quoted cell)."""
    quote, end = text[index], len(text)
    cell: list[str] = []
    index += 1
    while index < end:
        char = text[index]
        index += 1
        if char != quote:
            cell.append(char)
        elif index < end and text[index] == quote:  # a doubled quote stands for itself
            cell.append(quote)
            index += 1
        else:
            after = index
            while after < end and text[after] in " \t":
                after += 1
            if after == end or text[after] == "," or text[after] in _BREAKS:
                return "".join(cell), after
            return None
    return None


def read_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of CSV text, each with the number of the line it starts on.

    Cells are split on commas and rows on line breaks, except inside a quoted cell, which may
    be quoted with ``"`` or ``'``; cells are trimmed.
    """
    index, end, line = 0, len(text), 1
    while index < end:
        first_line, cells = line, []
        while True:
            while index < end and text[index] in " \t":
                index += 1
            quoted = _quoted(text, index) if index < end and text[index] in "\"'" else None
            if quoted is not None:
                cell, stop = quoted
                line += text.count("\n", index, stop)
            else:
                stop = index
                while stop < end and text[stop] != "," and text[stop] not in _BREAKS:
                    stop += 1
                cell = text[index:stop]
            cells.append(cell.strip())
            index = stop
            if index < end and text[index] == ",":
                index += 1
                continue
            break
        if index < end:  # a line break ends the row
            index += 2 if text.startswith("\r\n", index) else 1
            line += 1
        if cells != [""]:
            yield first_line, cells


@dataclass(slots=True)
class _Row:
    number: int
    value: str
    name: str | None
    description: str | None
    enabled: bool
    plan_ids: list[str]
    key_id: str
    """The key's id: a new key's is drawn as its value is first read, so messages can name
    it."""


def _text(body: Any) -> str:
    if hasattr(body, "read"):
        body = body.read()
    if isinstance(body, str):
        return body.removeprefix("\ufeff")
    try:
        return bytes(body).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise e.bad_request(e.IMPORT_NOT_UTF8) from None


def _plans(backend: ApiGatewayBackend, plan_ids: list[str]) -> tuple[list[UsagePlan], str | None]:
    """The plans ``plan_ids`` name, each once, or the warning for one that does not exist."""
    plans: list[UsagePlan] = []
    for plan_id in plan_ids:
        plan = backend.usage_plans.get(plan_id)
        if plan is None:
            return [], e.IMPORT_BAD_PLAN.format(plan_id=plan_id)
        if plan not in plans:
            plans.append(plan)
    return plans, None


def _plans_problem(
    backend: ApiGatewayBackend, key_id: str, plans: list[UsagePlan], joined: list[UsagePlan]
) -> str | None:
    """Why the key ``key_id`` (existing or about to be) cannot join ``plans``, if it cannot;
    ``joined`` are the plans earlier rows of the file have it join."""
    for index, plan in enumerate(plans):
        if key_id in plan.key_ids or plan in joined:
            continue
        error = backend.plan_key_problem(plan, key_id, [*joined, *plans[:index]])
        if error is not None:
            return error.message
    return None


def _read(backend: ApiGatewayBackend, text: str, ids: IdSource) -> tuple[list[_Row], list[str]]:
    rows = read_rows(text)
    header = next(rows, None)
    columns = [c.lower() for c in header[1]] if header else []
    if "key" not in columns or "name" not in columns:
        raise e.bad_request(e.IMPORT_MISSING_COLUMNS)
    good: list[_Row] = []
    warnings: list[str] = []
    # Rows land one after the other: a value seen earlier in the file is that row's key, in
    # the plans that row joins.
    new_ids: dict[str, str] = {}  # by value
    drawn: set[str] = set()  # new_ids' values
    joined: dict[str, list[UsagePlan]] = {}  # by key id
    for number, cells in rows:
        cell = dict(zip(columns, cells, strict=False))  # short rows leave cells empty
        value = cell.get("key", "")
        name = cell.get("name", "")
        description = cell.get("description", "")
        plan_ids = [p.strip() for p in cell.get("usageplanids", "").split(",") if p.strip()]
        problem = value_problem(value)
        if problem is None and len(name) > MAX_NAME:
            problem = e.API_KEY_NAME_TOO_LONG
        if problem is None and len(description) > MAX_DESCRIPTION:
            problem = e.API_KEY_DESCRIPTION_TOO_LONG
        if problem is not None:
            warnings.append(e.IMPORT_ROW.format(row=number, problem=problem))
            continue
        key_id = backend.key_id_by_value.get(value) or new_ids.get(value)
        if key_id is None:
            key_id = backend.new_api_key_id(ids)
            while key_id in drawn:  # unique among the file's new keys too
                key_id = backend.new_api_key_id(ids)
            new_ids[value] = key_id
            drawn.add(key_id)
        earlier = joined.setdefault(key_id, [])
        plans, problem = _plans(backend, plan_ids)
        if problem is None:
            problem = _plans_problem(backend, key_id, plans, earlier)
        if problem is not None:
            warnings.append(e.IMPORT_ROW.format(row=number, problem=problem))
            continue
        earlier += [plan for plan in plans if plan not in earlier]
        enabled = cell.get("enabled", "")
        good.append(
            _Row(
                number,
                value,
                name or None,
                description or None,
                enabled == "" or enabled.lower() == "true",
                plan_ids,
                key_id,
            )
        )
    return good, warnings


def import_api_keys(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    rows, warnings = _read(backend, _text(call.params["body"]), call.ids)
    if warnings and call.params.get("failOnWarnings"):
        raise e.bad_request(e.IMPORT_FAILED.format(warnings="; ".join(warnings)))
    backend.check_room_for(len({r.value for r in rows} - backend.key_id_by_value.keys()))
    ids: list[str] = []
    now = int(call.now)
    for row in rows:
        existing_id = backend.key_id_by_value.get(row.value)
        if existing_id is not None:
            key = backend.api_key(existing_id).copy()
            key.name, key.description, key.enabled = row.name, row.description, row.enabled
            key.updated = now
        else:
            key = ApiKey(
                id=row.key_id,
                value=row.value,
                name=row.name,
                description=row.description,
                enabled=row.enabled,
                customer_id=None,
                created=now,
                updated=now,
            )
        backend.store_api_key(key)
        for plan_id in row.plan_ids:
            backend.usage_plan(plan_id).key_ids.add(key.id, key.id)
        ids.append(key.id)
    out: dict[str, Any] = {"ids": ids}
    if warnings:
        out["warnings"] = warnings
    return out


OPERATIONS = {"ImportApiKeys": import_api_keys}
