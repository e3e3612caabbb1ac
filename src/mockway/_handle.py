"""The handle a test gets from an activation: read-only views of the backends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from . import errors as _errors
from ._interceptor import CONTROLLER
from ._registry import services

if TYPE_CHECKING:
    from ._snapshot import Snapshot
    from ._state import MockState
    from .apigateway.view import ApiGatewayView
    from .appsync.view import AppSyncView

__all__ = ["DEFAULT_REGION", "BackendView", "Handle"]

DEFAULT_REGION = "us-east-1"

B = TypeVar("B", bound="_Backend")


class _Backend(Protocol):
    account_id: str
    region: str


class BackendView(Generic[B]):
    """What every service's view shares: the backend it reads, where that backend is, and a
    way to make the calls a client would make there."""

    __slots__ = ("_backend", "_service", "_state")

    def __init__(self, state: MockState, service: str, backend: B) -> None:
        self._state = state
        self._service = service
        self._backend = backend

    def _request(self, operation: str, **params: Any) -> dict[str, Any]:
        """``operation`` as a client in this view's account and region would call it."""
        return self._state.request(
            services()[self._service], operation, params, self.account_id, self.region
        )

    @property
    def account_id(self) -> str:
        """The account this view reads."""
        return self._backend.account_id

    @property
    def region(self) -> str:
        """The region this view reads."""
        return self._backend.region


class Handle:
    """Typed, read-only access to mockway's backends while its activation is active.

    Views are per (account, region); the account defaults to the activation's.

    The handle also carries mockway's exceptions, because the pytest fixture named ``mockway``
    hides the package inside a test that takes it: ``pytest.raises(mockway.UnsupportedOperation)``
    works with the fixture as it does with the package.
    """

    __slots__ = ("_state", "account_id")

    MockwayError: ClassVar[type[_errors.MockwayError]] = _errors.MockwayError
    """[`mockway.MockwayError`][mockway.MockwayError],
    the base class of mockway's own exceptions.
    """
    UnsupportedOperation: ClassVar[type[_errors.UnsupportedOperation]] = (
        _errors.UnsupportedOperation
    )
    """[`mockway.UnsupportedOperation`][mockway.UnsupportedOperation]:
    a call mockway does not answer.
    """
    NotActiveError: ClassVar[type[_errors.NotActiveError]] = _errors.NotActiveError
    """[`mockway.NotActiveError`][mockway.NotActiveError]:
    a handle or mock used after its activation stopped.
    """
    ClientOutlivedMockError: ClassVar[type[_errors.ClientOutlivedMockError]] = (
        _errors.ClientOutlivedMockError
    )
    """[`mockway.ClientOutlivedMockError`][mockway.ClientOutlivedMockError]:
    a client made under mockway called after it.
    """
    InvalidOptionError: ClassVar[type[_errors.InvalidOptionError]] = _errors.InvalidOptionError
    """[`mockway.InvalidOptionError`][mockway.InvalidOptionError]:
    an activation option mockway cannot use.
    """
    SnapshotError: ClassVar[type[_errors.SnapshotError]] = _errors.SnapshotError
    """[`mockway.SnapshotError`][mockway.SnapshotError]:
    a state file mockway cannot load or write.
    """

    def __init__(self, state: MockState, account_id: str) -> None:
        self._state = state
        self.account_id: str = account_id
        """The account requests are served for while this activation is the innermost."""

    def __repr__(self) -> str:
        return f"<mockway.Handle account_id={self.account_id!r}>"

    def _active_state(self) -> MockState:
        if CONTROLLER.state is not self._state:
            raise _errors.NotActiveError(
                "this mockway handle belongs to an activation that has stopped; its state "
                "was cleared when the outermost activation stopped"
            )
        return self._state

    def snapshot(self) -> Snapshot:
        """Everything mockway holds now, in every account and region, and where its id
        generator stands: restore it with [`restore()`][mockway.Handle.restore], save it with
        [`Snapshot.save()`][mockway.Snapshot.save].

        Taken at one moment (no operation runs meanwhile); nothing done afterwards changes it.
        """
        return self._active_state().snapshot()

    def restore(self, snapshot: Snapshot) -> None:
        """Make mockway's state what ``snapshot`` holds, in every account and region.

        The restored state shares nothing with the snapshot: the same snapshot can be restored
        again and again, each time as it was taken. Views made before keep working and read
        the restored state. A snapshot taken under another activation may be restored too.
        """
        from ._snapshot import Snapshot

        if not isinstance(snapshot, Snapshot):
            raise TypeError(f"restore() takes a mockway.Snapshot; got {snapshot!r}")
        self._active_state().restore(snapshot)

    def _backend(self, service: str, region: str, account_id: str | None) -> Any:
        self._active_state()
        return self._state.backend(services()[service], account_id or self.account_id, region)

    def apigateway(
        self, region: str = DEFAULT_REGION, *, account_id: str | None = None
    ) -> ApiGatewayView:
        """API Gateway's state in ``region``."""
        from .apigateway.view import ApiGatewayView

        return ApiGatewayView(
            self._state, "apigateway", self._backend("apigateway", region, account_id)
        )

    def appsync(
        self, region: str = DEFAULT_REGION, *, account_id: str | None = None
    ) -> AppSyncView:
        """AppSync's state in ``region``."""
        from .appsync.view import AppSyncView

        return AppSyncView(self._state, "appsync", self._backend("appsync", region, account_id))
