"""Dates, times and time zones as people type them, and the local day a session counts for.

The grammar :func:`parse_date` accepts, after case and extra spaces are forgiven (``  Last  MONDAY``
is ``last monday``)::

    date    := YYYY-MM-DD                    a day of the calendar, from 1950 on: 2026-11-20
             | today | yesterday
             | weekday | last weekday      the last one before today: 1 to 7 days back
             | count unit ago               3 days ago, 1 day ago, a week ago, 2 weeks ago, 0 days ago
    weekday := monday | tuesday | wednesday | thursday | friday | saturday | sunday
             | mon | tue | tues | wed | thu | thur | thurs | fri | sat | sun
    count   := digits | a
    unit    := day | days | week | weeks

A weekday is the last one past: on a Tuesday, ``monday`` is yesterday and ``tuesday`` a week ago (on a
Monday, "monday" means last Monday, not today: today is ``today``). ``last monday`` is the same day as
``monday``. Only a ``YYYY-MM-DD`` can name a future day, and only where ``allow_future`` says so.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from skilltrack.domain.errors import InputError

# Patterns as strings: `re` compiles each on first use and caches it. Every command imports this module
# (the parser's help texts use DATE_FORMS); few parse a time or a zone.
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})"
_ZONE_NAME = r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}"

DATE_FORMS = (
    "YYYY-MM-DD, today, yesterday, a weekday (monday or mon: the last one), last monday, "
    "3 days ago or 2 weeks ago"
)
"""The accepted forms in a few words, for help texts (every ``--date``) and for every refusal of a date."""

EARLIEST_DAY = date(1950, 1, 1)
"""No date before this is accepted: an earlier one is a typo, not a learning session."""

_WEEKDAYS = {
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def parse_date(text: str, *, today: date, field: str = "date", allow_future: bool = False) -> date:
    """Read a date in any form of the grammar above; refuse impossible, pre-1950 and (by default) future
    dates with an :class:`InputError` naming ``field`` and listing :data:`DATE_FORMS`."""
    shown = repr(text) if len(text) <= 60 else f"{text[:40]!r}… ({len(text)} characters)"
    cleaned = " ".join(text.lower().split())
    if _looks_iso(cleaned):
        try:
            parsed = date.fromisoformat(cleaned)
        except ValueError:
            raise InputError(field, f"{shown} is not a day of the calendar; use {DATE_FORMS}") from None
    else:
        days_back = _days_back(cleaned.split(" "), today)
        if days_back is None:
            raise InputError(field, f"{shown} is not a date; use {DATE_FORMS}")
        if days_back > (today - EARLIEST_DAY).days:
            parsed = EARLIEST_DAY - timedelta(days=1)  # too long ago, refused below
        else:
            parsed = today - timedelta(days=days_back)
    if parsed < EARLIEST_DAY:
        raise InputError(field, f"{shown} is too long ago; use a date from 1950 on, as {DATE_FORMS}")
    if not allow_future and parsed > today:
        raise InputError(
            field, f"{shown} is in the future; use today ({today.isoformat()}) or earlier, as {DATE_FORMS}"
        )
    return parsed


def _looks_iso(cleaned: str) -> bool:
    """``NNNN-NN-NN`` in ASCII digits (``date.fromisoformat`` alone would take ``20261124`` too)."""
    digits = cleaned[:4] + cleaned[5:7] + cleaned[8:]
    return len(cleaned) == 10 and cleaned[4] == cleaned[7] == "-" and digits.isascii() and digits.isdigit()


def _days_back(words: list[str], today: date) -> int | None:
    """How many days before ``today`` the relative date ``words`` names, or None if it names none."""
    match words:
        case ["today"]:
            return 0
        case ["yesterday"]:
            return 1
        case [weekday] | ["last", weekday] if weekday in _WEEKDAYS:
            return (today.weekday() - _WEEKDAYS[weekday] - 1) % 7 + 1
        case ["a", unit, "ago"] if unit in _UNIT_DAYS:
            return _UNIT_DAYS[unit]
        case [count, unit, "ago"] if unit in _UNIT_DAYS and count.isascii() and count.isdigit():
            # Past seven digits the count reaches back before 1950 anyway: it need not be read in full.
            return (int(count) if len(count) <= 7 else 10**7) * _UNIT_DAYS[unit]
    return None


def parse_clock_time(text: str, *, field: str = "at") -> time:
    """Read a 24-hour ``HH:MM``."""
    match = re.fullmatch(_CLOCK, text.strip())
    if match is None:
        raise InputError(field, f"{text!r} is not a time; use 24-hour HH:MM, like 07:30 or 19:05")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise InputError(field, f"{text!r} is not a time of day; use 00:00 to 23:59")
    return time(hour, minute)


def parse_time_zone(text: str, *, field: str = "time_zone") -> ZoneInfo:
    """Read an IANA time zone name such as ``Europe/Lisbon`` or ``UTC``."""
    name = text.strip()
    try:
        if not re.fullmatch(_ZONE_NAME, name) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(
            field, f"{text!r} is not a known time zone; use an IANA name like Europe/Berlin or UTC"
        ) from None


class SessionStart(NamedTuple):
    """When a session started, and the local day it counts for, fixed at the moment it is logged."""

    started_at_utc: datetime
    local_day: date
    time_zone: str
    note: str = ""
    """A sentence for the person when the start needed a choice they did not make (a clock time that
    came twice when the clocks went back); empty otherwise. Never stored."""


def resolve_session_start(
    *,
    minutes: int,
    now_utc: datetime,
    zone: ZoneInfo,
    day: date | None = None,
    at: time | None = None,
) -> SessionStart:
    """Place a session of ``minutes`` in time.

    With no day and no time, the session is taken to have just ended. With a past day and no time it
    is placed at noon of that day. With a time, it starts then. The day it counts for is the day the
    person named, or the local day it started on, and it is stored so that it never moves later.

    A time the clocks skipped (the spring-forward gap: 02:30 on 2026-03-29 in Europe/Berlin) is refused
    with an :class:`InputError` on ``at`` naming the zone and the times around the gap; it is never moved
    silently. A time that came twice (the fall-back overlap: 02:30 on 2026-10-25 in Berlin) is taken at
    its first occurrence, the one before the clocks went back, and ``note`` says so.
    """
    now_local = now_utc.astimezone(zone)
    today = now_local.date()
    if day is not None and day > today:
        raise InputError(
            "date", f"{day.isoformat()} is in the future; use today ({today.isoformat()}) or earlier"
        )
    if at is not None:
        start_local, note = wall_clock_start(day or today, at, zone)
        # Compared as instants: in the repeated hour, 02:30 (first) is before 02:10 (second).
        if start_local.astimezone(UTC) > now_utc:
            raise InputError("at", f"{at:%H:%M} on {(day or today).isoformat()} is in the future")
        return SessionStart(start_local.astimezone(UTC), day or today, zone.key, note)
    if day is None or day == today:
        started = now_utc - timedelta(minutes=minutes)
        local_day = day or started.astimezone(zone).date()
        return SessionStart(started, local_day, zone.key)
    noon = datetime.combine(day, time(12, 0), tzinfo=zone)
    return SessionStart(noon.astimezone(UTC), day, zone.key)


def wall_clock_start(day: date, at: time, zone: ZoneInfo) -> tuple[datetime, str]:
    """``at`` on ``day`` in ``zone`` as an aware datetime, and a note when it came twice (the first is
    taken); a time that never came is an :class:`InputError` on ``at``. For every start time typed:
    ``log --at`` through :func:`resolve_session_start`, and ``session edit --date/--at``.

    Per PEP 495, ``fold=0`` reads a local time with the offset in force before a change and ``fold=1``
    with the one after: they differ only in a gap (the offset grows) or an overlap (it shrinks).
    """
    first = datetime.combine(day, at.replace(fold=0), tzinfo=zone)  # a time read back may carry fold=1
    second = first.replace(fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    if before is None or after is None or before == after:
        return first, ""
    earlier, later = sorted((first.astimezone(UTC), second.astimezone(UTC)))
    change = _change_between(earlier, later, zone)
    last_before, first_after = change + before, change + after  # the wall clock either side of it
    typed = f"{_clock_text(at)} on {day.isoformat()}"
    went = f"from {_moment_text(last_before, day)} to {_moment_text(first_after, day)}"
    if before < after:
        choices = []
        if first_after.date() == day:
            choices.append(f"{_clock_text(first_after.time())} or later")
        if last_before.date() == day and last_before.time() != time(0, 0):
            choices.append(f"a time before {_clock_text(last_before.time())}")
        use = ", or ".join(choices) if choices else f"another date: {day.isoformat()} was skipped there"
        raise InputError(
            "at", f"{typed} does not exist in {zone.key}: the clocks went forward {went}; use {use}"
        )
    offset = f"UTC{_offset_text(before)}"
    name = first.tzname() or ""
    which = f"{name}, {offset}" if name[:1].isalpha() else offset  # not "+11, UTC+11:00"
    return first, (
        f"{typed} came twice in {zone.key}: the clocks went back {went}; "
        f"took the first, {_clock_text(at)} ({which}), before they went back"
    )


def _change_between(earlier: datetime, later: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant, to the second, where ``zone``'s offset changes between ``earlier`` and ``later``
    (the two readings of one local time, at most a day apart)."""
    offset_before = earlier.astimezone(zone).utcoffset()
    low, high = 0, int((later - earlier).total_seconds())  # the offset changes in (low, high]
    while high - low > 1:
        middle = (low + high) // 2
        if (earlier + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return earlier + timedelta(seconds=high)


def _clock_text(moment: time) -> str:
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def _moment_text(moment: datetime, day: date) -> str:
    """The clock time of ``moment``, with its date when that is not ``day``."""
    clock = _clock_text(moment.time())
    return clock if moment.date() == day else f"{clock} on {moment.date().isoformat()}"


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}"


CAREER_START_GRACE_YEARS = 1
"""How far before the career start a day is taken without a word. Studying in the year before a first
job (a last year of study, a bootcamp, the job hunt) is normal; a year or more before is more often a
mistyped year (2015 for 2025), and a mistyped year is always a whole year or more off."""


def before_career_start(
    day: date, career_start: date | None, *, session_id: str = "ID", done: str = "logged"
) -> str | None:
    """A warning when ``day`` is :data:`CAREER_START_GRACE_YEARS` or more before ``career_start``; else
    None (also when no career start is set).

    The session is kept anyway (``done``: "logged", "changed"), since either date may be the right one;
    the sentence says how to move the session (with its id when the caller has it) and how to check
    and change the career start.
    """
    if career_start is None or career_start.year <= CAREER_START_GRACE_YEARS:
        return None
    if day > _years_before(career_start, CAREER_START_GRACE_YEARS):
        return None
    years = _whole_years(day, career_start)
    return (
        f"{day.isoformat()} is {years} year{'' if years == 1 else 's'} before your career start "
        f"({career_start.isoformat()}); {done} anyway. If the date is wrong: skilltrack session edit "
        f"{session_id} --date YYYY-MM-DD; if the career start is (see: skilltrack profile): "
        "skilltrack profile --set career_start=YYYY-MM-DD"
    )


def _years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _whole_years(start: date, end: date) -> int:
    """Whole calendar years from ``start`` to ``end``, as in an age."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def local_day_of(instant_utc: datetime, zone: ZoneInfo) -> date:
    """The calendar day ``instant_utc`` falls on in ``zone``."""
    return instant_utc.astimezone(zone).date()


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def years_between(start: date, end: date) -> float:
    """Whole and fractional years from ``start`` to ``end`` (never negative)."""
    return max((end - start).days, 0) / 365.25
