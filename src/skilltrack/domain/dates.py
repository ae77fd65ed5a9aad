"""Dates, times and time zones as people type them, and the local day a session counts for."""

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from skilltrack.domain.errors import InputError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})$")
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
_DATE_ACCEPTED = "a date as YYYY-MM-DD, 'today' or 'yesterday'"


def parse_date(text: str, *, today: date, field: str = "date", allow_future: bool = False) -> date:
    """Read ``YYYY-MM-DD``, ``today`` or ``yesterday``; refuse impossible and (by default) future dates."""
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if not _ISO_DATE.match(cleaned):
        raise InputError(field, f"{text!r} is not a date; use {_DATE_ACCEPTED}")
    try:
        parsed = date.fromisoformat(cleaned)
    except ValueError:
        raise InputError(field, f"{text!r} is not a day of the calendar; use {_DATE_ACCEPTED}") from None
    if parsed.year < 1950:
        raise InputError(field, f"{text!r} is too long ago; use a date from 1950 on")
    if not allow_future and parsed > today:
        raise InputError(field, f"{text!r} is in the future; use today ({today.isoformat()}) or earlier")
    return parsed


def parse_clock_time(text: str, *, field: str = "at") -> time:
    """Read a 24-hour ``HH:MM``."""
    match = _CLOCK.match(text.strip())
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
        if not _ZONE_NAME.match(name) or ".." in name:
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
    """
    now_local = now_utc.astimezone(zone)
    today = now_local.date()
    if day is not None and day > today:
        raise InputError(
            "date", f"{day.isoformat()} is in the future; use today ({today.isoformat()}) or earlier"
        )
    if at is not None:
        start_local = datetime.combine(day or today, at, tzinfo=zone)
        if start_local > now_local:
            raise InputError("at", f"{at:%H:%M} on {(day or today).isoformat()} is in the future")
        return SessionStart(start_local.astimezone(UTC), day or today, zone.key)
    if day is None or day == today:
        started = now_utc - timedelta(minutes=minutes)
        local_day = day or started.astimezone(zone).date()
        return SessionStart(started, local_day, zone.key)
    noon = datetime.combine(day, time(12, 0), tzinfo=zone)
    return SessionStart(noon.astimezone(UTC), day, zone.key)


def local_day_of(instant_utc: datetime, zone: ZoneInfo) -> date:
    """The calendar day ``instant_utc`` falls on in ``zone``."""
    return instant_utc.astimezone(zone).date()


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def years_between(start: date, end: date) -> float:
    """Whole and fractional years from ``start`` to ``end`` (never negative)."""
    return max((end - start).days, 0) / 365.25
