"""Documentation parts of a REST API: CreateDocumentationPart, GetDocumentationPart(s),
UpdateDocumentationPart, DeleteDocumentationPart, ImportDocumentationParts.

A part documents one location: a type, and the path, method, status code and name that type
takes. A field the type takes but the caller left out is AWS's default (path ``/``, method
and status code ``*``), so two locations that differ only by an omitted default are the same
location, and an API has at most one part per location. Stored parts are replaced, never
edited, so a documentation version can keep the parts it snapshotted as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .._paging import OrderedStore
from .._patch import PatchRules
from .._registry import Call
from .._render import render_items
from .._wire import ServiceError
from . import _errors as e
from ._family import IN_REST_API, Edit, Family, render_output
from ._listing import page, requested
from ._models import ApiGatewayBackend
from ._rest_models import RestApi

__all__ = [
    "FAMILY",
    "OPERATIONS",
    "TYPES_IN_AWS_ORDER",
    "DocumentationPart",
    "DocumentationVersion",
    "import_documentation",
]

PART_ID_LENGTH = 6

# Per location type, the fields it takes, each with the default AWS fills in (None: none).
_PATH, _METHOD, _STATUS, _NAME = ("path", "/"), ("method", "*"), ("statusCode", "*"), ("name", None)
FIELDS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "API": (),
    "AUTHORIZER": (_NAME,),
    "MODEL": (_NAME,),
    "RESOURCE": (_PATH,),
    "METHOD": (_PATH, _METHOD),
    "PATH_PARAMETER": (_PATH, _METHOD, _NAME),
    "QUERY_PARAMETER": (_PATH, _METHOD, _NAME),
    "REQUEST_HEADER": (_PATH, _METHOD, _NAME),
    "REQUEST_BODY": (_PATH, _METHOD, _NAME),
    "RESPONSE": (_PATH, _METHOD, _STATUS),
    "RESPONSE_HEADER": (_PATH, _METHOD, _STATUS, _NAME),
    "RESPONSE_BODY": (_PATH, _METHOD, _STATUS),
}
TYPES_IN_AWS_ORDER = (
    "RESPONSE_BODY", "RESPONSE", "METHOD", "MODEL", "AUTHORIZER", "RESPONSE_HEADER", "RESOURCE",
    "PATH_PARAMETER", "REQUEST_BODY", "QUERY_PARAMETER", "API", "REQUEST_HEADER",
)  # fmt: skip
"""The location types in the order AWS lists them in a validation error."""
NAME_REQUIRED = frozenset(
    {
        "AUTHORIZER",
        "MODEL",
        "PATH_PARAMETER",
        "QUERY_PARAMETER",
        "REQUEST_HEADER",
        "RESPONSE_HEADER",
    }
)
_LOCATION_FIELDS = ("path", "method", "statusCode", "name")
_STATUS_CODE = re.compile(r"[1-5]\d\d|\*|\s*")
_STATUS_CODE_PATTERN = r"^([1-5]\d\d|\*|\s*)$"


@dataclass(slots=True)
class DocumentationPart:
    id: str
    location: dict[str, str]
    """Wire names: ``type`` and the fields the type takes, defaults filled in."""
    properties: str

    @property
    def documented(self) -> bool:
        """Whether the part has content: its properties are more than an empty JSON value."""
        return _loads(self.properties) not in (None, {}, [], "")


@dataclass(slots=True)
class DocumentationVersion:
    version: str
    created_date: int
    description: str | None = None
    parts: tuple[DocumentationPart, ...] = ()
    """The API's parts when the version was created (never rendered)."""


# -- locations and properties ------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _loads(text: str) -> Any:
    """The JSON value ``text`` spells; ValueError when it spells none (NaN and Infinity are
    no JSON)."""
    return json.loads(text, parse_constant=_refuse_constant)


def _dumps(value: Any) -> str:
    """An imported JSON value as the properties string AWS stores: compact, keys in order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def properties_problem(properties: str | None) -> str | None:
    """Why ``properties`` cannot be a part's content, if it cannot."""
    if not properties:
        return e.DOC_PROPERTIES_EMPTY
    try:
        _loads(properties)
    except ValueError:
        return e.DOC_PROPERTIES_INVALID
    return None


def _text(value: Any) -> str:
    """A location field as the service reads it: a JSON number is its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else ""


def location_of(raw: Mapping[str, Any]) -> dict[str, str] | str:
    """The location ``raw`` names, defaults filled in, or why it names none. An empty field
    is a field left out."""
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        return e.DOC_LOCATION_TYPE.format(type=kind)
    taken = FIELDS[kind]
    given = {f: _text(raw.get(f)) for f in _LOCATION_FIELDS}
    given = {f: value for f, value in given.items() if value}
    status = given.get("statusCode", "")
    if not _STATUS_CODE.fullmatch(status):
        return e.DOC_LOCATION_STATUS.format(value=status)
    if status.isspace():
        del given["statusCode"]
    names = {f for f, _ in taken}
    for field in _LOCATION_FIELDS:
        if field in given and field not in names:
            return e.DOC_LOCATION_FIELD.format(field=field, type=kind)
    if kind in NAME_REQUIRED and "name" not in given:
        return e.DOC_LOCATION_NAME.format(type=kind)
    location: dict[str, str] = {"type": kind}
    for field, default in taken:
        value = given.get(field, default)
        if value is not None:
            location[field] = value
    return location


def _key(location: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(location.get(f, "") for f in ("type", *_LOCATION_FIELDS))


def _shown(location: Mapping[str, str]) -> str:
    """A location as AWS names it in a conflict: ``type 'API'``."""
    return ", ".join(f"{field} '{value}'" for field, value in location.items())


def _part_at(api: RestApi, location: Mapping[str, str]) -> DocumentationPart | None:
    key = _key(location)
    for part in api.documentation_parts.values():
        if _key(part.location) == key:
            return part
    return None


def _new_id(call: Call, *taken: OrderedStore[Any] | set[str]) -> str:
    while True:
        new = call.ids.lower_alnum(PART_ID_LENGTH)
        if not any(new in t for t in taken):
            return new


# -- the operations ----------------------------------------------------------------------------


def _set_properties(edit: Edit[DocumentationPart]) -> None:
    problem = properties_problem(edit.value)
    if problem is not None:
        raise e.bad_request(problem)
    assert edit.value is not None
    edit.item.properties = edit.value


FAMILY: Family[DocumentationPart] = Family(
    IN_REST_API,
    lambda api: api.documentation_parts,
    "documentationPartId",
    e.DOC_PART_NOT_FOUND,
    patch=PatchRules({"replace": ["/properties"]}),
    setters={"/properties": _set_properties},
    newest_first=False,
)


def create_documentation_part(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    status = p["location"].get("statusCode")
    if isinstance(status, str) and not _STATUS_CODE.fullmatch(status):
        raise ServiceError(
            "ValidationException",
            e.DOC_STATUS_CODE_PATTERN.format(value=status, pattern=_STATUS_CODE_PATTERN),
        )
    api = backend.rest_api(p["restApiId"])
    location = location_of(p["location"])
    if isinstance(location, str):
        raise e.bad_request(location)
    problem = properties_problem(p["properties"])
    if problem is not None:
        raise e.bad_request(problem)
    if _part_at(api, location) is not None:
        raise e.conflict(e.DOC_PART_EXISTS.format(location=_shown(location)))
    part = DocumentationPart(_new_id(call, api.documentation_parts), location, p["properties"])
    api.documentation_parts.add(part.id, part)
    return render_output(part, call)


def _filter(call: Call) -> Callable[[DocumentationPart], bool] | None:
    p = call.params
    kind, name, path = p.get("type"), p.get("nameQuery"), p.get("path")
    status = p.get("locationStatus")
    if not (kind or name or path or status):
        return None
    documented = None if not status else status == "DOCUMENTED"

    def keep(part: DocumentationPart) -> bool:
        where = part.location
        return (
            (not kind or where["type"] == kind)
            and (not name or where.get("name", "").startswith(name))
            and (not path or where.get("path") == path)
            and (documented is None or part.documented == documented)
        )

    return keep


def get_documentation_parts(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    api = backend.rest_api(call.params["restApiId"])
    shape = call.operation.output_shape
    assert shape is not None
    items_shape = shape.members["items"]
    service = call.operation.service_model.service_name
    return page(
        api.documentation_parts,
        requested(call),
        lambda found: render_items(found, items_shape, service),
        newest_first=False,
        keep=_filter(call),
    )


def delete_documentation_part(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    backend.rest_api(call.params["restApiId"])  # an unknown API is reported as such
    return FAMILY.delete(backend, call)


# -- import ------------------------------------------------------------------------------------


def _document(body: Any) -> Mapping[str, Any]:
    """The OpenAPI document an import body holds, or AWS's 400 when it holds none."""
    if hasattr(body, "read"):
        body = body.read()
    try:
        text = body if isinstance(body, str) else bytes(body).decode("utf-8-sig")
        document = _loads(text.removeprefix("\ufeff"))
    except (ValueError, TypeError):
        raise e.bad_request(e.DOC_IMPORTER) from None
    if not isinstance(document, dict) or not ("swagger" in document or "openapi" in document):
        raise e.bad_request(e.DOC_IMPORTER)
    return document


def _merged(old: str, new: str) -> str:
    """An existing part's properties with an imported part's attributes put over them."""
    before, after = _loads(old), _loads(new)
    if isinstance(before, dict) and isinstance(after, dict):
        return _dumps({**before, **after})
    return new


def _imported(raw: Any) -> tuple[dict[str, str], str] | str:
    """The location and properties of one part of an import, or why it has none."""
    if not isinstance(raw, dict) or not isinstance(raw.get("location"), dict):
        return e.DOC_IMPORT_NO_LOCATION
    location = location_of(raw["location"])
    if isinstance(location, str):
        return location
    if raw.get("properties") is None:
        return e.DOC_PROPERTIES_EMPTY
    return location, _dumps(raw["properties"])


def import_documentation(
    api: RestApi, call: Call, document: Mapping[str, Any], *, overwrite: bool, strict: bool
) -> tuple[list[str], list[str]]:
    """Put the parts of ``document``'s ``x-amazon-apigateway-documentation`` on ``api``: the
    ids of the parts imported and the warnings about those that were not. With ``overwrite``
    they replace every part the API had; otherwise each is merged into the part at its
    location, if there is one. With ``strict``, any warning is AWS's 400 and nothing
    changes."""
    extension = document.get("x-amazon-apigateway-documentation")
    raws = (extension or {}).get("documentationParts") if isinstance(extension, dict) else None
    if extension is not None and not isinstance(raws, list):
        raise e.bad_request(e.DOC_IMPORTER)
    store = api.documentation_parts
    # The parts the import leaves, by location key; each new or changed one is a new object.
    result: dict[tuple[str, ...], DocumentationPart] = (
        {} if overwrite else {_key(part.location): part for part in store.values()}
    )
    ids: list[str] = []
    drawn: set[str] = set()
    warnings: list[str] = []
    for number, raw in enumerate(raws or (), start=1):
        found = _imported(raw)
        if isinstance(found, str):
            warnings.append(e.DOC_IMPORT_WARNING.format(number=number, problem=found))
            continue
        location, properties = found
        key = _key(location)
        old = result.get(key)
        if old is None:
            part = DocumentationPart(_new_id(call, store, drawn), location, properties)
            drawn.add(part.id)
        else:
            part = DocumentationPart(old.id, old.location, _merged(old.properties, properties))
        result[key] = part
        if part.id not in ids:
            ids.append(part.id)
    if warnings and strict:
        raise e.bad_request(e.DOC_IMPORT_FAILED.format(warnings="\n\t".join(warnings)))
    if overwrite:
        for part_id in [part.id for part in store.values()]:
            store.remove(part_id)
    for part in result.values():
        if store.get(part.id) is not part:
            store.add(part.id, part)
    return ids, warnings


def import_documentation_parts(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    document = _document(p["body"])
    ids, warnings = import_documentation(
        api,
        call,
        document,
        overwrite=p.get("mode") == "overwrite",
        strict=bool(p.get("failOnWarnings")),
    )
    out: dict[str, Any] = {"ids": ids}
    if warnings:
        out["warnings"] = warnings
    return out


OPERATIONS = {
    "CreateDocumentationPart": create_documentation_part,
    "GetDocumentationParts": get_documentation_parts,
    "DeleteDocumentationPart": delete_documentation_part,
    "ImportDocumentationParts": import_documentation_parts,
    **FAMILY.operations(get="GetDocumentationPart", update="UpdateDocumentationPart"),
}
