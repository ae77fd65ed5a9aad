"""Readiness over time: a level's percent week by week, when each expectation was first met (or lapsed,
its evidence aged out of its window), and what moved since last month.

Pure: from readiness as it stood on a series of days (:func:`skilltrack.record.progress.load_progress`
works that out from the dated record), oldest first, the last one today.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from skilltrack.domain.framework import Expectation, Level
from skilltrack.domain.readiness import ExpectationResult, LevelReadiness, Readiness, Status

LAST_MONTH_DAYS = 28
""""Since last month" compares today with four weeks ago."""


@dataclass(frozen=True)
class Point:
    """One day of the series: the level's percent, and what it was made of."""

    day: date
    percent: int
    shown_percent: int
    met: int
    partial: int
    claimed: int
    total: int


class Happened(StrEnum):
    MET = "met"
    """Shown by the record for the first time in the series."""
    MET_AGAIN = "met again"
    LAPSED = "lapsed"
    """No longer shown: its evidence aged out of its window, or its practice stopped."""


@dataclass(frozen=True)
class Milestone:
    day: date
    """The first day of the series it is seen on (the series is weekly: it happened that week)."""
    expectation: Expectation
    happened: Happened


@dataclass(frozen=True)
class Change:
    """One expectation between a month ago and today."""

    expectation: Expectation
    before: ExpectationResult
    after: ExpectationResult

    @property
    def percent_points(self) -> int:
        """How far it moved, in points of its own 0–100 share."""
        return round(100 * (self.after.fraction - self.before.fraction))


@dataclass(frozen=True)
class Progress:
    level: Level
    points: tuple[Point, ...]
    """Oldest first; the last one is today."""
    milestones: tuple[Milestone, ...]
    """In the order they happened."""
    already_met: tuple[Expectation, ...]
    """Met at the start of the series: when they were first met lies before it."""
    since: date
    """The day "since last month" compares with (the point nearest four weeks before today)."""
    met: tuple[Change, ...]
    """Shown by the record now, not a month ago."""
    lost: tuple[Change, ...]
    """Shown a month ago, not now."""
    moved: tuple[Change, ...]
    """Moved otherwise (closer or further, or a claim made), biggest move first."""

    @property
    def today(self) -> Point:
        return self.points[-1]

    @property
    def change(self) -> int:
        """Percentage points gained (or lost) over the whole series."""
        return self.points[-1].percent - self.points[0].percent


def _point(day: date, level: LevelReadiness) -> Point:
    return Point(
        day,
        level.percent,
        level.shown_percent,
        level.met,
        level.count(Status.PARTIAL),
        level.count(Status.CLAIMED),
        level.total,
    )


def _milestones(
    days: Sequence[date], levels: Sequence[LevelReadiness]
) -> tuple[list[Milestone], list[Expectation]]:
    milestones: list[Milestone] = []
    already: list[Expectation] = []
    first = levels[0]
    for position, result in enumerate(first.results):
        expectation = result.expectation
        was_met = result.status is Status.MET
        if was_met:
            already.append(expectation)
        ever_met = was_met
        for day, level in zip(days[1:], levels[1:], strict=True):
            met_now = level.results[position].status is Status.MET
            if met_now and not was_met:
                milestones.append(
                    Milestone(day, expectation, Happened.MET_AGAIN if ever_met else Happened.MET)
                )
                ever_met = True
            elif was_met and not met_now:
                milestones.append(Milestone(day, expectation, Happened.LAPSED))
            was_met = met_now
    milestones.sort(key=lambda milestone: milestone.day)
    return milestones, already


def progress_of(level_id: str, series: Sequence[tuple[date, Readiness]]) -> Progress:
    """The level's progress over ``series`` (readiness as it stood each day, oldest first)."""
    days = [day for day, _ in series]
    levels = [readiness.level(level_id) for _, readiness in series]
    milestones, already = _milestones(days, levels)
    today = days[-1]
    month_ago = today - timedelta(days=LAST_MONTH_DAYS)
    position = min(range(len(days)), key=lambda index: abs((days[index] - month_ago).days))
    before, after = levels[position], levels[-1]
    changes = [
        Change(now.expectation, then, now) for then, now in zip(before.results, after.results, strict=True)
    ]
    met = tuple(c for c in changes if c.after.status is Status.MET and c.before.status is not Status.MET)
    lost = tuple(c for c in changes if c.before.status is Status.MET and c.after.status is not Status.MET)
    moved = tuple(
        sorted(
            (
                c
                for c in changes
                if c not in met
                and c not in lost
                and (c.percent_points or c.before.status is not c.after.status)
            ),
            key=lambda c: -abs(c.percent_points),
        )
    )
    return Progress(
        levels[-1].level,
        tuple(_point(day, level) for day, level in zip(days, levels, strict=True)),
        tuple(milestones),
        tuple(already),
        days[position],
        met,
        lost,
        moved,
    )
