"""Collections kept in creation order, paged newest first at a cost of one page.

API Gateway lists newest first and pages with an opaque ``position``; AppSync pages with an
opaque ``nextToken``. Both are tokens naming where the next page starts: the first candidate's
creation sequence number and id, so deletions between pages never skip or repeat an item. A
store takes only tokens it issued: one from another collection (or account, or region) names
an item that is not, and never was, in it at that place. Stores whose items are another
collection's ids (a usage plan's API keys) have a scope of their own, written in their tokens.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

__all__ = ["OrderedStore", "Page", "clamp_limit", "decode_token"]

T = TypeVar("T")

_TOKEN = re.compile(r"mw([0-9]{1,18}):([^:]*):(.+)", re.ASCII | re.DOTALL)
_NOT_ISSUED = -1  # sequence numbers start at 1


def _encode_token(sequence: int, scope: str, item_id: str) -> str:
    text = f"mw{sequence}:{scope}:{item_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_token(token: str) -> tuple[int, str, str] | None:
    """The sequence number, store scope and item id a token names, or None when it is no
    token of ours."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    matched = _TOKEN.fullmatch(raw)
    if matched is None:
        return None
    return int(matched[1]), matched[2], matched[3]


class Page(Generic[T]):
    __slots__ = ("items", "next_token")

    items: list[T]
    next_token: str | None

    def __init__(self, items: list[T], next_token: str | None) -> None:
        self.items = items
        self.next_token = next_token


class OrderedStore(Generic[T]):
    """Items by id, remembering creation order.

    Beside the map by id, the items are kept in creation order in a list, with their
    creation sequence numbers in a parallel list: a page of every item is a slice of it.
    """

    __slots__ = (
        "_ids",
        "_items",
        "_next",
        "_ordered",
        "_removed",
        "_scope",
        "_sequence_of",
        "_sequences",
    )

    def __init__(self, scope: str = "") -> None:
        """``scope``: what tells this store's tokens from those of others with the same ids
        (no colons)."""
        self._scope = scope
        self._items: dict[str, T] = {}
        self._sequence_of: dict[str, int] = {}
        self._sequences: list[int] = []
        self._ids: list[str] = []
        self._ordered: list[T] = []
        self._removed: set[tuple[str, int]] = set()
        """(id, sequence number) of each removal: a token may name a removed item."""
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
            self._ids.append(item_id)
            self._ordered.append(item)
        self._items[item_id] = item

    def remove(self, item_id: str) -> T | None:
        if item_id not in self._items:
            return None
        index = self._index(item_id)
        self._removed.add((item_id, self._sequences[index]))
        del self._sequences[index], self._ids[index], self._ordered[index]
        del self._sequence_of[item_id]
        return self._items.pop(item_id)

    def copy(self) -> dict[str, T]:
        """The items by id, as a new dict (a snapshot to read outside the owner's lock)."""
        return dict(self._items)

    def values(self) -> Iterator[T]:
        """Oldest first."""
        return iter(self._items.values())

    def _start(self, token: str) -> int:
        """The sequence number ``token`` names; :data:`_NOT_ISSUED` when this store did not
        issue it (its item is not, and never was, at that place here)."""
        named = decode_token(token)
        if named is None:
            return _NOT_ISSUED
        sequence, scope, item_id = named
        if scope != self._scope:
            return _NOT_ISSUED
        if self._sequence_of.get(item_id) != sequence and (item_id, sequence) not in self._removed:
            return _NOT_ISSUED
        return sequence

    def page(
        self,
        limit: int,
        token: str | None,
        *,
        newest_first: bool,
        keep: Callable[[T], bool] | None = None,
    ) -> Page[T] | None:
        """Up to ``limit`` kept items from ``token`` on, and the token of the next page; None
        when this store did not issue ``token``."""
        start = None if token is None else self._start(token)
        if start == _NOT_ISSUED:
            return None
        if keep is None:
            return self._slice(limit, start, newest_first)
        items: list[T] = []
        for index in self._walk(start, newest_first):
            item = self._ordered[index]
            if not keep(item):
                continue
            if len(items) == limit:
                return Page(items, self._token(index))
            items.append(item)
        return Page(items, None)

    def _token(self, index: int) -> str:
        """The token of a page starting at the item at ``index``."""
        return _encode_token(self._sequences[index], self._scope, self._ids[index])

    def _walk(self, start: int | None, newest_first: bool) -> Iterator[int]:
        """The indexes of the items from sequence number ``start`` on."""
        sequences = self._sequences
        if newest_first:
            index = len(sequences) if start is None else bisect.bisect_right(sequences, start)
            yield from range(index - 1, -1, -1)
        else:
            index = 0 if start is None else bisect.bisect_left(sequences, start)
            yield from range(index, len(sequences))

    def _slice(self, limit: int, start: int | None, newest_first: bool) -> Page[T]:
        """:meth:`page` with every item kept: the page is a slice of the creation order."""
        sequences = self._sequences
        following: int | None  # the index of the first candidate after the page
        if newest_first:
            end = len(sequences) if start is None else bisect.bisect_right(sequences, start)
            begin = max(end - limit, 0)
            items = self._ordered[begin:end]
            items.reverse()
            following = begin - 1 if begin > 0 else None
        else:
            begin = 0 if start is None else bisect.bisect_left(sequences, start)
            items = self._ordered[begin : begin + limit]
            following = begin + limit if begin + limit < len(sequences) else None
        if following is None:
            return Page(items, None)
        return Page(items, self._token(following))


def clamp_limit(limit: int | None, default: int, maximum: int) -> int:
    """A page size as the service applies it: out-of-range sizes fall back or are capped."""
    if limit is None or limit < 1:
        return default
    return min(limit, maximum)
