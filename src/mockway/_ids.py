"""Generated identifiers and secrets in the formats AWS uses.

One :class:`IdSource` belongs to one activation. Unseeded, it starts from the operating
system's entropy; seeded, every id and generated value repeats run after run, so snapshot
tests can pin them.
"""

from __future__ import annotations

import os
import random
import string
import uuid

__all__ = ["IdSource"]

_LOWER_ALNUM = string.ascii_lowercase + string.digits
_MIXED_ALNUM = string.ascii_letters + string.digits


class IdSource:
    __slots__ = ("_rng",)

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed if seed is not None else os.urandom(16))

    def lower_alnum(self, length: int) -> str:
        """``length`` characters of ``[a-z0-9]``: API Gateway resource ids, AppSync key ids."""
        return "".join(self._rng.choices(_LOWER_ALNUM, k=length))

    def mixed_alnum(self, length: int) -> str:
        """``length`` characters of ``[A-Za-z0-9]``: generated API key values."""
        return "".join(self._rng.choices(_MIXED_ALNUM, k=length))

    def uuid4(self) -> uuid.UUID:
        """A version-4 UUID drawn from this source."""
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)

    def request_id(self) -> str:
        """A request id in the UUID form API Gateway and AppSync answer with."""
        return str(self.uuid4())
