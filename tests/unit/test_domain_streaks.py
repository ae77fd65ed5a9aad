"""Streaks of consecutive days with learning."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.domain.streaks import current_streak, longest_streak

TODAY = date(2026, 11, 24)
CORE = settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])


def days_ago(*offsets: int) -> list[date]:
    """Days ``offsets`` days before TODAY, newest first, as storage hands them over."""
    return sorted({TODAY - timedelta(days=offset) for offset in offsets}, reverse=True)


@pytest.mark.parametrize(
    ("offsets", "streak"),
    [
        ((0,), 1),
        ((0, 1, 2), 3),
        ((0, 1, 2, 4, 5), 3),
        ((1,), 1),  # today still open: the streak runs through yesterday
        ((1, 2, 3), 3),
        ((1, 2, 3, 5), 3),
        ((0, 2, 3), 1),
        ((2,), 0),  # the last day is older than yesterday
        ((2, 3, 4), 0),
        ((30, 31), 0),
    ],
)
def test_current_streak(offsets: tuple[int, ...], streak: int, today: date) -> None:
    assert current_streak(days_ago(*offsets), today) == streak


def test_current_streak_of_nothing_is_zero(today: date) -> None:
    assert current_streak([], today) == 0


def test_current_streak_runs_across_month_and_year_ends() -> None:
    new_year = date(2027, 1, 2)
    days = [date(2027, 1, 2), date(2027, 1, 1), date(2026, 12, 31), date(2026, 12, 30)]
    assert current_streak(days, new_year) == 4


@pytest.mark.parametrize(
    ("offsets", "streak"),
    [
        ((0,), 1),
        ((5, 4, 3, 1, 0), 3),
        ((10, 9, 8, 7, 2, 1, 0), 4),
        ((6, 4, 2, 0), 1),
        ((1, 0), 2),
    ],
)
def test_longest_streak(offsets: tuple[int, ...], streak: int) -> None:
    assert longest_streak(sorted(days_ago(*offsets))) == streak


def test_longest_streak_of_nothing_is_zero() -> None:
    assert longest_streak([]) == 0


def test_longest_streak_across_a_leap_day() -> None:
    assert longest_streak([date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]) == 3
    assert longest_streak([date(2025, 2, 28), date(2025, 3, 1)]) == 2


@CORE
@given(st.sets(st.integers(min_value=0, max_value=60), max_size=40))
def test_longest_streak_is_at_least_the_current_one(offsets: set[int]) -> None:
    descending = days_ago(*offsets)
    ascending = list(reversed(descending))
    current = current_streak(descending, TODAY)
    longest = longest_streak(ascending)
    assert 0 <= current <= longest <= len(offsets)
    if offsets:
        assert longest >= 1
    if 0 in offsets or 1 in offsets:
        assert current >= 1
    else:
        assert current == 0


@CORE
@given(st.integers(min_value=1, max_value=400), st.booleans())
def test_an_unbroken_run_is_both_current_and_longest(length: int, today_done: bool) -> None:
    start = 0 if today_done else 1
    offsets = range(start, start + length)
    assert current_streak(days_ago(*offsets), TODAY) == length
    assert longest_streak(sorted(days_ago(*offsets))) == length


def test_a_day_ahead_of_today_does_not_break_the_streak_through_yesterday() -> None:
    """After travel, a session can count for a day that is still ahead of today where the person is now.

    That day is skipped; with today still empty the streak runs through yesterday as usual.
    """
    tomorrow = TODAY + timedelta(days=1)
    assert current_streak([tomorrow, *days_ago(0, 1)], TODAY) == 2
    assert current_streak([tomorrow, *days_ago(1, 2)], TODAY) == 2
