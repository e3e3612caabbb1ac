"""Generated identifiers and secrets in the formats AWS uses.

One :class:`IdSource` belongs to one activation. Unseeded, it starts from the operating
system's entropy; seeded, every id and generated value repeats run after run, so snapshot
tests can pin them.
"""

from __future__ import annotations

import os
import random
import string

__all__ = ["IdSource"]

_LOWER_ALNUM = string.ascii_lowercase + string.digits
_MIXED_ALNUM = string.ascii_letters + string.digits


def _byte_map(alphabet: str) -> tuple[bytes, bytes]:
    """A ``bytes.translate`` table sending a random byte to a character of ``alphabet``, and
    the bytes to drop first so that every character is equally likely."""
    kept = 256 - 256 % len(alphabet)
    table = bytes(ord(alphabet[b % len(alphabet)]) if b < kept else 0 for b in range(256))
    return table, bytes(range(kept, 256))


_MAPS = {alphabet: _byte_map(alphabet) for alphabet in (_LOWER_ALNUM, _MIXED_ALNUM)}
# The bits ``uuid.UUID(int=..., version=4)`` sets: variant RFC 4122, version 4.
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_VERSION_4 = (0x8000 << 48) | (4 << 76)
# RFC 4648 base32, lowercase, two characters (10 bits) at a time.
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_BASE32_PAIRS = tuple(_BASE32[i >> 5] + _BASE32[i & 31] for i in range(1024))
_BASE32_SHIFTS = tuple(range(120, -1, -10))


class IdSource:
    __slots__ = ("_rng",)

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed if seed is not None else os.urandom(16))

    def follow(self, other: IdSource) -> None:
        """Continue from where ``other`` stands: the same ids and values come next."""
        self._rng.setstate(other._rng.getstate())

    def _draw(self, alphabet: str, length: int) -> str:
        table, dropped = _MAPS[alphabet]
        drawn = b""
        while len(drawn) < length:  # rarely more than once: few bytes are dropped
            drawn += self._rng.randbytes(length + 4).translate(table, dropped)
        return drawn[:length].decode("ascii")

    def lower_alnum(self, length: int) -> str:
        """``length`` characters of ``[a-z0-9]``: API Gateway resource ids, AppSync key ids."""
        return self._draw(_LOWER_ALNUM, length)

    def mixed_alnum(self, length: int) -> str:
        """``length`` characters of ``[A-Za-z0-9]``: generated API key values."""
        return self._draw(_MIXED_ALNUM, length)

    def _uuid4(self) -> int:
        """The 128 bits of a version-4 UUID, as ``uuid.uuid4`` would set them."""
        return self._rng.getrandbits(128) & _UUID_CLEAR | _UUID_VERSION_4

    def uuid4_base32(self) -> str:
        """A version-4 UUID as 26 characters of lowercase, unpadded base32: AppSync's ids.

        The same text as ``base64.b32encode(uuid.bytes)`` lowered and unpadded, made from the
        bits directly: the 128 bits and two zero bits, ten at a time.
        """
        bits = self._uuid4() << 2
        return "".join([_BASE32_PAIRS[bits >> shift & 1023] for shift in _BASE32_SHIFTS])

    def request_id(self) -> str:
        """A request id in the UUID form API Gateway and AppSync answer with, formatted from
        the bits directly: every response carries one."""
        text = f"{self._uuid4():032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
