"""Durations as people type them (``45m``, ``1h30m``, ``1.5h``, ``90``, ``1:30``) and as we show them."""

import math
import re

from skilltrack.domain.errors import InputError

MAX_SESSION_MINUTES = 24 * 60

_ACCEPTED = "a length between 1 minute and 24 hours, like 45m, 1h30m, 1.5h, 90 (minutes) or 1:30"

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_UNITS = re.compile(
    rf"^(?:(?P<hours>{_NUMBER})\s*h(?:ours?|rs?)?)?\s*(?:(?P<minutes>{_NUMBER})\s*m(?:in(?:utes?|s)?)?)?$"
)
_CLOCK = re.compile(r"^(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)$")
_PLAIN = re.compile(rf"^{_NUMBER}$")


def parse_duration(text: str, *, field: str = "duration") -> int:
    """Return the whole minutes ``text`` stands for, or raise :class:`InputError`.

    Fractions round to the nearest minute; the result is between 1 and 24 hours.
    """
    cleaned = text.strip().lower()
    minutes = _parse_minutes(cleaned)
    if minutes is None:
        raise InputError(field, f"{text!r} is not a duration; use {_ACCEPTED}")
    if not math.isfinite(minutes) or minutes > 10 * MAX_SESSION_MINUTES:
        raise InputError(field, f"{text!r} is out of range; use {_ACCEPTED}")
    rounded = round(minutes)
    if rounded < 1 or rounded > MAX_SESSION_MINUTES:
        raise InputError(field, f"{text!r} is out of range; use {_ACCEPTED}")
    return rounded


def _parse_minutes(cleaned: str) -> float | None:
    if not cleaned:
        return None
    if _PLAIN.match(cleaned):
        return float(cleaned)
    if clock := _CLOCK.match(cleaned):
        return int(clock["hours"]) * 60 + int(clock["minutes"])
    units = _UNITS.match(cleaned)
    if units is None or (units["hours"] is None and units["minutes"] is None):
        return None
    hours = float(units["hours"] or 0)
    minutes = float(units["minutes"] or 0)
    return hours * 60 + minutes


def format_minutes(minutes: int) -> str:
    """``95`` → ``1h35m``; ``45`` → ``45m``; ``120`` → ``2h``."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest:02d}m"
    if hours:
        return f"{hours}h"
    return f"{rest}m"


def format_hours(minutes: int) -> str:
    """Hours with one decimal where it matters: ``360`` → ``6 h``, ``375`` → ``6.3 h``."""
    tenths = (minutes * 10 + 30) // 60  # half-up: 375 minutes is 6.25 h, shown as 6.3 h
    if tenths % 10 == 0:
        return f"{tenths // 10} h"
    return f"{tenths // 10}.{tenths % 10} h"


def trend(recent_minutes: int, earlier_minutes: int) -> str:
    """Compare two equal spans: ``↑`` a fifth more or better, ``↓`` a fifth less, ``→`` about the same."""
    if not recent_minutes and not earlier_minutes:
        return "·"
    if recent_minutes >= earlier_minutes * 1.2:
        return "↑"
    if recent_minutes <= earlier_minutes * 0.8:
        return "↓"
    return "→"
