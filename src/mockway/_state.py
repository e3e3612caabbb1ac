"""What an activation holds: backends per (service, account, region), and the call path."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any, cast

from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError
from botocore.model import OperationModel, ServiceModel

from . import _clock
from ._http import domain_named
from ._ids import IdSource
from ._registry import Call, Service
from ._snapshot import Snapshot
from ._validation import Validator, compile_validator
from ._wire import Parsed, ServiceError, failure, header_members, success
from .errors import UnsupportedOperation

__all__ = ["MockState", "Response", "changed", "service_model", "validator_for"]

Response = tuple[AWSResponse, Parsed]
Observer = Callable[[OperationModel, Response], None]

_validators: dict[tuple[str, str], Validator] = {}
_generations = itertools.count(1)
"""Each backend's ``generation`` is drawn from here after every call that may change it (a
control-plane call, a restore): what a data plane worked out from a backend's state holds
while the generation it was worked out at stays. Drawn, not counted per backend, so a
restored backend never comes back to a number it had."""


def changed(backend: Any) -> None:
    """Mark ``backend``'s state as changed (call under its lock)."""
    backend.generation = next(_generations)


_models: dict[str, ServiceModel] = {}


def service_model(name: str) -> ServiceModel:
    """botocore's model of a mocked service, loaded once."""
    model = _models.get(name)
    if model is None:
        import botocore.session

        model = _models[name] = botocore.session.get_session().get_service_model(name)
    return model


def validator_for(service: Service[Any], operation: OperationModel) -> Validator:
    key = (service.name, operation.name)
    validator = _validators.get(key)
    if validator is None:
        validator = _validators[key] = compile_validator(
            operation,
            type_error_code=service.type_error_code,
            validation_error_code=service.validation_error_code,
            enum_order=service.enum_order,
            unbounded=service.unbounded,
            patterns=service.patterns,
            nullable=service.nullable,
            wrong_json=service.wrong_json,
            null_entries=service.null_entries,
        )
    return validator


class MockState:
    """The backends of one outermost activation; nested activations share it."""

    def __init__(self, seed: int | None) -> None:
        self.ids: IdSource = IdSource(seed)
        self._backends: dict[tuple[str, str, str], Any] = {}
        self._lock = threading.Lock()

    def backend(self, service: Service[Any], account_id: str, region: str) -> Any:
        key = (service.name, account_id, region)
        backend = self._backends.get(key)
        if backend is None:
            with self._lock:
                backend = self._backends.get(key)
                if backend is None:
                    backend = self._backends[key] = service.backend(account_id, region)
        return backend

    def custom_domain(self, host: str, account_id: str, service: str = "apigateway") -> str | None:
        """The region whose ``service`` (API Gateway, or AppSync) has the public custom domain
        name ``host`` in the account, if one does: where a request to it goes. One look per
        region in use."""
        for (name, account, region), backend in list(self._backends.items()):
            if (
                name == service
                and account == account_id
                and domain_named(backend.domain_names, host) is not None
            ):
                return region
        return None

    def _all_locked(self) -> list[Any]:
        """Every backend's lock, in one order, for a moment when no operation runs."""
        return [self._backends[key].lock for key in sorted(self._backends)]

    def snapshot(self) -> Snapshot:
        """Everything this state holds, at one moment: no operation runs while it is taken."""
        with self._lock:
            locks = self._all_locked()
            for lock in locks:
                lock.acquire()
            try:
                return Snapshot._take(self)
            finally:
                for lock in reversed(locks):
                    lock.release()

    def restore(self, snapshot: Snapshot) -> None:
        """Put back what ``snapshot`` holds, at one moment, as objects of this state's own.

        A backend that exists now keeps its identity (and lock), so views made before the
        restore read the restored state; one the snapshot does not have is dropped."""
        ids, backends = snapshot._objects()
        with self._lock:
            locks = self._all_locked()
            for lock in locks:
                lock.acquire()
            try:
                current = self._backends
                kept: dict[tuple[str, str, str], Any] = {}
                for key, restored in backends.items():
                    backend = current.get(key)
                    if backend is None:
                        backend = restored
                    else:
                        lock = backend.lock
                        vars(backend).clear()
                        vars(backend).update(vars(restored))
                        backend.lock = lock
                    changed(backend)
                    kept[key] = backend
                self._backends = kept
                self.ids.follow(ids)
            finally:
                for lock in reversed(locks):
                    lock.release()

    def error_response(
        self, service: Service[Any], operation: OperationModel, error: ServiceError, url: str
    ) -> Response:
        return failure(
            url,
            operation,
            error,
            self.ids.request_id(),
            _clock.now(),
            service.error_type_suffix,
            service.response_headers(self.ids),
        )

    def dispatch(
        self,
        service: Service[Any],
        operation: OperationModel,
        params: dict[str, Any],
        account_id: str,
        region: str,
        url: str,
        validate: bool,
    ) -> Response:
        handler = service.operations.get(operation.name)
        if handler is None:
            raise UnsupportedOperation(service.name, operation.name)
        try:
            if validate:
                params = validator_for(service, operation)(params)
            now = _clock.now()
            backend = self.backend(service, account_id, region)
            with backend.lock:
                try:
                    parsed = handler(
                        backend, Call(operation, params, account_id, region, now, self.ids)
                    )
                finally:
                    changed(backend)
        except ServiceError as error:
            return self.error_response(service, operation, error, url)
        headers = service.response_headers(self.ids)
        lifted = header_members(operation, parsed)
        if lifted:
            headers = {**headers, **lifted}
        return success(
            url,
            operation.http.get("responseCode", 200),
            parsed,
            self.ids.request_id(),
            now,
            headers,
        )

    def request(
        self,
        service: Service[Any],
        operation: str,
        params: dict[str, Any],
        account_id: str,
        region: str,
    ) -> Parsed:
        """One call as a client makes it, without a client: the same validation, handler and
        lock. A failure raises botocore's ``ClientError``, as a client would."""
        model = service_model(service.name).operation_model(operation)
        http, parsed = self.dispatch(service, model, params, account_id, region, "", True)
        if http.status_code >= 300:
            raise ClientError(cast(Any, parsed), operation)
        return parsed
