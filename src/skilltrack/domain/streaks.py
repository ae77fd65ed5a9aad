"""Streaks of consecutive days with learning, from the distinct days that have any."""

from collections.abc import Sequence
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def current_streak(days_descending: Sequence[date], today: date) -> int:
    """Consecutive days up to today, or up to yesterday while today is still open."""
    # Days after today (logged in a zone ahead of this one) do not count yet.
    past = [day for day in days_descending if day <= today]
    if not past:
        return 0
    expected = today if past[0] == today else today - ONE_DAY
    streak = 0
    for day in past:
        if day != expected:
            break
        streak += 1
        expected -= ONE_DAY
    return streak


def longest_streak(days_ascending: Sequence[date]) -> int:
    longest = run = 0
    previous: date | None = None
    for day in days_ascending:
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    return longest
