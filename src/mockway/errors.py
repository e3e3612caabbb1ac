"""mockway's own exceptions: misuse of the mock, and operations it does not answer.

Failures of the mocked service are never these: they arrive as the botocore client's own
modeled exceptions (``client.exceptions.NotFoundException``, all ``ClientError``).
"""

from __future__ import annotations

__all__ = ["MockwayError", "NotActiveError", "UnsupportedOperation"]

SUPPORTED_OPERATIONS_DOC = "docs/supported-operations.md"


class MockwayError(Exception):
    """Base class of every exception mockway raises about its own use."""


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
            f"mockway.supported_operations() and in {SUPPORTED_OPERATIONS_DOC}."
        )


class NotActiveError(MockwayError, RuntimeError):
    """The mock was stopped more often than started, or its state read while inactive."""
