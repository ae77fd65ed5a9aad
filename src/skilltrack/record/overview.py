"""The composite reads: what ``status``, the app's dashboard, ``plan`` and the report are drawn from.

Each is one call inside one read transaction, so everything it returns is of the same moment: the
dashboard's level meters and its plan can never disagree. Each is a handful of aggregate queries over
indexed columns (the family modules' reads) and then the pure rules of :mod:`skilltrack.domain`;
nothing loads every session.
"""

from __future__ import annotations  # the plan's and the report's types load with them only

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from skilltrack.domain.dates import week_start
from skilltrack.domain.facts import RecordFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import LevelReadiness, Readiness, assess
from skilltrack.domain.streaks import current_streak, longest_streak
from skilltrack.record import profile, sessions
from skilltrack.record.facts import load_facts
from skilltrack.record.sessions import SessionRow, TimerRow
from skilltrack.record.skills import SkillRow, skill_rows

if TYPE_CHECKING:  # status needs no report; the plan's module loads when a plan is built
    from skilltrack.domain.plan import Plan, PlanFacts
    from skilltrack.domain.report import ReportData

HEATMAP_WEEKS = 53


@dataclass(frozen=True)
class Overview:
    """The record at a glance, as ``status`` prints it."""

    today: date
    readiness: Readiness
    target_level: str
    """The profile's target level, or the first level of the ladder when none is set."""
    this_week_minutes: int
    last_week_minutes: int
    streak_days: int
    timer: TimerRow | None
    plan: Plan
    """This week's plan toward the target level, and its forecast, from the same readiness."""

    @property
    def target(self) -> LevelReadiness:
        return self.readiness.level(self.target_level)


@dataclass(frozen=True)
class Dashboard:
    """The app's first screen: the overview, a year of days, the skills, and this week's plan."""

    overview: Overview
    daily_minutes: dict[date, int]
    """Minutes per local day over the heatmap's weeks."""
    longest_streak_days: int
    recent: list[SessionRow]
    skills: list[SkillRow]

    @property
    def plan(self) -> Plan:
        return self.overview.plan


def heatmap_start(today: date) -> date:
    """The Monday that opens the heatmap: ``HEATMAP_WEEKS`` columns ending with this week."""
    return week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)


def _overview(
    db: sqlite3.Connection, framework: Framework, today: date, facts: RecordFacts, days: list[date]
) -> Overview:
    from skilltrack.domain.plan import build_plan

    monday = week_start(today)
    readiness = assess(facts, framework, today)
    target = profile.target_level(db, framework=framework)
    plan = build_plan(
        readiness.level(target), framework, plan_facts(db, framework=framework, today=today), today
    )
    return Overview(
        today=today,
        readiness=readiness,
        target_level=target,
        this_week_minutes=sessions.minutes_between(db, first=monday, last=today),
        last_week_minutes=sessions.minutes_between(
            db, first=monday - timedelta(days=7), last=monday - timedelta(days=1)
        ),
        streak_days=current_streak(days[::-1], today),
        timer=sessions.running_timer(db),
        plan=plan,
    )


def load_overview(db: sqlite3.Connection, *, framework: Framework, today: date) -> Overview:
    facts = load_facts(db, framework=framework, today=today)
    return _overview(db, framework, today, facts, sessions.active_days(db))


def plan_facts(db: sqlite3.Connection, *, framework: Framework, today: date) -> PlanFacts:
    """What the plan needs besides readiness: the weeks since the first session, the target."""
    from skilltrack.domain.plan import PACE_WEEKS, PlanFacts

    settings = profile.read_profile(db)
    first = sessions.first_day(db)
    history = (week_start(today) - week_start(first)).days // 7 if first is not None else 0
    return PlanFacts(
        weekly_minutes=sessions.weekly_minutes(db, today=today, weeks=min(history, PACE_WEEKS)),
        history_weeks=history,
        target_date=settings.target_date,
        target_level=profile.target_level(db, framework=framework),
        minutes_this_week=sessions.minutes_between(db, first=week_start(today), last=today),
    )


def load_dashboard(db: sqlite3.Connection, *, framework: Framework, today: date) -> Dashboard:
    facts = load_facts(db, framework=framework, today=today)
    days = sessions.active_days(db)
    return Dashboard(
        overview=_overview(db, framework, today, facts, days),
        daily_minutes=sessions.daily_minutes(db, first=heatmap_start(today), last=today),
        longest_streak_days=longest_streak(days),
        recent=sessions.recent_sessions(db, limit=8),
        skills=skill_rows(db, today=today),
    )


def load_plan(db: sqlite3.Connection, *, framework: Framework, today: date, level_id: str | None) -> Plan:
    """The plan toward ``level_id`` (the target level when ``None``)."""
    from skilltrack.domain.plan import build_plan

    facts = load_facts(db, framework=framework, today=today)
    readiness = assess(facts, framework, today)
    chosen = level_id or profile.target_level(db, framework=framework)
    return build_plan(
        readiness.level(chosen),
        framework,
        plan_facts(db, framework=framework, today=today),
        today,
    )


def load_report(
    db: sqlite3.Connection, *, framework: Framework, today: date, level_id: str | None
) -> ReportData:
    """Everything the readiness report for ``level_id`` (the target level when ``None``) is drawn from."""
    from skilltrack.domain.plan import build_plan
    from skilltrack.domain.report import ReportData
    from skilltrack.record.interviews import load_interview_status
    from skilltrack.record.stories import load_story_coverage

    facts = load_facts(db, framework=framework, today=today)
    readiness = assess(facts, framework, today)
    target = profile.target_level(db, framework=framework)
    chosen = level_id or target
    plan = build_plan(
        readiness.level(chosen),
        framework,
        plan_facts(db, framework=framework, today=today),
        today,
    )
    person = profile.read_profile(db)
    return ReportData(
        today=today,
        framework=framework,
        readiness=readiness,
        level_id=chosen,
        target_level=target,
        name=person.name,
        title=person.title,
        target_date=person.target_date,
        plan=plan,
        interviews=load_interview_status(db, framework=framework, today=today),
        stories=load_story_coverage(db, framework=framework, level_id=chosen),
    )
