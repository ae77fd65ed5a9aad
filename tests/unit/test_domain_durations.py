"""Durations as people type them, and as skilltrack shows them."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skilltrack.domain.durations import MAX_SESSION_MINUTES, format_hours, format_minutes, parse_duration
from skilltrack.domain.errors import InputError

# The autouse environment fixture is function-scoped; it only fixes env vars, so sharing it between
# generated examples is harmless.
CORE = settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("1h30m", 90),
        ("1.5h", 90),
        ("90", 90),
        ("1:30", 90),
        ("2h", 120),
        ("1h 30m", 90),
        (" 45 m ", 45),
        ("90min", 90),
        ("1.25h", 75),
        ("1H30M", 90),
        ("90 minutes", 90),
        ("1 hour 30 mins", 90),
        ("2 hrs", 120),
        ("0:45", 45),
        ("24h", 1440),
        ("1440", 1440),
        ("1m", 1),
        (".5h", 30),
        ("\t45m\n", 45),
    ],
)
def test_parse_duration_accepts(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    [
        "0",
        "0m",
        "-5",
        "25h",
        "24h1m",
        "abc",
        "",
        "   ",
        "1:75",
        "h",
        "m",
        "1441",
        "0.4",
        "1e5",
        "1h30",
        "45s",
    ],
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    error = caught.value
    assert error.field == "duration"
    assert str(error).startswith("duration: ")
    assert repr(text) in error.problem
    # The message says what would be accepted.
    assert "between 1 minute and 24 hours" in error.problem
    assert "45m" in error.problem
    assert "1h30m" in error.problem


def test_parse_duration_uses_the_field_name_given() -> None:
    with pytest.raises(InputError) as caught:
        parse_duration("soon", field="length")
    assert caught.value.field == "length"
    assert str(caught.value).startswith("length: ")


@pytest.mark.parametrize(
    "text",
    ["9" * 400, "9" * 400 + "h", "9" * 330 + "m", "1" + "0" * 320 + ".5h"],
    ids=["400-digit minutes", "400-digit hours", "330-digit minutes with unit", "321-digit decimal hours"],
)
def test_parse_duration_refuses_huge_numbers_with_an_input_error(text: str) -> None:
    """Numbers too big for a float must be refused like any other out-of-range length, not crash."""
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert caught.value.field == "duration"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "1m"), (45, "45m"), (60, "1h"), (95, "1h35m"), (120, "2h"), (61, "1h01m"), (1440, "24h")],
)
def test_format_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 h"), (60, "1 h"), (360, "6 h"), (90, "1.5 h"), (45, "0.8 h"), (600, "10 h"), (1440, "24 h")],
)
def test_format_hours(minutes: int, text: str) -> None:
    assert format_hours(minutes) == text


def test_format_hours_matches_its_documented_example() -> None:
    """The docstring promises ``375`` → ``6.3 h`` (6.25 hours, halves rounded up)."""
    assert format_hours(375) == "6.3 h"


@CORE
@given(st.text())
@example("9" * 400)
def test_parse_duration_returns_minutes_in_range_or_input_error(text: str) -> None:
    try:
        minutes = parse_duration(text)
    except InputError as error:
        assert error.field == "duration"
    else:
        assert isinstance(minutes, int)
        assert 1 <= minutes <= MAX_SESSION_MINUTES


@CORE
@given(st.text("0123456789.", min_size=1, max_size=400), st.sampled_from(["", "h", "m", "min", " h", ":30"]))
def test_parse_duration_on_number_like_text_returns_minutes_or_input_error(number: str, unit: str) -> None:
    try:
        minutes = parse_duration(number + unit)
    except InputError:
        return
    assert 1 <= minutes <= MAX_SESSION_MINUTES


@CORE
@given(st.integers(min_value=1, max_value=MAX_SESSION_MINUTES))
def test_formatted_minutes_round_trip(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)) == minutes
    assert parse_duration(str(minutes)) == minutes
