"""JSON state files: a snapshot's objects as a tree of tagged values, and back.

Plain values stay JSON; everything else is a one-member object whose key is a tag. Loading
constructs only mockway's own model classes and Python's plain values: a file cannot name any
other class.
"""

from __future__ import annotations

import base64
import datetime
import importlib
import random
import threading
from collections.abc import Callable
from typing import Any

from ._snapshot import LOCK_TYPES, transient
from .errors import SnapshotError

__all__ = ["Decoder", "Encoder"]


class Encoder:
    """Plain values stay JSON; everything else is a one-member object whose key is a tag.

    A mockway object reached more than once is written once, with ``"$id"``, and named by
    ``{"$ref": n}`` after that, so shared objects stay shared.
    """

    def __init__(self) -> None:
        self._transient = transient()
        self._counts: dict[int, int] = {}
        self._ids: dict[int, int] = {}
        self._keep: list[Any] = []  # keeps ids() stable while encoding

    def encode(self, value: Any) -> Any:
        self._count(value)
        return self._encode(value)

    def _count(self, value: Any) -> None:
        if _is_model(value):
            key = id(value)
            seen = self._counts.get(key, 0)
            self._counts[key] = seen + 1
            if seen:
                return
            self._keep.append(value)
            for attribute in _attributes(value):
                self._count(attribute[1])
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                self._count(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                self._count(key)
                self._count(item)

    def _encode(self, value: Any) -> Any:
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, list):
            return [self._encode(v) for v in value]
        if isinstance(value, dict):
            if all(isinstance(k, str) and not k.startswith("$") for k in value):
                return {k: self._encode(v) for k, v in value.items()}
            return {"$dict": [[self._encode(k), self._encode(v)] for k, v in value.items()]}
        if isinstance(value, tuple):
            return {"$tuple": [self._encode(v) for v in value]}
        if isinstance(value, frozenset):
            return {"$frozenset": [self._encode(v) for v in value]}
        if isinstance(value, set):
            return {"$set": [self._encode(v) for v in value]}
        if isinstance(value, bytes):
            return {"$bytes": base64.b64encode(value).decode("ascii")}
        if isinstance(value, datetime.datetime):
            return {"$datetime": value.isoformat()}
        if isinstance(value, datetime.date):
            return {"$date": value.isoformat()}
        if isinstance(value, LOCK_TYPES):
            return {"$lock": isinstance(value, LOCK_TYPES[1])}
        if isinstance(value, self._transient):
            return None
        if isinstance(value, random.Random):
            return {"$random": self._encode(value.getstate())}
        if _is_model(value):
            key = id(value)
            if key in self._ids:
                return {"$ref": self._ids[key]}
            cls = type(value)
            encoded: dict[str, Any] = {
                "$object": f"{cls.__module__}:{cls.__qualname__}",
                "state": {name: self._encode(v) for name, v in _attributes(value)},
            }
            if self._counts.get(key, 0) > 1:
                self._ids[key] = encoded["$id"] = len(self._ids)
            return encoded
        raise SnapshotError(
            f"the state holds {value!r} ({type(value).__qualname__}), which a JSON state file "
            f"cannot carry; keep the snapshot in memory instead"
        )


class Decoder:
    def __init__(self) -> None:
        self._objects: dict[int, Any] = {}

    def decode(self, value: Any) -> Any:
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if not isinstance(value, dict):
            raise SnapshotError(f"unexpected value {value!r}")
        if "$object" in value:
            return self._object(value)
        if len(value) == 1:
            ((tag, inner),) = value.items()
            decode = _TAGS.get(tag)
            if decode is not None:
                return decode(self, inner)
        return {k: self.decode(v) for k, v in value.items()}

    def _object(self, value: dict[str, Any]) -> Any:
        module_name, _, qualname = str(value["$object"]).partition(":")
        if not module_name.startswith("mockway."):
            raise SnapshotError(f"a state file names {value['$object']!r}, not a mockway class")
        target: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part)
        if not isinstance(target, type) or not _is_model_class(target):
            raise SnapshotError(f"{value['$object']!r} is not a mockway model class")
        obj: Any = object.__new__(target)
        if "$id" in value:
            self._objects[value["$id"]] = obj
        for name, item in value["state"].items():
            object.__setattr__(obj, name, self.decode(item))
        return obj


def _random(decoder: Decoder, state: Any) -> random.Random:
    rng = random.Random()
    rng.setstate(decoder.decode(state))
    return rng


_TAGS: dict[str, Callable[[Decoder, Any], Any]] = {
    "$dict": lambda d, v: {d.decode(k): d.decode(i) for k, i in v},
    "$tuple": lambda d, v: tuple(d.decode(i) for i in v),
    "$frozenset": lambda d, v: frozenset(d.decode(i) for i in v),
    "$set": lambda d, v: {d.decode(i) for i in v},
    "$bytes": lambda d, v: base64.b64decode(v),
    "$datetime": lambda d, v: datetime.datetime.fromisoformat(v),
    "$date": lambda d, v: datetime.date.fromisoformat(v),
    "$lock": lambda d, v: threading.RLock() if v else threading.Lock(),
    "$random": _random,
    "$ref": lambda d, v: d._objects[v],
}


def _is_model_class(cls: type) -> bool:
    return cls.__module__.startswith("mockway.") and not issubclass(cls, BaseException)


def _is_model(value: Any) -> bool:
    return _is_model_class(type(value)) and not isinstance(value, type)


def _attributes(value: Any) -> list[tuple[str, Any]]:
    """An object's attributes: its ``__dict__`` and every slot of its classes that is set."""
    found: dict[str, Any] = dict(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name in ("__dict__", "__weakref__") or name in found:
                continue
            try:
                found[name] = object.__getattribute__(value, name)
            except AttributeError:
                continue
    return list(found.items())
