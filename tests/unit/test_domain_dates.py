"""Dates, clock times and time zones as typed, and the local day a session counts for."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skilltrack.domain.dates import (
    SessionStart,
    local_day_of,
    parse_clock_time,
    parse_date,
    parse_time_zone,
    resolve_session_start,
    week_start,
    years_between,
)
from skilltrack.domain.errors import InputError

TODAY = date(2026, 11, 24)
CORE = settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
LISBON = ZoneInfo("Europe/Lisbon")
UTC_ZONE = ZoneInfo("UTC")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# ---------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24", date(2026, 11, 24)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1950-01-01", date(1950, 1, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("  TODAY ", TODAY),
        ("yesterday", date(2026, 11, 23)),
        (" 2026-01-05\n", date(2026, 1, 5)),
    ],
)
def test_parse_date_accepts(text: str, expected: date, today: date) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "0000-01-01"],
)
def test_parse_date_rejects_days_not_on_the_calendar(text: str, today: date) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, today=today)
    assert caught.value.field == "date"
    assert "not a day of the calendar" in caught.value.problem


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "24/11/2026", "2026-1-5", "20261124", "2026-11-24T10:00", "now"]
)
def test_parse_date_rejects_other_text(text: str, today: date) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, today=today)
    assert caught.value.field == "date"
    assert "YYYY-MM-DD" in caught.value.problem


def test_parse_date_rejects_very_old_dates(today: date) -> None:
    with pytest.raises(InputError, match="1950"):
        parse_date("1949-12-31", today=today)


def test_parse_date_refuses_the_future_unless_allowed(today: date) -> None:
    with pytest.raises(InputError) as caught:
        parse_date("2026-11-25", today=today)
    assert "future" in caught.value.problem
    assert "2026-11-24" in caught.value.problem
    assert parse_date("2026-11-25", today=today, allow_future=True) == date(2026, 11, 25)
    assert parse_date("2026-11-24", today=today) == today


def test_parse_date_names_the_field_given(today: date) -> None:
    with pytest.raises(InputError) as caught:
        parse_date("2026-02-30", today=today, field="started_on")
    assert caught.value.field == "started_on"
    assert str(caught.value).startswith("started_on: ")


# ---------------------------------------------------------------- parse_clock_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:30", time(7, 30)), ("7:30", time(7, 30)), ("00:00", time(0, 0)), ("23:59", time(23, 59))],
)
def test_parse_clock_time_accepts(text: str, expected: time) -> None:
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:5", "12:60", "", "7", "7.30", "07:30pm", "-1:00", "123:00"])
def test_parse_clock_time_rejects(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_clock_time(text)
    assert caught.value.field == "at"
    assert "HH:MM" in caught.value.problem or "00:00 to 23:59" in caught.value.problem


# ---------------------------------------------------------------- parse_time_zone


@pytest.mark.parametrize("text", ["Europe/Lisbon", "UTC", "Asia/Tokyo", " America/New_York "])
def test_parse_time_zone_accepts_iana_names(text: str) -> None:
    assert parse_time_zone(text).key == text.strip()


@pytest.mark.parametrize(
    "text",
    ["Mars/Base", "", "   ", "../etc", "../../etc/passwd", "/etc/localtime", "Europe/../UTC", "Europe/"],
)
def test_parse_time_zone_rejects(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_time_zone(text)
    assert caught.value.field == "time_zone"
    assert "IANA" in caught.value.problem


@pytest.mark.parametrize(
    "text", ["Europe", "Etc", "America", "x" * 300], ids=["Europe", "Etc", "America", "long"]
)
def test_parse_time_zone_rejects_folders_and_over_long_names_with_an_input_error(text: str) -> None:
    """A region folder of the zone database, or a name too long for a file, is not a time zone."""
    with pytest.raises(InputError) as caught:
        parse_time_zone(text)
    assert caught.value.field == "time_zone"


# ---------------------------------------------------------------- any text in: a value or InputError out


@CORE
@given(st.text())
def test_parse_date_returns_a_date_or_input_error(text: str) -> None:
    try:
        parsed = parse_date(text, today=TODAY)
    except InputError as error:
        assert error.field == "date"
    else:
        assert isinstance(parsed, date)
        assert date(1950, 1, 1) <= parsed <= TODAY


@CORE
@given(st.text())
def test_parse_clock_time_returns_a_time_or_input_error(text: str) -> None:
    try:
        parsed = parse_clock_time(text)
    except InputError as error:
        assert error.field == "at"
    else:
        assert isinstance(parsed, time)


@CORE
@given(st.text())
@example("Etc")
def test_parse_time_zone_returns_a_zone_or_input_error(text: str) -> None:
    try:
        zone = parse_time_zone(text)
    except InputError as error:
        assert error.field == "time_zone"
    else:
        assert isinstance(zone, ZoneInfo)


@CORE
@given(st.dates(min_value=date(1950, 1, 1), max_value=TODAY))
def test_parse_date_round_trips_iso_dates(day: date) -> None:
    assert parse_date(day.isoformat(), today=TODAY) == day


# ---------------------------------------------------------------- resolve_session_start


def test_no_day_and_no_time_ends_now() -> None:
    now = utc(2026, 11, 24, 18, 30)
    start = resolve_session_start(minutes=45, now_utc=now, zone=LISBON)
    assert start.started_at_utc == now - timedelta(minutes=45)
    assert start.local_day == date(2026, 11, 24)
    assert start.time_zone == "Europe/Lisbon"


def test_no_day_and_no_time_counts_for_the_local_day_it_started() -> None:
    """Two hours ending at 00:30 local started the evening before, and counts for that day."""
    now = utc(2026, 11, 24, 15, 30)  # 00:30 on the 25th in Tokyo
    start = resolve_session_start(minutes=120, now_utc=now, zone=TOKYO)
    assert start.local_day == date(2026, 11, 24)


def test_today_named_explicitly_without_a_time_ends_now() -> None:
    now = utc(2026, 11, 24, 18, 30)
    start = resolve_session_start(minutes=30, now_utc=now, zone=UTC_ZONE, day=date(2026, 11, 24))
    assert start.started_at_utc == now - timedelta(minutes=30)
    assert start.local_day == date(2026, 11, 24)


@pytest.mark.parametrize("zone_name", ["UTC", "Europe/Lisbon", "Asia/Tokyo", "America/Los_Angeles"])
def test_past_day_without_a_time_is_placed_at_local_noon(zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    day = date(2026, 11, 20)
    start = resolve_session_start(minutes=60, now_utc=utc(2026, 11, 24, 18, 30), zone=zone, day=day)
    local = start.started_at_utc.astimezone(zone)
    assert (local.date(), local.time()) == (day, time(12, 0))
    assert start.local_day == day
    assert start.started_at_utc.tzinfo is not None
    assert start.started_at_utc.utcoffset() == timedelta(0)


def test_with_a_time_the_session_starts_then() -> None:
    start = resolve_session_start(
        minutes=30, now_utc=utc(2026, 11, 24, 18, 30), zone=LISBON, day=date(2026, 11, 22), at=time(7, 15)
    )
    assert start.started_at_utc == utc(2026, 11, 22, 7, 15)  # Lisbon is on UTC in November
    assert start.local_day == date(2026, 11, 22)


def test_with_a_time_and_no_day_it_is_today() -> None:
    start = resolve_session_start(minutes=30, now_utc=utc(2026, 11, 24, 18, 30), zone=BERLIN, at=time(9, 0))
    assert start.started_at_utc == utc(2026, 11, 24, 8, 0)
    assert start.local_day == date(2026, 11, 24)


def test_a_time_later_today_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        resolve_session_start(minutes=30, now_utc=utc(2026, 11, 24, 18, 30), zone=BERLIN, at=time(20, 0))
    assert caught.value.field == "at"
    assert "future" in caught.value.problem
    assert "20:00" in caught.value.problem


def test_a_time_just_passed_today_is_accepted() -> None:
    start = resolve_session_start(minutes=30, now_utc=utc(2026, 11, 24, 18, 30), zone=BERLIN, at=time(19, 30))
    assert start.started_at_utc == utc(2026, 11, 24, 18, 30)


# ---------------------------------------------------------------- DST and travel


@pytest.mark.parametrize(
    ("night", "offset_hours"),
    [(date(2026, 3, 29), 1), (date(2026, 10, 25), 2)],
    ids=["spring-forward", "fall-back"],
)
def test_session_at_half_past_midnight_on_a_dst_night_keeps_its_local_day(
    night: date, offset_hours: int
) -> None:
    """At 00:30 in Berlin the UTC date is still the day before; the session counts for the local day."""
    now = datetime.combine(night, time(12, 0), tzinfo=BERLIN).astimezone(UTC)
    start = resolve_session_start(minutes=30, now_utc=now, zone=BERLIN, day=night, at=time(0, 30))
    expected_utc = datetime.combine(night, time(0, 30), tzinfo=UTC) - timedelta(hours=offset_hours)
    assert start.started_at_utc == expected_utc
    assert start.started_at_utc.date() == night - timedelta(days=1)
    assert start.local_day == night
    assert start.time_zone == "Europe/Berlin"


@pytest.mark.parametrize(
    "night", [date(2026, 3, 29), date(2026, 10, 25)], ids=["spring-forward", "fall-back"]
)
def test_session_just_ended_at_half_past_midnight_on_a_dst_night_counts_for_that_day(night: date) -> None:
    now = datetime.combine(night, time(0, 30), tzinfo=BERLIN).astimezone(UTC)
    assert now.date() == night - timedelta(days=1)
    start = resolve_session_start(minutes=20, now_utc=now, zone=BERLIN)
    assert start.local_day == night
    assert start.started_at_utc == now - timedelta(minutes=20)


def test_session_in_the_repeated_hour_of_fall_back_counts_for_that_day() -> None:
    night = date(2026, 10, 25)
    now = utc(2026, 10, 25, 12, 0)
    start = resolve_session_start(minutes=30, now_utc=now, zone=BERLIN, day=night, at=time(2, 30))
    assert start.local_day == night
    assert start.started_at_utc.astimezone(BERLIN).time() == time(2, 30)


def test_session_logged_in_tokyo_counts_for_the_tokyo_day() -> None:
    """08:00 in Tokyo on 10 March is 23:00 UTC on 9 March; the session counts for the 10th."""
    now = utc(2026, 3, 10, 3, 0)  # noon in Tokyo
    start = resolve_session_start(minutes=60, now_utc=now, zone=TOKYO, at=time(8, 0))
    assert start.started_at_utc == utc(2026, 3, 9, 23, 0)
    assert start.started_at_utc.date() == date(2026, 3, 9)
    assert start.local_day == date(2026, 3, 10)
    assert start.time_zone == "Asia/Tokyo"


def test_the_local_day_is_stored_not_recomputed() -> None:
    """Once resolved, the day stays what it was when logged, whatever zone the person is in later."""
    start = resolve_session_start(minutes=60, now_utc=utc(2026, 3, 10, 3, 0), zone=TOKYO, at=time(8, 0))
    # Read back later from Lisbon or UTC, the instant falls on the 9th; the stored day does not move.
    assert local_day_of(start.started_at_utc, LISBON) == date(2026, 3, 9)
    assert local_day_of(start.started_at_utc, UTC_ZONE) == date(2026, 3, 9)
    assert start.local_day == date(2026, 3, 10)
    copy = SessionStart(start.started_at_utc, start.local_day, "Europe/Lisbon")
    assert copy.local_day == date(2026, 3, 10)
    with pytest.raises(AttributeError):
        start.local_day = date(2026, 3, 9)  # type: ignore[misc]


def test_named_day_wins_over_the_day_the_instant_falls_on() -> None:
    """A past day named without a time is placed at local noon and counts for exactly that day."""
    day = date(2026, 3, 10)
    start = resolve_session_start(minutes=30, now_utc=utc(2026, 3, 12, 3, 0), zone=TOKYO, day=day)
    assert start.started_at_utc == utc(2026, 3, 10, 3, 0)
    assert start.local_day == day


def test_local_day_of() -> None:
    instant = utc(2026, 3, 9, 23, 0)
    assert local_day_of(instant, TOKYO) == date(2026, 3, 10)
    assert local_day_of(instant, LISBON) == date(2026, 3, 9)
    assert local_day_of(instant, ZoneInfo("America/Los_Angeles")) == date(2026, 3, 9)


# ---------------------------------------------------------------- week_start, years_between


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 11, 24), date(2026, 11, 23)),  # Tuesday
        (date(2026, 11, 23), date(2026, 11, 23)),  # Monday
        (date(2026, 11, 29), date(2026, 11, 23)),  # Sunday
        (date(2027, 1, 1), date(2026, 12, 28)),  # across a year end
    ],
)
def test_week_start(day: date, monday: date) -> None:
    assert week_start(day) == monday


@given(st.dates())
def test_week_start_is_a_monday_within_the_week(day: date) -> None:
    monday = week_start(day)
    assert monday.weekday() == 0
    assert timedelta(0) <= day - monday < timedelta(days=7)


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2022, 11, 24), date(2026, 11, 24), 1461 / 365.25),
        (date(2026, 11, 24), date(2026, 11, 24), 0.0),
        (date(2027, 1, 1), date(2026, 11, 24), 0.0),
        (date(2020, 1, 1), date(2021, 1, 1), 366 / 365.25),
    ],
)
def test_years_between(start: date, end: date, years: float) -> None:
    assert years_between(start, end) == pytest.approx(years)


def test_four_calendar_years_is_four_years() -> None:
    assert years_between(date(2022, 11, 24), date(2026, 11, 24)) == pytest.approx(4.0, abs=0.001)
