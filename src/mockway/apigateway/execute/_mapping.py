"""Non-proxy integrations' mappings: the request template a request takes, the integration
response an integration's answer selects, and the method response made from it.

* The request template is the one for the request's ``Content-Type`` (``application/json``
  when it has none). Without one, ``passthroughBehavior`` decides: ``WHEN_NO_MATCH`` passes
  the body through, ``WHEN_NO_TEMPLATES`` only when the integration has no template at all,
  ``NEVER`` never; otherwise 415 ``Unsupported Media Type``.
* The integration response is the first whose ``selectionPattern`` matches the whole
  selection key (a MOCK integration's ``statusCode``, an HTTP back end's status code, a Lambda
  function's error message), else the one without a pattern. None: 500, as AWS answers a
  method with no output mapping.
* The method response has the integration response's status code, its response template's
  text (the one for ``application/json``, else the first; without one, the integration's body
  as it is), and the headers its ``responseParameters`` map: static values (``'text'``),
  ``integration.response.header.X``, ``integration.response.body`` and
  ``integration.response.body.<JSONPath>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..._http import HttpRequest, HttpResponse
from .._rest_models import Integration, IntegrationResponse
from ._content import is_binary, response_body
from ._responses import INTERNAL_ERROR, UNSUPPORTED_MEDIA_TYPE, GatewayError
from ._templates import Input, Overrides, TemplateError, render_response, static, walk
from ._templates import render_request as render

__all__ = [
    "parameter",
    "render_request",
    "request_independent",
    "request_template",
    "respond",
    "select",
]

_JSON = "application/json"
_HEADER = "method.response.header."


def request_template(integration: Integration, request: HttpRequest) -> str | None:
    """The request template for ``request``, or None to pass its body through."""
    content_type = (request.header("content-type") or _JSON).split(";")[0].strip().lower()
    templates = integration.request_templates or {}
    for name, template in templates.items():
        if name.lower() == content_type:
            return template or ""
    behavior = integration.passthrough_behavior
    if behavior == "WHEN_NO_MATCH" or (behavior == "WHEN_NO_TEMPLATES" and not templates):
        return None
    raise GatewayError(UNSUPPORTED_MEDIA_TYPE)


def select(integration: Integration, key: str | None) -> IntegrationResponse:
    """The integration response ``key`` selects."""
    default = None
    for response in integration.integration_responses.values():
        pattern = response.selection_pattern
        if not pattern:
            default = default or response
            continue
        if key is None:
            continue
        try:
            if re.fullmatch(pattern, key, re.DOTALL):
                return response
        except re.error:
            continue
    if default is None:
        raise GatewayError(INTERNAL_ERROR)
    return default


def request_independent(integration: Integration, binary_types: Sequence[str] | None) -> bool:
    """Whether a MOCK integration's answer to a request depends on nothing but the request's
    ``Content-Type``: its templates are plain text, its response headers static values, and
    the API has no binary media types (so ``Accept`` converts nothing), and the request's body
    is not converted (so it cannot fail to be)."""
    if binary_types or integration.content_handling:
        return False
    if not all(static(t or "") for t in (integration.request_templates or {}).values()):
        return False
    for response in integration.integration_responses.values():
        if not all(static(t or "") for t in (response.response_templates or {}).values()):
            return False
        for source in (response.response_parameters or {}).values():
            if not (len(source) >= 2 and source[0] == source[-1] == "'"):
                return False
    return True


def parameter(
    source: str,
    request: HttpRequest,
    path: Mapping[str, str],
    stage_variables: Mapping[str, str],
    answer_headers: Mapping[str, str] | None = None,
    answer_body: str = "",
) -> str | None:
    """The value a mapping expression gives, or None when it gives none."""
    if len(source) >= 2 and source[0] == source[-1] == "'":
        return source[1:-1]
    kind, _, name = source.partition(".request.")
    if kind == "method":
        where, _, key = name.partition(".")
        if where == "path":
            return path.get(key)
        if where == "querystring":
            return Input("", path, request.query, request.headers).params(key) or None
        if where == "header":
            return request.header(key)
        return None
    if source.startswith("stageVariables."):
        return stage_variables.get(source.removeprefix("stageVariables."))
    if source.startswith("integration.response.header.") and answer_headers is not None:
        wanted = source.removeprefix("integration.response.header.").lower()
        return next((v for k, v in answer_headers.items() if k.lower() == wanted), None)
    if source == "integration.response.body":
        return answer_body
    if source.startswith("integration.response.body."):
        try:
            document = json.loads(answer_body)
        except ValueError:
            return None
        found = walk(document, "$" + source.removeprefix("integration.response.body"))
        return None if found is None else found if isinstance(found, str) else json.dumps(found)
    return None


def respond(
    response: IntegrationResponse,
    answer_body: bytes,
    answer_headers: Mapping[str, str],
    request: HttpRequest,
    path: Mapping[str, str],
    context: Callable[[], Mapping[str, Any]],
    stage_variables: Mapping[str, str],
    binary_types: Sequence[str] | None = None,
) -> HttpResponse:
    """The method response made from the selected integration response, its payload
    converted as the API's binary media types and the response's ``contentHandling`` say
    (:mod:`._content`)."""
    templates = response.response_templates or {}
    content_type = _JSON if _JSON in templates else next(iter(templates), _JSON)
    template = templates.get(content_type)
    text = answer_body.decode("utf-8", "replace")
    payload: bytes | str = text
    status = response.status_code
    overrides: Mapping[str, Any] = {}
    if template and static(template):
        payload = template
    elif template:
        input_ = Input(text, path, request.query, request.headers)
        try:
            payload, override, overrides = render_response(
                template, input_, context, stage_variables
            )
        except TemplateError:
            raise GatewayError(INTERNAL_ERROR) from None
        if override is not None:
            status = str(override)
            if not (status.isascii() and status.isdigit() and 100 <= int(status) <= 599):
                raise GatewayError(INTERNAL_ERROR)
    elif is_binary(_header(answer_headers, "content-type"), binary_types):
        payload = answer_body
    headers = {"Content-Type": content_type}
    for name, source in (response.response_parameters or {}).items():
        if not name.startswith(_HEADER):
            continue
        value = parameter(source, request, path, stage_variables, answer_headers, text)
        if value is not None:
            headers[name.removeprefix(_HEADER)] = value
    headers.update((str(k), str(v)) for k, v in overrides.items() if v is not None)
    accept = request.header("accept")
    body = response_body(payload, accept, binary_types, response.content_handling)
    return HttpResponse(int(status), headers, body)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name), None)


def render_request(
    template: str,
    body: str,
    request: HttpRequest,
    path: Mapping[str, str],
    context: Callable[[], Mapping[str, Any]],
    stage_variables: Mapping[str, str],
) -> tuple[str, Overrides]:
    """The request template's text, ``body`` its ``$input``, and the integration request's
    parameters it overrides; a template that cannot run is 500."""
    if static(template):
        return template, {}
    try:
        input_ = Input(body, path, request.query, request.headers)
        return render(template, input_, context, stage_variables)
    except TemplateError:
        raise GatewayError(INTERNAL_ERROR) from None
