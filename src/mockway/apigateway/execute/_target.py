"""Parse: which API, stage and deployment a request is for, and the path below the stage.

``https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}/{path}``. An API that is not
there, whose default endpoint is disabled, or that is private (reached other than through a
VPC endpoint's host), and a stage the API does not have, are 403 ``Forbidden``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import unquote

from ..._http import HttpRequest
from .._models import ApiGatewayBackend
from .._rest_models import Deployment, RestApi, Stage
from ._responses import FIXED_FORBIDDEN, GatewayError

__all__ = ["NO_BASE_PATH", "Target", "api_of", "locate", "locate_domain"]

NO_BASE_PATH = "(none)"

_VPCE = "-vpce-"


@dataclass(frozen=True, slots=True)
class Target:
    api: RestApi
    stage: Stage
    deployment: Deployment
    segments: tuple[str, ...]
    """The path below the stage, decoded, one item per part (none for the root)."""
    domain_path: str | None = None
    """The path as sent to a custom domain name, base path and all, decoded: what a proxy
    event's ``path`` and ``requestContext.path`` hold then (None on the API's own host)."""

    @property
    def deployed(self) -> RestApi:
        """The API's settings as the stage's deployment holds them: request validators,
        models, gateway responses, binary media types, key source."""
        return self.deployment.api or self.api


def api_of(backend: ApiGatewayBackend, label: str) -> RestApi | None:
    """The API the host's first label names (``{id}`` or ``{id}-{vpce-id}``), if it can be
    reached through that host."""
    api_id, through_endpoint, _ = label.partition(_VPCE)
    api = backend.rest_apis.get(api_id)
    if api is None or api.disable_execute_api_endpoint:
        return None
    private = "PRIVATE" in (api.endpoint_configuration.get("types") or ())
    return api if private == bool(through_endpoint) else None


def locate_domain(backend: ApiGatewayBackend, domain: str, request: HttpRequest) -> Target:
    """The API and stage a custom domain name's base path mapping sends ``request`` to: the
    mapping named by the path's first part, else the ``(none)`` mapping; a mapping without a
    stage takes the stage from the path, as the API's own host does."""
    found = backend.domain_names.get(domain)
    parts = request.path.split("/")[1:]
    first = unquote(parts[0]) if parts else ""
    mapping = None if found is None else found.mappings.get(first) if first else None
    if mapping is not None:
        parts = parts[1:]
    elif found is not None:
        mapping = found.mappings.get(NO_BASE_PATH)
    api = None if mapping is None else backend.rest_apis.get(mapping.rest_api_id)
    if api is None or mapping is None:
        raise GatewayError(FIXED_FORBIDDEN)
    if mapping.stage is not None:
        parts = [mapping.stage, *parts]
    target = locate(backend, api, dataclasses.replace(request, path="/" + "/".join(parts)))
    sent = "/".join(unquote(part) for part in request.path.split("/"))
    return dataclasses.replace(target, domain_path=sent)


def locate(backend: ApiGatewayBackend, api: RestApi | None, request: HttpRequest) -> Target:
    if api is None:
        raise GatewayError(FIXED_FORBIDDEN)
    parts = request.path.split("/")
    stage = api.stages.get(unquote(parts[1])) if len(parts) > 1 and parts[1] else None
    deployment = None if stage is None else api.deployments.get(stage.deployment_id)
    if stage is None or deployment is None:
        raise GatewayError(FIXED_FORBIDDEN)
    segments = [unquote(part) for part in parts[2:]]
    if segments and not segments[-1]:  # a trailing slash
        segments.pop()
    return Target(api, stage, deployment, tuple(segments))
