"""Data-plane traffic: requests to AWS data-plane hosts answered in-process.

While a mock is active, the HTTP client libraries the process has loaded are wrapped at one
method each (:mod:`._adapters`): ``requests`` (``Session.get_adapter``), ``urllib3``
(``HTTPConnectionPool.urlopen``), ``httpx`` (``Client._transport_for_url`` and
``AsyncClient._transport_for_url``) and ``aiohttp`` (``ClientSession._request``, and
aioresponses' stand-in for it, which would otherwise see every request first). A
wrapper claims a request only when its host is a data-plane host of a service the innermost
activations mock (:func:`claim`); every other request goes where it would without mockway,
to the network or to the user's other mocks.

No library is imported here. One the process has not loaded yet when the mock starts is
wrapped the moment it is imported (a finder on ``sys.meta_path`` watches for it while a mock
is active), so a library imported lazily by the code under test is reached too.

The wrappers are installed and removed with the class patches of :mod:`mockway._interceptor`.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from dataclasses import dataclass
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import UnsupportedOperation
from ._messages import (
    HttpRequest,
    HttpResponse,
    body_bytes,
    header_lines,
    on_the_wire,
    registered_answer,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._interceptor import Controller
    from .._state import MockState

__all__ = [
    "Claim",
    "HttpRequest",
    "HttpResponse",
    "answer",
    "body_bytes",
    "claim",
    "domain_named",
    "header_lines",
    "install",
    "on_the_wire",
    "parse_host",
    "registered_answer",
    "split_url",
    "uninstall",
]

_HOST = re.compile(
    r"(?P<api>[^.]+)\.(?P<kind>execute-api|appsync-api)\.(?P<region>[a-z0-9-]+)"
    r"\.amazonaws\.com(?:\.cn)?\.?",
    re.ASCII,
)
_SERVICE = {
    "execute-api": "apigateway",
    "appsync-api": "appsync",
    "custom-domain": "apigateway",
    "appsync-domain": "appsync",
}
_ENGINE = {
    "execute-api": ("mockway.apigateway.execute", "answer"),
    "appsync-api": ("mockway.appsync.execute", "answer"),
    "custom-domain": ("mockway.apigateway.execute", "answer_domain"),
    "appsync-domain": ("mockway.appsync.execute", "answer_domain"),
}
"""The module and function that serve a kind of host; a kind without one is refused."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A request mockway answers: where it goes, and what serves it."""

    kind: str
    api_id: str
    region: str
    state: MockState
    account_id: str


_KEPT = 256
"""URLs and hosts whose reading is kept: a test sends to a few, again and again."""
_KEPT_LENGTH = 2048
"""The longest URL or host kept."""
_hosts: dict[str, tuple[str, str, str] | None] = {}
_urls: dict[str, tuple[str, str, str]] = {}


def parse_host(host: str) -> tuple[str, str, str] | None:
    """``(kind, first label, region)`` of a data-plane host, or None for another host."""
    if host in _hosts:
        return _hosts[host]
    match = _HOST.fullmatch(host.lower())
    parsed = None if match is None else (match["kind"], match["api"], match["region"])
    if len(host) <= _KEPT_LENGTH:
        if len(_hosts) >= _KEPT:
            _hosts.clear()
        _hosts[host] = parsed
    return parsed


def domain_named(domain_names: Any, host: str) -> Any:
    """The public custom domain name (kept by its name in ``domain_names``) a request's
    ``host``, lower case, reaches, if there is one: host names are matched in any case,
    whatever case the domain name was created in."""
    found = domain_names.get(host)
    if found is None:
        for domain in domain_names.values():
            name = domain.domain_name
            if name.lower() == host and domain_names.get(name) is domain:
                return domain
    return found


def claim(host: str) -> Claim | None:
    """The claim on a request to ``host`` (no port, any case), or None when it is not a
    data-plane host of a service mocked now."""
    from .._interceptor import CONTROLLER

    if "-api." not in host:  # the cheap test every other request takes
        serving = CONTROLLER.current
        if serving is None:
            return None
        for kind in ("custom-domain", "appsync-domain"):  # API Gateway's, then AppSync's
            service = _SERVICE[kind]
            if service in serving.services:
                region = serving.state.custom_domain(host.lower(), serving.account_id, service)
                if region is not None:
                    return Claim(kind, host.lower(), region, serving.state, serving.account_id)
        return None
    parsed = parse_host(host)
    if parsed is None:
        return None
    serving = CONTROLLER.current
    kind, label, region = parsed
    if serving is None or _SERVICE[kind] not in serving.services:
        return None
    return Claim(kind, label, region, serving.state, serving.account_id)


def answer(claim: Claim, request: HttpRequest) -> HttpResponse:
    """The answer of the service ``claim`` names to ``request``."""
    engine = _ENGINE.get(claim.kind)
    if engine is None:
        raise UnsupportedOperation(_SERVICE[claim.kind], f"{claim.kind} requests")
    module = importlib.import_module(engine[0])
    response: HttpResponse = getattr(module, engine[1])(
        claim.state, claim.account_id, claim.region, claim.api_id, request
    )
    return on_the_wire(request.method, response)


def split_url(url: str) -> tuple[str, str, str]:
    """``(host, path, query)`` of an absolute URL (host lower case, without port or user)."""
    split = _urls.get(url)
    if split is not None:
        return split
    rest = url.partition("://")[2]
    authority, slash, tail = rest.partition("/")
    host = authority.rpartition("@")[2]
    host = host.partition("]")[0] + "]" if host.startswith("[") else host.partition(":")[0]
    path, _, query = (slash + tail).partition("?")
    split = host.lower(), path.partition("#")[0] or "/", query.partition("#")[0]
    if len(url) <= _KEPT_LENGTH:
        if len(_urls) >= _KEPT:
            _urls.clear()
        _urls[url] = split
    return split


# -- installing the adapters -------------------------------------------------------------------

_ADAPTERS = {
    "urllib3": "_urllib3",
    "requests": "_requests",
    "httpx": "_httpx",
    "aiohttp": "_aiohttp",
    "aioresponses": "_aioresponses",
}
"""Each library mockway reaches, by its top-level module, and the module that wraps it."""


def _install_adapter(controller: Controller, name: str, library: ModuleType) -> None:
    adapter = importlib.import_module(f"{__name__}.{_ADAPTERS[name]}")
    adapter.install(controller, library)


_lock = threading.Lock()
_controller: Controller | None = None


def install(controller: Controller) -> None:
    """Wrap the libraries loaded now; watch imports for the others. Called under the
    controller's lock when the outermost activation starts."""
    global _controller
    _controller = controller
    waiting = []
    for name in _ADAPTERS:
        library = sys.modules.get(name)
        if library is None:
            waiting.append(name)
        else:
            _install_adapter(controller, name, library)
    with _lock:
        if waiting and _WATCHER not in sys.meta_path:
            sys.meta_path.insert(0, _WATCHER)


def uninstall() -> None:
    """Stop watching imports (the controller restores the wrapped methods)."""
    with _lock:
        while _WATCHER in sys.meta_path:
            sys.meta_path.remove(_WATCHER)


def _loaded(name: str, library: ModuleType) -> None:
    controller = _controller
    if controller is not None:
        with controller.lock:
            if controller.current is not None:
                _install_adapter(controller, name, library)


class _Watcher(MetaPathFinder):
    """Finds nothing itself: marks the modules of HTTP libraries so that their classes are
    wrapped right after they are executed."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in _ADAPTERS:
            return None
        for finder in list(sys.meta_path):
            if finder is self:
                continue
            find = getattr(finder, "find_spec", None)
            spec: ModuleSpec | None = None if find is None else find(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _WrappingLoader(spec.loader, fullname)
        return spec


class _WrappingLoader(Loader):
    """The module's own loader, then the wrapping; the module keeps its own loader."""

    def __init__(self, loader: Any, name: str) -> None:
        self._loader = loader
        self._name = name

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        try:
            self._loader.exec_module(module)
        finally:
            module.__loader__ = self._loader
            if module.__spec__ is not None:
                module.__spec__.loader = self._loader
        _loaded(self._name, module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


_WATCHER = _Watcher()
