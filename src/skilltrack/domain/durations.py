"""Durations as people type them (``45m``, ``1h30m``, ``1.5h``, ``90``, ``1:30``) and as we show them.

The grammar :func:`parse_duration` accepts, after surrounding spaces are dropped and letters are made
lower case (``1H 5M`` is ``1h 5m``)::

    duration := number                        minutes: 90, 7.5
              | digits ":" mm                 hours and minutes: 1:30, 0:45, 24:00 (mm: 00-59)
              | number hour                   1.5h, 2 hrs, .5 hours
              | number minute                 45m, 90 min, 30 minutes
              | digits hour sep digits minute 1h30m, 1h 05m, 1 hour and 30 minutes (minutes: 0-59)
    number := digits ["." [digits]] | "." digits        (ASCII digits; no exponent, no sign)
    hour   := h | hr | hrs | hour | hours
    minute := m | min | mins | minute | minutes
    sep    := nothing | spaces | "," | spaces "and" spaces
    (spaces are allowed between a number and its unit)

Fractions round to the nearest minute, halves up (``2.5`` is 3 minutes), and the result is between
1 minute and 24 hours. Each refusal is an :class:`InputError` naming the field, saying why, and ending
with ``; use`` and :data:`DURATION_ACCEPTED`:

- ``is negative``: a leading minus before what would otherwise be a length (``-5m``, ``−1h``, ``-90``);
- ``has 61 minutes: with hours, give 0–59 minutes``: ``1h61m``, ``1:75`` (2h01m, or a mistyped 1h16m?
  we do not guess);
- ``mixes a fraction with hours and minutes``: ``1.5h30m``;
- ``is out of range``: under 1 minute or over 24 hours once rounded (``0``, ``0.4``, ``25h``);
- ``is too long to be a duration``: over 200 characters;
- ``is not a duration``: anything else, such as ``1h30`` (no unit after the hours), ``45s``, ``1e5``.
"""

import re

from skilltrack.domain.errors import InputError

MAX_SESSION_MINUTES = 24 * 60

DURATION_FORMS = "45m, 1h30m, 1.5h, 90 (minutes) or 1:30"
"""The accepted forms in a few words, for help texts (``log DURATION``, ``--duration``) and messages."""

DURATION_ACCEPTED = f"a length between 1 minute and 24 hours, like {DURATION_FORMS}"
"""What every refusal of a duration ends with, after ``; use``."""

_LONGEST_TEXT = 200
"""Longer text is no duration (and its numbers are never turned into integers of any size)."""

_NEGATIVE_SIGNS = ("-", "\N{MINUS SIGN}")

# Patterns as strings: the `re` module compiles each on first use and caches it, so importing this
# module (most commands do, to show lengths) costs no regex compilation.
_NUMBER = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"
_HOUR = r"(?:h|hrs?|hours?)"
_MINUTE = r"(?:m|mins?|minutes?)"
_PLAIN = rf"(?P<plain>{_NUMBER})"
_CLOCK = r"(?P<clock_hours>[0-9]+):(?P<clock_minutes>[0-9]{2})"
_UNITS = (
    rf"(?:(?P<hours>{_NUMBER})\s*{_HOUR}"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s*)(?P<minutes>{_NUMBER})\s*{_MINUTE})?"
    rf"|(?P<only_minutes>{_NUMBER})\s*{_MINUTE})"
)
_DURATION = rf"{_PLAIN}|{_CLOCK}|{_UNITS}"


class _RefusalError(Exception):
    """Why the text is not a duration, as the words that follow it in the message."""


def parse_duration(text: str, *, field: str = "duration") -> int:
    """Return the whole minutes ``text`` stands for, or raise :class:`InputError` naming ``field``.

    The accepted grammar is in this module's docstring; the result is between 1 minute and 24 hours.
    """
    shown = _shown(text)
    try:
        minutes = _parse(text.strip().lower())
    except _RefusalError as refusal:
        raise InputError(field, f"{shown} {refusal}; use {DURATION_ACCEPTED}") from None
    if not 1 <= minutes <= MAX_SESSION_MINUTES:
        raise InputError(field, f"{shown} is out of range; use {DURATION_ACCEPTED}")
    return minutes


def _shown(text: str) -> str:
    """``text`` quoted for a one-line message, cut short when it is very long."""
    return repr(text) if len(text) <= 60 else f"{text[:40]!r}… ({len(text)} characters)"


def _parse(cleaned: str) -> int:
    """The minutes ``cleaned`` stands for, rounded (maybe 0 or more than a day), or :class:`_RefusalError`."""
    if len(cleaned) > _LONGEST_TEXT:
        raise _RefusalError("is too long to be a duration")
    if cleaned.startswith(_NEGATIVE_SIGNS):
        unsigned = cleaned[1:].lstrip()
        if re.fullmatch(_DURATION, unsigned) is None:
            raise _RefusalError("is not a duration")
        # Being negative is the first thing to fix, whatever else is wrong with the number ("-1h61m").
        if any(digit in unsigned for digit in "123456789"):
            raise _RefusalError("is negative")
        return 0  # "-0", "-0:00": no length at all, refused as out of range
    return _parse_unsigned(cleaned)


def _parse_unsigned(cleaned: str) -> int:
    match = re.fullmatch(_DURATION, cleaned)
    if match is None:
        raise _RefusalError("is not a duration")
    if match["plain"] is not None:
        return _rounded(_exact(match["plain"]))
    if match["clock_hours"] is not None:
        return _hours_and_minutes(match["clock_hours"], match["clock_minutes"])
    if match["only_minutes"] is not None:
        return _rounded(_exact(match["only_minutes"]))
    if match["minutes"] is None:
        numerator, denominator = _exact(match["hours"])
        return _rounded((numerator * 60, denominator))
    if "." in match["hours"] or "." in match["minutes"]:
        raise _RefusalError(
            "mixes a fraction with hours and minutes: give whole ones (1h30m) or one unit (1.5h)"
        )
    return _hours_and_minutes(match["hours"], match["minutes"])


def _hours_and_minutes(hours: str, minutes: str) -> int:
    if int(minutes) > 59:
        raise _RefusalError(f"has {int(minutes)} minutes: with hours, give 0–59 minutes")
    return int(hours) * 60 + int(minutes)


def _exact(number: str) -> tuple[int, int]:
    """``"1.25"`` → ``(125, 100)``: a decimal as an exact fraction, so rounding never depends on floats."""
    whole, _, fraction = number.partition(".")
    return int(whole + fraction or "0"), 10 ** len(fraction)


def _rounded(fraction: tuple[int, int]) -> int:
    """The nearest whole number to ``numerator / denominator`` (never negative here), halves up."""
    numerator, denominator = fraction
    return (2 * numerator + denominator) // (2 * denominator)


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
