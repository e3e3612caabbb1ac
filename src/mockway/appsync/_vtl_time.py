"""``$util.time`` of AppSync's mapping templates: the time from mockway's clock, and Java's
``DateTimeFormatter`` patterns to write and read it."""

from __future__ import annotations

import datetime
import re
from typing import Any

__all__ = ["Time"]

_JAVA_FIELDS = {
    "yyyy": "%Y",
    "yy": "%y",
    "MMMM": "%B",
    "MMM": "%b",
    "MM": "%m",
    "dd": "%d",
    "HH": "%H",
    "hh": "%I",
    "mm": "%M",
    "ss": "%S",
    "EEEE": "%A",
    "EEE": "%a",
    "E": "%a",
    "a": "%p",
    "Z": "%z",
    "z": "%Z",
}
_JAVA_TOKEN = re.compile(
    r"'[^']*'|yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|mm|ss|SSS|EEEE|EEE|E|a|XXX|XX|X|Z|z|."
)


def _zone(name: Any) -> datetime.tzinfo:
    if name is None:
        return datetime.timezone.utc
    from zoneinfo import ZoneInfo

    return ZoneInfo(str(name))


def _format(moment: datetime.datetime, pattern: str) -> str:
    """``moment`` as Java's ``DateTimeFormatter`` writes it with ``pattern``."""
    out: list[str] = []
    for token in _JAVA_TOKEN.findall(pattern):
        if token.startswith("'"):
            out.append(token[1:-1] or "'")
        elif token in _JAVA_FIELDS:
            out.append(moment.strftime(_JAVA_FIELDS[token]))
        elif token == "M":
            out.append(str(moment.month))
        elif token == "d":
            out.append(str(moment.day))
        elif token == "H":
            out.append(str(moment.hour))
        elif token == "SSS":
            out.append(f"{moment.microsecond // 1000:03d}")
        elif token.startswith("X"):
            offset = moment.strftime("%z")
            if offset in ("+0000", ""):
                out.append("Z")
            else:
                out.append(offset if token == "XX" else f"{offset[:3]}:{offset[3:]}")
        else:
            out.append(token)
    return "".join(out)


def _strptime_pattern(pattern: str) -> str:
    parts = []
    for token in _JAVA_TOKEN.findall(pattern):
        if token.startswith("'"):
            parts.append((token[1:-1] or "'").replace("%", "%%"))
        elif token in _JAVA_FIELDS:
            parts.append(_JAVA_FIELDS[token])
        elif token in ("M", "d", "H"):
            parts.append({"M": "%m", "d": "%d", "H": "%H"}[token])
        elif token == "SSS":
            parts.append("%f")
        elif token.startswith("X"):
            parts.append("%z")
        else:
            parts.append(token.replace("%", "%%"))
    return "".join(parts)


class Time:
    """``$util.time``; ``now`` is the clock's time in epoch seconds."""

    def __init__(self, now: float) -> None:
        self._now = now

    def _moment(self, millis: Any, zone: Any = None) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(int(millis) / 1000, _zone(zone))

    def nowISO8601(self) -> str:
        return self.epochMilliSecondsToISO8601(self.nowEpochMilliSeconds())

    def nowEpochSeconds(self) -> int:
        return int(self._now)

    def nowEpochMilliSeconds(self) -> int:
        return int(self._now * 1000)

    def nowFormatted(self, pattern: str, zone: Any = None) -> str:
        return _format(self._moment(self.nowEpochMilliSeconds(), zone), str(pattern))

    def epochMilliSecondsToSeconds(self, millis: Any) -> int:
        return int(millis) // 1000

    def epochMilliSecondsToISO8601(self, millis: Any) -> str:
        return _format(self._moment(millis), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")

    def epochMilliSecondsToFormatted(self, millis: Any, pattern: str, zone: Any = None) -> str:
        return _format(self._moment(millis, zone), str(pattern))

    def parseISO8601ToEpochMilliSeconds(self, text: str) -> int:
        moment = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        return int(moment.timestamp() * 1000)

    def parseFormattedToEpochMilliSeconds(self, text: str, pattern: str, zone: Any = None) -> int:
        moment = datetime.datetime.strptime(str(text), _strptime_pattern(str(pattern)))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=_zone(zone))
        return int(moment.timestamp() * 1000)
