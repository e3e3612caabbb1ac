"""The mock object: one activation, with decorator, context-manager and start/stop doors."""

from __future__ import annotations

import functools
import inspect
import re
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from ._handle import Handle
from ._interceptor import CONTROLLER
from .errors import InvalidOptionError, NotActiveError

if TYPE_CHECKING:
    import unittest

__all__ = [
    "InvalidOptionError",
    "Mock",
    "MockFactory",
    "mock_apigateway",
    "mock_appsync",
    "mock_aws",
]

_F = TypeVar("_F", bound=Callable[..., Any])
_ACCOUNT_ID = re.compile(r"\d{12}")
DEFAULT_ACCOUNT_ID = "123456789012"


class Mock:
    """One activation of mockway for a set of services.

    Use it as a decorator (functions, coroutine functions, test classes), as a context
    manager (``with`` or ``async with``, yielding the [`Handle`][mockway.Handle]), or with
    [`start()`][mockway.Mock.start] and [`stop()`][mockway.Mock.stop]. Activations nest:
    backends are shared by everything active and cleared when the outermost one stops.
    Requests are served for the account of the innermost active activation.
    """

    def __init__(
        self,
        services: frozenset[str],
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        seed: int | None = None,
    ) -> None:
        if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id):
            raise InvalidOptionError(
                f"account_id must be a string of 12 digits, like {DEFAULT_ACCOUNT_ID!r}; "
                f"got {account_id!r}"
            )
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise InvalidOptionError(f"seed must be an int or None; got {seed!r}")
        self.services: frozenset[str] = services
        """The services it mocks, by botocore's names (``apigateway``, ``appsync``)."""
        self.account_id: str = account_id
        """The account requests are served for while this is the innermost activation."""
        self.seed: int | None = seed
        """Makes ids, generated values and request ids repeat run after run; None for random
        ones."""

    def __repr__(self) -> str:
        services = ", ".join(sorted(self.services))
        return f"<mockway.Mock [{services}] account_id={self.account_id!r} seed={self.seed!r}>"

    def start(self) -> Handle:
        """Activate; returns the handle onto the backends."""
        return Handle(CONTROLLER.push(self, self.seed), self.account_id)

    def stop(self) -> None:
        """Deactivate; the outermost stop clears every backend."""
        if not CONTROLLER.pop(self):
            raise NotActiveError(f"{self!r} was stopped more often than it was started")

    def __enter__(self) -> Handle:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Handle:
        return self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, func: _F) -> _F:
        """Decorate a function, a coroutine function, a generator (sync or async) function, a
        ``unittest.TestCase`` class or a pytest test class."""
        if isinstance(func, type):
            # A TestCase class means unittest is loaded: no need to import it here.
            unittest = sys.modules.get("unittest")
            if unittest is not None and issubclass(func, unittest.TestCase):
                return self._decorate_test_case(func)  # type: ignore[return-value]
            return self._decorate_test_class(func)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await func(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]
        if inspect.isasyncgenfunction(func):

            @functools.wraps(func)
            async def async_generator_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self:
                    async for item in func(*args, **kwargs):
                        yield item

            return async_generator_wrapper  # type: ignore[return-value]
        if inspect.isgeneratorfunction(func):
            # Active for as long as the generator runs (a pytest fixture's setup to teardown),
            # not just while the generator object is made.

            @functools.wraps(func)
            def generator_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return (yield from func(*args, **kwargs))

            return generator_wrapper  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    def _decorate_test_case(self, cls: type[unittest.TestCase]) -> type[unittest.TestCase]:
        """Each test (with its setUp and cleanups) runs in a fresh activation."""
        original_setup = cls.setUp
        mock = self

        @functools.wraps(original_setup)
        def setUp(test: unittest.TestCase) -> None:
            mock.start()
            test.addCleanup(mock.stop)
            original_setup(test)

        setattr(cls, "setUp", setUp)  # noqa: B010 - replacing a method on the class
        return cls

    def _decorate_test_class(self, cls: type) -> type:
        """A plain test class (pytest's): each ``test*`` method runs in its own activation,
        with ``setup_method`` and ``teardown_method`` inside it when the class has them."""
        for name in dir(cls):
            if not name.startswith("test"):
                continue
            attribute = inspect.getattr_static(cls, name)
            if isinstance(attribute, (staticmethod, classmethod)):
                setattr(cls, name, type(attribute)(self(attribute.__func__)))
            elif inspect.isfunction(attribute):
                setattr(cls, name, self(attribute))
        setup = getattr(cls, "setup_method", None)
        if setup is not None:
            teardown = getattr(cls, "teardown_method", None)
            mock = self

            @functools.wraps(setup)
            def setup_method(test: Any, method: Any = None) -> None:
                mock.start()
                try:
                    _call_as_pytest_does(setup, test, method)
                except BaseException:
                    mock.stop()
                    raise

            @functools.wraps(teardown or setup)
            def teardown_method(test: Any, method: Any = None) -> None:
                try:
                    if teardown is not None:
                        _call_as_pytest_does(teardown, test, method)
                finally:
                    mock.stop()

            cls.setup_method = setup_method  # type: ignore[attr-defined]
            cls.teardown_method = teardown_method  # type: ignore[attr-defined]
        return cls


def _call_as_pytest_does(hook: Callable[..., Any], test: Any, method: Any) -> None:
    """``setup_method``/``teardown_method`` take the test method if they have a parameter for
    it (pytest passes it only then)."""
    if len(inspect.signature(hook).parameters) > 1:
        hook(test, method)
    else:
        hook(test)


class MockFactory:
    """``mock_aws``, ``mock_apigateway`` and ``mock_appsync``: a bare decorator, or a call
    with keyword-only options that returns a [`Mock`][mockway.Mock]."""

    def __init__(self, name: str, services: frozenset[str]) -> None:
        self.__name__ = self.__qualname__ = name
        self.services: frozenset[str] = services
        """The services its activations mock, by botocore's names."""

    def __repr__(self) -> str:
        return f"mockway.{self.__name__}"

    @overload
    def __call__(self, func: _F, /) -> _F: ...

    @overload
    def __call__(
        self, /, *, account_id: str = DEFAULT_ACCOUNT_ID, seed: int | None = None
    ) -> Mock: ...

    def __call__(self, func: Callable[..., Any] | None = None, /, **options: Any) -> Any:
        """``@mock_aws`` decorates ``func`` with an activation of the default options;
        ``mock_aws(account_id=..., seed=...)`` returns a [`Mock`][mockway.Mock] with those,
        to use as a decorator, a context manager or through ``start()`` and ``stop()``.

        Options are keyword-only: an unknown one is a ``TypeError``, a bad value a
        [`mockway.InvalidOptionError`][mockway.InvalidOptionError].
        """
        if func is not None and not callable(func):
            raise TypeError(
                f"mockway decorates functions, coroutine functions and test classes; "
                f"got {func!r}. Options are keyword-only: {self.__name__}(account_id=...)"
            )
        activation = Mock(self.services, **options)
        return activation if func is None else activation(func)


mock_aws: Final[MockFactory] = MockFactory("mock_aws", frozenset({"apigateway", "appsync"}))
"""Mock every service mockway knows: API Gateway and AppSync."""
mock_apigateway: Final[MockFactory] = MockFactory("mock_apigateway", frozenset({"apigateway"}))
"""Mock API Gateway only; AppSync calls go where they would without mockway."""
mock_appsync: Final[MockFactory] = MockFactory("mock_appsync", frozenset({"appsync"}))
"""Mock AppSync only; API Gateway calls go where they would without mockway."""
