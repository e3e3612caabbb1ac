"""Snapshots of an activation's state: taken and restored in memory, saved to and loaded from
JSON files.

A :class:`Snapshot` holds the state pickled: immutable bytes, so nothing done after it was taken
reaches it, and every restore unpickles objects of its own, so nothing done after a restore
reaches the snapshot or another restore. What is derived and can be made again is left out and
made again on first use (an AppSync API's built GraphQL schema, rebuilt from its SDL); locks are
made anew.

A JSON file holds the same state as a tree of tagged values. Loading one constructs only
mockway's own model classes and Python's plain values: a file cannot name any other class.
"""

from __future__ import annotations

import functools
import os
import threading
from typing import TYPE_CHECKING, Any, final

from .errors import SnapshotError

if TYPE_CHECKING:
    import io

    from ._state import MockState

__all__ = ["FORMAT", "FORMAT_VERSION", "LOCK_TYPES", "Snapshot", "dumps", "loads", "transient"]

FORMAT = "mockway-state"
FORMAT_VERSION = 1
"""Changes whenever the file's layout changes."""

LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


def transient() -> tuple[type, ...]:
    """What a snapshot leaves out, to be made again on first use."""
    from .appsync._schema import Built

    return (Built,)


def _version() -> str:
    from . import __version__

    return __version__


# -- in memory: pickle ----------------------------------------------------------------------


@functools.cache
def _picklers() -> tuple[type, type]:
    """pickle's Pickler and Unpickler, taught about locks, derived values and callables;
    made on first use, so ``import mockway`` does not import pickle."""
    import pickle

    derived = transient()

    class Pickler(pickle.Pickler):
        def __init__(self, file: io.BytesIO, refs: list[Any]) -> None:
            super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
            self._refs = refs

        def persistent_id(self, obj: Any) -> Any:
            if isinstance(obj, LOCK_TYPES):
                return ("lock", isinstance(obj, LOCK_TYPES[1]))
            if isinstance(obj, derived):
                return ("none",)
            if callable(obj) and not isinstance(obj, type):
                module = getattr(obj, "__module__", None) or ""
                if not module.startswith("mockway."):
                    # A Python callable a test registered: kept by reference, never copied.
                    self._refs.append(obj)
                    return ("ref", len(self._refs) - 1)
            return None

    class Unpickler(pickle.Unpickler):
        def __init__(self, file: io.BytesIO, refs: list[Any]) -> None:
            super().__init__(file)
            self._refs = refs

        def persistent_load(self, pid: Any) -> Any:
            kind = pid[0]
            if kind == "lock":
                return threading.RLock() if pid[1] else threading.Lock()
            if kind == "none":
                return None
            return self._refs[pid[1]]

    return Pickler, Unpickler


def dumps(value: Any, refs: list[Any]) -> bytes:
    import io

    buffer = io.BytesIO()
    _picklers()[0](buffer, refs).dump(value)
    return buffer.getvalue()


def loads(data: bytes, refs: list[Any]) -> Any:
    import io

    return _picklers()[1](io.BytesIO(data), refs).load()


@final
class Snapshot:
    """The whole state of an activation at one moment: every account's and region's backends,
    and where its id generator stands.

    Take one with [`Handle.snapshot()`][mockway.Handle.snapshot], put it back with
    [`Handle.restore()`][mockway.Handle.restore] (as often as you like: each restore is
    independent of the snapshot and of every other restore), and keep it across processes with
    [`save()`][mockway.Snapshot.save] and [`load()`][mockway.Snapshot.load].
    """

    __slots__ = ("_data", "_refs")

    def __init__(self, data: bytes, refs: tuple[Any, ...] = ()) -> None:
        self._data = data
        self._refs = refs

    def __repr__(self) -> str:
        return f"<mockway.Snapshot {len(self._data)} bytes>"

    @classmethod
    def _take(cls, state: MockState) -> Snapshot:
        refs: list[Any] = []
        data = dumps((state.ids, state._backends), refs)
        return cls(data, tuple(refs))

    def _objects(self) -> tuple[Any, dict[tuple[str, str, str], Any]]:
        """New objects for the snapshot's id source and backends, shared with nothing."""
        ids, backends = loads(self._data, list(self._refs))
        return ids, backends

    # -- files --------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The snapshot as JSON text (see [`save()`][mockway.Snapshot.save])."""
        import json

        from ._state_file import Encoder

        ids, backends = self._objects()
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "mockway": _version(),
            "ids": Encoder().encode(ids),
            "backends": [[list(key), Encoder().encode(b)] for key, b in backends.items()],
        }
        return json.dumps(document, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        """A snapshot from JSON text made by [`to_json()`][mockway.Snapshot.to_json].

        Raises [`mockway.SnapshotError`][mockway.SnapshotError] for text that is not one, or
        that another version of mockway wrote.
        """
        import json

        from ._state_file import Decoder

        try:
            document = json.loads(text)
        except ValueError as error:
            raise SnapshotError(f"not a mockway state file: {error}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise SnapshotError(f'not a mockway state file: it has no "format": {FORMAT!r} member')
        version, written_by = document.get("version"), document.get("mockway")
        if version != FORMAT_VERSION or written_by != _version():
            raise SnapshotError(
                f"this state file was written by mockway {written_by} (state format "
                f"{version}); this is mockway {_version()} (state format {FORMAT_VERSION}), "
                f"which reads only files it wrote itself. Build the state again and save it."
            )
        try:
            ids = Decoder().decode(document["ids"])
            backends = {
                (str(s), str(a), str(r)): Decoder().decode(b)
                for (s, a, r), b in document["backends"]
            }
        except SnapshotError:
            raise
        except Exception as error:  # a damaged file: say so, whatever broke
            raise SnapshotError(f"a damaged mockway state file: {error!r}") from None
        return cls(dumps((ids, backends), []))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the snapshot to a JSON file, for [`load()`][mockway.Snapshot.load] in another
        process.

        Raises [`mockway.SnapshotError`][mockway.SnapshotError] when the state holds something
        JSON cannot carry (a Python callable registered with mockway).
        """
        with open(path, "w", encoding="utf-8") as file:
            file.write(self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Snapshot:
        """A snapshot from a file written by [`save()`][mockway.Snapshot.save], by this version
        of mockway.

        Raises [`mockway.SnapshotError`][mockway.SnapshotError] for a file that is not one, or
        that another version of mockway wrote.
        """
        with open(path, encoding="utf-8") as file:
            text = file.read()
        try:
            return cls.from_json(text)
        except SnapshotError as error:
            raise SnapshotError(f"{os.fspath(path)}: {error}") from None
