"""mockway's own exceptions: misuse of the mock, and operations it does not answer.

Failures of the mocked service are never these: they arrive as the botocore client's own
modeled exceptions (``client.exceptions.NotFoundException``, all ``ClientError``).
"""

from __future__ import annotations

__all__ = [
    "ClientOutlivedMockError",
    "InvalidOptionError",
    "MockwayError",
    "NotActiveError",
    "SnapshotError",
    "UnsupportedOperation",
]


class MockwayError(Exception):
    """Base class of every exception mockway raises about its own use."""


class InvalidOptionError(MockwayError, ValueError):
    """An activation option has a value mockway cannot use."""


class UnsupportedOperation(MockwayError, NotImplementedError):
    """A call to a mocked service that mockway does not answer yet.

    The request is stopped in-process: nothing is sent to AWS.
    """

    def __init__(self, service: str, operation: str) -> None:
        self.service = service
        self.operation = operation
        super().__init__(
            f"mockway does not implement {service}.{operation}; the call was stopped and "
            f"nothing was sent to AWS. The operations mockway answers are listed by "
            "mockway.supported_operations() and on the 'Supported operations' page of "
            "mockway's documentation."
        )


class SnapshotError(MockwayError, ValueError):
    """A state file mockway cannot load (not one, damaged, or written by another version of
    mockway), or a state a JSON file cannot carry."""


class NotActiveError(MockwayError, RuntimeError):
    """The mock was stopped more often than started, or its state read while inactive."""


class ClientOutlivedMockError(NotActiveError):
    """A client created while mockway mocked its service was called when nothing mocked it.

    Such a client belongs to mockway for its whole life: unless credentials were given to it,
    it holds inert ones, and its calls are never sent to AWS. The call was stopped in-process.
    """

    def __init__(self, service: str, operation: str, *, still_active: bool) -> None:
        self.service = service
        self.operation = operation
        when = (
            f"while the active mockway activations do not mock {service}"
            if still_active
            else "after mockway stopped"
        )
        super().__init__(
            f"this {service} client was created while mockway mocked {service}, and "
            f"{service}.{operation} was called on it {when}; the call was stopped and nothing "
            f"was sent to AWS. A client made under mockway never reaches AWS: create the "
            f"client inside the activation that uses it (in pytest, in the test or in a "
            f"fixture that uses the mockway fixture), or keep the activation running until "
            f"the client's last call."
        )
