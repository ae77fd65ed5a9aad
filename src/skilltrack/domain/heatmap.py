"""A calendar heatmap of learning minutes: weeks as columns, weekdays as rows, 5 intensity steps.

Pure: the widget that draws it passes the minutes per day and today.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from skilltrack.domain.dates import week_start

STEPS = 5
"""Intensity steps: 0 for no learning, then 1 to 4."""
STEP_MINUTES = (1, 30, 60, 120)
"""The least minutes in a day for steps 1, 2, 3 and 4: fixed, so a colour means the same every week."""


@dataclass(frozen=True)
class HeatmapCell:
    day: date
    minutes: int
    step: int
    """0 (none) to 4 (two hours or more)."""
    future: bool


def intensity(minutes: int) -> int:
    return sum(minutes >= threshold for threshold in STEP_MINUTES)


def heatmap_columns(daily_minutes: Mapping[date, int], today: date, weeks: int) -> list[list[HeatmapCell]]:
    """``weeks`` columns of seven cells (Monday first), the last column holding today."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    columns = []
    for week in range(weeks):
        column = []
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            minutes = daily_minutes.get(day, 0)
            column.append(HeatmapCell(day, minutes, intensity(minutes), day > today))
        columns.append(column)
    return columns


def month_labels(columns: list[list[HeatmapCell]]) -> list[tuple[int, str]]:
    """(column, "Jan") where a month begins within that week, skipping a label that would collide."""
    labels: list[tuple[int, str]] = []
    for index, column in enumerate(columns):
        first_of_month = next((cell.day for cell in column if cell.day.day == 1), None)
        if index == 0:
            first_of_month = first_of_month or column[0].day
        if first_of_month is not None and (not labels or index - labels[-1][0] >= 4):
            labels.append((index, f"{first_of_month:%b}"))
    return labels


def weekly_minutes(daily_minutes: Mapping[date, int], today: date, weeks: int) -> list[int]:
    """Minutes per ISO week, oldest first, the last being this week."""
    return [sum(cell.minutes for cell in column) for column in heatmap_columns(daily_minutes, today, weeks)]
