"""The record at a glance: what ``skilltrack status`` prints and the app's dashboard draws.

A handful of aggregate queries, then the pure readiness rules; nothing here loads every session.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from skilltrack.db import queries
from skilltrack.domain.dates import week_start
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import LevelReadiness, Readiness, assess
from skilltrack.domain.streaks import current_streak, longest_streak

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
    timer: queries.TimerRow | None

    @property
    def target(self) -> LevelReadiness:
        return self.readiness.level(self.target_level)


@dataclass(frozen=True)
class Dashboard:
    overview: Overview
    daily_minutes: dict[date, int]
    """Minutes per local day over the heatmap's weeks."""
    longest_streak_days: int
    recent: list[queries.SessionRow]
    skills: list[queries.SkillRow]


def target_level(session: Session, framework: Framework) -> str:
    level_ids = [level.id for level in framework.levels]
    chosen = queries.get_profile(session).target_level
    return chosen if chosen in level_ids else level_ids[0]


def load_overview(session: Session, framework: Framework, today: date) -> Overview:
    monday = week_start(today)
    days = queries.active_days(session)
    return Overview(
        today=today,
        readiness=assess(queries.load_record(session, framework, today), framework, today),
        target_level=target_level(session, framework),
        this_week_minutes=queries.minutes_between(session, monday, today),
        last_week_minutes=queries.minutes_between(
            session, monday - timedelta(days=7), monday - timedelta(days=1)
        ),
        streak_days=current_streak(days[::-1], today),
        timer=queries.running_timer(session),
    )


def heatmap_start(today: date) -> date:
    """The Monday that opens the heatmap: ``HEATMAP_WEEKS`` columns ending with this week."""
    return week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)


def load_dashboard(session: Session, framework: Framework, today: date) -> Dashboard:
    return Dashboard(
        overview=load_overview(session, framework, today),
        daily_minutes=queries.daily_minutes(session, heatmap_start(today), today),
        longest_streak_days=longest_streak(queries.active_days(session)),
        recent=queries.recent_sessions(session, limit=8),
        skills=queries.skill_rows(session, today),
    )
