"""What people type for a length, a day and a start time: every accepted form, every refusal's message,
and properties over any text (a value in range, or an InputError naming the field; never another error)."""

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skilltrack.domain.dates import (
    CAREER_START_GRACE_YEARS,
    DATE_FORMS,
    EARLIEST_DAY,
    SessionStart,
    before_career_start,
    parse_date,
    resolve_session_start,
    wall_clock_start,
)
from skilltrack.domain.durations import (
    DURATION_ACCEPTED,
    DURATION_FORMS,
    MAX_SESSION_MINUTES,
    format_minutes,
    parse_duration,
)
from skilltrack.domain.errors import InputError

TODAY = date(2026, 11, 24)
"""A Tuesday."""
PROPERTY = settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
BERLIN = ZoneInfo("Europe/Berlin")
LISBON = ZoneInfo("Europe/Lisbon")


def refusal(error: InputError, field: str) -> str:
    """The problem of an InputError that names ``field`` and fits on one line."""
    assert error.field == field
    assert str(error) == f"{field}: {error.problem}"
    assert "\n" not in str(error)
    return error.problem


# ── durations: the accepted grammar ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("1h30m", 90),
        ("1.5h", 90),
        ("90", 90),
        ("1:30", 90),
        ("1H 5M", 65),
        ("1 hour 30 minutes", 90),
        ("1 hour and 30 minutes", 90),
        ("1h, 30m", 90),
        ("2 hrs 15 mins", 135),
        ("1hr", 60),
        ("1 minute", 1),
        ("1h05m", 65),
        ("1h0m", 60),
        ("0h45m", 45),
        ("0:45", 45),
        ("24:00", 1440),
        ("1h59m", 119),
        ("5.m", 5),
        (".25h", 15),
        ("2.5", 3),
        ("0.5", 1),
        ("1.05h", 63),
        ("  1 H  30 M  ", 90),
    ],
)
def test_duration_forms_accepted(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["-5m", "-1h", "-90", "-1:30", "−5m", "- 45m", "-1h61m", "-0.6"])
def test_a_negative_duration_is_called_negative(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert str(caught.value) == f"duration: {text!r} is negative; use {DURATION_ACCEPTED}"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1h61m", 61), ("1:75", 75), ("0h60m", 60), ("2 hours 90 minutes", 90), ("1:60", 60)],
)
def test_minutes_past_59_beside_hours_are_refused(text: str, minutes: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert str(caught.value) == (
        f"duration: {text!r} has {minutes} minutes: with hours, give 0–59 minutes; use {DURATION_ACCEPTED}"
    )


@pytest.mark.parametrize("text", ["1.5h30m", "1h30.5m", ".5h 10m"])
def test_a_fraction_beside_hours_and_minutes_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert "mixes a fraction with hours and minutes" in caught.value.problem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "is out of range"),
        ("0.4", "is out of range"),
        ("-0", "is out of range"),
        ("25h", "is out of range"),
        ("24h1m", "is out of range"),
        ("1440.5", "is out of range"),
        ("1h30", "is not a duration"),
        ("45s", "is not a duration"),
        ("1e5", "is not a duration"),
        ("+5m", "is not a duration"),
        ("--5m", "is not a duration"),
        ("-", "is not a duration"),
        ("1:5", "is not a duration"),
        ("1hand30m", "is not a duration"),
        ("1h and", "is not a duration"),
        ("٤٥m", "is not a duration"),
    ],
)
def test_other_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert str(caught.value) == f"duration: {text!r} {reason}; use {DURATION_ACCEPTED}"


def test_a_very_long_text_is_shown_cut_short() -> None:
    with pytest.raises(InputError) as caught:
        parse_duration("9" * 5000)
    problem = refusal(caught.value, "duration")
    assert problem.startswith(f"{'9' * 40!r}… (5000 characters) is too long to be a duration")


def test_the_accepted_sentence_names_the_range_and_the_forms() -> None:
    assert f"a length between 1 minute and 24 hours, like {DURATION_FORMS}" == DURATION_ACCEPTED
    for form, minutes in [("45m", 45), ("1h30m", 90), ("1.5h", 90), ("90", 90), ("1:30", 90)]:
        assert form in DURATION_FORMS
        assert parse_duration(form) == minutes


def test_every_length_formats_and_parses_back() -> None:
    for minutes in range(1, MAX_SESSION_MINUTES + 1):
        assert parse_duration(format_minutes(minutes)) == minutes


# ── durations: properties ───────────────────────────────────────────────────────────────────────────

numbers = st.from_regex(r"[0-9]{1,4}(\.[0-9]{0,3})?|\.[0-9]{1,3}", fullmatch=True)
hour_units = st.sampled_from(["h", "hr", "hrs", "hour", "hours"])
minute_units = st.sampled_from(["m", "min", "mins", "minute", "minutes"])
spaces = st.sampled_from(["", " ", "  ", "\t"])
separators = st.sampled_from(["", " ", ", ", " and "])


@st.composite
def duration_like(draw: st.DrawFn) -> str:
    """Text shaped like the grammar, with values in and out of range, signs and odd cases."""
    body = draw(
        st.one_of(
            numbers,
            st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 30), st.integers(0, 99)),
            st.builds(lambda n, s, u: f"{n}{s}{u}", numbers, spaces, hour_units),
            st.builds(lambda n, s, u: f"{n}{s}{u}", numbers, spaces, minute_units),
            st.builds(
                lambda h, hu, sep, m, mu: f"{h}{hu}{sep}{m}{mu}",
                numbers,
                hour_units,
                separators,
                numbers,
                minute_units,
            ),
        )
    )
    sign = draw(st.sampled_from(["", "", "", "-", "−", "- "]))
    text = f"{draw(spaces)}{sign}{body}{draw(spaces)}"
    return text.upper() if draw(st.booleans()) else text


def check_duration(text: str) -> int | None:
    """The minutes of ``text``, or None after checking the refusal is an InputError that says what to use."""
    try:
        minutes = parse_duration(text)
    except InputError as error:
        problem = refusal(error, "duration")
        assert problem.endswith(f"; use {DURATION_ACCEPTED}")
        return None
    assert isinstance(minutes, int)
    assert 1 <= minutes <= MAX_SESSION_MINUTES
    return minutes


@PROPERTY
@given(st.text())
@example("9" * 5000)
@example("1" * 200 + "." + "5" * 5000 + "h")
def test_any_text_is_a_duration_in_range_or_a_clear_refusal(text: str) -> None:
    check_duration(text)


@PROPERTY
@given(duration_like())
def test_duration_like_text_is_in_range_and_round_trips(text: str) -> None:
    minutes = check_duration(text)
    if minutes is not None:
        assert parse_duration(format_minutes(minutes)) == minutes


@PROPERTY
@given(duration_like(), st.sampled_from(["-", "−", "- "]))
def test_a_sign_before_an_accepted_duration_is_called_negative(text: str, sign: str) -> None:
    if check_duration(text) is None or text.strip().startswith(("-", "−")):
        return
    with pytest.raises(InputError) as caught:
        parse_duration(sign + text.strip())
    assert " is negative; use " in refusal(caught.value, "duration")


@PROPERTY
@given(
    st.integers(0, 24),
    st.integers(0, 59),
    st.sampled_from(["{h}h{m}m", "{h}:{m:02d}", "{h} hours {m} minutes"]),
)
def test_hours_and_minutes_mean_the_same_in_every_form(hours: int, minutes: int, form: str) -> None:
    total = hours * 60 + minutes
    text = form.format(h=hours, m=minutes)
    if 1 <= total <= MAX_SESSION_MINUTES:
        assert parse_duration(text) == total
        assert parse_duration(str(total)) == total
    else:
        assert check_duration(text) is None


@PROPERTY
@given(st.integers(0, 24), st.integers(60, 9999), st.sampled_from(["{h}h{m}m", "{h} hours and {m} min"]))
def test_minutes_past_59_beside_any_hours_are_refused(hours: int, minutes: int, form: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(form.format(h=hours, m=minutes))
    assert f"has {minutes} minutes: with hours, give 0–59 minutes" in refusal(caught.value, "duration")


@PROPERTY
@given(st.integers(0, 10**6), st.integers(0, 4), st.sampled_from(["", "h"]))
def test_fractions_round_to_the_nearest_minute_halves_up(scaled: int, places: int, unit: str) -> None:
    """``12.345h`` is exactly 740.7 minutes, 741; never a float's idea of it."""
    whole, fraction = divmod(scaled, 10**places)
    text = f"{whole}.{fraction:0{places}d}{unit}" if places else f"{whole}{unit}"
    exact = Fraction(scaled, 10**places) * (60 if unit else 1)
    expected = int(exact + Fraction(1, 2))
    if 1 <= expected <= MAX_SESSION_MINUTES:
        assert parse_duration(text) == expected
    else:
        assert check_duration(text) is None


@PROPERTY
@given(duration_like(), st.sampled_from(["", " ", "\t", "\n"]), st.sampled_from(["", " ", "\n"]))
def test_case_and_surrounding_space_never_change_a_duration(text: str, before: str, after: str) -> None:
    minutes = check_duration(text)
    if minutes is not None:
        assert parse_duration(f"{before}{text.swapcase()}{after}") == minutes


# ── dates: the accepted grammar ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 23)),
        ("monday", date(2026, 11, 23)),
        ("mon", date(2026, 11, 23)),
        ("last monday", date(2026, 11, 23)),
        ("  Last   MONDAY ", date(2026, 11, 23)),
        ("tuesday", date(2026, 11, 17)),  # today is a Tuesday: "tuesday" is a week ago
        ("tue", date(2026, 11, 17)),
        ("tues", date(2026, 11, 17)),
        ("wed", date(2026, 11, 18)),
        ("thu", date(2026, 11, 19)),
        ("thurs", date(2026, 11, 19)),
        ("Fri", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 21)),
        ("sun", date(2026, 11, 22)),
        ("0 days ago", date(2026, 11, 24)),
        ("1 day ago", date(2026, 11, 23)),
        ("1 days ago", date(2026, 11, 23)),
        ("3 days ago", date(2026, 11, 21)),
        ("3 day ago", date(2026, 11, 21)),
        ("a day ago", date(2026, 11, 23)),
        ("a week ago", date(2026, 11, 17)),
        ("2 weeks ago", date(2026, 11, 10)),
        ("1 week ago", date(2026, 11, 17)),
        ("2026-11-20", date(2026, 11, 20)),
        (" 2026-11-20\n", date(2026, 11, 20)),
    ],
)
def test_date_forms_accepted(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_a_weekday_named_on_that_weekday_is_a_week_ago() -> None:
    monday = date(2026, 11, 23)
    assert parse_date("monday", today=monday) == date(2026, 11, 16)
    assert parse_date("last monday", today=monday) == date(2026, 11, 16)
    assert parse_date("today", today=monday) == monday


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "last week",
        "next monday",
        "this monday",
        "monday last week",
        "3 months ago",
        "in 3 days",
        "-3 days ago",
        "3 days",
        "days ago",
        "an week ago",
        "3.5 days ago",
        "mo",
        "2026/11/20",
        "20261124",
        "",
    ],
)
def test_other_date_text_is_refused_with_the_forms(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, today=TODAY, field="date")
    assert str(caught.value) == f"date: {text!r} is not a date; use {DATE_FORMS}"


def test_an_impossible_day_is_refused_with_the_forms() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("2026-02-30", today=TODAY)
    assert str(caught.value) == f"date: '2026-02-30' is not a day of the calendar; use {DATE_FORMS}"


@pytest.mark.parametrize(
    "text", ["1949-12-31", "30000 days ago", "99999999999 weeks ago", "9" * 5000 + " days ago"]
)
def test_a_date_before_1950_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, today=TODAY, field="from")
    assert " is too long ago; use a date from 1950 on, as " + DATE_FORMS in refusal(caught.value, "from")


def test_the_future_is_refused_unless_allowed() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("2026-11-25", today=TODAY, field="to")
    assert str(caught.value) == (
        f"to: '2026-11-25' is in the future; use today (2026-11-24) or earlier, as {DATE_FORMS}"
    )
    assert parse_date("2026-11-25", today=TODAY, allow_future=True) == date(2026, 11, 25)


def test_the_forms_constant_lists_forms_that_parse() -> None:
    for form in (
        "YYYY-MM-DD",
        "today",
        "yesterday",
        "monday",
        "mon",
        "last monday",
        "3 days ago",
        "2 weeks ago",
    ):
        assert form in DATE_FORMS
        if form != "YYYY-MM-DD":
            assert parse_date(form, today=TODAY) <= TODAY


# ── dates: properties ───────────────────────────────────────────────────────────────────────────────

WEEKDAY_NAMES = {
    0: ["monday", "mon"],
    1: ["tuesday", "tue", "tues"],
    2: ["wednesday", "wed"],
    3: ["thursday", "thu", "thur", "thurs"],
    4: ["friday", "fri"],
    5: ["saturday", "sat"],
    6: ["sunday", "sun"],
}
weekdays = st.sampled_from([(number, name) for number, names in WEEKDAY_NAMES.items() for name in names])
todays = st.dates(min_value=date(1951, 1, 1), max_value=date(2200, 12, 31))
gaps = st.text(" \t", min_size=1, max_size=3)


@st.composite
def mixed_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(letter.upper() if flip else letter for letter, flip in zip(text, flips, strict=True))


@st.composite
def date_like(draw: st.DrawFn) -> str:
    """Text shaped like the grammar: every relative form, ISO dates near and far, and near misses."""
    text = draw(
        st.one_of(
            st.sampled_from(["today", "yesterday", "tomorrow", "last", "ago", "a", "last week"]),
            weekdays.map(lambda pair: pair[1]),
            weekdays.map(lambda pair: f"last {pair[1]}"),
            st.builds(
                lambda count, unit: f"{count} {unit} ago",
                st.one_of(st.integers(0, 40000).map(str), st.just("a"), st.just("-1"), st.just("1.5")),
                st.sampled_from(["day", "days", "week", "weeks", "month", "hours"]),
            ),
            st.dates().map(date.isoformat),
            st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
        )
    )
    return f"{draw(st.sampled_from(['', ' ']))}{draw(mixed_case(text))}{draw(st.sampled_from(['', '  ']))}"


def check_date(text: str, today: date, *, allow_future: bool = False) -> date | None:
    try:
        parsed = parse_date(text, today=today, field="on", allow_future=allow_future)
    except InputError as error:
        assert DATE_FORMS in refusal(error, "on")
        return None
    assert parsed >= EARLIEST_DAY
    assert allow_future or parsed <= today
    return parsed


@PROPERTY
@given(st.text(), st.booleans())
@example("9" * 5000 + " weeks ago", False)
def test_any_text_is_a_date_in_range_or_a_refusal_listing_the_forms(text: str, allow_future: bool) -> None:
    check_date(text, TODAY, allow_future=allow_future)


@PROPERTY
@given(date_like(), todays, st.booleans())
def test_date_like_text_is_never_in_the_future_unless_allowed(
    text: str, today: date, allow_future: bool
) -> None:
    check_date(text, today, allow_future=allow_future)


@PROPERTY
@given(todays, weekdays, st.booleans(), gaps, st.data())
def test_a_weekday_is_the_last_one_before_today(
    today: date, weekday: tuple[int, str], last: bool, gap: str, data: st.DataObject
) -> None:
    number, name = weekday
    typed = data.draw(mixed_case(f"last{gap}{name}" if last else name))
    day = parse_date(typed, today=today)
    assert day.weekday() == number
    assert 1 <= (today - day).days <= 7
    assert parse_date(f"last {name}", today=today) == parse_date(name, today=today) == day


@PROPERTY
@given(todays, st.integers(0, 40000), st.sampled_from([("day", 1), ("days", 1), ("week", 7), ("weeks", 7)]))
def test_n_days_or_weeks_ago_counts_back_from_today(today: date, count: int, unit: tuple[str, int]) -> None:
    name, days = unit
    back = count * days
    if back <= (today - EARLIEST_DAY).days:
        assert parse_date(f"{count} {name} ago", today=today) == today - timedelta(days=back)
    else:
        with pytest.raises(InputError, match="too long ago"):
            parse_date(f"{count} {name} ago", today=today)


@PROPERTY
@given(st.dates(min_value=EARLIEST_DAY))
def test_every_day_from_1950_reads_back_from_its_iso_form(day: date) -> None:
    assert parse_date(day.isoformat(), today=TODAY, allow_future=True) == day


# ── a day well before the career start ──────────────────────────────────────────────────────────────


def test_a_day_decades_before_the_career_start_gets_a_warning() -> None:
    assert before_career_start(date(1990, 1, 1), date(2023, 6, 1)) == (
        "1990-01-01 is 33 years before your career start (2023-06-01); logged anyway. If the date is "
        "wrong: skilltrack session edit ID --date YYYY-MM-DD; if the career start is (see: skilltrack "
        "profile): skilltrack profile --set career_start=YYYY-MM-DD"
    )


def test_the_warning_names_the_session_and_what_was_done_when_given() -> None:
    warning = before_career_start(date(2015, 3, 2), date(2025, 3, 2), session_id="3f9a1c", done="changed")
    assert warning is not None
    assert warning.startswith("2015-03-02 is 10 years before your career start (2025-03-02); changed anyway.")
    assert "skilltrack session edit 3f9a1c --date YYYY-MM-DD;" in warning
    assert warning.endswith("skilltrack profile --set career_start=YYYY-MM-DD")


@pytest.mark.parametrize(
    ("day", "career_start", "warned"),
    [
        (date(2023, 6, 1), date(2023, 6, 1), False),  # the first day of the career
        (date(2030, 1, 1), date(2023, 6, 1), False),  # after it
        (date(2022, 6, 2), date(2023, 6, 1), False),  # within the year before: studying for the first job
        (date(2022, 6, 1), date(2023, 6, 1), True),  # a whole year before: "1 year"
        (date(2023, 2, 28), date(2024, 2, 29), True),  # a year before a 29 February
        (date(2023, 3, 1), date(2024, 2, 29), False),
        (date(1950, 1, 1), None, False),  # no career start set
    ],
)
def test_the_grace_year_before_the_career_start(day: date, career_start: date | None, warned: bool) -> None:
    warning = before_career_start(day, career_start)
    assert (warning is not None) == warned
    if warning is not None:
        assert warning.startswith(f"{day.isoformat()} is 1 year before your career start")


def whole_years(start: date, end: date) -> int:
    years = end.year - start.year
    return years - 1 if (end.month, end.day) < (start.month, start.day) else years


@PROPERTY
@given(st.dates(min_value=EARLIEST_DAY), st.dates(min_value=date(1951, 1, 1)))
def test_a_warning_exactly_when_a_year_or_more_before(day: date, career_start: date) -> None:
    warning = before_career_start(day, career_start)
    years = whole_years(day, career_start)
    if years >= CAREER_START_GRACE_YEARS:
        assert warning is not None
        assert warning.startswith(f"{day.isoformat()} is {years} year")
        assert f"({career_start.isoformat()})" in warning
        assert "\n" not in warning
    else:
        assert warning is None


# ── start times across the clocks' changes ──────────────────────────────────────────────────────────

LATER = datetime(2040, 1, 1, tzinfo=UTC)
"""A "now" after every start time below."""


@pytest.mark.parametrize(
    ("zone", "day", "at", "message"),
    [
        (
            "Europe/Berlin",
            date(2026, 3, 29),
            time(2, 30),
            "02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks went forward from 02:00 to "
            "03:00; use 03:00 or later, or a time before 02:00",
        ),
        (
            "Europe/Lisbon",
            date(2026, 3, 29),
            time(1, 30),
            "01:30 on 2026-03-29 does not exist in Europe/Lisbon: the clocks went forward from 01:00 to "
            "02:00; use 02:00 or later, or a time before 01:00",
        ),
        (
            "America/New_York",
            date(2026, 3, 8),
            time(2, 0),
            "02:00 on 2026-03-08 does not exist in America/New_York: the clocks went forward from 02:00 to "
            "03:00; use 03:00 or later, or a time before 02:00",
        ),
        (
            "Australia/Lord_Howe",
            date(2026, 10, 4),
            time(2, 15),
            "02:15 on 2026-10-04 does not exist in Australia/Lord_Howe: the clocks went forward from 02:00 "
            "to 02:30; use 02:30 or later, or a time before 02:00",
        ),
        (
            "America/Sao_Paulo",
            date(2018, 11, 4),
            time(0, 30),
            "00:30 on 2018-11-04 does not exist in America/Sao_Paulo: the clocks went forward from 00:00 "
            "to 01:00; use 01:00 or later",
        ),
        (
            "Pacific/Apia",
            date(2011, 12, 30),
            time(12, 0),
            "12:00 on 2011-12-30 does not exist in Pacific/Apia: the clocks went forward from 00:00 to "
            "00:00 on 2011-12-31; use another date: 2011-12-30 was skipped there",
        ),
    ],
)
def test_a_time_the_clocks_skipped_is_refused(zone: str, day: date, at: time, message: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_session_start(minutes=30, now_utc=LATER, zone=ZoneInfo(zone), day=day, at=at)
    assert refusal(caught.value, "at") == message


def test_the_first_and_last_minutes_around_a_gap_are_accepted() -> None:
    day = date(2026, 3, 29)
    before = resolve_session_start(minutes=30, now_utc=LATER, zone=BERLIN, day=day, at=time(1, 59))
    after = resolve_session_start(minutes=30, now_utc=LATER, zone=BERLIN, day=day, at=time(3, 0))
    assert before.started_at_utc == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert after.started_at_utc == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert before.note == after.note == ""


@pytest.mark.parametrize(
    ("zone", "day", "at", "started", "note"),
    [
        (
            "Europe/Berlin",
            date(2026, 10, 25),
            time(2, 30),
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            "02:30 on 2026-10-25 came twice in Europe/Berlin: the clocks went back from 03:00 to 02:00; "
            "took the first, 02:30 (CEST, UTC+02:00), before they went back",
        ),
        (
            "America/New_York",
            date(2026, 11, 1),
            time(1, 15),
            datetime(2026, 11, 1, 5, 15, tzinfo=UTC),
            "01:15 on 2026-11-01 came twice in America/New_York: the clocks went back from 02:00 to 01:00; "
            "took the first, 01:15 (EDT, UTC-04:00), before they went back",
        ),
        (
            "Australia/Lord_Howe",
            date(2026, 4, 5),
            time(1, 45),
            datetime(2026, 4, 4, 14, 45, tzinfo=UTC),
            "01:45 on 2026-04-05 came twice in Australia/Lord_Howe: the clocks went back from 02:00 to "
            "01:30; took the first, 01:45 (UTC+11:00), before they went back",
        ),
    ],
)
def test_a_time_that_came_twice_takes_the_first_and_says_so(
    zone: str, day: date, at: time, started: datetime, note: str
) -> None:
    start = resolve_session_start(minutes=30, now_utc=LATER, zone=ZoneInfo(zone), day=day, at=at)
    assert start == SessionStart(started, day, zone, note)


def test_in_the_repeated_hour_a_first_occurrence_already_past_is_accepted() -> None:
    """At 02:10 the second time, 02:30 the first time was 40 minutes ago, not 20 minutes ahead."""
    now = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 02:10 CET, after the clocks went back
    start = resolve_session_start(minutes=20, now_utc=now, zone=BERLIN, at=time(2, 30))
    assert start.started_at_utc == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert start.note.startswith("02:30 on 2026-10-25 came twice in Europe/Berlin")


def test_an_ordinary_time_has_no_note_and_session_starts_stay_three_fields_to_build() -> None:
    start = resolve_session_start(minutes=30, now_utc=LATER, zone=LISBON, day=date(2026, 7, 1), at=time(9, 0))
    assert start.note == ""
    assert SessionStart(start.started_at_utc, start.local_day, start.time_zone) == start


def test_a_start_time_typed_without_a_session_to_place_is_checked_the_same_way() -> None:
    """``session edit --date/--at`` reads a start in the session's own zone: gaps refused, overlaps noted."""
    with pytest.raises(InputError, match="does not exist in Europe/Berlin"):
        wall_clock_start(date(2026, 3, 29), time(2, 30), BERLIN)
    started, note = wall_clock_start(date(2026, 10, 25), time(2, 30), BERLIN)
    assert started.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert note.startswith("02:30 on 2026-10-25 came twice")
    assert wall_clock_start(date(2026, 7, 1), time(9, 0), LISBON) == (
        datetime(2026, 7, 1, 9, 0, tzinfo=LISBON),
        "",
    )


DST_ZONES = [
    "Europe/Berlin",
    "Europe/Lisbon",
    "Europe/Dublin",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Asia/Tehran",
    "Africa/Casablanca",
    "UTC",
]


def wall_clock_readings(naive: datetime, zone: ZoneInfo) -> list[datetime]:
    """Every UTC instant whose clock in ``zone`` reads ``naive``, found from the offsets used near it."""
    offsets = {
        (naive.replace(tzinfo=UTC) + timedelta(hours=hours)).astimezone(zone).utcoffset()
        for hours in range(-48, 49)
    }
    instants = {naive.replace(tzinfo=UTC) - offset for offset in offsets if offset is not None}
    return sorted(instant for instant in instants if instant.astimezone(zone).replace(tzinfo=None) == naive)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(DST_ZONES),
    st.dates(min_value=date(1970, 1, 1), max_value=date(2037, 12, 31)),
    st.times().map(lambda moment: moment.replace(second=0, microsecond=0)),
)
@example("Europe/Berlin", date(2026, 3, 29), time(2, 30))
@example("Europe/Berlin", date(2026, 10, 25), time(2, 30))
@example("Pacific/Apia", date(2011, 12, 30), time(9, 0))
def test_a_start_time_is_the_time_typed_or_refused_when_it_never_came(
    zone_name: str, day: date, at: time
) -> None:
    zone = ZoneInfo(zone_name)
    readings = wall_clock_readings(datetime.combine(day, at), zone)
    try:
        start = resolve_session_start(minutes=30, now_utc=LATER, zone=zone, day=day, at=at)
    except InputError as error:
        assert f"does not exist in {zone_name}: the clocks went forward" in refusal(error, "at")
        assert readings == []
        return
    assert start.started_at_utc == readings[0]
    assert start.local_day == day
    assert bool(start.note) == (len(readings) > 1)
