"""The record at a glance: what ``skilltrack status`` prints and the app's dashboard draws.

A handful of aggregate queries (plain SQL, :mod:`skilltrack.db.reads`), then the pure readiness rules;
nothing here loads every session, and nothing imports the ORM: ``overview_from`` and
``dashboard_from`` take a ``sqlite3.Connection`` (the direct path's, or an ORM session's), and
``load_overview`` / ``load_dashboard`` take a session.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from skilltrack.db import reads
from skilltrack.domain.dates import week_start
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import LevelReadiness, Readiness, assess
from skilltrack.domain.streaks import current_streak, longest_streak

if TYPE_CHECKING:
    from sqlmodel import Session

HEATMAP_WEEKS = 53


@dataclass(frozen=True)
class Overview:
    today: date
    readiness: Readiness
    target_level: str
    """The profile's target level, or the first level of the ladder when none is set."""
    this_week_minutes: int
    last_week_minutes: int
    streak_days: int
    timer: reads.TimerRow | None

    @property
    def target(self) -> LevelReadiness:
        return self.readiness.level(self.target_level)


@dataclass(frozen=True)
class Dashboard:
    overview: Overview
    daily_minutes: dict[date, int]
    """Minutes per local day over the heatmap's weeks."""
    longest_streak_days: int
    recent: list[reads.SessionRow]
    skills: list[reads.SkillRow]


def _connection(session: "Session") -> sqlite3.Connection:
    from skilltrack.db.engine import sqlite_connection

    session.flush()
    return sqlite_connection(session)


def target_level(session: "Session", framework: Framework) -> str:
    """The profile's target level, or the first level of the ladder when none is set."""
    return reads.target_level(_connection(session), framework)


def overview_from(connection: sqlite3.Connection, framework: Framework, today: date) -> Overview:
    monday = week_start(today)
    days = reads.active_days(connection)
    return Overview(
        today=today,
        readiness=assess(reads.load_record(connection, framework, today), framework, today),
        target_level=reads.target_level(connection, framework),
        this_week_minutes=reads.minutes_between(connection, monday, today),
        last_week_minutes=reads.minutes_between(
            connection, monday - timedelta(days=7), monday - timedelta(days=1)
        ),
        streak_days=current_streak(days[::-1], today),
        timer=reads.running_timer(connection),
    )


def load_overview(session: "Session", framework: Framework, today: date) -> Overview:
    return overview_from(_connection(session), framework, today)


def heatmap_start(today: date) -> date:
    """The Monday that opens the heatmap: ``HEATMAP_WEEKS`` columns ending with this week."""
    return week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)


def dashboard_from(connection: sqlite3.Connection, framework: Framework, today: date) -> Dashboard:
    return Dashboard(
        overview=overview_from(connection, framework, today),
        daily_minutes=reads.daily_minutes(connection, heatmap_start(today), today),
        longest_streak_days=longest_streak(reads.active_days(connection)),
        recent=reads.recent_sessions(connection, limit=8),
        skills=reads.skill_rows(connection, today),
    )


def load_dashboard(session: "Session", framework: Framework, today: date) -> Dashboard:
    return dashboard_from(_connection(session), framework, today)
