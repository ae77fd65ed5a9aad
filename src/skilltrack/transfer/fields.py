"""Reading one value out of an import file; every refusal names the record and the field.

A record is how a person finds the bad entry in their file: ``frame 12``, ``line 7``, ``sessions[3]``.
The error is an :class:`InputError` whose message reads ``frame 12: stop: … is before its start``.
"""

import json
import math
import operator
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import repeat
from uuid import UUID
from zoneinfo import ZoneInfo

from skilltrack.domain.errors import InputError
from skilltrack.domain.profile import EARLIEST_YEAR as EARLIEST_YEAR
from skilltrack.domain.profile import LATEST_YEAR as LATEST_YEAR
from skilltrack.domain.text import NOT_ON_ONE_LINE

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def problem(record: str, field: str, text: str) -> InputError:
    """``record: field: text`` (or ``record: text`` when the whole record is at fault)."""
    return InputError(f"{record}: {field}" if field else record, text)


def shown(value: object, limit: int = 40) -> str:
    """A value as quoted in a message: short, on one line, printable whatever the file held."""
    if isinstance(value, str):
        cut = value if len(value) <= limit else value[:limit] + "…"
        text = json.dumps(cut, ensure_ascii=False)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=True)
        except (TypeError, ValueError, RecursionError):
            text = type(value).__name__
        if len(text) > limit:
            text = text[:limit] + "…"
    return one_line(text)


def one_line(text: str) -> str:
    """``text`` with every character that could break a line (or a terminal) escaped as ``\\uXXXX``:
    those the text rule refuses (:mod:`skilltrack.domain.text`), TAB, LF and CR."""
    return NOT_ON_ONE_LINE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found[0]):04x}"


def kind_of(value: object) -> str:
    """What a JSON value is, in words: ``a number``, ``text``, ``a list``…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_unicode(text: str) -> bool:
    """False for text with lone surrogates (JSON allows ``"\\ud800"``; SQLite cannot store it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_text(value: object, record: str, field: str) -> str:
    if not isinstance(value, str):
        raise problem(record, field, f"is {kind_of(value)}; expected text")
    if not is_unicode(value):
        raise problem(record, field, "holds characters that are not valid Unicode")
    return value


def read_optional_text(value: object, record: str, field: str) -> str | None:
    return None if value is None else read_text(value, record, field)


def read_clean(value: object, record: str, field: str, clean: Callable[[str], str]) -> str:
    """Text cleaned by ``clean`` (a function of :mod:`skilltrack.domain`: the one the record's writes
    use for this field), its refusal told as this record's and field's."""
    text = read_text(value, record, field)
    try:
        return clean(text)
    except InputError as error:
        raise problem(record, field, error.problem) from None


def read_optional_clean(value: object, record: str, field: str, clean: Callable[[str], str]) -> str | None:
    return None if value is None else read_clean(value, record, field, clean)


def read_whole_number(value: object, record: str, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise problem(record, field, f"is {kind_of(value)}; expected a whole number")
    return value


def read_bool(value: object, record: str, field: str) -> bool:
    if not isinstance(value, bool):
        raise problem(record, field, f"is {kind_of(value)}; expected true or false")
    return value


def read_list(value: object, record: str, field: str) -> list[object]:
    if not isinstance(value, list):
        raise problem(record, field, f"is {kind_of(value)}; expected a list")
    return value


def read_text_list(value: object, record: str, field: str) -> list[str]:
    items = read_list(value, record, field)
    return [read_text(item, record, f"{field}[{index}]") for index, item in enumerate(items)]


def check_year(instant: datetime, record: str, field: str, raw: object) -> datetime:
    if not EARLIEST_YEAR <= instant.year < LATEST_YEAR:
        raise problem(record, field, f"{shown(raw)} is not a plausible time; use one between 1950 and 2200")
    return instant


def read_epoch(value: object, record: str, field: str) -> datetime:
    """Seconds since 1970 (Watson's frames), as an aware UTC instant."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise problem(record, field, f"is {kind_of(value)}; expected seconds since 1970")
    if not math.isfinite(value) or not -1e10 < value < 1e10:
        raise problem(record, field, f"{shown(value)} is not a plausible time")
    return check_year(datetime.fromtimestamp(value, UTC), record, field, value)


def read_instant(value: object, record: str, field: str, zone: ZoneInfo | None = None) -> datetime:
    """An ISO 8601 instant as an aware UTC one; without an offset it is read in ``zone`` (if given)."""
    text = read_text(value, record, field)
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise problem(
            record, field, f"{shown(text)} is not a time; use ISO 8601, like 2026-11-02T19:00:00+00:00"
        ) from None
    check_year(parsed, record, field, text)
    if parsed.tzinfo is None:
        if zone is None:
            raise problem(record, field, f"{shown(text)} has no UTC offset; add one, like +00:00")
        parsed = parsed.replace(tzinfo=zone)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        raise problem(record, field, f"{shown(text)} is not a plausible time") from None


def read_date(value: object, record: str, field: str) -> date:
    text = read_text(value, record, field)
    if not _ISO_DATE.match(text):
        raise problem(record, field, f"{shown(text)} is not a date; use YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise problem(record, field, f"{shown(text)} is not a day of the calendar") from None
    if not EARLIEST_YEAR <= parsed.year < LATEST_YEAR:
        raise problem(record, field, f"{shown(text)} is not a plausible date")
    return parsed


def read_optional_date(value: object, record: str, field: str) -> date | None:
    return None if value is None else read_date(value, record, field)


def read_uuid(value: object, record: str, field: str) -> UUID:
    text = read_text(value, record, field)
    try:
        return UUID(text)
    except ValueError:
        raise problem(record, field, f"{shown(text)} is not a UUID; use 8-4-4-4-12 hex digits") from None


def read_optional_uuid(value: object, record: str, field: str) -> UUID | None:
    return None if value is None else read_uuid(value, record, field)


_DAY_TEXT: dict[int, str] = {}
_CLOCK_TEXT: dict[int, str] = {}
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def stored_epochs(epochs: list[int]) -> list[str]:
    """:func:`stored_epoch` of many, each distinct day and time of day formatted once (C-level passes)."""
    days = list(map(operator.floordiv, epochs, repeat(86400)))
    seconds = list(map(operator.mod, epochs, repeat(86400)))
    for day in set(days).difference(_DAY_TEXT):
        _DAY_TEXT[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    for second in set(seconds).difference(_CLOCK_TEXT):
        hours, rest = divmod(second, 3600)
        _CLOCK_TEXT[second] = f" {hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"
    return list(map(operator.add, map(_DAY_TEXT.__getitem__, days), map(_CLOCK_TEXT.__getitem__, seconds)))


def stored_epoch(epoch: int) -> str:
    """:func:`~skilltrack.record.values.stored_instant` of whole seconds since 1970, from cached days
    and times of day (fast)."""
    day, second = divmod(epoch, 86400)
    day_text = _DAY_TEXT.get(day)
    if day_text is None:
        day_text = _DAY_TEXT[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    clock = _CLOCK_TEXT.get(second)
    if clock is None:
        hours, rest = divmod(second, 3600)
        clock = _CLOCK_TEXT[second] = f" {hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"
    return day_text + clock


def future_problem(record: str, field: str, instant: datetime, now_utc: datetime) -> InputError:
    return problem(
        record,
        field,
        f"{instant.isoformat()} is in the future (now is {now_utc.replace(microsecond=0).isoformat()})",
    )
