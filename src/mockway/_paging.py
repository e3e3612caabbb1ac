"""Collections kept in creation order, paged newest first at a cost of one page.

API Gateway lists newest first and pages with an opaque ``position``; AppSync pages with an
opaque ``nextToken``. Both are tokens naming where the next page starts: the creation sequence
number of its first candidate, so deletions between pages never skip or repeat an item.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

__all__ = ["OrderedStore", "Page", "clamp_limit", "decode_token", "encode_token"]

T = TypeVar("T")


def encode_token(sequence: int) -> str:
    return base64.urlsafe_b64encode(f"mw{sequence}".encode()).decode().rstrip("=")


def decode_token(token: str) -> int | None:
    """The sequence number a token names, or None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not raw.startswith("mw") or not raw[2:].isdigit():
        return None
    return int(raw[2:])


class Page(Generic[T]):
    __slots__ = ("items", "next_token")

    def __init__(self, items: list[T], next_token: str | None) -> None:
        self.items = items
        self.next_token = next_token


class OrderedStore(Generic[T]):
    """Items by id, remembering creation order.

    Beside the map by id, the items are kept in creation order in a list, with their
    creation sequence numbers in a parallel list: a page of every item is a slice of it.
    """

    __slots__ = ("_items", "_next", "_ordered", "_sequence_of", "_sequences")

    def __init__(self) -> None:
        self._items: dict[str, T] = {}
        self._sequence_of: dict[str, int] = {}
        self._sequences: list[int] = []
        self._ordered: list[T] = []
        self._next = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def get(self, item_id: str) -> T | None:
        return self._items.get(item_id)

    def _index(self, item_id: str) -> int:
        return bisect.bisect_left(self._sequences, self._sequence_of[item_id])

    def add(self, item_id: str, item: T) -> None:
        """Store a new item, or replace one keeping its place in the order."""
        if item_id in self._items:
            self._ordered[self._index(item_id)] = item
        else:
            self._next += 1
            self._sequence_of[item_id] = self._next
            self._sequences.append(self._next)
            self._ordered.append(item)
        self._items[item_id] = item

    def remove(self, item_id: str) -> T | None:
        if item_id not in self._items:
            return None
        index = self._index(item_id)
        del self._sequences[index], self._ordered[index], self._sequence_of[item_id]
        return self._items.pop(item_id)

    def values(self) -> Iterator[T]:
        """Oldest first."""
        return iter(self._items.values())

    def _walk(self, start: int | None, newest_first: bool) -> Iterator[tuple[int, T]]:
        sequences, ordered = self._sequences, self._ordered
        if newest_first:
            index = len(sequences) if start is None else bisect.bisect_right(sequences, start)
            while index > 0:
                index -= 1
                yield sequences[index], ordered[index]
        else:
            index = 0 if start is None else bisect.bisect_left(sequences, start)
            while index < len(sequences):
                yield sequences[index], ordered[index]
                index += 1

    def page(
        self,
        limit: int,
        token: str | None,
        *,
        newest_first: bool,
        keep: Callable[[T], bool] | None = None,
    ) -> Page[T]:
        """Up to ``limit`` kept items from ``token`` on, and the token of the next page.

        The caller has checked ``token`` with :func:`decode_token`.
        """
        start = None if token is None else decode_token(token)
        if keep is None:
            return self._slice(limit, start, newest_first)
        items: list[T] = []
        for sequence, item in self._walk(start, newest_first):
            if not keep(item):
                continue
            if len(items) == limit:
                return Page(items, encode_token(sequence))
            items.append(item)
        return Page(items, None)

    def _slice(self, limit: int, start: int | None, newest_first: bool) -> Page[T]:
        """:meth:`page` with every item kept: the page is a slice of the creation order."""
        sequences = self._sequences
        following: int | None  # the first candidate after the page
        if newest_first:
            end = len(sequences) if start is None else bisect.bisect_right(sequences, start)
            begin = max(end - limit, 0)
            items = self._ordered[begin:end]
            items.reverse()
            following = sequences[begin - 1] if begin > 0 else None
        else:
            begin = 0 if start is None else bisect.bisect_left(sequences, start)
            items = self._ordered[begin : begin + limit]
            following = sequences[begin + limit] if begin + limit < len(sequences) else None
        return Page(items, None if following is None else encode_token(following))


def clamp_limit(limit: int | None, default: int, maximum: int) -> int:
    """A page size as the service applies it: out-of-range sizes fall back or are capped."""
    if limit is None or limit < 1:
        return default
    return min(limit, maximum)
